"""The outgoing-document register (sổ văn bản đi): numbering, series, voiding, recovery, audit, CLI.

Dates are always explicit: nothing here depends on today's date. Every test that takes ``where``
runs on both backends: an SQLite file and a real PostgreSQL server (tests/postgres_server.py),
each test with its own agency in the shared database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import pickle
import signal
import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

import cli
from generator.errors import OutputError, RegisterError
from generator.messages import format_error
from generator.register import (
    ISSUED,
    RESERVED,
    VOIDED,
    Register,
    RegisterSettings,
    SeriesPolicy,
    file_sha256,
    settings_from_profile,
)
from generator.register.export import COLUMNS, TITLE
from generator.register.schema import SCHEMA_VERSION

D = dt.date


def _mp():
    """fork where the platform has it (fast), spawn elsewhere."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


@dataclass(frozen=True)
class Where:
    """Where a test's register lives: an SQLite file, or one agency in a PostgreSQL database."""

    location: str
    agency: str | None = None

    @property
    def backend(self) -> str:
        return "postgresql" if self.agency else "sqlite"

    def open(self, **kwargs) -> Register:
        return Register(self.location, agency=self.agency, **kwargs)

    def raw(self):
        """A plain connection of the backend's driver, bypassing the register's code."""
        if self.agency:
            import psycopg

            return psycopg.connect(self.location, options="-c search_path=vanban")
        return sqlite3.connect(self.location, timeout=30)

    def issued_count(self) -> int:
        raw = self.raw()
        try:
            sql = "SELECT count(*) FROM entries WHERE status = 'issued'"
            if self.agency:
                return raw.execute(sql + " AND agency = %s", (self.agency,)).fetchone()[0]
            return raw.execute(sql).fetchone()[0]
        finally:
            raw.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def where(request, tmp_path) -> Where:
    if request.param == "sqlite":
        return Where(str(tmp_path / "so.sqlite3"))
    url = request.getfixturevalue("pg_url")
    return Where(url, f"test-{uuid.uuid4().hex[:12]}")


@pytest.fixture
def reg(where):
    register = where.open(user="vanthu", create=True)
    yield register
    register.close()


def doc(**changes):
    """A reservation request for a plan, with explicit values."""
    values = dict(kind="ke-hoach", type_code="KH", ky_hieu="KH-BQL", date=D(2024, 3, 5),
                  trich_yeu="Triển khai công tác năm 2024", signer="Bùi Ngọc Hải",
                  recipients=["UBND thành phố", "Lưu: VT, VP"])
    values.update(changes)
    return values


def issue_file(session, folder: Path, **changes):
    """Reserve, write a tiny file, issue: what render --final does for one document."""
    entry = session.reserve(**doc(**changes), path=lambda e: folder / f"{e.year}-{e.series}-{e.number_text}.docx")
    return session.write(entry, entry.path, f"{entry.year} {entry.ky_hieu_full}".encode())


def numbers(register, **filters):
    return [e.number for e in register.list(**filters)]


# --------------------------------------------------------------------------- numbering

def test_the_first_number_of_a_year_is_01_and_the_next_ones_follow(reg, tmp_path):
    with reg.issuing() as session:
        first = issue_file(session, tmp_path, date=D(2024, 1, 1))
        second = issue_file(session, tmp_path, date=D(2024, 1, 2))
    assert (first.number, first.ky_hieu_full, first.so_line) == (1, "01/KH-BQL", "Số: 01/KH-BQL")
    assert second.ky_hieu_full == "02/KH-BQL"
    assert first.status == ISSUED and first.sha256 == file_sha256(first.path)


def test_numbers_restart_at_01_on_1_january(reg, tmp_path):
    with reg.issuing() as session:
        for day in (D(2024, 12, 30), D(2024, 12, 31)):
            issue_file(session, tmp_path, date=day)
        new_year = issue_file(session, tmp_path, date=D(2025, 1, 1))
        late_2024 = issue_file(session, tmp_path, date=D(2024, 12, 31))
    assert (new_year.year, new_year.number) == (2025, 1)
    assert (late_2024.year, late_2024.number) == (2024, 3)
    assert numbers(reg, year=2024) == [1, 2, 3] and numbers(reg, year=2025) == [1]


