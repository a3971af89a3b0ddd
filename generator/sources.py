"""Read forms (YAML or JSON) into plain data while remembering where every value came from.

The result of a load is a :class:`Located` document: ``data`` (plain dicts, lists, str, int, ...)
and ``origins``, a map from a field path (a tuple of keys and list indexes) to the
:class:`~generator.errors.Origin` of that value. Validation errors name their field path; the
origin of the longest known prefix of that path tells the clerk the file and line.

Every scalar is read as the text the clerk typed: ``ngay: 5`` is the text ``"5"`` (not a number the
date rules would take for an Excel serial), ``trich_yeu: 1.10`` stays ``"1.10"``, ``1e3`` stays
``"1e3"`` and ``true`` stays ``"true"``; only an empty value (or ``null``/``~``) is ``None``. The
models convert where they ask for a date, a number or a yes/no (pydantic's lax mode turns
``"5"`` into 5 and ``"true"`` into True). Timestamps are text too, so ``ngay: 2023-02-31`` is
reported as an impossible date with its line instead of a YAML crash.

A form cannot blow up: the file is capped (:data:`MAX_FORM_BYTES`, regular files only, so a
profile named ``/dev/zero`` or a FIFO is refused), and so are its nesting depth
(:data:`MAX_DEPTH`) and its number of values (:data:`MAX_NODES`). Anchors and aliases (``&a``,
``*a``, hence the ``<<:`` merge key), explicit tags (``!!set``, ``!!omap``, ``!foo``) and keys that
are not plain text are refused with their line: none of them belongs in a form, and aliases are
how a 600-byte file expands to gigabytes.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, ScalarNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from .confine import check_readable
from .errors import InputError, Origin

Path_ = tuple[Any, ...]

# A form or profile is typed by hand: a long plan is ~50 KB, a commendation form with its list
# inline a few hundred. Past these bounds reading would cost seconds and memory for nothing.
MAX_FORM_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40  # nested mappings/lists (a form uses 5 or 6)
MAX_NODES = 50_000  # keys, values and list items together


@dataclass
class Located:
    """Plain data plus the origin of each value, by field path."""

    data: Any
    origins: dict[Path_, Origin] = field(default_factory=dict)
    path: Path | None = None
    profile: Path | None = None  # the agency profile merged into this form, if any

    def origin_of(self, path: Path_) -> Origin | None:
        """The origin of ``path`` or of its nearest ancestor that has one."""
        path = tuple(path)
        while True:
            if path in self.origins:
                return self.origins[path]
            if not path:
                return None
            path = path[:-1]


class _Refused(MarkedYAMLError):
    """Something a form may not contain (alias, tag, merge key, too deep, too many values)."""

    def __init__(self, code: str, mark: Any, **params: Any) -> None:
        super().__init__(problem=code, problem_mark=mark)
        self.code = code
        self.params = params


_MERGE_TAG = "tag:yaml.org,2002:merge"


class _FormComposer(Composer):
    """Builds the node tree, refusing aliases, explicit tags, merge keys, depth and size bombs
    as the events arrive (before anything is expanded)."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused("yaml_alias_refused", event.start_mark, name=str(event.anchor))
        if getattr(event, "anchor", None) is not None:
            raise _Refused("yaml_alias_refused", event.start_mark, name=str(event.anchor))
        tag = getattr(event, "ctag", None)
        if tag is not None and str(tag) != "!":
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            raise _Refused("yaml_tag_refused", event.start_mark, tag=shown)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused("form_too_many_values", event.start_mark, limit=MAX_NODES)
        if self.depth >= MAX_DEPTH:
            raise _Refused("form_too_deep", event.start_mark, limit=MAX_DEPTH)
        node = super().compose_node(parent, index)
        if getattr(node, "tag", None) is not None and str(node.tag) == _MERGE_TAG:
            raise _Refused("yaml_merge_refused", node.start_mark)
        return node

    def compose_mapping_node(self, anchor: Any) -> Any:
        node = super().compose_mapping_node(anchor)
        for key, _ in node.value:
            if not isinstance(key, ScalarNode):  # a list or a mapping used as a field name
                shown = "'{…}'" if isinstance(key, MappingNode) else "'[…]'"
                raise _Refused("form_key_invalid", key.start_mark, key=shown)
        return node


