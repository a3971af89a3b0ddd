"""The ND30 layout numbers, in one place.

Everything the template builder and the finishing pass need to know about page size, margins,
fonts, sizes, spacing and the named styles lives here, as python-docx lengths. Imports nothing
else from the package.

Sources: ``nd30-layout.md`` §1 (page), §2.2 (element table), §7 (checks).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Emu, Length, Mm, Pt

FONT_NAME = "Times New Roman"

# A4 portrait, ND30 §1.
PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)

# Allowed ranges (mm), ND30 §1 / CHK-02.
MARGIN_RANGES_MM = {
    "tren": (20, 25),
    "duoi": (20, 25),
    "trai": (30, 35),
    "phai": (15, 20),
}

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class PageLayout:
    """Layout choices an agency may make within ND30's ranges (the profile's ``trinh_bay``)."""

    le_tren_mm: float = 20
    le_duoi_mm: float = 20
    le_trai_mm: float = 30
    le_phai_mm: float = 15
    header_distance_mm: float = 10
    co_chu_noi_dung: float = 14  # body size, 13–14
    co_chu_quoc_hieu: float = 13  # 12–13
    co_chu_tieu_ngu: float = 14  # 13–14, = quoc hieu + 1
    co_chu_ngay_thang: float = 14  # = tieu ngu
    co_chu_co_quan: float = 13  # 12–13
    gian_dong: float = 1.15  # line spacing multiple, 1.0–1.5
    thut_dau_dong_cm: float = 1.27  # first-line indent, 1 or 1.27
    cach_doan_pt: float = 6  # space after a body paragraph, >= 6

    @property
    def text_width(self) -> Length:
        return self.text_width_for(landscape=False)

    def text_width_for(self, landscape: bool) -> Length:
        """Page width less the left and right margins (ND30 sets no other margins for landscape)."""
        page = PAGE_HEIGHT if landscape else PAGE_WIDTH
        return Emu(page - Mm(self.le_trai_mm) - Mm(self.le_phai_mm))

    def with_overrides(self, **changes: float) -> "PageLayout":
        return replace(self, **changes)


DEFAULT_LAYOUT = PageLayout()

# Header and closing tables (ND30 §2.1 observed widths: header 5.4–6.9 | 9.9–10.7 cm). The header
# table is wider than the text area by HEADER_OVERHANG, centred, as in the official files, so that
# the Quốc hiệu fits on one line in the right column and the agency lines have room on the left.
HEADER_OVERHANG = Cm(1.0)
CELL_MARGIN = Emu(int(Pt(108 / 20)))  # Word's default left/right cell margin, 108 twips
CLOSING_LEFT_FRACTION = 0.45


def header_columns(layout: "PageLayout") -> tuple[Length, Length]:
    """Widths of the header table's columns: the right one just holds the Quốc hiệu."""
    total = layout.text_width + HEADER_OVERHANG
    right = text_width(QUOC_HIEU, layout.co_chu_quoc_hieu, bold=True) + 2 * CELL_MARGIN + Cm(0.2)
    return Emu(int(total - right)), Emu(int(right))


def closing_columns(layout: "PageLayout", landscape: bool = False) -> tuple[Length, Length]:
    """Nơi nhận | signature: the closing table's two columns across the text width."""
    total = layout.text_width_for(landscape)
    left = Emu(int(total * CLOSING_LEFT_FRACTION))
    return left, Emu(int(total - left))

# Rule lengths (fraction of the text line above them).
AGENCY_RULE_FRACTION = 0.40  # 1/3–1/2 (CHK-12)
TRICH_YEU_RULE_FRACTION = 0.40  # 1/3–1/2 (CHK-17)
TIEU_NGU_RULE_FRACTION = 1.0  # as long as the Tiêu ngữ (CHK-10)

# Kính gửi: the label is indented; a list of recipients starts under the colon (ND30 ô 9a).
KINH_GUI_INDENT = Cm(3.5)

