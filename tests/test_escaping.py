"""Any text a clerk types comes out of the document exactly as typed (after NFC).

`&`, `<`, quotes, braces, tabs, line breaks, combining marks: the property renders a real
document through the whole pipeline (JSON form → validation → docxtpl → .docx) and reads it back.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.vn import clean_text, to_unicode, vn_upper
from tests.docx_helpers import paragraphs
from tests.forms import changed, write_json

# Characters XML 1.0 can hold (control characters are an input error, tested elsewhere).
_PIECES = st.one_of(
    st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"), max_codepoint=0x2FFF),
    st.sampled_from(list("&<>\"'{}%_#*`\\ \t\nđĐ") + ["\u0301", "\u0323", "e\u0302\u0301", "{{", "}}",
                                                         "{%", "{_{", "&amp;", "<w:t>", "]]>"]),
)
_TEXT = st.lists(_PIECES, min_size=1, max_size=20).map("".join).filter(lambda s: s.strip())


def _expected(value: str) -> str:
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


FIELDS = ("trich_yeu", "co_quan_ban_hanh", "co_quan_chu_quan", "dia_danh", "noi_nhan", "mo_ta",
          "chuc_vu")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=_TEXT, field=st.sampled_from(FIELDS))
def test_any_text_in_any_field_comes_out_of_the_document_unchanged(value, field):
    # Text that reads as TCVN3/VNI (e.g. 'KË0KÆ') is converted on purpose, with a warning (test_legacy).
    assume(to_unicode(value)[1] is None)
    form = changed()
    expected = _expected(value)
    if field == "noi_nhan":
        # Punctuation is the toolkit's job: leading "-", trailing ";" or "." are dropped from input.
        value = "Sở " + value.strip().strip("-;.,–+• \t\n") + " tỉnh"
        expected = _expected(value)
        form["noi_nhan"] = [value, "Lưu: VT, VP"]
    elif field == "mo_ta":
        form["giai_doan"][0]["mo_ta"] = value
    elif field == "chuc_vu":
        form["nguoi_ky"] = {"quyen_han": "", "chuc_vu": [value], "ho_ten": "Nguyễn Văn An"}
        expected = vn_upper(expected)
    elif field == "dia_danh":
        # The place stands on the one-line date line: whitespace runs become one space.
        expected = clean_text(value, multiline=False).rstrip(",").strip()
        assume(expected)
        form[field] = value
    else:
        form[field] = value
        if field in ("co_quan_ban_hanh", "co_quan_chu_quan"):
            expected = vn_upper(expected)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_json(Path(tmp) / "f.json", form)
        out = pipeline.generate(path, Path(tmp) / "out.docx").written[0]
        texts = [p.text for p in paragraphs(out)]
    if field == "dia_danh":
        assert any(t.startswith(expected + ", ngày ") for t in texts), (expected, texts[:8])
    elif field == "noi_nhan":
        assert f"- {expected};" in texts
    else:
        # A centred heading is set in balanced lines: a space may come out as a line break.
        assert any(_same_but_breaks(text, expected) for text in texts), (expected, texts[:10])


def _same_but_breaks(laid_out: str, typed: str) -> bool:
    """``laid_out`` is ``typed`` with some spaces turned into line breaks, and nothing else."""
    return len(laid_out) == len(typed) and all(
        a == b or (b == " " and a == "\n") for a, b in zip(laid_out, typed))


@settings(max_examples=300, deadline=None)
@given(title=st.text(), author=st.text(max_size=40), subject=st.one_of(st.none(), st.text(max_size=40)),
       category=st.text(max_size=20),
       date=st.one_of(st.none(), st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2100, 12, 31))))
def test_the_batch_core_properties_writer_gives_the_bytes_lxml_gives(title, author, subject, category, date):
    """The document properties of a batch are escaped into the part serialised once: byte for
    byte what lxml writes, and refused where lxml refuses (control characters)."""
    from lxml import etree

    from generator.coreprops import CoreWriter, core_xml
    from generator.render import compiled

    template = etree.fromstring(compiled("van-ban.docx").parts["docProps/core.xml"])
    values = dict(title=title, author=author, subject=subject, category=category, date=date)
    try:
        expected = core_xml(template, **values)
    except ValueError:
        with pytest.raises(ValueError):
            CoreWriter(template)(**values)
        return
    assert CoreWriter(template)(**values) == expected


def test_a_title_holding_a_mark_of_the_core_properties_writer_is_written_as_typed():
    from lxml import etree

    from generator.coreprops import _MARKS, CoreWriter, core_xml
    from generator.render import compiled

    template = etree.fromstring(compiled("van-ban.docx").parts["docProps/core.xml"])
    values = dict(title=f"Về việc {_MARKS['author']}", author="BAN QUẢN LÝ", subject="", category="", date=None)
    assert CoreWriter(template)(**values) == core_xml(template, **values)
