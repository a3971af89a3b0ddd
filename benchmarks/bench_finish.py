"""Finishing a print file: the rule paragraphs found by walking the tree vs by an XPath, in one run.

    python benchmarks/bench_finish.py            # N = 1000 decisions in one print file
    python benchmarks/bench_finish.py --n 400

A print file (``batch --merge``, the certificates' print file) is one tree assembled from many
parsed documents. ``render.finish`` sizes every rule under the agency line and the trích yếu; it
used to find those paragraphs with ``//w:p[w:pPr/w:pStyle/@w:val='VBDuongKe']``, which libxml2
sorts into document order by walking the tree for each comparison on such a tree. The baseline
puts that XPath back for the measurement. Both give the same XML (checked). CPU seconds, best of 3.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from lxml import etree  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()

    import bench_batch

    from generator import batch, merge, render
    from generator import layout as L

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        form = bench_batch.form_copy(tmp)
        sheet = bench_batch.make_sheet(tmp / "danh-sach.xlsx", args.n)
        batch.run(batch.plan(sheet, form, tmp / "out", batch.Options(per_row=True, start_number=1, jobs=2)))
        paths = sorted((tmp / "out").glob("*.docx"))

        def print_file() -> etree._Element:
            def trees():
                for path in paths:
                    with zipfile.ZipFile(path) as package:
                        root = etree.fromstring(package.read("word/document.xml"))
                    merge._unfinish(root)
                    yield root
            return merge.merge_trees(trees())

        rules_by_xpath = etree.XPath("//w:p[w:pPr/w:pStyle/@w:val='VBDuongKe']", namespaces={"w": render.W})
        walk = render._headings_and_rules

        def xpath(root: etree._Element):  # the headings as now, the rules as before
            return walk(root)[0], rules_by_xpath(root)

        times: dict[str, list[float]] = {"xpath": [], "walk": []}
        xml = {}
        try:
            for _ in range(3):
                for label, finder in (("xpath", xpath), ("walk", walk)):
                    tree = print_file()
                    render._headings_and_rules = finder
                    start = time.process_time()
                    render.finish(tree, L.DEFAULT_LAYOUT)
                    times[label].append(time.process_time() - start)
                    xml[label] = etree.tostring(tree)
        finally:
            render._headings_and_rules = walk
    before, after = min(times["xpath"]), min(times["walk"])
    print(f"finish() of a print file of {args.n} decisions (CPU s, best of 3)")
    print(f"  rules found by XPath (before) : {before:6.2f} s")
    print(f"  rules found by a walk (now)   : {after:6.2f} s  ratio {before / after:4.1f}x"
          f"  same XML: {xml['xpath'] == xml['walk']}")


if __name__ == "__main__":
    main()
