"""The end of the body keeps with the signature (``w:keepNext``), whatever the body ends with.

``test_pages.py`` checks the result in LibreOffice; these tests pin the properties in the XML,
which Word reads the same way.
"""

from __future__ import annotations

import shutil

from docx_helpers import part, q
from ruamel.yaml import YAML

from generator import layout as L
from generator import pipeline
from generator.document.model import Annex, Signature, paragraph
from generator.resources import samples_dir
from generator.writer import BodyWriter, add_annex

NOTICE = "thong-bao-ket-qua-giai-doan-1.yaml"


def _keeps(p) -> bool:
    return p.find(f"{q('w:pPr')}/{q('w:keepNext')}") is not None


def _closing_and_before(path):
    body = part(path, "word/document.xml").find(q("w:body"))
    children = list(body)
    closing = next(i for i, el in enumerate(children) if el.tag == q("w:tbl") and el.find(
        f"{q('w:tblPr')}/{q('w:tblCaption')}[@{q('w:val')}='vanban:closing']") is not None)
    return children[closing], children[closing - 1]


def _notice(tmp_path, noi_dung):
    yaml = YAML()
    shutil.copy(samples_dir() / "co-quan.yaml", tmp_path / "co-quan.yaml")
    data = yaml.load((samples_dir() / NOTICE).read_text(encoding="utf-8"))
    data["noi_dung"] = noi_dung
    form = tmp_path / "thong-bao.yaml"
    with form.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    target = tmp_path / "thong-bao.docx"
    target.write_bytes(pipeline.render_loaded(pipeline.check(form)))
    return target


def test_the_last_body_paragraph_keeps_with_the_signature(tmp_path):
    _, before = _closing_and_before(_notice(tmp_path, "Đề nghị các phòng, đơn vị thực hiện."))
    assert before.tag == q("w:p") and _keeps(before)


def test_a_body_that_ends_with_a_table_keeps_its_last_row_with_the_signature(tmp_path):
    table = {"cot": ["TT", "Đơn vị"], "dong": [[1, "Văn phòng"], [2, "Phòng Quản lý đầu tư"]]}
    _, before = _closing_and_before(_notice(tmp_path, ["Kết quả như sau:", {"bang": table}]))
    assert before.tag == q("w:tbl")
    rows = before.findall(q("w:tr"))
    assert all(_keeps(p) for p in rows[-1].iter(q("w:p")))
    assert not any(_keeps(p) for p in rows[1].iter(q("w:p")))  # only the last row is held


def test_an_annex_with_its_own_signature_keeps_its_end_with_it():
    writer = BodyWriter(L.DEFAULT_LAYOUT)
    annex = Annex(titles=("QUY CHẾ LÀM VIỆC",), body=(paragraph("Điều khoản cuối cùng./."),),
                  signature=Signature(("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"), "Bùi Ngọc Hải"))
    add_annex(writer, annex, L.DEFAULT_LAYOUT)
    elements = writer.body.elements
    closing = next(i for i, el in enumerate(elements) if el.tag == q("w:tbl"))
    assert _keeps(elements[closing - 1])


def test_a_bien_ban_keeps_its_noi_nhan_label_with_the_first_recipient(tmp_path):
    form = samples_dir() / "bien-ban-hop-hoi-dong-thi-dua.yaml"
    target = tmp_path / "bien-ban.docx"
    target.write_bytes(pipeline.render_loaded(pipeline.check(form)))
    body = part(target, "word/document.xml").find(q("w:body"))
    [label] = [p for p in body.findall(q("w:p")) if p.find(f"{q('w:pPr')}/{q('w:pStyle')}[@{q('w:val')}"
                                                          "='VBNoiNhanNhan']") is not None]
    assert _keeps(label)