@pytest.mark.parametrize("mode,expected", [
    ("chung", {"KH": ["chung"] * 2, "QĐ": ["chung"], None: ["chung"], "numbers": [1, 2, 3, 4]}),
    ("theo-loai", {"KH": ["KH", "KH"], "QĐ": ["QĐ"], None: ["cong-van"], "numbers": [1, 2, 1, 1]}),
], ids=["shared-series", "one-series-per-type"])
def test_the_series_policy_decides_whether_types_share_numbers(where, tmp_path, mode, expected):
    register = where.open(policy=SeriesPolicy(mode), create=True)
    with register.issuing() as session:
        got = [issue_file(session, tmp_path, type_code="KH", ky_hieu="KH-BQL"),
               issue_file(session, tmp_path, type_code="KH", ky_hieu="KH-BQL"),
               issue_file(session, tmp_path, kind="quyet-dinh", type_code="QĐ", ky_hieu="QĐ-BQL"),
               issue_file(session, tmp_path, kind="cong-van", type_code=None, ky_hieu="BQL-VP")]
    assert [e.series for e in got[:2]] == expected["KH"]
    assert [got[2].series] == expected["QĐ"] and [got[3].series] == expected[None]
    assert [e.number for e in got] == expected["numbers"]


@pytest.mark.parametrize("mode", ["chung", "theo-loai"])
def test_secret_documents_always_have_their_own_series(where, tmp_path, mode):
    register = where.open(policy=SeriesPolicy(mode), create=True)
    with register.issuing() as session:
        issue_file(session, tmp_path)
        secret = issue_file(session, tmp_path, secret=True, ky_hieu="KH-BQL-M")
        issue_file(session, tmp_path)
    assert (secret.series, secret.number) == ("mat", 1)
    assert numbers(register, series=register.series_for("KH")) == [1, 2]


def test_copies_sy_sl_and_trs_share_one_copy_series():
    policy = SeriesPolicy("theo-loai")
    assert {policy.series_for(code) for code in ("SY", "SL", "TrS")} == {"sao"}
    assert SeriesPolicy("chung").series_for("SY") == "sao"


def test_in_shared_mode_the_listed_types_get_their_own_series():
    policy = SeriesPolicy("chung", separate=("QĐ",))
    assert (policy.series_for("QĐ"), policy.series_for("KH"), policy.series_for(None)) == ("QĐ", "chung", "chung")


@pytest.mark.parametrize("bad", [dict(mode="tuy-y"), dict(separate=("XX",))], ids=["mode", "type-code"])
def test_an_unknown_series_setting_is_refused(bad):
    with pytest.raises(RegisterError):
        SeriesPolicy(**bad)


# --------------------------------------------------------------------------- numbers by hand

def test_a_number_given_by_hand_that_is_taken_is_refused_naming_the_existing_document(reg, tmp_path):
    with reg.issuing() as session:
        existing = issue_file(session, tmp_path, number=1626, date=D(2023, 4, 13),
                              trich_yeu="Triển khai Nghị quyết 12")
        with pytest.raises(RegisterError) as caught:
            session.reserve(**doc(number=1626, date=D(2023, 5, 2), trich_yeu="Khác"))
    error = caught.value
    assert error.code == "register_number_used" and error.exit_code == 9
    assert error.params["so_ky_hieu"] == "1626/KH-BQL" and error.params["date"] == "13/4/2023"
    assert error.params["trich_yeu"] == "Triển khai Nghị quyết 12"
    assert error.params["file"] == str(existing.path)
    message = format_error(error, "vi")
    assert "1626/KH-BQL" in message and "Triển khai Nghị quyết 12" in message and "đã cấp" in message
    with pytest.raises(RegisterError) as again:
        reg.check_manual(2023, "chung", 1626, "KH-BQL")
    assert again.value.params["so_ky_hieu"] == "1626/KH-BQL"
    reg.check_manual(2024, "chung", 1626, "KH-BQL")  # another year: free


def test_a_free_number_given_by_hand_is_taken_and_the_series_continues_after_it(reg, tmp_path):
    with reg.issuing() as session:
        manual = issue_file(session, tmp_path, number=5)
        after = issue_file(session, tmp_path)
    assert manual.manual and (manual.number, after.number) == (5, 6)
    gaps = [p for p in reg.verify() if p.code == "register_gap"]
    assert len(gaps) == 1 and not gaps[0].is_error and gaps[0].params["missing"] == "01, 02, 03, 04"


