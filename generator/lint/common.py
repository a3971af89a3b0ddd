"""What the checks share: the located parts of an ND30 document and format comparisons."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field

from .. import layout as L
from .document import Cell, Document, Para, Table, Where
from .report import ALIGN, BOLD, ERROR, ITALIC, Finding, T, align_text, join, size_range, size_text
from .styles import w

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

# nd30-layout.md §4: type names (caps) → codes.
TYPE_CODES = {
    "NGHỊ QUYẾT": "NQ", "QUYẾT ĐỊNH": "QĐ", "CHỈ THỊ": "CT", "QUY CHẾ": "QC", "QUY ĐỊNH": "QyĐ",
    "THÔNG CÁO": "TC", "THÔNG BÁO": "TB", "HƯỚNG DẪN": "HD", "CHƯƠNG TRÌNH": "CTr", "KẾ HOẠCH": "KH",
    "PHƯƠNG ÁN": "PA", "ĐỀ ÁN": "ĐA", "DỰ ÁN": "DA", "BÁO CÁO": "BC", "BIÊN BẢN": "BB",
    "TỜ TRÌNH": "TTr", "HỢP ĐỒNG": "HĐ", "CÔNG ĐIỆN": "CĐ", "BẢN GHI NHỚ": "BGN",
    "BẢN THỎA THUẬN": "BTT", "GIẤY ỦY QUYỀN": "GUQ", "GIẤY MỜI": "GM", "GIẤY GIỚI THIỆU": "GGT",
    "GIẤY NGHỈ PHÉP": "GNP", "PHIẾU GỬI": "PG", "PHIẾU CHUYỂN": "PC", "PHIẾU BÁO": "PB",
}
MIXED_CASE_CODES = {"QyĐ", "CTr", "TTr", "TrS"}
NO_TRICH_YEU = {"GIẤY GIỚI THIỆU", "GIẤY NGHỈ PHÉP"}
_OLD_TONES = {"HOÀ": "HÒA", "THOẢ": "THỎA", "UỶ": "ỦY", "hoà": "hòa", "thoả": "thỏa", "uỷ": "ủy"}


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def tone_norm(text: str) -> str:
    text = norm(text)
    for old, new in _OLD_TONES.items():
        text = text.replace(old, new)
    return text


def is_caps(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.upper()


def twips_of(length) -> float:
    return int(length) / 635


def text_twips(text: str, size: float, bold: bool) -> float:
    return twips_of(L.text_width(text, size, bold))


def finding(check: str, subject: T, found: T, expected: T, where: Where, severity: str = ERROR) -> Finding:
    return Finding(check, severity, subject, found, expected, where)


def format_problems(para: Para, *, size: tuple[float, float] | None = None, bold: bool | None = None,
                    italic: bool | None = None, align: tuple[str | None, ...] | None = None
                    ) -> tuple[T, T] | None:
    """Compare a paragraph's effective format with the requirement; (found, expected) or None."""
    found: list[T] = []
    expected: list[T] = []
    if size is not None:
        sizes = para.sizes()
        if any(not (size[0] - 0.01 <= s <= size[1] + 0.01) for s in sizes):
            found.append(size_text(sizes))
            expected.append(size_range(*size))
    if bold is not None:
        value = para.all_runs("bold")
        if value is not bold:
            found.append(BOLD[value])
            expected.append(BOLD[bold])
    if italic is not None:
        value = para.all_runs("italic")
        if value is not italic:
            found.append(ITALIC[value])
            expected.append(ITALIC[italic])
    if align is not None and para.props.jc not in align:
        found.append(align_text(para.props.jc))
        expected.append(join((ALIGN[a] for a in align if a in ALIGN), " / "))
    if not found:
        return None
    return join(found), join(expected)


def check_format(check: str, subject: T, para: Para, severity: str = ERROR, **wanted) -> list[Finding]:
    problems = format_problems(para, **wanted)
    if problems is None:
        return []
    return [finding(check, subject, problems[0], problems[1], para.where, severity)]


def nonempty(paras: list[Para]) -> list[Para]:
    return [p for p in paras if norm(p.text)]


def rule_length(rule: Para, container: float) -> float | None:
    """Rendered length (twips) of a rule paragraph: a bottom border, underscores or a shape."""
    if rule.props.borders.get("bottom", "none") not in ("none", "nil"):
        return container - rule.props.ind.get("left", 0) - rule.props.ind.get("right", 0)
    text = norm(rule.text)
    if text and set(text) == {"_"}:
        return text_twips(text, max(rule.sizes()), rule.all_runs("bold") is True)
    if rule.has_drawing:
        return None
    return -1.0


def is_rule(para: Para) -> bool:
    if norm(para.text) and set(norm(para.text)) != {"_"}:
        return False
    return (para.props.borders.get("bottom", "none") not in ("none", "nil") or bool(norm(para.text))
            or para.has_drawing)


def cell_text_width(table: Table, cell: Cell) -> float:
    margins = table.el.find(f"{w('tblPr')}/{w('tblCellMar')}")
    left = right = 108
    if margins is not None:
        for side, attr in (("left", "left"), ("start", "left"), ("right", "right"), ("end", "right")):
            el = margins.find(w(side))
            if el is not None and (el.get(w("w")) or "").isdigit():
                if attr == "left":
                    left = int(el.get(w("w")))
                else:
                    right = int(el.get(w("w")))
    return (cell.width or 0) - left - right


