"""Files edited in Word: split runs, direct formatting over styles, basedOn, document defaults,
theme fonts and toggle properties are resolved to the formatting Word shows."""

from __future__ import annotations

import pytest
from lxml import etree

from generator.lint import lint_file

from .docx_edit import child, para, ppr, rewrite, rpr, split_runs, style, w

DOC = "word/document.xml"
STY = "word/styles.xml"
THEME_REL = ('<Relationship Id="rIdTheme1" '
             'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" '
             'Target="theme/theme1.xml"/>')
THEME = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme">
<a:themeElements><a:fontScheme name="Office">
<a:majorFont><a:latin typeface="{major}"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>
<a:minorFont><a:latin typeface="{minor}"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>
</a:fontScheme></a:themeElements></a:theme>"""


def _with_theme(good, tmp_path, minor: str, run_edit):
    rels_name = "word/_rels/document.xml.rels"
    import zipfile

    with zipfile.ZipFile(good) as z:
        rels = z.read(rels_name).decode().replace("</Relationships>", THEME_REL + "</Relationships>")
        types = z.read("[Content_Types].xml").decode().replace(
            "</Types>", '<Override PartName="/word/theme/theme1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/></Types>')
    extra = {rels_name: rels.encode(), "[Content_Types].xml": types.encode(),
             "word/theme/theme1.xml": THEME.format(major="Cambria", minor=minor).encode()}
    return rewrite(good, tmp_path / "theme.docx", {DOC: run_edit}, extra)


def _theme_run(root):
    fonts = child(rpr(next(r for r in para(root, "Thực hiện").iter(w("r")))), "rFonts")
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    fonts.set(w("asciiTheme"), "minorHAnsi")
    fonts.set(w("hAnsiTheme"), "minorHAnsi")


def test_runs_split_anywhere_with_spell_check_marks_still_lint_clean(good_docx, tmp_path):
    def split_all(root):
        for p in root.iter(w("p")):
            split_runs(p)

    report = lint_file(rewrite(good_docx, tmp_path / "split.docx", {DOC: split_all}))
    assert not report.has_errors, report.to_text("en")


def test_one_split_run_of_the_quoc_hieu_set_to_not_bold_is_found(good_docx, tmp_path):
    def edit(root):
        p = para(root, "CỘNG HÒA")
        split_runs(p)
        runs = [r for r in p.iter(w("r")) if r.find(w("t")) is not None]
        child(rpr(runs[2]), "b").set(w("val"), "0")

    report = lint_file(rewrite(good_docx, tmp_path / "qh.docx", {DOC: edit}))
    assert any(f.check == "CHK-08" and "partly bold" in f.message("en") for f in report.findings)


@pytest.mark.parametrize("minor, bad", [("Calibri", True), ("Times New Roman", False)],
                         ids=["theme-font-calibri-is-found", "theme-font-times-is-accepted"])
def test_theme_fonts_are_resolved_through_the_theme_part(good_docx, tmp_path, minor, bad):
    report = lint_file(_with_theme(good_docx, tmp_path, minor, _theme_run))
    hits = [f for f in report.findings if f.check == "CHK-03"]
    assert bool(hits) is bad
    if bad:
        assert "Calibri" in hits[0].message("en")


def test_a_size_inherited_through_based_on_is_checked(good_docx, tmp_path):
    def edit(root):
        for tag in ("sz", "szCs"):
            node = style(root, "VBLietKe").find(f"{w('rPr')}/{w(tag)}")
            if node is not None:
                node.getparent().remove(node)
            child(style(root, "VBNoiDung").find(w("rPr")), tag).set(w("val"), "24")

    report = lint_file(rewrite(good_docx, tmp_path / "based.docx", {STY: edit}))
    liet_ke = [f for f in report.findings if f.check == "CHK-20" and f.where.excerpt.startswith("- Thông qua")]
    assert liet_ke and "12 pt" in liet_ke[0].message("en")


def test_a_size_from_the_document_defaults_is_checked(good_docx, tmp_path):
    def edit(root):
        for sid in ("VBNoiDung", "VBLietKe", "VBMuc1", "VBMuc2", "VBMuc3", "Normal"):
            node = style(root, sid)
            r = node.find(w("rPr")) if node is not None else None
            for tag in ("sz", "szCs"):
                found = r.find(w(tag)) if r is not None else None
                if found is not None:
                    r.remove(found)
        defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        child(defaults, "sz").set(w("val"), "24")

    report = lint_file(rewrite(good_docx, tmp_path / "defaults.docx", {STY: edit}))
    assert any(f.check == "CHK-20" and "12 pt" in f.message("en") for f in report.findings)


def test_a_bold_character_style_over_a_bold_paragraph_style_toggles_bold_off(good_docx, tmp_path):
    def styles(root):
        st = etree.SubElement(root, w("style"))
        st.set(w("type"), "character")
        st.set(w("styleId"), "Manh")
        etree.SubElement(st, w("name")).set(w("val"), "Strong")
        etree.SubElement(etree.SubElement(st, w("rPr")), w("b"))

    def document(root):
        for r in para(root, "CỘNG HÒA").iter(w("r")):
            rp = rpr(r)
            rp.insert(0, etree.Element(w("rStyle")))
            rp[0].set(w("val"), "Manh")

    report = lint_file(rewrite(good_docx, tmp_path / "toggle.docx", {STY: styles, DOC: document}))
    assert any(f.check == "CHK-08" and "not bold" in f.message("en") for f in report.findings)


def test_direct_formatting_overrides_the_style(good_docx, tmp_path):
    def edit(root):
        p = para(root, "Thực hiện")
        child(ppr(p), "jc").set(w("val"), "center")

    report = lint_file(rewrite(good_docx, tmp_path / "direct.docx", {DOC: edit}))
    assert [f.where.paragraph for f in report.findings if f.check == "CHK-20"] == [4]
