"""The light body markup clerks write, parsed by markdown-it-py into body blocks.

The markup is a small Markdown subset that matches how ND30 bodies are typed:

=====================================  ==============================================
markup                                 becomes
=====================================  ==============================================
``# I. MỤC ĐÍCH, YÊU CẦU``             section heading (style *VB Muc 1*, bold)
``## 1. Mục đích``                     item heading (*VB Muc 2*, bold)
``### a) Điểm có tên``                 point heading (*VB Muc 3*, bold italic)
plain paragraph                        body paragraph (*VB Noi dung*)
``1. text`` / ``- text`` / ``+ text``  list paragraph with that literal marker (*VB Liet ke*)
``* Hình thức:``                       list paragraph with the literal ``*`` marker
``**bold**`` / ``*italic*``            bold / italic runs
``{{ name }}`` alone in a paragraph    a block the document kind generates (e.g. phases)
=====================================  ==============================================

List markers are kept as typed, because official bodies number by hand (``1.``, ``-``, ``+``).
Markup changes text only where the clerk clearly asked: ``*``/``**`` make italic/bold only around
whole words (``2*3*4`` stays ``2*3*4``), ``_`` is never markup (``_ghi_chu_`` stays), and a
backslash only escapes a star (``\\*``); ``c:\\windows`` stays as typed.
Raw HTML, links, images, code and block quotes are switched off: a line indented by four spaces
is still a paragraph, and ``<``/``&`` are just characters. Imports nothing else from the package.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_inline.state_inline import Delimiter, StateInline
from markdown_it.token import Token


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    """One body paragraph: its role (style), literal prefix and runs."""

    role: str  # "muc1" | "muc2" | "muc3" | "body" | "item" | "insert"
    runs: list[Run] = field(default_factory=list)
    prefix: str = ""  # literal list marker, e.g. "- ", "1. "
    name: str = ""  # for role == "insert": which generated block
    line: int | None = None  # 1-based line within the markup source
    level: int = 0  # list nesting depth

    @property
    def text(self) -> str:
        return self.prefix + "".join(r.text for r in self.runs)


_INSERT = re.compile(r"^\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}$")


def _emphasis(state: StateInline, silent: bool) -> bool:
    """``*`` and ``**`` as emphasis only at the edges of words, never inside one.

    The clerk clearly asks for italic with ``*nghiêng*`` (stars against a word on the inside,
    against a space or punctuation on the outside); ``2*3*4`` or ``a*b`` is text, and so is every
    underscore (``_ghi_chu_``, ``__class__``): ``_`` is never markup. This is CommonMark's rule
    for ``_`` applied to ``*`` (markdown-it's ``scanDelims`` with ``canSplitWord=False``)."""
    if silent or state.src[state.pos] != "*":
        return False
    scanned = state.scanDelims(state.pos, False)
    for _ in range(scanned.length):
        token = state.push("text", "", 0)
        token.content = "*"
        state.delimiters.append(Delimiter(marker=ord("*"), length=scanned.length, token=len(state.tokens) - 1,
                                          end=-1, open=scanned.can_open, close=scanned.can_close))
    state.pos += scanned.length
    return True


def _escaped_star(state: StateInline, silent: bool) -> bool:
    """A backslash escapes only a star (``\\*`` is a literal ``*``); everywhere else it is text as
    typed (``c:\\windows``, ``\\\\máy-chủ``), and a backslash at the end of a line is no line break."""
    if state.src[state.pos] != "\\" or state.src[state.pos + 1:state.pos + 2] != "*":
        return False
    if not silent:
        state.pending += "*"
    state.pos += 2
    return True


def _parser() -> MarkdownIt:
    md = MarkdownIt("zero")
    md.enable(["heading", "list", "emphasis", "newline"])  # no "escape": see _escaped_star
    md.inline.ruler.at("emphasis", _emphasis)
    md.inline.ruler.before("emphasis", "vanban_escaped_star", _escaped_star)
    return md


_MD = _parser()


def _inline_runs(token: Token) -> list[Run]:
    runs: list[Run] = []
    bold = italic = 0
    for child in token.children or []:
        if child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold -= 1
        elif child.type == "em_open":
            italic += 1
        elif child.type == "em_close":
            italic -= 1
        elif child.type == "text":
            text = child.content
            if runs and runs[-1].bold == bool(bold) and runs[-1].italic == bool(italic):
                runs[-1] = Run(runs[-1].text + text, bool(bold), bool(italic))
            else:
                runs.append(Run(text, bool(bold), bool(italic)))
        elif child.type in ("softbreak", "hardbreak"):
            if runs:
                runs[-1] = Run(runs[-1].text + " ", runs[-1].bold, runs[-1].italic)
            else:
                runs.append(Run(" "))
    # Collapse the spaces a soft break may have doubled and trim the ends.
    cleaned: list[Run] = []
    for run in runs:
        text = re.sub(r" {2,}", " ", run.text)
        if text:
            cleaned.append(Run(text, run.bold, run.italic))
    if cleaned:
        cleaned[0] = Run(cleaned[0].text.lstrip(), cleaned[0].bold, cleaned[0].italic)
        cleaned[-1] = Run(cleaned[-1].text.rstrip(), cleaned[-1].bold, cleaned[-1].italic)
    return [r for r in cleaned if r.text]


# ND30 structure: "Phần I" / "Chương II" / "Mục 1" / "Tiểu mục 2" alone on their line, the caps
# title under them; "Điều 3. Title" or "Điều 3." alone is an article heading.
_STRUCTURE_LINE = re.compile(r"^(Phần|Chương) [IVXLC]+$|^(Mục|Tiểu mục) \d+$")
_ARTICLE = re.compile(r"^(Điều \d+\.)(?:\s+(.*))?$", re.DOTALL)
_ARTICLE_TITLE_MAX = 160


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(not ch.islower() for ch in letters)


def _structure(raw: str, runs: list[Run], line: int | None) -> list[Block]:
    """A paragraph that is a structural heading or an article, as blocks; ``[]`` if it is not."""
    lines = [part.strip() for part in raw.strip().split("\n") if part.strip()]
    if not lines:
        return []
    if _STRUCTURE_LINE.match(lines[0]):
        blocks = [Block("chuong", [Run(lines[0])], line=line)]
        rest = " ".join(lines[1:])
        if rest:
            blocks.append(Block("chuong_ten" if _is_caps(rest) else "body", [Run(rest)],
                                line=None if line is None else line + 1))
        return blocks
    text = "".join(run.text for run in runs)
    match = _ARTICLE.match(text)
    if not match:
        return []
    label, rest = match.group(1), (match.group(2) or "").strip()
    if not rest:
        return [Block("dieu", [Run(label, bold=True)], line=line)]
    if len(rest) <= _ARTICLE_TITLE_MAX and not rest.endswith((".", ";", ":", "./.")):
        return [Block("dieu", [Run(f"{label} {rest}", bold=True)], line=line)]
    # "Điều 1. Phê duyệt …." — the label bold, the text as typed (its own bold/italic kept).
    remaining = len(label)
    body_runs: list[Run] = [Run(label + " ", bold=True)]
    for run in runs:
        if remaining >= len(run.text):
            remaining -= len(run.text)
            continue
        text_part = run.text[remaining:].lstrip() if remaining else run.text
        remaining = 0
        if text_part:
            body_runs.append(Run(text_part, run.bold, run.italic))
    return [Block("body", body_runs, line=line)]


def parse(source: str, first_line: int = 1) -> list[Block]:
    """Parse body markup into blocks; ``first_line`` is the line of the markup in its file.

    A text is parsed once (its blocks are kept, fresh copies handed out): a form is checked, then
    built, and the web app checks it again at each keystroke while most of its body is unchanged."""
    shift = first_line - 1
    return [Block(b.role, list(b.runs), b.prefix, b.name, None if b.line is None else b.line + shift, b.level)
            for b in _parsed(source)]


@functools.lru_cache(maxsize=256)
def _parsed(source: str) -> tuple[Block, ...]:
    return tuple(_parse(source))


def _parse(source: str, first_line: int = 1) -> list[Block]:
    tokens = _MD.parse(source)
    blocks: list[Block] = []
    list_stack: list[Token] = []
    pending_prefix = ""
    role_for_heading = {"h1": "muc1", "h2": "muc2", "h3": "muc3"}
    heading_role = ""
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_stack.append(token)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif token.type == "list_item_open":
            marker = token.markup
            if list_stack and list_stack[-1].type == "ordered_list_open":
                pending_prefix = f"{token.info}{marker} "
            else:
                pending_prefix = f"{marker} "
        elif token.type == "heading_open":
            heading_role = role_for_heading.get(token.tag, "muc3")
        elif token.type == "inline":
            line = first_line + token.map[0] if token.map else None
            runs = _inline_runs(token)
            raw = token.content.strip()
            match = _INSERT.match(raw)
            if match and not pending_prefix and not heading_role:
                blocks.append(Block("insert", name=match.group(1), line=line))
                continue
            if not heading_role and not pending_prefix and not list_stack:
                structural = _structure(raw, runs, line)
                if structural:
                    blocks.extend(structural)
                    continue
            if heading_role:
                blocks.append(Block(heading_role, runs, line=line))
                heading_role = ""
            elif pending_prefix:
                blocks.append(Block("item", runs, prefix=pending_prefix, line=line,
                                    level=len(list_stack) - 1))
                pending_prefix = ""
            else:
                role = "item" if list_stack else "body"
                blocks.append(Block(role, runs, line=line, level=max(len(list_stack) - 1, 0)))
    return blocks
