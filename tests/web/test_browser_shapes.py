"""The shapes of the one document model in the browser's form: articles of a quyết định, table
rows, annexes (phụ lục) and a signature chain — each added, reordered and removed with the form's
own buttons, previewed, saved and downloaded. The download passes ``vanban lint`` and the OOXML
validator, and equals what ``vanban render`` makes from the saved YAML."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import cli
from generator.pipeline import sample_forms
from generator.sources import load_form
from generator.web.roundtrip import read_text_data
from tests.conftest import SAMPLES
from tests.web.conftest import CHROMIUM
from tests.web.test_browser import VALIDATOR

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")]


def open_form(page, url: str, name: str) -> None:
    page.goto(url + "/?form=" + name)
    page.locator("#status.good").wait_for()


def item(page, group: str, index: int):
    """The ``index``-th item (0-based) of the repeated group ``group`` (a field path)."""
    return page.locator(f"fieldset[data-field='{group}'] > ol.items > li").nth(index)


def press(page, group: str, index: int, button: str) -> None:
    """The item's own ↑ / ↓ / ✕ button (labels as the page shows them: Lên, Xuống, Xóa)."""
    label = {"up": "Lên", "down": "Xuống", "remove": "Xóa"}[button]
    item(page, group, index).locator(f":scope > .row-buttons button[aria-label='{label}']").click()


def checked_clean(page) -> None:
    """Wait for the check of the latest edit; the form must be valid."""
    page.wait_for_selector("body:not([data-pending])")
    assert page.inner_text("#status") == "Mẫu điền hợp lệ", page.inner_text("#other-issues") + " | " + " ".join(
        page.locator(".msg").all_inner_texts())


def save_preview_download(page, root: Path, name: str, tmp_path: Path, runner) -> dict:
    """Save as ``name``, preview, download; check the download against ``vanban render`` and
    lint; return the saved form's data."""
    from generator.lint import lint_file

    checked_clean(page)
    page.fill("#form-name", name)
    page.click("#save")
    page.locator("#toast.show").wait_for()
    saved = root / name
    assert saved.is_file()
    page.click("#preview")
    page.locator("#pages img.page, #pages .plain").first.wait_for(timeout=90_000)
    with page.expect_download() as download:
        page.click("#download-docx")
    browser_copy = tmp_path / download.value.suggested_filename
    download.value.save_as(browser_copy)
    rendered = runner.invoke(cli.main, ["render", str(saved), "-o", str(tmp_path / "cli")])
    assert rendered.exit_code == 0, rendered.output
    assert browser_copy.read_bytes() == (tmp_path / "cli" / saved.with_suffix(".docx").name).read_bytes()
    report = lint_file(browser_copy)
    assert not report.has_errors, report.to_text("vi")
    if VALIDATOR.exists():
        validated = subprocess.run([sys.executable, str(VALIDATOR), "--word", str(browser_copy)],
                                   capture_output=True, text=True, timeout=120, check=False)
        assert validated.returncode == 0, validated.stdout + validated.stderr
    return load_form(saved).data


def test_articles_of_a_decision_are_added_reordered_and_removed(page, live_server, tmp_path, runner):
    url, root = live_server
    open_form(page, url, "samples:quyet-dinh-hai-dieu-ubnd-xa.yaml")
    first, execution = (page.input_value(f"[data-path='dieu.{i}']") for i in (0, 1))
    page.click("[data-add='dieu']")
    page.fill("[data-path='dieu.2.noi_dung']", "Giao Phòng Văn hóa - Xã hội theo dõi, hướng dẫn các tổ dân phố.")
    press(page, "dieu", 2, "up")  # the new article before the execution article
    page.click("[data-add='dieu']")
    page.fill("[data-path='dieu.3.noi_dung']", "Điều thừa, sẽ xóa.")
    press(page, "dieu", 3, "remove")
    assert page.locator("fieldset[data-field='dieu'] > ol.items > li").count() == 3
    data = save_preview_download(page, root, "qd-ba-dieu.yaml", tmp_path, runner)
    assert [a if isinstance(a, str) else a["noi_dung"] for a in data["dieu"]] == [
        first, "Giao Phòng Văn hóa - Xã hội theo dõi, hướng dẫn các tổ dân phố.", execution]


def test_a_table_row_is_added_reordered_and_removed(page, live_server, tmp_path, runner):
    url, root = live_server
    open_form(page, url, "samples:ke-hoach-chuyen-doi-so-2026.yaml")
    rows = "phu_luc.0.noi_dung.0.bang.dong"
    before = page.locator(f"fieldset[data-field='{rows}'] > ol.items > li").count()
    page.click(f"[data-add='{rows}']")
    new_row = f"{rows}.{before}"
    cells = ["3", "Bồi dưỡng kỹ năng số cho công chức", "Văn phòng", "Các phòng", "Quý IV/2026", "Lớp bồi dưỡng"]
    for index, text in enumerate(cells):
        page.click(f"[data-add='{new_row}']")
        page.fill(f"[data-path='{new_row}.{index}']", text)
    press(page, rows, before, "up")  # above the last task of group II
    press(page, rows, 1, "remove")  # the first task of group I
    data = save_preview_download(page, root, "ke-hoach-bang.yaml", tmp_path, runner)
    table = data["phu_luc"][0]["noi_dung"][0]["bang"]["dong"]
    assert len(table) == before and table[-2] == cells
    assert table[1][1].startswith("Cung cấp dịch vụ công")  # the removed row's successor moved up


