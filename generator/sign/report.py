"""A verification report as text (Vietnamese or English) or JSON."""

from __future__ import annotations

import json

from ..messages import text
from .verify import ERROR, INFO, WARNING, VerifyReport

ROLE_LABELS = {"nguoi-ky": "verify_role_signer", "co-quan": "verify_role_agency",
               "kem-theo": "verify_role_attachment", None: "verify_role_other"}
MARKS = {ERROR: "label_error", WARNING: "label_warning"}


def _finding_line(finding, lang: str) -> str:
    sentence = text(finding.code, lang, **finding.params)
    if finding.severity in MARKS:
        return f"{text(MARKS[finding.severity], lang)}: {sentence}"
    return sentence


def report_text(report: VerifyReport, lang: str = "vi") -> str:
    lines = [text("verify_header", lang, path=report.path, count=len(report.signatures))]
    for index, sig in enumerate(report.signatures, start=1):
        lines.append("  " + text("verify_signature_line", lang, index=index, role=text(ROLE_LABELS.get(sig.role,
                     "verify_role_other"), lang), field=sig.field, signer=sig.signer,
                     organisation=sig.organisation or "-"))
        lines.append("     " + text("verify_signature_time", lang, time=sig.signed_at or "?"))
        state = ("verify_state_intact" if sig.intact and sig.valid else "verify_state_broken")
        trust = "verify_state_trusted" if sig.trusted else "verify_state_not_trusted"
        lines.append("     " + text(state, lang) + "; " + text(trust, lang))
        for finding in sig.findings:
            lines.append("     " + _finding_line(finding, lang))
    if report.number or report.date:
        lines.append("  " + text("verify_number_date", lang, number=report.number or "-", date=report.date or "-"))
    for finding in report.findings:
        lines.append("  " + _finding_line(finding, lang))
    problems = sum(1 for f in report.all_findings() if f.is_problem)
    lines.append("  " + (text("verify_result_problems", lang, count=problems) if problems
                         else text("verify_result_ok", lang)))
    return "\n".join(lines)


def reports_json(reports: list[VerifyReport], lang: str = "vi", unreadable: list[dict] | None = None) -> str:
    def findings(items):
        return [{"ma": f.code, "muc": f.severity, "thong_bao": text(f.code, lang, **f.params)} for f in items]

    out = []
    for report in reports:
        out.append({
            "tep": report.path, "so": report.number, "ngay": report.date,
            "chu_ky": [{**sig.to_dict(), "ket_qua": findings(sig.findings)} for sig in report.signatures],
            "ket_qua": findings(report.findings),
            "dat": not report.has_problems,
        })
    return json.dumps({"tep": out, "khong_doc_duoc": unreadable or []}, ensure_ascii=False, indent=2)


__all__ = ["report_text", "reports_json", "INFO"]
