"""What every decision shares (ND30 Mẫu 1.2): the authority line, the căn cứ block, ``QUYẾT ĐỊNH:``
or the enacting formula, free articles, and "Như Điều N" computed from the execution article.

Three kinds are presets over it: ``quyet-dinh`` (any decision: thành lập, phê duyệt, ban hành …),
``quy-che`` (a decision issuing a regulation attached to it) and ``quyet-dinh-khen-thuong``.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..document.model import Document
from ..model import OptionalText, Text
from ..vn import vn_upper
from .base import KindSpec, document_fields
from .parts import Article, ArticleForm, CommonForm, article_blocks, check_articles, execution_article, with_end_mark

_NHU_DIEU = re.compile(r"^Như\s+Điều\s+(\d+)$", re.IGNORECASE)


def can_cu_lines(lines: list[str], formula: str | None = None) -> list[str]:
    """One basis per line, each ending ``;``, the last ``.`` (ND30 căn cứ); the enacting formula of
    a decision without "QUYẾT ĐỊNH:" closes the block."""
    clean = [line.strip().rstrip(";.,") for line in lines]
    if formula:
        clean.append(formula.strip().rstrip(";.,"))
    return [f"{line}{'.' if i == len(clean) - 1 else ';'}" for i, line in enumerate(clean)]


class DecisionForm(CommonForm):
    """The parts of Mẫu 1.2 every decision has; the articles are the kind's."""

    TEN_LOAI = "Quyết định"
    TYPE_CODE = "QĐ"

    tham_quyen: OptionalText = None  # "Bộ trưởng Bộ Tài chính" (printed in capitals); none by default
    can_cu: list[Text] = Field(default_factory=list)
    cong_thuc: OptionalText = None  # "Ủy ban nhân dân ban hành Quyết định …": no "QUYẾT ĐỊNH:" line
    nhu_dieu: bool = True  # Nơi nhận opens with "Như Điều N" (N: the execution article)

    @field_validator("kinh_gui")
    @classmethod
    def _no_addressee(cls, value: list[str]) -> list[str]:
        if value:
            raise PydanticCustomError("kinh_gui_not_for_kind", "kinh_gui_not_for_kind", {"kind": "quyết định"})
        return value

    # ---- the kind's articles

    def article_forms(self) -> list[ArticleForm]:
        raise NotImplementedError

    def execution(self) -> int | None:
        return execution_article(self.article_forms())

    def recipients(self) -> tuple[list[str], str | None]:
        """Nơi nhận without a typed "Như Điều N", and the computed first line."""
        execution = self.execution()
        items = [item for item in self.noi_nhan if not _NHU_DIEU.match(item)]
        first = f"Như Điều {execution}" if (self.nhu_dieu and execution) else None
        return items, first

    @model_validator(mode="after")
    def _typed_nhu_dieu_matches(self) -> "DecisionForm":
        typed = [(item, match) for item in self.noi_nhan if (match := _NHU_DIEU.match(item))]
        execution = self.execution() if typed else None  # the articles are built only when needed
        for item, match in typed:
            if execution is not None and int(match.group(1)) != execution:
                raise PydanticCustomError("noi_nhan_nhu_dieu_wrong", "noi_nhan_nhu_dieu_wrong",
                                          {"value": item, "number": execution})
        return self


def decision_document(form: DecisionForm, body: list, annexes: list, *, tham_quyen: str | None = None) -> Document:
    items, first = form.recipients()
    fields = document_fields(form.model_copy(update={"noi_nhan": items}), first_recipient=first or "")
    authority = tham_quyen if tham_quyen is not None else (form.tham_quyen or "")
    fields.update(
        tham_quyen=vn_upper(authority) if authority else "",
        can_cu=tuple(can_cu_lines(form.can_cu, form.cong_thuc)),
        enacting="" if form.cong_thuc else "QUYẾT ĐỊNH:",
    )
    return Document(**fields, body=tuple(with_end_mark(body)), annexes=tuple(annexes))


class QuyetDinh(DecisionForm):
    """Any decision: its articles as written (``dieu``), any of them the execution article."""

    KIND = "quyet-dinh"

    dieu: list[Article] = Field(min_length=1)

    @field_validator("dieu")
    @classmethod
    def _articles(cls, articles: list[ArticleForm]) -> list[ArticleForm]:
        return check_articles(articles)

    def article_forms(self) -> list[ArticleForm]:
        return self.dieu


def build(form: QuyetDinh, base: Path | None = None) -> Document:
    return decision_document(form, article_blocks(form.dieu, base), form.annex_parts(base))


SPEC = KindSpec(kind="quyet-dinh", model=QuyetDinh, build=build, starter="quyet-dinh.yaml")
