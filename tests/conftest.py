"""Shared fixtures: rendered samples (once per session), the golden-file switch, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED_FORM = SAMPLES / "ke-hoach-1626-KH-BQL.yaml"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current output instead of comparing")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def seed_docx(tmp_path_factory) -> Path:
    """The seed plan rendered once for the whole session."""
    from generator import pipeline

    out = tmp_path_factory.mktemp("seed")
    report = pipeline.generate(SEED_FORM, out, mode="final")
    return report.written[0]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def pg_cluster():
    """A throw-away PostgreSQL server for the whole session (tests/postgres_server.py)."""
    import os

    from tests.postgres_server import SKIP_VARIABLE, Cluster, find_bin

    bindir = find_bin()
    if bindir is None:
        if os.environ.get(SKIP_VARIABLE) == "1":
            pytest.skip(f"PostgreSQL binaries not found and {SKIP_VARIABLE}=1")
        pytest.fail("PostgreSQL binaries (initdb, pg_ctl) not found: install the 'postgresql' package "
                    f"(.ci/run does), or set {SKIP_VARIABLE}=1 to skip the PostgreSQL register tests")
    cluster = Cluster(bindir)
    try:
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture(scope="session")
def pg_url(pg_cluster) -> str:
    """One register database shared by the session's tests (each test uses its own agency)."""
    return pg_cluster.new_database()
