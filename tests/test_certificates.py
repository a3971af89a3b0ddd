"""Giấy khen as printed: certificate sizes, a page filled top to bottom, pre-printed stock with the
agency's measured offsets, and the calibration page that measures them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from openpyxl import load_workbook

import cli
from generator import batch, certificates, layout as L
from generator.lint import lint_file
from generator.model import AgencyProfile
from tests.conftest import SAMPLES, SHARED
from tests.docx_helpers import NS, paragraphs, part, q
from tests.libreoffice import needs_libreoffice

SHEET = SAMPLES / "khen-thuong" / "danh-sach.xlsx"
FORM = SAMPLES / "khen-thuong" / "quyet-dinh.yaml"
VALIDATOR = SHARED / "tools" / "ooxml" / "ooxml_validate.py"
AWARDEES = 30

# The longest values an office realistically prints on a Giấy khen.
LONG_AGENCY = "Ban Quản lý các Khu chế xuất và công nghiệp Thành phố Hồ Chí Minh"
LONG_COLLECTIVE = "Công ty Trách nhiệm hữu hạn Một thành viên Phát triển Khu công nghiệp Đình Vũ - Hải Phòng"
LONG_UNIT = "Tổng công ty Đầu tư Phát triển Khu công nghiệp và Đô thị Hải Phòng, Ban Quản lý Khu kinh tế Hải Phòng"
LONG_NAME = "Tôn Nữ Thị Hoàng Phương Thảo"
LONG_POSITION = "Phó Trưởng phòng Quản lý quy hoạch và xây dựng, kiêm Giám đốc Trung tâm Dịch vụ khu công nghiệp"
LONG_CITATION = ("đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025, góp phần vào sự nghiệp xây dựng và "
                 "phát triển các khu công nghiệp, khu kinh tế, thu hút đầu tư, cải cách hành chính và xây dựng "
                 "Ban Quản lý Khu kinh tế Hải Phòng trong sạch, vững mạnh")


def _workdir(tmp_path: Path, profile_extra: str = "") -> Path:
    """A copy of the commendation samples; ``profile_extra`` is appended to the agency profile."""
    profile = (SAMPLES / "co-quan.yaml").read_text(encoding="utf-8") + profile_extra
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "co-quan.yaml").write_text(profile, encoding="utf-8")
    folder = tmp_path / "khen-thuong"
    folder.mkdir()
    shutil.copy(SHEET, folder / "danh-sach.xlsx")
    shutil.copy(FORM, folder / "quyet-dinh.yaml")
    return folder


def _certificates(folder: Path, out: Path, *, pre_printed: bool = False) -> Path:
    options = batch.Options(group_by="Quyết định", certificates=True, pre_printed=pre_printed)
    batch.run(batch.plan(folder / "danh-sach.xlsx", folder / "quyet-dinh.yaml", out, options))
    return out / ("giay-khen-in-phoi.docx" if pre_printed else "giay-khen.docx")


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("gk-plain")
    return _certificates(_workdir(base), base / "out")


@pytest.fixture(scope="module")
def longest(tmp_path_factory) -> Path:
    """Certificates with the longest realistic agency, names, positions, units and citations."""
    base = tmp_path_factory.mktemp("gk-long")
    profile = (SAMPLES / "co-quan.yaml").read_text(encoding="utf-8")
    folder = _workdir(base)
    (base / "co-quan.yaml").write_text(
        profile.replace("co_quan_ban_hanh: Ban Quản lý Khu kinh tế Hải Phòng", f"co_quan_ban_hanh: {LONG_AGENCY}"),
        encoding="utf-8")
    workbook = load_workbook(folder / "danh-sach.xlsx")
    sheet = workbook.active
    for row in range(2, sheet.max_row + 1):
        collective = sheet[f"C{row}"].value != "Cá nhân"
        sheet[f"D{row}"] = LONG_COLLECTIVE if collective else LONG_NAME
        sheet[f"E{row}"] = None if collective else LONG_POSITION
        sheet[f"F{row}"] = LONG_UNIT
        sheet[f"H{row}"] = LONG_CITATION
    workbook.save(folder / "danh-sach.xlsx")
    return _certificates(folder, base / "out")


def _style(path: Path, style_id: str):
    styles = part(path, "word/styles.xml")
    return styles.find(f"w:style[@w:styleId='{style_id}']", NS)


def _size_pt(style) -> float:
    return int(style.find("w:rPr/w:sz", NS).get(q("w:val"))) / 2


def _on(style, tag: str) -> bool:
    element = style.find(f"w:rPr/w:{tag}", NS)
    return element is not None and element.get(q("w:val")) in (None, "1", "true", "on")


# --------------------------------------------------------------------------------------------
# Sizes and balance


@pytest.mark.parametrize(("style_id", "size", "bold", "italic", "red"), [
    ("VBGKQuocHieu", 14, True, False, False),
    ("VBGKTieuNgu", 15, True, False, False),
    ("VBGKThamQuyen", 16, True, False, True),
    ("VBGKTang", 16, True, False, False),
    ("VBGKGiayKhen", 44, True, False, True),
    ("VBGKTen", 24, True, True, False),
    ("VBGKDong", 15, False, False, False),
    ("VBGKThanhTich", 15, False, True, False),
], ids=["quoc-hieu", "tieu-ngu", "tham-quyen", "tang", "giay-khen", "ten", "chuc-vu-don-vi", "thanh-tich"])
def test_the_certificate_lines_have_the_sizes_of_printed_certificates(plain, style_id, size, bold, italic, red):
    style = _style(plain, style_id)
    assert _size_pt(style) == size
    assert _on(style, "b") is bold and _on(style, "i") is italic
    color = style.find("w:rPr/w:color", NS)
    assert (color is not None and color.get(q("w:val")) == L.RED) is red


def test_the_bands_fill_the_page_between_the_margins_with_room_for_the_section_break(plain):
    body = part(plain, "word/document.xml").find("w:body", NS)
    table = body.find("w:tbl", NS)
    heights = [int(tr.find("w:trPr/w:trHeight", NS).get(q("w:val"))) for tr in table.findall("w:tr", NS)]
    stock = L.CERTIFICATE_STOCKS["A4-ngang"]
    assert heights == [round(band.height_mm * 1440 / 25.4) for band in stock.bands]
    margins = body.find("w:sectPr/w:pgMar", NS)
    size = body.find("w:sectPr/w:pgSz", NS)
    free = int(size.get(q("w:h"))) - int(margins.get(q("w:top"))) - int(margins.get(q("w:bottom")))
    assert 0 < free - sum(heights) <= round(5 * 1440 / 25.4)  # filled to within 5 mm, never overfull


def test_the_certificate_keeps_its_order_of_lines_and_its_red_title(plain):
    texts = [p.text for p in paragraphs(plain)[:12]]
    assert texts[:6] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
                         "TRƯỞNG BAN BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG", "TẶNG", "GIẤY KHEN"]
    assert texts[6] == "Phòng Quản lý đầu tư"


# --------------------------------------------------------------------------------------------
# Pre-printed stock: offsets from the profile


def _margins(path: Path) -> list[dict[str, int]]:
    body = part(path, "word/document.xml").find("w:body", NS)
    return [{side: int(m.get(q(f"w:{side}"))) for side in ("top", "bottom", "left", "right")}
            for m in body.iter(q("w:pgMar"))]


def test_offsets_from_the_profile_move_every_field_of_every_certificate_by_exactly_that_many_twips(tmp_path):
    base = _certificates(_workdir(tmp_path / "a"), tmp_path / "a" / "out", pre_printed=True)
    extra = "\ngiay_khen:\n  phoi: A4-ngang\n  lech_ngang_mm: 2\n  lech_doc_mm: -1,5\n"
    moved = _certificates(_workdir(tmp_path / "b", extra), tmp_path / "b" / "out", pre_printed=True)
    before, after = _margins(base), _margins(moved)
    assert len(before) == len(after) == AWARDEES  # one section per certificate
    dx, dy = round(2 * 1440 / 25.4), round(-1.5 * 1440 / 25.4)
    assert (dx, dy) == (113, -85)
    for old, new in zip(before, after):
        assert new == {"left": old["left"] + dx, "right": old["right"] - dx,
                       "top": old["top"] + dy, "bottom": old["bottom"] - dy}
    # The fields themselves are untouched: the same text in the same bands.
    assert [p.text for p in paragraphs(base)] == [p.text for p in paragraphs(moved)]


def test_offsets_do_not_move_the_certificate_printed_on_plain_paper(tmp_path):
    extra = "\ngiay_khen:\n  lech_ngang_mm: 4\n  lech_doc_mm: 3\n"
    plain_a = _certificates(_workdir(tmp_path / "a"), tmp_path / "a" / "out")
    plain_b = _certificates(_workdir(tmp_path / "b", extra), tmp_path / "b" / "out")
    assert _margins(plain_a) == _margins(plain_b)


def test_pre_printed_certificates_print_only_the_fields_without_border_or_rule(tmp_path):
    path = _certificates(_workdir(tmp_path), tmp_path / "out", pre_printed=True)
    texts = {p.text for p in paragraphs(path)}
    assert not texts & {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "TẶNG", "GIẤY KHEN"}
    assert {"Nguyễn Thị Thu Hà", "TRƯỞNG BAN BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG", "Số sổ vàng: 1"} <= texts
    document = part(path, "word/document.xml")
    assert document.find(".//w:pgBorders", NS) is None
    assert all(p.find("w:pPr/w:pBdr/w:bottom", NS).get(q("w:val")) == "nil"
               for p in document.iter(q("w:p")) if p.find("w:pPr/w:pStyle[@w:val='VBDuongKe']", NS) is not None)


@pytest.mark.parametrize(("yaml", "field", "code"), [
    ("  phoi: A3-doc\n", "giay_khen.phoi", "certificate_stock_unknown"),
    ("  lech_ngang_mm: 10.5\n", "giay_khen.lech_ngang_mm", "certificate_offset_out_of_range"),
    ("  lech_doc_mm: -11\n", "giay_khen.lech_doc_mm", "certificate_offset_out_of_range"),
    ("  lech_doc_mm: hai\n", "giay_khen.lech_doc_mm", "certificate_offset_invalid"),
    ("  lech_ngang_mm: true\n", "giay_khen.lech_ngang_mm", "certificate_offset_invalid"),
    ("  lech_ngang_mm: .nan\n", "giay_khen.lech_ngang_mm", "certificate_offset_out_of_range"),
    ("  le_trai_mm: 3\n", "giay_khen.le_trai_mm", "extra_forbidden"),
], ids=["unknown-stock", "too-far-right", "too-far-up", "not-a-number", "a-boolean", "nan", "unknown-key"])
def test_a_bad_stock_setting_stops_the_batch_naming_the_profile_line_and_nothing_is_written(
        runner, tmp_path, yaml, field, code):
    folder = _workdir(tmp_path, "\ngiay_khen:\n" + yaml)
    line = len((tmp_path / "co-quan.yaml").read_text(encoding="utf-8").splitlines())
    out = tmp_path / "out"
    result = runner.invoke(cli.main, ["batch", str(folder / "danh-sach.xlsx"), "--form",
                                      str(folder / "quyet-dinh.yaml"), "-o", str(out), "--group-by",
                                      "Quyết định", "--certificates", "--pre-printed"])
    assert result.exit_code == 4, result.output
    assert f"co-quan.yaml:{line} {field}:" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_every_bad_stock_setting_is_reported_at_once_in_english_on_request(runner, tmp_path):
    profile = tmp_path / "co-quan.yaml"
    profile.write_text((SAMPLES / "co-quan.yaml").read_text(encoding="utf-8")
                       + "\ngiay_khen:\n  phoi: A5\n  lech_ngang_mm: 12\n  lech_doc_mm: abc\n", encoding="utf-8")
    result = runner.invoke(cli.main, ["--lang", "en", "giay-khen-can-chinh", "--profile", str(profile),
                                      "-o", str(tmp_path / "c.docx")])
    assert result.exit_code == 4
    assert "unknown certificate stock 'A5'; known: A4-ngang" in result.stderr
    assert "a shift of 12 mm is too large: it must lie between -10 and 10 mm" in result.stderr
    assert "'abc' is not a number of millimetres" in result.stderr
    assert not (tmp_path / "c.docx").exists()


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=-10, max_value=10, allow_nan=False))
def test_any_offset_within_ten_millimetres_is_accepted_and_applied_to_the_nearest_twip(mm):
    text = f"{mm!r}".replace(".", ",")
    profile = AgencyProfile.model_validate({"co_quan_ban_hanh": "Ban X", "ma_co_quan": "BX", "dia_danh": "Y",
                                            "giay_khen": {"lech_ngang_mm": mm, "lech_doc_mm": text}})
    assert profile.giay_khen.lech_ngang_mm == profile.giay_khen.lech_doc_mm == mm
    assert abs(certificates.offset_twips(mm) - mm * 1440 / 25.4) <= 0.5


# --------------------------------------------------------------------------------------------
# The calibration page


@pytest.fixture(scope="module")
def calibration(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("gk-cal")
    profile = base / "co-quan.yaml"
    profile.write_text((SAMPLES / "co-quan.yaml").read_text(encoding="utf-8")
                       + "\ngiay_khen:\n  lech_ngang_mm: 2\n  lech_doc_mm: '-1,5'\n", encoding="utf-8")
    from click.testing import CliRunner

    result = CliRunner().invoke(cli.main, ["giay-khen-can-chinh", "--profile", str(profile),
                                           "-o", str(base / "can-chinh.docx")])
    assert result.exit_code == 0, result.output
    assert "đã ghi trang căn chỉnh" in result.stderr and "lệch ngang 2 mm, dọc -1.5 mm" in result.stderr
    return base / "can-chinh.docx"


def test_the_calibration_page_draws_every_band_where_the_certificate_prints_it(calibration):
    body = part(calibration, "word/document.xml").find("w:body", NS)
    table = body.find("w:tbl", NS)
    stock = L.CERTIFICATE_STOCKS["A4-ngang"]
    rows = table.findall("w:tr", NS)
    assert [int(tr.find("w:trPr/w:trHeight", NS).get(q("w:val"))) for tr in rows] == \
        [round(band.height_mm * 1440 / 25.4) for band in stock.bands]
    assert table.find("w:tblPr/w:tblBorders/w:insideV", NS).get(q("w:val")) == "single"  # the centre line
    texts = [p.text for p in paragraphs(calibration)]
    assert "GIẤY KHEN (in sẵn)" in texts and "cách mép trên 59 mm, cao 22 mm" in texts
    assert "Phôi A4-ngang; độ lệch đang dùng: ngang +2 mm, dọc -1,5 mm" in texts
    (margins,) = _margins(calibration)
    edge = round(stock.margin_mm * 1440 / 25.4)
    assert margins == {"left": edge + 113, "right": edge - 113, "top": edge - 85, "bottom": edge + 85}


def test_the_calibration_page_lints_clean_and_never_overwrites_without_force(calibration, runner):
    assert not lint_file(calibration).errors
    again = runner.invoke(cli.main, ["giay-khen-can-chinh", "-o", str(calibration)])
    assert again.exit_code == 7 and "--force" in again.stderr
    forced = runner.invoke(cli.main, ["giay-khen-can-chinh", "-o", str(calibration), "--force"])
    assert forced.exit_code == 0


@pytest.mark.parametrize("which", ["plain", "pre_printed", "calibration"])
def test_certificates_and_the_calibration_page_are_valid_wordprocessingml(which, plain, calibration, tmp_path):
    if not VALIDATOR.exists():
        pytest.skip("the OOXML schema validator is not installed")
    path = {"plain": plain, "calibration": calibration}.get(which)
    if path is None:
        path = _certificates(_workdir(tmp_path, "\ngiay_khen:\n  lech_doc_mm: 3\n"), tmp_path / "out",
                             pre_printed=True)
    assert not lint_file(path).errors
    result = subprocess.run([sys.executable, str(VALIDATOR), "--word", str(path)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


# --------------------------------------------------------------------------------------------
# Rendered by LibreOffice: one page per certificate, ink centred on the page


@pytest.fixture(scope="module")
def pdfs(plain, longest, calibration, tmp_path_factory) -> dict[str, Path]:
    from generator.pdf import convert_to_pdf

    out = tmp_path_factory.mktemp("gk-pdf")
    sources = {"plain": plain, "longest": longest, "calibration": calibration}
    staged = []
    for name, path in sources.items():
        target = out / f"{name}.docx"
        shutil.copy(path, target)
        staged.append(target)
    convert_to_pdf(staged, out)
    return {name: out / f"{name}.pdf" for name in sources}


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def _ink(pdf: Path) -> list[tuple[float, float, float]]:
    """Per page: (page height, top of the highest word, bottom of the lowest word), in points."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    result = []
    for page in re.findall(r"<page [^>]*height=\"([\d.]+)\">(.*?)</page>", html, re.DOTALL):
        height, words = float(page[0]), page[1]
        tops = [float(y) for y in re.findall(r'yMin="([\d.]+)"', words)]
        bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', words)]
        result.append((height, min(tops), max(bottoms)))
    return result


