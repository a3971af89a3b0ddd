"""Quyết định khen thưởng (QĐ): a commendation decision with its attached list (ND30 Mẫu 1.2;
spec thi-dua-khen-thuong §4).

The awardees come from the form (``danh_sach``) or, in a batch, from a spreadsheet row group.
Amounts come from the agency's bonus table (``khen_thuong`` in the profile; ND 152/2025 by default)
at the base salary in force on the decision date; an amount typed for an awardee wins.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any, Literal

from docx.shared import Cm
from pydantic import BeforeValidator, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .. import bonus
from ..blocks import BodyXml, Column, TableRow
from ..errors import Issue
from ..markup import Block, Run
from ..model import DocumentForm, OptionalText, Strict, Text
from ..sources import Located
from ..vn import (
    LanguageError,
    amount_in_words,
    full_reference,
    format_amount,
    format_number,
    parse_amount,
    vn_upper,
)
from .base import KindSpec, body_xml, header_context, recipient_lines

GROUP_TITLES = {"tap-the": "TẬP THỂ", "ca-nhan": "CÁ NHÂN", "ho-gia-dinh": "HỘ GIA ĐÌNH"}
GROUP_WORDS = {"tap-the": "tập thể", "ca-nhan": "cá nhân", "ho-gia-dinh": "hộ gia đình"}
GROUP_ORDER = ("tap-the", "ca-nhan", "ho-gia-dinh")


def _recipient_type(value: Any) -> Any:
    if value is None or value in bonus.RECIPIENT_TYPES:
        return value
    try:
        return bonus.parse_recipient_type(value)
    except bonus.BonusError as exc:
        raise PydanticCustomError(exc.code, exc.code, dict(exc.params)) from exc


def _amount(value: Any) -> Any:
    if value is None or value == "":
        return None
    try:
        return parse_amount(value)
    except LanguageError as exc:
        raise PydanticCustomError(exc.code, exc.code, dict(exc.params)) from exc


class Awardee(Strict):
    """One line of the attached list."""

    stt: int = Field(ge=1)
    ho_ten: Text
    chuc_vu: OptionalText = None
    don_vi: OptionalText = None
    doi_tuong: Annotated[Literal["ca-nhan", "tap-the", "ho-gia-dinh"], BeforeValidator(_recipient_type)]
    hinh_thuc: Text = "Giấy khen"
    thanh_tich: OptionalText = None
    so_tien: Annotated[int | None, BeforeValidator(_amount)] = None  # typed amount (wins)
    so_tien_tinh: int | None = None  # computed from the bonus table
    ghi_chu: OptionalText = None

    @property
    def amount(self) -> int:
        return self.so_tien if self.so_tien is not None else (self.so_tien_tinh or 0)

    @property
    def position(self) -> str:
        return ", ".join(part for part in (self.chuc_vu, self.don_vi) if part)


def _bonus_config(value: Any) -> Any:
    if value is None:
        return bonus.DEFAULT_BONUS_CONFIG
    return value


class QuyetDinhKhenThuong(DocumentForm):
    KIND = "quyet-dinh-khen-thuong"
    TEN_LOAI = "Quyết định"
    TYPE_CODE = "QĐ"

    tham_quyen: OptionalText = None  # "Trưởng ban Ban Quản lý ..."; default: head title + agency
    can_cu: Annotated[list[Text], Field(min_length=1)]
    thanh_tich: Text  # "đã có thành tích xuất sắc trong ..."
    nguon_kinh_phi: OptionalText = None
    thi_hanh: Text = "Chánh Văn phòng, Trưởng các phòng, đơn vị có liên quan"
    hieu_luc: bool = True  # "Quyết định này có hiệu lực kể từ ngày ký." in Điều 3
    dieu_1: OptionalText = None  # replaces the built Điều 1 text
    dieu_2: OptionalText = None  # replaces the built Điều 2 text (amounts, fund)
    dieu_3: OptionalText = None  # replaces the built Điều 3 text (who executes; "./." is added)
    khen_thuong: Annotated[bonus.BonusConfig, BeforeValidator(_bonus_config)] = Field(
        default_factory=lambda: bonus.DEFAULT_BONUS_CONFIG, validate_default=True)
    danh_sach: Annotated[list[Awardee], Field(min_length=1)]

    @field_validator("kinh_gui")
    @classmethod
    def _no_addressee(cls, value: list[str]) -> list[str]:
        if value:
            raise PydanticCustomError("kinh_gui_not_for_kind", "kinh_gui_not_for_kind", {"kind": "quyết định"})
        return value

    @field_validator("danh_sach")
    @classmethod
    def _amounts(cls, awardees: list[Awardee], info: ValidationInfo) -> list[Awardee]:
        """Each awardee's amount from the bonus table at the decision date; STT unique."""
        counts = Counter(a.stt for a in awardees)
        duplicates = sorted(stt for stt, n in counts.items() if n > 1)
        if duplicates:
            raise PydanticCustomError("stt_duplicate", "stt_duplicate", {"value": duplicates[0]})
        config = info.data.get("khen_thuong")
        on = info.data.get("ngay")
        if config is None or "ngay" not in info.data:  # a bad date or table is reported on its own field
            return awardees
        result = []
        for awardee in awardees:
            if on is None:
                if awardee.so_tien is None:
                    raise PydanticCustomError("decision_needs_date", "decision_needs_date", {})
                result.append(awardee)
                continue
            try:
                form = bonus.resolve_award_form(awardee.hinh_thuc, config)
                computed = bonus.bonus_amount(form, awardee.doi_tuong, on, config)
            except bonus.BonusError as exc:
                raise PydanticCustomError(exc.code, exc.code, dict(exc.params)) from exc
            result.append(awardee.model_copy(update={"hinh_thuc": form, "so_tien_tinh": computed}))
        return result

    @property
    def total(self) -> int:
        return sum(a.amount for a in self.danh_sach)

    def authority(self) -> str:
        """The issuing authority in sentence case: ``Trưởng ban Ban Quản lý Khu kinh tế Hải Phòng``."""
        if self.tham_quyen:
            return self.tham_quyen
        head = self.nguoi_ky.chuc_vu[0]
        if self.nguoi_ky.quyen_han == "TM.":
            return head
        return f"{head[:1].upper()}{head[1:]} {self.co_quan_ban_hanh}"

    def funding(self) -> str:
        if self.nguon_kinh_phi:
            return self.nguon_kinh_phi
        year = self.ngay.year if self.ngay else ""
        return f"Quỹ thi đua, khen thưởng năm {year} của {self.co_quan_ban_hanh}".replace("năm  ", "năm ")


