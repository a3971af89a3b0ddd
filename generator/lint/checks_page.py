"""Page, font and package-wide checks: CHK-01 … CHK-07, CHK-35."""

from __future__ import annotations

import unicodedata

from .common import Parts, finding
from .document import Document, Para, Table, Where
from .report import WARNING, T, join, quoted, size_range
from .styles import w

A4 = (11906, 16838)


def _int(el, attr: str) -> int | None:
    if el is None:
        return None
    value = el.get(w(attr))
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


def _section_where(number: int) -> Where:
    return Where(section=number)


def _table_width(table: Table) -> int:
    grid = table.el.find(w("tblGrid"))
    if grid is None:
        return 0
    return sum(int(col.get(w("w")) or 0) for col in grid.findall(w("gridCol")) if (col.get(w("w")) or "").isdigit())


def chk01_page_size(doc: Document, parts: Parts):
    for section in doc.sections:
        size = section.sectPr.find(w("pgSz")) if section.sectPr is not None else None
        width, height = _int(size, "w"), _int(size, "h")
        subject = T("Khổ giấy", "Paper size")
        expected = T("A4 dọc 210 × 297 mm (11906 × 16838 twip)", "A4 portrait 210 × 297 mm (11906 × 16838 twips)")
        if width is None or height is None:
            yield finding("CHK-01", subject, T("không khai báo (Word dùng khổ mặc định)",
                                               "not set (Word falls back to its default)"),
                          expected, _section_where(section.number))
            continue
        found = T(f"{width / 56.69:.0f} × {height / 56.69:.0f} mm", f"{width / 56.69:.0f} × {height / 56.69:.0f} mm")
        if abs(width - A4[0]) <= 20 and abs(height - A4[1]) <= 20:
            continue
        if abs(width - A4[1]) <= 20 and abs(height - A4[0]) <= 20:
            # ND30 §1: landscape is for a section holding a table too wide for a portrait page.
            portrait_text = A4[0] - 1701 - 850
            header = parts.header if parts.qh is not None else None  # an annex-only file has none
            wide = any(isinstance(b, Table) and b.section == section.number and b is not header
                       and b is not parts.closing and _table_width(b) > portrait_text for b in doc.blocks)
            if not wide:
                yield finding("CHK-01", subject, found + T(" (khổ ngang)", " (landscape)"),
                              T("khổ ngang chỉ dùng cho phần có bảng rộng", "landscape only for a section with a wide table"),
                              _section_where(section.number), WARNING)
            continue
        yield finding("CHK-01", subject, found, expected, _section_where(section.number))


MARGINS = {
    "top": ((1134, 1418), T("lề trên", "top margin"), "20–25"),
    "bottom": ((1134, 1418), T("lề dưới", "bottom margin"), "20–25"),
    "left": ((1701, 1985), T("lề trái", "left margin"), "30–35"),
    "right": ((850, 1134), T("lề phải", "right margin"), "15–20"),
}


def chk02_margins(doc: Document, parts: Parts):
    for section in doc.sections:
        mar = section.sectPr.find(w("pgMar")) if section.sectPr is not None else None
        for side, ((lo, hi), name, mm) in MARGINS.items():
            value = _int(mar, side)
            if value is not None and lo - 14 <= abs(value) <= hi + 14:
                continue
            shown = "?" if value is None else f"{abs(value) / 56.69:.1f} mm"
            yield finding("CHK-02", name, T(shown, shown), T(f"{mm} mm", f"{mm} mm"),
                          _section_where(section.number))


def _every_paragraph(doc: Document):
    yield from doc.all_paragraphs()
    for section in doc.sections:
        for paras in list(section.headers.values()) + list(section.footers.values()):
            yield from paras


