"""One document's bytes from a valid form: the kind fills the document model, the writer puts it
into the template compiled once, the finishing pass and the packaging follow.

The single path for ``vanban render``, a batch's workers and the web app: a batch is this path run
N times.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from . import layout as L
from . import writer
from .document.model import Document
from .render import DocumentInfo, compiled
from .vn import vn_upper


def layout_of(model) -> L.PageLayout:
    """The agency's layout choices (``trinh_bay``) over ND30's defaults."""
    return L.DEFAULT_LAYOUT.with_overrides(**model.trinh_bay.model_dump())


def document_info(model, document: Document | None = None) -> DocumentInfo:
    """The document properties (title = trích yếu, author = agency, dates = the document date)."""
    if document is None:
        return DocumentInfo(title=model.trich_yeu, author=vn_upper(model.co_quan_ban_hanh).replace("\n", " "),
                            date=model.ngay, layout=layout_of(model),
                            subject=f"{model.TEN_LOAI} {model.number_text or ''}/{model.ky_hieu}".replace("  ", " "),
                            category=model.KIND)
    return DocumentInfo(title=document.title, author=document.author, date=document.date, layout=layout_of(model),
                        subject=document.subject, category=document.category)


def document_context(spec, model, base: Path | None = None) -> tuple[dict, DocumentInfo]:
    """The template context and document properties of one form."""
    document = spec.build(model, base)
    info = document_info(model, document)
    return writer.context(document, info.layout), info


def render_model(spec, model, base: Path | None = None, *, draft: bool = False) -> bytes:
    """The .docx bytes of one form; ``draft``: with the "DỰ THẢO" mark on its first page."""
    context, info = document_context(spec, model, base)
    if draft:
        info = replace(info, draft=True)
    return compiled(spec.template, info.layout).render(context, info)