def section_text_width(doc: Document, section: int = 1) -> float:
    sect = doc.sections[min(section, len(doc.sections)) - 1].sectPr
    if sect is None:
        return 9638
    size = sect.find(w("pgSz"))
    mar = sect.find(w("pgMar"))
    width = int((size.get(w("w")) if size is not None else None) or 11906)
    left = abs(int((mar.get(w("left")) if mar is not None else None) or 1800))
    right = abs(int((mar.get(w("right")) if mar is not None else None) or 1800))
    return width - left - right


def _table_caption(table: Table) -> str | None:
    caption = table.el.find(f"{w('tblPr')}/{w('tblCaption')}")
    return caption.get(w("val")) if caption is not None else None


def _signatures_table(parts: "Parts", blocks: list, header_index: int | None) -> int | None:
    """A closing without Nơi nhận beside the signature: two signatures side by side (a biên bản,
    Mẫu 1.9) with Nơi nhận below, or a signature alone. The first layout table after the header."""
    for i, block in enumerate(blocks):
        if i == header_index or not isinstance(block, Table) or _table_caption(block) != "vanban:closing":
            continue
        row = block.rows[0] if block.rows else []
        signed = [cell for cell in row if nonempty(cell.paragraphs)]
        if not signed:
            continue
        parts.closing, parts.closing_row = block, 0
        parts.signature = signed[-1]
        if len(signed) > 1:
            parts.left_signature = signed[0]
        after = []
        for following in blocks[i + 1:]:
            if not isinstance(following, Para) or following.el.find(f"{w('pPr')}/{w('sectPr')}") is not None:
                break  # the closing ends with its section (an annex may follow)
            after.append(following)
        texts = [p for p in after if norm(p.text)]
        if texts and norm(texts[0].text).startswith("Nơi nhận"):
            parts.recipient_paras = texts
        return i
    return None


@dataclass
class Parts:
    """The ND30 parts found in a document (None where absent)."""

    header: Table | None = None
    qh: Para | None = None
    qh_cell: tuple[int, int] | None = None
    so: Para | None = None
    so_cell: tuple[int, int] | None = None
    vv: Para | None = None
    date: Para | None = None
    title: Para | None = None
    trich_yeu: Para | None = None
    title_rule: Para | None = None
    body: list[Para] = field(default_factory=list)
    closing: Table | None = None
    closing_row: int | None = None
    recipients: Cell | None = None  # the cell holding Nơi nhận; None when it stands below the table
    recipient_paras: list[Para] = field(default_factory=list)  # "Nơi nhận:" and its lines
    signature: Cell | None = None
    left_signature: Cell | None = None  # a biên bản: the secretary signs on the left (Mẫu 1.9)


def locate(doc: Document) -> Parts:
    parts = Parts()
    blocks = doc.blocks
    header_index = next((i for i, b in enumerate(blocks) if isinstance(b, Table)), None)
    if header_index is not None:
        parts.header = blocks[header_index]
        for r, row in enumerate(parts.header.rows):
            for c, cell in enumerate(row):
                for p in cell.paragraphs:
                    text = tone_norm(p.text)
                    if parts.qh is None and text == QUOC_HIEU:
                        parts.qh, parts.qh_cell = p, (r, c)
                    if parts.so is None and re.match(r"^Số\s*[:.]?", text) and "/" in text:
                        parts.so, parts.so_cell = p, (r, c)
                    if parts.vv is None and text.startswith("V/v"):
                        parts.vv = p
        if parts.so_cell is not None:
            r, c = parts.so_cell
            for other in parts.header.rows[r][c + 1:]:
                for p in other.paragraphs:
                    if parts.date is None and re.search(r"ngày|tháng", p.text):
                        parts.date = p
        if parts.date is None:
            for row in parts.header.rows:
                for cell in row[1:]:
                    for p in cell.paragraphs:
                        if parts.date is None and re.search(r", ngày", p.text):
                            parts.date = p
    # Closing table: the last table holding "Nơi nhận".
    closing_index = None
    for i, block in enumerate(blocks):
        if isinstance(block, Table) and i != header_index:
            for r, row in enumerate(block.rows):
                for cell in row:
                    if any(norm(p.text).startswith("Nơi nhận") for p in cell.paragraphs):
                        closing_index, parts.closing, parts.closing_row = i, block, r
                        parts.recipients = cell
                        others = [x for x in row if x is not cell]
                        parts.signature = others[-1] if others else None
    if parts.closing is not None:
        parts.recipient_paras = list(parts.recipients.paragraphs)
    else:
        closing_index = _signatures_table(parts, blocks, header_index)
    start = (header_index + 1) if header_index is not None else 0
    end = closing_index if closing_index is not None else len(blocks)
    region = [b for b in blocks[start:end] if isinstance(b, Para)]
    texts = [p for p in region if norm(p.text)]
    if texts and norm(texts[0].text).upper() in TYPE_CODES:
        parts.title = texts[0]
        after = texts[1:]
        if after and norm(parts.title.text).upper() not in NO_TRICH_YEU:
            parts.trich_yeu = after[0]
    anchor = parts.trich_yeu or parts.title
    body_start = 0
    if anchor is not None:
        body_start = region.index(anchor) + 1
        if body_start < len(region) and is_rule(region[body_start]):
            parts.title_rule = region[body_start]
            body_start += 1
    parts.body = [p for p in region[body_start:] if norm(p.text) and not is_rule(p)]
    return parts