def warnings(decision: QuyetDinhKhenThuong, located: Located) -> list[Issue]:
    """A typed amount that differs from the bonus table's is kept, with a warning naming the row."""
    issues = []
    for index, awardee in enumerate(decision.danh_sach):
        if awardee.so_tien is not None and awardee.so_tien_tinh is not None and awardee.so_tien != awardee.so_tien_tinh:
            issues.append(Issue("amount_differs", f"danh_sach.{index}.so_tien",
                                located.origin_of(("danh_sach", index, "so_tien")), awardee.so_tien,
                                {"typed": format_amount(awardee.so_tien),
                                 "computed": format_amount(awardee.so_tien_tinh), "name": awardee.ho_ten},
                                severity="warning"))
    return issues


# --------------------------------------------------------------------------------------------
# Wording


def money(amount: int) -> str:
    """``1.410.000 đồng (Bằng chữ: Một triệu bốn trăm mười nghìn đồng)``."""
    return f"{format_amount(amount)} đồng (Bằng chữ: {amount_in_words(amount)})"


def _award_phrase(forms: set[str]) -> str:
    if len(forms) != 1:
        return "Khen thưởng"
    form = next(iter(forms))
    if form.casefold().startswith(("giấy khen", "bằng khen")):
        return f"Tặng {form}"
    return f"Tặng danh hiệu “{form}”"


