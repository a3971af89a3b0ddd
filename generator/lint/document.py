"""A walk of a parsed .docx in reading order: paragraphs with their location and effective
formatting, top-level tables with rows and cells, sections with headers and footers.

The walk is bounded (:func:`check_bounds`): a file with more paragraphs, runs or sections than a
real document has is refused before anything is built, so that any file the lint accepts is checked
within seconds and a few hundred MB."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .package import LintReadError, Package, R_NS, W_NS
from .styles import ParaProps, RunProps, StyleResolver, w

_TEXT_TAGS = {w("t"): None, w("tab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}
_R, _T, _P = w("r"), w("t"), w("p")
_SKIP_ANCESTORS = {w("del"), w("moveFrom"), w("txbxContent")}


@dataclass
class Run:
    el: etree._Element
    text: str
    props: RunProps


@dataclass
class Where:
    part: str = "body"  # body | header:default | header:first | footer:default ...
    section: int = 1
    paragraph: int | None = None  # top-level body paragraph number, 1-based
    table: int | None = None  # top-level table number, 1-based
    row: int | None = None
    column: int | None = None
    cell_paragraph: int | None = None
    excerpt: str = ""
    document: int | None = None  # which document of a print file (1-based)


@dataclass
class Para:
    el: etree._Element
    order: int
    text: str
    style_id: str | None
    props: ParaProps
    mark: RunProps
    runs: list[Run]
    fields: list[str]
    where: Where
    has_drawing: bool = False

    @property
    def text_runs(self) -> list[Run]:
        """Runs carrying visible characters (whitespace-only runs say nothing about formatting)."""
        return [r for r in self.runs if r.text.strip()]

    def sizes(self) -> set[float]:
        runs = self.text_runs
        return {r.props.size_pt for r in runs} if runs else {self.mark.size_pt}

    def all_runs(self, attr: str) -> bool | None:
        """True if every text run has ``attr`` (bold/italic), False if none, None if mixed."""
        runs = self.text_runs or []
        values = {getattr(r.props, attr) for r in runs} if runs else {getattr(self.mark, attr)}
        return values.pop() if len(values) == 1 else None


@dataclass
class Cell:
    el: etree._Element
    paragraphs: list[Para]
    width: int | None  # twips


@dataclass
class Table:
    el: etree._Element
    number: int
    section: int
    rows: list[list[Cell]]
    style_id: str | None
    order: int  # position among body blocks

    def cell(self, row: int, col: int) -> Cell | None:
        try:
            return self.rows[row][col]
        except IndexError:
            return None


@dataclass
class Section:
    number: int
    sectPr: etree._Element | None
    headers: dict[str, list[Para]] = field(default_factory=dict)
    footers: dict[str, list[Para]] = field(default_factory=dict)
    header_parts: dict[str, str] = field(default_factory=dict)


@dataclass
class Document:
    package: Package
    resolver: StyleResolver
    blocks: list[Para | Table]  # top-level, in order
    tables: list[Table]
    sections: list[Section]
    settings: etree._Element | None

    def all_paragraphs(self) -> list[Para]:
        out: list[Para] = []
        for block in self.blocks:
            if isinstance(block, Para):
                out.append(block)
            else:
                out.extend(p for row in block.rows for cell in row for p in cell.paragraphs)
        return out


def _owned(node: etree._Element, p: etree._Element) -> bool:
    """True if ``node``'s nearest enclosing paragraph is ``p`` and it is not deleted text."""
    parent = node.getparent()
    while parent is not None:
        if parent.tag in _SKIP_ANCESTORS:
            return False
        if parent.tag == _P:
            return parent is p
        parent = parent.getparent()
    return False


def _fields(p: etree._Element) -> list[str]:
    out: list[str] = []
    current: list[str] | None = None
    for node in p.iter(w("fldChar"), w("instrText"), w("fldSimple")):
        if node.tag == w("fldSimple"):
            out.append(node.get(w("instr"), ""))
        elif node.tag == w("instrText"):
            if current is not None:
                current.append(node.text or "")
        else:
            kind = node.get(w("fldCharType"))
            if kind == "begin":
                current = []
            elif kind in ("separate", "end") and current is not None:
                out.append("".join(current))
                current = None
    return [f.strip() for f in out]


def make_para(p: etree._Element, resolver: StyleResolver, where: Where, order: int,
              table_style: str | None = None) -> Para:
    runs: list[Run] = []
    sid = resolver.para_style_id(p)
    for r in p.iter(_R):
        if not _owned(r, p):
            continue
        parts = []
        for child in r:
            if child.tag in _TEXT_TAGS:
                parts.append(child.text or "" if child.tag == _T else _TEXT_TAGS[child.tag])
        runs.append(Run(r, "".join(parts), resolver.run_props(p, r, table_style, sid)))
    text = "".join(run.text for run in runs)
    where.excerpt = text.strip()[:60]
    return Para(
        el=p, order=order, text=text, style_id=sid,
        props=resolver.para_props(p, table_style, sid), mark=resolver.run_props(p, None, table_style, sid),
        runs=runs, fields=_fields(p), where=where,
        has_drawing=any(True for _ in p.iter(w("drawing"), w("pict"))),
    )


def _cell_width(tc: etree._Element, grid: list[int], col: int) -> int | None:
    tcw = tc.find(f"{w('tcPr')}/{w('tcW')}")
    if tcw is not None and tcw.get(w("type"), "dxa") == "dxa" and tcw.get(w("w"), "").isdigit():
        return int(tcw.get(w("w")))
    return grid[col] if col < len(grid) else None