def test_the_same_number_and_ky_hieu_cannot_appear_twice_in_a_year_even_across_series(reg, tmp_path):
    with reg.issuing() as session:
        issue_file(session, tmp_path)
        with pytest.raises(RegisterError) as caught:
            session.reserve(**doc(number=1, series="hoi-dong"))
    assert caught.value.code == "register_ky_hieu_used"


@pytest.mark.parametrize("bad,code", [
    (dict(ky_hieu="KH BQL"), "register_ky_hieu_invalid"),
    (dict(date="31/02/2024"), "register_date_invalid"),
    (dict(number=0), "register_number_invalid"),
    (dict(type_code="XYZ"), "register_type_code_unknown"),
], ids=["ky-hieu-with-space", "impossible-date", "number-zero", "unknown-type-code"])
def test_a_bad_reservation_is_refused_and_takes_no_number(reg, bad, code):
    with reg.issuing() as session:
        with pytest.raises(RegisterError) as caught:
            session.reserve(**doc(**bad))
    assert caught.value.code == code and reg.list() == []


# --------------------------------------------------------------------------- voiding

def test_a_voided_number_keeps_its_row_and_is_never_reused(reg, tmp_path):
    with reg.issuing() as session:
        issue_file(session, tmp_path)
        second = issue_file(session, tmp_path)
    voided = reg.void(2, "ký nhầm người ký", year=2024, user="truongvp")
    assert (voided.id, voided.status, voided.reason, voided.changed_by) == (second.id, VOIDED, "ký nhầm người ký", "truongvp")
    with reg.issuing() as session:
        third = issue_file(session, tmp_path)
    assert third.number == 3 and numbers(reg) == [1, 2, 3]
    with pytest.raises(RegisterError, match="register_already_voided"):
        reg.void(2, "lần nữa")
    with pytest.raises(RegisterError, match="register_reason_required"):
        reg.void(1, "  ")
    with pytest.raises(RegisterError, match="register_number_used"):
        reg.check_manual(2024, "chung", 2, "KH-BQL")


def test_show_and_void_accept_the_number_with_its_ky_hieu(reg, tmp_path):
    with reg.issuing() as session:
        issue_file(session, tmp_path, date=D(2023, 6, 1))
        issue_file(session, tmp_path, date=D(2024, 6, 1))
    assert reg.show("01/KH-BQL").year == 2024  # the latest year by default
    assert reg.show("1/KH-BQL", year=2023).year == 2023
    with pytest.raises(RegisterError, match="register_ambiguous"):
        reg.void(1, "không rõ năm")  # voiding never guesses the year
    with pytest.raises(RegisterError, match="register_not_found"):
        reg.show(9)


# --------------------------------------------------------------------------- failures inside a session

def test_a_failure_inside_issuing_voids_the_reservation_with_the_reason(reg):
    with pytest.raises(RuntimeError):
        with reg.issuing() as session:
            entry = session.reserve(**doc())
            raise RuntimeError("hết dung lượng đĩa")
    row = reg.show(entry.number)
    assert row.status == VOIDED and row.reason == "ghi tệp thất bại: RuntimeError: hết dung lượng đĩa"
    with reg.issuing() as session:
        assert session.reserve(**doc()).number == 2


def test_a_write_that_fails_voids_its_number_and_the_batch_goes_on(reg, tmp_path):
    (tmp_path / "01.docx").write_bytes(b"old")
    with reg.issuing() as session:
        entry = session.reserve(**doc(), path=tmp_path / "01.docx")
        with pytest.raises(OutputError):
            session.write(entry, entry.path, b"new")  # exists and no --force
        later = issue_file(session, tmp_path)
    row = reg.show(1)
    assert row.status == VOIDED and row.reason.startswith("ghi tệp thất bại: tệp")
    assert "đã có" in row.reason and (tmp_path / "01.docx").read_bytes() == b"old"
    assert later.number == 2 and later.status == ISSUED


def test_leaving_a_session_without_writing_voids_what_was_not_issued(reg):
    with reg.issuing() as session:
        session.reserve(**doc())
    row = reg.show(1)
    assert row.status == VOIDED and row.reason == "không ghi tệp: phiên cấp số kết thúc trước khi ghi"
    assert session.voided and not session.pending