def chk03_font(doc: Document, parts: Parts):
    subject = T("Phông chữ", "Font")
    for para in _every_paragraph(doc):
        bad_main = bad_other = legacy = None
        for run in para.text_runs:
            fonts = run.props.fonts
            names = [fonts.get(s, "") for s in ("ascii", "hAnsi", "eastAsia", "cs")]
            if any(n.lower().startswith((".vn", "vni")) for n in names):
                legacy = legacy or next(n for n in names if n.lower().startswith((".vn", "vni")))
            if fonts.get("ascii") != "Times New Roman" or fonts.get("hAnsi") != "Times New Roman":
                bad_main = bad_main or f"{fonts.get('ascii')} / {fonts.get('hAnsi')}"
            elif fonts.get("eastAsia") != "Times New Roman" or fonts.get("cs") != "Times New Roman":
                bad_other = bad_other or f"{fonts.get('eastAsia')} / {fonts.get('cs')}"
        if legacy:
            yield finding("CHK-03", subject, T(f"phông cũ (TCVN3/VNI) “{legacy}”", f"legacy TCVN3/VNI font “{legacy}”"),
                          T("Times New Roman, mã Unicode (TCVN 6909:2001)", "Times New Roman, Unicode (TCVN 6909:2001)"),
                          para.where)
        elif bad_main:
            yield finding("CHK-03", subject, quoted(bad_main), T("Times New Roman", "Times New Roman"), para.where)
        elif bad_other:
            yield finding("CHK-03", subject, T(f"phông Đông Á / phức hợp “{bad_other}”",
                                               f"East Asian / complex-script font “{bad_other}”"),
                          T("Times New Roman", "Times New Roman"), para.where, WARNING)


def chk04_colour(doc: Document, parts: Parts):
    for para in _every_paragraph(doc):
        colours = {r.props.color for r in para.text_runs} - {None, "auto", "000000"}
        if colours:
            shown = ", ".join(sorted(c for c in colours if c))
            yield finding("CHK-04", T("Màu chữ", "Text colour"), quoted(shown), T("màu đen", "black"), para.where)


def chk05_unicode(doc: Document, parts: Parts):
    for para in _every_paragraph(doc):
        texts = [t.text or "" for t in para.el.iter(w("t"))]
        joined = "".join(texts)
        if "\ufffd" in joined:
            yield finding("CHK-05", T("Ký tự", "Characters"), T("ký tự lỗi U+FFFD", "replacement character U+FFFD"),
                          T("văn bản Unicode hợp lệ", "valid Unicode text"), para.where, WARNING)
        elif any(unicodedata.normalize("NFC", t) != t for t in texts):
            yield finding("CHK-05", T("Ký tự", "Characters"), T("chữ dựng sẵn chưa chuẩn hóa (không phải NFC)",
                                                                 "text not in NFC (decomposed accents)"),
                          T("Unicode dựng sẵn (NFC)", "precomposed Unicode (NFC)"), para.where, WARNING)


def _has_page(para: Para) -> bool:
    return any(f.split()[:1] == ["PAGE"] for f in (x.upper() for x in para.fields))


