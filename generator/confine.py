"""Keep reads inside given folders (the web app's working folder and the bundled samples).

``vanban web`` serves files of one working folder: a form typed in the browser may name a profile
(``co_quan``), a plan or a workbook, and none of them may be read from elsewhere (``/etc/passwd``,
``../../secret.yaml``). The readers (forms, profiles, Excel workbooks) call :func:`check_readable`
before opening a file; outside a :func:`confined` block it does nothing, so the CLI reads what it
is told. Imports nothing above ``errors``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from .errors import InputError

_ROOTS: ContextVar[tuple[Path, ...] | None] = ContextVar("vanban_confined_roots", default=None)


@contextmanager
def confined(*roots: Path) -> Iterator[None]:
    """Within this block files are read only from under ``roots`` (symlinks resolved)."""
    token = _ROOTS.set(tuple(Path(root).resolve() for root in roots))
    try:
        yield
    finally:
        _ROOTS.reset(token)


def is_inside(path: Path, roots: tuple[Path, ...]) -> bool:
    resolved = Path(path).resolve()
    return any(resolved == root or resolved.is_relative_to(root) for root in roots)


def check_readable(path: str | Path) -> None:
    """Raise ``InputError("file_outside_folder")`` for a file outside the confined folders."""
    roots = _ROOTS.get()
    if roots is None:
        return
    if not is_inside(Path(path), roots):
        raise InputError("file_outside_folder", path=str(path))