def test_issue_refuses_a_missing_file_or_a_different_hash(reg, tmp_path):
    with reg.issuing() as session:
        entry = session.reserve(**doc())
        with pytest.raises(RegisterError, match="register_file_missing"):
            session.issue(entry, tmp_path / "absent.docx")
        target = tmp_path / "x.docx"
        target.write_bytes(b"abc")
        with pytest.raises(RegisterError, match="register_hash_mismatch"):
            session.issue(entry, target, "0" * 64)
        issued = session.issue(entry, target, hashlib.sha256(b"abc").hexdigest())
    assert issued.status == ISSUED and issued.path == target.absolute()


def test_a_number_can_be_issued_without_a_file_for_a_paper_original(reg):
    with reg.issuing() as session:
        issued = session.issue(session.reserve(**doc()))
    assert (issued.status, issued.path, issued.sha256) == (ISSUED, None, None)
    assert reg.verify() == []


# --------------------------------------------------------------------------- audit

def test_every_change_is_in_the_audit_with_who_when_and_before_after(reg, tmp_path):
    with reg.issuing(user="vanthu1") as session:
        entry = issue_file(session, tmp_path)
    reg.void(entry.number, "sai trích yếu", user="truongvp")
    trail = reg.audit(entry)
    assert [(a.action, a.who) for a in trail] == [
        ("reserve", "vanthu1"), ("prepare", "vanthu1"), ("issue", "vanthu1"), ("void", "truongvp")]
    assert trail[0].before is None and trail[0].after["status"] == RESERVED
    assert (trail[-1].before["status"], trail[-1].after["status"]) == (ISSUED, VOIDED)
    assert trail[-1].after["reason"] == "sai trích yếu" and all(a.at for a in trail)


@pytest.mark.parametrize("statement", [
    "UPDATE audit SET who = 'x'",
    "DELETE FROM audit",
    "DELETE FROM entries",
    "UPDATE entries SET number = 7",
    "UPDATE entries SET status = 'issued', reason = NULL",
], ids=["audit-update", "audit-delete", "entry-delete", "renumber", "unvoid"])
def test_the_database_itself_refuses_to_rewrite_history(where, reg, statement):
    with reg.issuing() as session:
        session.reserve(**doc())  # voided on exit: one entry, two audit rows
    raw = where.raw()
    refused = (sqlite3.DatabaseError,)
    if where.agency:
        import psycopg

        refused = (psycopg.DatabaseError,)
    with pytest.raises(refused):
        raw.execute(statement)
    raw.rollback()
    if where.agency:
        assert raw.execute("SELECT count(*) FROM audit WHERE agency = %s", (where.agency,)).fetchone()[0] == 2
    else:
        assert raw.execute("SELECT count(*) FROM audit").fetchone()[0] == 2
    raw.close()


def test_the_schema_version_is_recorded_and_a_newer_or_foreign_file_is_refused(tmp_path):
    path = tmp_path / "so.sqlite3"
    Register(path, create=True).close()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(RegisterError, match="register_too_new"):
        Register(path)
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(RegisterError, match="register_not_a_register"):
        Register(other)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(RegisterError, match="register_unreadable"):
        Register(junk)


def test_register_errors_keep_their_code_across_processes():
    error = RegisterError("register_number_used", so_ky_hieu="05/KH-BQL", year=2024)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.params, copy.exit_code) == (error.code, error.params, 9)


# --------------------------------------------------------------------------- profile

def test_the_profile_sets_the_path_beside_it_and_the_series_mode(tmp_path):
    profile = tmp_path / "co-quan.yaml"
    profile.write_text("co_quan_ban_hanh: Ban X\nso_van_ban:\n  duong_dan: so/2024.sqlite3\n"
                       "  che_do: theo-loai\n", encoding="utf-8")
    settings = settings_from_profile(profile)
    assert settings.path == tmp_path / "so" / "2024.sqlite3"
    assert settings.policy == SeriesPolicy("theo-loai") and settings.enabled
    default = RegisterSettings.from_profile({}, tmp_path / "p.yaml")
    assert default.path == tmp_path / "so-van-ban.sqlite3" and default.policy.mode == "chung"
    with pytest.raises(RegisterError, match="register_settings_invalid"):
        RegisterSettings.from_profile({"so_van_ban": {"duongdan": "x"}}, profile)


# --------------------------------------------------------------------------- concurrency and crashes

def _issue_many(where: Where, folder: str, count: int, barrier) -> None:
    register = where.open()
    barrier.wait()
    with register.issuing(user=f"worker-{os.getpid()}") as session:
        for _ in range(count):
            issue_file(session, Path(folder), date=D(2024, 5, 2))
    register.close()


