"""Body checks: CHK-19 … CHK-24, CHK-34, CHK-37."""

from __future__ import annotations

import re

from .common import Parts, check_format, finding, is_caps, norm
from .document import Document, Para
from .report import WARNING, T, quoted, size_text

HEADING_RE = re.compile(r"^(Phần|Chương|Mục|Tiểu mục) ([IVXLC]+|\d+)$")
DIEU_RE = re.compile(r"^Điều (\d+)\.(?: |$)")
KHOAN_RE = re.compile(r"^(\d+)\. ")
DIEM_RE = re.compile(r"^([a-zđ])\) ")
_ALIGN_VI = {"left": "trái", "start": "trái", "right": "phải", "end": "phải", "center": "giữa", "both": "đều"}
DIEM_ORDER = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(text: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(text):
        value = ROMAN.get(ch)
        if value is None:
            return None
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total


# The line that closes a căn cứ block: ND30 Mẫu 1.2 writes "Theo đề nghị"; commendation decisions
# commonly write "Xét đề nghị" (spec thi-dua-khen-thuong §1.2).
CLOSING_BASIS = ("Theo đề nghị", "Xét đề nghị", "Theo đề xuất", "Xét đề xuất")


_DECIDING = ("QUYẾT ĐỊNH", "QUYẾT NGHỊ")


_ENACTING = re.compile(r"\bban hành (Quyết định|Nghị quyết|Chỉ thị)\b|\bquyết nghị\b", re.IGNORECASE)


def _blocks(parts: Parts) -> tuple[list[Para], list[Para], list[Para]]:
    """Split the body into Kính gửi lines, căn cứ lines and the rest.

    A căn cứ block is one basis per line: two or more consecutive "Căn cứ …" paragraphs, or any
    that close with "Theo/Xét đề nghị …" or lead to "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:". A single
    paragraph that starts "Căn cứ …" and runs on into the body (common in plans, reports and
    proposals) is body text, not the ND30 căn cứ element."""
    kinh_gui: list[Para] = []
    can_cu: list[Para] = []
    rest: list[Para] = []
    pending: list[Para] = []  # "Căn cứ" paragraphs not yet known to form a block
    closed = False
    state = ""

    def settle(next_text: str | None) -> None:
        nonlocal closed
        if pending:
            leads_to_decision = next_text is not None and next_text.rstrip(":").strip() in _DECIDING
            if len(pending) >= 2 or closed or leads_to_decision:
                can_cu.extend(pending)
            else:
                rest.extend(pending)
            pending.clear()
        closed = False

    for para in parts.body:
        text = norm(para.text)
        if state == "cc" and text.startswith("Căn cứ"):
            pending.append(para)
            continue
        if state == "cc" and text.startswith(CLOSING_BASIS):
            pending.append(para)
            closed = True
            state = ""
            continue
        if text.startswith("Căn cứ"):
            settle(text)
            pending.append(para)
            state = "cc"
            continue
        if closed and pending and _ENACTING.search(text) and para.all_runs("italic") is True:
            # The enacting formula of a decision without "QUYẾT ĐỊNH:" closes the block (ND 154/2020
            # style): "Ủy ban nhân dân ban hành Quyết định …".
            pending.append(para)
            continue
        settle(text)
        if text.startswith("Kính gửi"):
            kinh_gui.append(para)
            state = "kg" if text.endswith(":") else ""
        elif state == "kg" and text.startswith("- "):
            kinh_gui.append(para)
            state = "" if text.endswith(".") else "kg"
        else:
            state = ""
            rest.append(para)
    settle(None)
    order = {id(p): i for i, p in enumerate(parts.body)}
    rest.sort(key=lambda p: order[id(p)])
    return kinh_gui, can_cu, rest


def _is_heading(para: Para) -> bool:
    text = norm(para.text)
    return (para.all_runs("bold") is True or bool(HEADING_RE.match(text))
            or (para.props.jc == "center" and is_caps(text)))


def chk19_can_cu(doc: Document, parts: Parts):
    _, can_cu, _ = _blocks(parts)
    subject = T("Căn cứ ban hành", "Legal basis (căn cứ)")
    for i, para in enumerate(can_cu):
        yield from check_format("CHK-19", subject, para, size=(13, 14), italic=True)
        text = norm(para.text)
        last = i == len(can_cu) - 1
        end = "." if last else ";"
        if not text.endswith(end):
            yield finding("CHK-19", subject, T(f"kết thúc bằng “{text[-1:]}”", f"ends with “{text[-1:]}”"),
                          T(f"kết thúc bằng “{end}”", f"ends with “{end}”"), para.where)


def _line_ok(para: Para, size: float) -> bool:
    spacing = para.props.spacing
    rule = spacing.get("lineRule", "auto")
    line = spacing.get("line")
    if line is None:
        return True
    if rule == "auto":
        return 240 <= line <= 360
    return 1.15 * size * 20 <= line <= 1.5 * 1.15 * size * 20 + 1


def chk20_body_format(doc: Document, parts: Parts):
    _, _, rest = _blocks(parts)
    subject = T("Đoạn nội dung", "Body paragraph")
    sizes: dict[float, list[Para]] = {}
    kinh_gui, _, _ = _blocks(parts)
    for para in (p for p in parts.body if p not in kinh_gui):
        for s in para.sizes():
            sizes.setdefault(s, []).append(para)
    bad_range = [s for s in sizes if not 13 <= s <= 14]
    for s in bad_range:
        for para in sizes[s]:
            yield finding("CHK-20", subject, size_text(s), T("cỡ chữ 13–14 pt", "size 13–14 pt"), para.where)
    good = [s for s in sizes if 13 <= s <= 14]
    if len(good) > 1:
        main = max(good, key=lambda s: len(sizes[s]))
        for s in good:
            if s != main:
                for para in sizes[s]:
                    yield finding("CHK-20", subject, size_text(s),
                                  T(f"một cỡ chữ cho toàn bộ nội dung ({main:g} pt)", f"one size for the whole body ({main:g} pt)"),
                                  para.where)
    for para in rest:
        if _is_heading(para):
            continue
        found, expected = [], []
        if para.props.jc != "both":
            align = para.props.jc or "left"
            found.append(T(f"căn lề “{_ALIGN_VI.get(align, align)}”", f"alignment “{align}”"))
            expected.append(T("căn đều hai bên", "justified"))
        first = para.props.ind.get("firstLine")
        if first is None or not any(abs(first - v) <= 20 for v in (567, 720)):
            shown = f"{(first or 0) / 567:.2f} cm"
            found.append(T(f"thụt đầu dòng {shown}", f"first-line indent {shown}"))
            expected.append(T("thụt đầu dòng 1 cm hoặc 1,27 cm", "first-line indent 1 cm or 1.27 cm"))
        if not _line_ok(para, max(para.sizes())):
            sp = para.props.spacing
            found.append(T(f"giãn dòng {sp.get('line')} ({sp.get('lineRule', 'auto')})",
                           f"line spacing {sp.get('line')} ({sp.get('lineRule', 'auto')})"))
            expected.append(T("giãn dòng từ 1 đến 1,5 dòng", "line spacing from single to 1.5 lines"))
        if found:
            yield finding("CHK-20", subject, T(", ".join(f.vi for f in found), ", ".join(f.en for f in found)),
                          T(", ".join(e.vi for e in expected), ", ".join(e.en for e in expected)), para.where)


def chk21_gap(doc: Document, parts: Parts):
    subject = T("Khoảng cách đoạn", "Paragraph gap")
    kinh_gui, _, _ = _blocks(parts)
    body = [p for p in parts.body if p not in kinh_gui]
    for prev, cur in zip(body, body[1:]):
        after = prev.props.spacing.get("after") or 0
        before = cur.props.spacing.get("before") or 0
        if prev.props.spacing.get("afterAutospacing") or cur.props.spacing.get("beforeAutospacing"):
            continue
        gap = after + before
        cancelled = prev.props.contextual and cur.props.contextual and prev.style_id == cur.style_id
        if gap < 120 or cancelled:
            shown = "0" if cancelled else f"{gap / 20:g}"
            yield finding("CHK-21", subject, T(f"{shown} pt", f"{shown} pt"), T("ít nhất 6 pt", "at least 6 pt"),
                          cur.where)


def chk22_headings(doc: Document, parts: Parts):
    subject = T("Đề mục", "Heading")
    last: dict[str, int] = {}
    body = parts.body
    for i, para in enumerate(body):
        text = norm(para.text)
        match = HEADING_RE.match(text)
        if match:
            kind, num = match.groups()
            value = _roman(num) if kind in ("Phần", "Chương") else int(num) if num.isdigit() else None
            if value is None:
                yield finding("CHK-22", subject, quoted(text), T("số La Mã hợp lệ", "a valid Roman numeral"), para.where)
                continue
            yield from check_format("CHK-22", subject, para, bold=True, align=("center",))
            if value != last.get(kind, 0) + 1:
                yield finding("CHK-22", subject, quoted(text),
                              T(f"{kind} số {last.get(kind, 0) + 1}", f"{kind} number {last.get(kind, 0) + 1}"), para.where)
            last[kind] = value
            if i + 1 < len(body):
                title = body[i + 1]
                if not is_caps(norm(title.text)):
                    yield finding("CHK-22", subject, quoted(norm(title.text)[:40]),
                                  T("tên đề mục in hoa", "a heading title in caps"), title.where)
                yield from check_format("CHK-22", subject, title, bold=True, align=("center",))
            continue
        match = DIEU_RE.match(text)
        if match:
            value = int(match.group(1))
            head = match.group(0).strip()
            covered = "".join(r.text for r in para.text_runs if r.props.bold)
            if not norm(covered).startswith(head):
                yield finding("CHK-22", subject, T(f"“{head}” không đậm", f"“{head}” not bold"),
                              T("“Điều N.” in đậm", "“Điều N.” in bold"), para.where)
            if value != last.get("Điều", 0) + 1:
                yield finding("CHK-22", subject, quoted(head), T(f"Điều {last.get('Điều', 0) + 1}.",
                                                                 f"Điều {last.get('Điều', 0) + 1}."), para.where)
            last["Điều"] = value


def chk23_sequence(doc: Document, parts: Parts):
    subject = T("Khoản, điểm", "Khoản / điểm numbering")
    in_dieu = False
    khoan = diem = 0
    for para in parts.body:
        text = norm(para.text)
        if DIEU_RE.match(text):
            in_dieu, khoan, diem = True, 0, 0
            continue
        if not in_dieu:
            continue
        match = KHOAN_RE.match(text)
        if match:
            if int(match.group(1)) != khoan + 1:
                yield finding("CHK-23", subject, quoted(match.group(0).strip()), T(f"khoản {khoan + 1}.", f"khoản {khoan + 1}."),
                              para.where, WARNING)
            khoan, diem = int(match.group(1)), 0
            continue
        match = DIEM_RE.match(text)
        if match:
            letter = match.group(1)
            expected = DIEM_ORDER[diem] if diem < len(DIEM_ORDER) else "?"
            if letter != expected:
                yield finding("CHK-23", subject, quoted(letter + ")"), quoted(expected + ")"), para.where, WARNING)
            diem = DIEM_ORDER.index(letter) + 1 if letter in DIEM_ORDER else diem + 1


def chk24_kinh_gui(doc: Document, parts: Parts):
    kinh_gui, _, _ = _blocks(parts)
    if not kinh_gui:
        return
    subject = T("Kính gửi", "Kính gửi (addressees)")
    for para in kinh_gui:
        yield from check_format("CHK-24", subject, para, size=(13, 14), italic=False)
    head = norm(kinh_gui[0].text)
    if head == "Kính gửi:":
        items = kinh_gui[1:]
        if len(items) < 2:
            yield finding("CHK-24", subject, T("chỉ một dòng dưới “Kính gửi:”", "a single line under “Kính gửi:”"),
                          T("một nơi nhận thì viết cùng dòng “Kính gửi: …”", "one addressee goes on the same line"),
                          kinh_gui[0].where)
        for i, para in enumerate(items):
            end = "." if i == len(items) - 1 else ";"
            if not norm(para.text).endswith(end):
                yield finding("CHK-24", subject, quoted(norm(para.text)[-20:]), T(f"kết thúc bằng “{end}”", f"ends with “{end}”"),
                              para.where)
        indents = {p.props.ind.get("left", 0) for p in items}
        if len(indents) > 1:
            yield finding("CHK-24", subject, T("các dòng thụt lề khác nhau", "lines indented differently"),
                          T("các dòng thẳng hàng", "lines aligned"), items[0].where)
    elif not re.match(r"^Kính gửi: \S", head):
        yield finding("CHK-24", subject, quoted(head[:40]), quoted("Kính gửi: <nơi nhận>"), kinh_gui[0].where)


def chk34_end_mark(doc: Document, parts: Parts):
    _, _, rest = _blocks(parts)
    if rest and not norm(rest[-1].text).endswith("./."):
        yield finding("CHK-34", T("Dấu kết thúc văn bản", "End mark"), quoted(norm(rest[-1].text)[-20:]),
                      T("đoạn cuối kết thúc bằng “./.”", "the last paragraph ends with “./.”"), rest[-1].where, WARNING)


CAP_RULES = (
    (re.compile(r"\b[Kk]hoản \d+,? điều \d+"), "khoản N Điều M", "CAP-19"),
    (re.compile(r"\bthứ (hai|ba|tư|năm|sáu|bảy),? (ngày )?\d{1,2}/\d{1,2}"), "thứ Hai, thứ Ba …", "CAP-21"),
    (re.compile(r"\bthủ đô Hà Nội"), "Thủ đô Hà Nội", "CAP-06"),
    (re.compile(r"\bthành phố Hồ Chí Minh"), "Thành phố Hồ Chí Minh", "CAP-06"),
)
_SENTENCE_RE = re.compile(r"(?<![./])[.?!] +(\w)")


def chk37_capitals(doc: Document, parts: Parts):
    subject = T("Viết hoa", "Capitalisation")
    for para in parts.body:
        text = norm(para.text)
        for pattern, wanted, rule in CAP_RULES:
            match = pattern.search(text)
            if match:
                yield finding("CHK-37", subject, T(f"“{match.group(0)}” ({rule})", f"“{match.group(0)}” ({rule})"),
                              quoted(wanted), para.where, WARNING)
        for match in _SENTENCE_RE.finditer(text):
            if match.group(1).islower():
                around = text[max(0, match.start() - 10):match.end() + 10]
                yield finding("CHK-37", subject, T(f"“{around}” (CAP-01)", f"“{around}” (CAP-01)"),
                              T("viết hoa chữ đầu câu", "a capital at the start of a sentence"), para.where, WARNING)
                break


CHECKS = {
    "CHK-19": chk19_can_cu, "CHK-20": chk20_body_format, "CHK-21": chk21_gap, "CHK-22": chk22_headings,
    "CHK-23": chk23_sequence, "CHK-24": chk24_kinh_gui, "CHK-34": chk34_end_mark, "CHK-37": chk37_capitals,
}
