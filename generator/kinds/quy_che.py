"""Quy chế issued with its decision: the decision (ND30 Mẫu 1.2) and, after its signature, the
regulation itself — ``QUY CHẾ`` and its name in capitals, ``(Ban hành kèm theo Quyết định số …)``,
then its chapters and articles (``Chương I`` / title, ``Điều 1. …``, khoản, điểm).

A preset over the general decision: the three articles default to the usual wording (Điều 1
issues the regulation, Điều 2 its effect, Điều 3 who executes it); each may be replaced.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from ..document.model import Document
from ..model import OptionalText, Strict, Text
from .base import KindSpec
from .decision import DecisionForm, decision_document
from .parts import AnnexForm, ArticleForm, Article, Body, article_blocks


class RegulationForm(Strict):
    """The regulation: its name (without the word "Quy chế") and its content."""

    ten: Text  # "phối hợp trong công tác quản lý nhà nước về …"
    loai: Text = "Quy chế"  # or "Quy định"
    noi_dung: Body = Field(min_length=1)


class QuyChe(DecisionForm):
    KIND = "quy-che"

    quy_che: RegulationForm
    hieu_luc: Text = "Quyết định này có hiệu lực thi hành kể từ ngày ký."
    thi_hanh: OptionalText = None  # "Chánh Văn phòng …, Thủ trưởng các cơ quan … " (Điều 3)
    cua: OptionalText = ""  # the issuer in "(Ban hành kèm theo …)"; none by default, as printed
    dieu: list[Article] = Field(default_factory=list)  # replaces the three default articles

    def article_forms(self) -> list[ArticleForm]:
        if self.dieu:
            return list(self.dieu)
        regulation = self.quy_che
        name = f"{regulation.loai} {regulation.ten.strip().rstrip('.')}"
        who = (self.thi_hanh or "Thủ trưởng các cơ quan, đơn vị có liên quan").strip().rstrip(".")
        return [
            ArticleForm(noi_dung=[f"Ban hành kèm theo Quyết định này {name}."]),
            ArticleForm(noi_dung=[self.hieu_luc]),
            ArticleForm(noi_dung=[f"{who} chịu trách nhiệm thi hành Quyết định này."], thi_hanh=True),
        ]


def build(form: QuyChe, base: Path | None = None) -> Document:
    regulation = form.quy_che
    annex = AnnexForm(ten="", tieu_de=[regulation.loai, regulation.ten], cum_tu="Ban hành kèm theo",
                      cua=form.cua, noi_dung=regulation.noi_dung)
    annexes = form.annex_parts(base)
    own = form.model_copy(update={"phu_luc": [annex]}).annex_parts(base)
    return decision_document(form, article_blocks(form.article_forms(), base), [*own, *annexes])


SPEC = KindSpec(kind="quy-che", model=QuyChe, build=build, starter="quy-che.yaml")