@pytest.mark.libreoffice
@needs_libreoffice
@pytest.mark.parametrize("which", ["plain", "longest"])
def test_each_certificate_is_one_page_even_with_the_longest_realistic_values(pdfs, which):
    assert _pages(pdfs[which]) == AWARDEES


@pytest.mark.libreoffice
@needs_libreoffice
@pytest.mark.parametrize("which", ["plain", "longest"])
def test_the_ink_is_vertically_centred_with_no_empty_band_at_the_bottom(pdfs, which):
    tolerance = 8 / 25.4 * 72  # 8 mm
    for height, top, bottom in _ink(pdfs[which]):
        above, below = top, height - bottom
        assert abs(above - below) <= tolerance, (above, below)
        assert below <= 25 / 25.4 * 72  # the last line is within 25 mm of the sheet's bottom edge


@pytest.mark.libreoffice
@needs_libreoffice
def test_the_calibration_page_renders_as_one_page(pdfs):
    assert _pages(pdfs["calibration"]) == 1
    text = subprocess.run(["pdftotext", str(pdfs["calibration"]), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "GIẤY KHEN (in sẵn)" in text


@pytest.mark.parametrize("name", ["giay-khen.docx", "giay-khen-phoi.docx"])
def test_the_certificate_templates_use_exactly_the_keys_of_the_certificate_context(name):
    from generator.render import template_variables

    options = batch.Options(per_row=True, start_number=1)
    job = next(batch.plan(SHEET, FORM, Path("/nonexistent"), options).validate())
    context = certificates.certificate_context(job.model, job.model.danh_sach[0])
    assert template_variables(name) == set(context)


def test_the_calibration_template_uses_the_stock_and_the_two_offsets():
    from generator.render import template_variables

    assert template_variables("giay-khen-can-chinh.docx") == {"phoi", "lech_ngang", "lech_doc"}


def _awardee_context(**changes) -> dict:
    options = batch.Options(per_row=True, start_number=1)
    job = next(batch.plan(SHEET, FORM, Path("/nonexistent"), options).validate())
    return {**certificates.certificate_context(job.model, job.model.danh_sach[0]), **changes}


def test_the_longest_realistic_values_fit_their_bands_by_the_estimate():
    stock = L.CERTIFICATE_STOCKS["A4-ngang"]
    context = _awardee_context(tham_quyen=f"TRƯỞNG BAN {LONG_AGENCY.upper()}", ho_ten=LONG_COLLECTIVE,
                               chuc_vu_don_vi=f"{LONG_POSITION}, {LONG_UNIT}",
                               thanh_tich=certificates._sentence(LONG_CITATION))
    assert certificates.overflowing(context, stock) == []


def test_a_citation_too_long_for_its_band_is_a_warning_naming_the_awardee(runner, tmp_path):
    folder = _workdir(tmp_path)
    workbook = load_workbook(folder / "danh-sach.xlsx")
    workbook.active["H3"] = " ".join([LONG_CITATION] * 2)
    workbook.save(folder / "danh-sach.xlsx")
    result = runner.invoke(cli.main, ["batch", str(folder / "danh-sach.xlsx"), "--form",
                                      str(folder / "quyet-dinh.yaml"), "-o", str(tmp_path / "out"),
                                      "--group-by", "Quyết định", "--certificates"])
    assert result.exit_code == 0, result.output
    assert "Giấy khen STT 2 (Phòng Quản lý doanh nghiệp): thanh_tich cần khoảng 5 dòng" in result.stderr
    assert "chỉ đủ 3 dòng" in result.stderr
