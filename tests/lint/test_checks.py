"""Each check fires on a deliberately broken variant of a good document, at the right place."""

from __future__ import annotations

import unicodedata

import pytest
from lxml import etree

from generator.lint import lint_file

from .docx_edit import child, new_para, para, ppr, rewrite, rpr, set_text, style, w

DOC = "word/document.xml"
STY = "word/styles.xml"
HDR_DEFAULT = "word/header1.xml"


def _first_run(p):
    return next(r for r in p.iter(w("r")) if r.find(w("t")) is not None)


def _direct(starts: str, tag: str, **attrs):
    def edit(root):
        el = child(rpr(_first_run(para(root, starts))), tag)
        for k, v in attrs.items():
            el.set(w(k), v)
    return {DOC: edit}


def _retext(starts: str, text: str):
    return {DOC: lambda root: set_text(para(root, starts), text)}


def _remove(starts: str):
    def edit(root):
        p = para(root, starts)
        p.getparent().remove(p)
    return {DOC: edit}


def _sect(tag: str, **attrs):
    def edit(root):
        sect = root.find(f"{w('body')}/{w('sectPr')}")
        el = child(sect, tag)
        for k, v in attrs.items():
            el.set(w(k), v)
    return {DOC: edit}


def _style_ppr(sid: str, tag: str, **attrs):
    def edit(root):
        el = child(ppr(style(root, sid)), tag)
        for k, v in attrs.items():
            el.set(w(k), v)
    return {STY: edit}


def _style_size(sid: str, half_points: str):
    def edit(root):
        st = style(root, sid)
        rp = st.find(w("rPr"))
        for tag in ("sz", "szCs"):
            child(rp, tag).set(w("val"), half_points)
    return {STY: edit}


def _no_title_pg(root):
    sect = root.find(f"{w('body')}/{w('sectPr')}")
    sect.remove(sect.find(w("titlePg")))


def _no_page_field(root):
    for p in root.iter(w("p")):
        for r in list(p):
            if r.tag == w("r") and (r.find(w("fldChar")) is not None or r.find(w("instrText")) is not None):
                p.remove(r)


def _rule_after_tieu_ngu(root):
    tn = para(root, "Độc lập")
    rule = tn.getnext()
    rule.getparent().remove(rule)


def _no_deputy(root):
    p = para(root, "PHÓ TRƯỞNG BAN")
    p.getparent().remove(p)


def _no_luu(root):
    p = para(root, "- Lưu")
    p.getparent().remove(p)


def _nfd(root):
    t = para(root, "Thực hiện").find(f".//{w('t')}")
    t.text = unicodedata.normalize("NFD", t.text)


def _ve_viec(root):
    new_para(para(root, "Số:"), "V/v triển khai thi đua", "VBTrichYeuCongVan")


def _can_cu(root):
    first = para(root, "Thực hiện")
    anchor = first.getprevious()
    p1 = new_para(anchor, "Căn cứ Luật Thi đua, khen thưởng;", "VBNoiDung")
    new_para(p1, "Căn cứ Quyết định số 12/QĐ-UBND", "VBNoiDung")


def _gap(root):
    p = para(root, "Thực hiện")
    child(ppr(p), "spacing").set(w("after"), "0")
    nxt = p.getnext()
    child(ppr(nxt), "spacing").set(w("before"), "0")
    # the next paragraph's own after-spacing is irrelevant; the gap between p and nxt is 0


def _dieu(numbers, khoan=None):
    def edit(root):
        anchor = para(root, "Thực hiện")
        for n in numbers:
            anchor = new_para(anchor, f"Điều {n}. Phạm vi điều chỉnh", "VBMuc1")
            for k in khoan or []:
                anchor = new_para(anchor, f"{k}. Nội dung khoản.", "VBNoiDung")
    return {DOC: edit}


def _kinh_gui(root):
    anchor = para(root, "Thực hiện").getprevious()
    p = new_para(anchor, "Kính gửi:", "VBKinhGui")
    new_para(p, "- Sở Nội vụ.", "VBKinhGui")


def _end_mark(root):
    p = para(root, "2. Giao Văn phòng")
    t = [t for t in p.iter(w("t")) if t.text][-1]
    t.text = t.text.replace("./.", ".")