def test_eight_processes_issuing_at_once_get_1600_distinct_consecutive_numbers(where, tmp_path):
    where.open(create=True).close()
    ctx = _mp()
    barrier = ctx.Barrier(8)
    workers = [ctx.Process(target=_issue_many, args=(where, str(tmp_path), 200, barrier))
               for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0] * 8
    register = where.open()
    entries = register.list(year=2024)
    assert [e.number for e in entries] == list(range(1, 1601))
    assert {e.status for e in entries} == {ISSUED}
    assert len({e.ky_hieu_full for e in entries}) == 1600
    by_worker = {}
    for e in entries:
        by_worker[e.pid] = by_worker.get(e.pid, 0) + 1
    assert sorted(by_worker.values()) == [200] * 8
    switches = sum(1 for a, b in zip(entries, entries[1:]) if a.pid != b.pid)
    assert switches > 8, "the workers did not actually run at the same time"
    assert register.verify() == []


def _issue_slowly(where: Where, folder: str) -> None:
    register = where.open()
    with register.issuing(user="batch") as session:
        for _ in range(100_000):
            entry = session.reserve(**doc(date=D(2024, 7, 1)),
                                    path=lambda e: Path(folder) / f"{e.number_text}.docx")
            time.sleep(0.001)
            data = f"{entry.ky_hieu_full}\n".encode() * 200
            session.prepare(entry, entry.path, hashlib.sha256(data).hexdigest())
            time.sleep(0.001)
            (Path(folder) / f"{entry.number_text}.docx").write_bytes(data)  # not atomic on purpose
            time.sleep(0.001)
            session.issue(entry, entry.path)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_batch_killed_with_sigkill_leaves_a_consistent_register_after_recovery(where, tmp_path):
    where.open(create=True).close()
    ctx = _mp()
    for round_, delay in enumerate((0.0, 0.0013, 0.0027, 0.0041)):  # land in different steps
        child = ctx.Process(target=_issue_slowly, args=(where, str(tmp_path)))
        child.start()
        target = (round_ + 1) * 15
        deadline = time.monotonic() + 60
        while where.issued_count() < target and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        assert child.exitcode == -signal.SIGKILL

    register = where.open()  # the next run: recovery happens on open
    entries = register.list()
    assert [e.number for e in entries] == list(range(1, len(entries) + 1))
    assert not [e for e in entries if e.status == RESERVED]
    issued = [e for e in entries if e.status == ISSUED]
    assert len(issued) >= 60
    for entry in issued:
        assert entry.path.is_file() and file_sha256(entry.path) == entry.sha256
    for entry in entries:
        if entry.status == VOIDED:
            assert entry.reason.startswith("tiến trình bị dừng")
    assert [p for p in register.verify() if p.is_error] == []
    with register.issuing() as session:
        assert issue_file(session, tmp_path, date=D(2024, 7, 2)).number == len(entries) + 1


def _allocate_and_hang(where: Where, ready) -> None:
    """Take the series' number inside the write transaction, then wait there to be killed."""
    register = where.open()
    with register._transaction() as conn:
        register._backend.allocate(conn, 2024, "chung", None)
        ready.set()
        time.sleep(120)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_process_killed_inside_the_allocating_transaction_takes_no_number_and_blocks_no_one(where):
    where.open(create=True).close()
    ctx = _mp()
    ready = ctx.Event()
    child = ctx.Process(target=_allocate_and_hang, args=(where, ready))
    child.start()
    assert ready.wait(60)
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    register = where.open(timeout=30)
    with register.issuing() as session:
        first = session.issue(session.reserve(**doc()))
    assert (first.number, first.status) == (1, ISSUED) and numbers(register) == [1]
    register.close()


def _reserve_then_die(where: Where, folder: str, stage: str) -> None:
    register = where.open()
    session = register.issuing(user="batch")
    entry = session.reserve(**doc(), path=Path(folder) / f"{stage}.docx")
    data = stage.encode()
    if stage != "reserved":
        session.prepare(entry, entry.path, hashlib.sha256(data).hexdigest())
    if stage in ("written", "damaged"):
        entry.path.write_bytes(data if stage == "written" else b"half")
    os._exit(0)  # no cleanup at all: as if killed


