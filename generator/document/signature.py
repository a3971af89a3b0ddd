"""The signature authority chain (ô 7a): ``TM. ỦY BAN NHÂN DÂN`` / ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH``.

ND30 Art. 13 and the spec (§6) allow the prefixes ``TM.``, ``KT.``, ``Q.``, ``TL.`` and ``TUQ.``
and some of their combinations. :func:`chain_problems` is the one place these rules live: the form
model reports its errors and warnings with it, and the lint checks a finished document with it.

Lines are compared in capitals (``vn_upper``); a line may carry one prefix followed by a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..vn import vn_upper

PREFIXES = ("TM", "KT", "Q", "TL", "TUQ")
_PREFIX = re.compile(r"^(TM|KT|Q|TL|TUQ)\.[ \t]+(\S.*)$", re.DOTALL)
# Prefix-like spellings that are not ND30's: "T.M.", "K.T", "TM " without a full stop, "Thay mặt".
_LOOKS_LIKE_PREFIX = re.compile(r"^(T\.?\s?M|K\.?\s?T|T\.?\s?L|T\.?U\.?Q|THAY MẶT|KÝ THAY|THỪA LỆNH)\b\.?")

# Titles of a person (not of a collective): a "TM." line names the collective, never one of these.
PERSON_TITLES = (
    "TRƯỞNG", "PHÓ", "GIÁM ĐỐC", "CHỦ TỊCH", "CHÁNH", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "THỦ TRƯỞNG",
    "TỔNG GIÁM ĐỐC", "HIỆU TRƯỞNG", "VIỆN TRƯỞNG", "CỤC TRƯỞNG", "VỤ TRƯỞNG", "THỦ TƯỚNG",
    "CHỦ NHIỆM", "TỔNG CỤC TRƯỞNG", "BÍ THƯ",
)
# Deputy titles that do not follow the "PHÓ <head>" pattern (spec §6: keep the table configurable).
DEPUTY_EXCEPTIONS = {"BỘ TRƯỞNG": ("THỨ TRƯỞNG",)}


@dataclass(frozen=True)
class Line:
    prefix: str  # "" or one of PREFIXES (without the full stop)
    title: str  # in capitals

    @property
    def text(self) -> str:
        return f"{self.prefix}. {self.title}" if self.prefix else self.title


@dataclass(frozen=True)
class Problem:
    code: str  # message code
    index: int  # 0-based line of the chain the problem is on
    params: dict = field(default_factory=dict)
    severity: str = "error"


@lru_cache(maxsize=1024)
def parse_line(text: str) -> Line:
    """A line in capitals, its prefix apart; the rest is kept exactly as typed."""
    upper = vn_upper(text.strip())
    match = _PREFIX.match(upper)
    if match:
        return Line(match.group(1), match.group(2))
    return Line("", upper)


def _is_deputy_of(deputy: str, head: str) -> bool:
    """``PHÓ GIÁM ĐỐC`` for ``GIÁM ĐỐC``; ``PHÓ CỤC TRƯỞNG`` for ``CỤC TRƯỞNG CỤC HẢI QUAN``;
    ``PHÓ CHỦ NHIỆM`` for ``BỘ TRƯỞNG, CHỦ NHIỆM``; ``THỨ TRƯỞNG`` for ``BỘ TRƯỞNG``."""
    parts = [head, *(part.strip() for part in head.split(","))]
    for part in parts:
        if deputy in DEPUTY_EXCEPTIONS.get(part, ()):
            return True
        if deputy.startswith("PHÓ ") and part.startswith(deputy[4:]) and deputy[4:]:
            return True
    return False


def _person_title(title: str) -> bool:
    return any(title == word or title.startswith(word + " ") for word in PERSON_TITLES)


def chain_problems(lines: list[str]) -> list[Problem]:
    """Every ND30 problem of an authority chain, in order (errors and warnings)."""
    return list(_chain_problems(tuple(lines)))


@lru_cache(maxsize=256)  # a batch signs hundreds of documents with the same chain
def _chain_problems(lines: tuple[str, ...]) -> tuple[Problem, ...]:
    return tuple(_problems(list(lines)))


def _problems(lines: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    if not lines:
        return [Problem("signer_no_title", 0)]
    parsed = []
    for index, text in enumerate(lines):
        line = parse_line(text)
        if not line.prefix and _LOOKS_LIKE_PREFIX.match(line.title) and (index == 0 or len(lines) > 1):
            problems.append(Problem("signer_authority_unknown", index,
                                    {"value": text, "allowed": ", ".join(p + "." for p in PREFIXES)}))
        parsed.append(line)
    last = len(parsed) - 1
    for index, line in enumerate(parsed):
        nxt = parsed[index + 1] if index < last else None
        if line.prefix in ("TM", "TL", "TUQ", "Q") and index > 0:
            problems.append(Problem("signer_prefix_position", index, {"prefix": line.prefix + "."}))
        if line.prefix == "KT" and index > 0 and parsed[index - 1].prefix not in ("TM", "TL"):
            problems.append(Problem("signer_prefix_position", index, {"prefix": "KT."}))
        if line.prefix in ("TM", "KT", "TL", "TUQ") and nxt is None:
            code = "signer_kt_needs_deputy" if line.prefix == "KT" else "signer_needs_own_title"
            problems.append(Problem(code, index, {"head": line.title, "authority": line.prefix + "."}))
        if line.prefix == "TM" and _person_title(line.title):
            problems.append(Problem("signer_tm_needs_collective", index, {"value": lines[index]}))
        if line.prefix == "KT" and nxt is not None:
            if nxt.title == line.title:
                problems.append(Problem("signer_kt_same_title", index + 1, {"head": line.title}))
            elif not nxt.prefix and not _is_deputy_of(nxt.title, line.title):
                problems.append(Problem("signer_kt_deputy_unusual", index + 1,
                                        {"head": line.title, "value": nxt.title}, "warning"))
        if line.prefix in ("TL", "TUQ") and nxt is not None and nxt.title == line.title:
            problems.append(Problem("signer_own_title_same", index + 1, {"head": line.title}))
        if line.prefix == "TUQ" and nxt is not None and nxt.prefix == "KT":
            problems.append(Problem("signer_tuq_no_kt", index + 1))
        if line.prefix == "Q" and nxt is not None:
            problems.append(Problem("signer_q_extra_line", index + 1, {"head": line.title}, "warning"))
        if index > 0 and line.prefix == "" and nxt is not None and parsed[index - 1].prefix in ("KT", "Q"):
            problems.append(Problem("signer_extra_line", index + 1, {"value": nxt.text}, "warning"))
    return problems


def authority_lines(lines: list[str], first_prefix: str = "") -> list[str]:
    """The lines as printed: capitals, one space after a prefix; ``first_prefix`` (``"KT."``) put
    before the first line when the form gives it apart (``quyen_han``)."""
    return list(_authority_lines(tuple(lines), first_prefix))


@lru_cache(maxsize=256)
def _authority_lines(lines: tuple[str, ...], first_prefix: str) -> tuple[str, ...]:
    result = [parse_line(text).text for text in lines]
    if first_prefix and result and not parse_line(result[0]).prefix:
        result[0] = parse_line(f"{first_prefix} {result[0]}").text
    return tuple(result)
