"""PDF export: one LibreOffice start for N documents vs one start per document.

    python benchmarks/bench_pdf.py [--n 50]

Prints the time per document for both ways and their ratio (measured in the same run).
Needs LibreOffice (soffice). Not run by the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import pipeline  # noqa: E402
from generator.pdf import convert_to_pdf  # noqa: E402

SAMPLE = ROOT / "samples" / "ke-hoach-1626-KH-BQL.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="number of documents (default 50)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vanban-bench-") as tmp:
        work = Path(tmp)
        source = pipeline.generate(SAMPLE, work / "src", force=True).written[0]
        docs = []
        for i in range(args.n):
            copy = work / "docs" / f"van-ban-{i:03d}.docx"
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy)
            docs.append(copy)

        started = time.perf_counter()
        convert_to_pdf(docs, work / "one-start", timeout=600 + 10 * args.n)
        batched = time.perf_counter() - started

        started = time.perf_counter()
        for doc in docs:
            convert_to_pdf([doc], work / "per-doc", timeout=300)
        single = time.perf_counter() - started

    print(f"documents:                  {args.n}")
    print(f"one LibreOffice start:      {batched:7.2f} s total, {batched / args.n * 1000:7.1f} ms per document")
    print(f"one start per document:     {single:7.2f} s total, {single / args.n * 1000:7.1f} ms per document")
    print(f"ratio (per-document/batch): {single / batched:7.1f}×")


if __name__ == "__main__":
    main()
