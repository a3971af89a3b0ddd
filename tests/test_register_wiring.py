"""`vanban render --final` and `vanban batch --final` take their numbers from the register."""

from __future__ import annotations

import shutil

import pytest

import cli
from generator.register import Register, settings_from_profile
from tests.conftest import SAMPLES
from tests.docx_helpers import paragraphs
from tests.forms import office_folder


@pytest.fixture
def office(tmp_path):
    """A folder with the agency profile and a plan form without a number."""
    office_folder(tmp_path)
    Register.create(tmp_path / "so-van-ban.sqlite3").close()  # vanban so init
    return tmp_path


def register_of(folder):
    return Register.from_settings(settings_from_profile(folder / "co-quan.yaml"))


def test_a_final_render_takes_the_next_number_and_registers_the_file(runner, office):
    form = office / "ke-hoach.yaml"
    for expected in ("01", "02"):
        form.write_text(form.read_text(encoding="utf-8").replace("trich_yeu: ", f"trich_yeu: Lần {expected}. ", 1),
                        encoding="utf-8")  # two documents (the same one twice takes no second number)
        out = office / f"out-{expected}.docx"
        result = runner.invoke(cli.main, ["render", str(office / "ke-hoach.yaml"), "-o", str(out), "--final"])
        assert result.exit_code == 0, result.stderr
        assert f"Số: {expected}/KH-BQL" in [p.text for p in paragraphs(out)]
    with register_of(office) as register:
        entries = register.list(year=2026)
        assert [(e.number, e.status) for e in entries] == [(1, "issued"), (2, "issued")]
        assert register.verify() == []


def test_a_number_given_by_hand_that_is_already_issued_is_refused(runner, office):
    first = runner.invoke(cli.main, ["render", str(office / "ke-hoach.yaml"), "-o", str(office / "a.docx"),
                                     "--final"])
    assert first.exit_code == 0
    form = office / "ke-hoach.yaml"
    form.write_text(form.read_text(encoding="utf-8") + "so: 1\n", encoding="utf-8")
    again = runner.invoke(cli.main, ["render", str(form), "-o", str(office / "b.docx"), "--final"])
    assert again.exit_code == 9
    assert "01/KH-BQL" in again.stderr
    assert not (office / "b.docx").exists()


def test_a_draft_or_no_register_render_leaves_the_register_alone(runner, office):
    runner.invoke(cli.main, ["render", str(office / "ke-hoach.yaml"), "-o", str(office / "d.docx")])
    form = office / "ke-hoach.yaml"
    form.write_text(form.read_text(encoding="utf-8") + "so: 7\n", encoding="utf-8")
    result = runner.invoke(cli.main, ["render", str(form), "-o", str(office / "e.docx"), "--final", "--no-register"])
    assert result.exit_code == 0
    with register_of(office) as register:
        assert register.list() == []


def test_a_failed_write_voids_the_number_with_its_reason(runner, office):
    blocker = office / "blocked"
    blocker.mkdir()
    (blocker / "x.docx").mkdir()  # the target is a folder: the write fails
    result = runner.invoke(cli.main, ["render", str(office / "ke-hoach.yaml"), "-o", str(blocker / "x.docx"),
                                      "--final", "--force"])
    assert result.exit_code != 0
    with register_of(office) as register:
        [entry] = register.list(year=2026)
        assert entry.status == "voided" and entry.number == 1
    retry = runner.invoke(cli.main, ["render", str(office / "ke-hoach.yaml"), "-o", str(office / "ok.docx"),
                                     "--final"])
    assert retry.exit_code == 0
    assert "Số: 02/KH-BQL" in [p.text for p in paragraphs(office / "ok.docx")]


def _batch_office(tmp_path):
    shutil.copy(SAMPLES / "co-quan.yaml", tmp_path / "co-quan.yaml")
    (tmp_path / "kt").mkdir()
    shutil.copy(SAMPLES / "khen-thuong" / "danh-sach.xlsx", tmp_path / "kt" / "danh-sach.xlsx")
    form = (SAMPLES / "khen-thuong" / "quyet-dinh.yaml").read_text(encoding="utf-8").replace("so: 2890\n", "")
    (tmp_path / "kt" / "quyet-dinh.yaml").write_text(form, encoding="utf-8")
    Register.create(tmp_path / "so-van-ban.sqlite3").close()  # vanban so init
    return tmp_path / "kt"


def test_a_final_batch_numbers_every_decision_from_the_register(runner, tmp_path):
    folder = _batch_office(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(cli.main, ["batch", str(folder / "danh-sach.xlsx"), "--form", str(folder / "quyet-dinh.yaml"),
                                      "-o", str(out), "--group-by", "Quyết định", "--final", "--jobs", "2"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.glob("*.docx")) == ["01-qd-bql-hoan-thanh-xuat-sac-nhiem-vu.docx",
                                                          "02-qd-bql-doanh-nghiep-tieu-bieu.docx"]
    with register_of(tmp_path) as register:
        entries = register.list(year=2025)
        assert [(e.number, e.status) for e in entries] == [(1, "issued"), (2, "issued")]
        assert register.verify() == []


def test_a_batch_that_fails_leaves_its_numbers_voided_not_reused(runner, tmp_path, monkeypatch):
    from generator import batch

    folder = _batch_office(tmp_path)
    out = tmp_path / "out"

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch, "_move_into_place", broken)
    plan = batch.plan(folder / "danh-sach.xlsx", folder / "quyet-dinh.yaml", out,
                      batch.Options(group_by="Quyết định", mode="final", use_register=True, jobs=1))
    with pytest.raises(OSError):
        batch.run(plan)
    with register_of(tmp_path) as register:
        assert [(e.number, e.status) for e in register.list(year=2025)] == [(1, "voided"), (2, "voided")]
    assert not list(out.glob("*.docx"))
