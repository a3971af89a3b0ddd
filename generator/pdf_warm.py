"""Warm LibreOffice workers: one ``soffice`` start per worker, then document after document.

A LibreOffice start costs seconds; converting a one-page decision in a running one costs a tenth
of that. Each worker is a small bridge process (:mod:`generator.uno_bridge`, run by the Python
that has Debian's ``uno``: ``/usr/bin/python3``, or ``VANBAN_UNO_PYTHON``) that starts
``soffice --accept=pipe,…`` with its own throw-away profile and converts the documents it is sent
over JSON lines, with the filter data it is given (:func:`generator.pdf.filter_options`). The bridge and its
LibreOffice share one process group, so a worker is always stopped whole.

The guarantees of the cold path hold here too: a document that gets no answer within ``timeout``
seconds has its worker's process group killed, the worker restarted with a fresh profile and the
document tried once more (then reported by path); a worker that dies is restarted the same way;
everything runs in the calling thread and SIGTERM/SIGINT/SIGHUP (in the main thread) or any
exception kill every worker. When no worker can come up at all (no ``uno``, a LibreOffice that
cannot listen) :class:`WarmUnavailable` tells :func:`generator.pdf.convert_to_pdf` to use the cold
path instead.

A :class:`WarmConverter` may outlive one call (the web preview keeps one for the whole process);
:meth:`WarmConverter.close` stops its workers and removes its private folder.
"""

from __future__ import annotations

import json
import os
import secrets
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections import deque
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PdfError
from .pdf_process import (
    RETRIES,
    Document,
    Interrupted,
    kill_group,
    last_line,
    remove_file,
    stop_group_on_signals,
)

BRIDGE = Path(__file__).with_name("uno_bridge.py")
UNO_PYTHONS = ("/usr/bin/python3", "python3")
START_TIMEOUT = 150.0  # seconds for a worker to come up (the bridge gives up after 120 s itself)
START_RETRIES = 1  # a worker that fails to come up is started once more, then left out
RETRY_WARM_AFTER = 600.0  # seconds a converter whose workers could not start leaves to the cold path
_WAIT = 0.5  # longest sleep in select() between looks at deadlines
_unavailable: set[str] = set()  # interpreters whose bridge said it cannot import uno


class WarmUnavailable(Exception):
    """No warm worker could be started: the caller converts the cold way."""


def uno_python(soffice: str | None = None) -> str | None:
    """The interpreter that runs the bridge: ``VANBAN_UNO_PYTHON``, else the Python that
    LibreOffice's own builds ship beside ``soffice`` (``program/python``), else the system Python 3
    (Debian's python3-uno); None when it is missing or known not to have ``uno``."""
    override = os.environ.get("VANBAN_UNO_PYTHON")
    if override is not None:
        candidates: tuple[str, ...] = (override,)
    else:
        beside = [str(Path(soffice).resolve().parent / name) for name in ("python", "python.exe")] if soffice else []
        candidates = (*beside, *UNO_PYTHONS)
    for candidate in candidates:
        found = candidate if os.path.isabs(candidate) else shutil.which(candidate)
        if found and os.path.isfile(found) and os.access(found, os.X_OK) and found not in _unavailable:
            return found
    return None


@dataclass(eq=False)
class _Worker:
    slot: int
    proc: subprocess.Popen
    profile: Path
    stderr: Path
    started: float
    ready: bool = False
    buffer: bytes = b""
    eof: bool = False
    document: Document | None = None
    sent_at: float = 0.0
    request: int = 0
    messages: deque = field(default_factory=deque)


