"""What only a PostgreSQL register has: agencies sharing one database, several machines, a server
that goes down or restarts, the profile/environment switch, and `vanban so migrate` from SQLite.

All against a real throw-away server (tests/postgres_server.py)."""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid

import psycopg
import pytest

import cli
from generator.errors import RegisterError
from generator.messages import format_error
from generator.register import ISSUED, VOIDED, Register, RegisterSettings, settings_from_profile
from generator.register.location import mask_url
from generator.register.migrate import COMPARED
from generator.register.pgschema import PG_SCHEMA_VERSION
from tests.conftest import SAMPLES
from tests.docx_helpers import paragraphs
from tests.forms import office_folder
from tests.test_register import Where, _mp, doc, issue_file

D = dt.date


def _agency() -> str:
    return f"agency-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def where(pg_url) -> Where:
    return Where(pg_url, _agency())


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again on return: nothing listens there


# --------------------------------------------------------------------------- agencies and machines

def test_agencies_sharing_one_database_each_have_their_own_series(pg_url, tmp_path):
    first, second = Where(pg_url, _agency()), Where(pg_url, _agency())
    with first.open(create=True) as one, second.open() as two:
        with one.issuing() as session:
            issue_file(session, tmp_path)
            issue_file(session, tmp_path)
        (tmp_path / "ubnd").mkdir()
        with two.issuing() as session:
            theirs = issue_file(session, tmp_path / "ubnd", ky_hieu="KH-UBND")
        assert theirs.ky_hieu_full == "01/KH-UBND"
        assert [e.number for e in one.list()] == [1, 2] and [e.number for e in two.list()] == [1]
        assert len(one.audit()) == 6 and len(two.audit()) == 3  # reserve, prepare, issue each
        with pytest.raises(RegisterError, match="register_not_found"):
            two.show("02/KH-BQL")


def _issue_as_host(where: Where, host: str, folder: str, count: int, barrier) -> None:
    os.environ["VANBAN_HOST_ID"] = host  # read once per process, on its first reservation
    register = where.open()
    barrier.wait()
    with register.issuing(user=f"vanthu-{host}") as session:
        for _ in range(count):
            issue_file(session, folder_path(folder, host), date=D(2024, 9, 2))
    register.close()


def folder_path(folder: str, host: str):
    from pathlib import Path

    target = Path(folder) / host
    target.mkdir(exist_ok=True)
    return target


def test_processes_on_four_machines_share_one_series_with_no_duplicate_and_no_gap(where, tmp_path):
    where.open(create=True).close()
    ctx = _mp()
    hosts = [f"may-{i}" for i in range(4) for _ in range(2)]  # two processes on each machine
    barrier = ctx.Barrier(len(hosts))
    workers = [ctx.Process(target=_issue_as_host, args=(where, host, str(tmp_path), 60, barrier)) for host in hosts]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0] * len(hosts)
    with where.open() as register:
        entries = register.list(year=2024)
        assert [e.number for e in entries] == list(range(1, 481))
        assert {e.status for e in entries} == {ISSUED}
        per_host = {}
        for entry in entries:
            per_host[entry.host] = per_host.get(entry.host, 0) + 1
        assert per_host == {f"may-{i}": 120 for i in range(4)}
        assert sum(1 for a, b in zip(entries, entries[1:]) if a.host != b.host) > 4
        assert register.verify() == []


def test_a_reservation_of_another_machine_is_left_alone_by_recovery(where, monkeypatch):
    with where.open(create=True) as register:
        with register.issuing() as session:
            session.reserve(**doc())
            # the same process seen from another machine: its pid means nothing there
            other = Where(where.location, where.agency)
            monkeypatch.setattr("generator.register.process._CURRENT", {})
            monkeypatch.setenv("VANBAN_HOST_ID", "may-khac")
            with other.open() as elsewhere:
                assert elsewhere.recover() == [] and elsewhere.show(1).status == "reserved"
            monkeypatch.setattr("generator.register.process._CURRENT", {})
            monkeypatch.delenv("VANBAN_HOST_ID")


