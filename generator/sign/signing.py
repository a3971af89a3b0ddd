"""Sign a PDF in ND30 order with pyHanko (PAdES baseline B, ETSI.CAdES.detached).

1. ``sign_as_signer`` — the person with authority (``--role nguoi-ky``) signs first. The
   signature image goes in the blank space between the authority lines and the name, found from
   the text layer. If the number and date are still blank (ND30 Art. 15.3: for an electronic
   document the system assigns them), two text fields ``so`` and ``ngay`` are added over those
   lines in the same revision, and the signature is a *certification* signature that allows form
   filling only (DocMDP P=2) and locks every field but those two (FieldMDP).
2. ``sign_as_agency`` — the văn thư signs for the agency (``--role co-quan``): the number and
   date fields are filled (from the register or given), then the agency signature with the seal
   image at actual size, covering the left third of the signer's image. Both go in one revision.
3. ``sign_attachment`` — a separate attachment file gets the agency signature shown as one
   10 pt line top right of page 1 (ô 14): the parent's number/ký hiệu and the signing time.

The signing time is the same instant in the CMS signature, the signature dictionary (/M) and any
text shown on the page, in Vietnam time (UTC+07:00).
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.form_tools import enumerate_fields_in
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError as PyHankoPdfError
from pyhanko.sign import fields as sig_fields
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

from ..vn import date_line, format_number
from . import appearance as ap
from .errors import SignError, SignReadError
from .fonts import serif_font, style_of
from .keys import subject_name
from .textlayer import (
    DATE_RE,
    NUMBER_RE,
    Line,
    PageText,
    find_header_lines,
    find_signature_block,
    page_count,
    read_pages,
    text_area_top_right,
)

VN_TZ = _dt.timezone(_dt.timedelta(hours=7))
ROLE_SIGNER = "nguoi-ky"
ROLE_AGENCY = "co-quan"
ROLES = (ROLE_SIGNER, ROLE_AGENCY)
FIELD_SIGNER = "nguoi_ky"
FIELD_AGENCY = "co_quan"
FIELD_ATTACHMENT = "co_quan_kem_theo"
FIELD_NUMBER = "so"
FIELD_DATE = "ngay"
REASON_SIGNER = "Ký ban hành văn bản (người có thẩm quyền)"
REASON_AGENCY = "Chữ ký số của cơ quan, tổ chức (văn thư)"
REASON_ATTACHMENT = "Chữ ký số của cơ quan, tổ chức trên tệp kèm theo văn bản chính"
ATTACHMENT_SIZE = 10.0
SEAL_SHARE = 1 / 3  # ND30: the seal covers about a third of the signature, on its left
SEAL_BOX_MM = 45.0  # the largest seal the agency field takes (agency seals are 30–42 mm)


def vn_now() -> _dt.datetime:
    return _dt.datetime.now(VN_TZ).replace(microsecond=0)


def iso_vn(moment: _dt.datetime) -> str:
    """``2023-04-13T09:15:30+07:00`` (ISO 8601, Vietnam time)."""
    return moment.astimezone(VN_TZ).isoformat(timespec="seconds")


def attachment_line(parent: str, moment: _dt.datetime) -> str:
    """The text of ô 14 on an attachment: the parent's số/ký hiệu and the signing time."""
    return f"{parent} {iso_vn(moment)}"


@dataclass(frozen=True)
class Signed:
    """The signed bytes and what was done."""

    data: bytes
    role: str
    field: str
    page: int
    box: tuple[float, float, float, float] | None
    signed_at: _dt.datetime
    signer: str
    number: str | None = None
    date: _dt.date | None = None


@dataclass(frozen=True)
class Blanks:
    """What an agency signature still has to fill in: the ký hiệu, the place, the two fields."""

    ky_hieu: str | None
    place: str | None
    number_field: bool
    date_field: bool
    title: str


# --- reading -----------------------------------------------------------------------------------