# Signature block: room for the hand signature and the seal before the name.
SIGNATURE_SPACE = Pt(72)


@dataclass(frozen=True)
class StyleSpec:
    """One named paragraph style of the ND30 document set."""

    name: str
    style_id: str
    size: str  # which PageLayout size attribute, or a fixed number as text ("11")
    bold: bool = False
    italic: bool = False
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER
    first_line: bool = False  # use the body first-line indent
    space_before: float = 0  # pt
    space_after: float = 0  # pt
    body_spacing: bool = False  # use the body's line spacing and paragraph gap
    keep_with_next: bool = False
    base: str = "Normal"
    color: str | None = None  # RGB hex; only certificates use a colour (red lines, spec §5.3)
    exact_line_pt: float | None = None  # an exact line height (pt) instead of single spacing


J = WD_ALIGN_PARAGRAPH

# Every role of the document set has a named style so a reviewer can restyle it in Word.
STYLES: tuple[StyleSpec, ...] = (
    # Header, left column
    StyleSpec("VB Co quan chu quan", "VBCoQuanChuQuan", "co_chu_co_quan"),
    StyleSpec("VB Co quan ban hanh", "VBCoQuanBanHanh", "co_chu_co_quan", bold=True),
    StyleSpec("VB So ky hieu", "VBSoKyHieu", "13"),
    StyleSpec("VB Trich yeu cong van", "VBTrichYeuCongVan", "13", space_before=6),
    # Header, right column
    StyleSpec("VB Quoc hieu", "VBQuocHieu", "co_chu_quoc_hieu", bold=True),
    StyleSpec("VB Tieu ngu", "VBTieuNgu", "co_chu_tieu_ngu", bold=True),
    StyleSpec("VB Dia danh ngay thang", "VBDiaDanhNgayThang", "co_chu_ngay_thang", italic=True),
    # Rules drawn as paragraph borders (indents set by the finishing pass)
    StyleSpec("VB Duong ke", "VBDuongKe", "2", space_after=6),
    # Title block
    StyleSpec("VB Ten loai", "VBTenLoai", "co_chu_noi_dung", bold=True, space_before=12, keep_with_next=True),
    StyleSpec("VB Trich yeu", "VBTrichYeu", "co_chu_noi_dung", bold=True, keep_with_next=True),
    StyleSpec("VB Kinh gui", "VBKinhGui", "co_chu_noi_dung", align=J.LEFT, space_before=6, space_after=3),
    StyleSpec("VB Kinh gui muc", "VBKinhGuiMuc", "co_chu_noi_dung", align=J.LEFT, space_after=3),
    StyleSpec("VB Tham quyen", "VBThamQuyen", "co_chu_noi_dung", bold=True, space_before=6, space_after=6),
    # Body
    StyleSpec("VB Noi dung", "VBNoiDung", "co_chu_noi_dung", align=J.JUSTIFY, first_line=True, body_spacing=True),
    StyleSpec("VB Can cu", "VBCanCu", "co_chu_noi_dung", italic=True, align=J.JUSTIFY, first_line=True,
              body_spacing=True, base="VBNoiDung"),
    StyleSpec("VB Muc 1", "VBMuc1", "co_chu_noi_dung", bold=True, align=J.JUSTIFY, first_line=True,
              body_spacing=True, keep_with_next=True, base="VBNoiDung"),
    StyleSpec("VB Muc 2", "VBMuc2", "co_chu_noi_dung", bold=True, align=J.JUSTIFY, first_line=True,
              body_spacing=True, keep_with_next=True, base="VBNoiDung"),
    StyleSpec("VB Muc 3", "VBMuc3", "co_chu_noi_dung", bold=True, italic=True, align=J.JUSTIFY, first_line=True,
              body_spacing=True, keep_with_next=True, base="VBNoiDung"),
    StyleSpec("VB Liet ke", "VBLietKe", "co_chu_noi_dung", align=J.JUSTIFY, first_line=True, body_spacing=True,
              base="VBNoiDung"),
    # Structure headings (ND30-PHAN/-CHUONG/-MUC): "Chương I" centred bold, its caps title under it
    StyleSpec("VB Chuong", "VBChuong", "co_chu_noi_dung", bold=True, space_before=6, keep_with_next=True),
    StyleSpec("VB Chuong ten", "VBChuongTen", "co_chu_noi_dung", bold=True, space_after=6, keep_with_next=True),
    # An article heading on its own line ("Điều 1. Phạm vi điều chỉnh"), bold (ND30-DIEU)
    StyleSpec("VB Dieu", "VBDieu", "co_chu_noi_dung", bold=True, align=J.JUSTIFY, first_line=True,
              body_spacing=True, keep_with_next=True, base="VBNoiDung"),
    # Section break before an appendix or the next decision of a print file (empty paragraph)
    StyleSpec("VB Ngat phan", "VBNgatPhan", "2"),
    # A page break inside the body (an empty paragraph holding the break)
    StyleSpec("VB Ngat trang", "VBNgatTrang", "2"),
    # Appendix heading "Phụ lục I" (ND30-PL-HEAD: 14 pt bold), form label top right, unit line
    StyleSpec("VB Phu luc", "VBPhuLuc", "14", bold=True, keep_with_next=True),
    StyleSpec("VB Bieu mau", "VBBieuMau", "co_chu_noi_dung", bold=True, align=J.RIGHT, space_after=6),
    StyleSpec("VB Don vi tinh", "VBDonViTinh", "13", italic=True, align=J.RIGHT, space_after=3),
    # Appendix / attached list (ND30 PL-TITLE, PL-REF)
    StyleSpec("VB Phu luc tieu de", "VBPhuLucTieuDe", "co_chu_noi_dung", bold=True, keep_with_next=True),
    StyleSpec("VB Phu luc kem theo", "VBPhuLucKemTheo", "co_chu_noi_dung", italic=True, keep_with_next=True),
    StyleSpec("VB Bang chu", "VBBangChu", "co_chu_noi_dung", italic=True, align=J.LEFT, space_before=6),
    # Tables inside the body (report targets, lists of awardees)
    StyleSpec("VB Bang", "VBBang", "13", align=J.LEFT),
    StyleSpec("VB Bang so", "VBBangSo", "13", align=J.RIGHT),
    StyleSpec("VB Bang giua", "VBBangGiua", "13"),
    StyleSpec("VB Bang tieu de", "VBBangTieuDe", "13", bold=True),
    # Closing
    StyleSpec("VB Noi nhan nhan", "VBNoiNhanNhan", "12", bold=True, italic=True, align=J.LEFT),
    StyleSpec("VB Noi nhan muc", "VBNoiNhanMuc", "11", align=J.LEFT),
    StyleSpec("VB Quyen han ky", "VBQuyenHanKy", "co_chu_noi_dung", bold=True),
    StyleSpec("VB Ho ten ky", "VBHoTenKy", "co_chu_noi_dung", bold=True, space_before=SIGNATURE_SPACE.pt),
    # Page number in the header
    StyleSpec("VB So trang", "VBSoTrang", "co_chu_noi_dung"),
)

