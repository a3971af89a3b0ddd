"""Who holds a reservation: process id, host name and process start, and whether it still runs.

A reservation records the reserving process as ``(pid, host, start)``. ``start`` identifies one
run of a process so that a recycled pid is not mistaken for the original owner: on Linux it is
the boot id plus the process start time in clock ticks (``/proc/<pid>/stat``, field 22); where
``/proc`` does not exist it is ``None`` and only the pid is checked.

The host is the machine's name, or ``VANBAN_HOST_ID`` when set: machines that share one
PostgreSQL register must have distinct host ids (cloned virtual machines often share a name).
"""

from __future__ import annotations

import getpass
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

_PROC = Path("/proc")


def _boot_id() -> str:
    try:
        return (_PROC / "sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def _stat_fields(pid: int) -> list[str] | None:
    """Fields 3 and following of ``/proc/<pid>/stat`` (after the command name), or None."""
    try:
        stat = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2:].split()


def process_start(pid: int) -> str | None:
    """A token for one run of process ``pid`` (``boot-id:start-ticks``), or None if unknown."""
    fields = _stat_fields(pid)
    if fields is None or len(fields) < 20:
        return None
    return f"{_boot_id()}:{fields[19]}"


def process_alive(pid: int, start: str | None = None) -> bool:
    """Whether ``pid`` runs on this host and, when ``start`` is known, is the same run."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _windows_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists but belongs to another user
    fields = _stat_fields(pid)
    if fields is not None and fields[0] in ("Z", "X"):
        return False  # killed, waiting for its parent to collect it
    if start is not None:
        current = process_start(pid)
        if current is not None and current != start:
            return False  # the pid was given to another process
    return True


def _windows_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


@dataclass(frozen=True)
class ProcessIdentity:
    pid: int
    host: str
    start: str | None

    @classmethod
    def current(cls) -> "ProcessIdentity":
        pid = os.getpid()
        cached = _CURRENT.get(pid)
        if cached is None:
            cached = _CURRENT[pid] = cls(pid, host_id(), process_start(pid))
        return cached


_CURRENT: dict[int, ProcessIdentity] = {}

HOST_ID_VARIABLE = "VANBAN_HOST_ID"


def host_id() -> str:
    """This machine's id in the register: ``VANBAN_HOST_ID`` or the host name."""
    return os.environ.get(HOST_ID_VARIABLE, "").strip() or socket.gethostname()


def current_user() -> str:
    """The operating-system user, for the "who" of every change."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name and no passwd entry (some containers)
        return str(os.getuid()) if hasattr(os, "getuid") else "?"
