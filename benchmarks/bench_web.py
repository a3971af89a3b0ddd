"""vanban web: keystroke → message (target p95 ≤ 200 ms) and edit → refreshed preview (≤ 2 s).

    python benchmarks/bench_web.py [--n 30]

Drives the desk in Debian's headless Chromium (/usr/bin/chromium) against a real server on a
free port. Baseline measured in the same run: a bare ``POST /api/check`` round trip of the same
form; the ratio says what the page adds. The preview figure needs LibreOffice and pdftoppm.
Figures are disturbed by whatever else runs on the machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def main() -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from generator.web.app import create_app
    from generator.web.server import bind

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30, help="keystrokes and edits measured (default 30)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copy(ROOT / "samples" / "co-quan.yaml", root)
        shutil.copy(ROOT / "samples" / "ke-hoach-1626-KH-BQL.yaml", root / "ke-hoach.yaml")
        sock = bind("127.0.0.1", 0)
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        server = uvicorn.Server(uvicorn.Config(create_app(root), log_level="warning", lifespan="off"))
        threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page()
            page.goto(url + "/?form=ke-hoach.yaml")
            page.locator("#status.good").wait_for(timeout=30_000)
            # Baseline: the bare check round trip of the same form from the page (no typing, no drawing).
            seed = (root / "ke-hoach.yaml").read_text(encoding="utf-8")
            base = []
            for _ in range(args.n):
                base.append(page.evaluate("""async (seed) => { const t0 = performance.now();
                    await fetch('/api/check', {method: 'POST', headers: {'X-CSRF-Token': document.querySelector(
                    'meta[name=csrf-token]').content, 'Content-Type': 'application/json'}, body: JSON.stringify(
                    {name: 'ke-hoach.yaml', yaml: seed})}); return performance.now() - t0; }""", seed))
            # Keystroke → message: type a character that breaks the date, wait for its message;
            # the debounce (150 ms after the last key) is part of what the clerk waits.
            field = page.locator("[data-path='ngay']")
            message = page.locator("[data-msgs='ngay'] .msg")
            typing = []
            for i in range(args.n):
                field.fill("13/4/2023")
                message.wait_for(state="detached")
                page.locator("#status.good").wait_for()
                t0 = time.perf_counter()
                field.press("End")
                field.type("9")  # 13/4/20239: not a date
                message.wait_for()
                typing.append((time.perf_counter() - t0) * 1000)
            field.fill("13/4/2023")
            page.locator("#status.good").wait_for()
            preview, preview_cold = [], []
            from generator.web.preview import can_draw_pages

            if can_draw_pages():
                page.click("#preview")
                page.locator("#pages img.page").first.wait_for(timeout=60_000)
                title = page.locator("[data-path='trich_yeu']")
                for i in range(min(args.n, 8)):
                    digest = page.locator("#pages").get_attribute("data-digest")
                    t0 = time.perf_counter()
                    title.fill(f"Phát động đợt thi đua số {i}")
                    pages = page.locator("#pages")
                    while pages.get_attribute("data-digest") == digest:  # the page's CSP forbids eval
                        time.sleep(0.01)
                    preview.append(time.perf_counter() - t0)
                # Baseline in the same run: the same edits with a cold LibreOffice per preview.
                import os

                from generator.web import preview as previews

                previews.shutdown()
                os.environ["VANBAN_UNO_PYTHON"] = "/nonexistent"
                for i in range(3):
                    digest = page.locator("#pages").get_attribute("data-digest")
                    t0 = time.perf_counter()
                    title.fill(f"Phát động đợt thi đua lần {i}")
                    while pages.get_attribute("data-digest") == digest:
                        time.sleep(0.01)
                    preview_cold.append(time.perf_counter() - t0)
                del os.environ["VANBAN_UNO_PYTHON"]
                previews.shutdown()
            browser.close()
        server.should_exit = True
    print(f"check round trip (baseline): median {statistics.median(base):.0f} ms, p95 {p95(base):.0f} ms")
    print(f"keystroke → message:         median {statistics.median(typing):.0f} ms, p95 {p95(typing):.0f} ms "
          f"(target ≤ 200 ms; {p95(typing) / max(p95(base), 1e-9):.1f}× the bare round trip, debounce 150 ms included)")
    if preview:
        print(f"edit → refreshed preview:    median {statistics.median(preview):.2f} s, max {max(preview):.2f} s "
              f"(target ≤ 2 s; warm LibreOffice)")
        print(f"  baseline, cold LibreOffice: median {statistics.median(preview_cold):.2f} s "
              f"({statistics.median(preview_cold) / statistics.median(preview):.1f}× the warm median)")
    else:
        print("edit → refreshed preview: LibreOffice/pdftoppm missing, not measured")


if __name__ == "__main__":
    main()
