"""A register is never created by accident, and every --final says what it issued and from where
(issue 12, item 2). Plus the small output promises of item 10: a dangling symlink at the output
path is an existing file, and a long form name does not fail because of the temporary name."""

from __future__ import annotations

import os
import shutil

import pytest

import cli
from generator.register import Register
from tests.conftest import SAMPLES
from tests.forms import office_folder


@pytest.fixture
def office(tmp_path):
    """An agency profile and a plan form without a number, and no register yet."""
    return office_folder(tmp_path)


def set_register(office, lines: str) -> None:
    profile = office / "co-quan.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\nso_van_ban:\n" + lines, encoding="utf-8")


def render_final(runner, office, out="out.docx", *extra):
    return runner.invoke(cli.main, ["render", str(office / "ke-hoach.yaml"), "-o", str(office / out), "--final",
                                    *extra])


def test_a_register_path_into_a_missing_folder_is_an_error_naming_it_and_creates_nothing(runner, office):
    set_register(office, "  duong_dan: /mnt/o-mang-chua-ket-noi/so.sqlite3\n  tao_moi: true\n")
    result = render_final(runner, office)
    assert result.exit_code == 9
    assert "/mnt/o-mang-chua-ket-noi" in result.stderr and "không tạo sổ mới" in result.stderr
    assert not (office / "out.docx").exists()
    assert not os.path.exists("/mnt/o-mang-chua-ket-noi")


def test_a_missing_register_is_not_created_by_a_final_render(runner, office):
    set_register(office, "  duong_dan: so-go-sai.sqlite3\n")
    result = render_final(runner, office)
    assert result.exit_code == 9 and "vanban so init" in result.stderr
    assert not (office / "so-go-sai.sqlite3").exists() and not (office / "out.docx").exists()


def test_so_init_creates_the_register_once_and_then_every_final_says_its_number_and_register(runner, office):
    profile = ["--profile", str(office / "co-quan.yaml")]
    first = runner.invoke(cli.main, ["so", "init", *profile])
    assert first.exit_code == 0 and "đã tạo sổ văn bản đi mới" in first.stderr
    again = runner.invoke(cli.main, ["so", "init", *profile])
    assert again.exit_code == 0 and "đã có (0 số)" in again.stderr
    result = render_final(runner, office)
    assert result.exit_code == 0, result.output
    assert f"đã cấp số 01/KH-BQL năm 2026 từ sổ '{office / 'so-van-ban.sqlite3'}'" in result.stderr
    another_document(office)  # the same document again takes no second number
    english = runner.invoke(cli.main, ["--lang", "en", "render", str(office / "ke-hoach.yaml"), "-o",
                                       str(office / "two.docx"), "--final"])
    assert "issued 02/KH-BQL of 2026 from the register" in english.stderr


def test_so_init_refuses_a_missing_folder(runner, tmp_path):
    result = runner.invoke(cli.main, ["so", "init", "--register", str(tmp_path / "khong-co" / "so.sqlite3")])
    assert result.exit_code == 9 and str(tmp_path / "khong-co") in result.stderr
    assert not (tmp_path / "khong-co").exists()


def test_a_profile_may_ask_for_creation_on_first_use_and_the_command_says_so(runner, office):
    set_register(office, "  tao_moi: true\n")
    result = render_final(runner, office)
    assert result.exit_code == 0, result.output
    assert "đã tạo sổ văn bản đi mới" in result.stderr and "đã cấp số 01/KH-BQL" in result.stderr
    another_document(office)
    second = render_final(runner, office, "b.docx")
    assert "đã tạo sổ" not in second.stderr and "đã cấp số 02/KH-BQL" in second.stderr


def another_document(office):
    """The form becomes another document (its trích yếu changed)."""
    form = office / "ke-hoach.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace("trich_yeu: ", "trich_yeu: Đợt 2. ", 1),
                    encoding="utf-8")


def test_the_python_api_does_not_create_a_register_unless_asked(tmp_path):
    from generator.errors import RegisterError

    with pytest.raises(RegisterError, match="register_not_initialised"):
        Register(tmp_path / "so.sqlite3")
    with pytest.raises(RegisterError, match="register_folder_missing"):
        Register(tmp_path / "x" / "so.sqlite3", create=True)
    with Register.create(tmp_path / "so.sqlite3") as register:
        assert register.created
    with Register(tmp_path / "so.sqlite3") as register:
        assert not register.created


def test_a_final_batch_says_which_numbers_it_issued_and_from_which_register(runner, tmp_path):
    shutil.copy(SAMPLES / "co-quan.yaml", tmp_path / "co-quan.yaml")
    (tmp_path / "kt").mkdir()
    shutil.copy(SAMPLES / "khen-thuong" / "danh-sach.xlsx", tmp_path / "kt" / "danh-sach.xlsx")
    form = (SAMPLES / "khen-thuong" / "quyet-dinh.yaml").read_text(encoding="utf-8").replace("so: 2890\n", "")
    (tmp_path / "kt" / "quyet-dinh.yaml").write_text(form, encoding="utf-8")
    Register.create(tmp_path / "so-van-ban.sqlite3").close()
    result = runner.invoke(cli.main, ["batch", str(tmp_path / "kt" / "danh-sach.xlsx"), "--form",
                                      str(tmp_path / "kt" / "quyet-dinh.yaml"), "-o", str(tmp_path / "out"),
                                      "--group-by", "Quyết định", "--final", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert f"đã cấp 2 số năm 2025 (01–02/QĐ-BQL) từ sổ '{tmp_path / 'so-van-ban.sqlite3'}'" in result.stderr


# ---------------------------------------------------------------------------- item 10

def test_a_dangling_symlink_at_the_output_path_is_not_replaced_without_force(runner, office):
    link = office / "out.docx"
    link.symlink_to(office / "nowhere" / "target.docx")
    result = runner.invoke(cli.main, ["render", str(office / "ke-hoach.yaml"), "-o", str(link)])
    assert result.exit_code == 7 and "--force" in result.stderr
    assert link.is_symlink()
    forced = runner.invoke(cli.main, ["render", str(office / "ke-hoach.yaml"), "-o", str(link), "--force"])
    assert forced.exit_code == 0 and not link.is_symlink() and link.is_file()


def test_a_form_with_a_250_character_name_renders(runner, office):
    name = "ke-hoach-" + "x" * (250 - len("ke-hoach-") - len(".yaml")) + ".yaml"
    assert len(name) == 250
    shutil.copy(office / "ke-hoach.yaml", office / name)
    result = runner.invoke(cli.main, ["render", str(office / name), "-o", str(office)])
    assert result.exit_code == 0, result.output
    assert (office / name).with_suffix(".docx").is_file()
    assert not [p for p in office.iterdir() if p.name.endswith(".tmp")]
