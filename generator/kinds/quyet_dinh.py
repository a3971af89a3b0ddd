"""Quyết định khen thưởng (QĐ): a commendation decision with its attached list (ND30 Mẫu 1.2;
spec thi-dua-khen-thuong §4).

The awardees come from the form (``danh_sach``) or, in a batch, from a spreadsheet row group.
Amounts come from the agency's bonus table (``khen_thuong`` in the profile; ND 152/2025 by default)
at the base salary in force on the decision date; an amount typed for an awardee wins.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from pathlib import Path

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .. import bonus
from ..document.model import Annex, Block, Document, Run, TableBlock
from ..document.table import Cell, Column, Row, Table
from ..awardee import Awardee
from ..errors import Issue
from ..model import OptionalText, Text
from ..sources import Located
from ..vn import (
    amount_in_words,
    full_reference,
    format_amount,
    format_number,
    vn_upper,
)
from .base import KindSpec
from .decision import DecisionForm, decision_document
from .parts import ArticleForm

GROUP_TITLES = {"tap-the": "TẬP THỂ", "ca-nhan": "CÁ NHÂN", "ho-gia-dinh": "HỘ GIA ĐÌNH"}
GROUP_WORDS = {"tap-the": "tập thể", "ca-nhan": "cá nhân", "ho-gia-dinh": "hộ gia đình"}
GROUP_ORDER = ("tap-the", "ca-nhan", "ho-gia-dinh")


def _bonus_config(value: Any) -> Any:
    if value is None:
        return bonus.DEFAULT_BONUS_CONFIG
    return value


class QuyetDinhKhenThuong(DecisionForm):
    KIND = "quyet-dinh-khen-thuong"

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

    def article_texts(self) -> list[str]:
        """Điều 1 (who is commended), Điều 2 (the bonus and its fund), Điều 3 (who executes)."""
        return [article_1(self), article_2(self), article_3(self)]

    def article_forms(self) -> list[ArticleForm]:
        # Built from the form's own validated fields: no second validation (this is the batch's hot path).
        return [ArticleForm.model_construct(tieu_de=None, noi_dung=[text], thi_hanh=number == 3)
                for number, text in enumerate(self.article_texts(), start=1)]

    def execution(self) -> int | None:
        return 3

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


# --------------------------------------------------------------------------------------------
# The attached list


LIST_HEADER = ("STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Số tiền (đồng)", "Ghi chú")
LIST_HEADER_WITH_ACHIEVEMENT = ("STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Thành tích",
                                "Số tiền (đồng)", "Ghi chú")


def list_title(decision: QuyetDinhKhenThuong) -> str:
    kinds = [GROUP_TITLES[k] for k in GROUP_ORDER if any(a.doi_tuong == k for a in decision.danh_sach)]
    forms = {a.hinh_thuc for a in decision.danh_sach}
    award = vn_upper(_award_phrase(forms).replace("Tặng", "được tặng", 1)) if len(forms) == 1 else "ĐƯỢC KHEN THƯỞNG"
    return f"DANH SÁCH {', '.join(kinds)} {award}"


def list_reference(decision: QuyetDinhKhenThuong) -> str:
    return f"(Kèm theo {full_reference('Quyết định', decision.number_text, decision.ky_hieu, decision.ngay, decision.authority())})"


def list_table(decision: QuyetDinhKhenThuong) -> Table:
    """The awardees in groups I. TẬP THỂ, II. CÁ NHÂN …, with subtotals and the total."""
    with_achievement = any(a.thanh_tich for a in decision.danh_sach)
    header = LIST_HEADER_WITH_ACHIEVEMENT if with_achievement else LIST_HEADER
    columns = [Column("center"), Column("left"), Column("left")]
    if with_achievement:
        columns.append(Column("left"))
    columns += [Column("right", numeric=True), Column("left")]
    width = len(columns)
    rows = [Row(tuple(Cell(text) for text in header), kind="header")]
    groups = [k for k in GROUP_ORDER if any(a.doi_tuong == k for a in decision.danh_sach)]
    for number, kind in enumerate(groups, start=1):
        members = [a for a in decision.danh_sach if a.doi_tuong == kind]
        label = f"{('I', 'II', 'III')[number - 1]}. {GROUP_TITLES[kind]} ({format_number(len(members))})"
        rows.append(Row((Cell(label, colspan=width, align="left"),), kind="group"))
        for a in members:
            cells = [str(a.stt), a.ho_ten, a.position]
            if with_achievement:
                cells.append(a.thanh_tich or "")
            cells += [format_amount(a.amount), a.ghi_chu or ""]
            rows.append(Row(tuple(Cell(text) for text in cells)))
        subtotal = ["", "Cộng", ""] + ([""] if with_achievement else []) + \
            [format_amount(sum(a.amount for a in members)), ""]
        rows.append(Row(tuple(Cell(text) for text in subtotal), kind="subtotal"))
    total = ["", "TỔNG CỘNG", ""] + ([""] if with_achievement else []) + [format_amount(decision.total), ""]
    rows.append(Row(tuple(Cell(text) for text in total), kind="total"))
    return Table(tuple(columns), tuple(rows))


def attached_list(decision: QuyetDinhKhenThuong, reference: str | None = None) -> Annex | None:
    """The list on a new page in its own section; ``reference`` is its ``(Kèm theo ...)`` line
    (by default the decision's own). One awardee is named in Điều 1 and gets no list."""
    if len(decision.danh_sach) < 2:
        return None
    return Annex(titles=(list_title(decision),), reference=reference or list_reference(decision),
                 body=(TableBlock(list_table(decision)),
                       Block("bang_chu", [Run(f"(Bằng chữ: {amount_in_words(decision.total)})")])))


def build(decision: QuyetDinhKhenThuong, base: Path | None = None) -> Document:
    listed = attached_list(decision)
    # The generated articles are sentences, not markup: "Điều N." in bold, the text as built.
    articles = [Block("body", [Run(f"Điều {number}. ", bold=True), Run(text)])
                for number, text in enumerate(decision.article_texts(), start=1)]
    return decision_document(decision, articles,
                             ([listed] if listed else []) + decision.annex_parts(base),
                             tham_quyen=decision.authority())


SPEC = KindSpec(
    kind="quyet-dinh-khen-thuong",
    model=QuyetDinhKhenThuong,
    build=build,
    starter="quyet-dinh-khen-thuong.yaml",
    warnings=warnings,
)