def _table(tbl: etree._Element, resolver: StyleResolver, number: int, section: int,
           counter: list[int], order: int) -> Table:
    ts = tbl.find(f"{w('tblPr')}/{w('tblStyle')}")
    style_id = ts.get(w("val")) if ts is not None else resolver.default_table
    grid = [int(g.get(w("w"), "0") or 0) for g in tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")]
    rows: list[list[Cell]] = []
    for r_index, tr in enumerate(tbl.findall(w("tr")), start=1):
        cells: list[Cell] = []
        col = 0
        for c_index, tc in enumerate(tr.findall(w("tc")), start=1):
            paras = []
            for k, p in enumerate((x for x in tc.iter(w("p")) if _in_cell(x, tc)), start=1):
                counter[0] += 1
                where = Where(section=section, table=number, row=r_index, column=c_index,
                              cell_paragraph=k)
                paras.append(make_para(p, resolver, where, counter[0], style_id))
            cells.append(Cell(tc, paras, _cell_width(tc, grid, col)))
            span = tc.find(f"{w('tcPr')}/{w('gridSpan')}")
            col += int(span.get(w("val"), "1")) if span is not None else 1
        rows.append(cells)
    return Table(tbl, number, section, rows, style_id, order)


def _in_cell(p: etree._Element, tc: etree._Element) -> bool:
    parent = p.getparent()
    while parent is not None and parent is not tc:
        if parent.tag == w("txbxContent"):
            return False
        parent = parent.getparent()
    return parent is tc


def _body_children(body: etree._Element):
    for child in body:
        if child.tag in (w("sdt"),):
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from _body_children(content)
        elif child.tag == w("customXml"):
            yield from _body_children(child)
        else:
            yield child


# What a document may have for the lint to check it. A 1000-page report has ~20 000 paragraphs;
# a print file of 250 decisions ~35 000 and ~500 sections. Measured on 2 cores: 40 000
# paragraphs with 150 000 runs are checked in ~6 s and ~300 MB (tests/hostile/test_lint_bounds.py).
MAX_PARAGRAPHS = 40_000
MAX_RUNS = 150_000
MAX_SECTIONS = 2_000
MAX_HEADER_PARAGRAPHS = 100_000  # header/footer paragraphs walked over all sections


def _count(root: etree._Element, expression: str) -> int:
    return int(root.xpath(f"count({expression})", namespaces={"w": W_NS}))


def check_bounds(package: Package) -> None:
    """Refuse (``lint_too_complex``) a document past the limits above, counted in C by XPath."""
    root = package.document
    limits = (
        (_count(root, "//w:p"), MAX_PARAGRAPHS, "đoạn văn", "paragraphs"),
        (_count(root, "//w:r"), MAX_RUNS, "đoạn chữ (run)", "runs"),
        (_count(root, "//w:sectPr"), MAX_SECTIONS, "mục (section)", "sections"),
    )
    for count, limit, what, what_en in limits:
        if count > limit:
            raise LintReadError("lint_too_complex", path=package.path, part=package.document_part,
                                count=count, limit=limit, what=what, what_en=what_en)
    widest = max((_count(part_root, "//w:p") for _, part_root in package.related.values()), default=0)
    walked = widest * max(1, limits[2][0])
    if walked > MAX_HEADER_PARAGRAPHS:
        raise LintReadError("lint_too_complex", path=package.path, part="header/footer", count=walked,
                            limit=MAX_HEADER_PARAGRAPHS, what="đoạn đầu/chân trang qua các mục",
                            what_en="header/footer paragraphs across sections")


def walk(package: Package) -> Document:
    resolver = StyleResolver(package.styles, package.theme)
    body = package.document.find(w("body"))
    if body is None:
        body = etree.Element(w("body"))
    blocks: list[Para | Table] = []
    tables: list[Table] = []
    sect_prs: list[etree._Element | None] = []
    section = 1
    paragraph_no = 0
    counter = [0]
    for child in _body_children(body):
        if child.tag == w("p"):
            paragraph_no += 1
            counter[0] += 1
            para = make_para(child, resolver, Where(section=section, paragraph=paragraph_no),
                             counter[0])
            blocks.append(para)
            inner = child.find(f"{w('pPr')}/{w('sectPr')}")
            if inner is not None:
                sect_prs.append(inner)
                section += 1
        elif child.tag == w("tbl"):
            table = _table(child, resolver, len(tables) + 1, section, counter, len(blocks))
            tables.append(table)
            blocks.append(table)
        elif child.tag == w("sectPr"):
            sect_prs.append(child)
    if len(sect_prs) < section:
        sect_prs.append(None)
    sections = [Section(i + 1, s) for i, s in enumerate(sect_prs)]
    _attach_headers(package, resolver, sections)
    return Document(package, resolver, blocks, tables, sections, package.settings)


def _attach_headers(package: Package, resolver: StyleResolver, sections: list[Section]) -> None:
    previous: dict[tuple[str, str], tuple[str, etree._Element]] = {}
    for section in sections:
        refs = dict(previous)
        if section.sectPr is not None:
            for kind in ("header", "footer"):
                for ref in section.sectPr.findall(w(kind + "Reference")):
                    rid = ref.get(f"{{{R_NS}}}id")
                    if rid in package.related:
                        refs[(kind, ref.get(w("type"), "default"))] = package.related[rid]
        previous = refs
        for (kind, typ), (name, root) in refs.items():
            paras = [make_para(p, resolver, Where(part=f"{kind}:{typ}", section=section.number,
                                                  paragraph=i), i)
                     for i, p in enumerate(root.iter(w("p")), start=1)]
            (section.headers if kind == "header" else section.footers)[typ] = paras
            if kind == "header":
                section.header_parts[typ] = name
