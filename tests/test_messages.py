"""Every message code the toolkit can raise has a Vietnamese and an English sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.messages import MESSAGES, text

ROOT = Path(__file__).resolve().parent.parent
_RAISED = re.compile(r'(?:PydanticCustomError|Issue|Error|LanguageError)\(\s*"([a-z][a-z0-9_]+)"')


def _codes() -> set[str]:
    found = set()
    for path in [*(ROOT / "generator").rglob("*.py"), ROOT / "cli.py"]:
        found.update(_RAISED.findall(path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("code", sorted(_codes()))
def test_each_code_raised_in_the_code_base_has_both_languages(code):
    assert code in MESSAGES, f"no message for {code}"
    assert MESSAGES[code].get("vi") and MESSAGES[code].get("en")


def test_an_unknown_code_falls_back_to_a_readable_line_instead_of_crashing():
    assert text("no_such_code", "vi", value=3) == "no_such_code (value=3)"