# Centred headings set in balanced lines by the finishing pass (``generator.linebreak``): never a
# word alone on the last line. Not the certificate's lines: their bands have fixed heights.
BALANCED_HEADINGS = ("VBTenLoai", "VBTrichYeu", "VBTrichYeuCongVan", "VBThamQuyen", "VBChuong", "VBChuongTen",
                     "VBPhuLuc", "VBPhuLucTieuDe", "VBPhuLucKemTheo")

# The Giấy khen certificate (spec thi-dua-khen-thuong §5.3): A4 landscape, its own styles, red
# where the decree's certificate layout says red. Only the certificate templates carry these.
# Sizes as printed certificates have them (larger than an administrative document's): Quốc hiệu
# 14 pt and Tiêu ngữ 15 pt bold, the authority 16 pt bold red, "GIẤY KHEN" 44 pt bold red, the
# recipient's name 24 pt bold italic, the lines under it 15 pt.
RED = "C00000"
GREY = "808080"  # the calibration page's grid labels
CERTIFICATE_STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("VB GK Quoc hieu", "VBGKQuocHieu", "14", bold=True),
    StyleSpec("VB GK Tieu ngu", "VBGKTieuNgu", "15", bold=True),
    StyleSpec("VB GK Tham quyen", "VBGKThamQuyen", "16", bold=True, color=RED),
    StyleSpec("VB GK Tang", "VBGKTang", "16", bold=True),
    StyleSpec("VB GK Giay khen", "VBGKGiayKhen", "44", bold=True, color=RED),
    StyleSpec("VB GK Ten", "VBGKTen", "24", bold=True, italic=True),
    StyleSpec("VB GK Dong", "VBGKDong", "15"),
    StyleSpec("VB GK Thanh tich", "VBGKThanhTich", "15", italic=True),
    StyleSpec("VB GK Chan", "VBGKChan", "13", bold=True, italic=True),
    StyleSpec("VB GK Ngay", "VBGKNgay", "14", bold=True, italic=True, space_after=3),
    StyleSpec("VB GK Ky", "VBGKKy", "14", bold=True),
    StyleSpec("VB GK Ho ten ky", "VBGKHoTenKy", "14", bold=True, space_before=SIGNATURE_SPACE.pt - 12),
    # The paragraph Word needs after the certificate's table: 1 pt high, so it never makes a page.
    StyleSpec("VB GK Ket", "VBGKKet", "1", exact_line_pt=1),
    # Calibration page: the label of each field's box.
    StyleSpec("VB GK Nhan", "VBGKNhan", "8", align=J.LEFT, color=GREY),
)
CERTIFICATE_MARGIN_MM = 15
CERTIFICATE_MARGIN = Mm(CERTIFICATE_MARGIN_MM)


