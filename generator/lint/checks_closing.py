"""Closing checks: Nơi nhận, Lưu, signature block (CHK-25 … CHK-30), footer contact (CHK-31)."""

from __future__ import annotations

import re

from .checks_body import _blocks
from .common import Parts, check_format, finding, is_caps, nonempty, norm
from .document import Document, Para, Where
from .report import WARNING, T, quoted

AUTH_RE = re.compile(r"^((TM|KT|Q|TL|TUQ)\. )?\S.*$")
LUU_RE = re.compile(r"^- Lưu: VT(,\s*\S.*)?\.(\s*[A-ZĐ]+\.?\(\d+\)\.?)?$")
DEGREE_RE = re.compile(r"^(GS|PGS|TS|ThS|KS|BS|CN)\.")
CENTER = ("center",)
LEFT = (None, "left", "both")

AUTH = T("Quyền hạn, chức vụ người ký", "Signing authority")
NAME = T("Họ tên người ký", "Signer's name")
NN = T("Nơi nhận", "Nơi nhận (recipients)")


def _closing_where(parts: Parts) -> Where:
    if parts.closing is None:
        return Where()
    return Where(section=parts.closing.section, table=parts.closing.number)


def _signature_lines(parts: Parts) -> tuple[list[Para], Para | None]:
    if parts.signature is None:
        return [], None
    lines = nonempty(parts.signature.paragraphs)
    if not lines:
        return [], None
    return lines[:-1], lines[-1]


def chk25_authority(doc: Document, parts: Parts):
    if parts.closing is None:
        yield finding("CHK-25", AUTH, T("không có bảng nơi nhận/chữ ký", "no closing table"),
                      T("bảng hai cột: Nơi nhận | chữ ký", "a two-column table: Nơi nhận | signature"), Where())
        return
    lines, name = _signature_lines(parts)
    if not lines:
        yield finding("CHK-25", AUTH, T("không có", "missing"), T("chức vụ in hoa, đậm", "the title in bold caps"),
                      _closing_where(parts))
        return
    first = norm(lines[0].text)
    if not AUTH_RE.match(first) or re.match(r"^(TM|KT|Q|TL|TUQ)\.\S", first):
        yield finding("CHK-25", AUTH, quoted(first), T("“KT. GIÁM ĐỐC”, “TM. …”, “Q. …”, “TL. …”, “TUQ. …” hoặc chức vụ",
                                                      "“KT. GIÁM ĐỐC”, “TM. …”, “Q. …”, “TL. …”, “TUQ. …” or a title"),
                      lines[0].where)
    for para in lines:
        if not is_caps(norm(para.text)):
            yield finding("CHK-25", AUTH, quoted(norm(para.text)), T("chữ in hoa", "all capitals"), para.where)
        yield from check_format("CHK-25", AUTH, para, size=(13, 14), bold=True, align=CENTER)


def chk26_prefixes(doc: Document, parts: Parts):
    """The §6 constraints, by the one rule set the form model uses (generator.document.signature)."""
    from ..document.signature import chain_problems
    from ..messages import text as message

    lines, _ = _signature_lines(parts)
    texts = [norm(p.text) for p in lines]
    subject = T("Thể thức ký", "Signing form")
    for problem in chain_problems(texts) if texts else []:
        index = min(problem.index, len(lines) - 1)
        params = {**problem.params, "line": problem.index + 1}
        yield finding("CHK-26", subject, quoted(texts[index]),
                      T(message(problem.code, "vi", **params), message(problem.code, "en", **params)),
                      lines[index].where, WARNING)


