"""Forms stay files: put the browser's edits back into the YAML the clerk opened.

The browser edits plain data (every scalar the text typed, as :mod:`generator.sources` reads it).
:func:`updated_yaml` applies that data to the original text through ruamel's round-trip mode:
whatever did not change keeps its comments, key order, quoting and block style; a changed scalar is
written so that reading it back gives exactly the text typed (multi-line text as a ``|`` block).
:func:`yaml_matches` is the invariant the tests hold it to: the saved file reads back as the data
the browser sent, so it renders byte-identical through ``vanban render``.
"""

from __future__ import annotations

import copy
import functools
import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from ..sources import _load_yaml

_PLAIN_INT = re.compile(r"(0|[1-9][0-9]{0,17})")
# What YAML may not hold as it is (outside the reader's printable set) and the line breaks other
# than "\n" (a block or plain scalar would fold them): such text is written escaped, in double quotes.
_ESCAPED = re.compile("[^\x09\x0A\x20-\x7E\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]|[\u2028\u2029]")


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    return yaml


def read_text_data(text: str, name: str = "form.yaml") -> Any:
    """The plain data of a YAML text as the toolkit reads it (every scalar as text)."""
    data, _ = _load_yaml(text, name)
    return {} if data is None else data


@functools.lru_cache(maxsize=16)
def opened_data(text: str) -> Any:
    """The plain data of an opened form, read once however often the clerk types (a copy is used)."""
    return read_text_data(text)


def _scalar(value: Any) -> Any:
    if value is None:
        return None
    text = str(value)
    if _ESCAPED.search(text):  # a control character or a "\r" pasted in: escaped, so the file reads back
        return DoubleQuotedScalarString(text)
    if "\n" in text:
        return LiteralScalarString(text)
    if _PLAIN_INT.fullmatch(text):
        return int(text)  # written plain (5, not '5'); read back as the text "5"
    return text


def _fresh(value: Any) -> Any:
    """A new node for data that was not in the file."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[str(key)] = _fresh(item)
        return node
    if isinstance(value, list):
        return CommentedSeq([_fresh(item) for item in value])
    return _scalar(value)


def _apply(node: Any, old: Any, new: Any) -> Any:
    """``node`` (round-trip) holding ``old`` (plain) updated to ``new``; the node itself when unchanged."""
    if new == old:
        return node
    if isinstance(new, dict) and isinstance(node, CommentedMap) and isinstance(old, dict):
        for key in [k for k in node if str(k) not in new]:
            del node[key]
        for key, value in new.items():
            if key in node:
                node[key] = _apply(node[key], old.get(key), value)
            else:
                node[key] = _fresh(value)
        return node
    if isinstance(new, list) and isinstance(node, CommentedSeq) and isinstance(old, list):
        while len(node) > len(new):
            del node[len(node) - 1]
        for index, value in enumerate(new):
            if index < len(node):
                node[index] = _apply(node[index], old[index] if index < len(old) else None, value)
            else:
                node.append(_fresh(value))
        return node
    return _fresh(new)


def updated_yaml(original: str, data: dict) -> str:
    """The original YAML text with ``data`` applied (comments, order and styles kept)."""
    yaml = _round_trip()
    document = yaml.load(original) if original.strip() else None
    if not isinstance(document, CommentedMap):
        document = CommentedMap()
    old = copy.deepcopy(opened_data(original)) if original.strip() else {}
    document = _apply(document, old if isinstance(old, dict) else {}, data)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def yaml_matches(text: str, data: dict) -> bool:
    return read_text_data(text) == data
