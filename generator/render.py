"""Render a context into a finished .docx: docxtpl over a template loaded once, then the
finishing pass (rule lengths, document properties) and reproducible zip bytes.

Rendering always uses a sandboxed Jinja environment with autoescaping and ``StrictUndefined``:
a value with ``&`` or ``<`` comes out intact, and a placeholder without a value is an error, not
an empty string.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from docx.shared import Emu, Twips
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError as JinjaTemplateError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from . import layout as L
from .errors import RenderError, TemplateError
from .ooxml import protect_docxtpl_markers
from .packaging import deterministic_zip
from .resources import template_path
from .template_builder import apply_layout


def _finalize(value):
    """Escape every value for XML (autoescape) and protect it from docxtpl's marker replace."""
    if hasattr(value, "__html__"):
        return value
    return Markup(protect_docxtpl_markers(str(escape(value))))


def jinja_env() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True,
                                finalize=_finalize)


@dataclass(frozen=True)
class DocumentInfo:
    """What the finishing pass needs besides the template context."""

    title: str
    author: str
    date: dt.date | None
    layout: L.PageLayout = L.DEFAULT_LAYOUT
    subject: str = ""


@lru_cache(maxsize=32)
def _template_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise TemplateError("template_missing", path=path) from exc
    except OSError as exc:
        raise TemplateError("template_broken", path=path, reason=str(exc)) from exc


def load_template(name_or_path: str | Path) -> DocxTemplate:
    path = Path(name_or_path)
    if not path.is_absolute() and not path.exists():
        path = template_path(str(name_or_path))
    data = _template_bytes(str(path))
    try:
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
    except Exception as exc:  # python-docx raises several unrelated types for a bad package
        raise TemplateError("template_broken", path=str(path), reason=str(exc)) from exc
    return template


def template_variables(name_or_path: str | Path) -> set[str]:
    """The placeholders a template uses (its contract with the kind's context builder)."""
    return set(load_template(name_or_path).get_undeclared_template_variables(jinja_env()))


def render(template_name: str, context: dict, info: DocumentInfo) -> bytes:
    template = load_template(template_name)
    if info.layout != L.DEFAULT_LAYOUT:
        apply_layout(template.docx, info.layout)
    try:
        template.render(context, jinja_env=jinja_env(), autoescape=True)
    except JinjaTemplateError as exc:
        raise RenderError("render_failed", reason=str(exc)) from exc
    document = template.docx
    finish(document, info)
    buffer = io.BytesIO()
    document.save(buffer)
    return deterministic_zip(buffer.getvalue())


# --------------------------------------------------------------------------------------------
# Finishing pass


_CELL_MARGINS = Twips(2 * 108)


def _previous_paragraph(paragraph):
    previous = paragraph._p.getprevious()
    while previous is not None and not previous.tag.endswith("}p"):
        previous = previous.getprevious()
    return previous


def _style_id(p) -> str:
    if p.pPr is None or p.pPr.pStyle is None:
        return ""
    return p.pPr.pStyle.val


def _set_rule(paragraph, container_width: int, rule_width: int) -> None:
    rule_width = max(0, min(rule_width, container_width))
    side = Emu((container_width - rule_width) // 2)
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side


def _rules(document, lay: L.PageLayout) -> None:
    """Size each rule (1/3–1/2 of the agency line and the trích yếu; the Tiêu ngữ's full width)."""
    fractions = {
        "VBCoQuanBanHanh": (L.AGENCY_RULE_FRACTION, lay.co_chu_co_quan, True),
        "VBTieuNgu": (L.TIEU_NGU_RULE_FRACTION, lay.co_chu_tieu_ngu, True),
        "VBTrichYeu": (L.TRICH_YEU_RULE_FRACTION, lay.co_chu_noi_dung, True),
    }
    containers = [(p, int(lay.text_width)) for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                width = int(cell.width or 0) - int(_CELL_MARGINS)
                containers.extend((p, width) for p in cell.paragraphs)
    for paragraph, width in containers:
        if paragraph.style is None or paragraph.style.style_id != "VBDuongKe":
            continue
        above = _previous_paragraph(paragraph)
        if above is None or _style_id(above) not in fractions:
            continue
        fraction, size, bold = fractions[_style_id(above)]
        lines = L.line_widths(_paragraph_text(above), size, bold, Emu(width))
        _set_rule(paragraph, width, int(max(lines) * fraction))


def _paragraph_text(p) -> str:
    parts = []
    for node in p.iter():
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "t":
            parts.append(node.text or "")
        elif tag == "br":
            parts.append("\n")
        elif tag == "tab":
            parts.append("\t")
    return "".join(parts)


def finish(document, info: DocumentInfo) -> None:
    _rules(document, info.layout)
    props = document.core_properties
    props.title = info.title
    props.author = info.author
    props.last_modified_by = info.author
    props.subject = info.subject
    props.comments = ""
    props.keywords = ""
    props.language = "vi-VN"
    props.revision = 1
    stamp = dt.datetime.combine(info.date or dt.date(2000, 1, 1), dt.time(0, 0))
    props.created = stamp
    props.modified = stamp