# --------------------------------------------------------------------------- the server goes away

def _issue_through_a_restart(where: Where, count: int, errors) -> None:
    register = where.open()
    with register.issuing(user="batch") as session:
        done = 0
        while done < count:
            try:
                session.issue(session.reserve(**doc(date=D(2024, 10, 1))))
                done += 1
            except RegisterError as exc:
                errors.put((exc.code, format_error(exc, "vi"), format_error(exc, "en")))
                time.sleep(0.05)
    register.close()


def test_a_server_restart_in_the_middle_of_a_batch_is_a_clear_error_and_no_number_is_given_twice(
        pg_cluster, pg_url, tmp_path):
    where = Where(pg_url, _agency())
    where.open(create=True).close()
    ctx = _mp()
    errors = ctx.Queue()
    child = ctx.Process(target=_issue_through_a_restart, args=(where, 200, errors))
    child.start()
    deadline = time.monotonic() + 60
    while where.issued_count() < 40 and time.monotonic() < deadline:
        time.sleep(0.01)
    pg_cluster.restart()
    child.join(120)
    assert child.exitcode == 0
    seen = []
    while not errors.empty():
        seen.append(errors.get())
    assert seen, "the restart did not interrupt the batch"
    assert {code for code, _, _ in seen} == {"register_server_unavailable"}
    _, vietnamese, english = seen[0]
    assert "không số nào được cấp" in vietnamese and where.location.split("?")[0] in vietnamese
    assert "no number was taken" in english
    with where.open() as register:
        entries = register.list()
        assert [e.number for e in entries] == list(range(1, len(entries) + 1))
        assert len({e.ky_hieu_full for e in entries}) == len(entries)
        issued = [e for e in entries if e.status == ISSUED]
        assert len(issued) == 200
        # an issue cut off by the restart leaves its number reserved in the session, which voids it
        assert all(e.status == VOIDED and e.reason for e in entries if e.status != ISSUED)


def test_a_server_that_is_down_is_a_located_error_with_the_password_masked(runner, tmp_path, monkeypatch):
    url = f"postgresql://vanthu:mat-khau-bi-mat@127.0.0.1:{_closed_port()}/so_van_ban"
    monkeypatch.setenv("VANBAN_REGISTER_AGENCY", "BQL")
    for lang, expected in (("vi", "không kết nối được máy chủ sổ văn bản đi"), ("en", "cannot reach the register server")):
        result = runner.invoke(cli.main, ["--lang", lang, "so", "list", "--register", url])
        assert result.exit_code == RegisterError.exit_code == 9
        assert expected in result.stderr and "vanthu:***@127.0.0.1" in result.stderr
        assert "mat-khau-bi-mat" not in result.output and "Traceback" not in result.output


def test_a_final_render_with_the_server_down_writes_nothing(runner, tmp_path):
    office = _office(tmp_path, f"postgresql://vanthu:bi-mat@127.0.0.1:{_closed_port()}/x", "BQL")
    out = tmp_path / "out.docx"
    result = runner.invoke(cli.main, ["render", str(office / "ke-hoach.yaml"), "-o", str(out), "--final"])
    assert result.exit_code == 9 and "bi-mat" not in result.output
    assert "không kết nối được" in result.stderr and not out.exists()


