"""The award table of the law: every commendation form and title an office writes about, who
grants it, and its bonus coefficient under each decree, dated.

Luật Thi đua, khen thưởng 2022 (06/2022/QH15) fixes the forms and who grants them; the bonus
coefficients (× the base salary in force on the decision date) come from the decree in force on
that date:

- Nghị định 98/2023/NĐ-CP: decisions from 01/01/2024 to 30/06/2025;
- Nghị định 152/2025/NĐ-CP: decisions from 01/07/2025 (it repealed ND 98/2023, Art. 59).

A coefficient is text as in a profile: ``"0.3"``, ``"1.5x"`` (1,5 × the individual amount) or
``"0"`` — awarded to that recipient type with no bonus stated in the agency's documents. The
forms granted by the President or the Prime Minister are paid by the level that grants them ("cấp
nào khen thì cấp đó chi"), so an agency's decision or proposal states no amount for them: their
coefficient here is ``"0"`` unless the spec confirms a figure. A recipient type that is absent
cannot receive the form. ``docs/khen-thuong.md`` lists every row with its source and how sure it
is; an agency profile may add forms or override any row (``khen_thuong.hinh_thuc``).

Pure data: imports nothing from the package.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["Decree", "LawForm", "DECREES", "LAW_FORMS", "decree_on"]


@dataclass(frozen=True)
class Decree:
    key: str
    title: str
    start: dt.date


DECREES = (
    Decree("98/2023", "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ", dt.date(2024, 1, 1)),
    Decree("152/2025", "Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ", dt.date(2025, 7, 1)),
)


def decree_on(on: dt.date | None) -> Decree | None:
    """The decree in force on ``on`` (the latest when ``on`` is None); None before the first."""
    if on is None:
        return DECREES[-1]
    current = None
    for decree in DECREES:
        if decree.start <= on:
            current = decree
    return current


@dataclass(frozen=True)
class LawForm:
    name: str  # as printed in a decision: "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    authority: str  # who grants it (Law 2022 Art. 74–80)
    title: bool  # a title (danh hiệu thi đua): "tặng danh hiệu “…”"; else a form (hình thức)
    coefficients: dict[str, dict[str, str]]  # decree key -> recipient field -> coefficient text
    aliases: tuple[str, ...] = field(default=())


_HEAD = "Thủ trưởng cơ quan, đơn vị; Chủ tịch Ủy ban nhân dân cấp xã; Giám đốc doanh nghiệp"
_MINISTER_OR_PROVINCE = "Bộ trưởng, Thủ trưởng cơ quan ngang bộ; Chủ tịch Ủy ban nhân dân cấp tỉnh"
_PRESIDENT = "Chủ tịch nước"
_PRIME_MINISTER = "Thủ tướng Chính phủ"


def _both(**coefficients: str) -> dict[str, dict[str, str]]:
    return {"98/2023": dict(coefficients), "152/2025": dict(coefficients)}


def _orders() -> list[LawForm]:
    """Huân chương (Law Art. 33–46), granted by the President: no amount in an agency's papers."""
    forms = [LawForm("Huân chương Sao vàng", _PRESIDENT, False, _both(ca_nhan="0", tap_the="0")),
             LawForm("Huân chương Hồ Chí Minh", _PRESIDENT, False, _both(ca_nhan="0", tap_the="0"))]
    for order in ("Độc lập", "Quân công", "Lao động", "Bảo vệ Tổ quốc", "Chiến công"):
        for rank in ("Nhất", "Nhì", "Ba"):
            forms.append(LawForm(f"Huân chương {order} hạng {rank}", _PRESIDENT, False,
                                 _both(ca_nhan="0", tap_the="0")))
    forms += [LawForm("Huân chương Dũng cảm", _PRESIDENT, False, _both(ca_nhan="0")),
              LawForm("Huân chương Hữu nghị", _PRESIDENT, False, _both(ca_nhan="0", tap_the="0"))]
    return forms


