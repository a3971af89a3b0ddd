"""The form parts every kind may use, and how they become parts of the document model.

A body (``noi_dung``) is body markup, or a list whose items are body markup, a table (``bang``),
a page break (``ngat_trang: true``) or a landscape section (``trang_ngang: [...]``)::

    noi_dung:
      - |
        # I. MỤC ĐÍCH, YÊU CẦU
        …
      - bang:
          cot: [STT, Nội dung, …]
          dong: […]
      - trang_ngang:
          - bang: {tu_tep: bieu-01.xlsx, vung: A1:M40, dong_tieu_de: 3}

Articles (``dieu``) and annexes (``phu_luc``) are lists too; a decision computes its execution
article and its "Như Điều N" from them. Annexes take their ``(Kèm theo …)`` line from the parent
document (ND30-PL-REF).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import (BeforeValidator, Discriminator, Field, PrivateAttr, Tag, ValidationInfo, field_validator,
                      model_validator)
from pydantic_core import PydanticCustomError

from .. import markup
from ..blocks import end_with_closing_mark
from ..document.model import Annex, Block, BodyBlock, PageBreak, Run, Section, TableBlock
from ..errors import ValidationFailed
from ..model import DocumentForm, MarkupText, OptionalText, Signer, Strict, Text
from ..table_form import TableInput, to_table
from ..vn import full_reference, vn_upper
from .base import check_markup, roman, signature


# --------------------------------------------------------------------------------------------
# Body


class TableItem(Strict):
    bang: TableInput
    _table: object = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _read_excel(self, info: ValidationInfo) -> "TableItem":
        """A table kept in Excel is read while the form is checked, so a missing file, a bad range
        or a formula without its value is reported by ``vanban check`` at the table's line."""
        if self.bang.tu_tep:
            try:
                table = to_table(self.bang, (info.context or {}).get("base"))
            except ValidationFailed as exc:
                first = next((i for i in exc.issues if i.is_error), exc.issues[0])
                where = f"{first.origin}: " if first.origin else ""
                raise PydanticCustomError("table_source_failed", "table_source_failed",
                                          {"where": where, "inner_code": first.code, **(first.params or {})}) from exc
            self.__pydantic_private__["_table"] = table
        return self


class PageBreakItem(Strict):
    ngat_trang: Literal[True]


class LandscapeItem(Strict):
    trang_ngang: list["BodyItem"] = Field(min_length=1)


_ITEM_KEYS = {"bang": "bang", "ngat_trang": "ngat_trang", "trang_ngang": "trang_ngang"}


def _item_tag(value: Any) -> str | None:
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        for key in value:
            if key in _ITEM_KEYS:
                return _ITEM_KEYS[key]
        return None
    if isinstance(value, TableItem):
        return "bang"
    if isinstance(value, PageBreakItem):
        return "ngat_trang"
    if isinstance(value, LandscapeItem):
        return "trang_ngang"
    return None


def _text_item(value: Any) -> Any:
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


BodyItem = Annotated[
    Union[
        Annotated[Annotated[MarkupText, BeforeValidator(_text_item)], Tag("text")],
        Annotated[TableItem, Tag("bang")],
        Annotated[PageBreakItem, Tag("ngat_trang")],
        Annotated[LandscapeItem, Tag("trang_ngang")],
    ],
    Discriminator(_item_tag, custom_error_type="body_item_unknown",
                  custom_error_message="body_item_unknown"),
]
LandscapeItem.model_rebuild()


def _as_items(value: Any) -> Any:
    if value is None:
        return value
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [str(value)]
    return value


def body_type(*inserts: str):
    """A body field: markup or a list of body items; markup may use the ``{{ name }}`` generated
    blocks in ``inserts`` (checked with their line)."""

    def check(items: list) -> list:
        for item in items:
            if isinstance(item, str) and item:
                check_markup(item, inserts)
        return items

    from pydantic import AfterValidator

    return Annotated[list[BodyItem], BeforeValidator(_as_items), AfterValidator(check)]


Body = body_type()


