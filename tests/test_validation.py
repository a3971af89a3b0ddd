"""Every validation rule of the foundation, each reported with its file, line and field."""

from __future__ import annotations

import pytest

from generator import forms
from generator.errors import InputError, Issue, Origin, OutputError, ValidationFailed
from generator.messages import format_issue
from tests.forms import DELETE, base_form, changed, write_yaml


def problems(tmp_path, data, mode="draft", name="form.yaml"):
    path = write_yaml(tmp_path / name, data)
    with pytest.raises(ValidationFailed) as info:
        forms.load(path, mode=mode)
    return info.value.issues


def codes(issues):
    return {(i.code, i.field) for i in issues if i.is_error}


def test_the_starter_form_is_valid_as_a_draft(tmp_path):
    loaded = forms.load(write_yaml(tmp_path / "ok.yaml", base_form()))
    assert loaded.model.so is None
    assert loaded.model.ky_hieu == "KH-BQL"


def test_an_impossible_date_is_reported_with_file_line_field_and_value(tmp_path):
    path = tmp_path / "ke-hoach.yaml"
    data = base_form()
    write_yaml(path, data)
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("ngay:"))
    lines[index] = "ngay: '31/02/2023'"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        forms.load(path)
    [issue] = [i for i in info.value.issues if i.is_error]
    message = format_issue(issue)
    assert message.startswith(f"{path}:{index + 1} ngay: '31/02/2023' không phải là ngày hợp lệ")
    assert "31/02/2023" in format_issue(issue, "en") and "not a valid date" in format_issue(issue, "en")


RULES = [
    ("number-not-positive", dict(so=0), "draft", ("number_not_positive", "so")),
    ("number-not-a-number", dict(so="mười"), "draft", ("number_invalid", "so")),
    ("final-needs-number", dict(so=DELETE), "final", ("final_needs_number", "so")),
    ("final-needs-date", dict(so=5, ngay=DELETE), "final", ("final_needs_date", "ngay")),
    ("ky-hieu-of-another-kind", dict(ky_hieu="QĐ-BQL"), "draft", None),
    ("two-digit-year", dict(ngay="13/4/23"), "draft", ("date_two_digit_year", "ngay")),
    ("missing-trich-yeu", dict(trich_yeu=DELETE), "draft", ("missing", "trich_yeu")),
    ("misspelt-field", dict(trich_yue="x"), "draft", ("extra_forbidden", "trich_yue")),
    ("agency-code-with-space", dict(ma_co_quan="B QL"), "draft", ("agency_code_invalid", "ma_co_quan")),
    ("last-recipient-not-luu", dict(noi_nhan=["UBND tỉnh", "Các phòng"]), "draft",
     ("noi_nhan_last_not_luu", "noi_nhan")),
    ("luu-without-vt", dict(noi_nhan=["UBND tỉnh", "Lưu: VP"]), "draft", ("noi_nhan_luu_needs_vt", "noi_nhan")),
    ("kt-without-deputy", dict(nguoi_ky={"quyen_han": "KT.", "chuc_vu": ["Trưởng ban"], "ho_ten": "Lê Văn Hà"}),
     "draft", ("signer_kt_needs_deputy", "nguoi_ky.chuc_vu")),
    ("kt-repeating-the-head", dict(nguoi_ky={"quyen_han": "KT", "chuc_vu": ["Trưởng ban", "TRƯỞNG BAN"],
                                             "ho_ten": "Lê Văn Hà"}),
     "draft", ("signer_kt_same_title", "nguoi_ky.chuc_vu")),
    ("tm-before-a-title", dict(nguoi_ky={"quyen_han": "TM.", "chuc_vu": ["Giám đốc", "Phó Giám đốc"],
                                         "ho_ten": "Lê Văn Hà"}),
     "draft", ("signer_tm_needs_collective", "nguoi_ky.chuc_vu")),
    ("tuq-then-kt", dict(nguoi_ky={"quyen_han": "TUQ.", "chuc_vu": ["Giám đốc", "KT. Chánh Văn phòng",
                                                                       "Phó Chánh Văn phòng"],
                                   "ho_ten": "Lê Văn Hà"}),
     "draft", ("signer_tuq_no_kt", "nguoi_ky.chuc_vu")),
    ("unknown-authority", dict(nguoi_ky={"quyen_han": "TT.", "chuc_vu": ["Giám đốc"], "ho_ten": "Lê Văn Hà"}),
     "draft", ("signer_authority_unknown", "nguoi_ky.quyen_han")),
    ("name-with-degree", dict(nguoi_ky={"quyen_han": "", "chuc_vu": ["Giám đốc"], "ho_ten": "TS. Lê Văn Hà"}),
     "draft", ("signer_name_title", "nguoi_ky.ho_ten")),
    ("name-in-lower-case", dict(nguoi_ky={"quyen_han": "", "chuc_vu": ["Giám đốc"], "ho_ten": "lê văn hà"}),
     "draft", ("signer_name_case", "nguoi_ky.ho_ten")),
    ("margin-outside-nd30", dict(trinh_bay={"le_trai_mm": 25}), "draft", ("layout_out_of_range", "trinh_bay.le_trai_mm")),
    ("sizes-not-paired", dict(trinh_bay={"co_chu_quoc_hieu": 13, "co_chu_tieu_ngu": 13, "co_chu_ngay_thang": 13}),
     "draft", ("layout_sizes_incoherent", "trinh_bay.co_chu_tieu_ngu")),
]


