"""Register speed: numbers per second with 1, 4 and 8 concurrent writer processes, on SQLite and
on PostgreSQL, in one run.

    python benchmarks/bench_register.py                      # 800 numbers per configuration
    python benchmarks/bench_register.py --n 2000
    python benchmarks/bench_register.py --url postgresql://…  # an existing server (a fresh agency)

Each writer issues its share of N numbers the way ``vanban render --final`` does for a document
that is not a file of ours: reserve (the number is allocated in the transaction that records the
entry) then issue — two committed transactions per number. Without ``--url`` a throw-away
PostgreSQL cluster is started in a temporary folder with fsync on (SQLite runs with
``synchronous=FULL``: both survive a power cut). After each run the series is checked: N
numbers, 1…N, none twice. Ratios: against 1 writer of the same backend, and PostgreSQL against
SQLite at the same number of writers. Other work on the machine disturbs the figures; run again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WRITERS = (1, 4, 8)


def _writer(location: str, agency: str | None, count: int, barrier) -> None:
    from generator.register import Register

    register = Register(location, agency=agency)
    barrier.wait()
    with register.issuing(user="bench") as session:
        for _ in range(count):
            session.issue(session.reserve(kind="quyet-dinh", type_code="QĐ", ky_hieu="QĐ-BQL",
                                          date=dt.date(2024, 5, 2)))
    register.close()


def run(location: str, agency: str | None, writers: int, total: int, *, own_agency: bool = False) -> float:
    """Seconds for ``writers`` processes to issue ``total`` numbers between them (all in one
    series, or with ``own_agency`` each writer in an agency of its own)."""
    from generator.register import Register

    Register(location, agency=agency, create=True).close()
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(writers + 1)
    share = [total // writers + (1 if i < total % writers else 0) for i in range(writers)]
    agencies = [f"{agency}-{i}" if own_agency else agency for i in range(writers)]
    procs = [ctx.Process(target=_writer, args=(location, a, n, barrier)) for a, n in zip(agencies, share)]
    for proc in procs:
        proc.start()
    barrier.wait()
    start = time.perf_counter()
    for proc in procs:
        proc.join()
    seconds = time.perf_counter() - start
    if any(p.exitcode != 0 for p in procs):
        raise SystemExit("a writer failed")
    for each, n in ({agency: total} if not own_agency else dict(zip(agencies, share))).items():
        with Register(location, agency=each) as register:
            got = [e.number for e in register.list(year=2024)]
        if got != list(range(1, n + 1)):
            raise SystemExit(f"the series is wrong: {len(got)} numbers, {len(set(got))} distinct")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=800, help="numbers per configuration")
    parser.add_argument("--url", default=None, help="an existing PostgreSQL server (default: a throw-away one)")
    args = parser.parse_args()

    results: dict[tuple[str, int], float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for writers in WRITERS:
            results[("sqlite", writers)] = run(str(Path(tmp) / f"so-{writers}.sqlite3"), None, writers, args.n)
        cluster = None
        url = args.url
        if url is None:
            from tests.postgres_server import Cluster, find_bin

            bindir = find_bin()
            if bindir is None:
                raise SystemExit("PostgreSQL binaries not found (apt-get install postgresql) — or give --url")
            cluster = Cluster(bindir, durable=True)
            url = cluster.new_database()
        try:
            for writers in WRITERS:
                results[("postgresql", writers)] = run(url, f"bench-{uuid.uuid4().hex[:8]}", writers, args.n)
            spread = run(url, f"bench-{uuid.uuid4().hex[:8]}", WRITERS[-1], args.n, own_agency=True)
        finally:
            if cluster is not None:
                cluster.remove()

    print(f"Register: {args.n} numbers (reserve + issue) per configuration, numbers per second")
    print(f"  {'backend':<11} {'writers':>7} {'numbers/s':>10} {'vs 1 writer':>12} {'vs SQLite':>10}")
    for backend in ("sqlite", "postgresql"):
        for writers in WRITERS:
            rate = args.n / results[(backend, writers)]
            one = args.n / results[(backend, 1)]
            sqlite = args.n / results[("sqlite", writers)]
            print(f"  {backend:<11} {writers:>7} {rate:>10.0f} {rate / one:>11.2f}x {rate / sqlite:>9.2f}x")
    rate, one = args.n / spread, args.n / results[("postgresql", 1)]
    print(f"  postgresql, {WRITERS[-1]} writers in {WRITERS[-1]} agencies (no shared series): {rate:.0f} numbers/s, "
          f"{rate / one:.2f}x 1 writer")


if __name__ == "__main__":
    main()
