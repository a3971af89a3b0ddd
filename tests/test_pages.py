"""Pages that break well, as LibreOffice lays them out (issue 14, items 13–15).

Every document ``vanban demo`` writes — and a series of notices whose closing falls at every
place across a page end, after a paragraph or after a table — is rendered to PDF in ONE
LibreOffice start and read back page by page:

- the signature never stands alone on a page: body text stands above it on its page;
- no centred heading (tên loại, trích yếu, V/v, chapter and annex titles) ends with a word alone;
- a Nơi nhận or Kính gửi line that wraps goes on under its text, right of the dash.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from pages import (
    DocxFacts,
    Word,
    docx_facts,
    heading_lines,
    lines_above_signature,
    page_lines,
    page_words,
    squash,
    wrapped_items,
)
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from generator import pipeline
from generator.resources import samples_dir
from tests.libreoffice import HAVE_LIBREOFFICE

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(not HAVE_LIBREOFFICE, reason="LibreOffice (soffice) is not installed"),
              pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")]

NOTICE = "thong-bao-ket-qua-giai-doan-1.yaml"
# Notices of 12 to 23 body paragraphs of one to three sentences: their closing ends up at every
# height of the first and second page, across the page end included.
PARAGRAPH_COUNTS = range(12, 24)
# Notices whose body ends with a table (its last row keeps with the closing): the counts that put
# the closing across a page end when the row does not keep with it.
TABLE_COUNTS = (8, 9, 10, 17, 18, 19)
# A Kính gửi list whose second line wraps.
KINH_GUI = ["Ủy ban nhân dân thành phố Hải Phòng",
            "Hội đồng Thi đua - Khen thưởng thành phố và các sở, ban, ngành, đoàn thể của thành phố Hải Phòng"]
TABLE = {"cot": ["TT", "Đơn vị", "Kết quả"],
         "dong": [[1, "Văn phòng", "Đạt"], [2, "Phòng Quản lý đầu tư", "Đạt"], [3, "Phòng Quản lý doanh nghiệp", "Đạt"]]}
SENTENCE = "Các phòng, đơn vị tổ chức thực hiện nội dung đã đăng ký và báo cáo kết quả đúng hạn. "
# The first notice's trích yếu is typed in two lines (a YAML block scalar): LibreOffice keeps them.
TYPED = ("Kết quả đăng ký thi đua giai đoạn 1\n"
         "chào mừng 30 năm thành lập Ban Quản lý Khu kinh tế Hải Phòng")


def _demo_documents(out: Path) -> list[Path]:
    """What ``vanban demo`` renders (the forms and the commendation batches, print file and
    certificates included), through the same pipeline calls."""
    from generator import batch as batch_mod

    written = []
    samples = samples_dir()
    for form in pipeline.sample_forms(samples):
        target = pipeline.output_path(form, out / form.parent.relative_to(samples))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pipeline.render_loaded(pipeline.check(form)))
        written.append(target)
    for sheet, form in pipeline.sample_batches(samples):
        folder = out / sheet.parent.name
        options = batch_mod.Options(group_by="Quyết định", merge=folder / "in-an.docx", certificates=True,
                                    jobs=os.cpu_count() or 1, force=True)
        written.extend(pipeline.run_batch(pipeline.plan_batch(sheet, form, folder, options)).written)
    return [path for path in written if path.suffix == ".docx"]


def _notices(out: Path) -> list[Path]:
    """The seed notice with ``n`` body paragraphs for each ``n`` of :data:`PARAGRAPH_COUNTS`, and
    with ``n`` paragraphs and a table for each ``n`` of :data:`TABLE_COUNTS`."""
    yaml = YAML()
    folder = out / "thong-bao"
    folder.mkdir(parents=True)
    shutil.copy(samples_dir() / "co-quan.yaml", folder / "co-quan.yaml")
    data = yaml.load((samples_dir() / NOTICE).read_text(encoding="utf-8"))

    def write(name: str, noi_dung, trich_yeu: str) -> Path:
        data["noi_dung"], data["trich_yeu"] = noi_dung, trich_yeu
        form = folder / f"{name}.yaml"
        with form.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
        target = folder / f"{name}.docx"
        target.write_bytes(pipeline.render_loaded(pipeline.check(form)))
        return target

    def body(count: int) -> str:
        return "\n\n".join(f"{index + 1}. " + SENTENCE * (1 + index % 3) for index in range(count))

    one_line = TYPED.replace("\n", " ")
    written = [
        *(write(f"thong-bao-{count}-doan", body(count),
                LiteralScalarString(TYPED) if count == PARAGRAPH_COUNTS[0] else one_line)
          for count in PARAGRAPH_COUNTS),
        *(write(f"thong-bao-{count}-doan-bang", [body(count), {"bang": TABLE}], one_line) for count in TABLE_COUNTS),
    ]
    data["kinh_gui"] = KINH_GUI
    written.append(write("thong-bao-kinh-gui", body(2), one_line))
    return written


@dataclass(frozen=True)
class LaidOut:
    docx: Path
    facts: DocxFacts
    lines: list[list[str]]  # each page's lines (pdftotext -layout)
    words: list[list[Word]]  # each page's words with their place (pdftotext -bbox)


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory) -> list[LaidOut]:
    """Every demo document and every notice, converted in one LibreOffice start and read back."""
    from generator.pdf import convert_to_pdf

    out = tmp_path_factory.mktemp("pages")
    documents = _demo_documents(out / "demo") + _notices(out)
    pdfs = convert_to_pdf(documents, out / "pdf")
    return [LaidOut(docx, docx_facts(docx), page_lines(pdf), page_words(pdf)) for docx, pdf in zip(documents, pdfs)]


def test_every_demo_document_is_laid_out(laid_out):
    stems = {item.docx.stem for item in laid_out}
    assert {"ke-hoach-1626-KH-BQL", "in-an", "giay-khen", "bien-ban-hop-hoi-dong-thi-dua"} <= stems
    assert len(laid_out) >= 28 + len(PARAGRAPH_COUNTS) + len(TABLE_COUNTS) + 1


def test_a_signature_always_has_body_text_above_it_on_its_page(laid_out):
    alone = []
    checked = 0
    for item in laid_out:
        page = 0
        for signature in item.facts.signatures:
            page, above = lines_above_signature(item.lines, signature, page)
            checked += 1
            if not above:
                alone.append(f"{item.docx.name}: {signature.name} alone on page {page + 1}")
    assert checked >= 40
    assert not alone, alone


def test_no_centred_heading_ends_with_a_word_alone_and_each_keeps_the_lines_it_was_broken_into(laid_out):
    problems = []
    checked = 0
    for item in laid_out:
        for style, text in item.facts.headings:
            lines = heading_lines(item.lines, text)
            if lines is None:
                problems.append(f"{item.docx.name}: {style} {text!r} not found in the PDF")
                continue
            checked += 1
            if len(squash(text).split()) >= 2 and len(lines[-1].split()) < 2:
                problems.append(f"{item.docx.name}: {style} ends with {lines[-1]!r}: {lines}")
            if len(lines) != len(text.split("\n")):  # our width estimate let LibreOffice wrap a line again
                problems.append(f"{item.docx.name}: {style} set in {lines}, broken as {text!r}")
    assert checked >= 60
    assert not problems, problems


def test_a_wrapped_list_line_goes_on_right_of_its_dash(laid_out):
    wrapped = [(item.docx.name, line) for item in laid_out for line in wrapped_items(item.words, item.facts.dash_items)]
    assert len(wrapped) >= 5  # the real examples have long recipients
    assert any(line.item.startswith("- Hội đồng Thi đua") for _, line in wrapped)  # a Kính gửi line
    under_the_dash = [f"{name}: {line.item!r} dash at {line.dash_x:.1f} pt, next line at "
                      f"{line.continuation_x:.1f} pt" for name, line in wrapped
                      if line.continuation_x < line.dash_x + 4]
    assert not under_the_dash, under_the_dash


def _one(laid_out, stem: str) -> LaidOut:
    [item] = [item for item in laid_out if item.docx.stem == stem]
    return item


def test_a_heading_that_fits_on_one_line_stays_on_one_line(laid_out):
    item = _one(laid_out, "huong-dan-binh-xet-thi-dua-2025")
    headings = dict(item.facts.headings)
    assert heading_lines(item.lines, headings["VBTrichYeu"]) == ["Bình xét thi đua, khen thưởng năm 2025"]


def test_a_line_break_the_clerk_typed_stands_on_the_page(laid_out):
    item = _one(laid_out, f"thong-bao-{PARAGRAPH_COUNTS[0]}-doan")
    assert heading_lines(item.lines, TYPED) == TYPED.split("\n")