@dataclass(frozen=True)
class CertificateBand:
    """One horizontal band of the certificate: a row of fixed height, its content aligned in it
    (exact for the stock's printed text; at least that high for a field, which would rather grow
    than lose a word).

    The certificate is a stack of bands filling the page between the margins, so every field has
    a fixed place whatever the length of the others: the printed page has no empty band at the
    bottom, and text printed onto pre-printed stock lands where the stock leaves room for it."""

    key: str  # the field (or fixed text) printed in it
    height_mm: float
    valign: str = "center"  # top | center | bottom
    fixed: bool = False  # printed on the stock (Quốc hiệu, "GIẤY KHEN"), left out on phôi
    label: str = ""  # its name on the calibration page


@dataclass(frozen=True)
class CertificateStock:
    """A certificate paper size and where each band lies on it (mm from the sheet's edges)."""

    name: str  # the profile's ``giay_khen.phoi``
    width_mm: float
    height_mm: float
    margin_mm: float
    bands: tuple[CertificateBand, ...]

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - 2 * self.margin_mm

    def band_top_mm(self, key: str) -> float:
        """Distance from the sheet's top edge to the top of a band (no offsets)."""
        top = self.margin_mm
        for band in self.bands:
            if band.key == key:
                return top
            top += band.height_mm
        raise KeyError(key)


