"""Header and title checks: CHK-08 … CHK-18, CHK-36."""

from __future__ import annotations

import datetime as dt
import re

from .. import layout as L
from .common import (MIXED_CASE_CODES, NO_TRICH_YEU, QUOC_HIEU, TIEU_NGU, TYPE_CODES, Parts, cell_text_width,
                     check_format, finding, is_caps, is_rule, norm, rule_length, section_text_width,
                     text_twips)
from .document import Document, Para, Where
from .report import WARNING, T, quoted

CENTER = ("center",)
SO_RE = re.compile(r"^Số: (0[1-9]|[1-9]\d+)/[A-Za-zĐđ0-9&]+(-[A-Za-zĐđ0-9&]+)+$")
SO_DRAFT_RE = re.compile(r"^Số:\s+/[A-Za-zĐđ0-9&]+(-[A-Za-zĐđ0-9&]+)+$")
DATE_RE = re.compile(r"^(?P<place>[^,]+), ngày (?P<d>0[1-9]|[12]\d|3[01]) tháng (?P<m>0[12]|[3-9]|1[0-2]) "
                     r"năm (?P<y>\d{4})$")
DATE_DRAFT_RE = re.compile(r"^[^,]+, ngày\s*(…|\.{2,}|\s)*\s*tháng\s*(…|\.{2,}|\s)*\s*năm \d{4}$")

QH = T("Quốc hiệu", "Quốc hiệu (national name)")
TN = T("Tiêu ngữ", "Tiêu ngữ (motto)")


def _next_in_cell(doc: Document, parts: Parts, para: Para) -> Para | None:
    for row in parts.header.rows:
        for cell in row:
            if para in cell.paragraphs:
                i = cell.paragraphs.index(para)
                return cell.paragraphs[i + 1] if i + 1 < len(cell.paragraphs) else None
    return None


def _cell_of(parts: Parts, para: Para):
    for row in parts.header.rows:
        for cell in row:
            if para in cell.paragraphs:
                return cell
    return None


def chk08_quoc_hieu(doc: Document, parts: Parts):
    if parts.qh is None:
        where = Where(table=1 if parts.header else None, row=1, column=2) if parts.header else Where()
        yield finding("CHK-08", QH, T("không có", "missing"), quoted(QUOC_HIEU), where)
        return
    r, c = parts.qh_cell
    if r != 0 or c != len(parts.header.rows[0]) - 1:
        yield finding("CHK-08", QH, T("không nằm ở ô phải hàng đầu của bảng tiêu đề", "not in the header table's top-right cell"),
                      T("ô phải, hàng 1 của bảng đầu tiên", "right cell, row 1 of the first table"), parts.qh.where)
    yield from check_format("CHK-08", QH, parts.qh, size=(12, 13), bold=True, italic=False, align=CENTER)


def chk09_tieu_ngu(doc: Document, parts: Parts):
    if parts.qh is None:
        return
    tn = _next_in_cell(doc, parts, parts.qh)
    if tn is None or norm(tn.text) != TIEU_NGU or tn.text.strip() != TIEU_NGU:
        where = tn.where if tn is not None else parts.qh.where
        yield finding("CHK-09", TN, quoted(tn.text if tn is not None else "") if tn is not None else T("không có", "missing"),
                      quoted(TIEU_NGU) + T(" (gạch nối “-”, một dấu cách mỗi bên)", " (hyphen-minus, one space each side)"),
                      where)
        if tn is None or "Độc lập" not in tn.text:
            return
    yield from check_format("CHK-09", TN, tn, size=(13, 14), bold=True, align=CENTER)
    for para, name in ((parts.qh, QH), (tn, TN)):
        spacing = para.props.spacing
        rule = spacing.get("lineRule", "auto")
        line = spacing.get("line")
        if not (rule == "auto" and line in (None, 240)):
            yield finding("CHK-09", name, T(f"giãn dòng {line} ({rule})", f"line spacing {line} ({rule})"),
                          T("giãn dòng đơn", "single line spacing"), para.where)
    if (tn.props.spacing.get("before") or 0) > 60:
        yield finding("CHK-09", TN, T(f"cách trên {tn.props.spacing['before'] / 20:g} pt", f"space before {tn.props.spacing['before'] / 20:g} pt"),
                      T("không quá 3 pt", "at most 3 pt"), tn.where)


