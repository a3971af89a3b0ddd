"""A clerk's first hour (issue 14): messages a clerk understands, in one language at a time.

Each test starts from the starter form `vanban new` writes, makes the mistake a new clerk makes,
and reads what `vanban` answers (CliRunner: exit code, stderr, files written or not).
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cli
from generator.errors import InputError, ValidationFailed
from generator.kinds import KINDS
from generator.suggest import closest
from tests.forms import FILLED_IN, STARTER, starter_with



def invoke(runner, *args):
    return runner.invoke(cli.main, list(map(str, args)), catch_exceptions=False)


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


# What a clerk fills in before a starter may become a final: its placeholders, agency and signer.


# --- item 1 and 2: empty fields, unquoted colons, positions from 1, the field's own line ---------

def test_an_empty_field_says_it_is_empty_on_the_line_of_the_field(runner, tmp_path):
    path, text = starter_with(tmp_path, ("  ho_ten: Nguyễn Văn An", "  ho_ten:"))
    result = invoke(runner, "check", path)
    assert result.exit_code == ValidationFailed.exit_code
    line = line_of(text, "  ho_ten:")
    assert f"{path}:{line} nguoi_ky.ho_ten: trường này đang để trống" in result.stderr
    assert "None" not in result.stderr


def test_an_empty_number_in_a_final_document_is_reported_on_its_own_line(runner, tmp_path):
    path, text = starter_with(tmp_path)
    result = invoke(runner, "check", path, "--final", "--no-register")
    assert f"{path}:{line_of(text, 'so:')} so:" in result.stderr


def test_an_unquoted_archive_line_is_asked_to_be_quoted_at_its_position_counted_from_one(runner, tmp_path):
    path, text = starter_with(tmp_path, ('  - "Lưu: VT, VP"', "  - Lưu: VT, VP"))
    result = invoke(runner, "check", path)
    line = line_of(text, "  - Lưu: VT, VP")
    assert f"{path}:{line} dòng thứ 3 của nơi nhận:" in result.stderr
    assert 'đặt trong dấu ngoặc kép: "Lưu: VT, VP"' in result.stderr
    assert "noi_nhan.2" not in result.stderr
    english = invoke(runner, "--lang", "en", "check", path).stderr
    assert "line 3 of noi_nhan" in english and "double quotes" in english


def test_a_missing_field_points_at_the_fields_not_at_the_opening_comment(runner, tmp_path):
    path, text = starter_with(tmp_path, ("trich_yeu: Phát động phong trào thi đua năm 2026\n", ""))
    result = invoke(runner, "check", path)
    assert f"{path}:{line_of(text, 'loai:')} trich_yeu:" in result.stderr


# --- item 3: YAML syntax errors in Vietnamese, with the fix and the summary --------------------

@pytest.mark.parametrize("old,new,expected", [
    ("so:\n", "\tso:\n", "phím Tab"),
    ("    - Phó Trưởng ban", "   - Phó Trưởng ban", "thụt lề không thẳng hàng"),
    ("trich_yeu: Phát động", "trich_yeu: Về việc: Phát động", "đặt cả giá trị trong dấu ngoặc kép"),
    ('  - "Lưu: VT, VP"', '  - "Lưu: VT, VP', "chưa được đóng"),
], ids=["tab", "indent", "colon-in-value", "open-quote"])
def test_a_yaml_syntax_error_says_the_fix_in_vietnamese_then_the_summary(runner, tmp_path, old, new, expected):
    path, text = starter_with(tmp_path, (old, new))
    result = invoke(runner, "check", path)
    assert result.exit_code == InputError.exit_code
    first, summary = result.stderr.strip().splitlines()
    assert expected in first and f"{path}:" in first
    assert summary == "có 1 lỗi; chưa ghi tệp nào"
    for english in ("mapping values", "expected", "found", "token", "scalar"):
        assert english not in result.stderr


def test_a_tab_is_reported_on_the_line_that_has_it(runner, tmp_path):
    path, text = starter_with(tmp_path, ("so:\n", "\tso:\n"))
    assert f"{path}:{line_of(text, chr(9) + 'so:')} " in invoke(runner, "check", path).stderr


# --- item 4: did you mean ...? --------------------------------------------------------------

@pytest.mark.parametrize("typed", ["ke-hoch", "kehoach", "kế hoạch", "Kế Hoạch", "ke_hoach "])
def test_a_misspelt_kind_on_the_command_line_gets_a_suggestion_in_vietnamese(runner, typed):
    result = invoke(runner, "new", typed)
    assert result.exit_code == 2
    assert "Có phải ý bạn là 'ke-hoach'?" in result.stderr
    assert "Error" not in result.stderr and "Usage" not in result.stderr and "is not one of" not in result.stderr


def test_a_misspelt_kind_in_a_form_gets_a_suggestion(runner, tmp_path):
    path, _ = starter_with(tmp_path, ("loai: ke-hoach", "loai: ke-hoch"))
    assert "Có phải ý bạn là 'ke-hoach'?" in invoke(runner, "check", path).stderr


def test_a_misspelt_field_gets_the_field_it_means(runner, tmp_path):
    path, text = starter_with(tmp_path, ("trich_yeu:", "trich_yue:"))
    result = invoke(runner, "check", path)
    assert f"{path}:{line_of(text, 'trich_yue:')} trich_yue:" in result.stderr
    assert "Có phải ý bạn là 'trich_yeu'?" in result.stderr
    assert "trich_yeu: thiếu trường" not in result.stderr  # one mistake, one error


def test_a_misspelt_nested_field_gets_a_suggestion_among_its_siblings(runner, tmp_path):
    path, _ = starter_with(tmp_path, ("  ho_ten: Nguyễn Văn An", "  ho_tem: Nguyễn Văn An"))
    assert "Có phải ý bạn là 'ho_ten'?" in invoke(runner, "check", path).stderr


def _one_edit(word: str, data) -> str:
    position = data.draw(st.integers(0, len(word) - 1))
    letter = data.draw(st.sampled_from("abcdeghiklmnopqrstuvxy"))
    edit = data.draw(st.sampled_from(["drop", "replace", "insert", "swap"]))
    if edit == "drop":
        return word[:position] + word[position + 1:]
    if edit == "replace":
        return word[:position] + letter + word[position + 1:]
    if edit == "insert":
        return word[:position] + letter + word[position:]
    if position + 1 < len(word):
        return word[:position] + word[position + 1] + word[position] + word[position + 2:]
    return word


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_misspelling_within_one_edit_of_a_kind_suggests_that_kind_or_another_as_close(data):
    kind = data.draw(st.sampled_from(sorted(KINDS)))
    typed = _one_edit(kind, data)
    suggestion = closest(typed, KINDS)
    assert suggestion is not None
    # The suggestion is the kind itself, or a kind at most as far away (ke-hoach vs. ke-hoac: both fine).
    import difflib
    score = difflib.SequenceMatcher(None, typed.replace("-", ""), suggestion.replace("-", "")).ratio()
    assert suggestion == kind or score >= difflib.SequenceMatcher(None, typed.replace("-", ""),
                                                                   kind.replace("-", "")).ratio() - 0.2


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(KINDS)), st.sampled_from(["upper", "spaces", "underscores", "accents"]))
def test_a_kind_typed_with_other_case_spaces_or_accents_suggests_that_kind(kind, how):
    typed = {"upper": kind.upper(), "spaces": kind.replace("-", " "), "underscores": kind.replace("-", "_"),
             "accents": unicodedata.normalize("NFC", kind.replace("e", "ế", 1).replace("a", "á", 1))}[how]
    assert closest(typed, KINDS) == kind


# --- item 5: a Word file where a form is expected ----------------------------------------------

def test_a_docx_given_as_a_form_says_so_and_points_to_lint(runner, tmp_path):
    docx = tmp_path / "van-ban.docx"
    import zipfile
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    result = invoke(runner, "check", docx)
    assert result.exit_code == InputError.exit_code
    assert "là tệp Word (.docx)" in result.stderr and f"vanban lint {docx}" in result.stderr
    assert "UTF-8" not in result.stderr


# --- item 6: the agency profile ---------------------------------------------------------------

PROFILE = """co_quan_chu_quan: UBND tỉnh Nam Định
co_quan_ban_hanh: Ban Quản lý các khu công nghiệp
ma_co_quan: BQL
dia_danh: Nam Định
"""


def _form_with_profile(tmp_path, profile_text: str | None):
    if profile_text is not None:
        (tmp_path / "co-quan.yaml").write_text(profile_text, encoding="utf-8")
    text = STARTER
    for key in ("co_quan_chu_quan:", "co_quan_ban_hanh:", "ma_co_quan:", "dia_danh:"):
        text = "\n".join(line for line in text.splitlines() if not line.startswith(key)) + "\n"
    text = text.replace("loai: ke-hoach", "loai: ke-hoach\nco_quan: co-quan.yaml")
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("lỗi:")]


def test_a_form_with_a_good_profile_is_valid(runner, tmp_path):
    assert invoke(runner, "check", _form_with_profile(tmp_path, PROFILE)).exit_code == 0


@pytest.mark.parametrize("profile,expected", [
    (PROFILE.replace("dia_danh:", "dia_dnh:"), "Có phải ý bạn là 'dia_danh'?"),
    (PROFILE.replace("ma_co_quan: BQL", "ma_co_quan: B Q L"), "'B Q L'"),
    (PROFILE + "trinh_bay:\n  co_chu: 99\n", "trinh_bay"),
    (None, "không tìm thấy hồ sơ cơ quan"),
], ids=["misspelt-key", "bad-value", "bad-nested-key", "missing-file"])
def test_one_mistake_in_the_profile_is_one_error(runner, tmp_path, profile, expected):
    result = invoke(runner, "check", _form_with_profile(tmp_path, profile))
    assert result.exit_code == ValidationFailed.exit_code
    [line] = error_lines(result)
    assert expected in line
    assert "có 1 lỗi; chưa ghi tệp nào" in result.stderr


def test_an_internal_field_is_never_suggested():
    from generator.issues import fields_at
    from generator.kinds import KINDS

    assert "de_xuat" not in fields_at(KINDS["to-trinh"].model, ())


# --- item 7: one language at a time -------------------------------------------------------------

CLICK_ENGLISH = ("Usage:", "Options:", "Show this message and exit.", "Missing option", "Missing argument",
                 "Error:", "Try '", "[OPTIONS]", "Commands:", "default:")


def _commands(group=cli.main, path=()):
    yield path, group
    for name, command in getattr(group, "commands", {}).items():
        yield from _commands(command, (*path, name))


@pytest.mark.parametrize("path", [p for p, _ in _commands()], ids=lambda p: " ".join(p) or "vanban")
def test_help_is_vietnamese_by_default_and_english_with_lang_en(runner, path):
    vietnamese = invoke(runner, *path, "--help").output
    english = invoke(runner, "--lang", "en", *path, "--help").output
    assert not [word for word in CLICK_ENGLISH if word in vietnamese]
    assert "Cách dùng:" in vietnamese and "Usage:" in english
    assert "Ví dụ:" in vietnamese and "Examples:" in english
    # No Vietnamese sentence left in the English help but the examples' own values.
    prose = english.split("Examples:")[0]
    assert not [w for w in ("Tệp", "Ghi đè", "mặc định", "Thư mục", "Hồ sơ", "Chỉ ", "Dự thảo", "trợ giúp")
                if w in prose], prose


def test_every_command_and_option_has_its_english_help(runner):
    from generator.messages import HELP, HELP_EXAMPLES

    missing = []
    for path, command in _commands():
        key = " ".join(path)
        if "en" not in HELP.get(key, {}):
            missing.append(key or "vanban")
        if key not in HELP_EXAMPLES:
            missing.append(f"example: {key}")
        for param in command.params:
            if getattr(param, "help", None) and not (
                    "en" in HELP.get(f"{key}.{param.name}" if key else param.name, {})
                    or "en" in HELP.get(param.name, {})):
                missing.append(f"{key}.{param.name}")
    assert missing == []


def test_clicks_own_errors_are_vietnamese_by_default(runner):
    result = invoke(runner, "so", "void", "5")
    assert "Thiếu tùy chọn '--reason'" in result.stderr and "Missing" not in result.stderr
    result = invoke(runner, "check")
    assert "Thiếu tham số 'FORM'" in result.stderr and "Error" not in result.stderr
    assert "Missing argument" in invoke(runner, "--lang", "en", "check").stderr


def test_kind_names_are_never_cut_at_a_hyphen_in_help(runner):
    for lang in ("vi", "en"):
        output = invoke(runner, "--lang", lang, "new", "--help").output
        assert not [line for line in output.splitlines() if line.rstrip().endswith("-")]
        for kind in KINDS:
            assert kind in output


def test_the_check_summary_names_the_mode_in_the_language_asked_for(runner, tmp_path):
    path, _ = starter_with(tmp_path)
    assert "dự thảo" in invoke(runner, "check", path).stderr
    assert "draft" not in invoke(runner, "check", path).stderr
    assert "draft" in invoke(runner, "--lang", "en", "check", path).stderr


def test_lint_speaks_vietnamese_only_decimal_comma_and_no_zip_library_english(runner, tmp_path):
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a zip at all")
    result = invoke(runner, "lint", broken)
    assert result.exit_code == 2 and "File is not a zip file" not in result.output + result.stderr
    from generator.lint.report import T

    assert T("thụt đầu dòng 0.75 cm, cỡ 13.5 pt", "x")("vi") == "thụt đầu dòng 0,75 cm, cỡ 13,5 pt"
    assert T("“1.2. Mục tiêu”", "x")("vi") == "“1.2. Mục tiêu”"  # quoted document text stays as typed


def test_the_register_history_shows_vietnamese_actions_and_local_dates(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path, _ = starter_with(tmp_path, *FILLED_IN)
    assert invoke(runner, "so", "init").exit_code == 0
    assert invoke(runner, "render", path, "-o", tmp_path / "out", "--final").exit_code == 0
    shown = invoke(runner, "so", "show", "1").output
    history = shown.split("\n", shown.count("\n"))[-3:]
    assert "cấp số" in shown or "giữ số" in shown
    assert not [w for w in (" reserve ", " issue ", "T0", "+00:00") if w in "".join(history)], shown


def test_lists_says_when_it_falls_back_to_the_sample_profile(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "lists")
    assert result.exit_code == 0 and "hồ sơ MẪU" in result.stderr
    (tmp_path / "co-quan.yaml").write_text(PROFILE, encoding="utf-8")
    assert "MẪU" not in invoke(runner, "lists").stderr
