"""Fixtures of the web app tests: the app over a throw-away working folder, an HTTP client that
sends the CSRF header as the pages do, and (browser tests) a real server on a free port."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

BASE_URL = "http://127.0.0.1:8000"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def folder(tmp_path) -> Path:
    """A working folder with the agency profile, as an office keeps one."""
    root = tmp_path / "van-thu"
    root.mkdir()
    shutil.copy(SAMPLES / "co-quan.yaml", root / "co-quan.yaml")
    return root


@pytest.fixture
def app(folder):
    from generator.web.app import create_app

    return create_app(folder, csrf="test-csrf")


@pytest.fixture
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, base_url=BASE_URL, headers={"X-CSRF-Token": "test-csrf"}) as client:
        yield client


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """``vanban web`` for real: uvicorn in a thread on a free port, over its own working folder."""
    import uvicorn

    from generator.web.app import create_app
    from generator.web.server import bind

    root = tmp_path_factory.mktemp("web") / "van-thu"
    root.mkdir()
    shutil.copy(SAMPLES / "co-quan.yaml", root / "co-quan.yaml")
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(root), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    import time

    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", root
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the browser tests."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True,
                                  locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(20_000)
    yield page
    context.close()
    assert not errors, errors
