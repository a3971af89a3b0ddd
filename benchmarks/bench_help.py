"""How fast `vanban … --help` answers, against the bare interpreter and Click in the same run.

    python benchmarks/bench_help.py [--runs 15]

Each figure is the median wall time of a fresh process (what a clerk waits for after Enter):
(a) `python -c pass` (the floor), (b) `python -c "import click"` (the CLI framework alone),
(c) `vanban --help`, (d) `vanban render --help`, (e) `vanban new --help` (lists the kinds).
Prints each median and the ratio of our help to the Click baseline. Target: well under 0.25 s.
Not run by the test suite (timings never are).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CASES = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "python -c 'import click'": [sys.executable, "-c", "import click"],
    "vanban --help": [sys.executable, "-c", "import cli; cli.main()", "--help"],
    "vanban render --help": [sys.executable, "-c", "import cli; cli.main()", "render", "--help"],
    "vanban new --help": [sys.executable, "-c", "import cli; cli.main()", "new", "--help"],
}


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="fresh processes per case (default 15)")
    args = parser.parse_args()
    for command in CASES.values():  # warm the file cache and the .pyc files
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    figures = {name: median_seconds(command, args.runs) for name, command in CASES.items()}
    click_only = figures["python -c 'import click'"]
    print(f"median of {args.runs} fresh processes")
    for name, seconds in figures.items():
        ratio = f"  {seconds / click_only:4.2f}x click" if name.startswith("vanban") else ""
        print(f"  {name:28s} {seconds * 1000:7.1f} ms{ratio}")


if __name__ == "__main__":
    main()
