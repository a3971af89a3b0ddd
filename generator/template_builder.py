"""Build the docxtpl templates in ``templates/`` from code, out of ``generator.layout``.

Templates are committed so that an office can open and restyle them in Word; a test rebuilds them
and compares the XML parts with the committed files. Run ``vanban templates`` to rebuild.

Every template starts from a lean package: python-docx's default package minus its 350 KB styles
part, stylesWithEffects, theme, customXml, numbering, web settings and thumbnail; the styles part
then holds exactly the ``VB ...`` styles of ``layout.STYLES`` plus Word's three defaults.

The shared blocks (header table, title, closing table with Nơi nhận and signature) are functions
here, so every kind's template lays them out the same way.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

from . import layout as L
from . import ooxml
from .coreprops import core_xml
from .packaging import write_zip

_DROP_DOCUMENT_RELS = ("stylesWithEffects", "webSettings", "theme", "customXml", "numbering")
_DROP_PACKAGE_RELS = ("thumbnail", "extended-properties")


# --------------------------------------------------------------------------------------------
# Lean base: package, styles, page setup


def _prune_package(document) -> None:
    part = document.part
    for rId, rel in list(part.rels.items()):
        if rel.reltype.rsplit("/", 1)[-1] in _DROP_DOCUMENT_RELS:
            del part.rels[rId]
    package_rels = part.package.rels
    for rId, rel in list(package_rels.items()):
        if rel.reltype.rsplit("/", 1)[-1] in _DROP_PACKAGE_RELS:
            del package_rels[rId]
    # settings.xml of the default package points at stylesWithEffects' attached template.
    settings = part._settings_part.element if hasattr(part, "_settings_part") else None
    if settings is not None:
        for tag in ("w:attachedTemplate", "w:rsids"):
            for el in settings.findall(qn(tag)):
                settings.remove(el)


def _set_fonts(rPr) -> None:
    fonts = rPr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rPr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), L.FONT_NAME)


def _reset_styles(document, lay: L.PageLayout, certificate: bool = False) -> None:
    styles_el = document.styles.element
    for child in list(styles_el):
        if child.tag != qn("w:docDefaults"):
            styles_el.remove(child)
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rPr = rpr_default.find(qn("w:rPr"))
    for child in list(rPr):
        rPr.remove(child)
    _set_fonts(rPr)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "000000")
    rPr.append(color)
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), str(int(lay.co_chu_noi_dung * 2)))
        rPr.append(size)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    lang.set(qn("w:bidi"), "ar-SA")
    rPr.append(lang)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    pPr = ppr_default.find(qn("w:pPr"))
    for child in list(pPr):
        pPr.remove(child)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    pPr.append(spacing)

    styles = document.styles
    normal = styles.add_style("Normal", WD_STYLE_TYPE.PARAGRAPH)
    normal.element.set(qn("w:default"), "1")
    normal.style_id = "Normal"
    normal.font.name = L.FONT_NAME
    normal.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(normal.element.get_or_add_rPr())
    normal.element.get_or_add_qFormat()
    char = styles.add_style("Default Paragraph Font", WD_STYLE_TYPE.CHARACTER)
    char.style_id = "DefaultParagraphFont"
    char.element.set(qn("w:default"), "1")
    char.element.get_or_add_uiPriority().val = 1
    char.element.get_or_add_semiHidden()
    char.element.get_or_add_unhideWhenUsed()
    table = styles.add_style("Normal Table", WD_STYLE_TYPE.TABLE)
    table.style_id = "TableNormal"
    table.element.set(qn("w:default"), "1")
    table.element.get_or_add_semiHidden()
    table.element.get_or_add_unhideWhenUsed()
    tblPr = OxmlElement("w:tblPr")
    tblInd = OxmlElement("w:tblInd")
    tblInd.set(qn("w:w"), "0")
    tblInd.set(qn("w:type"), "dxa")
    tblPr.append(tblInd)
    cellMar = OxmlElement("w:tblCellMar")
    for side, width in (("top", 0), ("left", 108), ("bottom", 0), ("right", 108)):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), str(width))
        m.set(qn("w:type"), "dxa")
        cellMar.append(m)
    tblPr.append(cellMar)
    table.element.append(tblPr)

    grid = styles.add_style("VB Bang luoi", WD_STYLE_TYPE.TABLE)
    grid.style_id = "VBBangLuoi"
    grid.base_style = table
    grid_pr = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "4")
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    grid_pr.append(borders)
    grid_cell_margins = OxmlElement("w:tblCellMar")
    for side, width in (("left", 85), ("right", 85)):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), str(width))
        m.set(qn("w:type"), "dxa")
        grid_cell_margins.append(m)
    grid_pr.append(grid_cell_margins)
    grid.element.append(grid_pr)

    for spec in L.STYLES + (L.CERTIFICATE_STYLES if certificate else ()):
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = spec.style_id
        style.element.get_or_add_qFormat()
    apply_layout(document, lay)


def apply_layout(document, lay: L.PageLayout) -> None:
    """Write a layout's numbers into the styles and sections of ``document``.

    Used by the builder (default layout) and at render time when an agency profile chooses other
    values within ND30's ranges; the two can never disagree.
    """
    styles = document.styles
    by_id = {s.style_id: s for s in styles}
    first_line = L.Cm(lay.thut_dau_dong_cm)
    for spec in L.STYLES + L.CERTIFICATE_STYLES:
        style = by_id.get(spec.style_id)
        if style is None:
            continue
        base_spec = L.STYLE_BY_ID.get(spec.base)
        style.base_style = by_id[spec.base] if spec.base in by_id else by_id["Normal"]
        font = style.font
        font.size = L.style_size(spec, lay)
        font.bold = spec.bold
        font.italic = spec.italic
        if spec.color:
            font.color.rgb = RGBColor.from_string(spec.color)
        fmt = style.paragraph_format
        fmt.alignment = spec.align
        fmt.first_line_indent = first_line if spec.first_line else (Emu(0) if base_spec else None)
        if spec.body_spacing:
            fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
            fmt.line_spacing = lay.gian_dong
            fmt.space_after = Pt(lay.cach_doan_pt)
            fmt.space_before = Pt(spec.space_before)
        else:
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
            fmt.space_before = Pt(spec.space_before)
            fmt.space_after = Pt(spec.space_after)
        fmt.keep_with_next = True if spec.keep_with_next else None
        fmt.widow_control = True
        if spec.style_id == "VBKinhGui":
            fmt.left_indent = L.KINH_GUI_INDENT
        if spec.style_id == "VBKinhGuiMuc":  # the dash under the colon, a wrapped line under the text
            label = L.text_width("Kính gửi:", lay.co_chu_noi_dung)
            hang = L.dash_hang(lay.co_chu_noi_dung)
            fmt.left_indent = Emu(int(L.KINH_GUI_INDENT + label + hang))
            fmt.first_line_indent = Emu(-hang)
        if spec.style_id == "VBNoiNhanMuc":  # a wrapped line goes on under the text, not the dash
            hang = L.dash_hang(float(spec.size))
            fmt.left_indent = hang
            fmt.first_line_indent = Emu(-hang)
        if spec.exact_line_pt is not None:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(spec.exact_line_pt)
        if spec.style_id == "VBDuongKe":
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(4)
            ooxml.set_bottom_border(style.element.get_or_add_pPr())
    for section in document.sections:
        if section.orientation == WD_ORIENT.LANDSCAPE:
            continue  # a certificate keeps its own page
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = L.PAGE_WIDTH
        section.page_height = L.PAGE_HEIGHT
        section.top_margin = Mm(lay.le_tren_mm)
        section.bottom_margin = Mm(lay.le_duoi_mm)
        section.left_margin = Mm(lay.le_trai_mm)
        section.right_margin = Mm(lay.le_phai_mm)
        section.header_distance = Mm(lay.header_distance_mm)
        section.footer_distance = Mm(lay.header_distance_mm)
        section.gutter = Emu(0)
    _size_tables(document, lay)


def _page_numbers(document) -> None:
    """Page number centred in the header from page 2; page 1's header is empty (ND30 §1)."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    para = header.paragraphs[0]
    para.style = document.styles["VB So trang"]
    ooxml.add_field(para, "PAGE", "2")
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].style = document.styles["Normal"]


