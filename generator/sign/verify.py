"""Verify a signed PDF: every signature (who, when, intact, trusted, what changed after it) and
the ND30 look of the signed page (signature image, seal, attachment line).

A report holds findings with message codes (``generator.messages``); ``cli.py`` prints them in
the user's language. Exit codes as lint: 0 no problem, 1 problems, 2 unreadable file.

The certificate chain is checked against trust roots that the caller names (``--trust`` files,
or ``chu_ky_so.tin_cay`` in the agency profile); without any, no signature is trusted. Revocation
is not fetched over the network (``allow_fetching=False``, soft-fail): the machine may be offline.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import SignReadError
from .look import WidgetLook, widget_looks
from .signing import FIELD_AGENCY, FIELD_ATTACHMENT, FIELD_DATE, FIELD_NUMBER, FIELD_SIGNER, iso_vn
from .textlayer import find_signature_block, read_pages, text_area_top_right

ERROR, WARNING, INFO = "error", "warning", "info"
SEAL_SHARE_RANGE = (0.25, 0.45)  # CHK-38: the seal overlaps the left ~1/3 of the signer image
ATTACHMENT_SIZE_RANGE = (9.6, 10.4)
ATTACHMENT_RE = re.compile(r"^(?P<so>\d+/\S+)\s+(?P<time>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00)$")
ROLE_OF_FIELD = {FIELD_SIGNER: "nguoi-ky", FIELD_AGENCY: "co-quan", FIELD_ATTACHMENT: "kem-theo"}


@dataclass(frozen=True)
class Finding:
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: str = INFO

    @property
    def is_problem(self) -> bool:
        return self.severity == ERROR


@dataclass
class SignatureReport:
    field: str
    role: str | None
    signer: str
    organisation: str
    signed_at: str | None
    revision: int
    intact: bool
    valid: bool
    trusted: bool
    covers_whole_file: bool
    modification: str
    changed_fields: list[str]
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "truong": self.field, "vai_tro": self.role, "nguoi_ky": self.signer,
            "to_chuc": self.organisation, "thoi_gian": self.signed_at, "phien_ban": self.revision,
            "nguyen_ven": self.intact, "hop_le": self.valid, "tin_cay": self.trusted,
            "phu_ca_tep": self.covers_whole_file, "thay_doi_sau_khi_ky": self.modification,
            "truong_thay_doi": self.changed_fields,
        }


@dataclass
class VerifyReport:
    path: str
    signatures: list[SignatureReport] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    number: str | None = None
    date: str | None = None

    def all_findings(self) -> Iterable[Finding]:
        yield from self.findings
        for signature in self.signatures:
            yield from signature.findings

    @property
    def has_problems(self) -> bool:
        return any(f.is_problem for f in self.all_findings())


# --- trust -------------------------------------------------------------------------------------

def load_trust_roots(paths: Iterable[Path]) -> list:
    """Certificates (PEM or DER, several per PEM file) to trust as roots."""
    from pyhanko.keys import load_certs_from_pemder

    roots = []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise SignReadError("verify_trust_missing", path=str(path))
        try:
            roots.extend(load_certs_from_pemder([str(path)]))
        except (ValueError, OSError, TypeError) as exc:
            raise SignReadError("verify_trust_unreadable", path=str(path), reason=str(exc)) from exc
    return roots


def trust_paths_from_profile(profile: Path) -> list[Path]:
    """``chu_ky_so.tin_cay: [paths]`` of an agency profile, relative to the profile's folder."""
    from ruamel.yaml import YAML, YAMLError

    profile = Path(profile)
    try:
        data = YAML(typ="safe").load(profile.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SignReadError("profile_not_found", path=str(profile)) from exc
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise SignReadError("file_unreadable", path=str(profile), reason=str(exc)) from exc
    section = (data or {}).get("chu_ky_so") if isinstance(data, dict) else None
    entries = section.get("tin_cay") if isinstance(section, dict) else None
    if entries is None:
        return []
    if isinstance(entries, str):
        entries = [entries]
    if not isinstance(entries, list):
        raise SignReadError("verify_profile_trust_invalid", path=str(profile))
    return [(profile.parent / str(e)).resolve() if not Path(str(e)).is_absolute() else Path(str(e))
            for e in entries]


# --- verification ------------------------------------------------------------------------------

def verify_pdf(path: Path, trust_roots: list | None = None, *, data: bytes | None = None) -> VerifyReport:
    """Check every signature of the PDF at ``path`` and the ND30 look of what they show."""
    from pyhanko.pdf_utils.misc import PdfError as PyHankoPdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    path = Path(path)
    if data is None:
        if not path.exists():
            raise SignReadError("file_not_found", path=str(path))
        if path.is_dir():
            raise SignReadError("file_is_directory", path=str(path))
        data = path.read_bytes()
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise SignReadError("sign_not_pdf", path=str(path))
    report = VerifyReport(str(path))
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            raise SignReadError("sign_pdf_encrypted_verify", path=str(path))
        signatures = list(reader.embedded_signatures)
    except SignReadError:
        raise
    except (PyHankoPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise SignReadError("sign_pdf_unreadable_path", path=str(path), reason=str(exc) or type(exc).__name__) from exc
    if not signatures:
        report.findings.append(Finding("verify_no_signature", {}, ERROR))
        return report
    roots = list(trust_roots or [])
    if not roots:
        report.findings.append(Finding("verify_no_trust_roots", {}, ERROR))
    try:
        looks = widget_looks(data)
    except SignReadError as exc:
        looks = {}
        report.findings.append(Finding("verify_look_unreadable", {"reason": exc.params.get("reason", "")}, ERROR))
    for embedded in signatures:
        try:
            report.signatures.append(_signature_report(embedded, roots, looks.get(embedded.field_name)))
        except (PyHankoPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            # a file broken after signing: the signature cannot even be checked
            report.signatures.append(_broken_signature(embedded, exc))
    try:
        _check_order(report)
        _check_unsigned_updates(reader, signatures, report)
        _check_number_and_date(reader, report, looks)
        _check_looks(data, report, looks)
    except (PyHankoPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        report.findings.append(Finding("verify_structure_broken", {"reason": str(exc)[:200]}, ERROR))
    return report


def _broken_signature(embedded, exc: BaseException) -> SignatureReport:
    name = getattr(embedded, "field_name", "?")
    report = SignatureReport(field=name, role=ROLE_OF_FIELD.get(name), signer="?", organisation="",
                             signed_at=None, revision=getattr(embedded, "signed_revision", -1), intact=False,
                             valid=False, trusted=False, covers_whole_file=False, modification="UNKNOWN",
                             changed_fields=[])
    report.findings.append(Finding("verify_check_failed", {"reason": str(exc)[:200] or type(exc).__name__}, ERROR))
    return report


def _signature_report(embedded, roots: list, look: WidgetLook | None) -> SignatureReport:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    status = validate_pdf_signature(embedded, context)
    cert = status.signing_cert
    subject = cert.subject.native if cert is not None else {}
    signed_at = status.signer_reported_dt
    name = embedded.field_name
    report = SignatureReport(
        field=name, role=ROLE_OF_FIELD.get(name), signer=str(subject.get("common_name", "?")),
        organisation=str(subject.get("organization_name", "")),
        signed_at=iso_vn(signed_at) if signed_at is not None else None,
        revision=embedded.signed_revision, intact=bool(status.intact), valid=bool(status.valid),
        trusted=bool(status.trusted), covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        modification=(status.modification_level.name if status.modification_level is not None else "UNKNOWN"),
        changed_fields=sorted(getattr(status.diff_result, "changed_form_fields", None) or []),
    )
    add = report.findings.append
    if not status.intact:
        add(Finding("verify_not_intact", {}, ERROR))
    elif not status.valid:
        add(Finding("verify_invalid", {}, ERROR))
    if roots and not status.trusted and status.intact:
        problem = status.trust_problem_indic
        add(Finding("verify_untrusted", {"reason": problem.name if problem is not None else "?"}, ERROR))
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        add(Finding("verify_untouched", {}, INFO))
    else:
        level = status.modification_level
        fields = ", ".join(report.changed_fields) or "-"
        if level is None or level == ModificationLevel.OTHER or not status.docmdp_ok:
            reason = getattr(status.diff_result, "args", None) or [str(status.diff_result or "")]
            add(Finding("verify_changed_not_allowed", {"reason": str(reason[0])[:300]}, ERROR))
        elif level == ModificationLevel.LTA_UPDATES:
            add(Finding("verify_changed_lta", {}, INFO))
        elif level == ModificationLevel.FORM_FILLING:
            add(Finding("verify_changed_form", {"fields": fields}, INFO))
        elif level == ModificationLevel.ANNOTATIONS:
            add(Finding("verify_changed_annotations", {"fields": fields}, WARNING))
    if look is None and name in ROLE_OF_FIELD:
        add(Finding("verify_look_missing", {}, WARNING))
    return report


def _check_order(report: VerifyReport) -> None:
    by_field = {s.field: s for s in report.signatures}
    signer, agency = by_field.get(FIELD_SIGNER), by_field.get(FIELD_AGENCY)
    if agency is not None and signer is None:
        report.findings.append(Finding("verify_agency_without_signer", {}, ERROR))
    elif agency is not None and signer is not None and agency.revision < signer.revision:
        report.findings.append(Finding("verify_order_wrong", {}, ERROR))


def _check_unsigned_updates(reader, signatures, report: VerifyReport) -> None:
    last = max(s.signed_revision for s in signatures)
    total = reader.xrefs.total_revisions
    later = total - 1 - last
    if later > 0:
        last_report = max(report.signatures, key=lambda s: s.revision)
        report.findings.append(Finding("verify_unsigned_update", {
            "count": later, "level": last_report.modification, "fields": ", ".join(last_report.changed_fields) or "-",
        }, ERROR))


def _check_number_and_date(reader, report: VerifyReport, looks: dict[str, WidgetLook]) -> None:
    from pyhanko.pdf_utils.form_tools import enumerate_fields_in

    try:
        field_list = reader.root["/AcroForm"]["/Fields"]
    except KeyError:
        return
    values = {name: value for name, value, _ in
              enumerate_fields_in(field_list, refs_seen=set(), target_field_type="/Tx")}
    def shown(name: str) -> str | None:  # what the page shows; the field value if it shows nothing
        if not values.get(name):
            return None
        look = looks.get(name)
        return (look.text if look is not None and look.text else None) or str(values[name])

    report.number, report.date = shown(FIELD_NUMBER), shown(FIELD_DATE)
    agency_signed = any(s.field == FIELD_AGENCY for s in report.signatures)
    missing = [n for n in (FIELD_NUMBER, FIELD_DATE) if n in values and not values[n]]
    if missing and agency_signed:
        report.findings.append(Finding("verify_number_date_empty", {"fields": ", ".join(missing)}, ERROR))
    elif missing:
        report.findings.append(Finding("verify_number_date_pending", {"fields": ", ".join(missing)}, INFO))


# --- the ND30 look ------------------------------------------------------------------------------

def _check_looks(data: bytes, report: VerifyReport, looks: dict[str, WidgetLook]) -> None:
    from .appearance import is_blue, is_red

    by_field = {s.field: s for s in report.signatures}
    signer_image = None
    signer = by_field.get(FIELD_SIGNER)
    if signer is not None:
        look = looks.get(FIELD_SIGNER)
        image = look.images[0] if look and look.images else None
        add = signer.findings.append
        if image is None:
            add(Finding("verify_signer_no_image", {}, WARNING))
        else:
            signer_image = image
            if not image.transparent:
                add(Finding("verify_signer_not_transparent", {}, ERROR))
            if image.colour is None:
                add(Finding("verify_signer_colour_unknown", {}, WARNING))
            elif not is_blue(image.colour):
                add(Finding("verify_signer_not_blue", {"colour": _hex(image.colour)}, ERROR))
            else:
                add(Finding("verify_signer_colour_ok", {"colour": _hex(image.colour)}, INFO))
            _check_signer_position(data, look, image, add)
    agency = by_field.get(FIELD_AGENCY)
    if agency is not None:
        look = looks.get(FIELD_AGENCY)
        image = look.images[0] if look and look.images else None
        add = agency.findings.append
        if image is None:
            add(Finding("verify_seal_missing", {}, ERROR))
        else:
            if not image.transparent:
                add(Finding("verify_seal_not_transparent", {}, ERROR))
            if image.colour is None:
                add(Finding("verify_seal_colour_unknown", {}, WARNING))
            elif not is_red(image.colour):
                add(Finding("verify_seal_not_red", {"colour": _hex(image.colour)}, ERROR))
            width_mm = (image.bbox[2] - image.bbox[0]) * 25.4 / 72
            add(Finding("verify_seal_size", {"mm": f"{width_mm:.1f}"}, INFO))
            if signer_image is not None:
                _check_seal_overlap(image, signer_image, add)
    attachment = by_field.get(FIELD_ATTACHMENT)
    if attachment is not None:
        _check_attachment_line(data, looks.get(FIELD_ATTACHMENT), attachment)


def _hex(colour: tuple[int, int, int]) -> str:
    return "#%02x%02x%02x" % colour


def _check_signer_position(data: bytes, look: WidgetLook, image, add) -> None:
    pages = read_pages(data, [look.page])
    block = find_signature_block(pages)
    if block is None:
        add(Finding("verify_block_not_found", {"page": look.page + 1}, WARNING))
        return
    x0, y0, x1, y1 = image.bbox
    centre = (x0 + x1) / 2
    left, right = block.column
    tolerance = max(6.0, 0.08 * (right - left))
    centred = abs(centre - block.centre_x) <= tolerance
    between = y0 >= block.space_bottom - 3 and y1 <= block.space_top + 3
    params = {"dx": f"{centre - block.centre_x:+.1f}", "name": block.name.text,
              "title": block.authority[-1].text}
    if centred and between:
        add(Finding("verify_signer_position_ok", params, INFO))
    else:
        add(Finding("verify_signer_position_wrong", params, ERROR))


def _check_seal_overlap(seal, signer, add) -> None:
    sx0, sy0, sx1, sy1 = signer.bbox
    dx0, dy0, dx1, dy1 = seal.bbox
    width = sx1 - sx0
    overlap_x = max(0.0, min(dx1, sx1) - max(dx0, sx0))
    overlap_y = max(0.0, min(dy1, sy1) - max(dy0, sy0))
    share = overlap_x / width if width > 0 else 0.0
    on_left = dx0 <= sx0 + 0.05 * width
    params = {"share": f"{share * 100:.0f}", "low": f"{SEAL_SHARE_RANGE[0] * 100:.0f}",
              "high": f"{SEAL_SHARE_RANGE[1] * 100:.0f}"}
    if overlap_y > 0 and on_left and SEAL_SHARE_RANGE[0] <= share <= SEAL_SHARE_RANGE[1]:
        add(Finding("verify_seal_overlap_ok", params, INFO))
    else:
        add(Finding("verify_seal_overlap_wrong", params, ERROR))


def _check_attachment_line(data: bytes, look: WidgetLook | None, signature: SignatureReport) -> None:
    add = signature.findings.append
    if look is None or not look.chars:
        add(Finding("verify_attachment_text_missing", {}, ERROR))
        return
    text = " ".join(look.text.split())
    match = ATTACHMENT_RE.match(text)
    if match is None:
        add(Finding("verify_attachment_text_wrong", {"text": text}, ERROR))
    elif signature.signed_at and match.group("time") != signature.signed_at:
        add(Finding("verify_attachment_time_wrong", {"shown": match.group("time"), "signed": signature.signed_at},
                    ERROR))
    visible = [c for c in look.chars if c.text.strip()]
    sizes = {round(c.size, 1) for c in visible}
    if not all(ATTACHMENT_SIZE_RANGE[0] <= s <= ATTACHMENT_SIZE_RANGE[1] for s in sizes):
        add(Finding("verify_attachment_size_wrong", {"size": ", ".join(str(s) for s in sorted(sizes))}, ERROR))
    fonts = {c.font.split("+")[-1] for c in visible}
    if not all(("Times" in f or "LiberationSerif" in f) and "Bold" not in f and "Italic" not in f for f in fonts):
        add(Finding("verify_attachment_font_wrong", {"font": ", ".join(sorted(fonts))}, ERROR))
    if any(c.colour and max(c.colour) > 0.15 and len(c.colour) in (1, 3) for c in visible):
        add(Finding("verify_attachment_colour_wrong", {}, ERROR))
    if look.images:
        add(Finding("verify_attachment_has_image", {}, ERROR))
    page = read_pages(data, [look.page])[0]
    right, top = text_area_top_right(page)
    x0, y0, x1, y1 = look.rect
    if look.page != 0 or x1 < page.width * 0.6 or y0 < top - 2:
        add(Finding("verify_attachment_position_wrong", {"page": look.page + 1}, ERROR))
    if not any(f.is_problem for f in signature.findings):
        add(Finding("verify_attachment_ok", {"text": text}, INFO))