def chk27_name(doc: Document, parts: Parts):
    lines, name = _signature_lines(parts)
    if parts.closing is None:
        return
    if name is None or not lines:
        yield finding("CHK-27", NAME, T("không có", "missing"), T("họ tên người ký, in đậm", "the signer's name in bold"),
                      _closing_where(parts))
        return
    text = norm(name.text)
    words = text.split()
    if DEGREE_RE.match(text):
        yield finding("CHK-27", NAME, quoted(text), T("không ghi học hàm, học vị trước tên", "no academic title before the name"),
                      name.where)
    elif is_caps(text) or not all(wd[:1].isupper() and (len(wd) == 1 or not wd[1:].isupper()) for wd in words):
        yield finding("CHK-27", NAME, quoted(text), T("viết hoa chữ đầu mỗi âm tiết, ví dụ “Nguyễn Văn A”",
                                                     "each syllable capitalised, e.g. “Nguyễn Văn A”"), name.where)
    yield from check_format("CHK-27", NAME, name, size=(13, 14), bold=True, align=CENTER)


def _recipients(parts: Parts) -> tuple[Para | None, list[Para]]:
    paras = nonempty(parts.recipient_paras)
    if not paras:
        return None, []
    label = next((p for p in paras if norm(p.text).startswith("Nơi nhận")), None)
    if label is None:
        return None, paras
    return label, paras[paras.index(label) + 1:]


def chk28_label(doc: Document, parts: Parts):
    if parts.closing is None or not nonempty(parts.recipient_paras):
        return
    label, _ = _recipients(parts)
    subject = T("“Nơi nhận:”", "“Nơi nhận:”")
    if label is None:
        label = nonempty(parts.recipient_paras)[0]
    if norm(label.text) != "Nơi nhận:":
        yield finding("CHK-28", subject, quoted(norm(label.text)), quoted("Nơi nhận:"), label.where)
    if parts.recipients is not None and nonempty(parts.recipients.paragraphs)[0] is not label:
        yield finding("CHK-28", subject, T("không phải dòng đầu của ô", "not the first line of its cell"),
                      T("dòng đầu ô trái, ngang dòng quyền hạn ký", "first line of the left cell, level with the authority"),
                      label.where)
    yield from check_format("CHK-28", subject, label, size=(12, 12), bold=True, italic=True, align=LEFT)


def chk29_list(doc: Document, parts: Parts):
    if parts.closing is None or not nonempty(parts.recipient_paras):
        return
    _, items = _recipients(parts)
    kinh_gui, _, _ = _blocks(parts)
    ended = True
    starts = []
    for para in items:
        text = norm(para.text)
        if text.startswith("- "):
            starts.append(para)
        elif ended:
            yield finding("CHK-29", NN, quoted(text[:40]), T("mỗi dòng bắt đầu bằng “- ”", "each item starts with “- ”"),
                          para.where)
        ended = text.endswith((";", "."))
        yield from check_format("CHK-29", NN, para, size=(11, 11), bold=False, italic=False)
    for para in starts[:-1]:
        if not norm(para.text).endswith(";"):
            yield finding("CHK-29", NN, quoted(norm(para.text)[-20:]), T("kết thúc bằng “;”", "ends with “;”"), para.where)
    if kinh_gui and starts and norm(starts[0].text) != "- Như trên;":
        yield finding("CHK-29", NN, quoted(norm(starts[0].text)), quoted("- Như trên;"), starts[0].where)


def chk30_luu(doc: Document, parts: Parts):
    if parts.closing is None or not nonempty(parts.recipient_paras):
        return
    _, items = _recipients(parts)
    subject = T("Dòng “Lưu”", "“Lưu” line")
    expected = T("dòng cuối “- Lưu: VT, <đơn vị>.”", "a last line “- Lưu: VT, <unit>.”")
    last = items[-1] if items else None
    if last is None or not norm(last.text).startswith("- Lưu"):
        yield finding("CHK-30", subject, T("không có", "missing"), expected, (last or parts.recipient_paras[0]).where)
    elif not LUU_RE.match(norm(last.text)):
        yield finding("CHK-30", subject, quoted(norm(last.text)), expected, last.where)


