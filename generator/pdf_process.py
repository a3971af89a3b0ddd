"""What both kinds of LibreOffice workers share (:mod:`generator.pdf`'s cold ``--convert-to``
runs and :mod:`generator.pdf_warm`'s UNO workers): the document being converted, the retry rule,
process groups killed whole, and SIGTERM/SIGINT/SIGHUP turned into an exception while they run."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

RETRIES = 1  # a document whose worker hung or died is tried once more, alone, then reported


@dataclass(eq=False)
class Document:
    index: int
    source: Path  # the user's file (named in errors)
    copy: Path  # what LibreOffice opens, in the private work folder
    cost: int  # an estimate of its conversion time (scheduling only)
    attempts: int = 0
    pdf: Path | None = None
    failure: tuple[str, str] | None = None  # ("timeout" | "failed", reason)


def last_line(path: Path) -> str:
    try:
        lines = path.read_bytes().decode("utf-8", "replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1] if lines else ""


def remove_file(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


class Interrupted(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def stop_group_on_signals() -> Iterator[None]:
    """While LibreOffice runs, SIGTERM/SIGINT/SIGHUP of ``vanban`` raise ``Interrupted``."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise Interrupted(signum)

    previous = {}
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        try:
            previous[signum] = signal.signal(signum, handler)
        except (ValueError, OSError):
            pass
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def kill_group(proc: subprocess.Popen, only_leftovers: bool = False) -> None:
    """Stop the process we started and its children (its own process group).

    With ``only_leftovers`` the leader has exited already: kill what it left in the group (a
    ``soffice.bin`` that outlived its launcher).
    """
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        if not only_leftovers and proc.poll() is None:
            proc.kill()
    if proc.poll() is None:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()
