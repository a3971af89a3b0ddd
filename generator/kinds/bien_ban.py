"""Biên bản (BB): minutes of a meeting (ND30 Mẫu 1.9) — a thin preset over the one model.

Its header has no place-and-date line (the time is in the body); the body opens with the time,
place, participants, chair and secretary, then the proceedings, then when the meeting ended; two
signatures close it, the secretary's on the left and the chair's on the right, with Nơi nhận
below them.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from ..document.model import Closing, Document, Signature
from ..markup import Block, Run
from ..model import OptionalText, Signer, Strict, Text
from .base import KindSpec, document_fields, recipient_lines
from .parts import Body, CommonForm, body_blocks, with_end_mark


class Person(Strict):
    ho_ten: Text
    chuc_vu: OptionalText = None  # "Phó Trưởng ban" (printed on the Chủ trì / Thư ký line)

    @property
    def line(self) -> str:
        return f"{self.ho_ten}, {self.chuc_vu}" if self.chuc_vu else self.ho_ten


class BienBan(CommonForm):
    KIND = "bien-ban"
    TEN_LOAI = "Biên bản"
    TYPE_CODE = "BB"

    nguoi_ky: Signer | None = None  # a biên bản is signed by its chair and its secretary
    thoi_gian: Text  # "14 giờ 00 phút, ngày 20 tháng 12 năm 2025"
    dia_diem: Text
    thanh_phan: Body = Field(min_length=1)  # who attended (a line, or a "-" list)
    chu_toa: Person  # chủ trì / chủ tọa
    thu_ky: Person
    noi_dung: Body = Field(min_length=1)
    ket_thuc: Text  # "16 giờ 30 phút cùng ngày"


def _labelled(label: str, text: str) -> Block:
    return Block("body", [Run(f"{label}: ", bold=True), Run(text)])


def build(minutes: BienBan, base: Path | None = None) -> Document:
    fields = document_fields(minutes)
    fields["date_line"] = ""  # Mẫu 1.9: no place and date in the header
    attendees = body_blocks(minutes.thanh_phan, base=base)
    blocks: list = [
        _labelled("Thời gian bắt đầu", minutes.thoi_gian.rstrip(".") + "."),
        _labelled("Địa điểm", minutes.dia_diem.rstrip(".") + "."),
    ]
    if len(attendees) == 1 and isinstance(attendees[0], Block) and attendees[0].role == "body":
        blocks.append(Block("body", [Run("Thành phần tham dự: ", bold=True), *attendees[0].runs]))
    else:
        blocks.append(Block("body", [Run("Thành phần tham dự:", bold=True)]))
        blocks.extend(attendees)
    blocks += [
        _labelled("Chủ trì", minutes.chu_toa.line.rstrip(".") + "."),
        _labelled("Thư ký", minutes.thu_ky.line.rstrip(".") + "."),
        Block("body", [Run("Nội dung:", bold=True)]),
        *body_blocks(minutes.noi_dung, base=base),
        Block("body", [Run(f"Cuộc họp kết thúc vào {minutes.ket_thuc.rstrip('.')}.")]),
    ]
    fields["closing"] = Closing(
        recipients=tuple(recipient_lines(minutes.noi_nhan)),
        signature=Signature(("CHỦ TỌA",), minutes.chu_toa.ho_ten),
        left_signature=Signature(("THƯ KÝ",), minutes.thu_ky.ho_ten),
    )
    return Document(**fields, body=tuple(with_end_mark(blocks)), annexes=tuple(minutes.annex_parts(base)))


SPEC = KindSpec(kind="bien-ban", model=BienBan, build=build, starter="bien-ban.yaml")