def chk31_footer_contact(doc: Document, parts: Parts):
    subject = T("Địa chỉ, liên hệ ở chân trang", "Contact block in the footer")
    for section in doc.sections[:1]:
        for typ, paras in section.footers.items():
            lines = [p for p in paras if norm(p.text) and not p.fields]
            if not lines:
                continue
            if typ != "first":
                yield finding("CHK-31", subject, T("hiện trên mọi trang", "shown on every page"),
                              T("chỉ ở trang 1 (chân trang trang đầu)", "page 1 only (first-page footer)"), lines[0].where,
                              WARNING)
            for para in lines:
                yield from check_format("CHK-31", subject, para, WARNING, size=(11, 12), italic=False)
            top = lines[0].props.borders.get("top", "none")
            if top in ("none", "nil"):
                yield finding("CHK-31", subject, T("không có đường kẻ phía trên", "no rule above it"),
                              T("một đường kẻ liền hết chiều rộng phía trên", "a full-width solid rule above it"),
                              lines[0].where, WARNING)


CHECKS = {
    "CHK-25": chk25_authority, "CHK-26": chk26_prefixes, "CHK-27": chk27_name, "CHK-28": chk28_label,
    "CHK-29": chk29_list, "CHK-30": chk30_luu, "CHK-31": chk31_footer_contact,
}


# --------------------------------------------------------------------------------------------
# CHK-32: appendix pages

_PHU_LUC = re.compile(r"^Phụ lục(?: ([IVXLC]+|\d+))?$", re.IGNORECASE)


def chk32_appendix(doc: Document, parts: Parts):
    """Each "Phụ lục" starts its own section (a new page, page numbers from 1); heading 14 pt bold
    centred; title in caps, bold, centred; "(Kèm theo …)" italic, centred; Roman numerals when
    there are two or more (ND30-PL-*)."""
    subject = T("Phụ lục", "Appendix")
    paras = [b for b in doc.blocks if hasattr(b, "text")]
    headings = [p for p in paras if _PHU_LUC.match(norm(p.text))]
    for heading in headings:
        index = paras.index(heading)
        before = [p for p in paras[:index] if p.where.section == heading.where.section and norm(p.text)]
        if before and not _is_annex_top(before):
            yield finding("CHK-32", subject, T("không sang mục (section) mới", "not at the start of a new section"),
                          T("mỗi phụ lục bắt đầu ở trang, mục mới", "each appendix starts a new page and section"),
                          heading.where, WARNING)
        yield from check_format("CHK-32", subject, heading, WARNING, size=(14, 14), bold=True, align=CENTER)
        following = [p for p in paras[index + 1:] if norm(p.text)]
        if following:
            title = following[0]
            if not is_caps(norm(title.text)):
                yield finding("CHK-32", subject, quoted(norm(title.text)[:40]), T("tên phụ lục in hoa", "the title in caps"),
                              title.where, WARNING)
            yield from check_format("CHK-32", subject, title, WARNING, size=(13, 14), bold=True, align=CENTER)
            reference = next((p for p in following[1:3] if norm(p.text).startswith("(")), None)
            if reference is not None:
                yield from check_format("CHK-32", subject, reference, WARNING, size=(13, 14), italic=True, align=CENTER)
        number = heading.where.section
        if number > 1 and number <= len(doc.sections):
            sect = doc.sections[number - 1].sectPr
            start = sect.find(f"{{{_WNS}}}pgNumType") if sect is not None else None
            if start is None or start.get(f"{{{_WNS}}}start") != "1":
                yield finding("CHK-32", subject, T("số trang chạy tiếp", "page numbers run on"),
                              T("đánh số trang lại từ 1", "page numbers restart at 1"), heading.where, WARNING)
    if len(headings) >= 2:
        for heading in headings:
            if not re.search(r" [IVXLC]+$", norm(heading.text)):
                yield finding("CHK-32", subject, quoted(norm(heading.text)),
                              T("số La Mã khi có từ hai phụ lục (Phụ lục I, II …)", "Roman numerals with two or more appendices"),
                              heading.where, WARNING)


_WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _is_annex_top(before: list) -> bool:
    """Only a form label ("Biểu mẫu số 01") may stand above the heading in its section."""
    return all(norm(p.text).casefold().startswith(("biểu mẫu", "mẫu số")) for p in before)


CHECKS["CHK-32"] = chk32_appendix