# ND 98/2023 Art. 104 (kept by ND 152/2025) fixes the Giấy khen at 297 × 210 mm, landscape; stock
# sold for it is that size (A3 stock is the Bằng khen's). Bands total 176 of the 180 mm between the
# margins; the rest holds the 1 pt closing paragraph and the section break of a print file.
CERTIFICATE_BANDS: tuple[CertificateBand, ...] = (
    CertificateBand("quoc_hieu", 19, fixed=True, label="Quốc hiệu, Tiêu ngữ (in sẵn)"),
    CertificateBand("tham_quyen", 16, label="Thẩm quyền"),
    CertificateBand("tang", 9, fixed=True, label="TẶNG (in sẵn)"),
    CertificateBand("giay_khen", 22, fixed=True, label="GIẤY KHEN (in sẵn)"),
    CertificateBand("ho_ten", 20, label="Họ tên"),
    CertificateBand("chuc_vu_don_vi", 14, label="Chức vụ, đơn vị"),
    CertificateBand("thanh_tich", 22, label="Thành tích"),
    CertificateBand("chan", 54, valign="bottom", label="Quyết định, số sổ vàng | ngày tháng, người ký"),
)
CERTIFICATE_STOCKS: dict[str, CertificateStock] = {
    "A4-ngang": CertificateStock("A4-ngang", 297, 210, CERTIFICATE_MARGIN_MM, CERTIFICATE_BANDS),
}
DEFAULT_STOCK = "A4-ngang"
# How far the profile may shift the printed fields on the stock (each way, mm): the margins stay
# at least 5 mm, which every office printer can print.
CERTIFICATE_OFFSET_LIMIT_MM = 10

STYLE_BY_ID = {s.style_id: s for s in (*STYLES, *CERTIFICATE_STYLES)}


def style_size(spec: StyleSpec, layout: PageLayout) -> Pt:
    """The point size of a style under a layout."""
    if spec.size.replace(".", "").isdigit():
        return Pt(float(spec.size))
    return Pt(getattr(layout, spec.size))


# Times New Roman advance widths (units per em = 2048), regular and bold, for the characters that
# appear in header lines. Vietnamese letters take the width of their base letter: diacritics do not
# change the advance. Used to size the rules under the Tiêu ngữ, the agency name and the trích yếu.
# Measured from Liberation Serif, which is metric-compatible with Times New Roman.
_UNITS_PER_EM = 2048
_REGULAR = {
    " ": 512, "-": 682, ",": 512, ".": 512, "/": 569, "(": 682, ")": 682, ":": 569, ";": 569,
    "\"": 836, "'": 369, "“": 909, "”": 909, "–": 1024,
    "%": 1706, "&": 1593, "—": 2048, "…": 2048, "+": 1155, "=": 1155, "*": 1024, "!": 682, "?": 909,
    "[": 682, "]": 682, "’": 682, "‘": 682, "×": 1155, "<": 1155, ">": 1155, "@": 1886, "°": 819,
    "0": 1024, "1": 1024, "2": 1024, "3": 1024, "4": 1024, "5": 1024, "6": 1024, "7": 1024,
    "8": 1024, "9": 1024,
    "A": 1479, "B": 1366, "C": 1366, "D": 1479, "E": 1251, "F": 1139, "G": 1479, "H": 1479,
    "I": 682, "J": 797, "K": 1479, "L": 1251, "M": 1821, "N": 1479, "O": 1479, "P": 1139,
    "Q": 1479, "R": 1366, "S": 1139, "T": 1251, "U": 1479, "V": 1479, "W": 1933, "X": 1479,
    "Y": 1479, "Z": 1251,
    "a": 909, "b": 1024, "c": 909, "d": 1024, "e": 909, "f": 682, "g": 1024, "h": 1024,
    "i": 569, "j": 569, "k": 1024, "l": 569, "m": 1593, "n": 1024, "o": 1024, "p": 1024,
    "q": 1024, "r": 682, "s": 797, "t": 569, "u": 1024, "v": 1024, "w": 1479, "x": 1024,
    "y": 1024, "z": 909,
}
_BOLD = {
    " ": 512, "-": 682, ",": 512, ".": 512, "/": 569, "(": 682, ")": 682, ":": 682, ";": 682,
    "\"": 1137, "'": 569, "“": 1024, "”": 1024, "–": 1024,
    "%": 2048, "&": 1706, "—": 2048, "…": 2048, "+": 1167, "=": 1167, "*": 1024, "!": 682, "?": 1024,
    "[": 682, "]": 682, "’": 682, "‘": 682, "×": 1167, "<": 1167, ">": 1167, "@": 1905, "°": 819,
    "0": 1024, "1": 1024, "2": 1024, "3": 1024, "4": 1024, "5": 1024, "6": 1024, "7": 1024,
    "8": 1024, "9": 1024,
    "A": 1479, "B": 1366, "C": 1479, "D": 1479, "E": 1366, "F": 1251, "G": 1593, "H": 1593,
    "I": 797, "J": 1024, "K": 1593, "L": 1366, "M": 1933, "N": 1479, "O": 1593, "P": 1251,
    "Q": 1593, "R": 1479, "S": 1139, "T": 1366, "U": 1479, "V": 1479, "W": 2048, "X": 1479,
    "Y": 1479, "Z": 1366,
    "a": 1024, "b": 1139, "c": 909, "d": 1139, "e": 909, "f": 682, "g": 1024, "h": 1139,
    "i": 569, "j": 682, "k": 1139, "l": 569, "m": 1706, "n": 1139, "o": 1024, "p": 1139,
    "q": 1139, "r": 909, "s": 797, "t": 682, "u": 1139, "v": 1024, "w": 1479, "x": 1024,
    "y": 1024, "z": 909,
}


