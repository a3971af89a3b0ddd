"""Typed text comes out as typed: body markup changes text only where the clerk clearly asked.

(issue 12, item 5) `2*3*4`, `_ghi_chu_`, `__class__`, `{_{`, `c:\\windows` once lost characters
silently; now only `*word*`/`**word**` at word edges and `\\*` are markup.
"""

from __future__ import annotations

import pytest

from generator import pipeline
from generator.markup import parse
from generator.resources import starters_dir
from tests.docx_helpers import paragraphs

AS_TYPED = [
    "Tích 2*3*4 bằng 24",
    "Trường _ghi_chu_ để trống",
    "Thuộc tính __class__ của đối tượng",
    "Mẫu {_{ không phải khối",
    "Thư mục c:\\windows\\temp và \\\\may-chu\\chia-se",
    "Công thức a*b + c*d",
    "Dòng kết thúc bằng dấu gạch chéo ngược \\",
    "Gạch dưới snake_case_name và __init__.py",
    "Ngoặc nhọn {{ và }} và {% và %}",
    "Dấu sao đứng riêng * giữa câu và 5*",
]


@pytest.mark.parametrize("typed", AS_TYPED)
def test_text_without_markup_is_parsed_into_exactly_what_was_typed(typed):
    [block] = parse(typed)
    assert block.text == typed and all(not r.bold and not r.italic for r in block.runs)


@pytest.mark.parametrize("typed, runs", [
    ("*nghiêng* thường", [("nghiêng", False, True), (" thường", False, False)]),
    ("**đậm** và ***cả hai***", [("đậm", True, False), (" và ", False, False), ("cả hai", True, True)]),
    ('"*Đẩy mạnh chuyển đổi số*";', [('"', False, False), ("Đẩy mạnh chuyển đổi số", False, True),
                                      ('";', False, False)]),
    ("\\*không nghiêng\\*", [("*không nghiêng*", False, False)]),
], ids=["italic", "bold", "italic-inside-quotes", "escaped-stars"])
def test_stars_around_whole_words_are_the_only_markup(typed, runs):
    [block] = parse(typed)
    assert [(r.text, r.bold, r.italic) for r in block.runs] == runs


def test_the_document_body_keeps_every_character_typed(tmp_path):
    starter = (starters_dir() / "thong-bao.yaml").read_text(encoding="utf-8")
    head, _, rest = starter.partition("noi_dung: |\n")
    body = "".join(f"  {line}\n\n" for line in AS_TYPED)
    tail = rest[rest.index("\nnguoi_ky:"):]
    form = tmp_path / "tb.yaml"
    form.write_text(head + "noi_dung: |\n" + body + tail, encoding="utf-8")
    out = pipeline.generate(form, tmp_path / "tb.docx").written[0]
    texts = [p.text for p in paragraphs(out)]
    for typed in AS_TYPED:
        assert any(t == typed or t == typed + "./." for t in texts), (typed, texts)
