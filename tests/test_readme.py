"""The README's Vietnamese quick start, run as written (issue 14, item 8).

Every `vanban …` command of the quick start is taken from README.md itself — a change to the README
is tested as it stands — and run in order in an empty folder, with what a clerk does between them
(filling the form). Spans with an ellipsis (`vanban --lang en ...`) or a bare command name are
descriptions, not commands.
The first command of the README (install and demo, twice) runs from a fresh clone in `.ci/run`.
"""

from __future__ import annotations

import glob
import re
import shlex
import shutil
from pathlib import Path

from click.testing import CliRunner

import cli
from generator.pdf import find_soffice
from tests.forms import FILLED_IN

ROOT = Path(__file__).resolve().parent.parent


def quick_start_commands() -> list[list[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Hướng dẫn nhanh"):readme.index("Hướng dẫn đầy đủ")]
    spans = re.findall(r"`(vanban [^`]+)`", section)
    commands = [shlex.split(span)[1:] for span in spans if "..." not in span and "…" not in span]
    return [command for command in commands if len(command) > 1]  # `vanban check` alone names a command


def fill_like_a_clerk(form: Path) -> None:
    """Step 3: the clerk types the agency's own details over the starter's examples."""
    text = form.read_text(encoding="utf-8")
    for example, typed in FILLED_IN:
        assert example in text, f"the starter no longer holds {example!r}: update tests/forms.py"
        text = text.replace(example, typed, 1)
    form.write_text(text, encoding="utf-8")


def test_the_quick_start_lists_the_commands_a_new_clerk_needs():
    names = [command[0] for command in quick_start_commands()]
    for needed in ("web", "new", "check", "render", "batch", "lint", "pdf"):
        assert needed in names, needed


def test_the_vietnamese_quick_start_runs_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    ran = []
    for command in quick_start_commands():
        if command[0] == "web":  # a server: its own browser tests cover it
            continue
        if command[0] == "pdf" and find_soffice() is None:
            continue
        if command[0] == "lint" and command[1:] == ["van-ban.docx"]:  # "any Word file": the plan just made
            shutil.copy(sorted(Path("out").glob("*.docx"))[0], "van-ban.docx")
        argv = [item for arg in command for item in (sorted(glob.glob(arg)) if "*" in arg else [arg])]
        result = runner.invoke(cli.main, argv)
        assert result.exit_code == 0, (command, result.output, result.stderr)
        ran.append(command[0])
        if command[:2] == ["new", "ke-hoach"]:
            fill_like_a_clerk(Path(command[command.index("-o") + 1]))
    assert {"new", "check", "render", "batch", "lint"} <= set(ran)
    assert list(Path("out").glob("*.docx"))