class WarmConverter:
    """Up to ``jobs`` warm LibreOffice workers, started on the first conversion and kept until
    :meth:`close`. One conversion at a time (a lock): callers in several threads take turns."""

    def __init__(self, soffice: str, *, jobs: int = 1, python: str | None = None,
                 work_dir: Path | None = None, handle_signals: bool = True) -> None:
        self.soffice, self.jobs = soffice, max(1, jobs)
        # A command stops its workers on SIGTERM/SIGINT/SIGHUP; a server keeps its own handlers
        # (its shutdown closes the converter).
        self.handle_signals = handle_signals
        self.python = python or uno_python(soffice)
        self._own_dir = work_dir is None
        self.work_dir = Path(tempfile.mkdtemp(prefix="vanban-warm-")) if work_dir is None else Path(work_dir)
        self.workers: dict[int, _Worker | None] = {slot: None for slot in range(self.jobs)}
        self.start_failures: dict[int, int] = {slot: 0 for slot in range(self.jobs)}
        self.starts = 0  # bridges started, over the converter's life (tests, benchmarks)
        self.ever_ready = False
        self._lock = threading.Lock()
        self._closed = False
        self._cold_until = 0.0  # after no worker could start: the cold path until then

    # -- public ----------------------------------------------------------------------------------

    def convert(self, documents: list[Document], out_dir: Path, *, filter_data: dict, timeout: float) -> list[Path]:
        """The PDFs of ``documents`` in ``out_dir`` (in the documents' order), or PdfError naming
        every document that failed twice; WarmUnavailable when no worker can start."""
        if self.python is None or self.python in _unavailable:
            raise WarmUnavailable("no interpreter with uno")
        with self._lock:
            if self._closed or time.monotonic() < self._cold_until:
                raise WarmUnavailable("closed, or no worker came up a moment ago")
            self.start_failures = dict.fromkeys(self.workers, 0)
            with stop_group_on_signals() if self.handle_signals else nullcontext():
                try:
                    return self._run(documents, out_dir, filter_data, timeout)
                except Interrupted as exc:
                    self._kill_all()
                    raise PdfError("pdf_interrupted", signal=signal.Signals(exc.signum).name) from None
                except PdfError:
                    raise  # documents failed; the workers are idle and stay warm
                except WarmUnavailable:
                    self._kill_all()
                    self._cold_until = time.monotonic() + RETRY_WARM_AFTER  # a long-lived converter
                    raise
                except BaseException:
                    self._kill_all()
                    raise

    def close(self) -> None:
        """Stop every worker (politely, then its process group) and remove the private folder."""
        with self._lock:
            self._closed = True
            live = [w for w in self.workers.values() if w is not None]
            for worker in live:
                if not worker.ready or worker.document is not None:
                    kill_group(worker.proc)  # still starting (or busy): nothing to save
                try:
                    if worker.proc.poll() is None:
                        worker.proc.stdin.write(b'{"op": "quit"}\n')
                    worker.proc.stdin.close()
                except OSError:
                    pass
            deadline = time.monotonic() + 10
            for worker in live:
                try:
                    worker.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    pass
                kill_group(worker.proc, only_leftovers=worker.proc.poll() is not None)
            self.workers = dict.fromkeys(self.workers)
            if self._own_dir:
                shutil.rmtree(self.work_dir, ignore_errors=True)

    def pids(self) -> list[int]:
        """The bridges' process ids (each is its process group's id)."""
        return [w.proc.pid for w in self.workers.values() if w is not None and w.proc.poll() is None]

    # -- the loop --------------------------------------------------------------------------------

    def _run(self, documents: list[Document], out_dir: Path, filter_data: dict, timeout: float) -> list[Path]:
        queue = deque(sorted(documents, key=lambda d: (-d.cost, d.index)))
        failed: list[Document] = []
        wanted = min(self.jobs, len(documents))
        slots = list(self.workers)[:wanted]
        while queue or any(w is not None and w.document is not None for w in self.workers.values()):
            for slot in slots:
                worker = self.workers[slot]
                if worker is not None and worker.document is None and worker.proc.poll() is not None:
                    self._drop(worker)  # died between documents: restart, nothing to charge
                    worker = None
                if worker is None and queue and self.start_failures[slot] <= START_RETRIES:
                    worker = self._start(slot)
                if worker is not None and worker.ready and worker.document is None and queue:
                    self._send(worker, queue.popleft(), out_dir, filter_data)
            if all(self.workers[s] is None for s in slots) and queue:
                reason = "LibreOffice did not start"
                raise PdfError("pdf_failed", paths=", ".join(str(d.source) for d in sorted(queue, key=lambda d: d.index)),
                               reason=reason)
            self._wait(slots, timeout)
            for slot in slots:
                worker = self.workers[slot]
                if worker is not None:
                    self._settle(worker, queue, failed, out_dir, timeout)
        if failed:
            failed.sort(key=lambda d: d.index)
            names = ", ".join(str(d.source) for d in failed)
            if all(d.failure[0] == "timeout" for d in failed):
                raise PdfError("pdf_timeout", timeout=timeout, count=len(failed), paths=names)
            reasons = list(dict.fromkeys(d.failure[1] for d in failed))
            raise PdfError("pdf_failed", paths=names, reason="; ".join(reasons))
        return [d.pdf for d in sorted(documents, key=lambda d: d.index)]

    def _start(self, slot: int) -> _Worker:
        self.starts += 1
        profile = self.work_dir / f"profile-{slot}-{self.starts}"
        profile.mkdir(parents=True)
        stderr = self.work_dir / f"bridge-{slot}-{self.starts}.txt"
        pipe = f"vanban-{os.getpid()}-{slot}-{secrets.token_hex(6)}"
        env = dict(os.environ, HOME=str(profile), TMPDIR=str(self.work_dir))
        env.pop("PYTHONPATH", None)  # the bridge's Python is not ours
        with open(stderr, "wb") as err:
            try:
                proc = subprocess.Popen([self.python, str(BRIDGE), self.soffice, profile.as_uri(), pipe],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, env=env,
                                        start_new_session=True, cwd=str(self.work_dir))
            except OSError as exc:
                raise WarmUnavailable(str(exc)) from exc
        os.set_blocking(proc.stdout.fileno(), False)
        worker = _Worker(slot, proc, profile, stderr, time.monotonic())
        self.workers[slot] = worker
        return worker

    def _send(self, worker: _Worker, document: Document, out_dir: Path, filter_data: dict) -> None:
        worker.request += 1
        worker.document, worker.sent_at = document, time.monotonic()
        out = out_dir / (document.copy.stem + ".pdf")
        remove_file(out)
        line = json.dumps({"id": worker.request, "in": str(document.copy), "out": str(out),
                           "filter": filter_data}) + "\n"
        try:
            worker.proc.stdin.write(line.encode())
            worker.proc.stdin.flush()
        except OSError:
            worker.eof = True  # settled as a dead worker: the document is charged and retried

    def _wait(self, slots: list[int], timeout: float) -> None:
        live = [w for s in slots if (w := self.workers[s]) is not None and not w.eof and not w.messages]
        if len(live) < sum(1 for s in slots if self.workers[s] is not None):
            return  # something to settle already
        if not live:
            return
        now = time.monotonic()
        deadlines = [(w.sent_at + timeout) if w.document is not None else (w.started + START_TIMEOUT)
                     for w in live if w.document is not None or not w.ready]
        wait = min([_WAIT, *[max(0.0, d - now) for d in deadlines]])
        readable, _, _ = select.select([w.proc.stdout for w in live], [], [], wait)
        for stream in readable:
            worker = next(w for w in live if w.proc.stdout is stream)
            self._read(worker)

    def _read(self, worker: _Worker) -> None:
        while True:
            try:
                chunk = os.read(worker.proc.stdout.fileno(), 65536)
            except BlockingIOError:
                break
            if not chunk:
                worker.eof = True
                break
            worker.buffer += chunk
        *lines, worker.buffer = worker.buffer.split(b"\n")
        for line in lines:
            if line.strip():
                try:
                    worker.messages.append(json.loads(line))
                except ValueError:
                    continue

    def _settle(self, worker: _Worker, queue: deque, failed: list[Document], out_dir: Path,
                timeout: float) -> None:
        while worker.messages:
            message = worker.messages.popleft()
            event = message.get("event")
            if event == "ready":
                worker.ready = self.ever_ready = True
                self.start_failures[worker.slot] = 0
            elif event in ("unavailable", "failed"):
                if event == "unavailable":
                    _unavailable.add(self.python)
                self._start_failed(worker, message.get("reason", ""))
                return
            elif worker.document is not None and message.get("id") == worker.request:
                document, worker.document = worker.document, None
                out = out_dir / (document.copy.stem + ".pdf")
                if message.get("ok") and out.exists() and out.stat().st_size > 0:
                    document.pdf = out
                else:
                    remove_file(out)
                    self._charge(document, ("failed", message.get("error") or "no PDF written"), queue, failed)
                if message.get("dead"):
                    self._drop(worker, clean_profile=True)
                    return
        now = time.monotonic()
        if worker.eof or worker.proc.poll() is not None:
            if not worker.ready:
                self._start_failed(worker, last_line(worker.stderr) or "the bridge exited")
                return
            if worker.document is not None:
                reason = last_line(worker.stderr) or f"LibreOffice stopped (exit {worker.proc.poll()})"
                self._charge(worker.document, ("failed", reason), queue, failed)
                worker.document = None
            self._drop(worker, clean_profile=True)
        elif worker.document is not None and now - worker.sent_at > timeout:
            self._charge(worker.document, ("timeout", f"timeout {timeout} s"), queue, failed)
            worker.document = None
            self._drop(worker, clean_profile=True)
        elif not worker.ready and now - worker.started > START_TIMEOUT:
            self._start_failed(worker, "LibreOffice did not start in time")

    def _charge(self, document: Document, failure: tuple[str, str], queue: deque,
                failed: list[Document]) -> None:
        document.attempts += 1
        if document.attempts > RETRIES:
            document.failure = failure
            failed.append(document)
        else:
            queue.appendleft(document)  # retried next, on a fresh or another worker

    def _start_failed(self, worker: _Worker, reason: str) -> None:
        self._drop(worker, clean_profile=True)
        self.start_failures[worker.slot] += 1
        if not self.ever_ready and all(self.workers[s] is None for s in self.workers):
            raise WarmUnavailable(reason)

    def _drop(self, worker: _Worker, clean_profile: bool = True) -> None:
        kill_group(worker.proc)
        for stream in (worker.proc.stdin,):
            try:
                stream.close()
            except OSError:
                pass
        if clean_profile:
            shutil.rmtree(worker.profile, ignore_errors=True)
        self.workers[worker.slot] = None

    def _kill_all(self) -> None:
        for worker in list(self.workers.values()):
            if worker is not None:
                self._drop(worker)