@pytest.mark.parametrize("stage,status", [
    ("reserved", VOIDED), ("prepared", VOIDED), ("written", ISSUED), ("damaged", VOIDED),
], ids=["killed-after-reserving", "killed-before-writing", "killed-after-writing",
        "killed-with-a-wrong-file"])
def test_recovery_issues_only_a_reservation_whose_file_is_complete(where, tmp_path, stage, status):
    where.open(create=True).close()
    child = _mp().Process(target=_reserve_then_die, args=(where, str(tmp_path), stage))
    child.start()
    child.join(30)
    register = where.open(recover=False)
    assert register.show(1).status == RESERVED
    assert [p.code for p in register.verify()] == ["register_dangling"]
    changed = register.recover()
    entry = register.show(1)
    assert [e.id for e in changed] == [entry.id] and entry.status == status
    assert register.audit(entry)[-1].action == ("recover-issue" if status == ISSUED else "recover-void")
    if status == VOIDED:
        assert entry.reason == f"tiến trình bị dừng (pid {child.pid}, máy {entry.host})"
    else:
        assert entry.sha256 == file_sha256(tmp_path / "written.docx")


def test_recovery_leaves_the_reservations_of_a_live_process_alone(where):
    first = where.open(create=True)
    with first.issuing() as session:
        session.reserve(**doc())
        second = where.open()  # opening runs recovery
        assert second.show(1).status == RESERVED and second.recover() == []
        assert [p.code for p in second.verify()] == ["register_reserved_live"]
        second.close()
    assert first.show(1).status == VOIDED


# --------------------------------------------------------------------------- verify and export

def test_verify_finds_a_modified_file_and_a_missing_one(reg, tmp_path):
    with reg.issuing() as session:
        one, two, _ = (issue_file(session, tmp_path) for _ in range(3))
    assert reg.verify() == []
    one.path.write_bytes(b"edited after issue")
    two.path.unlink()
    problems = {p.code: p for p in reg.verify()}
    assert set(problems) == {"register_hash_mismatch", "register_file_missing"}
    assert problems["register_hash_mismatch"].entry.number == 1
    assert problems["register_file_missing"].params["so_ky_hieu"] == "02/KH-BQL"


def test_export_writes_the_register_book_with_the_phu_luc_iv_columns(reg, tmp_path):
    with reg.issuing() as session:
        issue_file(session, tmp_path, date=D(2024, 1, 5), copies=3, archive="VT, VP")
        issue_file(session, tmp_path, date=D(2024, 2, 1))
        issue_file(session, tmp_path, date=D(2024, 2, 2), secret=True, ky_hieu="KH-BQL-M")
        issue_file(session, tmp_path, date=D(2023, 12, 1))
    reg.void(2, "hủy theo chỉ đạo", year=2024)
    target = reg.export_xlsx(tmp_path / "so-2024.xlsx", 2024, agency="BAN QUẢN LÝ KHU KINH TẾ")
    book = load_workbook(target)
    assert book.sheetnames == ["Sổ chung", "Văn bản mật"]
    sheet = book["Sổ chung"]
    assert sheet["A1"].value == f"{TITLE} NĂM 2024" == "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2024"
    headers = [c.value for c in sheet[4]]
    assert headers == [
        "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản",
        "Người ký", "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản",
        "Ngày chuyển", "Ký nhận", "Ghi chú"] == [name for name, _ in COLUMNS]
    assert [c.value for c in sheet[5]] == [f"({i})" for i in range(1, 11)]
    first, second = [[c.value for c in row] for row in sheet.iter_rows(min_row=6)]
    assert first[:7] == ["01/KH-BQL", "05/01/2024", "Kế hoạch Triển khai công tác năm 2024",
                         "Bùi Ngọc Hải", "UBND thành phố\nLưu: VT, VP", "VT, VP", 3]
    assert second[0] == "02/KH-BQL" and second[9] == "Hủy số: hủy theo chỉ đạo"
    assert [c.value for c in book["Văn bản mật"]["A"]][5] == "01/KH-BQL-M"
    with pytest.raises(OutputError):
        reg.export_xlsx(target, 2024)


# --------------------------------------------------------------------------- CLI

