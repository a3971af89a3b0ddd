"""Findings and their display: text (Vietnamese by default, English on request) and JSON.

Repeated findings are grouped: the same check with the same message (say, a wrong size on 40 000
paragraphs) is shown with the locations of its first :data:`SHOWN_PER_GROUP` occurrences and then a
count, so the output stays readable and bounded whatever the file holds."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Iterable

from .document import Where

ERROR = "error"
WARNING = "warning"

SHOWN_PER_GROUP = 3  # text: occurrences listed with their location before "… and N more"
JSON_PER_GROUP = 20  # JSON: occurrences listed per group; the count is always complete


_DECIMAL = re.compile(r"(\d)\.(\d+\s*(?:cm|mm|pt|%|twip|lần|dòng))")


@dataclass(frozen=True)
class T:
    """A piece of user-facing text in both languages."""

    vi: str
    en: str

    def __call__(self, lang: str) -> str:
        # Vietnamese writes a decimal comma: "1,25 cm", "13,5 pt" (a measure, never quoted text).
        return self.en if lang == "en" else _DECIMAL.sub(r"\1,\2", self.vi)

    def __add__(self, other: "T") -> "T":
        return T(self.vi + other.vi, self.en + other.en)


def join(parts: Iterable[T], sep: str = ", ") -> T:
    parts = list(parts)
    return T(sep.join(p.vi for p in parts), sep.join(p.en for p in parts))


def quoted(text: str) -> T:
    return T(f"“{text}”", f"“{text}”")


def pts(value: float) -> str:
    return f"{value:g}"


def size_text(sizes: set[float] | float) -> T:
    if isinstance(sizes, (int, float)):
        sizes = {float(sizes)}
    shown = "/".join(pts(s) for s in sorted(sizes))
    return T(f"cỡ chữ {shown} pt", f"size {shown} pt")


def size_range(lo: float, hi: float) -> T:
    if lo == hi:
        return T(f"cỡ chữ {pts(lo)} pt", f"size {pts(lo)} pt")
    return T(f"cỡ chữ {pts(lo)}–{pts(hi)} pt", f"size {pts(lo)}–{pts(hi)} pt")


BOLD = {True: T("chữ đậm", "bold"), False: T("không đậm", "not bold"), None: T("đậm một phần", "partly bold")}
ITALIC = {True: T("chữ nghiêng", "italic"), False: T("chữ đứng", "upright"),
          None: T("nghiêng một phần", "partly italic")}
ALIGN = {
    "center": T("căn giữa", "centred"), "both": T("căn đều hai bên", "justified"),
    "left": T("căn trái", "left-aligned"), "right": T("căn phải", "right-aligned"),
    None: T("căn trái (mặc định)", "left-aligned (default)"),
}


def align_text(jc: str | None) -> T:
    return ALIGN.get(jc, T(f"căn lề “{jc}”", f"alignment “{jc}”"))


@dataclass
class Finding:
    check: str  # "CHK-08"
    severity: str  # error | warning
    subject: T  # the element concerned ("Quốc hiệu")
    found: T
    expected: T
    where: Where = field(default_factory=Where)

    def location(self, lang: str = "vi") -> str:
        return describe_where(self.where, lang)

    def message(self, lang: str = "vi") -> str:
        if lang == "en":
            return f"{self.subject.en}: found {self.found.en}; ND30 requires {self.expected.en}"
        return f"{self.subject.vi}: hiện là {self.found.vi}; Nghị định 30 yêu cầu {self.expected.vi}"

    def as_dict(self, lang: str = "vi") -> dict:
        wh = self.where
        return {
            "check": self.check,
            "severity": self.severity,
            "location": {
                "part": wh.part, "section": wh.section, "paragraph": wh.paragraph, "table": wh.table,
                "row": wh.row, "column": wh.column, "cell_paragraph": wh.cell_paragraph,
                "document": wh.document,
                "excerpt": wh.excerpt, "text": describe_where(wh, lang),
            },
            "subject": self.subject(lang),
            "found": self.found(lang),
            "expected": self.expected(lang),
            "message": self.message(lang),
        }


_PARTS = {
    "body": T("thân văn bản", "body"),
    "header:default": T("đầu trang (mặc định)", "header (default)"),
    "header:first": T("đầu trang trang đầu", "first-page header"),
    "header:even": T("đầu trang chẵn", "even-page header"),
    "footer:default": T("chân trang (mặc định)", "footer (default)"),
    "footer:first": T("chân trang trang đầu", "first-page footer"),
    "footer:even": T("chân trang chẵn", "even-page footer"),
}


def describe_where(wh: Where, lang: str = "vi") -> str:
    vi = lang != "en"
    bits = [f"{'văn bản' if vi else 'document'} {wh.document}"] if wh.document is not None else []
    bits.append(f"{'mục' if vi else 'section'} {wh.section}")
    if wh.part != "body":
        bits.append(_PARTS.get(wh.part, T(wh.part, wh.part))(lang))
    if wh.table is not None:
        cell = (f"bảng {wh.table}, hàng {wh.row}, cột {wh.column}" if vi
                else f"table {wh.table}, row {wh.row}, column {wh.column}")
        if wh.cell_paragraph is not None:
            cell += f", {'đoạn' if vi else 'paragraph'} {wh.cell_paragraph}"
        bits.append(cell)
    elif wh.paragraph is not None:
        bits.append(f"{'đoạn' if vi else 'paragraph'} {wh.paragraph}")
    out = ", ".join(bits)
    if wh.excerpt:
        out += f" «{wh.excerpt}»"
    return out


@dataclass
class LintReport:
    path: str
    findings: list[Finding] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # check ids that did not apply

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    def ids(self) -> set[str]:
        return {f.check for f in self.findings}

    def groups(self, lang: str = "vi") -> list[list[Finding]]:
        """Findings of the same check, severity and message together, in order of first occurrence."""
        grouped: dict[tuple, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault((finding.check, finding.severity, finding.message(lang)), []).append(finding)
        return list(grouped.values())

    def as_dict(self, lang: str = "vi") -> dict:
        findings, repeated = [], []
        for group in self.groups(lang):
            findings.extend(f.as_dict(lang) for f in group[:JSON_PER_GROUP])
            if len(group) > JSON_PER_GROUP:
                first = group[0]
                repeated.append({"check": first.check, "severity": first.severity,
                                 "message": first.message(lang), "count": len(group),
                                 "listed": JSON_PER_GROUP})
        return {
            "file": self.path,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": findings,
            "repeated": repeated,
        }

    def to_text(self, lang: str = "vi") -> str:
        labels = {ERROR: T("lỗi", "error"), WARNING: T("cảnh báo", "warning")}
        lines = []
        for group in self.groups(lang):
            for f in group[:SHOWN_PER_GROUP]:
                lines.append(f"{self.path}: {f.check} {labels[f.severity](lang)} [{f.location(lang)}] "
                             f"{f.message(lang)}")
            more = len(group) - SHOWN_PER_GROUP
            if more > 0:
                check = group[0].check
                lines.append(T(f"{self.path}: {check} … và {more} chỗ khác có cùng lỗi này",
                               f"{self.path}: {check} … and {more} more place(s) with the same finding")(lang))
        summary = (T(f"{self.path}: {len(self.errors)} lỗi, {len(self.warnings)} cảnh báo",
                     f"{self.path}: {len(self.errors)} error(s), {len(self.warnings)} warning(s)"))
        lines.append(summary(lang))
        return "\n".join(lines)


def reports_json(reports: list[LintReport], lang: str = "vi", unreadable: list[dict] | None = None) -> str:
    data = {"files": [r.as_dict(lang) for r in reports], "unreadable": unreadable or []}
    return json.dumps(data, ensure_ascii=False, indent=2)