@pytest.mark.parametrize("changes,mode,expected", [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_each_rule_reports_its_field(tmp_path, changes, mode, expected):
    issues = problems(tmp_path, changed(**changes), mode=mode)
    if expected is None:  # ký hiệu: the language helper's code, on the right field
        assert {i.field for i in issues if i.is_error} == {"ky_hieu"}
    else:
        assert expected in codes(issues)
    for issue in issues:
        assert issue.origin is not None and issue.origin.line is not None
        assert format_issue(issue, "vi") and format_issue(issue, "en")


def _phases(*periods):
    return [
        {"ten": f"Giai đoạn {n}", "tu_ngay": start, "den_ngay": end, "han_bao_cao": deadline}
        for n, (start, end, deadline) in enumerate(periods, start=1)
    ]


@pytest.mark.parametrize(
    "phases,expected",
    [
        (_phases(("01/7/2026", "31/12/2026", "05/01/2027"), ("01/01/2026", "30/6/2026", "05/7/2026")),
         ("phases_out_of_order", "giai_doan")),
        (_phases(("01/01/2026", "30/6/2026", "01/01/2026")), ("deadline_before_phase_start", "giai_doan.0.han_bao_cao")),
        (_phases(("01/7/2026", "30/6/2026", "05/7/2026")), ("phase_ends_before_start", "giai_doan.0.den_ngay")),
    ],
    ids=["phases-out-of-order", "deadline-not-after-start", "phase-ends-before-it-starts"],
)
def test_phases_must_be_in_order_with_deadlines_after_they_start(tmp_path, phases, expected):
    assert expected in codes(problems(tmp_path, changed(giai_doan=phases)))


def test_an_unknown_generated_block_is_reported_on_its_own_line_inside_the_markup(tmp_path):
    from ruamel.yaml.scalarstring import LiteralScalarString

    data = changed(noi_dung=LiteralScalarString("# I. MỤC ĐÍCH\n\nĐoạn một.\n\n{{ ke_hoach_con }}\n"))
    path = write_yaml(tmp_path / "f.yaml", data)
    with pytest.raises(ValidationFailed) as info:
        forms.load(path)
    [issue] = [i for i in info.value.issues if i.is_error]
    assert issue.code == "markup_unknown_block"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "{{ ke_hoach_con }}" in lines[issue.origin.line - 1]


def test_every_problem_of_a_form_is_reported_at_once(tmp_path):
    data = changed(so=0, ngay="30/02/2024", trich_yeu=DELETE, noi_nhan=["UBND tỉnh"])
    found = codes(problems(tmp_path, data))
    assert {"number_not_positive", "date_invalid", "missing", "noi_nhan_last_not_luu"} <= {c for c, _ in found}


def test_a_control_character_is_a_located_error_not_a_silent_deletion(tmp_path):
    issues = problems(tmp_path, changed(trich_yeu="Kế hoạch\x07 năm 2026"))
    [issue] = [i for i in issues if i.is_error]
    assert issue.field == "trich_yeu" and issue.origin.line


def test_an_unknown_or_missing_kind_lists_the_kinds_there_are(tmp_path):
    [issue] = problems(tmp_path, changed(loai="ke-hoach-nam"))
    assert issue.code == "kind_unknown" and "ke-hoach" in issue.params["allowed"]
    [issue] = problems(tmp_path, changed(loai=DELETE))
    assert issue.code == "kind_missing"


def test_the_agency_profile_supplies_the_facts_and_named_signers(tmp_path):
    write_yaml(tmp_path / "co-quan.yaml", {
        "co_quan_ban_hanh": "Sở Nội vụ", "ma_co_quan": "SNV", "dia_danh": "Hà Nội",
        "nguoi_ky": {"giam-doc": {"chuc_vu": ["Giám đốc"], "ho_ten": "Trần Văn Bình"}},
    })
    data = changed(co_quan="co-quan.yaml", nguoi_ky="giam-doc", co_quan_ban_hanh=DELETE, ma_co_quan=DELETE,
                   dia_danh=DELETE, co_quan_chu_quan=DELETE)
    loaded = forms.load(write_yaml(tmp_path / "f.yaml", data))
    assert loaded.model.ky_hieu == "KH-SNV"
    assert loaded.model.nguoi_ky.authority_lines() == ["GIÁM ĐỐC"]


def test_an_override_in_the_form_wins_over_the_profile(tmp_path):
    write_yaml(tmp_path / "co-quan.yaml", {"co_quan_ban_hanh": "Sở Nội vụ", "ma_co_quan": "SNV",
                                           "dia_danh": "Hà Nội"})
    data = changed(co_quan="co-quan.yaml", dia_danh="Thành phố Hồ Chí Minh", co_quan_ban_hanh=DELETE,
                   ma_co_quan=DELETE)
    assert forms.load(write_yaml(tmp_path / "f.yaml", data)).model.dia_danh == "Thành phố Hồ Chí Minh"


def test_an_unknown_signer_name_lists_the_profiles_signers_once(tmp_path):
    write_yaml(tmp_path / "co-quan.yaml", {"co_quan_ban_hanh": "Sở Nội vụ", "ma_co_quan": "SNV",
                                           "dia_danh": "Hà Nội",
                                           "nguoi_ky": {"giam-doc": {"chuc_vu": ["Giám đốc"], "ho_ten": "Trần Bình"}}})
    issues = problems(tmp_path, changed(co_quan="co-quan.yaml", nguoi_ky="pho-giam-doc"))
    errors = [i for i in issues if i.is_error]
    assert [(i.code, i.field) for i in errors] == [("signer_unknown", "nguoi_ky")]
    assert errors[0].params["allowed"] == "giam-doc"


def test_a_profile_error_points_into_the_profile_file(tmp_path):
    write_yaml(tmp_path / "co-quan.yaml", {"co_quan_ban_hanh": "Sở Nội vụ", "ma_co_quan": "snv",
                                           "dia_danh": "Hà Nội"})
    issues = problems(tmp_path, changed(co_quan="co-quan.yaml"))
    [issue] = [i for i in issues if i.is_error]
    assert issue.code == "agency_code_invalid"
    assert issue.origin.file.endswith("co-quan.yaml")


def test_a_missing_profile_is_reported_on_the_co_quan_line(tmp_path):
    [issue] = problems(tmp_path, changed(co_quan="khong-co.yaml"))
    assert issue.code == "profile_not_found" and issue.field == "co_quan"


def test_decomposed_unicode_is_stored_precomposed(tmp_path):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Kế hoạch thi đua")
    loaded = forms.load(write_yaml(tmp_path / "f.yaml", changed(trich_yeu=decomposed)))
    assert loaded.model.trich_yeu == unicodedata.normalize("NFC", decomposed)


def test_a_json_form_is_read_like_a_yaml_form(tmp_path):
    from tests.forms import write_json

    loaded = forms.load(write_json(tmp_path / "f.json", base_form()))
    assert loaded.model.trich_yeu == base_form()["trich_yeu"]
    with pytest.raises(ValidationFailed) as info:
        forms.load(write_json(tmp_path / "g.json", changed(so=0)))
    [issue] = [i for i in info.value.issues if i.is_error]
    assert issue.origin.line and issue.field == "so"


@pytest.mark.parametrize(
    "changes,code",
    [(dict(giai_doan=[{"ten": "Giai đoạn 1", "tu_ngay": "01/01/2026", "den_ngay": "30/6/2026",
                       "han_bao_cao": "05/7/2026", "mo_ta": ["a", "b"]}]), "string_type"),
     (dict(trinh_bay={"gian_dong": "rộng"}), "float_parsing")],
    ids=["list-where-text-is-expected", "word-where-a-number-is-expected"],
)
def test_pydantics_own_errors_have_vietnamese_and_english_messages(tmp_path, changes, code):
    from generator.messages import MESSAGES

    issues = problems(tmp_path, changed(**changes))
    [issue] = [i for i in issues if i.is_error]
    assert issue.code == code and code in MESSAGES
    assert format_issue(issue, "vi") != format_issue(issue, "en")


@pytest.mark.parametrize("error", [
    InputError("file_not_found", path="danh-sach.xlsx"),
    OutputError("output_exists", path="out/a.docx"),
    ValidationFailed([Issue("date_invalid", "ngay", Origin("qd.yaml", line=3), "31/02/2025", {})]),
], ids=["input", "output", "validation"])
def test_an_error_crosses_to_another_process_whole(error):
    """A worker's error is raised in the main process with its code, its values and its issues."""
    import pickle

    from generator.messages import format_error

    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and (copy.code, copy.params) == (error.code, error.params)
    assert copy.args == error.args and format_error(copy, "vi") == format_error(error, "vi")
    if isinstance(error, ValidationFailed):
        assert [(i.code, i.field, i.origin.line) for i in copy.issues] == [("date_invalid", "ngay", 3)]