_ALL: tuple[LawForm, ...] = (
    # Titles (danh hiệu thi đua), Law Art. 20–29.
    LawForm("Chiến sĩ thi đua toàn quốc", _PRIME_MINISTER, True, _both(ca_nhan="0")),
    LawForm("Chiến sĩ thi đua cấp bộ, ngành, tỉnh", _MINISTER_OR_PROVINCE, True, _both(ca_nhan="3.0"),
            aliases=("Chiến sĩ thi đua cấp tỉnh", "Chiến sĩ thi đua cấp bộ", "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh")),
    LawForm("Chiến sĩ thi đua cơ sở", _HEAD, True, _both(ca_nhan="1.0"), aliases=("CSTĐCS",)),
    LawForm("Lao động tiên tiến", _HEAD, True, _both(ca_nhan="0.3"), aliases=("LĐTT",)),
    LawForm("Cờ thi đua của Chính phủ", _PRIME_MINISTER, True, _both(tap_the="0")),
    LawForm("Cờ thi đua của bộ, ngành, tỉnh", _MINISTER_OR_PROVINCE, True, _both(tap_the="8.0"),
            aliases=("Cờ thi đua của Ủy ban nhân dân tỉnh", "Cờ thi đua của UBND tỉnh", "Cờ thi đua cấp tỉnh",
                     "Cờ thi đua cấp bộ")),
    LawForm("Tập thể lao động xuất sắc", _MINISTER_OR_PROVINCE, True, _both(tap_the="1.5"),
            aliases=("TTLĐXS",)),
    LawForm("Tập thể lao động tiên tiến", _HEAD, True, _both(tap_the="0.8"), aliases=("TTLĐTT",)),
    # Forms (hình thức khen thưởng), Law Art. 71–75.
    *_orders(),
    LawForm("Bằng khen của Thủ tướng Chính phủ", _PRIME_MINISTER, False, _both(ca_nhan="3.5", tap_the="7.0"),
            aliases=("Bằng khen Thủ tướng Chính phủ", "Bằng khen Thủ tướng")),
    LawForm("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Chủ tịch Ủy ban nhân dân cấp tỉnh", False,
            {"98/2023": {"ca_nhan": "1.0", "tap_the": "2.0"},
             "152/2025": {"ca_nhan": "1.5", "tap_the": "3.0"}},
            aliases=("Bằng khen của Chủ tịch UBND tỉnh", "Bằng khen Chủ tịch UBND tỉnh", "Bằng khen của UBND tỉnh",
                     "Bằng khen của Ủy ban nhân dân tỉnh", "Bằng khen cấp tỉnh",
                     "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố", "Bằng khen của Chủ tịch UBND thành phố")),
    LawForm("Bằng khen của Bộ trưởng", "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ", False,
            {"98/2023": {"ca_nhan": "1.0", "tap_the": "2.0"},
             "152/2025": {"ca_nhan": "1.5", "tap_the": "3.0"}},
            aliases=("Bằng khen cấp bộ", "Bằng khen của Bộ trưởng, Thủ trưởng cơ quan ngang bộ")),
    LawForm("Giấy khen", _HEAD, False,
            {"98/2023": {"ca_nhan": "0.3", "tap_the": "0.6"},
             "152/2025": {"ca_nhan": "0.3", "tap_the": "0.6", "ho_gia_dinh": "1.5x"}}),
    LawForm("Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã", "Chủ tịch Ủy ban nhân dân cấp xã", False,
            {"98/2023": {"ca_nhan": "0.15", "tap_the": "0.3"},
             "152/2025": {"ca_nhan": "0.3", "tap_the": "0.6", "ho_gia_dinh": "1.5x"}},
            aliases=("Giấy khen của Chủ tịch UBND xã", "Giấy khen của Chủ tịch UBND cấp xã",
                     "Giấy khen của Chủ tịch Ủy ban nhân dân xã")),
)


# The order clerks see (drop-down lists, messages): what an agency awards itself first, the orders last.
_FIRST = ("Giấy khen", "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Tập thể lao động tiên tiến",
          "Tập thể lao động xuất sắc", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Bằng khen của Bộ trưởng",
          "Chiến sĩ thi đua cấp bộ, ngành, tỉnh", "Cờ thi đua của bộ, ngành, tỉnh",
          "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã", "Bằng khen của Thủ tướng Chính phủ",
          "Chiến sĩ thi đua toàn quốc", "Cờ thi đua của Chính phủ")
LAW_FORMS: tuple[LawForm, ...] = (
    tuple(f for name in _FIRST for f in _ALL if f.name == name)
    + tuple(f for f in _ALL if f.name not in _FIRST))
assert len(LAW_FORMS) == len(_ALL) == len({f.name for f in _ALL})
