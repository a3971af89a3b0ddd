"""Balanced line breaks for centred headings (``generator.linebreak``)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import layout as L
from generator.linebreak import SAFETY, balance, break_positions

TEXT_WIDTH = int(L.DEFAULT_LAYOUT.text_width)
# The header's left column, less its cell margins: where a công văn's V/v line stands.
CELL_WIDTH = int(L.header_columns(L.DEFAULT_LAYOUT)[0] - 2 * L.CELL_MARGIN)


def _fits(line: str, size: float, bold: bool, available: int) -> bool:
    return int(L.text_width(line, size, bold)) <= available * SAFETY


# Words as clerks type them: Vietnamese syllables in both cases, numbers, codes, punctuation.
_SYLLABLES = ["về", "việc", "tặng", "Giấy", "khen", "cho", "các", "tập", "thể,", "cá", "nhân", "có", "thành",
              "tích", "xuất", "sắc", "năm", "2025", "Ban", "Quản", "lý", "Khu", "kinh", "tế", "Hải", "Phòng",
              "KHEN", "DANH", "SÁCH", "1626/KH-BQL", "(từ", "ngày", "01/01/2023)", "đoạn", "–", "Ủy", "ban",
              "nhân", "dân", "tỉnh", "Nghệ", "An;", "Phó", "Thủ", "tướng", "W", "mmmmmm", "i", "“Một", "cửa”"]
_WORD = st.one_of(st.sampled_from(_SYLLABLES),
                  st.text(st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộứừửữựĐƯ0123456789"),
                          min_size=1, max_size=9))
_SEPARATOR = st.sampled_from([" "] * 12 + ["\n", "  "])


@st.composite
def headings(draw):
    words = draw(st.lists(_WORD, min_size=1, max_size=40))
    text = words[0]
    for word in words[1:]:
        text += draw(_SEPARATOR) + word
    return unicodedata.normalize("NFC", text)


_SIZE = st.sampled_from([13.0, 14.0])
_WIDTH = st.sampled_from([CELL_WIDTH, int(L.Cm(10)), TEXT_WIDTH, int(L.Cm(24.7))])
_PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_PROPERTY
@given(text=headings(), size=_SIZE, bold=st.booleans(), available=_WIDTH)
def test_breaking_only_turns_single_spaces_into_line_breaks(text, size, bold, available):
    """No word is lost, added or moved: with the breaks read as spaces the text is as typed."""
    result = balance(text, size, bold, available)
    assert len(result) == len(text)
    for typed, laid_out in zip(text, result):
        assert laid_out == typed or (typed == " " and laid_out == "\n")
    assert result.replace("\n", " ") == text.replace("\n", " ")
    for position in break_positions(text, size, bold, available):
        assert text[position - 1] != " " and text[position + 1] != " "


@_PROPERTY
@given(text=headings(), size=_SIZE, bold=st.booleans(), available=_WIDTH)
def test_a_line_break_the_clerk_typed_is_kept(text, size, bold, available):
    result = balance(text, size, bold, available)
    assert [i for i, ch in enumerate(text) if ch == "\n"] == [
        i for i, ch in enumerate(result) if ch == "\n" and text[i] == "\n"]


@_PROPERTY
@given(text=headings(), size=_SIZE, bold=st.booleans(), available=_WIDTH)
def test_every_line_fits_and_the_last_line_never_holds_one_word_alone(text, size, bold, available):
    typed_parts = text.split("\n")
    lines_of_part = _lines_by_typed_part(text, balance(text, size, bold, available))
    for part, lines in zip(typed_parts, lines_of_part):
        for line in lines:  # a word wider than the line stands alone: nothing can be done about it
            assert len(_words(line)) == 1 or _fits(line, size, bold, available), (line, lines)
        words = _words(part)
        last_two_fit = len(words) >= 2 and _fits(" ".join(words[-2:]), size, bold, available)
        if len(lines) > 1 and last_two_fit:
            assert len(_words(lines[-1])) >= 2, lines


@_PROPERTY
@given(text=headings(), size=_SIZE, bold=st.booleans(), available=_WIDTH)
def test_a_heading_keeps_the_fewest_lines_it_can_and_balancing_twice_changes_nothing(text, size, bold, available):
    result = balance(text, size, bold, available)
    for part, lines in zip(text.split("\n"), _lines_by_typed_part(text, result)):
        if _fits(part, size, bold, available):
            assert lines == [part]
        else:
            assert len(lines) <= _greedy_lines(part, size, bold, available) + 1
    assert balance(result, size, bold, available) == result


def _words(text: str) -> list[str]:
    """The pieces a line may be broken between (two spaces typed in a row are not a break)."""
    return [word for word in re.split(r"(?<=\S) (?=\S)", text) if word]


def _lines_by_typed_part(text: str, result: str) -> list[list[str]]:
    """The laid-out lines of each part between the breaks the clerk typed."""
    parts, current, line = [], [], []
    for typed, laid_out in zip(text, result):
        if typed == "\n":
            current.append("".join(line))
            parts.append(current)
            current, line = [], []
        elif laid_out == "\n":
            current.append("".join(line))
            line = []
        else:
            line.append(laid_out)
    current.append("".join(line))
    parts.append(current)
    return parts


def _greedy_lines(part: str, size: float, bold: bool, available: int) -> int:
    lines, current = 0, ""
    for word in _words(part):
        candidate = f"{current} {word}" if current else word
        if current and not _fits(candidate, size, bold, available):
            lines, current = lines + 1, word
        else:
            current = candidate
    return lines + 1


@pytest.mark.parametrize(("text", "size", "bold", "available", "expected"), [
    ("Về việc tặng Giấy khen cho các tập thể, cá nhân có thành tích xuất sắc năm 2025", 14, True, TEXT_WIDTH,
     "Về việc tặng Giấy khen cho các tập thể,\ncá nhân có thành tích xuất sắc năm 2025"),
    ("DANH SÁCH TẬP THỂ, CÁ NHÂN, HỘ GIA ĐÌNH ĐƯỢC TẶNG GIẤY KHEN", 14, True, TEXT_WIDTH,
     "DANH SÁCH TẬP THỂ, CÁ NHÂN,\nHỘ GIA ĐÌNH ĐƯỢC TẶNG GIẤY KHEN"),
    ("Kết quả đăng ký thi đua giai đoạn 1 chào mừng 30 năm thành lập Ban Quản lý Khu kinh tế Hải Phòng", 14,
     True, TEXT_WIDTH, "Kết quả đăng ký thi đua giai đoạn 1 chào mừng 30 năm\nthành lập Ban Quản lý Khu kinh tế Hải Phòng"),
    ("V/v đề nghị góp ý nội dung Hội nghị đối thoại với doanh nghiệp năm 2023", 13, False, CELL_WIDTH,
     "V/v đề nghị góp ý nội dung Hội nghị\nđối thoại với doanh nghiệp năm 2023"),
    ("Bình xét thi đua, khen thưởng năm 2025", 14, True, TEXT_WIDTH, "Bình xét thi đua, khen thưởng năm 2025"),
    ("Ban hành Quy chế làm việc\ncủa Ban Quản lý Khu kinh tế Hải Phòng", 14, True, TEXT_WIDTH,
     "Ban hành Quy chế làm việc\ncủa Ban Quản lý Khu kinh tế Hải Phòng"),
], ids=["năm 2025 is not left alone", "a break after a comma is preferred", "a name is not cut after Quản",
        "the V-v line fills its cell in two lines", "a heading that fits stays on one line",
        "a typed break stands and nothing else is added"])
def test_headings_seen_in_the_demo_break_as_on_paper(text, size, bold, available, expected):
    assert balance(text, size, bold, available) == expected


TYPED = ("Kết quả đăng ký thi đua giai đoạn 1\n"
         "chào mừng 30 năm thành lập Ban Quản lý Khu kinh tế Hải Phòng")


def test_a_line_break_typed_in_a_yaml_block_stands_in_the_document(tmp_path, runner):
    """``trich_yeu: |`` with one line per row: the document breaks the trích yếu there, and only there."""
    import shutil

    from docx_helpers import paragraphs

    from cli import main
    from generator.resources import samples_dir

    form = (samples_dir() / "thong-bao-ket-qua-giai-doan-1.yaml").read_text(encoding="utf-8")
    typed_block = "trich_yeu: |\n" + "".join(f"  {line}\n" for line in TYPED.split("\n"))
    form = re.sub(r"(?m)^trich_yeu: .*\n", lambda _: typed_block, form)
    assert typed_block in form
    shutil.copy(samples_dir() / "co-quan.yaml", tmp_path / "co-quan.yaml")
    (tmp_path / "thong-bao.yaml").write_text(form, encoding="utf-8")
    result = runner.invoke(main, ["render", str(tmp_path / "thong-bao.yaml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    [docx] = (tmp_path / "out").glob("*.docx")
    [trich_yeu] = [p.text for p in paragraphs(docx) if p.style == "VBTrichYeu"]
    assert trich_yeu == TYPED


def test_every_starter_says_how_to_break_the_trich_yeu_by_hand():
    from generator.resources import starters_dir

    for starter in sorted(starters_dir().glob("*.yaml")):
        text = starter.read_text(encoding="utf-8")
        if re.search(r"(?m)^trich_yeu:", text):
            assert "sau dấu hai chấm gõ | rồi viết mỗi dòng một hàng" in text, starter.name