class _TextConstructor(RoundTripConstructor):
    """Round-trip constructor that keeps every scalar as the text the clerk typed.

    Numbers, yes/no and timestamps stay text; the models convert where they ask for a number, a
    boolean or a date. ``null``/``~``/an empty value is still None ("not given").
    """


for _tag in ("int", "float", "bool", "timestamp", "value", "yaml"):  # "value": a plain "=" (YAML 1.1)
    _TextConstructor.add_constructor(f"tag:yaml.org,2002:{_tag}", RoundTripConstructor.construct_yaml_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextConstructor
    yaml.Composer = _FormComposer
    yaml.allow_duplicate_keys = False
    return yaml


def _line_col(node: Any, key: Any, getter: str) -> tuple[int, int] | None:
    try:
        found = getattr(node.lc, getter)(key)
    except (KeyError, TypeError, IndexError, AttributeError):
        return None
    if not found or found[0] is None:
        return None
    return found[0], found[1]


def _plain(node: Any, path: Path_, origins: dict[Path_, Origin], file: str) -> Any:
    """Convert ruamel's commented containers to plain ones, recording line numbers."""
    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        for key, value in node.items():
            # A scalar is found where its value starts; an empty value or a nested mapping/list at
            # its key (ruamel places those on the next token, often the next line or a comment).
            if value is None or isinstance(value, (CommentedMap, CommentedSeq)):
                where = _line_col(node, key, "key") or _line_col(node, key, "value")
            else:
                where = _line_col(node, key, "value") or _line_col(node, key, "key")
            if not isinstance(key, str):
                # A mapping or list used as a key, or an empty (null) key.
                origin = origins.get(path)
                line = where[0] + 1 if where else (origin.line if origin else None)
                raise InputError("form_key_invalid", path=file, line=line, key=_shown(key))
            child = (*path, str(key))
            if where is None:
                parent = origins.get(path)
                origins[child] = parent if parent is not None else Origin(file)
            elif isinstance(value, (LiteralScalarString, FoldedScalarString)):
                # The content of a block scalar starts on the line after its indicator.
                origins[child] = Origin(file, where[0] + 2, where[1] + 1, block=True)
            else:
                origins[child] = Origin(file, where[0] + 1, where[1] + 1)
            out[str(key)] = _plain(value, child, origins, file)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            child = (*path, index)
            where = _line_col(node, index, "item")
            if where is not None:
                origins[child] = Origin(file, where[0] + 1, where[1] + 1)
            items.append(_plain(value, child, origins, file))
        return items
    if isinstance(node, str):
        return str(node)  # drop ruamel's scalar string subclasses
    if node is None:
        return None
    # Nothing else can come out of _TextConstructor with tags refused; never let an internal
    # object (TaggedScalar, set, bytes...) reach a message.
    origin = origins.get(path)
    raise InputError("yaml_value_refused", path=file, line=origin.line if origin and origin.line else 1,
                     type=type(node).__name__)


def _shown(value: Any) -> str:
    """A key as the clerk would recognise it (never a Python repr)."""
    if value is None:
        return "'~' (trống)"
    if hasattr(value, "items"):
        return "'{…}'"
    if isinstance(value, (list, tuple, set)):
        return "'[…]'"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _json_texts(node: Any, depth: int = 0) -> Any:
    """JSON read as typed: numbers already came in as their text; true/false become text too."""
    if depth > MAX_DEPTH:
        raise RecursionError
    if isinstance(node, dict):
        return {key: _json_texts(value, depth + 1) for key, value in node.items()}
    if isinstance(node, list):
        return [_json_texts(value, depth + 1) for value in node]
    if isinstance(node, bool):
        return "true" if node else "false"
    return node


def _json_origins(text: str, data: Any, file: str) -> dict[Path_, Origin]:
    """Best-effort line numbers for JSON: the line where each key first appears."""
    origins: dict[Path_, Origin] = {}
    lines = text.splitlines()

    def find(key: str, start: int) -> int:
        needle = json.dumps(key, ensure_ascii=False) + ":"
        needle2 = json.dumps(key) + ":"
        for i in range(start, len(lines)):
            compact = lines[i].replace(" ", "")
            if needle.replace(" ", "") in compact or needle2 in compact:
                return i
        return start

    def walk(node: Any, path: Path_, start: int) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                line = find(str(key), start)
                origins[(*path, str(key))] = Origin(file, line + 1)
                walk(value, (*path, str(key)), line)

    walk(data, (), 0)
    return origins


def read_text(path: Path, limit: int = MAX_FORM_BYTES) -> str:
    """The UTF-8 text of a form or profile: a regular file of at most ``limit`` bytes.

    Devices (``/dev/zero``), FIFOs and sockets are refused before reading, so a mistyped
    ``co_quan:`` cannot hang or fill the memory; the read itself stops at ``limit`` too (a file
    under ``/proc`` reports size 0)."""
    name = str(path)
    check_readable(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as exc:
        raise InputError("file_not_found", path=name) from exc
    except IsADirectoryError as exc:
        raise InputError("file_is_directory", path=name) from exc
    except OSError as exc:
        raise InputError("file_unreadable", path=name, reason=exc.strerror or str(exc)) from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("file_is_directory", path=name)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("file_not_regular", path=name)
        if info.st_size > limit:
            raise InputError("file_too_large", path=name, size=info.st_size, limit=limit)
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise InputError("file_unreadable", path=name, reason=exc.strerror or str(exc)) from exc
    finally:
        if fd >= 0:
            os.close(fd)
    if len(raw) > limit:
        raise InputError("file_too_large", path=name, size=f">{limit}", limit=limit)
    if raw.startswith(b"PK\x03\x04"):  # a zip: a Word or Excel file given where a form is expected
        suffix = path.suffix.lower() if isinstance(path, Path) else Path(name).suffix.lower()
        code = {".xlsx": "form_is_xlsx", ".xlsm": "form_is_xlsx"}.get(suffix, "form_is_docx")
        raise InputError(code, path=name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("file_not_utf8", path=name, position=exc.start) from exc


def _line_of(text: str, position: int | None) -> int | None:
    if position is None or position < 0:
        return None
    return text.count("\n", 0, position) + 1


def _load_json(text: str, name: str) -> tuple[Any, dict[Path_, Origin]]:
    try:
        data = json.loads(text, parse_int=str, parse_float=str, parse_constant=str)
        data = _json_texts(data)
    except json.JSONDecodeError as exc:
        raise InputError("json_syntax", path=name, line=exc.lineno, reason=exc.msg) from exc
    except RecursionError as exc:
        raise InputError("form_too_deep", path=name, line=1, limit=MAX_DEPTH) from exc
    return data, _json_origins(text, data, name)


def _load_yaml(text: str, name: str) -> tuple[Any, dict[Path_, Origin]]:
    try:
        raw = _yaml().load(text)
    except _Refused as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        raise InputError(exc.code, path=name, line=line, **exc.params) from exc
    except MarkedYAMLError as exc:
        code, line = _syntax_problem(exc, text)
        raise InputError(code, path=name, line=line, reason=_reason(exc)) from exc
    except ReaderError as exc:
        character = exc.character if isinstance(exc.character, int) else None
        raise InputError("yaml_bad_character", path=name, line=_line_of(text, exc.position),
                         codepoint=f"U+{character:04X}" if character is not None else "?") from exc
    except YAMLError as exc:
        raise InputError("yaml_syntax", path=name, line=1, reason=_reason(exc)) from exc
    except RecursionError as exc:  # pragma: no cover - MAX_DEPTH stops it first
        raise InputError("form_too_deep", path=name, line=None, limit=MAX_DEPTH) from exc
    origins: dict[Path_, Origin] = {}
    try:
        data = _plain(raw, (), origins, name)
    except RecursionError as exc:  # pragma: no cover - MAX_DEPTH stops it first
        raise InputError("form_too_deep", path=name, line=None, limit=MAX_DEPTH) from exc
    return data, origins


def _syntax_problem(exc: MarkedYAMLError, text: str) -> tuple[str, int | None]:
    """The message code and line of a YAML syntax error, named by the clerk's likely mistake: a
    Tab, an indent that does not line up, a colon inside a value, a quote left open."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return "yaml_syntax", None
    lines = text.splitlines()
    row = min(mark.line, len(lines) - 1) if lines else 0
    line_text = lines[row] if lines else ""
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    tabbed = next((i for i, typed in enumerate(lines) if typed[: len(typed) - len(typed.lstrip())].count("\t")), None)
    if "'\\t'" in problem or tabbed == row:
        return "yaml_tab", (tabbed if tabbed is not None else row) + 1
    if "quoted scalar" in context and exc.context_mark is not None:
        return "yaml_quote_open", exc.context_mark.line + 1
    if problem.startswith("mapping values are not allowed"):
        if ":" in line_text[: mark.column].split("#", 1)[0].lstrip("- "):
            return "yaml_colon_in_value", row + 1
        return "yaml_indent", row + 1
    if any(word in problem for word in ("expected <block end>", "could not find expected ':'",
                                        "did not find expected key", "did not find expected '-'")):
        return "yaml_indent", row + 1
    return "yaml_syntax", row + 1


def _reason(exc: YAMLError) -> str:
    """The problem of a YAML error without ruamel's internals (marks, class names)."""
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    return str(problem).splitlines()[0].strip()


def load_form(path: str | Path, text: str | None = None) -> Located:
    """Load a YAML or JSON form (or profile), keeping the origin of every value.

    ``text``: the form's content when it does not come from the file (the web app's editor); the
    path still names it in messages and is the folder its relative references are read from."""
    path = Path(path)
    if text is None:
        text = read_text(path)
    elif len(text.encode("utf-8", "surrogatepass")) > MAX_FORM_BYTES:
        raise InputError("file_too_large", path=str(path), size=len(text.encode("utf-8", "surrogatepass")),
                         limit=MAX_FORM_BYTES)
    name = str(path)
    if path.suffix.lower() == ".json":
        data, origins = _load_json(text, name)
    else:
        data, origins = _load_yaml(text, name)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("form_not_mapping", path=name)
    # A field missing from the whole form belongs among the first fields, not on a comment.
    first = min((o.line for k, o in origins.items() if len(k) == 1 and o.line), default=1)
    origins.setdefault((), Origin(name, first))
    return Located(data, origins, path)


def load_data(path: str | Path, data: Any, origins: dict[Path_, Origin] | None = None) -> Located:
    """A form given as plain data rather than text (the web app's editor checks what the clerk
    types without writing YAML): every scalar already the text typed or None, as
    :func:`load_form` reads them, within the same bounds. ``origins``: where each value stands in
    the form's file, when the data is that file's; without them every issue names the file only
    (its field path locates it)."""
    path = Path(path)
    name = str(path)
    if not isinstance(data, dict):
        raise InputError("form_not_mapping", path=name)
    count = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise InputError("form_too_many_values", path=name, line=1, limit=MAX_NODES)
        if depth > MAX_DEPTH:
            raise InputError("form_too_deep", path=name, line=1, limit=MAX_DEPTH)
        if isinstance(node, dict):
            for key, value in node.items():
                if not isinstance(key, str):
                    raise InputError("form_key_invalid", path=name, line=1, key=_shown(key))
                stack.append((value, depth + 1))
        elif isinstance(node, list):
            stack.extend((value, depth + 1) for value in node)
        elif node is not None and not isinstance(node, str):
            raise InputError("yaml_value_refused", path=name, line=1, type=type(node).__name__)
    located = dict(origins) if origins else {}
    located.setdefault((), Origin(name, 1) if origins else Origin(name))
    return Located(data, located, path)


def merge(base: Located, override: Located) -> Located:
    """Top-level merge: keys of ``override`` replace those of ``base`` (with their origins)."""
    data = dict(base.data)
    origins = {k: v for k, v in base.origins.items() if k}
    for key, value in override.data.items():
        data[key] = value
        origins = {k: v for k, v in origins.items() if not (k and k[0] == key)}
    origins.update(override.origins)
    return Located(data, origins, override.path)