def chk10_tieu_ngu_rule(doc: Document, parts: Parts):
    if parts.qh is None:
        return
    tn = _next_in_cell(doc, parts, parts.qh)
    if tn is None:
        return
    cell = _cell_of(parts, tn)
    container = cell_text_width(parts.header, cell)
    subject = T("Đường kẻ dưới Tiêu ngữ", "Rule under the Tiêu ngữ")
    after = _next_in_cell(doc, parts, tn)
    length = None
    if tn.props.borders.get("bottom", "none") not in ("none", "nil"):
        length = container - tn.props.ind.get("left", 0) - tn.props.ind.get("right", 0)
    elif after is not None and is_rule(after):
        length = rule_length(after, container)
        if length is None:
            return  # a drawn shape: accepted, its length is not measured
    if length is None or length < 0:
        yield finding("CHK-10", subject, T("không có", "missing"),
                      T("một đường kẻ liền dài bằng dòng Tiêu ngữ", "a solid rule as long as the Tiêu ngữ line"),
                      (after or tn).where, WARNING)
        return
    size = max(tn.sizes())
    text_len = text_twips(norm(tn.text), size, True)
    ratio = length / text_len if text_len else 0
    if not 0.85 <= ratio <= 1.15:
        yield finding("CHK-10", subject, T(f"dài {ratio:.0%} dòng Tiêu ngữ", f"{ratio:.0%} of the Tiêu ngữ line"),
                      T("85–115 % độ dài dòng Tiêu ngữ", "85–115 % of the Tiêu ngữ line"), (after or tn).where, WARNING)


def chk11_size_coherence(doc: Document, parts: Parts):
    if parts.qh is None:
        return
    tn = _next_in_cell(doc, parts, parts.qh)
    if tn is None or parts.date is None:
        return
    qh, tnsz, date = max(parts.qh.sizes()), max(tn.sizes()), max(parts.date.sizes())
    if tnsz != qh + 1 or date != tnsz:
        yield finding("CHK-11", T("Cỡ chữ phần tiêu đề", "Header sizes"),
                      T(f"Quốc hiệu {qh:g} / Tiêu ngữ {tnsz:g} / ngày tháng {date:g} pt",
                        f"Quốc hiệu {qh:g} / Tiêu ngữ {tnsz:g} / date {date:g} pt"),
                      T("cùng tăng giảm, ví dụ 13/14/14 hoặc 12/13/13", "sizes that move together, e.g. 13/14/14 or 12/13/13"),
                      parts.qh.where, WARNING)


def chk12_agency(doc: Document, parts: Parts):
    if parts.header is None or not parts.header.rows or not parts.header.rows[0]:
        return
    cell = parts.header.rows[0][0]
    if parts.qh_cell == (0, 0):
        return
    lines: list[Para] = []
    rule = None
    for p in cell.paragraphs:
        if is_rule(p) and lines:
            rule = p
            break
        if norm(p.text):
            lines.append(p)
    subject = T("Tên cơ quan ban hành", "Issuing agency")
    if not lines:
        yield finding("CHK-12", subject, T("không có", "missing"), T("tên cơ quan in hoa ở ô trái", "agency name in caps, left cell"),
                      Where(table=parts.header.number, row=1, column=1))
        return
    agency = lines[-1]
    yield from check_format("CHK-12", subject, agency, size=(12, 13), bold=True, align=CENTER)
    if not is_caps(norm(agency.text)):
        yield finding("CHK-12", subject, quoted(norm(agency.text)), T("chữ in hoa", "all capitals"), agency.where)
    for p in lines[:-1]:
        yield from check_format("CHK-12", T("Tên cơ quan chủ quản", "Parent agency"), p, size=(12, 13), bold=False,
                                align=CENTER)
    rule_subject = T("Đường kẻ dưới tên cơ quan", "Rule under the agency name")
    expected = T("đường kẻ liền dài 1/3–1/2 dòng tên cơ quan", "a solid rule 1/3–1/2 of the agency line")
    container = cell_text_width(parts.header, cell)
    length = rule_length(rule, container) if rule is not None else -1
    if agency.props.borders.get("bottom", "none") not in ("none", "nil"):
        length = container - agency.props.ind.get("left", 0) - agency.props.ind.get("right", 0)
    if length is None:
        return
    if length < 0:
        yield finding("CHK-12", rule_subject, T("không có", "missing"), expected, agency.where)
        return
    size = max(agency.sizes())
    # A line break typed in the name (w:br) ends a line: measure each line, not the joined text.
    lines_of_name = [norm(part) for part in agency.text.split("\n") if norm(part)] or [""]
    widest = max(max(L.line_widths(line, size, True, L.Emu(int(container * 635)))) for line in lines_of_name)
    ratio = length / (int(widest) / 635) if widest else 0
    if not 0.33 * 0.9 <= ratio <= 0.5 * 1.1:
        yield finding("CHK-12", rule_subject, T(f"dài {ratio:.0%} dòng tên cơ quan", f"{ratio:.0%} of the agency line"),
                      expected, (rule or agency).where)


