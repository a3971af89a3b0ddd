"""The body markup: headings, literal list markers, emphasis, generated blocks, no surprises."""

from __future__ import annotations

import pytest

from generator.blocks import BodyXml, end_with_closing_mark
from generator.markup import Run, parse


def test_headings_map_to_the_three_heading_roles():
    blocks = parse("# I. MỤC ĐÍCH\n\n## 1. Mục đích\n\n### a) Điểm\n")
    assert [(b.role, b.text) for b in blocks] == [("muc1", "I. MỤC ĐÍCH"), ("muc2", "1. Mục đích"),
                                                  ("muc3", "a) Điểm")]


@pytest.mark.parametrize(
    "source,text",
    [("- Một;", "- Một;"), ("+ Hai;", "+ Hai;"), ("* Hình thức:", "* Hình thức:"), ("5. Năm.", "5. Năm."),
     ("12) Mười hai", "12) Mười hai")],
    ids=["dash", "plus", "star", "number-dot", "number-paren"],
)
def test_list_markers_are_kept_exactly_as_typed(source, text):
    [block] = parse(source)
    assert block.role == "item" and block.text == text


def test_bold_and_italic_become_runs_and_soft_breaks_become_spaces():
    [block] = parse("Chủ đề \"*Đẩy mạnh*\" và **trọng tâm**\nnăm 2023.")
    assert block.runs == [Run('Chủ đề "'), Run("Đẩy mạnh", italic=True), Run('" và '),
                          Run("trọng tâm", bold=True), Run(" năm 2023.")]


def test_html_entities_code_and_indentation_are_plain_text():
    blocks = parse("R&D &amp; <b>x</b> `code`\n\n    thụt lề bốn dấu cách\n")
    assert [b.text for b in blocks] == ["R&D &amp; <b>x</b> `code`", "thụt lề bốn dấu cách"]


def test_a_placeholder_alone_in_a_paragraph_is_a_generated_block_with_its_line():
    blocks = parse("Đoạn.\n\n{{ giai_doan }}\n", first_line=10)
    assert blocks[1].role == "insert" and blocks[1].name == "giai_doan" and blocks[1].line == 12


def test_the_last_body_paragraph_gets_the_end_mark_once():
    blocks = end_with_closing_mark(parse("Một.\n\nHai theo quy định."))
    assert blocks[-1].text == "Hai theo quy định./."
    assert end_with_closing_mark(blocks)[-1].text == "Hai theo quy định./."


def test_body_paragraphs_carry_named_styles_and_keep_special_characters():
    body = BodyXml()
    body.add_blocks(parse("# I. A & B\n\n- x < y"))
    xml = body.xml()
    assert 'w:val="VBMuc1"' in xml and 'w:val="VBLietKe"' in xml
    assert "A &amp; B" in xml and "x &lt; y" in xml


def test_a_body_stands_in_the_template_as_one_slot_marker_replaced_by_its_elements():
    body = BodyXml()
    body.add_blocks(parse("Một."))
    assert body.__html__() == f'<vbslot n="{body.slot}"/>'
    assert len(body) == 1


@pytest.mark.parametrize("source, role, text", [
    ("Chương I\nNHỮNG QUY ĐỊNH CHUNG", ["chuong", "chuong_ten"], ["Chương I", "NHỮNG QUY ĐỊNH CHUNG"]),
    ("Mục 2", ["chuong"], ["Mục 2"]),
    ("Điều 1. Phạm vi điều chỉnh", ["dieu"], ["Điều 1. Phạm vi điều chỉnh"]),
    ("Điều 2.", ["dieu"], ["Điều 2."]),
    ("Điều 3. Quyết định này có hiệu lực kể từ ngày ký.", ["body"],
     ["Điều 3. Quyết định này có hiệu lực kể từ ngày ký."]),
], ids=["chapter-and-title", "section", "article-heading", "article-label-alone", "article-with-text"])
def test_structure_lines_become_chapter_and_article_paragraphs(source, role, text):
    blocks = parse(source)
    assert [b.role for b in blocks] == role
    assert [b.text for b in blocks] == text


def test_an_article_with_text_has_only_its_label_in_bold():
    block = parse("Điều 3. Quyết định này có hiệu lực.")[0]
    assert block.runs[0].text == "Điều 3. " and block.runs[0].bold
    assert not any(run.bold for run in block.runs[1:])
