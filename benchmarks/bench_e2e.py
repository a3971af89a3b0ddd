"""End to end: an N-row sheet → decisions, print file, certificates and their PDFs, in one run.

    python benchmarks/bench_e2e.py                 # N = 1000 (several minutes: LibreOffice is slow)
    python benchmarks/bench_e2e.py --n 100         # quicker (or VANBAN_BENCH_N=100)
    python benchmarks/bench_e2e.py --sample 10     # documents timed for the baseline's LibreOffice part

(a) ours, what `vanban batch SHEET --form FORM --per-row --merge in-an.docx --certificates --pdf
    --jobs 2` does: read and check the sheet, validate, render N decisions, the print file and the
    certificates' print file, publish them, then PDF of every .docx on 2 LibreOffice workers; the
    same PDFs again on 1 worker, for the 2-vs-1 worker ratio. The workers are warm (UNO) where
    python3-uno is installed; the same PDFs on 2 cold workers (``soffice --convert-to`` per chunk,
    the fallback) are timed too.
(b) baseline, the plain way: a docxtpl loop (open the template, render, save) for the N decisions
    and for the N certificates (one file each; their contexts built before the clock starts, which
    favours the baseline), then one LibreOffice start per document. The LibreOffice part is timed
    on a sample of `--sample` decisions and `--sample` certificates and extrapolated to all 2N
    documents (said so in the output). The baseline makes no print file (which favours it too).
Prints both totals and the ratios. Needs LibreOffice. Timings never go into the test suite.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_batch import form_copy, make_sheet  # noqa: E402


def ours_docx(sheet: Path, form: Path, out: Path, jobs: int) -> tuple[float, list[Path]]:
    from generator import batch

    start = time.perf_counter()
    result = batch.execute(sheet, form, out, batch.Options(per_row=True, start_number=1, jobs=jobs,  # as the CLI
                                                           merge=out / "in-an.docx", certificates=True))
    return time.perf_counter() - start, [p for p in result.written if p.suffix == ".docx"]


def ours_pdf(docs: list[Path], out: Path, jobs: int, cold: bool = False) -> float:
    from generator.pdf import convert_to_pdf

    start = time.perf_counter()
    with cold_path(cold):
        convert_to_pdf(docs, out, jobs=jobs, timeout=1800)
    return time.perf_counter() - start


@contextmanager
def cold_path(cold: bool = True):
    """LibreOffice started per chunk with ``--convert-to`` (no interpreter with uno)."""
    old = os.environ.get("VANBAN_UNO_PYTHON")
    if cold:
        os.environ["VANBAN_UNO_PYTHON"] = "/nonexistent"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("VANBAN_UNO_PYTHON", None)
        else:
            os.environ["VANBAN_UNO_PYTHON"] = old


def baseline_contexts(sheet: Path, form: Path, out: Path) -> tuple[list[dict], list[dict]]:
    """The decisions' and the certificates' contexts, made with our builders before the clock."""
    from markupsafe import Markup

    from generator import batch
    from generator.blocks import BodyXml
    from generator.certificates import certificate_context
    from generator.kinds import KINDS
    from generator.produce import document_context

    plan = batch.plan(sheet, form, out, batch.Options(per_row=True, start_number=1))
    spec = KINDS["quyet-dinh-khen-thuong"]
    decisions, certificates = [], []
    for job in plan.validate():
        context, _ = document_context(spec, job.model)
        # A plain docxtpl loop takes the body as XML text (our renderer splices the elements).
        decisions.append({key: Markup(value.xml()) if isinstance(value, BodyXml) else value
                          for key, value in context.items()})
        certificates.extend(certificate_context(job.model, awardee) for awardee in job.model.danh_sach)
    return decisions, certificates


def docxtpl_loop(template: Path, contexts: list[dict], out: Path, prefix: str) -> tuple[float, list[Path]]:
    from docxtpl import DocxTemplate

    from generator.render import jinja_env

    out.mkdir(parents=True, exist_ok=True)
    paths = []
    start = time.perf_counter()
    for index, context in enumerate(contexts):
        document = DocxTemplate(template)
        document.render(context, jinja_env(), autoescape=True)
        path = out / f"{prefix}-{index:05d}.docx"
        document.save(path)
        paths.append(path)
    return time.perf_counter() - start, paths


def one_start_per_document(docs: list[Path], out: Path) -> float:
    """Mean seconds per document when LibreOffice is started once for each."""
    from generator.pdf import convert_to_pdf

    start = time.perf_counter()
    with cold_path():
        for doc in docs:
            convert_to_pdf([doc], out, timeout=300, jobs=1)
    return (time.perf_counter() - start) / len(docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=int(os.environ.get("VANBAN_BENCH_N", "1000")))
    parser.add_argument("--sample", type=int, default=20, help="documents of each kind timed for the baseline's "
                                                                "LibreOffice part (default 20)")
    args = parser.parse_args()
    from generator.kinds import KINDS
    from generator.pdf import require_soffice
    from generator.pdf_warm import uno_python
    from generator.resources import template_path

    require_soffice()
    n, k = args.n, max(1, min(args.sample, args.n))
    with tempfile.TemporaryDirectory(prefix="vanban-e2e-") as tmp:
        tmp = Path(tmp)
        form = form_copy(tmp)
        warm = make_sheet(tmp / "warm.xlsx", 20)  # imports and templates, outside the clock
        ours_docx(warm, form, tmp / "warm", 2)
        sheet = make_sheet(tmp / "danh-sach.xlsx", n)

        t_docx, docs = ours_docx(sheet, form, tmp / "ours", 2)
        t_pdf2 = ours_pdf(docs, tmp / "pdf-2", 2)
        t_pdf1 = ours_pdf(docs, tmp / "pdf-1", 1)
        t_cold2 = ours_pdf(docs, tmp / "pdf-cold-2", 2, cold=True)

        decisions, certificates = baseline_contexts(sheet, form, tmp / "plan")
        t_base_qd, qd_docs = docxtpl_loop(template_path(KINDS["quyet-dinh-khen-thuong"].template), decisions,
                                          tmp / "base", "qd")
        t_base_gk, gk_docs = docxtpl_loop(template_path("giay-khen.docx"), certificates, tmp / "base", "gk")
        per_qd = one_start_per_document(qd_docs[:k], tmp / "base-pdf")
        per_gk = one_start_per_document(gk_docs[:k], tmp / "base-pdf")
    t_base_pdf = per_qd * len(qd_docs) + per_gk * len(gk_docs)
    t_base = t_base_qd + t_base_gk + t_base_pdf
    t_ours = t_docx + t_pdf2
    print(f"N = {n} rows → {n} decisions, print file, {n} certificates (one print file), PDFs; "
          f"{os.cpu_count()} cores")
    print("  ours")
    print(f"    batch (.docx, --jobs 2)      : {t_docx:8.2f} s  ({len(docs)} files)")
    print(f"    PDF, 2 LibreOffice workers   : {t_pdf2:8.2f} s")
    print(f"    total                        : {t_ours:8.2f} s")
    print("  baseline (docxtpl loop, one LibreOffice start per document)")
    print(f"    docxtpl decisions            : {t_base_qd:8.2f} s  ({len(qd_docs)} files)")
    print(f"    docxtpl certificates         : {t_base_gk:8.2f} s  ({len(gk_docs)} files)")
    print(f"    PDF, one start per document  : {t_base_pdf:8.2f} s  (extrapolated from {k} + {k} documents: "
          f"{per_qd * 1000:.0f} ms and {per_gk * 1000:.0f} ms each)")
    print(f"    total                        : {t_base:8.2f} s")
    print(f"  ratio baseline / ours          : {t_base / t_ours:8.1f}x")
    print(f"  PDF 1 worker / 2 workers       : {t_pdf1:8.2f} s / {t_pdf2:.2f} s = {t_pdf1 / t_pdf2:.2f}x")
    print(f"  PDF 2 cold / 2 warm workers    : {t_cold2:8.2f} s / {t_pdf2:.2f} s = {t_cold2 / t_pdf2:.2f}x"
          + ("" if uno_python() else "  (no uno here: both cold)"))


if __name__ == "__main__":
    main()