def body_blocks(items: list | None, inserts: dict[str, list[BodyBlock]] | None = None,
                base: Path | None = None) -> list[BodyBlock]:
    """Body items as document blocks, generated blocks expanded in place."""
    blocks: list[BodyBlock] = []
    for item in items or ():
        if isinstance(item, str):
            for block in markup.parse(item):
                if block.role == "insert":
                    blocks.extend((inserts or {}).get(block.name, []))
                else:
                    blocks.append(block)
        elif isinstance(item, TableItem):
            blocks.append(TableBlock(item._table or to_table(item.bang, base)))
        elif isinstance(item, PageBreakItem):
            blocks.append(PageBreak())
        elif isinstance(item, LandscapeItem):
            blocks.append(Section(landscape=True, restart=False))
            blocks.extend(body_blocks(item.trang_ngang, inserts, base))
            blocks.append(Section(landscape=False, restart=False))
    return blocks


def with_end_mark(blocks: list[BodyBlock]) -> list[BodyBlock]:
    """ND30's ``./.`` on the last body paragraph (tables and breaks are skipped over)."""
    paragraphs = [i for i, b in enumerate(blocks) if isinstance(b, Block) and b.runs]
    if not paragraphs:
        return blocks
    last = paragraphs[-1]
    marked = end_with_closing_mark([blocks[last]])[0]
    return [*blocks[:last], marked, *blocks[last + 1:]]


# --------------------------------------------------------------------------------------------
# Signature


# --------------------------------------------------------------------------------------------
# Articles (Điều)

_EXECUTION = re.compile(r"chịu trách nhiệm thi hành|thi hành (quyết định|nghị quyết)", re.IGNORECASE)


def _article(value: Any) -> Any:
    if isinstance(value, str):
        return {"noi_dung": value}
    return value


class ArticleForm(Strict):
    """One article: an optional title, its content (khoản ``1.``, điểm ``a)``), and whether it is
    the execution article ("… chịu trách nhiệm thi hành Quyết định này")."""

    tieu_de: OptionalText = None
    noi_dung: Body = Field(default_factory=list)
    thi_hanh: bool = False

    @property
    def text(self) -> str:
        return "\n".join(item for item in self.noi_dung if isinstance(item, str))


Article = Annotated[ArticleForm, BeforeValidator(_article)]


def execution_article(articles: list[ArticleForm]) -> int | None:
    """The 1-based number of the execution article: the one marked ``thi_hanh``, else the last one
    whose text says who executes the decision; ``None`` when no article does."""
    marked = [i for i, a in enumerate(articles, start=1) if a.thi_hanh]
    if marked:
        return marked[0]
    found = [i for i, a in enumerate(articles, start=1) if _EXECUTION.search(a.text)]
    return found[-1] if found else None


def check_articles(articles: list[ArticleForm]) -> list[ArticleForm]:
    marked = [i for i, a in enumerate(articles, start=1) if a.thi_hanh]
    if len(marked) > 1:
        raise PydanticCustomError("articles_two_execution", "articles_two_execution",
                                  {"first": marked[0], "second": marked[1]})
    for number, article in enumerate(articles, start=1):
        if not article.tieu_de and not any(isinstance(i, str) and i.strip() for i in article.noi_dung):
            raise PydanticCustomError("article_empty", "article_empty", {"number": number})
    return articles


def article_blocks(articles: list[ArticleForm], base: Path | None = None) -> list[BodyBlock]:
    """``Điều 1. …`` paragraphs: a title is a bold heading line with the content under it; without
    a title the label ``Điều N.`` opens the first paragraph, or stands alone above a list of khoản."""
    blocks: list[BodyBlock] = []
    for number, article in enumerate(articles, start=1):
        label = f"Điều {number}."
        content = body_blocks(article.noi_dung, base=base)
        if article.tieu_de:
            blocks.append(Block("dieu", [Run(f"{label} {article.tieu_de.strip()}", bold=True)]))
            blocks.extend(content)
            continue
        first = content[0] if content else None
        if isinstance(first, Block) and first.role == "body" and first.runs:
            blocks.append(Block("body", [Run(label + " ", bold=True), *first.runs], line=first.line))
            blocks.extend(content[1:])
        else:
            blocks.append(Block("dieu", [Run(label, bold=True)]))
            blocks.extend(content)
    return blocks