def chk13_so(doc: Document, parts: Parts):
    subject = T("Số, ký hiệu", "Number (Số)")
    if parts.so is None:
        yield finding("CHK-13", subject, T("không có dòng “Số:”", "no “Số:” line"),
                      T("“Số: 01/QĐ-…” ở ô trái bảng tiêu đề", "“Số: 01/QĐ-…” in the header's left cell"),
                      Where(table=parts.header.number if parts.header else None, row=2 if parts.header else None,
                            column=1 if parts.header else None))
        return
    text = parts.so.text.strip()
    if not (SO_RE.match(text) or SO_DRAFT_RE.match(text)):
        yield finding("CHK-13", subject, quoted(text),
                      T("“Số: 01/QĐ-ABC” — số từ 01 (có số 0 trước số 1–9), dấu “/”, ký hiệu nối bằng “-”, không có dấu cách",
                        "“Số: 01/QĐ-ABC” — number from 01 (leading zero for 1–9), “/”, groups joined by “-”, no spaces"),
                      parts.so.where)
    else:
        groups = text.split("/", 1)[1].split("-")
        bad = [g for g in groups if g != g.upper() and g not in MIXED_CASE_CODES]
        if bad:
            yield finding("CHK-13", subject, quoted(", ".join(bad)),
                          T("ký hiệu in hoa (trừ QyĐ, CTr, TTr, TrS)", "upper-case groups (except QyĐ, CTr, TTr, TrS)"),
                          parts.so.where)
    yield from check_format("CHK-13", subject, parts.so, size=(13, 13), bold=False, italic=False, align=CENTER)


def chk14_type_code(doc: Document, parts: Parts):
    if parts.so is None or "/" not in parts.so.text:
        return
    first = parts.so.text.split("/", 1)[1].strip().split("-")[0]
    subject = T("Ký hiệu loại văn bản", "Type code")
    if parts.title is not None:
        code = TYPE_CODES.get(norm(parts.title.text).upper())
        if code and first != code:
            yield finding("CHK-14", subject, quoted(first),
                          T(f"“{code}” cho {norm(parts.title.text)}", f"“{code}” for {norm(parts.title.text)}"),
                          parts.so.where)
    elif parts.vv is not None and first in TYPE_CODES.values():
        yield finding("CHK-14", subject, quoted(first),
                      T("công văn: ký hiệu là tên cơ quan - đơn vị soạn thảo, không có mã loại",
                        "công văn: agency-unit codes, no type code"), parts.so.where)


NO_DATE_LINE = {"BIÊN BẢN"}


def chk15_date(doc: Document, parts: Parts):
    subject = T("Địa danh, ngày tháng", "Place and date")
    if parts.date is None and parts.title is not None and norm(parts.title.text).upper() in NO_DATE_LINE:
        return  # Mẫu 1.9: a biên bản has no place-and-date line; its time is in the body
    if parts.date is None:
        yield finding("CHK-15", subject, T("không có", "missing"),
                      T("“<Địa danh>, ngày DD tháng M năm YYYY” ở ô phải, cùng hàng với Số",
                        "“<Place>, ngày DD tháng M năm YYYY” in the right cell, same row as Số"),
                      parts.so.where if parts.so else Where())
        return
    text = norm(parts.date.text)
    expected = T("“Hà Nội, ngày 05 tháng 3 năm 2024”: ngày 01–09 có số 0, tháng 01, 02 có số 0, tháng 3–12 không",
                 "“Hà Nội, ngày 05 tháng 3 năm 2024”: days 01–09 zero-padded, months 01, 02 padded, 3–12 not")
    match = DATE_RE.match(text)
    if match is None and not DATE_DRAFT_RE.match(text):
        yield finding("CHK-15", subject, quoted(text), expected, parts.date.where)
    elif match is not None:
        try:
            dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            yield finding("CHK-15", subject, quoted(text), T("một ngày có thật", "a real calendar date"), parts.date.where)
    if parts.so_cell is not None and parts.date.where.row != parts.so.where.row:
        yield finding("CHK-15", subject, T("không cùng hàng với Số", "not on the same row as Số"),
                      T("cùng hàng với dòng Số", "level with the Số line"), parts.date.where)
    yield from check_format("CHK-15", subject, parts.date, size=(13, 14), italic=True, align=CENTER)


