"""Read forms (YAML or JSON) into plain data while remembering where every value came from.

The result of a load is a :class:`Located` document: ``data`` (plain dicts, lists, str, int, ...)
and ``origins``, a map from a field path (a tuple of keys and list indexes) to the
:class:`~generator.errors.Origin` of that value. Validation errors name their field path; the
origin of the longest known prefix of that path tells the clerk the file and line.

YAML timestamps are kept as text: the date rules (``generator.vn.dates``) parse them, so that
``ngay: 2023-02-31`` is reported as an impossible date with its line instead of a YAML crash.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from .errors import InputError, Origin

Path_ = tuple[Any, ...]


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


class _TextTimestampConstructor(RoundTripConstructor):
    """Round-trip constructor that leaves timestamps as the text the clerk typed."""


_TextTimestampConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextTimestampConstructor
    yaml.allow_duplicate_keys = False
    return yaml


def _plain(node: Any, path: Path_, origins: dict[Path_, Origin], file: str) -> Any:
    """Convert ruamel's commented containers to plain ones, recording line numbers."""
    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        for key, value in node.items():
            child = (*path, str(key))
            try:
                line, col = node.lc.value(key)
            except (KeyError, TypeError):
                line, col = node.lc.key(key)
            if isinstance(value, (LiteralScalarString, FoldedScalarString)):
                # The content of a block scalar starts on the line after its indicator.
                origins[child] = Origin(file, line + 2, col + 1, block=True)
            else:
                origins[child] = Origin(file, line + 1, col + 1)
            out[str(key)] = _plain(value, child, origins, file)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            child = (*path, index)
            try:
                line, col = node.lc.item(index)
                origins[child] = Origin(file, line + 1, col + 1)
            except (KeyError, TypeError, IndexError):
                pass
            items.append(_plain(value, child, origins, file))
        return items
    if isinstance(node, str):
        return str(node)  # drop ruamel's scalar string subclasses
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
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


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("file_not_found", path=str(path)) from exc
    except IsADirectoryError as exc:
        raise InputError("file_is_directory", path=str(path)) from exc
    except OSError as exc:
        raise InputError("file_unreadable", path=str(path), reason=exc.strerror or str(exc)) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("file_not_utf8", path=str(path), position=exc.start) from exc


def load_form(path: str | Path) -> Located:
    """Load a YAML or JSON form (or profile), keeping the origin of every value."""
    path = Path(path)
    text = read_text(path)
    name = str(path)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError("json_syntax", path=name, line=exc.lineno, reason=exc.msg) from exc
        origins = _json_origins(text, data, name)
    else:
        try:
            raw = _yaml().load(text)
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            raise InputError("yaml_syntax", path=name, line=line, reason=str(exc.problem or exc)) from exc
        except YAMLError as exc:
            raise InputError("yaml_syntax", path=name, line=None, reason=str(exc)) from exc
        origins = {}
        data = _plain(raw, (), origins, name)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("form_not_mapping", path=name)
    origins.setdefault((), Origin(name, 1))
    return Located(data, origins, path)


def merge(base: Located, override: Located) -> Located:
    """Top-level merge: keys of ``override`` replace those of ``base`` (with their origins)."""
    data = dict(base.data)
    origins = {k: v for k, v in base.origins.items() if k}
    for key, value in override.data.items():
        data[key] = value
        origins = {k: v for k, v in origins.items() if not (k and k[0] == key)}
    origins.update(override.origins)
    return Located(data, origins, override.path)