def _counts(awardees: list[Awardee]) -> str:
    counts = Counter(a.doi_tuong for a in awardees)
    parts = [f"{format_number(counts[kind])} {GROUP_WORDS[kind]}" for kind in GROUP_ORDER if counts[kind]]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " và " + parts[-1]


def article_1(decision: QuyetDinhKhenThuong) -> str:
    if decision.dieu_1:
        return decision.dieu_1
    awardees = decision.danh_sach
    phrase = _award_phrase({a.hinh_thuc for a in awardees})
    if len(awardees) == 1:
        one = awardees[0]
        who = ", ".join(part for part in (one.ho_ten, one.position) if part)
        achievement = one.thanh_tich or decision.thanh_tich
        return f"{phrase} cho {who}, {achievement.rstrip('.')}."
    return f"{phrase} cho {_counts(awardees)} (có danh sách kèm theo) {decision.thanh_tich.rstrip('.')}."


def article_2(decision: QuyetDinhKhenThuong) -> str:
    if decision.dieu_2:
        return decision.dieu_2
    awardees = decision.danh_sach
    if len(awardees) == 1:
        sentence = f"Kèm theo {awardees[0].hinh_thuc} được thưởng {money(awardees[0].amount)}."
    else:
        per_type = []
        uniform = True
        for kind in GROUP_ORDER:
            amounts = {a.amount for a in awardees if a.doi_tuong == kind}
            if len(amounts) > 1:
                uniform = False
            elif amounts:
                per_type.append(f"mỗi {GROUP_WORDS[kind]} được thưởng {money(amounts.pop())}")
        if uniform and len({a.hinh_thuc for a in awardees}) == 1:
            listed = "; ".join(per_type)
            sentence = f"{listed[:1].upper()}{listed[1:]}. Tổng số tiền thưởng: {money(decision.total)}."
        else:
            sentence = (f"Số tiền thưởng của từng tập thể, cá nhân theo danh sách kèm theo; tổng số tiền "
                        f"thưởng: {money(decision.total)}.")
    return f"{sentence} Kinh phí khen thưởng được chi từ {decision.funding().rstrip('.')}."


def article_3(decision: QuyetDinhKhenThuong) -> str:
    if decision.dieu_3:
        return decision.dieu_3.rstrip().rstrip("./").rstrip(".") + "./."
    named = "các tập thể, cá nhân có tên tại Điều 1" if len(decision.danh_sach) > 1 else \
        f"{GROUP_WORDS[decision.danh_sach[0].doi_tuong]} có tên tại Điều 1"
    effect = "Quyết định này có hiệu lực kể từ ngày ký. " if decision.hieu_luc else ""
    return f"{effect}{decision.thi_hanh} và {named} chịu trách nhiệm thi hành Quyết định này./."


def can_cu_lines(lines: list[str]) -> list[str]:
    """One basis per line, each ending ``;``, the last ``.`` (ND30 căn cứ)."""
    clean = [line.strip().rstrip(";.,") for line in lines]
    return [f"{line}{'.' if i == len(clean) - 1 else ';'}" for i, line in enumerate(clean)]


# --------------------------------------------------------------------------------------------
# The attached list


LIST_COLUMNS = [
    Column("STT", Cm(1.3), "VBBangGiua"),
    Column("Họ và tên / Tên tập thể", Cm(4.6), "VBBang"),
    Column("Chức vụ, đơn vị", Cm(5.0), "VBBang"),
    Column("Số tiền (đồng)", Cm(2.8), "VBBangSo"),
    Column("Ghi chú", Cm(2.8), "VBBang"),
]
LIST_COLUMNS_WITH_ACHIEVEMENT = [
    Column("STT", Cm(1.3), "VBBangGiua"),
    Column("Họ và tên / Tên tập thể", Cm(3.6), "VBBang"),
    Column("Chức vụ, đơn vị", Cm(3.8), "VBBang"),
    Column("Thành tích", Cm(3.6), "VBBang"),
    Column("Số tiền (đồng)", Cm(2.4), "VBBangSo"),
    Column("Ghi chú", Cm(1.8), "VBBang"),
]


