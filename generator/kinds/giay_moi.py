"""Giấy mời (GM): an invitation with time, place, participants and agenda (ND30 Mẫu 1.4)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from pathlib import Path

from ..document.model import Document
from ..markup import Block, Run
from ..model import OptionalText, RequiredDate, Text
from ..vn import short_date
from .base import KindSpec, document_fields
from .parts import Body, CommonForm, body_blocks, with_end_mark

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_TIME = re.compile(r"^\s*(\d{1,2})\s*(?:[:hg]|giờ)\s*(\d{2})?\s*(?:phút)?\s*$", re.IGNORECASE)


def _time(value: Any) -> Any:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        # YAML 1.1 reads 08:30 as a sexagesimal number of minutes.
        return dt.time(value // 60, value % 60)
    match = _TIME.match(str(value))
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise PydanticCustomError("time_invalid", "time_invalid", {"value": value})


Time = Annotated[dt.time, BeforeValidator(_time)]


class GiayMoi(CommonForm):
    KIND = "giay-moi"
    TEN_LOAI = "Giấy mời"
    TYPE_CODE = "GM"

    kinh_moi: Annotated[list[Text], Field(min_length=1)]  # who is invited
    su_kien: Text  # "dự Hội nghị sơ kết ..." — what they are invited to
    gio: Time
    ngay_hop: RequiredDate
    dia_diem: Text
    chuong_trinh: Body | None = None  # agenda
    ghi_chu: Body | None = None
    loi_ket: OptionalText = "Rất mong các đồng chí đến dự đúng giờ."



def when(invitation: GiayMoi) -> str:
    """``08 giờ 00 phút, thứ Sáu, ngày 30/6/2023`` (weekday capitalised per ND30 PL II)."""
    time = invitation.gio
    day = invitation.ngay_hop
    return f"{time.hour:02d} giờ {time.minute:02d} phút, {WEEKDAYS[day.weekday()]}, ngày {short_date(day)}"


def build(invitation: GiayMoi, base: Path | None = None) -> Document:
    blocks = [Block("body", [Run(f"{invitation.co_quan_ban_hanh} trân trọng kính mời:")])]
    count = len(invitation.kinh_moi)
    for index, guest in enumerate(invitation.kinh_moi):
        end = "." if index == count - 1 else ";"
        blocks.append(Block("item", [Run(guest.rstrip(";.") + end)], prefix="- "))
    event = invitation.su_kien.rstrip(".")
    blocks.append(Block("body", [Run(f"Tới {event[:1].lower()}{event[1:]}.")]))
    blocks.append(Block("body", [Run("Thời gian: ", bold=True), Run(f"{when(invitation)}.")]))
    blocks.append(Block("body", [Run("Địa điểm: ", bold=True), Run(f"{invitation.dia_diem.rstrip('.')}.")]))
    if invitation.chuong_trinh:
        blocks.append(Block("body", [Run("Nội dung:", bold=True)]))
        blocks.extend(body_blocks(invitation.chuong_trinh, base=base))
    if invitation.ghi_chu:
        blocks.extend(body_blocks(invitation.ghi_chu, base=base))
    if invitation.loi_ket:
        blocks.append(Block("body", [Run(invitation.loi_ket)]))
    return Document(**document_fields(invitation), body=tuple(with_end_mark(blocks)),
                    annexes=tuple(invitation.annex_parts(base)))


SPEC = KindSpec(kind="giay-moi", model=GiayMoi, build=build, starter="giay-moi.yaml")
