"""Every document kind from its sample: golden XML and text; reports pull their plan's facts;
named distribution lists; Kính gửi; công văn and giấy mời specifics."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import cli
from generator import forms, pipeline
from generator.errors import ValidationFailed
from generator.kinds import KINDS
from tests.conftest import SAMPLES
from tests.docx_helpers import canonical, paragraphs, part, plain_text
from tests.forms import changed, write_yaml

GOLDEN = Path(__file__).parent / "golden"
SAMPLE_FORMS = pipeline.sample_forms(SAMPLES)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("samples")
    return {form.stem: pipeline.generate(form, out, mode="final").written[0] for form in SAMPLE_FORMS}


def test_every_kind_has_a_sample():
    kinds = {pipeline.check(form).spec.kind for form in SAMPLE_FORMS}
    assert kinds == set(KINDS)


@pytest.mark.parametrize("form", SAMPLE_FORMS, ids=lambda p: p.stem)
def test_each_sample_matches_its_golden_xml_and_text(rendered, update_golden, form):
    docx = rendered[form.stem]
    folder = GOLDEN / "samples" / form.stem
    actual = {"document.xml": canonical(part(docx, "word/document.xml")), "text.txt": plain_text(docx) + "\n"}
    if update_golden:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in actual.items():
            (folder / name).write_text(content, encoding="utf-8")
    for name, content in actual.items():
        assert (folder / name).exists(), f"run pytest --update-golden to create {folder / name}"
        assert content == (folder / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_starter_of_each_kind_passes_check_and_renders(runner, tmp_path, kind):
    if kind == "to-trinh":  # a proposal reads the decision form and the sheet its starter names
        runner.invoke(cli.main, ["new", "quyet-dinh-khen-thuong", "-o", str(tmp_path / "quyet-dinh-khen-thuong.yaml")])
        runner.invoke(cli.main, ["new", "quyet-dinh-khen-thuong", "--xlsx", "-o",
                                 str(tmp_path / "danh-sach-khen-thuong.xlsx")])
    target = tmp_path / f"{kind}.yaml"
    assert runner.invoke(cli.main, ["new", kind, "-o", str(target)]).exit_code == 0
    result = runner.invoke(cli.main, ["render", str(target), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / f"{kind}.docx").exists()


# --------------------------------------------------------------------------------------------
# Reports and their plan


@pytest.fixture
def plan_and_report(tmp_path) -> tuple[Path, Path]:
    for name in ("co-quan.yaml", "ke-hoach-1626-KH-BQL.yaml", "bao-cao-1626-giai-doan-1.yaml"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    return tmp_path / "ke-hoach-1626-KH-BQL.yaml", tmp_path / "bao-cao-1626-giai-doan-1.yaml"


def test_a_report_takes_number_date_issuer_and_phase_from_its_plan(rendered):
    # The trích yếu is set in balanced lines: read its line breaks as the spaces they replace.
    texts = [p.text.replace("\n", " ") for p in paragraphs(rendered["bao-cao-1626-giai-doan-1"])]
    assert ("Kết quả thực hiện Kế hoạch số 1626/KH-BQL ngày 13/4/2023 giai đoạn 1 "
            "(từ ngày 01/01/2023 đến ngày 30/4/2023)") in texts
    opening = next(t for t in texts if t.startswith("Thực hiện Kế hoạch"))
    assert opening.startswith("Thực hiện Kế hoạch số 1626/KH-BQL ngày 13/4/2023 của Ban Quản lý Khu kinh tế "
                              "Hải Phòng về phát động đợt thi đua đặc biệt")
    assert opening.endswith("báo cáo kết quả thực hiện giai đoạn 1 (từ ngày 01/01/2023 đến ngày 30/4/2023) như sau:")


def test_changing_the_plans_number_changes_the_report(plan_and_report, tmp_path):
    plan, report = plan_and_report
    plan.write_text(plan.read_text(encoding="utf-8").replace("so: 1626", "so: 1700"), encoding="utf-8")
    out = pipeline.generate(report, tmp_path / "out.docx").written[0]
    text = plain_text(out)
    assert "Kế hoạch số 1700/KH-BQL" in text and "1626/KH-BQL" not in text


def test_a_report_dated_after_its_phase_deadline_is_a_warning(plan_and_report):
    _, report = plan_and_report
    report.write_text(report.read_text(encoding="utf-8").replace("ngay: 28/4/2023", "ngay: 03/5/2023"),
                      encoding="utf-8")
    loaded = forms.load(report)
    [warning] = loaded.warnings
    assert warning.code == "report_after_deadline" and warning.field == "ngay"
    assert warning.params["deadline"] == "01/5/2023"


@pytest.mark.parametrize(
    "old,new,code",
    [("giai_doan: 1\n", "giai_doan: 4\n", "phase_unknown"),
     ("ke_hoach: ke-hoach-1626-KH-BQL.yaml", "ke_hoach: khong-co.yaml", "plan_not_found")],
    ids=["phase-not-in-plan", "plan-file-missing"],
)
def test_a_report_names_a_phase_and_plan_that_exist(plan_and_report, old, new, code):
    _, report = plan_and_report
    report.write_text(report.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        forms.load(report)
    assert code in {i.code for i in info.value.issues}


def test_a_report_needs_an_issued_plan(plan_and_report):
    plan, report = plan_and_report
    plan.write_text(plan.read_text(encoding="utf-8").replace("so: 1626\n", ""), encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        forms.load(report)
    assert "plan_not_final" in {i.code for i in info.value.issues}


def test_the_targets_table_computes_the_rate_with_one_decimal_and_repeats_its_header(rendered):
    document = part(rendered["bao-cao-1626-giai-doan-1"], "word/document.xml")
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    tables = document.findall("w:body/w:tbl", ns)
    targets = [t for t in tables if "Tỷ lệ (%)" in "".join(t.itertext())]
    assert len(targets) == 1
    rows = targets[0].findall("w:tr", ns)
    assert rows[0].find("w:trPr/w:tblHeader", ns) is not None
    cells = ["".join(tc.itertext()) for tc in rows[1].findall("w:tc", ns)]
    assert cells == ["1", "Vốn đầu tư thu hút 4 tháng đầu năm (triệu USD)", "800", "912,5", "114,1", ""]
    assert targets[0].find("w:tblPr/w:tblStyle", ns).get(f"{{{ns['w']}}}val") == "VBBangLuoi"


def test_sections_are_numbered_only_for_the_parts_written(rendered):
    headings = [p.text for p in paragraphs(rendered["bao-cao-1626-giai-doan-2"]) if p.style == "VBMuc1"]
    assert headings == ["I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI", "II. KẾT QUẢ THỰC HIỆN", "III. ĐÁNH GIÁ CHUNG",
                        "IV. ĐỀ XUẤT, KIẾN NGHỊ"]


# --------------------------------------------------------------------------------------------
# Kính gửi and Nơi nhận


def test_several_recipients_are_listed_under_kinh_gui_and_noi_nhan_starts_with_nhu_tren(rendered):
    paras = paragraphs(rendered["bao-cao-1626-giai-doan-1"])
    index = next(i for i, p in enumerate(paras) if p.text == "Kính gửi:")
    assert [p.text for p in paras[index + 1:index + 3]] == [
        "- Ủy ban nhân dân thành phố Hải Phòng;", "- Hội đồng Thi đua - Khen thưởng thành phố."]
    assert {p.style for p in paras[index + 1:index + 3]} == {"VBKinhGuiMuc"}
    closing = paras[-1].where.split(".")[0]
    left = [p.text for p in paras if p.where == f"{closing}.r0.c0"]
    assert left[:2] == ["Nơi nhận:", "- Như trên;"] and left[-1] == "- Lưu: VT, VP."


def test_one_recipient_stands_on_the_kinh_gui_line(tmp_path):
    form = write_yaml(tmp_path / "f.yaml", changed(kinh_gui="Ủy ban nhân dân tỉnh Nam Định"))
    out = pipeline.generate(form, tmp_path).written[0]
    assert "Kính gửi: Ủy ban nhân dân tỉnh Nam Định" in [p.text for p in paragraphs(out)]


def test_the_seed_plans_recipients_come_from_named_lists():
    loaded = forms.load(SAMPLES / "ke-hoach-1626-KH-BQL.yaml")
    assert loaded.model.noi_nhan == [
        "UBND thành phố", "Hội đồng TĐKT thành phố", "Sở Nội vụ (Ban TĐKT)", "Đảng ủy Khu kinh tế",
        "Đảng ủy Cơ quan", "Các phòng chuyên môn", "Các đơn vị sự nghiệp", "Các doanh nghiệp hạ tầng KCN",
        "Các doanh nghiệp thứ cấp trong các KCN, KKT", "Lưu: VT, VP"]


def _profile(tmp_path) -> None:
    write_yaml(tmp_path / "co-quan.yaml", {
        "co_quan_ban_hanh": "Sở Nội vụ", "ma_co_quan": "SNV", "dia_danh": "Hà Nội",
        "don_vi": {"VP": "Văn phòng", "TĐKT": "Phòng Thi đua"},
        "noi_nhan": {"cap-tren": {"nhom": "bao-cao", "muc": ["UBND tỉnh (để b/c)"]},
                     "noi-bo": ["Các phòng", "Lãnh đạo Sở"],
                     "biet": {"nhom": "de-biet", "muc": ["Công đoàn"]}},
    })


def _recipients_of(tmp_path, **changes) -> list[str]:
    _profile(tmp_path)
    base = changed(co_quan="co-quan.yaml", co_quan_ban_hanh=None, ma_co_quan=None, dia_danh=None,
                   co_quan_chu_quan=None, **changes)
    for key in ("co_quan_ban_hanh", "ma_co_quan", "dia_danh", "co_quan_chu_quan"):
        base.pop(key)
    return forms.load(write_yaml(tmp_path / "f.yaml", base)).model.noi_nhan


def test_named_lists_are_combined_deduplicated_and_kept_in_nd30_order(tmp_path):
    items = _recipients_of(tmp_path, noi_nhan=["@biet", "@cap-tren", "Các phòng", "@noi-bo", "Sở Tài chính"],
                           don_vi_soan_thao="VP", so_ban_luu=2)
    assert items == ["Các phòng", "Lãnh đạo Sở", "Sở Tài chính", "UBND tỉnh (để b/c)", "Công đoàn",
                     "Lưu: VT, VP (02)"]


def test_an_unknown_list_name_is_an_error_listing_the_known_names(tmp_path):
    with pytest.raises(ValidationFailed) as info:
        _recipients_of(tmp_path, noi_nhan=["@cap-duoi"], don_vi_soan_thao="VP")
    [issue] = [i for i in info.value.issues if i.is_error]
    assert issue.code == "noi_nhan_list_unknown" and issue.field == "noi_nhan.0"
    assert issue.params["allowed"] == "@cap-tren, @noi-bo, @biet"
    assert issue.origin.line is not None


def test_a_typed_archive_line_beside_a_drafting_unit_is_an_error(tmp_path):
    with pytest.raises(ValidationFailed) as info:
        _recipients_of(tmp_path, noi_nhan=["Các phòng", "Lưu: VT, VP"], don_vi_soan_thao="VP")
    assert "noi_nhan_luu_twice" in {i.code for i in info.value.issues}


def test_an_unknown_drafting_unit_lists_the_units(tmp_path):
    with pytest.raises(ValidationFailed) as info:
        _recipients_of(tmp_path, noi_nhan=["Các phòng"], don_vi_soan_thao="KT")
    issue = next(i for i in info.value.issues if i.field == "don_vi_soan_thao")
    assert issue.code == "unit_unknown" and "VP" in issue.params["allowed"]


def test_the_lists_command_prints_each_list_with_its_group(runner):
    result = runner.invoke(cli.main, ["lists", "--profile", str(SAMPLES / "co-quan.yaml")])
    assert result.exit_code == 0
    assert "@cap-tren  (thuc-hien)" in result.stdout and "    - Lãnh đạo Ban" in result.stdout


# --------------------------------------------------------------------------------------------
# Công văn, giấy mời


def test_a_cong_van_has_no_type_name_and_puts_v_v_under_its_number(rendered):
    paras = paragraphs(rendered["cong-van-doi-thoai-doanh-nghiep"])
    header_left = [p for p in paras if p.where == "table1.r1.c0"]
    assert [p.text for p in header_left] == [
        "Số: 912/BQL-QLDN", "V/v đề nghị góp ý nội dung Hội nghị\nđối thoại với doanh nghiệp năm 2023"]
    assert header_left[1].style == "VBTrichYeuCongVan"
    assert not [p for p in paras if p.style in ("VBTenLoai", "VBTrichYeu")]


@pytest.mark.parametrize(
    "changes,code",
    [(dict(don_vi_soan_thao=None, noi_nhan=["Lãnh đạo Ban", "Lưu: VT, VP"]), "cong_van_needs_unit"),
     (dict(ky_hieu="CV-BQL-VP"), None)],
    ids=["needs-a-drafting-unit", "no-type-code-in-ky-hieu"],
)
def test_a_cong_van_ky_hieu_is_agency_and_unit(tmp_path, changes, code):
    from generator.resources import starters_dir
    from generator.sources import load_form

    data = load_form(starters_dir() / "cong-van.yaml").data
    data.update(changes)
    data = {k: v for k, v in data.items() if v is not None}
    with pytest.raises(ValidationFailed) as info:
        forms.load(write_yaml(tmp_path / "cv.yaml", data))
    errors = [i for i in info.value.issues if i.is_error]
    assert {i.field for i in errors} == {"ky_hieu"}
    if code:
        assert errors[0].code == code


def test_a_giay_moi_writes_time_weekday_and_place(rendered):
    texts = [p.text for p in paragraphs(rendered["giay-moi-so-ket-giai-doan-2"])]
    assert "Thời gian: 08 giờ 00 phút, thứ Sáu, ngày 30/6/2023." in texts
    assert "Địa điểm: Hội trường tầng 3, trụ sở Ban Quản lý Khu kinh tế Hải Phòng." in texts
    assert "Số: 2395/GM-BQL" in texts


def test_a_giay_moi_rejects_a_time_that_is_not_a_time(tmp_path):
    from generator.resources import starters_dir
    from generator.sources import load_form

    data = load_form(starters_dir() / "giay-moi.yaml").data
    data["gio"] = "25:70"
    with pytest.raises(ValidationFailed) as info:
        forms.load(write_yaml(tmp_path / "gm.yaml", data))
    assert [(i.code, i.field) for i in info.value.issues if i.is_error] == [("time_invalid", "gio")]


def test_a_generated_block_marker_in_a_report_section_is_a_located_error(plan_and_report):
    _, report = plan_and_report
    report.write_text(report.read_text(encoding="utf-8").replace(
        "danh_gia: |\n", "danh_gia: |\n  {{ giai_doan }}\n\n", 1), encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        forms.load(report)
    [issue] = [i for i in info.value.issues if i.is_error]
    assert (issue.code, issue.field) == ("markup_unknown_block", "danh_gia")
    assert "{{ giai_doan }}" in report.read_text(encoding="utf-8").splitlines()[issue.origin.line - 1]


def test_the_wording_of_each_article_can_come_from_the_form(tmp_path):
    shutil.copy(SAMPLES / "co-quan.yaml", tmp_path / "co-quan.yaml")
    text = (SAMPLES / "quyet-dinh-khen-thuong-nam-2025.yaml").read_text(encoding="utf-8")
    form = tmp_path / "qd.yaml"
    form.write_text(text + "dieu_1: Tặng Giấy khen cho các tập thể, cá nhân có tên trong danh sách kèm theo.\n"
                    "dieu_2: Tiền thưởng chi theo danh sách kèm theo.\n"
                    "dieu_3: Văn phòng và các tập thể, cá nhân có tên tại Điều 1 thi hành Quyết định này.\n",
                    encoding="utf-8")
    texts = [p.text for p in paragraphs(pipeline.generate(form, tmp_path).written[0])]
    assert "Điều 1. Tặng Giấy khen cho các tập thể, cá nhân có tên trong danh sách kèm theo." in texts
    assert "Điều 2. Tiền thưởng chi theo danh sách kèm theo." in texts
    assert "Điều 3. Văn phòng và các tập thể, cá nhân có tên tại Điều 1 thi hành Quyết định này./." in texts