def list_title(decision: QuyetDinhKhenThuong) -> str:
    kinds = [GROUP_TITLES[k] for k in GROUP_ORDER if any(a.doi_tuong == k for a in decision.danh_sach)]
    forms = {a.hinh_thuc for a in decision.danh_sach}
    award = vn_upper(_award_phrase(forms).replace("Tặng", "được tặng", 1)) if len(forms) == 1 else "ĐƯỢC KHEN THƯỞNG"
    return f"DANH SÁCH {', '.join(kinds)} {award}"


def list_reference(decision: QuyetDinhKhenThuong) -> str:
    return f"(Kèm theo {full_reference('Quyết định', decision.so, decision.ky_hieu, decision.ngay, decision.authority())})"


def attached_list(decision: QuyetDinhKhenThuong, reference: str | None = None,
                  body: BodyXml | None = None) -> BodyXml:
    """The list on a new page in its own section; ``reference`` is its ``(Kèm theo ...)`` line
    (by default the decision's own), ``body`` a body to append it to."""
    body = body if body is not None else BodyXml()
    if len(decision.danh_sach) < 2:
        return body
    with_achievement = any(a.thanh_tich for a in decision.danh_sach)
    columns = LIST_COLUMNS_WITH_ACHIEVEMENT if with_achievement else LIST_COLUMNS
    body.add_section_break()
    body.add_paragraph("VBPhuLucTieuDe", [Run(list_title(decision))])
    body.add_paragraph("VBPhuLucKemTheo", [Run(reference or list_reference(decision))])
    body.add_paragraph("VBDuongKe", [])
    rows: list[TableRow] = []
    groups = [k for k in GROUP_ORDER if any(a.doi_tuong == k for a in decision.danh_sach)]
    for number, kind in enumerate(groups, start=1):
        members = [a for a in decision.danh_sach if a.doi_tuong == kind]
        roman = ("I", "II", "III")[number - 1]
        rows.append(TableRow(label=f"{roman}. {GROUP_TITLES[kind]} ({format_number(len(members))})"))
        for a in members:
            cells = [str(a.stt), a.ho_ten, a.position]
            if with_achievement:
                cells.append(a.thanh_tich or "")
            cells += [format_amount(a.amount), a.ghi_chu or ""]
            rows.append(TableRow(tuple(cells)))
        subtotal = ["", "Cộng", ""] + ([""] if with_achievement else []) + \
            [format_amount(sum(a.amount for a in members)), ""]
        rows.append(TableRow(tuple(subtotal), bold=True))
    total = ["", "TỔNG CỘNG", ""] + ([""] if with_achievement else []) + [format_amount(decision.total), ""]
    rows.append(TableRow(tuple(total), bold=True))
    body.add_table(columns, rows)
    body.add_paragraph("VBBangChu", [Run(f"(Bằng chữ: {amount_in_words(decision.total)})")])
    return body


def build_context(decision: QuyetDinhKhenThuong) -> dict:
    context = header_context(decision)
    del context["kinh_gui"]  # a decision has no Kính gửi
    context["noi_nhan"] = recipient_lines(decision.noi_nhan, "Như Điều 3")
    context["tham_quyen"] = vn_upper(decision.authority())
    context["can_cu"] = can_cu_lines(decision.can_cu)
    articles = [
        Block("body", [Run("Điều 1. ", bold=True), Run(article_1(decision))]),
        Block("body", [Run("Điều 2. ", bold=True), Run(article_2(decision))]),
        Block("body", [Run("Điều 3. ", bold=True), Run(article_3(decision))]),
    ]
    context["noi_dung"] = body_xml(articles)
    context["phu_luc"] = attached_list(decision)
    return context


SPEC = KindSpec(
    kind="quyet-dinh-khen-thuong",
    model=QuyetDinhKhenThuong,
    template="quyet-dinh.docx",
    build_context=build_context,
    starter="quyet-dinh-khen-thuong.yaml",
    warnings=warnings,
)
