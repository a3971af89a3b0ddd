"""The one mapping from pydantic's validation errors to problems a clerk can act on.

pydantic says ``string_type`` for an empty field and for ``- Lưu: VT, VP`` (which YAML read as a
mapping), ``extra_forbidden`` for a misspelt field, and counts list items from 0. This module turns
each error into an :class:`~generator.errors.Issue` that says what happened in the clerk's terms:
the field is empty; the value needs quotes; which field was meant. Positions stay data paths
(``noi_nhan.2``); :func:`generator.messages.format_issue` words them ("dòng thứ 3 của nơi nhận").
"""

from __future__ import annotations

import inspect
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Issue, Origin
from .sources import Located, Path_
from .suggest import closest

# Fields a kind fills itself (never typed by the clerk): never named in a message or a suggestion;
# a problem inside one is reported on the field the clerk typed that it comes from.
INTERNAL_FIELDS = {"de_xuat": "quyet_dinh"}

# Error types that mean "a single value was expected here".
_SCALAR_TYPES = {
    "string_type", "int_type", "int_parsing", "float_type", "float_parsing", "bool_type", "bool_parsing",
    "date_type", "date_parsing", "literal_error", "enum", "number_invalid",
}
# Error types that mean "a list or a mapping was expected here".
_CONTAINER_TYPES = {"list_type", "dict_type", "model_type", "model_attributes_type"}
_CONTAINERS = (dict, list)


def _data_path(loc: tuple, data: Any) -> Path_:
    """The part of a pydantic ``loc`` that names a place in the data (drop union/type tags)."""
    path: list[Any] = []
    node = data
    for element in loc:
        if isinstance(node, dict) and isinstance(element, str) and element not in node and path:
            continue  # a union member's tag, not a key of the data
        if isinstance(node, dict) or node is None:
            path.append(element)
            node = node.get(element) if isinstance(node, dict) else None
        elif isinstance(node, list) and isinstance(element, int):
            path.append(element)
            node = node[element] if element < len(node) else None
        else:
            break
    return tuple(path)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation (``Signer | None``, ``list[Phase]``, Annotated)."""
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def fields_at(model: type[BaseModel] | None, path: Path_) -> list[str]:
    """The field names a clerk may write in the mapping at ``path`` of ``model``."""
    node: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        cls = _model_in(node)
        if cls is None or part not in cls.model_fields:
            return []
        node = cls.model_fields[part].annotation
    cls = _model_in(node)
    if cls is None:
        return []
    return [name for name in cls.model_fields if not (not path and name in INTERNAL_FIELDS)]


def _as_typed(value: dict) -> str:
    """``{'Lưu': 'VT, VP'}`` (YAML's reading of ``Lưu: VT, VP``) back to the text the clerk typed."""
    key, inner = next(iter(value.items()))
    if isinstance(inner, dict) and len(inner) == 1:
        inner = _as_typed(inner)
    return f"{key}: {inner}" if inner is not None else f"{key}:"


def issue_from(item: dict, located: Located, model: type[BaseModel] | None = None) -> Issue:
    """One pydantic error as a clerk's issue."""
    path = _data_path(item["loc"], located.data)
    if path and path[0] in INTERNAL_FIELDS:
        path = (INTERNAL_FIELDS[path[0]],)
    origin = located.origin_of(path)
    params = dict(item.get("ctx") or {})
    offset = params.pop("line_offset", None)
    if offset and origin is not None and origin.block and origin.line is not None:
        # A line inside a block scalar: count from the block's first line.
        origin = Origin(origin.file, origin.line + int(offset))
    code = item["type"]
    value = None if code == "missing" else item.get("input")
    if code in _SCALAR_TYPES | _CONTAINER_TYPES | {"string_too_short", "too_short"} and value is None:
        code = "value_empty"
    elif code in _SCALAR_TYPES and isinstance(value, dict) and len(value) == 1:
        code, value = "value_needs_quotes", _as_typed(value)
        params["typed"] = value
    elif code == "extra_forbidden":
        suggestion = closest(str(path[-1]), fields_at(model, path[:-1])) if path else None
        if suggestion:
            params["suggestion"] = suggestion
    if code == "literal_error":
        params.setdefault("expected", "")
    if isinstance(value, _CONTAINERS) and code not in ("too_short",):
        value = None
    return Issue(code, ".".join(str(p) for p in path), origin, value, params)


def issues_from(error: ValidationError, located: Located, model: type[BaseModel] | None = None) -> list[Issue]:
    """Every error of ``error`` as a clerk's issue, once each (an internal field's problems may
    repeat on the field they come from)."""
    issues: list[Issue] = []
    seen = set()
    for item in error.errors(include_url=False):
        issue = issue_from(item, located, model)
        key = (issue.code, issue.field, issue.origin, repr(issue.value))
        if key not in seen:
            seen.add(key)
            issues.append(issue)
    # A misspelt field is one mistake: "did you mean 'dia_danh'?" covers "dia_danh is missing".
    meant = {_sibling(i.field, i.params["suggestion"]) for i in issues if i.params.get("suggestion")
            and i.code == "extra_forbidden"}
    return [i for i in issues if not (i.code == "missing" and i.field in meant)]


def _sibling(field: str, name: str) -> str:
    parent = field.rpartition(".")[0]
    return f"{parent}.{name}" if parent else name