# --------------------------------------------------------------------------------------------
# Annexes (Phụ lục, Danh sách, Biểu mẫu, Quy chế …)


def _lines(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class AnnexForm(Strict):
    """An annex after the signature (ND30-PL-*)."""

    ten: OptionalText = "Phụ lục"  # heading; "" for none (a DANH SÁCH with its title only)
    tieu_de: Annotated[list[Text], BeforeValidator(_lines)] = Field(default_factory=list)  # caps title lines
    cum_tu: Text = "Kèm theo"  # "Ban hành kèm theo"
    cua: OptionalText = None  # the issuer in the reference; default: the issuing agency; "" for none
    kem_theo: OptionalText = None  # the whole "(Kèm theo …)" line, typed; "" for none
    ngang: bool = False  # landscape
    bieu_mau: OptionalText = None  # "Biểu mẫu số 01", top right
    don_vi_tinh: OptionalText = None  # "Đơn vị tính: triệu đồng"
    noi_dung: Body = Field(default_factory=list)
    ky: bool = False  # its own signature block (the document's signer)
    nguoi_ky: Signer | None = None  # … or another signer

    @field_validator("don_vi_tinh")
    @classmethod
    def _unit(cls, value: str | None) -> str | None:
        if value and not value.casefold().startswith("đơn vị"):
            return f"Đơn vị tính: {value}"
        return value


def annexes(forms: list[AnnexForm], parent_type: str, so: int | None, ky_hieu: str, ngay,
            issuer: str, signer: Signer | None, base: Path | None = None, so_text: str | None = None) -> list[Annex]:
    """The annexes of a document: ``Phụ lục I, II …`` when two or more are labelled ``Phụ lục``,
    each with its reference to the parent (blanks while the parent is a draft)."""
    numbered = sum(1 for f in forms if (f.ten or "").strip().casefold() == "phụ lục")
    result = []
    count = 0
    for form in forms:
        label = (form.ten or "").strip()
        if label.casefold() == "phụ lục":
            count += 1
            label = f"Phụ lục {roman(count)}" if numbered > 1 else "Phụ lục"
        if form.kem_theo is not None:
            reference = form.kem_theo.strip()
            if reference and not reference.startswith("("):
                reference = f"({reference})"
        else:
            who = issuer if form.cua is None else form.cua.strip()
            cited = full_reference(parent_type, so_text if so_text is not None else so, ky_hieu, ngay, who or None)
            reference = f"({form.cum_tu.strip()} {cited})"
        signer_of_annex = form.nguoi_ky or (signer if form.ky else None)
        result.append(Annex(
            label=label,
            titles=tuple(vn_upper(line) for line in form.tieu_de),
            reference=reference,
            body=tuple(body_blocks(form.noi_dung, base=base)),
            landscape=form.ngang,
            form_label=form.bieu_mau or "",
            unit=form.don_vi_tinh or "",
            signature=signature(signer_of_annex) if signer_of_annex else None,
        ))
    return result


class CommonForm(DocumentForm):
    """The optional parts every kind built on the one model accepts: annexes after the signature."""

    phu_luc: list[AnnexForm] = Field(default_factory=list)

    def annex_parts(self, base: Path | None = None) -> list[Annex]:
        return annexes(self.phu_luc, self.TEN_LOAI if self.TYPE_CODE else "Văn bản", self.so,
                       self.ky_hieu, self.ngay, self.co_quan_ban_hanh.replace("\n", " "), self.nguoi_ky, base,
                       so_text=self._so_typed)


class PlainForm(CommonForm):
    """A Mẫu 1.4 document whose content is its body: thông báo, hướng dẫn, báo cáo, tờ trình …"""

    noi_dung: Body = Field(min_length=1)


def plain_build(form: PlainForm, base: Path | None = None):
    """The common parts, the body ending with ``./.``, the annexes."""
    from ..document.model import Document
    from .base import document_fields

    return Document(**document_fields(form), body=tuple(with_end_mark(body_blocks(form.noi_dung, base=base))),
                    annexes=tuple(form.annex_parts(base)))