def chk06_page_numbers(doc: Document, parts: Parts):
    subject = T("Số trang", "Page number")
    first = doc.sections[0]
    where = Where(section=1)
    title_pg = first.sectPr.find(w("titlePg")) if first.sectPr is not None else None
    if title_pg is None or title_pg.get(w("val"), "true").lower() in ("0", "false", "off"):
        yield finding("CHK-06", subject, T("số trang hiện cả ở trang 1 (thiếu “trang đầu khác”, w:titlePg)",
                                           "shown on page 1 too (no different first page, w:titlePg)"),
                      T("không hiện số trang ở trang 1", "no page number on page 1"), where)
    default = first.headers.get("default", [])
    numbered = [p for p in default if _has_page(p)]
    if not numbered:
        yield finding("CHK-06", subject, T("đầu trang không có trường PAGE", "no PAGE field in the header"),
                      T("trường PAGE căn giữa trong đầu trang, từ trang 2", "a centred PAGE field in the header from page 2"),
                      Where(part="header:default", section=1))
    for para in numbered:
        problems = []
        expected = []
        if para.props.jc != "center":
            problems.append(T("không căn giữa", "not centred"))
            expected.append(T("căn giữa", "centred"))
        sizes = para.sizes()
        if any(not 13 <= s <= 14 for s in sizes):
            problems.append(T(f"cỡ chữ {'/'.join(f'{s:g}' for s in sorted(sizes))} pt",
                              f"size {'/'.join(f'{s:g}' for s in sorted(sizes))} pt"))
            expected.append(size_range(13, 14))
        if para.all_runs("bold") is not False or para.all_runs("italic") is not False:
            problems.append(T("chữ đậm hoặc nghiêng", "bold or italic"))
            expected.append(T("chữ đứng, không đậm", "upright, not bold"))
        if problems:
            yield finding("CHK-06", subject, join(problems), join(expected), para.where)
    for para in first.headers.get("first", []):
        if _has_page(para):
            yield finding("CHK-06", subject, T("trang 1 có số trang", "page 1 shows a page number"),
                          T("không hiện số trang ở trang 1", "no page number on page 1"), para.where)
    for section in doc.sections:
        for paras in section.footers.values():
            for para in paras:
                if _has_page(para):
                    yield finding("CHK-06", subject, T("số trang ở chân trang", "page number in the footer"),
                                  T("số trang ở lề trên (đầu trang)", "page number in the top margin (header)"),
                                  para.where)
    num = first.sectPr.find(w("pgNumType")) if first.sectPr is not None else None
    start = _int(num, "start")
    if start not in (None, 1):
        yield finding("CHK-06", subject, T(f"bắt đầu từ {start}", f"starts at {start}"),
                      T("đánh số từ 1", "numbering starts at 1"), where)


def chk07_header_distance(doc: Document, parts: Parts):
    for section in doc.sections:
        mar = section.sectPr.find(w("pgMar")) if section.sectPr is not None else None
        header, top = _int(mar, "header"), _int(mar, "top")
        if header is not None and top is not None and header >= abs(top):
            yield finding("CHK-07", T("Khoảng cách đầu trang", "Header distance"),
                          T(f"{header / 56.69:.1f} mm ≥ lề trên {abs(top) / 56.69:.1f} mm",
                            f"{header / 56.69:.1f} mm ≥ top margin {abs(top) / 56.69:.1f} mm"),
                          T("nhỏ hơn lề trên (số trang nằm trong lề trên)", "less than the top margin (number in the top margin)"),
                          _section_where(section.number), WARNING)


_VISIBLE = ("none", "nil")


def _visible_borders(container, tag: str) -> list[str]:
    if container is None:
        return []
    borders = container.find(w(tag))
    if borders is None:
        return []
    return [b.get(w("val"), "none") for b in borders
            if isinstance(b.tag, str) and b.get(w("val"), "none") not in _VISIBLE]


def chk35_invisible_tables(doc: Document, parts: Parts):
    for table, name in ((parts.header, T("Bảng tiêu đề", "Header table")),
                        (parts.closing, T("Bảng nơi nhận/chữ ký", "Closing table"))):
        if table is None:
            continue
        visible = _visible_borders(table.el.find(w("tblPr")), "tblBorders")
        if not visible and table.el.find(f"{w('tblPr')}/{w('tblBorders')}") is None and table.style_id:
            style = doc.resolver.styles.get(table.style_id)
            for st in doc.resolver.chain(table.style_id) if style is not None else []:
                visible += _visible_borders(st.find(w("tblPr")), "tblBorders")
        for row in table.rows:
            for cell in row:
                visible += _visible_borders(cell.el.find(w("tcPr")), "tcBorders")
        if visible:
            where = Where(section=table.section, table=table.number)
            yield finding("CHK-35", name, T(f"có đường viền ({', '.join(sorted(set(visible)))})",
                                            f"visible borders ({', '.join(sorted(set(visible)))})"),
                          T("bảng không viền", "no visible borders"), where)


CHECKS = {
    "CHK-01": chk01_page_size, "CHK-02": chk02_margins, "CHK-03": chk03_font, "CHK-04": chk04_colour,
    "CHK-05": chk05_unicode, "CHK-06": chk06_page_numbers, "CHK-07": chk07_header_distance,
    "CHK-35": chk35_invisible_tables,
}
