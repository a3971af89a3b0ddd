"""Placeholders left in a form: what keeps an unedited starter from becoming an official document.

The one place that knows what a placeholder is (issue 14, item 9):

- a run of dots standing for a value that was never typed: ``ngày ... của``, ``số .../KH-UBND``,
  a field that is only ``…``. Dots closing a word (``an ninh…``, ``kinh tế số...``: the
  ellipsis of prose), dots after a comma or semicolon (``A, B, …``: "and so on") and an elision
  in brackets (``[...]``) are not placeholders;
- the example agency that a starter of ``vanban new`` puts in (its cơ quan chủ quản, cơ quan ban
  hành and địa danh, all unchanged);
- the example signer a starter puts in (name and titles unchanged);
- the bundled sample profile itself named as the agency profile of a form that is not a bundled
  sample (its agency, signers and lists are another agency's).

The examples are read from the starters and the sample profile, never written here.
``vanban check`` shows the findings as warnings; ``vanban render --final`` (and the web app's
issue) refuses the form with one error per finding, before any number is taken; ``vanban lint``
uses :func:`dot_matches` on a document's paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import Issue
from .resources import sample_profile, samples_dir, starters_dir

_DOTS = re.compile(r"(?:\.{3,}|…)[.…]*")
_OPENERS = "([{\"'“‘"  # an opening bracket or quote before dots: an elision or a quotation
AGENCY_FIELDS = ("co_quan_chu_quan", "co_quan_ban_hanh", "dia_danh")
SIGNER_FIELDS = ("nguoi_ky", "chu_toa", "thu_ky")  # the people who sign (a biên bản: chủ tọa, thư ký)
_SKIPPED = frozenset({"loai", "co_quan"})  # the kind and the profile's file name: not text of the document


def dot_matches(text: str) -> list[re.Match]:
    """The runs of dots in ``text`` that stand for a missing value (see the module docstring)."""
    found = []
    for match in _DOTS.finditer(text):
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if before and before in _OPENERS:
            continue
        if text[:match.start()].rstrip()[-1:] in (",", ";"):  # "A, B, …": the "and so on" of a list
            continue
        if not before or before.isspace() or before == ":" or after == "/":
            found.append(match)
    return found


def dot_runs(text: str) -> list[str]:
    return [match.group(0) for match in dot_matches(text)]


def excerpt(text: str, match: re.Match, width: int = 30) -> str:
    """``…ngày ... của Ban Quản lý…``: the words around a run, for a message (one line)."""
    start, end = max(0, match.start() - width), min(len(text), match.end() + width)
    shown = " ".join(text[start:end].split())
    return ("…" if start else "") + shown + ("…" if end < len(text) else "")


def _strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if not path and key in _SKIPPED:
                continue
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _field(path: tuple) -> str:
    return ".".join(str(part) for part in path)


def _chain(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(item) for item in value)
    return (str(value),) if value else ()


def _people(data: dict) -> Iterator[tuple[tuple, dict]]:
    """(path, signer) for every person who signs: ``nguoi_ky`` (one or a list), chủ tọa, thư ký."""
    for key in SIGNER_FIELDS:
        value = data.get(key)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("ho_ten"), str):
                yield ((key, index) if isinstance(value, list) else (key,)), item


@lru_cache(maxsize=1)
def examples() -> tuple[tuple[dict, ...], frozenset]:
    """The example agencies and signers of the starters: ({field: value}, {(name, titles)})."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")  # our own bundled files: read directly, whatever folder a web app confines
    agencies, signers = [], set()
    for path in sorted(starters_dir().glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            continue
        agency = {key: data[key] for key in AGENCY_FIELDS if isinstance(data.get(key), str)}
        if "co_quan_ban_hanh" in agency and agency not in agencies:
            agencies.append(agency)
        for _, person in _people(data):
            signers.add((person["ho_ten"], _chain(person.get("chuc_vu"))))
    return tuple(agencies), frozenset(signers)


def _is_sample(path: Path | None) -> bool:
    if path is None:
        return False
    try:
        return Path(path).resolve().is_relative_to(samples_dir().resolve())
    except OSError:
        return False


def find(located) -> list[Issue]:
    """Every placeholder left in a read form (a :class:`~generator.sources.Located`, its profile
    merged), as warnings located at the field's own line (``ke-hoach.yaml:27 mo_dau``)."""
    data = located.data if isinstance(located.data, dict) else {}
    found: list[Issue] = []

    def warn(code: str, where: tuple, value: Any, origin=None, **params: Any) -> None:
        found.append(Issue(code, _field(where), origin or located.origin_of(where), value, params,
                           severity="warning"))

    for path, value in _strings(data):
        for match in dot_matches(value):
            origin = located.origin_of(path)
            if origin is not None and origin.block and origin.line is not None:  # the run's own line
                origin = replace(origin, line=origin.line + value.count("\n", 0, match.start()))
            warn("placeholder_dots", path, match.group(0), origin, excerpt=excerpt(value, match))
    agencies, signers = examples()
    for agency in agencies:
        if all(data.get(key) == value for key, value in agency.items()):
            warn("placeholder_example_agency", ("co_quan_ban_hanh",), agency["co_quan_ban_hanh"],
                 name=agency["co_quan_ban_hanh"])
            break
    for path, person in _people(data):
        if (person["ho_ten"], _chain(person.get("chuc_vu"))) in signers:
            warn("placeholder_example_signer", (*path, "ho_ten"), person["ho_ten"], name=person["ho_ten"])
    profile = getattr(located, "profile", None)
    if profile is not None and Path(profile).resolve() == sample_profile().resolve() and not _is_sample(located.path):
        warn("placeholder_sample_profile", ("co_quan",), data.get("co_quan"), path=str(profile))
    return found


def as_errors(issues: list[Issue]) -> list[Issue]:
    """The same findings as errors: a final document is refused while any remains."""
    return [replace(issue, severity="error") for issue in issues]
