"""Giấy khen certificates: one per awardee of a decision, all in one print file (spec §5.3).

Bottom left: the decision's number and date and the Số sổ vàng (the awardee's STT in the list);
bottom right: place and date, the signer's authority lines and name. ``pre_printed`` uses the
template that leaves out the fixed text, for printing onto blank certificate stock (phôi), shifted
by the offsets the agency measured with the calibration page (profile ``giay_khen``).

The certificate is a stack of bands of fixed height (``layout.CERTIFICATE_BANDS``); an offset moves
the section's margins — left and top by the offset, right and bottom by its opposite — so every
field moves by exactly that much and the text area keeps its size.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from . import layout as L
from .errors import Issue
from .kinds.quyet_dinh import Awardee, QuyetDinhKhenThuong
from .merge import merge_trees
from .model import CertificateSettings
from .render import _W, DocumentInfo, compiled, finish
from .vn import date_line, draft_date_line, full_reference, vn_upper

TEMPLATE = "giay-khen.docx"
TEMPLATE_PRE_PRINTED = "giay-khen-phoi.docx"
TEMPLATE_CALIBRATION = "giay-khen-can-chinh.docx"
CATEGORY = "giay-khen"
_TWIPS_PER_MM = 1440 / 25.4


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".;")
    return f"{text[:1].upper()}{text[1:]}."


def certificate_context(decision: QuyetDinhKhenThuong, awardee: Awardee) -> dict:
    place_date = (date_line(decision.dia_danh, decision.ngay) if decision.ngay
                  else draft_date_line(decision.dia_danh))
    return {
        "tham_quyen": vn_upper(decision.authority()),
        "ho_ten": awardee.ho_ten,
        "chuc_vu_don_vi": awardee.position,
        "thanh_tich": _sentence(awardee.thanh_tich or decision.thanh_tich),
        "quyet_dinh": full_reference("Quyết định", decision.so, decision.ky_hieu, decision.ngay),
        "so_so_vang": f"Số sổ vàng: {awardee.stt}",
        "dia_danh_ngay_thang": place_date,
        "quyen_han_ky": decision.nguoi_ky.authority_lines(),
        "ho_ten_ky": decision.nguoi_ky.ho_ten,
    }


# The fields that may run long, with their styles; a band holds as many lines as fit its height.
_FIELD_STYLES = {"tham_quyen": "VBGKThamQuyen", "ho_ten": "VBGKTen", "chuc_vu_don_vi": "VBGKDong",
                 "thanh_tich": "VBGKThanhTich"}
_LINE_EM = 1.15  # a single-spaced Times New Roman line, in em
_CELL_MARGINS_MM = 2 * 108 / 1440 * 25.4
_MM_PER_PT = 25.4 / 72


def overflowing(context: dict, stock: L.CertificateStock) -> list[tuple[str, int, int]]:
    """Fields whose text needs more lines than their band holds: ``(field, lines, fit)``. Such a
    band grows and may push the certificate onto a second page (an estimate from the font's widths)."""
    width = L.Mm(stock.text_width_mm - _CELL_MARGINS_MM)
    result = []
    for band in stock.bands:
        style = _FIELD_STYLES.get(band.key)
        if style is None:
            continue
        spec = L.STYLE_BY_ID[style]
        size = float(spec.size)
        lines = len(L.line_widths(context[band.key], size, spec.bold, width))
        fit = int(band.height_mm // (size * _LINE_EM * _MM_PER_PT))
        if lines > fit:
            result.append((band.key, lines, fit))
    return result


def overflow_warnings(items: Iterable[tuple[QuyetDinhKhenThuong, Awardee] | dict],
                      settings: CertificateSettings | None = None) -> list[Issue]:
    """A warning for each certificate field too long for its band, naming the awardee's STT;
    ``items`` are (decision, awardee) pairs or the contexts a batch made of them."""
    stock = (settings or CertificateSettings()).stock
    warnings = []
    for item in items:
        context = item if isinstance(item, dict) else certificate_context(*item)
        stt = context["so_so_vang"].rpartition(" ")[2]
        for field, lines, fit in overflowing(context, stock):
            warnings.append(Issue("certificate_field_too_long", f"danh_sach.{field}", None, None,
                                  {"stt": int(stt) if stt.isdigit() else stt, "ho_ten": context["ho_ten"],
                                   "lines": lines, "fit": fit}, severity="warning"))
    return warnings


def offset_twips(mm: float) -> int:
    """A shift in millimetres as whole twips (1/1440 inch), the unit of Word's margins."""
    return round(mm * _TWIPS_PER_MM)


def shift(document: etree._Element, settings: CertificateSettings) -> None:
    """Move every field of every section by the profile's offsets (see the module docstring)."""
    dx, dy = offset_twips(settings.lech_ngang_mm), offset_twips(settings.lech_doc_mm)
    if not dx and not dy:
        return
    for margins in document.iter(f"{_W}pgMar"):
        for side, delta in (("left", dx), ("right", -dx), ("top", dy), ("bottom", -dy)):
            margins.set(f"{_W}{side}", str(int(margins.get(f"{_W}{side}")) + delta))


def print_file(items: Iterable[tuple[QuyetDinhKhenThuong, Awardee]], *, pre_printed: bool = False,
               settings: CertificateSettings | None = None, title: str = "Giấy khen") -> bytes:
    """Every certificate in one .docx, one per page; on stock, shifted by ``settings``."""
    items = list(items)
    first = items[0][0]
    return print_contexts((certificate_context(d, a) for d, a in items), author=first.co_quan_ban_hanh,
                          date=first.ngay, pre_printed=pre_printed, settings=settings, title=title)


def print_contexts(contexts: Iterable[dict], *, author: str, date, pre_printed: bool = False,
                   settings: CertificateSettings | None = None, title: str = "Giấy khen") -> bytes:
    """The print file from certificate contexts made beforehand (a batch makes them where it
    validates each decision); on stock, shifted by ``settings``."""
    template = compiled(TEMPLATE_PRE_PRINTED if pre_printed else TEMPLATE)
    tree = merge_trees(template.render_unfinished(context) for context in contexts)
    return _finished(template, tree, author=author, date=date, pre_printed=pre_printed, settings=settings,
                     title=title)


def partial(contexts: Iterable[dict], *, pre_printed: bool = False) -> bytes:
    """Some consecutive certificates of a print file, rendered and merged but not finished (a
    batch's worker makes one for its range of decisions): :func:`print_partials` joins them.
    Merging is associative, so the print file is the same as :func:`print_contexts` makes."""
    template = compiled(TEMPLATE_PRE_PRINTED if pre_printed else TEMPLATE)
    return etree.tostring(merge_trees(template.render_unfinished(context) for context in contexts))


def print_partials(partials: Iterable[bytes], *, author: str, date, pre_printed: bool = False,
                   settings: CertificateSettings | None = None, title: str = "Giấy khen") -> bytes:
    """The print file from the :func:`partial` pieces of every range, in order."""
    template = compiled(TEMPLATE_PRE_PRINTED if pre_printed else TEMPLATE)
    tree = merge_trees(etree.fromstring(piece) for piece in partials)
    return _finished(template, tree, author=author, date=date, pre_printed=pre_printed, settings=settings,
                     title=title)


def _finished(template, tree: etree._Element, *, author: str, date, pre_printed: bool,
              settings: CertificateSettings | None, title: str) -> bytes:
    finish(tree, template.layout)
    if pre_printed:
        shift(tree, settings or CertificateSettings())
    info = DocumentInfo(title=title, author=vn_upper(author), date=date, category=CATEGORY)
    return template.package(tree, info)


def _mm_text(value: float) -> str:
    return f"{value:+g}".replace(".", ",").replace("+0", "0")


def calibration_page(settings: CertificateSettings | None = None, author: str = "") -> bytes:
    """The one-page grid the clerk prints on plain paper and lays over the stock (docs/giay-khen.md):
    every band as a box at the place it prints, with the offsets in use applied."""
    settings = settings or CertificateSettings()
    template = compiled(TEMPLATE_CALIBRATION)
    tree = template.render_unfinished({"phoi": settings.phoi, "lech_ngang": _mm_text(settings.lech_ngang_mm),
                                       "lech_doc": _mm_text(settings.lech_doc_mm)})
    finish(tree, template.layout)
    shift(tree, settings)
    info = DocumentInfo(title="Trang căn chỉnh in Giấy khen", author=author, date=None, category=CATEGORY)
    return template.package(tree, info)
