"""Render a context into a finished .docx through a template compiled once.

A :class:`CompiledTemplate` does the per-template work a single time — load the package, apply the
agency's layout choices, run docxtpl's tag clean-up (``patch_xml``) on each templated part and
compile its Jinja source, keep every other part as bytes — so that rendering one record is only:
render the Jinja source, docxtpl's post-processing (line breaks, tabs, table fixes), the finishing
pass on the XML tree (rule lengths, section breaks), the document properties, and a zip with fixed
timestamps. One path serves a single ``vanban render`` and a batch of thousands.

Rendering always uses a sandboxed Jinja environment with autoescaping and ``StrictUndefined``:
a value with ``&`` or ``<`` comes out intact, and a placeholder without a value is an error.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError as JinjaTemplateError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import escape

from . import layout as L
from .errors import RenderError, TemplateError
from .blocks import SECTION_NEXT, SECTION_RESTART, SECTION_START, SLOT, BodyXml
from .coreprops import CoreWriter, core_xml
from .linebreak import break_positions as balanced_breaks
from .naming import DRAFT_MARK
from .ooxml import XML_SPACE
from .packaging import write_zip
from .resources import template_path
from .template_builder import apply_layout

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_CORE = "docProps/core.xml"
_DOCUMENT = "word/document.xml"
_TAG = re.compile(r"\{[{%#]")
_LISTING = re.compile("<w:t(?: [^>]*)?>[^<]*[\n\t\a\f]")
_DECLARATION = re.compile(r"^<\?xml[^>]*\?>\s*")
_CELL_MARGINS_TWIPS = 2 * 108
_TWIPS_PER_EMU = 1 / 635


def _finalize(value):
    """Escape every value for XML (autoescape); the rendered XML is never rewritten afterwards, so a
    value comes out exactly as typed (``{_{`` included)."""
    if hasattr(value, "__html__"):
        return value
    return escape(value)  # a Markup: autoescape leaves it as it is


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
    category: str = ""
    draft: bool = False  # a draft carries the DRAFT_MARK on its first page (issue 14, item 10)


def _resolve(name_or_path: str | Path) -> Path:
    path = Path(name_or_path)
    if path.is_absolute() or path.exists():
        return path
    return template_path(str(name_or_path))


def load_template(name_or_path: str | Path) -> DocxTemplate:
    path = _resolve(name_or_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise TemplateError("template_missing", path=str(path)) from exc
    except OSError as exc:
        raise TemplateError("template_broken", path=str(path), reason=str(exc)) from exc
    try:
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
    except Exception as exc:  # python-docx raises several unrelated types for a bad package
        raise TemplateError("template_broken", path=str(path), reason=str(exc)) from exc
    return template


def template_variables(name_or_path: str | Path) -> set[str]:
    """The placeholders a template uses (its contract with the kind's context builder)."""
    return set(load_template(name_or_path).get_undeclared_template_variables(jinja_env()))


class CompiledTemplate:
    """A template prepared once for many renders (see the module docstring)."""

    def __init__(self, name_or_path: str | Path, layout: L.PageLayout = L.DEFAULT_LAYOUT) -> None:
        self.path = _resolve(name_or_path)
        self._docxtpl = load_template(self.path)
        if layout != L.DEFAULT_LAYOUT:
            apply_layout(self._docxtpl.docx, layout)
        self.layout = layout
        buffer = io.BytesIO()
        self._docxtpl.docx.save(buffer)
        with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
            self.parts: dict[str, bytes] = {name: package.read(name) for name in package.namelist()}
        env = jinja_env()
        self.templates = {}
        for name, data in self.parts.items():
            if name.endswith(".xml") and (name == _DOCUMENT or name.startswith("word/header")
                                          or name.startswith("word/footer")):
                text = _DECLARATION.sub("", data.decode("utf-8"), count=1)
                if _TAG.search(text):
                    source = self._docxtpl.patch_xml(text)
                    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
                    try:
                        self.templates[name] = env.from_string(source)
                    except JinjaTemplateError as exc:
                        raise TemplateError("template_broken", path=str(self.path), reason=str(exc)) from exc
        self._uses_cell_tags = "{%tc" in self.parts[_DOCUMENT].decode("utf-8")
        self._core = CoreWriter(etree.fromstring(self.parts[_CORE])) if _CORE in self.parts else None
        self._first_headers = first_page_headers(self.parts)

    # ---------------------------------------------------------------- rendering

    def render_part(self, name: str, context: dict) -> etree._Element:
        try:
            xml = self.templates[name].render(context)
        except JinjaTemplateError as exc:
            raise RenderError("render_failed", reason=str(exc)) from exc
        xml = xml.replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ")
        if _LISTING.search(xml):  # line breaks, tabs, \a or \f inside values: docxtpl's listing rules
            xml = self._docxtpl.resolve_listing(xml)
        if self._uses_cell_tags:
            root = self._docxtpl.fix_tables(xml)
        else:
            try:
                root = etree.fromstring(xml.encode("utf-8"))
            except etree.XMLSyntaxError as exc:
                raise RenderError("render_failed", reason=f"{name}: {exc}") from exc
        fill_slots(root, context)
        return root

    def render_unfinished(self, context: dict) -> etree._Element:
        """The rendered ``w:document`` element before the finishing pass (for merging)."""
        if _DOCUMENT in self.templates:
            return self.render_part(_DOCUMENT, context)
        return etree.fromstring(self.parts[_DOCUMENT])

    def render_tree(self, context: dict) -> etree._Element:
        """The rendered and finished ``w:document`` element."""
        root = self.render_unfinished(context)
        finish(root, self.layout)
        return root

    def package(self, document: etree._Element, info: DocumentInfo, extra: dict | None = None) -> bytes:
        """Zip the parts around a finished document element, with the document properties."""
        parts = dict(self.parts)
        parts[_DOCUMENT] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
        if self._core is not None:
            parts[_CORE] = self._core(title=info.title, author=info.author, date=info.date, subject=info.subject,
                                      category=info.category)
        if extra:
            parts.update(extra)
        if info.draft:
            for name in self._first_headers:
                parts[name] = draft_header(parts[name])
        return zip_parts(parts)

    def render(self, context: dict, info: DocumentInfo) -> bytes:
        extra = {}
        for name in self.templates:
            if name != _DOCUMENT:
                extra[name] = etree.tostring(self.render_part(name, context), xml_declaration=True,
                                             encoding="UTF-8", standalone=True)
        return self.package(self.render_tree(context), info, extra)


# --------------------------------------------------------------------------------------------
# The draft mark: "DỰ THẢO" on the first page of a draft, never on a final (issue 14, item 10)

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEADER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"


def first_page_headers(parts: dict[str, bytes]) -> list[str]:
    """The header parts the document's sections show on their first page (``w:titlePg``)."""
    rels_name = "word/_rels/document.xml.rels"
    if rels_name not in parts or _DOCUMENT not in parts:
        return []
    rels = etree.fromstring(parts[rels_name])
    targets = {rel.get("Id"): rel.get("Target") for rel in rels
               if rel.get("Type") == _HEADER_TYPE and rel.get("TargetMode") != "External"}
    document = etree.fromstring(parts[_DOCUMENT])
    names = []
    for reference in document.iter(f"{_W}headerReference"):
        target = targets.get(reference.get(f"{{{_R}}}id"))
        if reference.get(f"{_W}type") == "first" and target:
            name = target.lstrip("/") if target.startswith("/") else f"word/{target}"
            if name in parts and name not in names:
                names.append(name)
    return names


@lru_cache(maxsize=16)  # a template's first-page header: the same bytes for every draft of a batch
def draft_header(part: bytes) -> bytes:
    """The first-page header with the draft mark: one bold boxed line at the top left (near the
    Số line, as the legacy practice puts it) in place of its empty paragraph — plain Word, no text
    box, no shape. The header keeps one line of the same
    height inside the top margin, so the body's pages do not change."""
    root = etree.fromstring(part)
    for old in root.findall(f"{_W}p"):
        if not paragraph_text(old).strip():
            root.remove(old)
    p = etree.Element(f"{_W}p")
    ppr = etree.SubElement(p, f"{_W}pPr")
    etree.SubElement(ppr, f"{_W}jc", {f"{_W}val": "left"})
    run = etree.SubElement(p, f"{_W}r")
    rpr = etree.SubElement(run, f"{_W}rPr")
    etree.SubElement(rpr, f"{_W}rFonts", {f"{_W}{a}": "Times New Roman"
                                          for a in ("ascii", "hAnsi", "eastAsia", "cs")})
    etree.SubElement(rpr, f"{_W}b")
    etree.SubElement(rpr, f"{_W}bCs")
    etree.SubElement(rpr, f"{_W}sz", {f"{_W}val": "26"})
    etree.SubElement(rpr, f"{_W}szCs", {f"{_W}val": "26"})
    # A character border: the single-line box of the legacy practice (nd30-layout.md, ND30-DT).
    etree.SubElement(rpr, f"{_W}bdr", {f"{_W}val": "single", f"{_W}sz": "6", f"{_W}space": "1",
                                       f"{_W}color": "auto"})
    etree.SubElement(run, f"{_W}t").text = DRAFT_MARK
    root.insert(0, p)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@lru_cache(maxsize=16)
def compiled(name_or_path: str, layout: L.PageLayout = L.DEFAULT_LAYOUT) -> CompiledTemplate:
    return CompiledTemplate(name_or_path, layout)


def render(template_name: str, context: dict, info: DocumentInfo) -> bytes:
    return compiled(str(template_name), info.layout).render(context, info)


def zip_parts(parts: dict[str, bytes]) -> bytes:
    """A .docx package with fixed member timestamps: the same input gives the same bytes."""
    return write_zip(parts.items())


def core_properties(template: etree._Element, info: DocumentInfo) -> bytes:
    """Title = trích yếu, author = agency, dates = the document date (reproducible bytes)."""
    return core_xml(template, title=info.title, author=info.author, date=info.date, subject=info.subject,
                    category=info.category)


# --------------------------------------------------------------------------------------------
# Finishing pass (on the XML tree)


def _style_id(p: etree._Element) -> str:
    # w:pPr is a paragraph's first child (schema order): look there before searching.
    first = p[0] if len(p) else None
    if first is not None and first.tag == f"{_W}pPr":
        for child in first:
            if child.tag == f"{_W}pStyle":
                return child.get(f"{_W}val")
        return ""
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return style.get(f"{_W}val") if style is not None else ""


def paragraph_text(p: etree._Element) -> str:
    parts = []
    for node in p.iter(f"{_W}t", f"{_W}br", f"{_W}tab"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}br":
            parts.append("\n")
        else:
            parts.append("\t")
    return "".join(parts)


def _body_and_section(root: etree._Element) -> tuple[etree._Element | None, etree._Element | None]:
    """``w:body`` and its ``w:sectPr`` (the last section's properties, the body's last child)."""
    body = next(root.iterchildren(f"{_W}body"), None)
    if body is None or not len(body):
        return body, None
    last = body[-1]
    return body, last if last.tag == f"{_W}sectPr" else next(body.iterchildren(f"{_W}sectPr"), None)


def _text_width(root: etree._Element, layout: L.PageLayout) -> int:
    """The text width of the document's (last) section in twips: page width less the margins."""
    section = _body_and_section(root)[1]
    size = next(section.iterchildren(f"{_W}pgSz"), None) if section is not None else None
    margins = next(section.iterchildren(f"{_W}pgMar"), None) if section is not None else None
    if size is None or margins is None:
        return int(layout.text_width.twips)
    return int(size.get(f"{_W}w")) - int(margins.get(f"{_W}left")) - int(margins.get(f"{_W}right"))


def _container_width(p: etree._Element, text_width: int) -> int:
    """Width in twips available to a paragraph: its cell's width, or the text width."""
    parent = p.getparent()
    if parent is not None and parent.tag == f"{_W}tc":
        width = parent.find(f"{_W}tcPr/{_W}tcW")
        if width is not None and width.get(f"{_W}w"):
            return int(width.get(f"{_W}w")) - _CELL_MARGINS_TWIPS
    return text_width


# Children of w:pPr that come after w:ind in the schema order.
_AFTER_IND = frozenset(f"{_W}{tag}" for tag in (
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"))


def _set_indents(p: etree._Element, left: int, right: int) -> None:
    pPr = p.find(f"{_W}pPr")
    if pPr is None:
        pPr = etree.Element(f"{_W}pPr")
        p.insert(0, pPr)
    ind = pPr.find(f"{_W}ind")
    if ind is None:
        ind = etree.Element(f"{_W}ind")
        successor = next((child for child in pPr if child.tag in _AFTER_IND), None)
        if successor is not None:
            successor.addprevious(ind)
        else:
            pPr.append(ind)
    ind.set(f"{_W}left", str(left))
    ind.set(f"{_W}right", str(right))


def fill_slots(root: etree._Element, context: dict) -> None:
    """Replace each slot marker by the elements of its :class:`BodyXml` (built once, as
    elements; a context rendered twice gets copies the second time)."""
    markers = list(root.iter(SLOT))
    if not markers:
        return
    slots = {str(value.slot): value for value in context.values() if isinstance(value, BodyXml)}
    for marker in markers:
        body = slots.get(marker.get("n"))
        parent = marker.getparent()
        if body is None:
            raise RenderError("render_failed", reason=f"unknown slot {marker.get('n')}")
        position = parent.index(marker)
        parent.remove(marker)
        for offset, element in enumerate(body.elements):
            if element.getparent() is not None:
                element = copy.deepcopy(element)
            parent.insert(position + offset, element)


_START_MARKS = etree.XPath(f"w:body/*[@{SECTION_START}]", namespaces={"w": W})
_BREAK_PARAGRAPHS = etree.XPath("w:body/w:p[w:pPr/w:pStyle/@w:val='VBNgatPhan']", namespaces={"w": W})


def _landscape_children(root: etree._Element, marks) -> set:
    """The body-level elements that fall in a landscape section (read from the break marks,
    before the finishing pass turns them into section properties). ``marks``: the section
    breaks and start marks (:func:`_section_marks`)."""
    result = set()
    breaks, starts = marks
    landscape = bool(starts)
    if not landscape and not any(p.get(SECTION_NEXT) == "landscape" for p in breaks):
        return result  # portrait throughout (most documents): no walk over the body
    body = root.find(f"{_W}body")
    for child in body if body is not None else ():
        if child.tag == f"{_W}p" and _style_id(child) == "VBNgatPhan":
            landscape = child.get(SECTION_NEXT) == "landscape"
        elif landscape:
            result.add(child)
    return result


def _section_marks(root: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """The section-break paragraphs and the start marks of the body (the finishing pass reads
    them twice: for the widths, then to write the sections)."""
    return _BREAK_PARAGRAPHS(root), _START_MARKS(root)


def _widths(root: etree._Element, layout: L.PageLayout, marks):
    """A function giving the width (twips) available to a paragraph of ``root``: its cell's, or
    the text width of its section, portrait or landscape."""
    text_width = _text_width(root, layout)
    landscape_width = text_width + int((L.PAGE_HEIGHT - L.PAGE_WIDTH) * _TWIPS_PER_EMU)
    in_landscape = _landscape_children(root, marks)

    def width_of(p: etree._Element) -> int:
        if not in_landscape:
            return _container_width(p, text_width)
        top = p
        while top.getparent() is not None and top.getparent().tag != f"{_W}body":
            top = top.getparent()
        return _container_width(p, landscape_width if top in in_landscape else text_width)

    return width_of


_BALANCED = frozenset(L.BALANCED_HEADINGS)


def _headings_and_rules(root: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """The balanced headings (styles ``layout.BALANCED_HEADINGS``) and the rule paragraphs (style
    *VB Duong ke*), in document order, in one pass over the tree's ``w:pStyle`` elements.

    Not an XPath ``//w:p[…]``: on a tree assembled from many parsed documents (a print file)
    libxml2 sorts the node set by walking the tree for each comparison — measured 0.55 s for a
    print file of 400 decisions against 0.11 s for this walk, and worse than linear as it grows."""
    headings, rules = [], []
    for style in root.iter(f"{_W}pStyle"):
        value = style.get(f"{_W}val")
        if value in _BALANCED or value == "VBDuongKe":
            pPr = style.getparent()
            p = pPr.getparent() if pPr is not None and pPr.tag == f"{_W}pPr" else None
            if p is not None and (value != "VBDuongKe" or p.tag == f"{_W}p"):
                (rules if value == "VBDuongKe" else headings).append(p)
    return headings, rules


def _balance_headings(root: etree._Element, layout: L.PageLayout, width_of, headings) -> None:
    """Break each centred heading into balanced lines (``generator.linebreak``): a ``w:br`` in
    place of the space at each break, in the run that holds it, so its formatting is kept."""
    fonts = _heading_fonts(layout)
    for p in headings:
        font = fonts[_style_id(p)]
        text = paragraph_text(p)
        if " " not in text:
            continue
        available = int(width_of(p) / _TWIPS_PER_EMU)
        positions = balanced_breaks(text, font[0], font[1], available)
        if positions:
            _break_at(p, positions)


@lru_cache(maxsize=16)
def _heading_fonts(layout: L.PageLayout) -> dict[str, tuple[float, bool]]:
    """Point size and boldness of each balanced heading's style under ``layout``."""
    return {style_id: (float(L.style_size(L.STYLE_BY_ID[style_id], layout).pt), L.STYLE_BY_ID[style_id].bold)
            for style_id in L.BALANCED_HEADINGS}


def _break_at(p: etree._Element, positions: tuple[int, ...]) -> None:
    """Replace the characters at ``positions`` of ``paragraph_text(p)`` (spaces) by ``w:br``."""
    wanted = set(positions)
    splits: list[tuple[etree._Element, int]] = []
    offset = 0
    for node in p.iter(f"{_W}t", f"{_W}br", f"{_W}tab"):
        if node.tag != f"{_W}t":
            offset += 1
            continue
        text = node.text or ""
        splits.extend((node, index) for index in range(len(text)) if offset + index in wanted)
        offset += len(text)
    for node, index in reversed(splits):  # right to left, so earlier indices stay valid
        text = node.text
        node.text = text[:index]
        br = etree.Element(f"{_W}br")
        rest = etree.Element(f"{_W}t")
        rest.text = text[index + 1:]
        rest.set(XML_SPACE, "preserve")
        node.addnext(br)
        br.addnext(rest)


@lru_cache(maxsize=16)
def _ruled_styles(layout: L.PageLayout) -> dict[str, tuple[float, float]]:
    """The styles a rule stands under: the rule's fraction of their widest line, and their size."""
    return {
        "VBCoQuanBanHanh": (L.AGENCY_RULE_FRACTION, layout.co_chu_co_quan),
        "VBTieuNgu": (L.TIEU_NGU_RULE_FRACTION, layout.co_chu_tieu_ngu),
        "VBGKTieuNgu": (L.TIEU_NGU_RULE_FRACTION, float(L.STYLE_BY_ID["VBGKTieuNgu"].size)),
        "VBTrichYeu": (L.TRICH_YEU_RULE_FRACTION, layout.co_chu_noi_dung),
        "VBPhuLucKemTheo": (L.TRICH_YEU_RULE_FRACTION, layout.co_chu_noi_dung),
        "VBPhuLucTieuDe": (L.TRICH_YEU_RULE_FRACTION, layout.co_chu_noi_dung),
    }


def _rules(root: etree._Element, layout: L.PageLayout, width_of, rules) -> None:
    """Size each rule: 1/3–1/2 of the agency line and the trích yếu; the Tiêu ngữ's full width."""
    under = _ruled_styles(layout)
    for p in rules:
        above = p.getprevious()
        while above is not None and above.tag != f"{_W}p":
            above = above.getprevious()
        style = _style_id(above) if above is not None else None
        if style not in under:
            continue
        fraction, size = under[style]
        width = width_of(p)
        bold = style != "VBPhuLucKemTheo"
        lines = L.line_widths(paragraph_text(above), float(size), bold, L.Emu(int(width / _TWIPS_PER_EMU)))
        rule = min(int(max(lines) * _TWIPS_PER_EMU * fraction), width)
        side = (width - rule) // 2
        _set_indents(p, side, side)


_SECT_AFTER_PGNUMTYPE = ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
                         "rtlGutter", "docGrid", "printerSettings", "sectPrChange")


def _restart_page_numbers(section: etree._Element) -> None:
    """``w:pgNumType w:start="1"`` in its schema place inside ``w:sectPr``."""
    for old in section.findall(f"{_W}pgNumType"):
        section.remove(old)
    number = etree.Element(f"{_W}pgNumType")
    number.set(f"{_W}start", "1")
    successor = next((el for el in section if el.tag.rsplit("}", 1)[-1] in _SECT_AFTER_PGNUMTYPE), None)
    if successor is not None:
        successor.addprevious(number)
    else:
        section.append(number)


def _set_orientation(section: etree._Element, landscape: bool) -> None:
    size = section.find(f"{_W}pgSz")
    if size is None:
        return
    width, height = int(size.get(f"{_W}w")), int(size.get(f"{_W}h"))
    short, long_ = min(width, height), max(width, height)
    if landscape:
        size.set(f"{_W}w", str(long_))
        size.set(f"{_W}h", str(short))
        size.set(f"{_W}orient", "landscape")
    else:
        size.set(f"{_W}w", str(short))
        size.set(f"{_W}h", str(long_))
        size.attrib.pop(f"{_W}orient", None)


def is_landscape(section: etree._Element) -> bool:
    size = section.find(f"{_W}pgSz")
    return size is not None and size.get(f"{_W}orient") == "landscape"


def _section_breaks(root: etree._Element, marks) -> None:
    """A paragraph of style *VB Ngat phan* ends a section: what follows starts on a new page in its
    own section — landscape or portrait, its page numbers restarting at 1 or running on, as the
    break's marks say (an appendix, a wide table, the next decision of a print file)."""
    final = _body_and_section(root)[1]
    breaks, starts = marks
    for mark in starts:
        mark.attrib.pop(SECTION_START, None)
    if final is None or (not breaks and not starts):
        return
    base = is_landscape(final)  # a certificate's template is landscape throughout
    landscape, restart = bool(starts) or base, False  # the first section: numbered from 1
    for p in breaks:
        section = copy.deepcopy(final)
        for old in section.findall(f"{_W}pgNumType"):
            section.remove(old)
        _set_orientation(section, landscape)
        if restart:
            _restart_page_numbers(section)
        for old in p.findall(f"{_W}pPr/{_W}sectPr"):
            old.getparent().remove(old)
        p.find(f"{_W}pPr").append(section)
        following = p.attrib.pop(SECTION_NEXT, None)
        landscape = base if following is None else following == "landscape"
        restart = p.attrib.pop(SECTION_RESTART, "1") == "1"
    _set_orientation(final, landscape)
    for old in final.findall(f"{_W}pgNumType"):
        final.remove(old)
    if restart:
        _restart_page_numbers(final)


def finish(root: etree._Element, layout: L.PageLayout) -> None:
    marks = _section_marks(root)
    width_of = _widths(root, layout, marks)
    headings, rules = _headings_and_rules(root)
    _balance_headings(root, layout, width_of, headings)
    _rules(root, layout, width_of, rules)
    _section_breaks(root, marks)
