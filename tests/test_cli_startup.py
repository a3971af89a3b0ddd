"""Issue 14, item 12: help answers at once — `vanban … --help` imports no heavy library.

Timing is a benchmark's job (benchmarks/bench_help.py); what the suite pins is the cause of a slow
start: the libraries and our own heavy modules that no help text needs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from generator.kinds import KINDS
from generator.messages import KIND_TITLES

ROOT = Path(__file__).resolve().parent.parent

HEAVY = ("pydantic", "openpyxl", "docx", "docxtpl", "lxml", "jinja2", "num2words", "ruamel", "yaml",
         "fastapi", "uvicorn", "psycopg", "pyhanko", "generator.pipeline", "generator.kinds",
         "generator.render", "generator.forms", "generator.batch", "generator.lint", "generator.register")

# Every command's help in one process: whatever any of them imports stays in sys.modules.
_SCRIPT = """
import json, sys
import cli

def paths(group, path=()):
    yield path
    for name, command in getattr(group, "commands", {}).items():
        yield from paths(command, (*path, name))

for lang in ("vi", "en"):
    for path in paths(cli.main):
        try:
            cli.main(["--lang", lang, *path, "--help"], standalone_mode=False)
        except SystemExit:
            pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules_after_every_help() -> tuple[list[str], str]:
    done = subprocess.run([sys.executable, "-c", _SCRIPT], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(done.stderr.strip().splitlines()[-1]), done.stdout


def test_no_help_of_any_command_imports_a_heavy_library_or_the_document_pipeline():
    modules, shown = _modules_after_every_help()
    loaded = sorted({heavy for heavy in HEAVY for name in modules if name == heavy or name.startswith(heavy + ".")})
    assert "Cách dùng:" in shown and "Usage:" in shown  # the helps really were printed
    assert loaded == []


def test_the_kinds_help_lists_are_the_registry_of_kinds():
    # `vanban new --help` lists the kinds from their titles, without importing the kind modules.
    assert set(KIND_TITLES) == set(KINDS)
    assert all(titles.get("vi") and titles.get("en") for titles in KIND_TITLES.values())
