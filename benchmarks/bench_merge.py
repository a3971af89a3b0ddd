"""Print file speed: merging N rendered decisions into one .docx, ours vs docxcompose, in one run.

    python benchmarks/bench_merge.py            # N = 400
    python benchmarks/bench_merge.py --n 100

Both sides start from the same N decision files written by `vanban batch` (one decision per
awardee). (a) ``generator.merge.merge_files``: documents of one template are concatenated body by
body, each in its own section (page numbers restart); (b) docxcompose's Composer appends each
document to the first (its general-purpose style, numbering and relationship remapping).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=400)
    args = parser.parse_args()

    from docx import Document
    from docxcompose.composer import Composer

    import bench_batch
    from generator import batch
    from generator.merge import merge_files
    from generator.render import DocumentInfo

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        sheet = bench_batch.make_sheet(tmp / "danh-sach.xlsx", args.n)
        form = bench_batch.form_copy(tmp)
        out = tmp / "out"
        result = batch.run(batch.plan(sheet, form, out, batch.Options(per_row=True, start_number=1, jobs=2)))
        files = sorted(p for p in result.written if p.suffix == ".docx")

        start = time.perf_counter()
        data = merge_files(files, DocumentInfo(title="Bản in", author="BAN QUẢN LÝ", date=None, category="ban-in"))
        (tmp / "ours.docx").write_bytes(data)
        t_ours = time.perf_counter() - start

        start = time.perf_counter()
        composer = Composer(Document(files[0]))
        for path in files[1:]:
            composer.append(Document(path))
        composer.save(tmp / "docxcompose.docx")
        t_compose = time.perf_counter() - start

    print(f"Merging {len(files)} decisions into one print file")
    print(f"  docxcompose Composer.append : {t_compose:7.2f} s")
    print(f"  vanban merge_files          : {t_ours:7.2f} s  ratio {t_compose / t_ours:5.1f}x")


if __name__ == "__main__":
    main()
