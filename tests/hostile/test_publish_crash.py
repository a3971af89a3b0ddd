"""Batch publishing is all or nothing even under kill -9, and a rerun never doubles a decision.

Each test runs a real `vanban batch` process and kills it with SIGKILL at a chosen point of the
publish step (the VANBAN_TEST_KILL_AT hook sends the signal from inside, at an exact point; one
test sends it from outside at a random moment). Then the invariant of issue 12, item 1:

- the output folder holds every decision of the batch or none of them, never a mix;
- no file there carries a voided number, every issued number has its file with its hash;
- running the batch again leaves exactly one decision per awardee: numbers reserved by the killed
  run are reused for the same rows, none is voided, and `vanban so verify` is clean.

The crash tests run on both backends: the SQLite file beside the profile and a PostgreSQL register
(a real throw-away server, tests/postgres_server.py) named by the profile's ``so_van_ban.url``.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from openpyxl import load_workbook

import cli
from generator import publish
from generator.register import Register, file_sha256, settings_from_profile
from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL") or sys.platform == "win32",
                                reason="needs SIGKILL and POSIX locks")

AWARDEES = 16  # the first rows of the sample sheet: --per-row gives one decision each


BACKENDS = ["sqlite", "postgresql"]
PASSWORD = "s3cret-pw"


@pytest.fixture
def office(request, tmp_path):
    """An office folder: profile, sheet and form. ``indirect`` parametrization picks the backend:
    "sqlite" (the default: so-van-ban.sqlite3 beside the profile) or "postgresql" (the session's
    throw-away server, an agency of its own)."""
    shutil.copy(SAMPLES / "co-quan.yaml", tmp_path / "co-quan.yaml")
    if getattr(request, "param", "sqlite") == "postgresql":
        # a password in the URL (the throw-away server trusts local connections): it must never
        # reach a journal or a message
        url = request.getfixturevalue("pg_url").replace("postgresql://postgres@", f"postgresql://postgres:{PASSWORD}@")
        with open(tmp_path / "co-quan.yaml", "a", encoding="utf-8") as profile:
            profile.write(f"so_van_ban:\n  url: {url}\n  co_quan: crash-{uuid.uuid4().hex[:10]}\n")
    (tmp_path / "kt").mkdir()
    book = load_workbook(SAMPLES / "khen-thuong" / "danh-sach.xlsx")
    sheet = book.active
    sheet.delete_rows(AWARDEES + 2, sheet.max_row)
    book.save(tmp_path / "kt" / "danh-sach.xlsx")
    form = (SAMPLES / "khen-thuong" / "quyet-dinh.yaml").read_text(encoding="utf-8").replace("so: 2890\n", "")
    (tmp_path / "kt" / "quyet-dinh.yaml").write_text(form, encoding="utf-8")
    return tmp_path


def batch_args(office: Path, *extra: str, final: bool = True) -> list[str]:
    return ["batch", str(office / "kt" / "danh-sach.xlsx"), "--form", str(office / "kt" / "quyet-dinh.yaml"),
            "-o", str(office / "out"), "--per-row", "--merge", str(office / "out" / "in-an.docx"),
            *(["--final"] if final else []), *extra]


def run_killed(args: list[str], kill_at: str | None = None, delay: float | None = None,
               kill_after: float | None = None) -> int:
    """Run the CLI in its own process; return its exit status (-9 when killed)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if kill_at:
        env[publish.KILL_ENV] = kill_at
    if delay:
        env[publish.DELAY_ENV] = str(delay)
    child = subprocess.Popen([sys.executable, "-c", "import sys, cli; sys.exit(cli.main())", *args],
                             cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if kill_after is not None:
        out = Path(args[args.index("-o") + 1])
        deadline = time.monotonic() + 60
        # wait until it is publishing (its journal says so), then kill it a moment later
        while time.monotonic() < deadline and child.poll() is None:
            if any((publish.read_journal(f) or {}).get("state") == publish.PUBLISHING
                   for f in publish.staging_folders(out)):
                break
            time.sleep(0.005)
        time.sleep(kill_after)
        child.send_signal(signal.SIGKILL)
    _, err = child.communicate(timeout=120)
    assert b"Traceback" not in err, err.decode()
    return child.returncode


def decisions(out: Path) -> list[Path]:
    """The decisions in the output folder (numbered, or "du-thao-…" drafts), not the print file."""
    return sorted(p for p in out.glob("*.docx") if p.name != "in-an.docx")


def assert_all_or_nothing(office: Path) -> str:
    """The invariant after recovery: every decision or none; files and numbers agree."""
    out = office / "out"
    with open_register(office) as register:  # opening recovers
        entries = register.list()
        issued = [e for e in entries if e.status == "issued"]
        present = decisions(out) if out.exists() else []
        assert len(present) in (0, AWARDEES), [p.name for p in present]
        for entry in entries:
            if entry.status == "voided" and entry.path is not None:
                assert not entry.path.exists(), f"{entry.path.name} exists but its number is voided"
        for entry in issued:
            assert entry.path.is_file() and file_sha256(entry.path) == entry.sha256
        assert sorted(e.path for e in issued) == present
        return "all" if present else "none"


def assert_rerun_is_clean(runner, office: Path, reserved_before: list[int]) -> None:
    """Running the batch again: one decision per awardee, the kept numbers reused, nothing voided."""
    result = runner.invoke(cli.main, batch_args(office))
    assert result.exit_code == 0, result.output
    out = office / "out"
    assert len(decisions(out)) == AWARDEES and (out / "in-an.docx").is_file()
    assert publish.staging_folders(out) == []
    with open_register(office) as register:
        entries = register.list()
        assert [e.status for e in entries] == ["issued"] * AWARDEES, [(e.number, e.status) for e in entries]
        assert [e.number for e in entries] == list(range(1, AWARDEES + 1))
        if reserved_before:
            assert sorted(reserved_before) == [e.number for e in entries]
        assert [p for p in register.verify() if p.is_error] == []
    verify = runner.invoke(cli.main, ["so", "verify", "--profile", str(office / "co-quan.yaml")])
    assert verify.exit_code == 0, verify.output


def open_register(office: Path, **kwargs) -> Register:
    """The office's register, found the way the batch finds it (the profile)."""
    return Register.from_settings(settings_from_profile(office / "co-quan.yaml"), **kwargs)


def reserved_numbers(office: Path) -> list[int]:
    with open_register(office, recover=False) as register:
        return [e.number for e in register.list() if e.status == "reserved"]


@pytest.mark.parametrize("office", BACKENDS, indirect=True)
@pytest.mark.parametrize("kill_at, expected", [
    ("staged", "none"),     # every file rendered, nothing published yet: rolled back
    ("journal", "all"),     # the journal says publishing, no file moved yet: rolled forward
    ("move:1", "all"),      # one file moved
    ("move:9", "all"),      # half of them
    ("moved", "all"),       # every file moved, no number issued yet
    ("issued", "all"),      # numbers issued, staging folder not yet removed
], ids=["after-rendering", "after-the-journal", "after-one-move", "halfway-through-the-moves",
        "after-the-moves", "after-issuing"])
def test_a_final_batch_killed_while_publishing_is_completed_or_undone_and_a_rerun_reuses_its_numbers(
        runner, office, kill_at, expected):
    assert runner.invoke(cli.main, ["so", "init", "--profile", str(office / "co-quan.yaml")]).exit_code == 0
    assert run_killed(batch_args(office, "--jobs", "2"), kill_at=kill_at) == -signal.SIGKILL
    kept = reserved_numbers(office)
    assert len(kept) == AWARDEES or kill_at == "issued"
    assert assert_all_or_nothing(office) == expected
    assert_rerun_is_clean(runner, office, kept)


@pytest.mark.parametrize("office", BACKENDS, indirect=True)
@pytest.mark.parametrize("kill_at, expected", [("staged", "none"), ("move:9", "all")],
                         ids=["killed-before-publishing", "killed-while-moving"])
def test_the_rerun_itself_settles_a_killed_final_batch_through_the_register_it_used(runner, office, kill_at,
                                                                                    expected):
    """No open of the register in between: the rerun's own recovery reopens the register the
    journal names (for PostgreSQL: resolved again from the profile) and settles it."""
    assert runner.invoke(cli.main, ["so", "init", "--profile", str(office / "co-quan.yaml")]).exit_code == 0
    assert run_killed(batch_args(office, "--jobs", "2"), kill_at=kill_at) == -signal.SIGKILL
    kept = reserved_numbers(office)
    assert len(kept) == AWARDEES
    assert len(decisions(office / "out")) == (9 if expected == "all" else 0)
    result = runner.invoke(cli.main, batch_args(office))
    assert result.exit_code == 0, result.output
    assert ("đã ghi nốt" in result.stderr) == (expected == "all")
    assert PASSWORD not in result.output
    assert assert_all_or_nothing(office) == "all"
    with open_register(office) as register:
        entries = register.list()
    assert [(e.number, e.status) for e in entries] == [(n, "issued") for n in range(1, AWARDEES + 1)]
    assert sorted(kept) == [e.number for e in entries]  # the killed run's numbers, none twice
    assert publish.staging_folders(office / "out") == []


@pytest.mark.parametrize("office", ["postgresql"], indirect=True)
def test_a_rerun_that_resolves_another_register_than_the_journal_names_refuses_and_touches_nothing(
        runner, office):
    assert runner.invoke(cli.main, ["so", "init", "--profile", str(office / "co-quan.yaml")]).exit_code == 0
    assert run_killed(batch_args(office, "--jobs", "1"), kill_at="journal") == -signal.SIGKILL
    [folder] = publish.staging_folders(office / "out")
    journal = (folder / publish.JOURNAL).read_text(encoding="utf-8")
    assert PASSWORD not in journal and "postgres:***@" in journal
    profile = office / "co-quan.yaml"
    original = profile.read_text(encoding="utf-8")
    agency = original.split("co_quan: ")[-1].strip()
    profile.write_text(original.replace(f"co_quan: {agency}", "co_quan: another-agency"), encoding="utf-8")
    for lang in ([], ["--lang", "en"]):
        refused = runner.invoke(cli.main, [*lang, *batch_args(office)])
        assert refused.exit_code == 9, refused.output
        assert "Traceback" not in refused.output and PASSWORD not in refused.output
        assert agency in refused.stderr and "another-agency" in refused.stderr and folder.name in refused.stderr
    assert (folder / publish.JOURNAL).read_text(encoding="utf-8") == journal  # nothing touched
    assert decisions(office / "out") == []
    profile.write_text(original, encoding="utf-8")  # the batch's own profile again: settled
    assert_rerun_is_clean(runner, office, reserved_numbers(office))


def test_so_verify_names_what_a_killed_batch_left_and_repair_voids_the_numbers_it_kept(runner, office):
    assert runner.invoke(cli.main, ["so", "init", "--profile", str(office / "co-quan.yaml")]).exit_code == 0
    assert run_killed(batch_args(office, "--jobs", "1"), kill_at="staged") == -signal.SIGKILL
    profile = ["--profile", str(office / "co-quan.yaml")]
    verify = runner.invoke(cli.main, ["so", "verify", *profile])
    assert verify.exit_code == 9
    assert "đang giữ cho đợt làm hàng loạt bị dừng" in verify.stderr and ".vanban-batch-" in verify.stderr
    repaired = runner.invoke(cli.main, ["so", "verify", "--repair", *profile])
    assert repaired.exit_code == 0, repaired.output
    assert publish.staging_folders(office / "out") == []
    with Register(office / "so-van-ban.sqlite3") as register:
        assert {e.status for e in register.list()} == {"voided"}
        assert {e.reason for e in register.list()} == {"đợt làm hàng loạt bị dừng, không chạy lại"}


@pytest.mark.parametrize("office", BACKENDS, indirect=True)
def test_a_batch_killed_from_outside_at_a_random_moment_of_publishing_is_all_or_nothing(runner, office):
    assert runner.invoke(cli.main, ["so", "init", "--profile", str(office / "co-quan.yaml")]).exit_code == 0
    moment = random.Random(os.getpid()).uniform(0.0, 0.05)
    status = run_killed(batch_args(office, "--jobs", "2"), delay=0.005, kill_after=moment)
    assert status in (-signal.SIGKILL, 0)
    assert assert_all_or_nothing(office) == "all"  # killed while publishing: completed
    assert_rerun_is_clean(runner, office, [])


def test_a_killed_batch_leaves_no_worker_process_behind(office):
    out = office / "out"
    assert run_killed(batch_args(office, "--jobs", "2", final=False), kill_at="staged") == -signal.SIGKILL
    marker = str(out).encode()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        alive = []
        for proc in Path("/proc").glob("[0-9]*"):
            try:
                if marker in (proc / "cmdline").read_bytes():
                    alive.append(proc.name)
            except OSError:
                continue
        if not alive:
            break
        time.sleep(0.05)
    assert alive == []


@pytest.mark.parametrize("kill_at, expected", [("staged", 0), ("move:5", AWARDEES)],
                         ids=["killed-before-publishing", "killed-while-moving"])
def test_a_draft_batch_killed_is_completed_or_undone_by_the_next_run(runner, office, kill_at, expected):
    args = batch_args(office, "--jobs", "1", final=False)
    assert run_killed(args, kill_at=kill_at) == -signal.SIGKILL
    assert len(decisions(office / "out")) in (0, 5)  # the journal says how far it went
    result = runner.invoke(cli.main, ["batch", *args[1:], "--json"])
    assert result.exit_code == 0, result.output
    if expected:
        assert "đã ghi nốt" in result.stderr
    assert len(decisions(office / "out")) == AWARDEES
    assert publish.staging_folders(office / "out") == []


def test_so_verify_reports_a_voided_number_with_a_file_an_issued_one_without_and_staging_left(runner, tmp_path):
    register = Register.create(tmp_path / "so.sqlite3")
    with register.issuing() as session:
        kept = session.reserve(kind="ke-hoach", type_code="KH", ky_hieu="KH-BQL", date="05/03/2024",
                               path=tmp_path / "01.docx")
        session.write(kept, kept.path, b"issued, then deleted")
        lost = session.reserve(kind="ke-hoach", type_code="KH", ky_hieu="KH-BQL", date="05/03/2024",
                               path=tmp_path / "02.docx")
        written = b"written, but the number was voided"
        session.prepare(lost, lost.path, hashlib.sha256(written).hexdigest())
        lost.path.write_bytes(written)
        session.fail(lost, "ghi tệp thất bại: đĩa đầy")
        torn = session.reserve(kind="ke-hoach", type_code="KH", ky_hieu="KH-BQL", date="05/03/2024",
                               path=tmp_path / "03.docx")
        session.prepare(torn, torn.path, "0" * 64)
        torn.path.write_bytes(b"half of a file")  # not the document: a torn write, only a warning
        session.fail(torn, "ghi tệp thất bại: đĩa đầy")
    kept.path.unlink()
    staging = tmp_path / f"{publish.STAGING_PREFIX}20240305-dead"
    staging.mkdir()
    (staging / "01-qd-bql-x.docx").write_bytes(b"half")
    os.utime(staging, (time.time() - 3600, time.time() - 3600))
    found = register.verify()
    problems = {p.code: p for p in found if p.is_error}
    assert set(problems) == {"register_file_missing", "register_voided_file_exists", "register_staging_left"}
    assert problems["register_voided_file_exists"].entry.number == lost.number
    assert [p.code for p in found if not p.is_error and p.entry is not None and p.entry.number == torn.number] == [
        "register_voided_file_exists"]
    register.close()
    result = runner.invoke(cli.main, ["so", "verify", "--register", str(tmp_path / "so.sqlite3")])
    assert result.exit_code == 9
    for text in ("01.docx", "02.docx", "đã hủy", staging.name):
        assert text in result.stderr
    runner.invoke(cli.main, ["so", "verify", "--repair", "--register", str(tmp_path / "so.sqlite3")])
    assert not staging.exists()
    after = runner.invoke(cli.main, ["so", "verify", "--register", str(tmp_path / "so.sqlite3")])
    assert staging.name not in after.stderr and "01.docx" in after.stderr  # a lost file stays reported
