"""A streamed batch (one decision per row, several jobs): the workers render the rows already
read while the rest of the sheet is read — with every guarantee of plan-then-run."""

from __future__ import annotations

import concurrent.futures as cf
import shutil
import time
from pathlib import Path

import openpyxl
import pytest

import cli
from generator import batch
from generator.errors import ValidationFailed
from tests.conftest import SAMPLES

FORM = SAMPLES / "khen-thuong" / "quyet-dinh.yaml"
HEADER = ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Đối tượng", "Hình thức", "Số tiền", "Ghi chú"]
ROWS = 100  # three ranges of batch._STREAM_CHUNK go to the workers before the sheet is read
FIRST = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
LAST = ["An", "Bình", "Hà", "Long", "Mai", "Nam", "Phương", "Tùng", "Lan", "Khánh"]


def person(number: int) -> list:
    name = f"{FIRST[number % 10]} Văn {LAST[(number // 10) % 10]}"
    return [number, name, "Chuyên viên", "Phòng Quản lý doanh nghiệp", "Cá nhân", "Giấy khen", None, None]


def write_sheet(path: Path, rows: list[list]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def office(tmp_path) -> tuple[Path, Path]:
    """The sample decision form beside its profile, and a sheet of ROWS people."""
    (tmp_path / "khen-thuong").mkdir()
    shutil.copy(SAMPLES / "co-quan.yaml", tmp_path / "co-quan.yaml")
    shutil.copy(FORM, tmp_path / "khen-thuong" / "quyet-dinh.yaml")
    sheet = write_sheet(tmp_path / "khen-thuong" / "danh-sach.xlsx", [person(n) for n in range(1, ROWS + 1)])
    return sheet, tmp_path / "khen-thuong" / "quyet-dinh.yaml"


def options(jobs: int, **more) -> batch.Options:
    return batch.Options(per_row=True, start_number=1, jobs=jobs, **more)


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_streamed_batch_writes_the_bytes_plan_then_run_writes(office, tmp_path):
    sheet, form = office
    one, two = tmp_path / "one", tmp_path / "two"
    batch.run(batch.plan(sheet, form, one, options(1, merge=one / "in-an.docx", certificates=True)))
    counts, steps = [], []
    result = batch.execute(sheet, form, two, options(2, merge=two / "in-an.docx", certificates=True),
                           progress=steps.append, counted=counts.append)
    assert files(one) == files(two) and len(files(two)) == ROWS + 2
    assert result.summary["quyet_dinh"] == ROWS
    assert counts == [ROWS] and sum(steps) == ROWS  # counted once, before the first step


def test_the_workers_start_on_the_first_rows_before_the_sheet_is_read(office, tmp_path, monkeypatch):
    sheet, form = office
    made, read_when_sent = [], []
    real_group, real_submit = batch._Planner.group, cf.ProcessPoolExecutor.submit

    def group(self, *args):
        made.append(args[0])
        return real_group(self, *args)

    def submit(self, fn, *args):
        read_when_sent.append(len(made))
        return real_submit(self, fn, *args)

    monkeypatch.setattr(batch._Planner, "group", group)
    monkeypatch.setattr(cf.ProcessPoolExecutor, "submit", submit)
    batch.execute(sheet, form, tmp_path / "out", options(2))
    assert read_when_sent[0] == batch._STREAM_CHUNK < ROWS  # the first range left with 32 rows read
    assert len(list((tmp_path / "out").glob("*.docx"))) == ROWS


def test_rows_read_while_the_workers_are_busy_wait_and_go_in_ranges_no_larger_than_usual(
        office, tmp_path, monkeypatch):
    sheet, form = office
    sent, reading = [], [True]
    real_submit, real_render = cf.ProcessPoolExecutor.submit, batch._render_bytes
    real_group, real_read = batch._Planner.group, batch._Planner.read

    def submit(self, fn, args):
        sent.append((len(args[0]), reading[0]))
        return real_submit(self, fn, args)

    def slow_render(template, job):  # the workers fall behind the reading…
        time.sleep(0.01)
        return real_render(template, job)

    def slow_group(self, *args):  # …which is slow enough for ranges to finish while it goes on
        time.sleep(0.003)
        return real_group(self, *args)

    def read(self, on_group=None):
        try:
            return real_read(self, on_group)
        finally:
            reading[0] = False

    monkeypatch.setattr(batch, "_STREAM_CHUNK", 4)
    monkeypatch.setattr(batch, "_render_bytes", slow_render)
    monkeypatch.setattr(batch._Planner, "group", slow_group)
    monkeypatch.setattr(batch._Planner, "read", read)
    monkeypatch.setattr(cf.ProcessPoolExecutor, "submit", submit)
    batch.execute(sheet, form, tmp_path / "out", options(2))
    while_reading = [size for size, during in sent if during]
    after = [size for size, during in sent if not during]
    assert len(while_reading) > 4 and set(while_reading) == {4}  # a range at a time, never the backlog
    assert after and max(after) <= batch._CHUNK and sum(while_reading) + sum(after) == ROWS
    assert len(list((tmp_path / "out").glob("*.docx"))) == ROWS


def test_one_job_or_a_grouped_batch_reads_the_whole_sheet_first(office, tmp_path, monkeypatch):
    sheet, form = office
    calls = []
    real = batch._Planner.read
    monkeypatch.setattr(batch._Planner, "read", lambda self, on_group=None: calls.append(on_group) or real(self))
    batch.execute(sheet, form, tmp_path / "one", options(1))
    batch.execute(sheet, form, tmp_path / "all", batch.Options(jobs=2))
    assert calls == [None, None]


def test_bad_rows_late_in_a_streamed_sheet_are_all_reported_and_nothing_is_written(office, tmp_path):
    sheet, form = office
    rows = [person(n) for n in range(1, ROWS + 1)]
    rows[69][5] = "Bằng khen của Chúa"  # row 71 of the sheet: an award the profile does not know
    rows[94][4] = "Người ngoài hành tinh"  # row 96: an unknown kind of awardee
    write_sheet(sheet, rows)
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "ghi-chu.txt").write_text("của văn thư", encoding="utf-8")
    for output in (tmp_path / "new", tmp_path / "kept"):
        with pytest.raises(ValidationFailed) as info:
            batch.execute(sheet, form, output, options(2))
        assert [(i.origin.cell, i.field) for i in info.value.issues if i.is_error] == [
            ("F71", "hinh_thuc"), ("E96", "doi_tuong")]
    assert not (tmp_path / "new").exists()  # made for the batch, removed with it
    assert [p.name for p in (tmp_path / "kept").iterdir()] == ["ghi-chu.txt"]  # no staging folder left


def test_a_decision_that_fails_in_a_worker_stops_a_streamed_batch(office, tmp_path):
    sheet, form = office
    late = person(90)[1]  # a person read after the first ranges were sent
    form.write_text(form.read_text(encoding="utf-8") + f"\n  {late}:\n    ngay: 31/02/2025\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        batch.execute(sheet, form, tmp_path / "out", options(2))
    assert [(i.code, i.field) for i in info.value.issues if i.is_error] == [("date_invalid", "ngay")]
    assert not (tmp_path / "out").exists()


def test_the_batch_command_streams_a_sheet_with_its_progress_and_summary(office, tmp_path):
    from click.testing import CliRunner

    sheet, form = office
    result = CliRunner().invoke(cli.main, ["batch", str(sheet), "--form", str(form), "-o", str(tmp_path / "out"),
                                           "--per-row", "--start-number", "1", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert f"{ROWS} quyết định; ghi {ROWS} tệp" in result.output
    # The sample form's theo_nhom names a group this sheet lacks: the warning names a dozen groups, not 100.
    assert "Trần Văn Bình" in result.output and "Ngô Văn Khánh" not in result.output and " …" in result.output
    assert len(list((tmp_path / "out").glob("*.docx"))) == ROWS