@pytest.fixture
def filled(tmp_path):
    """A register with three numbers in 2024: issued, issued, voided; returns its path."""
    register = Register(tmp_path / "so.sqlite3", user="vanthu", create=True)
    with register.issuing() as session:
        issue_file(session, tmp_path, trich_yeu="Kế hoạch thứ nhất")
        issue_file(session, tmp_path, trich_yeu="Kế hoạch thứ hai")
        issue_file(session, tmp_path, kind="cong-van", type_code=None, ky_hieu="BQL-VP",
                   trich_yeu="V/v gửi số liệu")
    register.void(3, "gửi nhầm")
    register.close()
    return tmp_path / "so.sqlite3"


def so(runner, *args):
    return runner.invoke(cli.main, ["so", *map(str, args)], catch_exceptions=False)


def test_so_list_prints_every_number_with_its_status(runner, filled):
    result = so(runner, "list", "--register", filled, "--year", 2024)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Số, ký hiệu") and len(lines) == 4
    assert "01/KH-BQL" in lines[1] and "đã cấp" in lines[1] and "Kế hoạch thứ nhất" in lines[1]
    assert "03/BQL-VP" in lines[3] and "đã hủy" in lines[3] and "Công văn V/v gửi số liệu" in lines[3]
    only_kh = so(runner, "list", "--register", filled, "--kind", "KH")
    assert len(only_kh.stdout.splitlines()) == 3
    assert "không có số nào" in so(runner, "list", "--register", filled, "--year", 1999).stderr


def test_so_show_prints_the_document_and_its_history(runner, filled):
    result = so(runner, "show", "3", "--register", filled)
    assert result.exit_code == 0, result.output
    assert "Số, ký hiệu: 03/BQL-VP" in result.stdout and "Lý do hủy: gửi nhầm" in result.stdout
    assert "Lịch sử:" in result.stdout and "vanthu" in result.stdout and "hủy số" in result.stdout


def test_so_void_voids_a_number_and_says_so(runner, filled):
    result = so(runner, "void", "02/KH-BQL", "--reason", "ký sai thẩm quyền", "--register", filled,
                "--user", "truongvp", "--yes")
    assert result.exit_code == 0, result.output
    assert "đã hủy số 02/KH-BQL năm 2024: ký sai thẩm quyền" in result.stderr
    again = so(runner, "void", "2", "--reason", "x", "--register", filled, "--yes")
    assert again.exit_code == RegisterError.exit_code and "đã hủy trước đó" in again.stderr
    assert Register(filled).show(2).changed_by == "truongvp"


def test_so_void_needs_a_reason(runner, filled):
    result = so(runner, "void", "1", "--register", filled)
    assert result.exit_code == 2 and "--reason" in result.stderr


def test_so_export_writes_the_xlsx_book(runner, filled, tmp_path):
    target = tmp_path / "so.xlsx"
    result = so(runner, "export", target, "--register", filled)
    assert result.exit_code == 0, result.output
    assert "đã xuất sổ văn bản đi năm 2024 (3 số)" in result.stderr
    sheet = load_workbook(target).active
    assert sheet["A1"].value == "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2024" and sheet["C4"].value.startswith("Tên loại")
    assert so(runner, "export", target, "--register", filled).exit_code == OutputError.exit_code


def test_so_verify_passes_then_names_a_modified_file_and_exits_with_the_register_code(runner, filled, tmp_path):
    ok = so(runner, "verify", "--register", filled)
    assert ok.exit_code == 0 and "không có lỗi" in ok.stderr
    Register(filled).show(1).path.write_bytes(b"changed")
    bad = so(runner, "verify", "--register", filled)
    assert bad.exit_code == RegisterError.exit_code == 9
    assert "01/KH-BQL" in bad.stderr and "đã bị thay đổi" in bad.stderr and "1 lỗi" in bad.stderr


def test_so_commands_find_the_register_through_the_profile(runner, filled, tmp_path):
    profile = tmp_path / "co-quan.yaml"
    profile.write_text(f"co_quan_ban_hanh: Ban X\nso_van_ban:\n  duong_dan: {filled.name}\n", encoding="utf-8")
    result = so(runner, "list", "--profile", profile)
    assert result.exit_code == 0 and "01/KH-BQL" in result.stdout


def test_so_on_a_missing_register_fails_cleanly_in_english_on_request(runner, tmp_path):
    result = runner.invoke(cli.main, ["--lang", "en", "so", "list", "--register", str(tmp_path / "none.sqlite3")])
    assert result.exit_code == 9 and "there is no register" in result.stderr and "so init" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "none.sqlite3").exists()