@lru_cache(maxsize=4096)
def _units(ch: str, bold: bool) -> int:
    """Advance width of one character (font units); a Vietnamese letter takes its base letter's."""
    table = _BOLD if bold else _REGULAR
    if ch in table:
        return table[ch]
    base = "d" if ch == "đ" else "D" if ch == "Đ" else (unicodedata.normalize("NFD", ch) or ch)[0]
    return table.get(base, 1024)


def text_units(text: str, bold: bool = False) -> int:
    """Advance width of ``text`` in font units (:data:`UNITS_PER_EM` to the em)."""
    return sum(_units(ch, bold) for ch in text)


UNITS_PER_EM = _UNITS_PER_EM


def _to_length(units: int, size_pt: float) -> Length:
    return Emu(int(units / _UNITS_PER_EM * Pt(size_pt)))


def text_width(text: str, size_pt: float, bold: bool = False) -> Length:
    """Estimated rendered width of one line of Times New Roman text."""
    return _to_length(sum(_units(ch, bold) for ch in text), size_pt)


def dash_hang(size_pt: float) -> Length:
    """Hanging indent of a ``- `` list line (Nơi nhận, Kính gửi): the width of its ``- ``, so that
    a line that wraps goes on under the text and the dash stands out (ND30-NN-ITEM, ND30-KG)."""
    return Emu(int(text_width("- ", size_pt).twips) * 635)


@lru_cache(maxsize=1024)
def line_widths(text: str, size_pt: float, bold: bool, available: Length) -> tuple[Length, ...]:
    """Greedy word-wrap of ``text`` into lines no wider than ``available``; their widths."""
    limit = available * _UNITS_PER_EM / Pt(size_pt)  # in font units
    space = _units(" ", bold)
    widths: list[Length] = []
    for hard_line in text.split("\n"):
        current = -1  # units of the line so far; -1 = empty
        for word in hard_line.split(" "):
            width = sum(_units(ch, bold) for ch in word)
            if current < 0:
                current = width
            elif current + space + width > limit:
                widths.append(_to_length(current, size_pt))
                current = width
            else:
                current += space + width
        widths.append(_to_length(max(current, 0), size_pt))
    return tuple(widths)


__all__ = [
    "Cm",
    "DEFAULT_LAYOUT",
    "FONT_NAME",
    "PageLayout",
    "STYLES",
    "StyleSpec",
    "line_widths",
    "style_size",
    "text_width",
]