def test_annexes_are_added_reordered_and_removed(page, live_server, tmp_path, runner):
    url, root = live_server
    open_form(page, url, "samples:ke-hoach-1626-KH-BQL.yaml")
    page.select_option("div.top > select.add-field", "phu_luc")
    for index, (title, body) in enumerate([("Danh sách đơn vị tham gia", "Các phòng, đơn vị thuộc Ban."),
                                           ("Tiêu chí chấm điểm", "Theo hướng dẫn của Hội đồng Thi đua."),
                                           ("Phụ lục thừa", "Sẽ xóa.")]):
        page.click("[data-add='phu_luc']")
        page.click(f"[data-add='phu_luc.{index}.tieu_de']")
        page.fill(f"[data-path='phu_luc.{index}.tieu_de.0']", title)
        page.fill(f"[data-path='phu_luc.{index}.noi_dung']", body)
    press(page, "phu_luc", 1, "up")
    press(page, "phu_luc", 2, "remove")
    data = save_preview_download(page, root, "ke-hoach-phu-luc.yaml", tmp_path, runner)
    assert [annex["tieu_de"] for annex in data["phu_luc"]] == [["Tiêu chí chấm điểm"], ["Danh sách đơn vị tham gia"]]


def test_a_second_signer_joins_the_signature_chain_in_its_place(page, live_server, tmp_path, runner):
    url, root = live_server
    open_form(page, url, "samples:ke-hoach-1626-KH-BQL.yaml")
    page.select_option("[data-path='nguoi_ky']", "")  # another signer, filled in
    page.fill("[data-path='nguoi_ky.quyen_han']", "KT.")
    page.fill("[data-path='nguoi_ky.chuc_vu.0']", "Phó Trưởng ban")
    page.click("[data-add='nguoi_ky.chuc_vu']")
    page.fill("[data-path='nguoi_ky.chuc_vu.1']", "Trưởng ban")
    press(page, "nguoi_ky.chuc_vu", 1, "up")  # the head first: KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN
    page.click("[data-add='nguoi_ky.chuc_vu']")
    page.fill("[data-path='nguoi_ky.chuc_vu.2']", "Dòng thừa")
    press(page, "nguoi_ky.chuc_vu", 2, "remove")
    page.fill("[data-path='nguoi_ky.ho_ten']", "Nguyễn Văn Bình")
    data = save_preview_download(page, root, "ke-hoach-ky-thay.yaml", tmp_path, runner)
    assert data["nguoi_ky"] == {"quyen_han": "KT.", "chuc_vu": ["Trưởng ban", "Phó Trưởng ban"],
                                "ho_ten": "Nguyễn Văn Bình"}


@pytest.mark.parametrize("sample", sorted(p.name for p in sample_forms(SAMPLES) if p.parent == SAMPLES))
def test_opening_a_sample_in_the_form_changes_nothing_in_it(page, live_server, sample):
    url, _ = live_server
    page.goto(url + "/?form=samples:" + sample)
    page.locator("#status.good, #status.bad").wait_for()
    shown = json.loads(page.evaluate("JSON.stringify({name: desk.name, base: desk.base, form: desk.data})"))
    from generator.web.service import form_text

    assert read_text_data(form_text(shown).text) == read_text_data((SAMPLES / sample).read_text(encoding="utf-8"))


def test_issuing_without_a_register_creates_it_after_the_clerk_confirms(page, live_server):
    url, root = live_server
    office = root / "phong-b"
    office.mkdir()
    profile = (SAMPLES / "co-quan.yaml").read_text(encoding="utf-8")
    (office / "co-quan.yaml").write_text(profile + "\nso_van_ban:\n  duong_dan: so-phong-b.sqlite3\n", encoding="utf-8")
    form = (SAMPLES / "ke-hoach-1626-KH-BQL.yaml").read_text(encoding="utf-8").replace("so: 1626", "so:")
    (office / "ke-hoach.yaml").write_text(form, encoding="utf-8")
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    open_form(page, url, "phong-b/ke-hoach.yaml")
    page.click("#issue")
    page.locator("#issued .number").wait_for(timeout=60_000)
    assert "01/KH-BQL" in page.inner_text("#issued .number")
    assert len(asked) == 2 and "phong-b/so-phong-b.sqlite3" in asked[1]  # issue, then create the register
    assert (office / "so-phong-b.sqlite3").is_file()
