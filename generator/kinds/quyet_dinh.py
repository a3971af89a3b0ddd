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
from ..document.model import Block, Document, Run
from ..awardee import Awardee
from ..errors import Issue
from ..model import OptionalText, Text
from ..sources import Located
from ..vn import full_reference
from .base import KindSpec
from .decision import DecisionForm, decision_document
from .khen_thuong import (
    GROUP_WORDS, ListOptions, MoneyMode, attached_list, awards_sentence, capital, money_sentence, money_warnings,
    recipients_word, settled_list,
)
from .parts import ArticleForm

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
    tien_thuong: MoneyMode | None = None  # see kinds.khen_thuong: theo-quy-dinh, theo-danh-sach, khong
    danh_sach_kem_theo: ListOptions = Field(default_factory=ListOptions)
    bo_dong_an: bool = False  # leave out the rows hidden in the sheet (they are read, with a warning, by default)
    danh_sach: Annotated[list[Awardee], Field(min_length=1)]

    @field_validator("danh_sach")
    @classmethod
    def _amounts(cls, awardees: list[Awardee], info: ValidationInfo) -> list[Awardee]:
        """Each awardee's amount from the bonus table at the decision date; STT unique."""
        counts = Counter(a.stt for a in awardees)
        duplicates = sorted(stt for stt, n in counts.items() if n > 1)
        if duplicates:
            raise PydanticCustomError("stt_duplicate", "stt_duplicate", {"value": duplicates[0]})
        return settled_list(awardees, info)

    def article_texts(self) -> list[str]:
        """Điều 1 (who is commended), the bonus and its fund when there is money (or ``dieu_2``
        is given), then who executes — two articles for an honorary decision, three otherwise."""
        second = article_2(self)
        return [article_1(self), *([second] if second else []), article_3(self)]

    def article_forms(self) -> list[ArticleForm]:
        # Built from the form's own validated fields: no second validation (this is the batch's hot path).
        texts = self.article_texts()
        return [ArticleForm.model_construct(tieu_de=None, noi_dung=[text], thi_hanh=number == len(texts))
                for number, text in enumerate(texts, start=1)]

    def execution(self) -> int | None:
        """The last article (who executes): the third, or the second without Điều 2 (no money)."""
        return 3 if article_2(self) is not None else 2

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

    def funding(self) -> str | None:
        """Where the money comes from: the form's ``nguon_kinh_phi``, else the profile's; never guessed."""
        return self.nguon_kinh_phi or self.khen_thuong.nguon_kinh_phi


def warnings(decision: QuyetDinhKhenThuong, located: Located) -> list[Issue]:
    """Typed amounts that differ from the table, are left out, or are missing (kinds.khen_thuong)."""
    return money_warnings(decision.danh_sach, decision.tien_thuong, located)


# --------------------------------------------------------------------------------------------
# Wording (each article replaceable with dieu_1, dieu_2, dieu_3)


def article_1(decision: QuyetDinhKhenThuong) -> str:
    if decision.dieu_1:
        return decision.dieu_1
    awardees = decision.danh_sach
    sentence = capital(awards_sentence(awardees, decision.khen_thuong, listed=True))
    if len(awardees) == 1:
        achievement = awardees[0].thanh_tich or decision.thanh_tich
        return f"{sentence}, {achievement.rstrip('.')}."
    return f"{sentence} {decision.thanh_tich.rstrip('.')}."


def article_2(decision: QuyetDinhKhenThuong) -> str | None:
    if decision.dieu_2:
        return decision.dieu_2
    sentence = money_sentence(decision.danh_sach, decided=True)
    if sentence is None:
        return None
    source = decision.funding()
    return f"{sentence} Kinh phí khen thưởng được chi từ {source.rstrip('.')}." if source else sentence


def article_3(decision: QuyetDinhKhenThuong) -> str:
    if decision.dieu_3:
        return decision.dieu_3.rstrip().rstrip("./").rstrip(".") + "./."
    named = recipients_word(decision.danh_sach) if len(decision.danh_sach) > 1 else \
        GROUP_WORDS[decision.danh_sach[0].doi_tuong]
    effect = "Quyết định này có hiệu lực kể từ ngày ký. " if decision.hieu_luc else ""
    return f"{effect}{decision.thi_hanh} và {named} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."


def list_reference(decision: QuyetDinhKhenThuong) -> str:
    return f"(Kèm theo {full_reference('Quyết định', decision.number_text, decision.ky_hieu, decision.ngay, decision.authority())})"


def build(decision: QuyetDinhKhenThuong, base: Path | None = None) -> Document:
    listed = attached_list(decision.danh_sach, decision.danh_sach_kem_theo, list_reference(decision),
                           decision.khen_thuong, decided=True)
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