def _table_border(root):
    tbl = root.find(f"{w('body')}/{w('tbl')}")
    top = tbl.find(f"{w('tblPr')}/{w('tblBorders')}/{w('top')}")
    top.set(w("val"), "single")
    top.set(w("sz"), "4")


def _capital(root):
    t = para(root, "Thực hiện").find(f".//{w('t')}")
    t.text = t.text + " theo khoản 2 điều 5 của Luật"


CASES = [
    # (id, check, edits, where)
    ("letter-paper", "CHK-01", _sect("pgSz", w="12240", h="15840"), {"section": 1}),
    ("left-margin-25mm", "CHK-02", _sect("pgMar", left="1417"), {"section": 1}),
    ("calibri-run", "CHK-03", _direct("Thực hiện", "rFonts", ascii="Calibri", hAnsi="Calibri"), {"paragraph": 4}),
    ("vntime-run", "CHK-03", _direct("Thực hiện", "rFonts", ascii=".VnTime", hAnsi=".VnTime"), {"paragraph": 4}),
    ("red-run", "CHK-04", _direct("Thực hiện", "color", val="FF0000"), {"paragraph": 4}),
    ("decomposed-text", "CHK-05", {DOC: _nfd}, {"paragraph": 4}),
    ("page-number-on-page-1", "CHK-06", {DOC: _no_title_pg}, {"section": 1}),
    ("missing-page-field", "CHK-06", {HDR_DEFAULT: _no_page_field}, {"part": "header:default"}),
    ("header-below-top-margin", "CHK-07", _sect("pgMar", header="1200"), {"section": 1}),
    ("quoc-hieu-not-bold", "CHK-08", _direct("CỘNG HÒA", "b", val="0"), {"table": 1, "row": 1, "column": 2}),
    ("tieu-ngu-en-dash", "CHK-09", _retext("Độc lập", "Độc lập – Tự do – Hạnh phúc"), {"table": 1, "row": 1, "column": 2}),
    ("rule-missing-under-tieu-ngu", "CHK-10", {DOC: _rule_after_tieu_ngu}, {"table": 1, "row": 1, "column": 2}),
    ("date-13pt-tieu-ngu-14pt", "CHK-11", _direct("CỘNG HÒA", "sz", val="24"), {"table": 1, "row": 1}),
    ("agency-not-bold", "CHK-12", _direct("BAN QUẢN LÝ", "b", val="0"), {"table": 1, "row": 1, "column": 1}),
    ("so-without-leading-zero", "CHK-13", _retext("Số:", "Số: 5/QĐ-BQL"), {"table": 1, "row": 2, "column": 1}),
    ("italic-so", "CHK-13", _direct("Số:", "i"), {"table": 1, "row": 2, "column": 1}),
    ("wrong-type-code", "CHK-14", _retext("Số:", "Số: 1626/QĐ-BQL"), {"table": 1, "row": 2, "column": 1}),
    ("thang-09", "CHK-15", _retext("Hải Phòng", "Hải Phòng, ngày 13 tháng 09 năm 2023"), {"table": 1, "row": 2, "column": 2}),
    ("upright-date", "CHK-15", _direct("Hải Phòng", "i", val="0"), {"table": 1, "row": 2, "column": 2}),
    ("title-not-bold", "CHK-16", _direct("KẾ HOẠCH", "b", val="false"), {"paragraph": 1}),
    ("trich-yeu-in-caps", "CHK-17", _retext("Phát động", "PHÁT ĐỘNG ĐỢT THI ĐUA"), {"paragraph": 2}),
    ("ve-viec-with-title", "CHK-18", {DOC: _ve_viec}, {"paragraph": 1}),
    ("upright-can-cu", "CHK-19", {DOC: _can_cu}, {"paragraph": 4}),
    ("body-not-justified", "CHK-20", _style_ppr("VBNoiDung", "jc", val="left"), {"paragraph": 4}),
    ("body-12pt", "CHK-20", _style_size("VBNoiDung", "24"), {"paragraph": 4}),
    ("no-paragraph-gap", "CHK-21", {DOC: _gap}, {"paragraph": 5}),
    ("dieu-skips-a-number", "CHK-22", _dieu([1, 3]), {"paragraph": 6}),
    ("khoan-skips-a-number", "CHK-23", _dieu([1], khoan=[1, 3]), {"paragraph": 7}),
    ("kinh-gui-single-item-list", "CHK-24", {DOC: _kinh_gui}, {"paragraph": 4}),
    ("authority-lower-case", "CHK-25", _retext("KT. TRƯỞNG BAN", "Kt. Trưởng ban"), {"table": 2, "column": 2}),
    ("kt-without-deputy", "CHK-26", {DOC: _no_deputy}, {"table": 2, "column": 2, "cell_paragraph": 1}),
    ("name-in-caps", "CHK-27", _retext("Bùi Ngọc Hải", "BÙI NGỌC HẢI"), {"table": 2, "column": 2}),
    ("noi-nhan-upright", "CHK-28", _direct("Nơi nhận", "i", val="0"), {"table": 2, "column": 1, "cell_paragraph": 1}),
    ("recipient-without-semicolon", "CHK-29", _retext("- Đảng ủy Cơ quan", "- Đảng ủy Cơ quan"), {"table": 2, "column": 1}),
    ("missing-luu", "CHK-30", {DOC: _no_luu}, {"table": 2, "column": 1}),
    ("luu-without-vt", "CHK-30", _retext("- Lưu", "- Lưu: VP."), {"table": 2, "column": 1}),
    ("no-end-mark", "CHK-34", {DOC: _end_mark}, {"paragraph": None}),
    ("visible-header-border", "CHK-35", {DOC: _table_border}, {"table": 1}),
    ("year-in-number", "CHK-36", _retext("Số:", "Số: 1626/2023/KH-BQL"), {"table": 1, "row": 2, "column": 1}),
    ("khoan-dieu-lower-case", "CHK-37", {DOC: _capital}, {"paragraph": 4}),
]