def test_passwords_are_masked_wherever_they_are_written():
    assert mask_url("postgresql://u:p%40ss@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert mask_url("postgresql://h/db?user=u&password=secret&sslmode=require") == \
        "postgresql://h/db?user=u&password=***&sslmode=require"
    assert mask_url("postgresql://u@h/db") == "postgresql://u@h/db"


# --------------------------------------------------------------------------- selection by profile or environment

def _office(tmp_path, url: str | None, agency: str | None):
    extra = f"so_van_ban:\n  url: {url}\n" + (f"  co_quan: {agency}\n" if agency else "") if url else ""
    return office_folder(tmp_path, extra)


def test_the_profile_url_selects_the_postgresql_register_for_a_final_render(runner, pg_url, tmp_path):
    agency = _agency()
    office = _office(tmp_path, pg_url, agency)
    settings = settings_from_profile(office / "co-quan.yaml")
    assert (settings.url, settings.agency, settings.location) == (pg_url, agency, pg_url)
    form = office / "ke-hoach.yaml"
    for expected in ("01", "02"):
        form.write_text(form.read_text(encoding="utf-8").replace("trich_yeu: ", f"trich_yeu: Lần {expected}. ", 1),
                        encoding="utf-8")  # two documents (the same one twice takes no second number)
        out = office / f"{expected}.docx"
        result = runner.invoke(cli.main, ["render", str(office / "ke-hoach.yaml"), "-o", str(out), "--final"])
        assert result.exit_code == 0, result.stderr
        assert f"Số: {expected}/KH-BQL" in [p.text for p in paragraphs(out)]
    listed = runner.invoke(cli.main, ["so", "list", "--profile", str(office / "co-quan.yaml")])
    assert listed.exit_code == 0 and "02/KH-BQL" in listed.stdout
    assert not (office / "so-van-ban.sqlite3").exists()
    with Register.from_settings(settings) as register:
        assert [e.status for e in register.list()] == [ISSUED, ISSUED] and register.verify() == []


def test_the_environment_selects_postgresql_and_the_agency_defaults_to_ma_co_quan(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_REGISTER_URL", pg_url)
    settings = RegisterSettings.from_profile({"ma_co_quan": "BQL"}, tmp_path / "co-quan.yaml")
    assert (settings.url, settings.agency) == (pg_url, "BQL")
    explicit = RegisterSettings.from_profile({"ma_co_quan": "BQL", "so_van_ban": {"co_quan": "BQL-KKT-HP"}},
                                             tmp_path / "co-quan.yaml")
    assert explicit.agency == "BQL-KKT-HP"
    monkeypatch.delenv("VANBAN_REGISTER_URL")
    assert RegisterSettings.from_profile({}, tmp_path / "p.yaml").url is None
    with pytest.raises(RegisterError) as caught:
        RegisterSettings.from_profile({"so_van_ban": {"url": "mysql://u:pw@h/db"}}, tmp_path / "p.yaml")
    assert "pw" not in format_error(caught.value, "en")


def test_a_shared_register_needs_an_agency(pg_url, monkeypatch):
    monkeypatch.delenv("VANBAN_REGISTER_AGENCY", raising=False)
    with pytest.raises(RegisterError) as caught:
        Register(pg_url)
    assert caught.value.code == "register_agency_missing" and "co_quan" in format_error(caught.value, "vi")


# --------------------------------------------------------------------------- schema

def test_the_schema_is_created_once_versioned_and_guarded(pg_cluster):
    url = pg_cluster.new_database()
    with pytest.raises(RegisterError, match="register_not_initialised"):
        Register(url, agency="BQL")  # never created by a mistyped URL
    with Register.create(url, agency="BQL") as register:
        assert register.created and register.backend == "postgresql"
    with Register.create(url, agency="BQL") as again:
        assert not again.created
    with psycopg.connect(url, autocommit=True) as raw:
        assert raw.execute("SELECT version FROM vanban.schema_version").fetchone()[0] == PG_SCHEMA_VERSION
        raw.execute("UPDATE vanban.schema_version SET version = version + 1")
    with pytest.raises(RegisterError, match="register_too_new"):
        Register(url, agency="BQL")
    foreign = pg_cluster.new_database()
    with psycopg.connect(foreign, autocommit=True) as raw:
        raw.execute("CREATE SCHEMA vanban; CREATE TABLE vanban.other (x int)")
    with pytest.raises(RegisterError, match="register_not_a_register"):
        Register.create(foreign, agency="BQL")


def test_so_init_creates_the_register_on_the_server(runner, pg_cluster):
    url = pg_cluster.new_database()
    first = runner.invoke(cli.main, ["so", "init", "--register", url], env={"VANBAN_REGISTER_AGENCY": "BQL"})
    assert first.exit_code == 0 and "đã tạo sổ văn bản đi mới" in first.stderr
    again = runner.invoke(cli.main, ["so", "init", "--register", url], env={"VANBAN_REGISTER_AGENCY": "BQL"})
    assert again.exit_code == 0 and "đã có (0 số)" in again.stderr


# --------------------------------------------------------------------------- vanban so migrate

def _sqlite_register(tmp_path):
    path = tmp_path / "so.sqlite3"
    with Register(path, user="vanthu", create=True) as register:
        with register.issuing() as session:
            for day in (D(2023, 12, 30), D(2024, 1, 2), D(2024, 1, 3)):
                issue_file(session, tmp_path, date=day)
            issue_file(session, tmp_path, number=10, date=D(2024, 2, 1), trich_yeu="Số ghi tay")
            issue_file(session, tmp_path, secret=True, ky_hieu="KH-BQL-M", date=D(2024, 2, 2))
            session.reserve(**doc(date=D(2024, 2, 3)))  # voided on leaving: never written
        register.void("02/KH-BQL", "ký nhầm người ký", year=2024, user="truongvp")
    return path


def test_so_migrate_moves_every_number_and_its_history_and_checks_them(runner, pg_cluster, tmp_path):
    source = _sqlite_register(tmp_path)
    url = pg_cluster.new_database()
    with Register(source) as old:
        before = old.list()
        trails = {e.ky_hieu_full + str(e.year): old.audit(e) for e in before}
    result = runner.invoke(cli.main, ["so", "migrate", "--register", str(source), "--to", url, "--agency", "BQL",
                                      "--user", "quantri"])
    assert result.exit_code == 0, result.stderr
    assert "đã chuyển sổ" in result.stderr and f"{len(before)} số" in result.stderr
    with Register(url, agency="BQL") as moved:
        after = moved.list()
        assert [[_field(e, c) for c in COMPARED] for e in after] == \
            [[_field(e, c) for c in COMPARED] for e in before]
        for entry in after:
            trail = moved.audit(entry)
            old_trail = trails[entry.ky_hieu_full + str(entry.year)]
            assert [(a.at, a.who, a.action, a.before, a.after) for a in trail[:-1]] == \
                [(a.at, a.who, a.action, a.before, a.after) for a in old_trail]
            assert (trail[-1].action, trail[-1].who) == ("migrate", "quantri")
        assert moved.show("02/KH-BQL", 2024).status == VOIDED
        with moved.issuing() as session:
            assert issue_file(session, tmp_path, date=D(2024, 3, 1)).number == 12  # after 10 and the void 11
            assert issue_file(session, tmp_path, date=D(2023, 12, 31)).number == 2
    assert Register(source).list() == before  # the file is kept as it was


def _field(entry, column):
    value = getattr(entry, column)
    return str(value) if value is not None else None


def test_so_migrate_refuses_a_target_that_already_holds_those_series(runner, pg_cluster, tmp_path):
    source = _sqlite_register(tmp_path)
    url = pg_cluster.new_database()
    args = ["so", "migrate", "--register", str(source), "--to", url, "--agency", "BQL"]
    assert runner.invoke(cli.main, args).exit_code == 0
    again = runner.invoke(cli.main, args)
    assert again.exit_code == 9 and "đã có" in again.stderr and "--allow-existing" in again.stderr
    merged = runner.invoke(cli.main, [*args, "--allow-existing"])  # the same numbers: refused by the database
    assert merged.exit_code == 9 and "Traceback" not in merged.output
    with Register(url, agency="BQL") as moved:
        assert len(moved.list()) == 6  # nothing of the failed runs was kept
    other = runner.invoke(cli.main, ["so", "migrate", "--register", str(source), "--to", url, "--agency", "UBND"])
    assert other.exit_code == 0  # another agency's series are its own


def test_so_migrate_names_a_wrong_source_or_target(runner, tmp_path, pg_url):
    source = _sqlite_register(tmp_path)
    wrong_target = runner.invoke(cli.main, ["--lang", "en", "so", "migrate", "--register", str(source),
                                            "--to", str(tmp_path / "x.sqlite3"), "--agency", "BQL"])
    assert wrong_target.exit_code == 9 and "postgresql://" in wrong_target.stderr
    missing = runner.invoke(cli.main, ["so", "migrate", "--register", str(tmp_path / "none.sqlite3"),
                                       "--to", pg_url, "--agency", "BQL"])
    assert missing.exit_code == 9 and "chưa có sổ văn bản đi" in missing.stderr


# --------------------------------------------------------------------------- least-privilege roles

DOCS = SAMPLES.parent / "docs" / "so-van-ban-postgresql.md"


def _doc_sql() -> tuple[str, str]:
    """The two SQL blocks of the least-privilege section, as the page gives them (both languages)."""
    import re

    blocks = re.findall(r"```sql\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) == 4 and blocks[:2] == blocks[2:], "the Vietnamese and English SQL must be the same"
    return blocks[0], blocks[1]


def _run_sql(url: str, script: str, names: dict[str, str]) -> None:
    for old, new in names.items():
        script = script.replace(old, new)
    code = "\n".join(line.split("--")[0] for line in script.splitlines())
    with psycopg.connect(url, autocommit=True) as conn:  # one statement at a time: CREATE DATABASE
        for statement in code.split(";"):
            if statement.strip():
                conn.execute(statement)


def test_the_documented_app_role_allocates_voids_and_lists_but_cannot_rewrite_the_audit(pg_cluster, tmp_path):
    suffix = uuid.uuid4().hex[:8]
    names = {"vanban_owner": f"vanban_owner_{suffix}", "vanban_app": f"vanban_app_{suffix}",
             "so_van_ban": f"so_van_ban_{suffix}"}
    roles, grants = _doc_sql()
    _run_sql(pg_cluster.url(), roles, names)

    def as_role(role: str) -> str:
        return pg_cluster.url(names["so_van_ban"]).replace("postgresql://postgres@", f"postgresql://{names[role]}@")

    owner, app = as_role("vanban_owner"), as_role("vanban_app")
    with pytest.raises(RegisterError) as caught:
        Register.create(app, agency="BQL")  # the app role cannot create the schema
    assert caught.value.code in ("register_unreadable", "register_constraint")
    Register.create(owner, agency="BQL").close()
    _run_sql(owner, grants, names)

    with Register(app, agency="BQL") as register:
        with register.issuing() as session:
            first = issue_file(session, tmp_path)
            second = issue_file(session, tmp_path)
        voided = register.void(second.number, "ghi nhầm trích yếu", year=second.year)
        assert [(e.number, e.status) for e in register.list()] == [(1, ISSUED), (2, VOIDED)]
        actions = [a.action for a in register.audit()]
        assert actions[0] == "reserve" and actions[-1] == "void" and actions.count("issue") == 2
        assert voided.reason == "ghi nhầm trích yếu" and first.sha256
        assert [p for p in register.verify() if p.is_error] == []

    with psycopg.connect(app, autocommit=True) as conn:
        for statement in ("UPDATE vanban.audit SET who = 'x'", "DELETE FROM vanban.audit",
                          "TRUNCATE vanban.audit", "DELETE FROM vanban.entries", "TRUNCATE vanban.entries",
                          "DROP TABLE vanban.audit", "CREATE TABLE vanban.other (x int)"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    with psycopg.connect(owner, autocommit=True) as conn:  # even the owner: the trigger refuses
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            conn.execute("UPDATE vanban.audit SET who = 'x'")
    with Register(owner, agency="BQL") as register:
        assert [a.action for a in register.audit()] == actions
