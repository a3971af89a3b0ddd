"""Giấy khen certificates: one per awardee of a decision, all in one print file (spec §5.3).

Bottom left: the decision's number and date and the Số sổ vàng (the awardee's STT in the list);
bottom right: place and date, the signer's authority lines and name. ``pre_printed`` uses the
template that leaves out the fixed text, for printing onto blank certificate stock (phôi).
"""

from __future__ import annotations

from typing import Iterable

from .kinds.quyet_dinh import Awardee, QuyetDinhKhenThuong
from .merge import merge_rendered
from .render import DocumentInfo, compiled
from .vn import date_line, draft_date_line, full_reference, vn_upper

TEMPLATE = "giay-khen.docx"
TEMPLATE_PRE_PRINTED = "giay-khen-phoi.docx"
CATEGORY = "giay-khen"


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


def print_file(items: Iterable[tuple[QuyetDinhKhenThuong, Awardee]], *, pre_printed: bool = False,
               title: str = "Giấy khen") -> bytes:
    """Every certificate in one .docx, one per page."""
    items = list(items)
    first = items[0][0]
    return print_contexts((certificate_context(d, a) for d, a in items), author=first.co_quan_ban_hanh,
                          date=first.ngay, pre_printed=pre_printed, title=title)


def print_contexts(contexts: Iterable[dict], *, author: str, date, pre_printed: bool = False,
                   title: str = "Giấy khen") -> bytes:
    """The print file from certificate contexts made beforehand (a batch makes them where it
    validates each decision)."""
    template = compiled(TEMPLATE_PRE_PRINTED if pre_printed else TEMPLATE)
    info = DocumentInfo(title=title, author=vn_upper(author), date=date, category=CATEGORY)
    return merge_rendered(template, contexts, info)
