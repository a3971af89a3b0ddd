"""PDF export: warm LibreOffice workers (UNO) with 2 and 1 workers, against the cold path.

    python benchmarks/bench_pdf.py [--n 100] [--sample 5] [--kind decision|plan] [--repeat 3]

Converts N copies of one document (a one-page decision by default, ``--kind plan`` for the
seven-page seed plan), all measured in the same run:

- warm, 2 workers and 1 worker (what ``vanban pdf --jobs N`` does where ``uno`` is available);
- cold, 2 workers and 1 worker (``soffice --convert-to`` per chunk: the fallback, and what ran
  before the warm workers);
- one LibreOffice start per document (the plain way), timed on ``--sample`` documents.

Prints the time per document and the ratios (with ``--repeat R`` the four ways are run R times,
interleaved, so that a change in the machine's load hits them alike; the medians are printed).
Needs LibreOffice and, for the warm figures, python3-uno. Figures are disturbed by whatever else runs on the machine. Not run by the tests.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import pipeline  # noqa: E402
from generator.pdf import convert_to_pdf  # noqa: E402

SAMPLES = {"decision": ROOT / "samples" / "quyet-dinh-hai-dieu-ubnd-xa.yaml",
           "plan": ROOT / "samples" / "ke-hoach-1626-KH-BQL.yaml"}


@contextmanager
def cold():
    """The cold path: no interpreter with uno."""
    old = os.environ.get("VANBAN_UNO_PYTHON")
    os.environ["VANBAN_UNO_PYTHON"] = "/nonexistent"
    try:
        yield
    finally:
        if old is None:
            del os.environ["VANBAN_UNO_PYTHON"]
        else:
            os.environ["VANBAN_UNO_PYTHON"] = old


def timed(docs: list[Path], out: Path, jobs: int) -> float:
    started = time.perf_counter()
    convert_to_pdf(docs, out, jobs=jobs, timeout=600)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="number of documents (default 100)")
    parser.add_argument("--sample", type=int, default=5, help="documents given one start each (default 5)")
    parser.add_argument("--kind", choices=sorted(SAMPLES), default="decision")
    parser.add_argument("--repeat", type=int, default=1, help="interleaved rounds (default 1; medians printed)")
    args = parser.parse_args()
    from generator.pdf_warm import uno_python

    with tempfile.TemporaryDirectory(prefix="vanban-bench-") as tmp:
        work = Path(tmp)
        source = pipeline.generate(SAMPLES[args.kind], work / "src", force=True).written[0]
        docs = []
        for i in range(args.n):
            copy = work / "docs" / f"van-ban-{i:04d}.docx"
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy)
            docs.append(copy)
        timed(docs[:2], work / "warm-up", 1)  # imports and disk cache, outside the clock

        rounds: dict[str, list[float]] = {}
        for round_ in range(max(1, args.repeat)):
            if uno_python():
                rounds.setdefault("warm, 2 workers", []).append(timed(docs, work / f"w2-{round_}", 2))
                rounds.setdefault("warm, 1 worker", []).append(timed(docs, work / f"w1-{round_}", 1))
            with cold():
                rounds.setdefault("cold, 2 workers", []).append(timed(docs, work / f"c2-{round_}", 2))
                rounds.setdefault("cold, 1 worker", []).append(timed(docs, work / f"c1-{round_}", 1))
            if args.repeat > 1:
                print(f"round {round_ + 1}: " + ", ".join(f"{name} {times[-1]:.2f} s" for name, times in rounds.items()),
                      flush=True)
        figures = {name: statistics.median(times) for name, times in rounds.items()}
        with cold():
            k = max(1, min(args.sample, args.n))
            started = time.perf_counter()
            for doc in docs[:k]:
                convert_to_pdf([doc], work / "per-doc", timeout=300)
            per_doc = (time.perf_counter() - started) / k

    print(f"documents: {args.n} × {SAMPLES[args.kind].name}; {os.cpu_count()} cores"
          + (f"; medians of {args.repeat} interleaved rounds" if args.repeat > 1 else "")
          + ("" if uno_python() else " (no uno here: warm figures not measured)"))
    for name, seconds in figures.items():
        print(f"  {name:<24}: {seconds:7.2f} s total, {seconds / args.n * 1000:7.1f} ms per document")
    print(f"  {'one start per document':<24}: {per_doc * args.n:7.2f} s total, {per_doc * 1000:7.1f} ms per document"
          f" (timed on {k})")
    if "warm, 2 workers" in figures:
        w2, w1 = figures["warm, 2 workers"], figures["warm, 1 worker"]
        print(f"  warm 1 worker / warm 2 workers : {w1 / w2:5.2f}x  (target ≥ 1.7x)")
        print(f"  cold 1 worker / cold 2 workers : {figures['cold, 1 worker'] / figures['cold, 2 workers']:5.2f}x")
        print(f"  cold 2 workers / warm 2 workers: {figures['cold, 2 workers'] / w2:5.2f}x")
        print(f"  one start per doc / warm 2     : {per_doc * args.n / w2:5.1f}x")
    else:
        print(f"  cold 1 worker / cold 2 workers : {figures['cold, 1 worker'] / figures['cold, 2 workers']:5.2f}x")


if __name__ == "__main__":
    main()
