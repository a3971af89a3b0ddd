"""Balanced line breaks for centred headings (tên loại, trích yếu, V/v, chapter and annex titles).

A centred heading left to wrap where the line runs out ends with a ragged last line, often one
word alone ("… có thành tích xuất sắc năm / 2025", "… Ban Quản / lý Khu kinh tế"). Paper
documents are broken by hand into lines of about the same length. :func:`balance` does the same
from the Times New Roman metrics of :mod:`generator.layout`:

- the heading keeps the fewest lines it needs (it never grows a line because of this module,
  unless that is the only way to give the last line two words);
- among the ways of breaking it into that many lines, the lines are made as even as possible
  (least sum of squared line widths), and the last line holds at least two words; a break after
  a comma is preferred, one next to a number ("năm / 2025") or inside a name ("Ban Quản / lý")
  avoided, each at the price of a somewhat less even pair of lines;
- a line break the clerk typed (a newline: in a YAML form, a ``|`` block scalar) is kept, and
  each part between typed breaks is balanced on its own;
- only a single space between two words is ever turned into a break: removing the breaks (each
  ``\\n`` the module added back into a space) gives the text exactly as typed.

Imports nothing from the package but :mod:`generator.layout`.
"""

from __future__ import annotations

from functools import lru_cache

from . import layout as L

# Our widths come from a table, the renderer's from the font: keep a little room so that a line
# we think fits is never wrapped again by Word or LibreOffice.
SAFETY = 0.99
# What a break next to a number or inside a name costs, and what one after a comma saves, as a
# fraction of the line width (a line about that much longer or shorter is worth it).
NUMBER_PENALTY = 0.25
NAME_PENALTY = 0.15
PUNCTUATION_BONUS = 0.2


def _candidates(segment: str) -> list[int]:
    """Positions of the spaces a line may break at: a single space between two non-spaces."""
    return [i for i, ch in enumerate(segment)
            if ch == " " and 0 < i < len(segment) - 1 and segment[i - 1] != " " and segment[i + 1] != " "]


def _segment_breaks(segment: str, bold: bool, limit: float) -> list[int]:
    """Break positions (indices of spaces in ``segment``) for one part without typed breaks;
    ``limit`` in font units."""
    prefix = [0]
    for ch in segment:
        prefix.append(prefix[-1] + L.text_units(ch, bold))
    if prefix[-1] <= limit:
        return []
    spaces = _candidates(segment)
    if not spaces:
        return []
    # Word k spans segment[starts[k]:ends[k]]; a line of words i..j-1 spans starts[i]:ends[j-1].
    starts = [0, *(p + 1 for p in spaces)]
    ends = [*spaces, len(segment)]
    n = len(starts)

    def line(i: int, j: int) -> int:
        return prefix[ends[j - 1]] - prefix[starts[i]]

    # A break before word k costs less after a comma or a semicolon ("tập thể, cá nhân, / hộ gia
    # đình"), and more next to a number ("năm / 2025", "30 / năm") or inside a name, after a
    # capitalised syllable and before a small one ("Ban Quản / lý").
    penalty = [0.0] * n
    for k in range(1, n):
        before, after = segment[starts[k - 1]:ends[k - 1]], segment[starts[k]:ends[k]]
        if before[-1] in ",;:":
            penalty[k] = -(PUNCTUATION_BONUS * limit) ** 2
        elif any(ch.isdigit() for ch in before + after):
            penalty[k] = (NUMBER_PENALTY * limit) ** 2
        elif before[:1].isupper() and after[:1].islower():
            penalty[k] = (NAME_PENALTY * limit) ** 2

    def fits(i: int, j: int) -> bool:
        return j - i == 1 or line(i, j) <= limit  # a word wider than the line stands alone

    def best(lines: int, last_two: bool) -> list[int] | None:
        """The least sum of squared widths over breakings into exactly ``lines`` lines."""
        inf = float("inf")
        # cost[m][j]: best cost of words 0..j-1 in m lines; back[m][j]: where the last line starts
        cost = [[inf] * (n + 1) for _ in range(lines + 1)]
        back = [[-1] * (n + 1) for _ in range(lines + 1)]
        cost[0][0] = 0.0
        for m in range(1, lines + 1):
            for j in range(m, n + 1):
                for i in range(m - 1, j):
                    if cost[m - 1][i] == inf or not fits(i, j):
                        continue
                    if m == lines and j == n and last_two and j - i < 2:
                        continue
                    value = cost[m - 1][i] + float(line(i, j)) ** 2 + penalty[i]
                    if value < cost[m][j]:
                        cost[m][j], back[m][j] = value, i
        if cost[lines][n] == inf:
            return None
        cuts, j = [], n
        for m in range(lines, 0, -1):
            i = back[m][j]
            if i > 0:
                cuts.append(i)
            j = i
        return sorted(cuts)

    fewest = _fewest_lines(n, fits)
    cuts = None
    for lines in range(fewest, min(fewest + 2, n) + 1):
        cuts = best(lines, last_two=n >= 2)
        if cuts is not None:
            break
    if cuts is None:  # the last two words cannot share a line: balance without that rule
        cuts = best(fewest, last_two=False) or []
    return [spaces[k - 1] for k in cuts]


def _fewest_lines(n: int, fits) -> int:
    """The least number of lines the words can be set in (each line fitting)."""
    fewest = [0] + [n + 1] * n
    for j in range(1, n + 1):
        for i in range(j):
            if fewest[i] + 1 < fewest[j] and fits(i, j):
                fewest[j] = fewest[i] + 1
    return fewest[n]


@lru_cache(maxsize=2048)
def break_positions(text: str, size_pt: float, bold: bool, available: int) -> tuple[int, ...]:
    """Indices of the spaces of ``text`` to turn into line breaks so that the heading sets in
    balanced lines within ``available`` (EMU) at ``size_pt``; typed ``\\n`` are kept as they are."""
    limit = available * SAFETY * L.UNITS_PER_EM / L.Pt(size_pt)  # in font units
    positions: list[int] = []
    offset = 0
    for segment in text.split("\n"):
        positions.extend(offset + p for p in _segment_breaks(segment, bold, limit))
        offset += len(segment) + 1
    return tuple(positions)


def balance(text: str, size_pt: float, bold: bool, available: int) -> str:
    """``text`` with ``\\n`` where :func:`break_positions` breaks it."""
    chars = list(text)
    for position in break_positions(text, size_pt, bold, int(available)):
        chars[position] = "\n"
    return "".join(chars)


__all__ = ["SAFETY", "balance", "break_positions"]