def chk16_title(doc: Document, parts: Parts):
    subject = T("Tên loại văn bản", "Document type name")
    if parts.title is None:
        if parts.vv is None:
            yield finding("CHK-16", subject, T("không có", "missing"),
                          T("tên loại in hoa (ví dụ “KẾ HOẠCH”) dưới bảng tiêu đề", "the type name in caps (e.g. “KẾ HOẠCH”) under the header"),
                          Where())
        return
    if not is_caps(norm(parts.title.text)):
        yield finding("CHK-16", subject, quoted(norm(parts.title.text)), T("chữ in hoa", "all capitals"), parts.title.where)
    yield from check_format("CHK-16", subject, parts.title, size=(13, 14), bold=True, italic=False, align=CENTER)


def chk17_trich_yeu(doc: Document, parts: Parts):
    if parts.title is None or norm(parts.title.text).upper() in NO_TRICH_YEU:
        return
    subject = T("Trích yếu", "Trích yếu (summary)")
    ty = parts.trich_yeu
    if ty is None:
        yield finding("CHK-17", subject, T("không có", "missing"), T("trích yếu dưới tên loại", "a summary under the type name"),
                      parts.title.where)
        return
    text = norm(ty.text)
    if is_caps(text) or not text[:1].isupper():
        yield finding("CHK-17", subject, quoted(text[:60]), T("chữ thường, viết hoa chữ đầu", "sentence case"), ty.where)
    yield from check_format("CHK-17", subject, ty, size=(13, 14), bold=True, align=CENTER)
    rule_subject = T("Đường kẻ dưới trích yếu", "Rule under the trích yếu")
    expected = T("đường kẻ liền dài 1/3–1/2 dòng trích yếu", "a solid rule 1/3–1/2 of the summary line")
    container = section_text_width(doc, ty.where.section)
    length = rule_length(parts.title_rule, container) if parts.title_rule is not None else -1
    if length is None:
        return
    if length < 0:
        yield finding("CHK-17", rule_subject, T("không có", "missing"), expected, ty.where)
        return
    # A line break in the trích yếu (typed, or set by vanban's balanced breaks) ends a line.
    lines_of_title = [norm(part) for part in ty.text.split("\n") if norm(part)] or [""]
    widest = max(max(L.line_widths(line, max(ty.sizes()), True, L.Emu(int(container * 635))))
                 for line in lines_of_title)
    ratio = length / (int(widest) / 635) if widest else 0
    if not 0.33 * 0.9 <= ratio <= 0.5 * 1.1:
        yield finding("CHK-17", rule_subject, T(f"dài {ratio:.0%} dòng trích yếu", f"{ratio:.0%} of the summary line"),
                      expected, parts.title_rule.where)


def chk18_ve_viec(doc: Document, parts: Parts):
    if parts.vv is None:
        return
    subject = T("Trích yếu công văn (V/v)", "Công văn summary (V/v)")
    if not parts.vv.text.startswith("V/v "):
        yield finding("CHK-18", subject, quoted(norm(parts.vv.text)[:40]), T("bắt đầu bằng “V/v ”", "starts with “V/v ”"),
                      parts.vv.where)
    yield from check_format("CHK-18", subject, parts.vv, size=(12, 13), bold=False, italic=False, align=CENTER)
    if parts.so is not None:
        gap = (parts.so.props.spacing.get("after") or 0) + (parts.vv.props.spacing.get("before") or 0)
        if gap < 120:
            yield finding("CHK-18", subject, T(f"cách dòng Số {gap / 20:g} pt", f"{gap / 20:g} pt below Số"),
                          T("cách dòng Số ít nhất 6 pt", "at least 6 pt below Số"), parts.vv.where)
    if parts.title is not None:
        yield finding("CHK-18", subject, T("công văn có tên loại", "a công văn with a type name"),
                      T("công văn không có tên loại", "no type name in a công văn"), parts.title.where)


def chk36_no_year(doc: Document, parts: Parts):
    if parts.so is not None and re.search(r"/\d{4}/", parts.so.text):
        yield finding("CHK-36", T("Số, ký hiệu", "Number (Số)"), quoted(norm(parts.so.text)),
                      T("văn bản hành chính không ghi năm trong số, ký hiệu", "no year in an administrative number"),
                      parts.so.where, WARNING)


CHECKS = {
    "CHK-08": chk08_quoc_hieu, "CHK-09": chk09_tieu_ngu, "CHK-10": chk10_tieu_ngu_rule,
    "CHK-11": chk11_size_coherence, "CHK-12": chk12_agency, "CHK-13": chk13_so, "CHK-14": chk14_type_code,
    "CHK-15": chk15_date, "CHK-16": chk16_title, "CHK-17": chk17_trich_yeu, "CHK-18": chk18_ve_viec,
    "CHK-36": chk36_no_year,
}
