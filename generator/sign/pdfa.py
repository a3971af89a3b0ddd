"""Our own PDF/A-2b checks (no validator is installable here: veraPDF is a Java program that is on
neither PyPI nor Debian). They cover what our pipeline can get wrong, not all of ISO 19005-2:

- identification: XMP metadata in the catalog with ``pdfaid:part`` 2 and ``pdfaid:conformance`` B;
- an output intent ``/GTS_PDFA1`` with an embedded ICC profile;
- no encryption, a file identifier (/ID) in the trailer;
- every font used by a page, a form XObject or an annotation appearance is embedded;
- no JavaScript, no document-level actions, no embedded files;
- annotations: a normal appearance (/AP /N), the Print flag set, Hidden/Invisible/NoView clear;
  the form does not ask viewers to rebuild appearances (/NeedAppearances);
- transparency (allowed in PDF/A-2) only with standard blend modes and with the output intent
  present.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from .errors import SignReadError

BLEND_MODES = {"/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken", "/Lighten",
               "/ColorDodge", "/ColorBurn", "/HardLight", "/SoftLight", "/Difference", "/Exclusion",
               "/Hue", "/Saturation", "/Color", "/Luminosity"}
_PART = re.compile(rb'pdfaid:part(?:>\s*|\s*=\s*["\'])(\d)')
_CONFORMANCE = re.compile(rb'pdfaid:conformance(?:>\s*|\s*=\s*["\'])([A-Za-z])')


@dataclass
class PdfaReport:
    problems: list[tuple[str, dict]] = field(default_factory=list)
    fonts_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, code: str, **params) -> None:
        self.problems.append((code, params))


def check_pdfa(data: bytes) -> PdfaReport:
    """Run the checks above on the PDF in ``data`` (the last revision)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.misc import PdfError as PyHankoPdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    report = PdfaReport()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
    except (PyHankoPdfError, ValueError, KeyError, TypeError) as exc:
        raise SignReadError("sign_pdf_unreadable", reason=str(exc)) from exc
    if reader.encrypted:
        report.add("pdfa_encrypted")
    if "/ID" not in reader.trailer_view:
        report.add("pdfa_no_id")
    root = reader.root
    _check_identification(root, report)
    intents = _get(root, "/OutputIntents")
    has_intent = False
    for intent in intents or []:
        intent = intent.get_object()
        if _get(intent, "/S") == "/GTS_PDFA1" and "/DestOutputProfile" in intent:
            has_intent = True
    if not has_intent:
        report.add("pdfa_no_output_intent")
    names = _get(root, "/Names")
    if names is not None and ("/JavaScript" in names or "/EmbeddedFiles" in names):
        report.add("pdfa_forbidden_names")
    if "/AA" in root or "/OpenAction" in root and _is_javascript(root["/OpenAction"]):
        report.add("pdfa_actions")
    form = _get(root, "/AcroForm")
    if form is not None and bool(_get(form, "/NeedAppearances", False)):
        report.add("pdfa_need_appearances")
    seen: set = set()
    count = int(root["/Pages"]["/Count"])
    for index in range(count):
        page = reader.find_page_for_modification(index)[0].get_object()
        resources = _inherited(page, "/Resources")
        _check_resources(resources, report, seen, f"p{index + 1}", has_intent)
        group = _get(page, "/Group")
        if group is not None and _get(group, "/S") == "/Transparency" and not has_intent and "/CS" not in group:
            report.add("pdfa_transparency_without_intent", page=index + 1)
        for annot in _get(page, "/Annots") or []:
            _check_annotation(annot.get_object(), index + 1, report, seen, has_intent)
    del generic
    return report


def _get(obj, key, default=None):
    """``obj[key]`` with indirect objects resolved (pyHanko's ``get`` leaves them as references)."""
    try:
        return obj[key]
    except (KeyError, TypeError):
        return default


def _is_javascript(action) -> bool:
    action = action.get_object() if hasattr(action, "get_object") else action
    return isinstance(action, dict) and _get(action, "/S") == "/JavaScript"


def _inherited(page, key):
    node = page
    for _ in range(64):
        if key in node:
            return node[key]
        parent = _get(node, "/Parent")
        if parent is None:
            return None
        node = parent.get_object()
    return None


def _check_identification(root, report: PdfaReport) -> None:
    metadata = _get(root, "/Metadata")
    if metadata is None:
        report.add("pdfa_no_metadata")
        return
    xmp = metadata.get_object().data
    part, conformance = _PART.search(xmp), _CONFORMANCE.search(xmp)
    if not part or not conformance:
        report.add("pdfa_no_identification")
    elif part.group(1) != b"2" or conformance.group(1).upper() != b"B":
        report.add("pdfa_wrong_identification", part=part.group(1).decode(), conformance=conformance.group(1).decode())


def _check_resources(resources, report: PdfaReport, seen: set, where: str, has_intent: bool, depth: int = 0) -> None:
    if resources is None or depth > 20:
        return
    resources = resources.get_object()
    for _, ref in (_get(resources, "/Font") or {}).items():
        key = getattr(ref, "reference", None) or id(ref)
        if key in seen:
            continue
        seen.add(key)
        _check_font(ref.get_object(), report, where)
    for _, gs in (_get(resources, "/ExtGState") or {}).items():
        gs = gs.get_object()
        mode = _get(gs, "/BM")
        modes = list(mode) if isinstance(mode, list) else [mode] if mode is not None else []
        if any(str(m) not in BLEND_MODES for m in modes):
            report.add("pdfa_blend_mode", where=where, mode=", ".join(str(m) for m in modes))
        if _get(gs, "/SMask") not in (None, "/None") and not has_intent:
            report.add("pdfa_transparency_without_intent", page=where)
    for _, xobject in (_get(resources, "/XObject") or {}).items():
        key = getattr(xobject, "reference", None) or id(xobject)
        if key in seen:
            continue
        seen.add(key)
        stream = xobject.get_object()
        if _get(stream, "/Subtype") == "/Form":
            _check_resources(_get(stream, "/Resources"), report, seen, where, has_intent, depth + 1)


def _check_font(font, report: PdfaReport, where: str) -> None:
    report.fonts_checked += 1
    subtype = _get(font, "/Subtype")
    if subtype == "/Type3":
        return
    if subtype == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = _get(font, "/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor is not None else None
    if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        report.add("pdfa_font_not_embedded", font=str(_get(font, "/BaseFont", "?")).lstrip("/"), where=where)


def _check_annotation(annot, page: int, report: PdfaReport, seen: set, has_intent: bool) -> None:
    subtype = _get(annot, "/Subtype")
    if subtype in ("/Popup", "/Link"):
        return
    flags = int(_get(annot, "/F", 0))
    name = str(_get(annot, "/T", subtype))
    if not flags & 4 or flags & (1 | 2 | 32):
        report.add("pdfa_annotation_flags", page=page, name=name, flags=flags)
    appearance = _get(annot, "/AP")
    normal = _get(appearance, "/N") if appearance is not None else None
    if normal is None:
        report.add("pdfa_annotation_no_appearance", page=page, name=name)
        return
    streams = [normal.get_object()]
    if not hasattr(streams[0], "data"):  # an appearance state dictionary
        streams = [v.get_object() for _, v in streams[0].items()]
    for stream in streams:
        _check_resources(_get(stream, "/Resources"), report, seen, f"p{page} {name}", has_intent)
