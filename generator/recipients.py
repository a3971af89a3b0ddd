"""Nơi nhận from named lists: expand ``@name`` references, drop duplicates, keep ND30's order.

ND30 (PL I, ô 9b) lists recipients to act first, then those who oversee or receive a report, then
those who are informed, and the archive line last. Named lists in the agency profile carry their
group; a line typed in a form is "to act" unless it ends with ``(để b/c)`` / ``(để báo cáo)``
(report) or ``(để biết)`` (informed). Within a group the order is the order written.
Imports nothing else from the package.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

GROUPS = ("thuc-hien", "bao-cao", "de-biet")
REFERENCE = re.compile(r"^@([\w-]+)$")
_REPORT = re.compile(r"\((để\s+b/c|để\s+báo\s+cáo)\)\s*$", re.IGNORECASE)
_INFORM = re.compile(r"\(để\s+biết\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Expanded:
    items: list[str]
    sources: list[int]  # for each item, the index of the form entry it came from
    unknown: list[tuple[int, str]]  # (form index, list name) of references to unknown lists


def _key(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip().lstrip("-–+• ").rstrip(";.,")
    return " ".join(text.casefold().split())


def group_of(text: str) -> str:
    if _REPORT.search(text):
        return "bao-cao"
    if _INFORM.search(text):
        return "de-biet"
    return "thuc-hien"


def _list_items(value) -> tuple[str, list[str]]:
    """A profile list is either a plain list of lines or ``{nhom: ..., muc: [...]}``."""
    if isinstance(value, dict):
        return value.get("nhom") or "thuc-hien", list(value.get("muc") or [])
    return "thuc-hien", list(value or [])


def expand(entries: list, lists: dict) -> Expanded:
    """Expand ``@name`` entries with the profile's lists; order by group; drop duplicates."""
    collected: list[tuple[int, int, str, int]] = []  # (group rank, position, text, source)
    archive: list[tuple[str, int]] = []
    unknown: list[tuple[int, str]] = []
    position = 0
    for index, entry in enumerate(entries):
        if not isinstance(entry, str):
            collected.append((0, position, entry, index))
            position += 1
            continue
        match = REFERENCE.match(entry.strip())
        if match:
            name = match.group(1)
            if name not in lists:
                unknown.append((index, name))
                continue
            group, items = _list_items(lists[name])
            rank = GROUPS.index(group) if group in GROUPS else 0
            for item in items:
                collected.append((rank, position, item, index))
                position += 1
        elif entry.strip().startswith("Lưu"):
            archive.append((entry, index))
        else:
            collected.append((GROUPS.index(group_of(entry)), position, entry, index))
            position += 1
    collected.sort(key=lambda row: (row[0], row[1]))
    seen: set[str] = set()
    items: list[str] = []
    sources: list[int] = []
    for _, _, text, source in collected + [(0, 0, text, source) for text, source in archive]:
        key = _key(text) if isinstance(text, str) else repr(text)
        if key in seen:
            continue
        seen.add(key)
        items.append(text)
        sources.append(source)
    return Expanded(items, sources, unknown)