def _landscape(document, stock: L.CertificateStock) -> None:
    """The certificate's sheet: landscape, the stock's size and margins."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width = Mm(stock.width_mm)
    section.page_height = Mm(stock.height_mm)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(stock.margin_mm))


def new_base_document(lay: L.PageLayout = L.DEFAULT_LAYOUT, certificate: bool = False):
    document = docx.Document()
    _prune_package(document)
    _reset_styles(document, lay, certificate)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    if certificate:
        _landscape(document, L.CERTIFICATE_STOCKS[L.DEFAULT_STOCK])
    else:
        _page_numbers(document)
    return document


# --------------------------------------------------------------------------------------------
# Shared blocks


def _para(container, text: str, style: str):
    para = container.add_paragraph(style=style)
    if text:
        para.add_run(text)
    return para


def _first_para(cell, text: str, style: str):
    para = cell.paragraphs[0]
    para.style = style
    if text:
        para.add_run(text)
    return para


_TABLE_COLUMNS = {"vanban:header": L.header_columns}


def _size_tables(document, lay: L.PageLayout) -> None:
    """Column widths of the layout tables, recognised by their caption, for a layout."""
    for table in document.tables:
        caption = ooxml.table_caption(table)
        if caption in _TABLE_COLUMNS:
            ooxml.set_table_fixed_layout(table, list(_TABLE_COLUMNS[caption](lay)))


def _layout_table(document, rows: int, caption: str, lay: L.PageLayout):
    table = document.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    ooxml.remove_table_borders(table)
    ooxml.set_table_caption(table, caption)
    ooxml.set_table_fixed_layout(table, list(_TABLE_COLUMNS[caption](lay)))
    for row in table.rows:
        ooxml.cant_split(row)
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    return table


def add_header_table(document, lay: L.PageLayout, *, cong_van: bool = False) -> None:
    """ô 1–4 (and 5b for công văn): agency | Quốc hiệu, Tiêu ngữ; Số | place and date."""
    table = _layout_table(document, 2, "vanban:header", lay)
    agency, nation = table.rows[0].cells
    _first_para(agency, "{%p if co_quan_chu_quan %}", "VB Co quan chu quan")
    _para(agency, "{{ co_quan_chu_quan }}", "VB Co quan chu quan")
    _para(agency, "{%p endif %}", "VB Co quan chu quan")
    _para(agency, "{{ co_quan_ban_hanh }}", "VB Co quan ban hanh")
    _para(agency, "", "VB Duong ke")
    _first_para(nation, L.QUOC_HIEU, "VB Quoc hieu")
    _para(nation, L.TIEU_NGU, "VB Tieu ngu")
    _para(nation, "", "VB Duong ke")
    number, date = table.rows[1].cells
    _first_para(number, "{{ so_ky_hieu }}", "VB So ky hieu")
    if cong_van:
        _para(number, "{%p if trich_yeu_cong_van %}", "VB Trich yeu cong van")
        _para(number, "{{ trich_yeu_cong_van }}", "VB Trich yeu cong van")
        _para(number, "{%p endif %}", "VB Trich yeu cong van")
    _first_para(date, "{{ dia_danh_ngay_thang }}", "VB Dia danh ngay thang")


def add_kinh_gui(document) -> None:
    """ô 9a: ``Kính gửi: X`` on one line, or ``Kính gửi:`` with a ``-`` list under the colon."""
    _para(document, "{%p if kinh_gui|length == 1 %}", "VB Kinh gui")
    _para(document, "Kính gửi: {{ kinh_gui[0] }}", "VB Kinh gui")
    _para(document, "{%p elif kinh_gui %}", "VB Kinh gui")
    _para(document, "Kính gửi:", "VB Kinh gui")
    _para(document, "{%p for noi in kinh_gui %}", "VB Kinh gui muc")
    _para(document, "{{ noi }}", "VB Kinh gui muc")
    _para(document, "{%p endfor %}", "VB Kinh gui muc")
    _para(document, "{%p endif %}", "VB Kinh gui")


# --------------------------------------------------------------------------------------------
# Templates


# What each band of the certificate holds: (text, style) paragraphs; the bottom band is two cells.
_BAND_PARAGRAPHS: dict[str, tuple[tuple[str, str], ...]] = {
    "quoc_hieu": ((L.QUOC_HIEU, "VB GK Quoc hieu"), (L.TIEU_NGU, "VB GK Tieu ngu"), ("", "VB Duong ke")),
    "tham_quyen": (("{{ tham_quyen }}", "VB GK Tham quyen"),),
    "tang": (("TẶNG", "VB GK Tang"),),
    "giay_khen": (("GIẤY KHEN", "VB GK Giay khen"),),
    "ho_ten": (("{{ ho_ten }}", "VB GK Ten"),),
    "chuc_vu_don_vi": (("{{ chuc_vu_don_vi }}", "VB GK Dong"),),
    "thanh_tich": (("{{ thanh_tich }}", "VB GK Thanh tich"),),
}
_VALIGN = {"top": WD_CELL_VERTICAL_ALIGNMENT.TOP, "center": WD_CELL_VERTICAL_ALIGNMENT.CENTER,
           "bottom": WD_CELL_VERTICAL_ALIGNMENT.BOTTOM}


def _band_table(document, stock: L.CertificateStock):
    """The certificate's layout table: one row of exact height per band, two equal columns."""
    table = document.add_table(rows=len(stock.bands), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    width = Mm(stock.text_width_mm)
    ooxml.set_table_fixed_layout(table, [Emu(width // 2), Emu(width - width // 2)])
    for row, band in zip(table.rows, stock.bands):
        row.height = Mm(band.height_mm)
        # A field's band grows rather than cut off a longer text than it was made for.
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY if band.fixed else WD_ROW_HEIGHT_RULE.AT_LEAST
        ooxml.cant_split(row)
    return table


def _build_giay_khen(document, lay: L.PageLayout, *, pre_printed: bool = False,
                     stock: L.CertificateStock = L.CERTIFICATE_STOCKS[L.DEFAULT_STOCK]) -> None:
    """Giấy khen (spec §5.3): the lines in order, red where the spec says red, each in its band of
    fixed height (``layout.CERTIFICATE_BANDS``) so the page is filled top to bottom and every field
    has its place; bottom left the decision and Số sổ vàng, bottom right place, date and signer.
    ``pre_printed`` leaves out the fixed text (Quốc hiệu, Tiêu ngữ, TẶNG, GIẤY KHEN, border) for
    printing onto stock: the bands keep their heights, so the variable text lands in the same place."""
    table = _band_table(document, stock)
    ooxml.remove_table_borders(table)
    for row, band in zip(table.rows, stock.bands):
        if band.key == "chan":
            left, right = row.cells
            left.vertical_alignment = right.vertical_alignment = _VALIGN[band.valign]
            _first_para(left, "{{ quyet_dinh }}", "VB GK Chan")
            _para(left, "{{ so_so_vang }}", "VB GK Chan")
            _first_para(right, "{{ dia_danh_ngay_thang }}", "VB GK Ngay")
            _para(right, "{%p for dong in quyen_han_ky %}", "VB GK Ky")
            _para(right, "{{ dong }}", "VB GK Ky")
            _para(right, "{%p endfor %}", "VB GK Ky")
            _para(right, "{{ ho_ten_ky }}", "VB GK Ho ten ky")
            continue
        cell = row.cells[0].merge(row.cells[1])
        cell.vertical_alignment = _VALIGN[band.valign]
        for index, (text, style) in enumerate(_BAND_PARAGRAPHS[band.key]):
            text = "" if pre_printed and band.fixed else text
            para = (_first_para if index == 0 else _para)(cell, text, style)
            if pre_printed and style == "VB Duong ke":
                ooxml.clear_paragraph_border(para)
    _para(document, "", "VB GK Ket")
    if not pre_printed:
        ooxml.page_border(document.sections[0]._sectPr)


def _mm(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _build_calibration(document, lay: L.PageLayout,
                       stock: L.CertificateStock = L.CERTIFICATE_STOCKS[L.DEFAULT_STOCK]) -> None:
    """The calibration page: each band of the certificate drawn as a box, split down the sheet's
    vertical centre line, labelled with the field and its distance from the sheet's top edge. Printed
    on plain paper and laid over the stock against the light, it shows how far the stock's printed
    text sits from where the fields will print (``docs/giay-khen.md``)."""
    table = _band_table(document, stock)
    ooxml.set_table_borders(table, "single", 4, "000000")
    for row, band in zip(table.rows, stock.bands):
        left, right = row.cells
        left.vertical_alignment = right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        top = stock.band_top_mm(band.key)
        _first_para(left, band.label, "VB GK Nhan")
        _first_para(right, f"cách mép trên {_mm(top)} mm, cao {_mm(band.height_mm)} mm", "VB GK Nhan")
        if band.key == stock.bands[0].key:
            _para(left, "Phôi {{ phoi }}; độ lệch đang dùng: ngang {{ lech_ngang }} mm, dọc {{ lech_doc }} mm",
                  "VB GK Nhan")
    _para(document, "", "VB GK Ket")


@dataclass(frozen=True)
class TemplateSpec:
    name: str  # file name in templates/
    description: str
    build: Callable[[object, L.PageLayout], None]
    certificate: bool = False


def add_header_block(document, lay: L.PageLayout) -> None:
    """ô 1–5: the header table and the title block, left out for an annex issued on its own."""
    _para(document, "{%p if co_tieu_de %}", "VB Noi dung")
    add_header_table(document, lay, cong_van=True)
    _para(document, "{%p if ten_loai %}", "VB Ten loai")
    _para(document, "{{ ten_loai }}", "VB Ten loai")
    _para(document, "{%p endif %}", "VB Ten loai")
    _para(document, "{%p if trich_yeu %}", "VB Trich yeu")
    _para(document, "{{ trich_yeu }}", "VB Trich yeu")
    _para(document, "", "VB Duong ke")
    _para(document, "{%p endif %}", "VB Trich yeu")
    _para(document, "{%p endif %}", "VB Noi dung")


def add_preamble(document) -> None:
    """Mẫu 1.2: the authority line, the căn cứ lines and ``QUYẾT ĐỊNH:`` — each only when given."""
    _para(document, "{%p if tham_quyen %}", "VB Tham quyen")
    _para(document, "{{ tham_quyen }}", "VB Tham quyen")
    _para(document, "{%p endif %}", "VB Tham quyen")
    _para(document, "{%p for dong in can_cu %}", "VB Can cu")
    _para(document, "{{ dong }}", "VB Can cu")
    _para(document, "{%p endfor %}", "VB Can cu")
    _para(document, "{%p if lenh %}", "VB Tham quyen")
    _para(document, "{{ lenh }}", "VB Tham quyen")
    _para(document, "{%p endif %}", "VB Tham quyen")


def _build_van_ban(document, lay: L.PageLayout) -> None:
    """Every administrative document: the parts a form leaves empty are left out; the body, the
    closing and the annexes are element slots filled by ``generator.writer``."""
    add_header_block(document, lay)
    add_kinh_gui(document)
    add_preamble(document)
    _para(document, "{{p noi_dung }}", "VB Noi dung")
    _para(document, "{{p phu_luc }}", "VB Noi dung")


TEMPLATES: dict[str, TemplateSpec] = {
    spec.name: spec
    for spec in (
        TemplateSpec(
            "van-ban.docx",
            "Văn bản hành chính theo Nghị định 30/2020/NĐ-CP (mọi loại: có tên loại, công văn, quyết định, "
            "biên bản, phụ lục)",
            _build_van_ban,
        ),
        TemplateSpec("giay-khen.docx", "Giấy khen (A4 ngang)", _build_giay_khen, certificate=True),
        TemplateSpec("giay-khen-phoi.docx", "Giấy khen in trên phôi (chỉ phần thay đổi)",
                     lambda document, lay: _build_giay_khen(document, lay, pre_printed=True), certificate=True),
        TemplateSpec("giay-khen-can-chinh.docx", "Trang căn chỉnh in Giấy khen trên phôi", _build_calibration,
                     certificate=True),
    )
}


def build_template(name: str, lay: L.PageLayout = L.DEFAULT_LAYOUT):
    spec = TEMPLATES[name]
    document = new_base_document(lay, certificate=spec.certificate)
    spec.build(document, lay)
    # Move the section properties back to the end of the body.
    body = document.element.body
    sectPr = body.find(qn("w:sectPr"))
    body.remove(sectPr)
    body.append(sectPr)
    ooxml.preserve_spaces(body)
    return document


def template_bytes(name: str) -> bytes:
    """The template package: reproducible bytes, document properties written by ``coreprops``."""
    buffer = io.BytesIO()
    build_template(name).save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
        parts = {member: package.read(member) for member in package.namelist()}
    parts["docProps/core.xml"] = core_xml(None, title=TEMPLATES[name].description, author="vanban", date=None,
                                          category="mau")
    return write_zip(parts.items())


def build_all(destination: Path) -> list[Path]:
    destination.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TEMPLATES:
        target = destination / name
        target.write_bytes(template_bytes(name))
        written.append(target)
    return written