def _matches(finding, where: dict) -> bool:
    return all(getattr(finding.where, key) == value for key, value in where.items() if value is not None)


@pytest.mark.parametrize("check, edits, where", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_variant_is_reported_with_its_check_id_and_location(good_docx, tmp_path, check, edits, where):
    broken = rewrite(good_docx, tmp_path / "broken.docx", edits)
    report = lint_file(broken)
    hits = [f for f in report.findings if f.check == check]
    assert hits, f"{check} not reported; got {[(f.check, f.message('en')) for f in report.findings]}"
    assert any(_matches(f, where) for f in hits), [(f.where, f.message("en")) for f in hits]


FOOTER = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          b'<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
          b'<w:p><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>S\xe1\xbb\x91 1 Ho\xc3\xa0ng Di\xe1\xbb\x87u, H\xe1\xba\xa3i Ph\xc3\xb2ng</w:t>'
          b'</w:r></w:p></w:ftr>')


def test_a_contact_footer_on_every_page_without_a_rule_is_reported(good_docx, tmp_path):
    import zipfile

    rels_name = "word/_rels/document.xml.rels"
    with zipfile.ZipFile(good_docx) as z:
        rels = z.read(rels_name).decode().replace("</Relationships>", (
            '<Relationship Id="rIdFooter9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/footer" Target="footer9.xml"/></Relationships>'))
        types = z.read("[Content_Types].xml").decode().replace("</Types>", (
            '<Override PartName="/word/footer9.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>'))

    def add_reference(root):
        sect = root.find(f"{w('body')}/{w('sectPr')}")
        ref = etree.Element(w("footerReference"))
        ref.set(w("type"), "default")
        ref.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", "rIdFooter9")
        sect.insert(0, ref)

    broken = rewrite(good_docx, tmp_path / "footer.docx", {DOC: add_reference},
                     {rels_name: rels.encode(), "[Content_Types].xml": types.encode(), "word/footer9.xml": FOOTER})
    hits = [f for f in lint_file(broken).findings if f.check == "CHK-31"]
    assert hits and all(f.where.part == "footer:default" for f in hits)
    assert all(f.severity == "warning" for f in hits)


def test_a_single_basis_paragraph_running_into_the_body_is_body_text_not_a_can_cu_block(good_docx, tmp_path):
    """Plans, reports and proposals often open "Căn cứ …, Ban … báo cáo như sau:" upright."""
    def opening(root):
        first = para(root, "Thực hiện")
        new_para(first.getprevious(), "Căn cứ Kế hoạch số 12/KH-BQL, Ban Quản lý báo cáo như sau:", "VBNoiDung")

    path = rewrite(good_docx, tmp_path / "mo-dau.docx", {DOC: opening})
    assert not [f for f in lint_file(path).findings if f.check == "CHK-19"]
