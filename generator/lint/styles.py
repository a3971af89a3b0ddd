"""Effective formatting: what Word shows, not what one XML layer says.

Run properties resolve in this order (ECMA-376 §17.7.2): document defaults → table style →
paragraph style (its ``basedOn`` chain) → character style (its chain) → direct run formatting.
Paragraph properties: defaults → table style → paragraph style chain → direct ``w:pPr``.
Toggle properties (bold, italic, caps) are XOR-ed between the table, paragraph and character
style levels and set absolutely by direct formatting. Theme fonts (``asciiTheme`` ...) are
resolved through ``word/theme/theme1.xml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .package import A_NS, W_NS

W = f"{{{W_NS}}}"
_FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
TOGGLES = ("b", "i", "caps", "vanish")
DEFAULT_FONT = "Times New Roman"  # Word's font when nothing names one
DEFAULT_SIZE = 20  # half-points (10 pt) when nothing sets a size
_PPR, _PSTYLE, _VAL, _RPR, _RSTYLE = (W + t for t in ("pPr", "pStyle", "val", "rPr", "rStyle"))


def w(tag: str) -> str:
    return W + tag


def _on(el: etree._Element) -> bool:
    return el.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


@dataclass
class RunProps:
    fonts: dict[str, str] = field(default_factory=dict)
    size: int | None = None  # half-points
    color: str | None = None
    toggles: dict[str, bool] = field(default_factory=dict)

    @property
    def bold(self) -> bool:
        return self.toggles.get("b", False)

    @property
    def italic(self) -> bool:
        return self.toggles.get("i", False)

    @property
    def size_pt(self) -> float:
        return (self.size if self.size is not None else DEFAULT_SIZE) / 2


def _apply_rpr(props: RunProps, rpr: etree._Element | None, *, toggle_mode: str) -> dict[str, bool]:
    """Apply one level's rPr; returns that level's toggle values (for XOR)."""
    level: dict[str, bool] = {}
    if rpr is None:
        return level
    fonts = rpr.find(w("rFonts"))
    if fonts is not None:
        for slot in _FONT_SLOTS:
            theme = fonts.get(w(slot + "Theme"))
            name = fonts.get(w(slot))
            if theme:
                props.fonts[slot] = "theme:" + theme
            elif name:
                props.fonts[slot] = name
    sz = rpr.find(w("sz"))
    if sz is not None and sz.get(w("val"), "").isdigit():
        props.size = int(sz.get(w("val")))
    color = rpr.find(w("color"))
    if color is not None and color.get(w("val")):
        props.color = color.get(w("val"))
    for tag in TOGGLES:
        el = rpr.find(w(tag))
        if el is not None:
            level[tag] = _on(el)
            if toggle_mode == "set":
                props.toggles[tag] = _on(el)
    return level


@dataclass
class ParaProps:
    jc: str | None = None
    ind: dict[str, int] = field(default_factory=dict)  # left, right, firstLine, hanging (twips)
    spacing: dict[str, object] = field(default_factory=dict)  # before, after (twips), line, lineRule
    contextual: bool = False
    borders: dict[str, str] = field(default_factory=dict)  # side -> val
    keep_next: bool = False


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


def _apply_ppr(props: ParaProps, ppr: etree._Element | None) -> None:
    if ppr is None:
        return
    jc = ppr.find(w("jc"))
    if jc is not None and jc.get(w("val")):
        props.jc = {"start": "left", "end": "right", "distribute": "both"}.get(jc.get(w("val")),
                                                                               jc.get(w("val")))
    ind = ppr.find(w("ind"))
    if ind is not None:
        for key, names in (("left", ("left", "start")), ("right", ("right", "end")),
                           ("firstLine", ("firstLine",)), ("hanging", ("hanging",))):
            for name in names:
                value = _int(ind.get(w(name)))
                if value is not None:
                    props.ind[key] = value
                    if key == "firstLine":
                        props.ind.pop("hanging", None)
                    if key == "hanging":
                        props.ind.pop("firstLine", None)
    spacing = ppr.find(w("spacing"))
    if spacing is not None:
        for key in ("before", "after", "line"):
            value = _int(spacing.get(w(key)))
            if value is not None:
                props.spacing[key] = value
        if spacing.get(w("lineRule")):
            props.spacing["lineRule"] = spacing.get(w("lineRule"))
        for key in ("beforeAutospacing", "afterAutospacing"):
            if spacing.get(w(key)) is not None:
                props.spacing[key] = _on_attr(spacing.get(w(key)))
    ctx = ppr.find(w("contextualSpacing"))
    if ctx is not None:
        props.contextual = _on(ctx)
    keep = ppr.find(w("keepNext"))
    if keep is not None:
        props.keep_next = _on(keep)
    pbdr = ppr.find(w("pBdr"))
    if pbdr is not None:
        for side in pbdr:
            if isinstance(side.tag, str):
                props.borders[etree.QName(side).localname] = side.get(w("val"), "none")


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() not in ("0", "false", "off")


class StyleResolver:
    """Effective paragraph and run properties for a package's styles and theme."""

    def __init__(self, styles: etree._Element | None, theme: etree._Element | None) -> None:
        self.styles: dict[str, etree._Element] = {}
        self.default_para: str | None = None
        self.default_char: str | None = None
        self.default_table: str | None = None
        self.doc_rpr = None
        self.doc_ppr = None
        self.theme_fonts = _theme_fonts(theme)
        self._para_cache: dict[tuple, ParaProps] = {}
        self._run_cache: dict[tuple, RunProps] = {}
        if styles is None:
            return
        defaults = styles.find(w("docDefaults"))
        if defaults is not None:
            self.doc_rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
            self.doc_ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}")
        for style in styles.findall(w("style")):
            sid = style.get(w("styleId"))
            if not sid:
                continue
            self.styles[sid] = style
            if _on_attr(style.get(w("default"))):
                kind = style.get(w("type"))
                if kind == "paragraph":
                    self.default_para = sid
                elif kind == "character":
                    self.default_char = sid
                elif kind == "table":
                    self.default_table = sid

    def chain(self, sid: str | None) -> list[etree._Element]:
        """The style and its ``basedOn`` ancestors, root first (cycles cut)."""
        out: list[etree._Element] = []
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen and len(seen) < 50:
            seen.add(sid)
            style = self.styles[sid]
            out.append(style)
            based = style.find(w("basedOn"))
            sid = based.get(w("val")) if based is not None else None
        return list(reversed(out))

    def para_style_id(self, p: etree._Element) -> str | None:
        ppr = p.find(_PPR)
        ps = ppr.find(_PSTYLE) if ppr is not None else None
        sid = ps.get(_VAL) if ps is not None else None
        return sid if sid in self.styles else self.default_para

    def _chain_rpr(self, sid: str | None, props: RunProps) -> dict[str, bool]:
        level: dict[str, bool] = {}
        for style in self.chain(sid):
            level.update(_apply_rpr(props, style.find(w("rPr")), toggle_mode="none"))
        return level

    def _para_base(self, table_style: str | None, para_style: str | None) -> ParaProps:
        key = (table_style, para_style)
        cached = self._para_cache.get(key)
        if cached is None:
            cached = ParaProps()
            _apply_ppr(cached, self.doc_ppr)
            for style in self.chain(table_style):
                _apply_ppr(cached, style.find(w("pPr")))
            for style in self.chain(para_style):
                _apply_ppr(cached, style.find(w("pPr")))
            self._para_cache[key] = cached
        return ParaProps(cached.jc, dict(cached.ind), dict(cached.spacing), cached.contextual,
                         dict(cached.borders), cached.keep_next)

    def para_props(self, p: etree._Element, table_style: str | None = None,
                   para_style: str | None = None) -> ParaProps:
        props = self._para_base(table_style, para_style or self.para_style_id(p))
        _apply_ppr(props, p.find(_PPR))
        return props

    def run_props(self, p: etree._Element, r: etree._Element | None, table_style: str | None = None,
                  para_style: str | None = None) -> RunProps:
        """Effective properties of run ``r`` (or of the paragraph mark when ``r`` is None)."""
        char_id = None
        if r is not None:
            direct = r.find(_RPR)
            rs = direct.find(_RSTYLE) if direct is not None else None
            char_id = rs.get(_VAL) if rs is not None else self.default_char
        else:
            ppr = p.find(_PPR)
            direct = ppr.find(_RPR) if ppr is not None else None
        base = self._run_base(table_style, para_style or self.para_style_id(p), char_id, r is not None)
        props = RunProps(dict(base.fonts), base.size, base.color, dict(base.toggles))
        _apply_rpr(props, direct, toggle_mode="set")
        for slot in _FONT_SLOTS:
            props.fonts[slot] = self.font_name(props.fonts.get(slot, DEFAULT_FONT))
        return props

    def _run_base(self, table_style: str | None, para_style: str | None, char_style: str | None,
                  is_run: bool) -> RunProps:
        """Style-level run properties (cached): defaults, table, paragraph and character styles."""
        key = (table_style, para_style, char_style, is_run)
        cached = self._run_cache.get(key)
        if cached is not None:
            return cached
        props = RunProps()
        base = _apply_rpr(props, self.doc_rpr, toggle_mode="none")
        levels = [self._chain_rpr(table_style, props), self._chain_rpr(para_style, props)]
        if is_run:
            levels.append(self._chain_rpr(char_style, props))
        for tag in TOGGLES:
            value = base.get(tag, False)
            for level in levels:
                if level.get(tag):
                    value = not value
            props.toggles[tag] = value
        self._run_cache[key] = props
        return props

    def font_name(self, value: str) -> str:
        if not value.startswith("theme:"):
            return value
        return self.theme_fonts.get(value[6:], value)


def _theme_fonts(theme: etree._Element | None) -> dict[str, str]:
    """``minorHAnsi`` → "Calibri" etc. from the theme's font scheme."""
    out: dict[str, str] = {}
    if theme is None:
        return out
    scheme = theme.find(f".//{{{A_NS}}}fontScheme")
    if scheme is None:
        return out
    for kind in ("major", "minor"):
        font = scheme.find(f"{{{A_NS}}}{kind}Font")
        if font is None:
            continue
        for script, el in (("HAnsi", "latin"), ("Ascii", "latin"), ("EastAsia", "ea"), ("Bidi", "cs")):
            node = font.find(f"{{{A_NS}}}{el}")
            if node is not None and node.get("typeface"):
                out[kind + script] = node.get("typeface")
    return out
