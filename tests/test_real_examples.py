"""Real published documents, typed again as forms (samples/thuc-te/), come out with their text.

Each example in ``shared/examples/real/`` is the text of a real document (thuvienphapluat.vn pages
and a PDF text layer), opening with SOURCE and NOTES lines. Its form renders through the pipeline;
the words of the example must appear in the output in the same order (case-insensitive, punctuation
at word ends ignored): at least 97% of them, the rest being what ND30 or the generator prints
differently (each difference is written at the top of the form). The output must also lint clean.
"""

from __future__ import annotations

import difflib
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.lint import lint_file
from generator.pipeline import generate
from tests.conftest import SAMPLES, SHARED

EXAMPLES = SHARED / "examples" / "real"
FORMS = SAMPLES / "thuc-te"
MIN_RATIO = 0.97

# Example (file stem) -> its form under samples/thuc-te/.
CASES = {
    "02-quyetdinh-danhsach-ubndcaobang-2025": "02-quyet-dinh-ubnd-cao-bang.yaml",
    "03-baocao-sotaichinhhaugiang-2024": "du-thao/03-bao-cao-so-tai-chinh-hau-giang.yaml",  # a draft
    "04-thongbao-cucthue-2025": "04-thong-bao-cuc-thue.yaml",
    "05-kehoach-ubndnghean-2025": "05-ke-hoach-ubnd-nghe-an.yaml",
    "06-quyetdinh-btc-2025": "06-quyet-dinh-bo-tai-chinh.yaml",
    "07-thongbao-vpcp-2025": "07-thong-bao-van-phong-chinh-phu.yaml",
    "08-quyetdinh-quyche-ubndthainguyen-2025": "08-quy-che-ubnd-thai-nguyen.yaml",
}


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PUNCTUATION = ".,;:()“”\"'‘’-–…/[]!?"

needs_examples = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="shared/examples/real is not beside the repo")


def words(text: str) -> list[str]:
    """Casefolded words with the punctuation at their ends stripped; empty ones dropped."""
    result = []
    for word in text.split():
        word = word.casefold().strip(_PUNCTUATION)
        if word:
            result.append(word)
    return result


def example_text(path: Path) -> str:
    """The example without its SOURCE/NOTES lines and with the markdown table pipes removed."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if not line.startswith(("SOURCE:", "NOTES:"))]
    return "\n".join(lines).replace("|", " ")


def document_text(docx: Path) -> str:
    """Every paragraph of the body in document order, table cells included; a line break or a tab
    inside a paragraph counts as a space."""
    with zipfile.ZipFile(docx) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    paragraphs = []
    for paragraph in root.iter(f"{_W}p"):
        parts = [node.text or "" if node.tag == f"{_W}t" else " "
                 for node in paragraph.iter(f"{_W}t", f"{_W}br", f"{_W}cr", f"{_W}tab")]
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def matched_ratio(expected: list[str], actual: list[str]) -> float:
    blocks = difflib.SequenceMatcher(None, expected, actual, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) / len(expected)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Each form rendered once for the module (on first use)."""
    cache: dict[str, Path] = {}
    out = tmp_path_factory.mktemp("thuc-te")

    def render(name: str) -> Path:
        if name not in cache:
            cache[name] = generate(FORMS / CASES[name], out / f"{name}.docx").written[0]
        return cache[name]

    return render


def test_every_real_example_has_its_form():
    assert all((FORMS / form).is_file() for form in CASES.values())
    if EXAMPLES.is_dir():
        assert sorted(p.stem for p in EXAMPLES.glob("*.txt")) == sorted(CASES)


@needs_examples
@pytest.mark.parametrize("name", sorted(CASES), ids=sorted(CASES))
def test_each_real_document_renders_with_its_text_in_order(rendered, name):
    expected = words(example_text(EXAMPLES / f"{name}.txt"))
    actual = words(document_text(rendered(name)))
    ratio = matched_ratio(expected, actual)
    print(f"{name}: {ratio:.4f} of {len(expected)} words matched in order")
    assert ratio >= MIN_RATIO, f"{name}: only {ratio:.4f} of the example's words come out in order"


@pytest.mark.parametrize("name", sorted(CASES), ids=sorted(CASES))
def test_each_real_document_lints_without_errors(rendered, name):
    report = lint_file(rendered(name))
    assert not report.has_errors, report.to_text("en")
