"""A clerk at the desk, in a real headless Chromium (Debian's /usr/bin/chromium via Playwright).

Set VANBAN_SCREENSHOTS=DIR to also save a screenshot of each page (docs/img/ is made this way).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import cli
from tests.conftest import ROOT, SEED_FORM
from tests.web.conftest import CHROMIUM

VALIDATOR = ROOT.parent / "shared" / "tools" / "ooxml" / "ooxml_validate.py"
SHOTS = os.environ.get("VANBAN_SCREENSHOTS")

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")]


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=False)


def test_a_clerk_fills_a_plan_from_an_empty_form_fixes_the_date_previews_and_downloads(page, live_server, tmp_path):
    from generator.lint import lint_file

    url, _ = live_server
    page.goto(url + "/")
    page.select_option("#new-empty", "ke-hoach")
    page.fill("[data-path='trich_yeu']", "Phát động phong trào thi đua năm 2026")
    page.fill("[data-path='ngay']", "31/02/2026")
    message = page.locator("[data-msgs='ngay'] .msg")
    message.wait_for()
    assert "không phải là ngày hợp lệ" in message.inner_text()
    page.fill("[data-path='ngay']", "15/01/2026")
    message.wait_for(state="detached")
    page.select_option("[data-path='nguoi_ky']", "pho-truong-ban-hai")
    page.select_option("fieldset[data-field='noi_nhan'] .add-list", "@noi-bo")
    page.click("[data-add='noi_nhan']")
    page.fill("[data-path='noi_nhan.1']", "Lưu: VT, VP")
    page.fill("[data-path='noi_dung']", "# I. MỤC ĐÍCH, YÊU CẦU\n\n- Thi đua thiết thực, hiệu quả.")
    page.locator("#status.good").wait_for()
    assert page.inner_text("#status") == "Mẫu điền hợp lệ"
    page.click("#preview")
    page.locator("#pages img.page, #pages .plain").first.wait_for(timeout=60_000)
    shot(page, "soan-van-ban")
    with page.expect_download() as download:
        page.click("#download-docx")
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name == "du-thao-ke-hoach.docx"
    report = lint_file(target)
    assert not report.has_errors, report.to_text("vi")
    if VALIDATOR.exists():
        checked = subprocess.run([sys.executable, str(VALIDATOR), "--word", str(target)], capture_output=True,
                                 text=True, timeout=60, check=False)
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_seed_sample_downloads_the_same_bytes_as_the_cli(page, live_server, tmp_path, runner):
    url, _ = live_server
    page.goto(url + "/")
    page.select_option("#open-form", "samples:ke-hoach-1626-KH-BQL.yaml")
    page.locator("#status.good").wait_for()
    with page.expect_download() as download:
        page.click("#download-docx")
    browser_copy = tmp_path / "browser.docx"
    download.value.save_as(browser_copy)
    result = runner.invoke(cli.main, ["render", str(SEED_FORM), "-o", str(tmp_path / "cli")])
    assert result.exit_code == 0, result.output
    assert browser_copy.read_bytes() == (tmp_path / "cli" / "ke-hoach-1626-KH-BQL.docx").read_bytes()


def test_the_sample_batch_runs_with_its_progress_pushed_to_the_end(page, live_server):
    url, root = live_server
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url + "/batch")
    page.locator("#sheet option[value='samples:khen-thuong/danh-sach.xlsx']").wait_for(state="attached")
    page.select_option("#sheet", "samples:khen-thuong/danh-sach.xlsx")
    page.select_option("#decision-form", "samples:khen-thuong/quyet-dinh.yaml")
    page.fill("#output", "out/khen-thuong-trinh-duyet")
    seen: list[str] = []
    page.expose_function("recordProgress", lambda value: seen.append(value))
    page.evaluate("""() => new MutationObserver(() => window.recordProgress(
        document.getElementById('progress-text').textContent)).observe(
        document.getElementById('progress-text'), {childList: true, characterData: true, subtree: true})""")
    page.click("#run")
    page.wait_for_selector("body[data-batch='done']", timeout=120_000)
    bar = page.locator("#progress")
    assert bar.get_attribute("value") == bar.get_attribute("max") and int(bar.get_attribute("max")) > 0
    assert seen and seen[-1].endswith(f"{bar.get_attribute('max')}/{bar.get_attribute('max')}")
    links = page.locator("#written a")
    assert links.count() > 0
    assert (root / "out" / "khen-thuong-trinh-duyet" / "in-an.docx").is_file()
    # pushed by the server (EventSource), not polled
    assert page.evaluate("document.body.dataset.progress") == "events"
    batch_requests = [u for u in requests if "/api/batch/" in u]
    assert batch_requests and all(u.endswith("/events") for u in batch_requests), batch_requests
    shot(page, "khen-thuong-hang-loat")


def test_the_register_and_lint_pages_show_their_content(page, live_server, seed_docx):
    url, root = live_server
    page.goto(url + "/register")
    if not (root / "so-van-ban.sqlite3").exists():  # no register yet: the page offers to create it
        page.wait_for_selector("body[data-register='missing']")
        assert "so-van-ban.sqlite3" in page.inner_text("#missing-text")
        asked: list[str] = []
        page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
        page.click("#create-register")
        page.wait_for_selector("body[data-register='open']")
        assert "so-van-ban.sqlite3" in asked[0] and (root / "so-van-ban.sqlite3").is_file()
    page.locator("#empty").wait_for()
    shot(page, "so-van-ban")
    page.goto(url + "/lint")
    page.set_input_files("#lint-file", str(seed_docx))
    page.wait_for_selector("body[data-linted='1']")
    assert "Đạt" in page.inner_text("#lint-summary")
    shot(page, "kiem-tra-the-thuc")


def test_without_server_sent_events_the_batch_page_polls_its_progress_to_the_end(page, live_server):
    url, root = live_server
    page.add_init_script("delete window.EventSource")
    page.goto(url + "/batch")
    page.locator("#sheet option[value='samples:khen-thuong/danh-sach.xlsx']").wait_for(state="attached")
    page.select_option("#sheet", "samples:khen-thuong/danh-sach.xlsx")
    page.select_option("#decision-form", "samples:khen-thuong/quyet-dinh.yaml")
    page.fill("#output", "out/khen-thuong-hoi")
    page.click("#run")
    page.wait_for_selector("body[data-batch='done']", timeout=120_000)
    assert page.evaluate("document.body.dataset.progress") is None
    bar = page.locator("#progress")
    assert bar.get_attribute("value") == bar.get_attribute("max")
    assert (root / "out" / "khen-thuong-hoi" / "in-an.docx").is_file()
