"""Where a decision's time goes: each stage of the render path, per decision, in one process.

    python benchmarks/bench_stages.py [--n 1000] [--rounds 3]

The decisions of a per-row batch (the sheet of bench_batch) go through the stages one at a time,
all N through a stage before the next (the best of ``--rounds`` is printed, in ms per decision):
validate (the form model), build (the document model), context (the body and closing elements),
render (Jinja and the parse), finish (headings, rules, sections), package (the .docx bytes),
write (one file each, in a new folder: the disk's share). No file is kept; no timing goes into
the test suite.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_batch import form_copy, make_sheet  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from generator import batch, forms, writer
    from generator.produce import document_info
    from generator.render import compiled, finish

    gc.set_threshold(*batch._BATCH_GC_THRESHOLD)  # as in a batch's workers
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        sheet, form = make_sheet(tmp / "danh-sach.xlsx", args.n), form_copy(tmp)
        plan = batch.plan(sheet, form, tmp / "out", batch.Options(per_row=True, start_number=1))
        spec = plan.spec

        def stage(name: str, run, items: list) -> list:
            start = time.perf_counter()
            out = [run(item) for item in items]
            best[name] = min(best.get(name, float("inf")), (time.perf_counter() - start) / len(items) * 1000)
            return out

        for round_ in range(args.rounds):
            models = stage("validate", lambda g: forms.validate(spec, g.located, [], mode="draft"), plan.groups)
            documents = stage("build", lambda m: spec.build(m, None), models)
            infos = [document_info(m, d) for m, d in zip(models, documents)]
            contexts = stage("context", lambda pair: writer.context(pair[0], pair[1].layout),
                             list(zip(documents, infos)))
            template = compiled(spec.template, infos[0].layout)
            trees = stage("render", template.render_unfinished, contexts)
            stage("finish", lambda tree: finish(tree, template.layout), trees)
            datas = stage("package", lambda pair: template.package(*pair), list(zip(trees, infos)))
            folder = tmp / f"files-{round_}"
            folder.mkdir()
            names = iter(range(len(datas)))
            stage("write", lambda data: (folder / f"{next(names):06d}.docx").write_bytes(data), datas)
            shutil.rmtree(folder)
    print(f"N = {args.n} single-awardee decisions, one process, ms per decision (best of {args.rounds}):")
    for name, value in best.items():
        print(f"  {name:9s} {value:6.3f}")
    print(f"  {'total':9s} {sum(best.values()):6.3f}   (without write {sum(best.values()) - best['write']:.3f})")


if __name__ == "__main__":
    main()
