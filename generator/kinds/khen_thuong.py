"""What a commendation decision and a commendation proposal share: whether and how money is
given, the sentences that name the awards, and the attached list (spec thi-dua-khen-thuong §4,
§5.2). The one place of these rules; ``quyet_dinh`` (the decision) and ``to_trinh`` (the
proposal) only choose their wording ("được tặng" / "đề nghị tặng").

Money (``tien_thuong``):

- ``theo-quy-dinh``: each line gets the amount of the award table on the decision date (an
  honorary form gets none); an amount typed on a line wins, with a warning when it differs;
- ``theo-danh-sach``: the amounts typed on the lines; a line left blank (or 0) gets none;
- ``khong``: no money anywhere (an honorary decision), typed amounts are left out with a warning;
- not given: ``theo-danh-sach`` when some line has an amount typed, else ``theo-quy-dinh``.

With no money on any line the list has no money column, no subtotals, no TỔNG CỘNG, no "Bằng
chữ", and the documents have no money article or sentence.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Literal

from pydantic_core import PydanticCustomError

from .. import bonus
from ..awardee import Awardee
from ..document.model import Annex, Block, Run, TableBlock
from ..document.table import Cell, Column, Row, Table
from ..errors import Issue
from ..model import OptionalText, Strict
from ..sources import Located
from ..vn import amount_in_words, format_amount, format_number, vn_upper

__all__ = [
    "MONEY_MODES", "COLUMN_KEYS", "ListOptions", "settle_amounts", "money_warnings", "has_money",
    "award_phrase", "awards_sentence", "capital", "settled_list", "recipients_word", "counts", "money", "money_sentence", "list_title", "list_table",
    "attached_list",
]

MONEY_MODES = ("theo-quy-dinh", "theo-danh-sach", "khong")
MoneyMode = Literal["theo-quy-dinh", "theo-danh-sach", "khong"]

GROUP_TITLES = {"tap-the": "TẬP THỂ", "ca-nhan": "CÁ NHÂN", "ho-gia-dinh": "HỘ GIA ĐÌNH"}
GROUP_WORDS = {"tap-the": "tập thể", "ca-nhan": "cá nhân", "ho-gia-dinh": "hộ gia đình"}
GROUP_ORDER = ("tap-the", "ca-nhan", "ho-gia-dinh")
_ROMAN = ("I", "II", "III")

# The columns a list may have, in their printed order; ``cot`` in a form picks among them.
COLUMN_KEYS = ("stt", "ho_ten", "chuc_vu_don_vi", "thanh_tich", "hinh_thuc", "so_tien", "ghi_chu", "ky_nhan")
ColumnKey = Literal["stt", "ho_ten", "chuc_vu_don_vi", "thanh_tich", "hinh_thuc", "so_tien", "ghi_chu", "ky_nhan"]


class ListOptions(Strict):
    """``danh_sach_kem_theo`` of a form: how the attached list is written.

    ``tieu_de`` replaces its title, ``phu_de`` its ``(Kèm theo …)`` line; ``cot`` chooses the
    columns (by default: STT, name, position and unit, achievement when any line has one, award
    form when there are several, amount when there is money, Ghi chú when any line has a note);
    ``danh_so``: ``lien-tuc`` numbers the lines 1…n over the whole list, ``theo-nhom`` starts
    again at 1 in each group (I. TẬP THỂ, II. CÁ NHÂN …)."""

    tieu_de: OptionalText = None
    phu_de: OptionalText = None
    cot: list[ColumnKey] | None = None
    danh_so: Literal["lien-tuc", "theo-nhom"] = "lien-tuc"

    def model_post_init(self, __context) -> None:
        if self.cot is not None:
            if "ho_ten" not in self.cot:
                raise PydanticCustomError("list_needs_name_column", "list_needs_name_column", {})
            if len(set(self.cot)) != len(self.cot):
                raise PydanticCustomError("list_column_twice", "list_column_twice", {})


# --------------------------------------------------------------------------------------------
# Money


def settle_amounts(awardees: list[Awardee], mode: str | None, config: bonus.BonusConfig,
                   on: dt.date | None) -> list[Awardee]:
    """Each line with its award form resolved, the table's amount (``so_tien_tinh``) and the
    amount given (``thuong``) under ``mode``; raises a pydantic error for a form or date the table
    cannot price."""
    if mode is None:
        mode = "theo-danh-sach" if any(a.so_tien for a in awardees) else "theo-quy-dinh"
    result = []
    for awardee in awardees:
        try:
            form = bonus.resolve_award_form(awardee.hinh_thuc, config, on)
            computed = bonus.bonus_amount(form, awardee.doi_tuong, on, config) \
                if on is not None and mode != "khong" else None
        except bonus.BonusError as exc:
            raise PydanticCustomError(exc.code, exc.code, dict(exc.params)) from exc
        if mode == "khong":
            given = 0
        elif mode == "theo-danh-sach":
            given = awardee.so_tien or 0
        elif awardee.so_tien is not None:
            given = awardee.so_tien
        elif computed is None:
            raise PydanticCustomError("decision_needs_date", "decision_needs_date", {})
        else:
            given = computed
        result.append(awardee.model_copy(update={"hinh_thuc": form, "so_tien_tinh": computed, "thuong": given}))
    return result


def settled_list(awardees: list[Awardee], info) -> list[Awardee]:
    """The field validator of a form's ``danh_sach``: the list settled by :func:`settle_amounts`
    with the form's own ``khen_thuong``, ``tien_thuong`` and ``ngay`` (a bad one of those is
    reported on its own field, and the list is kept as it is)."""
    config = info.data.get("khen_thuong")
    if config is None or "ngay" not in info.data or "tien_thuong" not in info.data:
        return awardees
    return settle_amounts(awardees, info.data["tien_thuong"], config, info.data.get("ngay"))


def money_warnings(awardees: list[Awardee], mode: str | None, located: Located, field: tuple = ("danh_sach",),
                   ) -> list[Issue]:
    """A typed amount that differs from the table's; typed amounts left out of an honorary
    decision; lines left blank in a list that otherwise gives amounts (a forgotten cell shows)."""
    issues = []
    name = ".".join(field)
    auto_list = mode is None and any(a.so_tien for a in awardees)
    for index, a in enumerate(awardees):
        origin = located.origin_of((*field, index, "so_tien")) or located.origin_of((*field, index))
        where = f"{name}.{index}.so_tien"
        if mode == "khong" and a.so_tien:
            issues.append(Issue("amount_ignored_honorary", where, origin, a.so_tien,
                                {"name": a.ho_ten, "typed": format_amount(a.so_tien)}, severity="warning"))
        elif a.so_tien is not None and a.so_tien_tinh is not None and a.so_tien != a.so_tien_tinh:
            issues.append(Issue("amount_differs", where, origin, a.so_tien,
                                {"typed": format_amount(a.so_tien), "computed": format_amount(a.so_tien_tinh),
                                 "name": a.ho_ten}, severity="warning"))
        elif auto_list and a.so_tien is None and a.so_tien_tinh:
            issues.append(Issue("amount_blank_in_paid_list", where, origin, None,
                                {"name": a.ho_ten, "computed": format_amount(a.so_tien_tinh)}, severity="warning"))
    return issues


def has_money(awardees: list[Awardee]) -> bool:
    return any(a.amount for a in awardees)


def money(amount: int) -> str:
    """``1.410.000 đồng (Bằng chữ: Một triệu bốn trăm mười nghìn đồng)``."""
    return f"{format_amount(amount)} đồng (Bằng chữ: {amount_in_words(amount)})"


# --------------------------------------------------------------------------------------------
# Sentences


def _is_title(name: str, config: bonus.BonusConfig | None) -> bool:
    if config is not None:
        form = config.forms_on().get(name)
        if form is not None:
            return form.danh_hieu
    return not name.casefold().startswith(("giấy khen", "bằng khen", "huân chương", "kỷ niệm chương"))


def award_phrase(form: str, config: bonus.BonusConfig | None = None) -> str:
    """``tặng Giấy khen``; ``tặng danh hiệu “Lao động tiên tiến”`` (lower case: it is inside a sentence)."""
    return f"tặng danh hiệu “{form}”" if _is_title(form, config) else f"tặng {form}"


def counts(awardees: list[Awardee]) -> str:
    """``4 tập thể, 13 cá nhân và 1 hộ gia đình``."""
    tally = Counter(a.doi_tuong for a in awardees)
    parts = [f"{format_number(tally[kind])} {GROUP_WORDS[kind]}" for kind in GROUP_ORDER if tally[kind]]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " và " + parts[-1]


def recipients_word(awardees: list[Awardee]) -> str:
    """``các tập thể, cá nhân`` — or ``các cá nhân`` … when the list holds one recipient type."""
    kinds = {a.doi_tuong for a in awardees}
    return "các " + (GROUP_WORDS[next(iter(kinds))] if len(kinds) == 1 else "tập thể, cá nhân")


def _forms_in_order(awardees: list[Awardee]) -> list[str]:
    return list(dict.fromkeys(a.hinh_thuc for a in awardees))


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def awards_sentence(awardees: list[Awardee], config: bonus.BonusConfig | None, *, listed: bool) -> str:
    """Who is given what: ``tặng Giấy khen cho 4 tập thể và 13 cá nhân``; several forms each with
    their own recipients, ``tặng Bằng khen … cho 2 tập thể; tặng danh hiệu “…” cho 3 cá nhân``.
    One awardee is named: ``tặng Giấy khen cho Ông Nguyễn Văn An, Chuyên viên, Phòng …``."""
    if len(awardees) == 1:
        one = awardees[0]
        who = ", ".join(part for part in (one.ho_ten, one.position) if part)
        return f"{award_phrase(one.hinh_thuc, config)} cho {who}"
    forms = _forms_in_order(awardees)
    parts = [f"{award_phrase(form, config)} cho {counts([a for a in awardees if a.hinh_thuc == form])}"
             for form in forms]
    sentence = parts[0] if len(parts) == 1 else "; ".join(parts[:-1]) + " và " + parts[-1]
    return f"{sentence} (có danh sách kèm theo)" if listed else sentence


def money_sentence(awardees: list[Awardee], *, decided: bool) -> str | None:
    """The bonus: per recipient type when one amount fits every line of that type, else by the
    list; with the total. ``decided``: a decision ("được thưởng"), else a proposal ("đề nghị
    thưởng"). None when no line has money."""
    paid = [a for a in awardees if a.amount]
    if not paid:
        return None
    verb = "được thưởng" if decided else "đề nghị thưởng"
    total = sum(a.amount for a in paid)
    if len(awardees) == 1:
        return f"{capital(GROUP_WORDS[awardees[0].doi_tuong])} có tên tại Điều 1 {verb} {money(total)}." \
            if decided else f"Mức tiền thưởng đề nghị: {money(total)}."
    per_type = []
    for kind in GROUP_ORDER:
        members = [a for a in awardees if a.doi_tuong == kind]
        amounts = {a.amount for a in members}
        if not members:
            continue
        if len(amounts) != 1:
            per_type = None
            break
        per_type.append(f"mỗi {GROUP_WORDS[kind]} {verb} {money(amounts.pop())}")
    if per_type and len(_forms_in_order(paid)) == 1 and len(paid) == len(awardees):
        listed = "; ".join(per_type)
        return f"{capital(listed)}. Tổng số tiền thưởng: {money(total)}."
    who = "từng tập thể, cá nhân" if len({a.doi_tuong for a in awardees}) > 1 else \
        f"từng {GROUP_WORDS[awardees[0].doi_tuong]}"
    return f"Số tiền thưởng của {who} theo danh sách kèm theo; tổng số tiền thưởng: {money(total)}."


# --------------------------------------------------------------------------------------------
# The attached list


def list_title(awardees: list[Awardee], config: bonus.BonusConfig | None, *, decided: bool) -> str:
    """``DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN`` (a decision) or ``… ĐỀ NGHỊ TẶNG …``."""
    kinds = [GROUP_TITLES[k] for k in GROUP_ORDER if any(a.doi_tuong == k for a in awardees)]
    forms = _forms_in_order(awardees)
    if len(forms) == 1:
        award = vn_upper(("được " if decided else "đề nghị ") + award_phrase(forms[0], config))
    else:
        award = "ĐƯỢC KHEN THƯỞNG" if decided else "ĐỀ NGHỊ KHEN THƯỞNG"
    return f"DANH SÁCH {', '.join(kinds)} {award}"


def _columns(awardees: list[Awardee], options: ListOptions) -> list[str]:
    if options.cot is not None:
        return [key for key in COLUMN_KEYS if key in options.cot]
    wanted = {"stt", "ho_ten", "chuc_vu_don_vi"}
    if any(a.thanh_tich for a in awardees):
        wanted.add("thanh_tich")
    if len(_forms_in_order(awardees)) > 1:
        wanted.add("hinh_thuc")
    if has_money(awardees):
        wanted.add("so_tien")
    if any(a.ghi_chu for a in awardees):
        wanted.add("ghi_chu")
    if not any(a.position for a in awardees):
        wanted.discard("chuc_vu_don_vi")
    return [key for key in COLUMN_KEYS if key in wanted]


def _name_header(awardees: list[Awardee]) -> str:
    kinds = {a.doi_tuong for a in awardees}
    if kinds == {"ca-nhan"}:
        return "Họ và tên"
    if "ca-nhan" not in kinds:
        return "Tên tập thể" if kinds == {"tap-the"} else "Tên tập thể, hộ gia đình"
    return "Tên tập thể, cá nhân"


_HEADERS = {"stt": "STT", "chuc_vu_don_vi": "Chức vụ, đơn vị công tác", "thanh_tich": "Thành tích",
            "hinh_thuc": "Hình thức khen thưởng", "so_tien": "Số tiền thưởng (đồng)", "ghi_chu": "Ghi chú",
            "ky_nhan": "Ký nhận"}
_ALIGN = {"stt": "center", "so_tien": "right", "ky_nhan": "left"}


def _cell(key: str, a: Awardee, number: int) -> str:
    if key == "stt":
        return str(number)
    if key == "ho_ten":
        return a.ho_ten
    if key == "chuc_vu_don_vi":
        return a.position
    if key == "so_tien":
        return format_amount(a.amount) if a.amount else ""
    if key == "thanh_tich":
        return a.thanh_tich or ""
    if key == "hinh_thuc":
        return a.hinh_thuc
    if key == "ghi_chu":
        return a.ghi_chu or ""
    return ""


def list_table(awardees: list[Awardee], options: ListOptions) -> Table:
    """The awardees in groups I. TẬP THỂ, II. CÁ NHÂN …, numbered from the list's own order (the
    sheet's STT is the row's identity, not its printed number); subtotals and the total only
    where there is money."""
    keys = _columns(awardees, options)
    money_column = "so_tien" in keys
    columns = [Column(_ALIGN.get(key, "left"), numeric=key == "so_tien") for key in keys]
    width = len(keys)
    header = [_name_header(awardees) if key == "ho_ten" else _HEADERS[key] for key in keys]
    rows = [Row(tuple(Cell(text) for text in header), kind="header")]
    groups = [k for k in GROUP_ORDER if any(a.doi_tuong == k for a in awardees)]
    number = 0
    for index, kind in enumerate(groups):
        members = [a for a in awardees if a.doi_tuong == kind]
        label = f"{_ROMAN[index]}. {GROUP_TITLES[kind]} ({format_number(len(members))} {GROUP_WORDS[kind]})"
        rows.append(Row((Cell(label, colspan=width, align="left"),), kind="group"))
        if options.danh_so == "theo-nhom":
            number = 0
        for a in members:
            number += 1
            rows.append(Row(tuple(Cell(_cell(key, a, number)) for key in keys)))
        subtotal = sum(a.amount for a in members)
        if money_column and subtotal and len(groups) > 1:
            rows.append(Row(tuple(Cell(_total_cell(key, "Cộng", subtotal)) for key in keys), kind="subtotal"))
    if money_column and has_money(awardees):
        total = sum(a.amount for a in awardees)
        rows.append(Row(tuple(Cell(_total_cell(key, "TỔNG CỘNG", total)) for key in keys), kind="total"))
    return Table(tuple(columns), tuple(rows))


def _total_cell(key: str, label: str, amount: int) -> str:
    if key == "ho_ten":
        return label
    if key == "so_tien":
        return format_amount(amount)
    return ""


def attached_list(awardees: list[Awardee], options: ListOptions, reference: str,
                  config: bonus.BonusConfig | None, *, decided: bool) -> Annex | None:
    """The list on a new page in its own section; ``reference`` is its ``(Kèm theo …)`` line.
    One awardee is named in the text and gets no list."""
    if len(awardees) < 2:
        return None
    body: list = [TableBlock(list_table(awardees, options))]
    if "so_tien" in _columns(awardees, options) and has_money(awardees):
        body.append(Block("bang_chu", [Run(f"(Bằng chữ: {amount_in_words(sum(a.amount for a in awardees))})")]))
    title = options.tieu_de or list_title(awardees, config, decided=decided)
    return Annex(titles=(vn_upper(title) if options.tieu_de else title,), reference=options.phu_de or reference,
                 body=tuple(body))