def _writer(data: bytes) -> IncrementalPdfFileWriter:
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    except (PyHankoPdfError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise SignReadError("sign_pdf_unreadable", reason=str(exc) or type(exc).__name__) from exc
    if writer.prev.encrypted:
        raise SignError("sign_pdf_encrypted")
    return writer


def _fields(handler, field_type: str) -> dict[str, object]:
    """Field name → value (None when empty) for the fields of ``field_type`` (``/Sig``, ``/Tx``)."""
    try:
        field_list = handler.root["/AcroForm"]["/Fields"]
    except KeyError:
        return {}
    return {name: value for name, value, _ in
            enumerate_fields_in(field_list, refs_seen=set(), target_field_type=field_type)}


def _field_ref(handler, name: str, field_type: str):
    try:
        field_list = handler.root["/AcroForm"]["/Fields"]
    except KeyError:
        return None
    for found, _, ref in enumerate_fields_in(field_list, refs_seen=set(), target_field_type=field_type,
                                             with_name=name):
        if found == name:
            return ref
    return None


def _widget(field: generic.DictionaryObject) -> generic.DictionaryObject:
    kids = field.get("/Kids")
    if kids:
        return kids[0].get_object()
    return field


def _rect(widget: generic.DictionaryObject) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _page_index(handler, widget: generic.DictionaryObject) -> int:
    page_ref = widget.get_value_as_reference("/P") if "/P" in widget else None
    if page_ref is None:
        return 0
    for index in range(int(handler.root["/Pages"]["/Count"])):
        if handler.find_page_for_modification(index)[0].reference == page_ref:
            return index
    return 0


def _title(handler) -> str:
    try:
        return str(handler.trailer_view["/Info"]["/Title"])
    except (KeyError, TypeError):
        return ""


def blanks(data: bytes) -> Blanks:
    """The fields an agency signature must fill, with the ký hiệu and place read from page 1."""
    writer = _writer(data)
    text = _fields(writer.prev, "/Tx")
    page = read_pages(data, [0])[0]
    header = find_header_lines(page)
    return Blanks(header.ky_hieu, header.place, FIELD_NUMBER in text and not text[FIELD_NUMBER],
                  FIELD_DATE in text and not text[FIELD_DATE], _title(writer.prev))


# --- signing -----------------------------------------------------------------------------------

def _sign(writer: IncrementalPdfFileWriter, signer, meta: PdfSignatureMetadata, style, moment) -> bytes:
    """pyHanko's signing steps, with our signing time (so /M, CMS and the page text agree)."""
    pdf_signer = PdfSigner(meta, signer=signer, stamp_style=style)

    async def run() -> bytes:
        session = pdf_signer.init_signing_session(writer, existing_fields_only=True)
        session.system_time = moment
        validation_info = await session.perform_presign_validation(writer)
        reserved = await session.estimate_signature_container_size(validation_info, tight=False)
        tbs = session.prepare_tbs_document(validation_info=validation_info, bytes_reserved=reserved)
        output = io.BytesIO()
        prepared, result = tbs.digest_tbs_document(output=output)
        post = await tbs.perform_signature(
            document_digest=prepared.document_digest,
            pdf_cms_signed_attrs=PdfCMSSignedAttributes(signing_time=moment, adobe_revinfo_attr=None,
                                                        cades_signed_attrs=meta.cades_signed_attr_spec))
        await post.post_signature_processing(result)
        return result.getvalue()

    try:
        return asyncio.run(run())
    except SigningError as exc:
        raise SignError("sign_failed", reason=str(exc)) from exc


def _meta(field: str, reason: str, *, certify: bool = False, location: str | None = None) -> PdfSignatureMetadata:
    from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter

    return PdfSignatureMetadata(field_name=field, md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES,
                                certify=certify, docmdp_permissions=MDPPerm.FILL_FORMS, reason=reason,
                                location=location)


def _last_pages(data: bytes, count: int) -> list[PageText]:
    """Page 1 (number, date) and the last page (signature block), parsed in one pass."""
    return read_pages(data, sorted({0, count - 1}))


def sign_as_signer(data: bytes, signer, image: Image.Image | None, *, name: str | None = None,
                   moment: _dt.datetime | None = None) -> Signed:
    """The signer's signature at the signature block (image centred in the blank space)."""
    moment = moment or vn_now()
    writer = _writer(data)
    signatures = _fields(writer.prev, "/Sig")
    if signatures.get(FIELD_SIGNER) is not None:
        raise SignError("sign_already_signed", role=ROLE_SIGNER)
    if any(value is not None for value in signatures.values()):
        raise SignError("sign_order_signer_first_only")
    count = page_count(data)
    pages = _last_pages(data, count)
    block = find_signature_block(pages, name)
    if block is None and count > 1:
        pages = read_pages(data)
        block = find_signature_block(pages, name)
    if block is None:
        raise SignError("sign_block_not_found", name=name or "-")
    first = next((p for p in pages if p.index == 0), None) or read_pages(data, [0])[0]
    header = find_header_lines(first)
    fillable: list[str] = []
    if header.number is not None and header.number_blank:
        _add_text_field(writer, FIELD_NUMBER, header.number, widen=60.0)
        fillable.append(FIELD_NUMBER)
    if header.date is not None and header.date_blank:
        _add_text_field(writer, FIELD_DATE, header.date, widen=40.0)
        fillable.append(FIELD_DATE)
    box = block.image_box(image.width, image.height) if image is not None else None
    # Everything is locked but the number, the date and the agency signature still to come.
    lock = sig_fields.FieldMDPSpec(sig_fields.FieldMDPAction.EXCLUDE, fields=[*fillable, FIELD_AGENCY])
    spec = sig_fields.SigFieldSpec(FIELD_SIGNER, on_page=block.page, box=box, field_mdp_spec=lock,
                                   readable_field_name="Chữ ký người có thẩm quyền")
    sig_fields.append_signature_field(writer, spec)
    # The agency's field is made now, empty: a certified document may be signed in existing
    # fields, not get new visible ones. Its box takes any seal up to SEAL_BOX_MM, right edge at
    # the first third of the signer's image; the seal is drawn at actual size inside it.
    anchor = box or _space_box(block)
    agency = sig_fields.SigFieldSpec(FIELD_AGENCY, on_page=block.page, box=agency_field_box(anchor),
                                     readable_field_name="Chữ ký số của cơ quan (dấu)")
    sig_fields.append_signature_field(writer, agency)
    style = ap.ImageStyle(image) if image is not None else None
    out = _sign(writer, signer, _meta(FIELD_SIGNER, REASON_SIGNER, certify=True, location=header.place),
                style, moment)
    return Signed(out, ROLE_SIGNER, FIELD_SIGNER, block.page, box, moment, subject_name(signer))


def seal_box(signer_box: tuple[float, float, float, float], seal_size: tuple[float, float],
             share: float = SEAL_SHARE) -> tuple[float, float, float, float]:
    """The seal's box: its right edge at ``share`` of the signer image's width from the left,
    vertically centred on the signer image (ND30 Art. 33.1.b)."""
    x0, y0, x1, y1 = signer_box
    w, h = seal_size
    right = x0 + (x1 - x0) * share
    cy = (y0 + y1) / 2
    return right - w, cy - h / 2, right, cy + h / 2


def agency_field_box(signer_box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The agency signature field: room for a seal up to SEAL_BOX_MM, placed like ``seal_box``."""
    side = SEAL_BOX_MM * ap.MM
    return seal_box(signer_box, (side, side))


def _space_box(block) -> tuple[float, float, float, float]:
    """The blank signature space itself (when the signer shows no image)."""
    top, bottom = block.space_top, block.space_bottom
    half = top - bottom
    return block.centre_x - half, bottom, block.centre_x + half, top


def sign_as_agency(data: bytes, signer, seal: Image.Image, *, seal_mm: float | None = None,
                   number: int | None = None, day: _dt.date | None = None,
                   moment: _dt.datetime | None = None) -> Signed:
    """Fill the number and date (if blank), then the agency signature with the seal image."""
    moment = moment or vn_now()
    writer = _writer(data)
    signatures = _fields(writer.prev, "/Sig")
    if signatures.get(FIELD_AGENCY) is not None:
        raise SignError("sign_already_signed", role=ROLE_AGENCY)
    if signatures.get(FIELD_SIGNER) is None:
        raise SignError("sign_order_signer_first")
    size = ap.physical_size(seal, seal_mm)
    if size is None:
        raise SignError("sign_seal_size_unknown")
    number_text, day = _fill_number_and_date(writer, data, number, day)
    field_ref = _field_ref(writer.prev, FIELD_AGENCY, "/Sig")
    if field_ref is None:  # signed by another tool: make the field (fine after an approval signature)
        signer_widget = _widget(_field_ref(writer.prev, FIELD_SIGNER, "/Sig").get_object())
        page = _page_index(writer.prev, signer_widget)
        field_box = agency_field_box(_rect(signer_widget))
        sig_fields.append_signature_field(writer, sig_fields.SigFieldSpec(
            FIELD_AGENCY, on_page=page, box=field_box, readable_field_name="Chữ ký số của cơ quan (dấu)"))
    else:
        widget = _widget(field_ref.get_object())
        page, field_box = _page_index(writer.prev, widget), _rect(widget)
    fw, fh = field_box[2] - field_box[0], field_box[3] - field_box[1]
    if size[0] > fw + 0.5 or size[1] > fh + 0.5:
        raise SignError("sign_seal_too_large", size=round(size[0] / ap.MM, 1), limit=round(fw / ap.MM, 1))
    # drawn at actual size, right edge on the field's right edge, centred vertically
    box = (field_box[2] - size[0], field_box[1] + (fh - size[1]) / 2, field_box[2], field_box[1] + (fh + size[1]) / 2)
    out = _sign(writer, signer, _meta(FIELD_AGENCY, REASON_AGENCY),
                ap.ImageStyle(seal, size=size, align="right"), moment)
    return Signed(out, ROLE_AGENCY, FIELD_AGENCY, page, box, moment, subject_name(signer), number_text, day)


def sign_attachment(data: bytes, signer, parent: str, *, moment: _dt.datetime | None = None) -> Signed:
    """The agency signature on a separate attachment: one 10 pt line top right of page 1."""
    moment = moment or vn_now()
    parent = " ".join(parent.split())
    if not parent:
        raise SignError("sign_attachment_parent_missing")
    writer = _writer(data)
    signatures = _fields(writer.prev, "/Sig")
    if signatures.get(FIELD_ATTACHMENT) is not None:
        raise SignError("sign_already_signed", role=ROLE_AGENCY)
    page = read_pages(data, [0])[0]
    right, top = text_area_top_right(page)
    text = attachment_line(parent, moment)
    font = serif_font("regular")
    width = ap.text_width(text, font, ATTACHMENT_SIZE) + 2
    height = ATTACHMENT_SIZE * 1.4
    bottom = top + (page.height - top) / 2 - height / 2
    box = (right - width, bottom, right, bottom + height)
    spec = sig_fields.SigFieldSpec(FIELD_ATTACHMENT, on_page=0, box=box,
                                   readable_field_name="Chữ ký số của cơ quan (tệp kèm theo)")
    sig_fields.append_signature_field(writer, spec)
    out = _sign(writer, signer, _meta(FIELD_ATTACHMENT, REASON_ATTACHMENT),
                ap.TextLineStyle(text, font, ATTACHMENT_SIZE), moment)
    return Signed(out, ROLE_AGENCY, FIELD_ATTACHMENT, 0, box, moment, subject_name(signer), parent)


# --- number and date fields --------------------------------------------------------------------

def fill_number_and_date(data: bytes, number: int, day: _dt.date) -> tuple[bytes, str | None]:
    """Fill the ``so`` and ``ngay`` fields in a revision of their own, without signing.

    For an e-office system that numbers documents before the clerk's signature: the agency
    signature (``sign_as_agency``) then covers this revision. Returns the bytes and the
    ``'1626/KH-BQL'`` shown.
    """
    writer = _writer(data)
    number_text, _ = _fill_number_and_date(writer, data, number, day)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), number_text


def _add_text_field(writer: IncrementalPdfFileWriter, name: str, line: Line, *, widen: float) -> None:
    """A read-write text field over ``line`` (widened so the filled line fits), empty for now."""
    page_ref = writer.find_page_for_modification(line.page)[0]
    rect = (line.x0 - widen, line.y0 - 0.4 * line.size, line.x1 + widen, line.y1 + 2)
    width, height = rect[2] - rect[0], rect[3] - rect[1]
    form = _ensure_form(writer)
    field = generic.DictionaryObject({
        pdf_name("/FT"): pdf_name("/Tx"),
        pdf_name("/T"): generic.TextStringObject(name),
        pdf_name("/TU"): generic.TextStringObject("Số văn bản" if name == FIELD_NUMBER else "Ngày văn bản"),
        pdf_name("/Type"): pdf_name("/Annot"),
        pdf_name("/Subtype"): pdf_name("/Widget"),
        pdf_name("/F"): generic.NumberObject(4),
        pdf_name("/Rect"): generic.ArrayObject([generic.FloatObject(round(v, 3)) for v in rect]),
        pdf_name("/P"): page_ref,
        pdf_name("/DA"): generic.TextStringObject("/F0 %g Tf 0 g" % line.size),
        pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): ap.empty_appearance(writer, width, height)}),
    })
    ref = writer.add_object(field)
    form["/Fields"].append(ref)
    writer.update_container(form["/Fields"])
    writer.register_annotation(page_ref, ref)


def _ensure_form(writer: IncrementalPdfFileWriter) -> generic.DictionaryObject:
    root = writer.root
    if "/AcroForm" not in root:
        form = generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()})
        root[pdf_name("/AcroForm")] = writer.add_object(form)
        writer.update_root()
    form = root["/AcroForm"]
    if "/Fields" not in form:
        form[pdf_name("/Fields")] = generic.ArrayObject()
        writer.update_container(form)
    if "/DR" not in form:
        font = _page_serif_font(writer)
        if font is not None:
            form[pdf_name("/DR")] = generic.DictionaryObject(
                {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F0"): font})})
            writer.update_container(form)
    return form


def _page_serif_font(writer) -> generic.IndirectObject | None:
    """An embedded regular serif font of page 1 (for the fields' default appearance)."""
    try:
        fonts = writer.find_page_for_modification(0)[0].get_object()["/Resources"]["/Font"]
    except KeyError:
        return None
    for _, ref in fonts.items():
        if not isinstance(ref, generic.IndirectObject):
            continue
        base = str(ref.get_object().get("/BaseFont", ""))
        if ("Serif" in base or "Times" in base) and "Bold" not in base and "Italic" not in base:
            return ref
    return None


def _fill_number_and_date(writer: IncrementalPdfFileWriter, data: bytes, number: int | None,
                          day: _dt.date | None) -> tuple[str | None, _dt.date | None]:
    text_fields = _fields(writer.prev, "/Tx")
    wants_number = FIELD_NUMBER in text_fields and not text_fields[FIELD_NUMBER]
    wants_date = FIELD_DATE in text_fields and not text_fields[FIELD_DATE]
    if not (wants_number or wants_date):
        return None, None
    if wants_number and number is None:
        raise SignError("sign_number_needed")
    if wants_date and day is None:
        raise SignError("sign_date_needed")
    page = read_pages(data, [0])[0]
    header = find_header_lines(page)
    number_text = None
    if wants_number:
        if header.number is None:
            raise SignError("sign_number_line_missing")
        match = NUMBER_RE.match(header.number.text)
        number_text = f"{format_number(int(number))}/{match.group('ky_hieu')}"
        _fill_line(writer, FIELD_NUMBER, str(int(number)), f"Số: {number_text}", header.number)
    if wants_date:
        if header.date is None:
            raise SignError("sign_date_line_missing")
        place = DATE_RE.match(header.date.text).group("place")
        _fill_line(writer, FIELD_DATE, day.isoformat(), date_line(place, day), header.date)
    return number_text, day if wants_date else None


def _fill_line(writer: IncrementalPdfFileWriter, name: str, value: str, shown: str, line: Line) -> None:
    """Set the field's value and draw ``shown`` in place of the blank line (same font and size)."""
    ref = _field_ref(writer, name, "/Tx")
    field = ref.get_object()
    widget = _widget(field)
    x0, y0, x1, y1 = _rect(widget)
    font = serif_font(style_of(line.font))
    baseline = line.y0 + 0.216 * line.size - y0  # Times/Liberation descent is 0.216 em
    cover = (line.x0 - x0 - 1, line.y0 - y0 - 0.35 * line.size, line.x1 - x0 + 1, line.y1 - y0 + 1)
    content = ap.TextAppearance(writer, layout.BoxConstraints(width=x1 - x0, height=y1 - y0), shown, font,
                                line.size, x=line.cx - x0, baseline=baseline, align="centre", cover=cover)
    content.apply_appearance(widget)
    field[pdf_name("/V")] = generic.TextStringObject(value)
    flags = int(field.get("/Ff", 0))
    field[pdf_name("/Ff")] = generic.NumberObject(flags | 1)  # read-only from now on
    writer.update_container(widget)
    writer.mark_update(ref)


def read_image(path: Path, role: str) -> Image.Image:
    """The signer's image (must be blue) or the seal image (must be red): PNG with transparency."""
    image = ap.load_png(path)
    colour = ap.ink_colour(image)
    ok = ap.is_blue(colour) if role == ROLE_SIGNER else ap.is_red(colour)
    if not ok:
        shown = "#%02x%02x%02x" % colour if colour else "-"
        code = "sign_signer_image_not_blue" if role == ROLE_SIGNER else "sign_seal_image_not_red"
        raise SignError(code, path=str(path), colour=shown)
    return image
