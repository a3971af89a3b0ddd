"""Batches run by the web app: planned (every row problem at once), then run in a thread whose
progress is pushed to the browser (server-sent events, :meth:`BatchJob.wait`) or polled. A batch is
``pipeline.plan_batch`` + ``pipeline.run_batch``, the same calls as ``vanban batch``."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import VanbanError


@dataclass
class BatchJob:
    id: str
    total: int
    done: int = 0
    state: str = "running"  # running | done | failed
    written: list[str] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    error: VanbanError | None = None
    version: int = 0  # bumped on every change; a watcher waits for it to move
    changed: threading.Condition = field(default_factory=threading.Condition, repr=False, compare=False)

    def update(self, **changes) -> None:
        """Change the job and wake whoever watches it."""
        with self.changed:
            for name, value in changes.items():
                setattr(self, name, value)
            self.version += 1
            self.changed.notify_all()

    def wait(self, version: int, timeout: float) -> int:
        """Block until the job changes from ``version`` (or ``timeout`` seconds); the new version."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != version, timeout)
            return self.version


class Jobs:
    def __init__(self) -> None:
        self._jobs: dict[str, BatchJob] = {}
        self._lock = threading.Lock()
        self._running = threading.Lock()  # one batch at a time: they write into the working folder

    def get(self, job_id: str) -> BatchJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, plan, workspace, names) -> BatchJob:
        from .. import pipeline

        job = BatchJob(secrets.token_hex(8), total=len(plan.groups))
        with self._lock:
            self._jobs[job.id] = job
            if len(self._jobs) > 50:
                for old in [k for k, v in self._jobs.items() if v.state != "running"][:25]:
                    del self._jobs[old]

        def advance(count: int = 1) -> None:
            job.update(done=min(job.total, job.done + count))

        def work() -> None:
            with self._running:
                try:
                    with workspace.confined():
                        result = pipeline.run_batch(plan, progress=advance)
                    job.update(written=[names(Path(p)) for p in result.written], summary=result.summary,
                               done=job.total, state="done")
                except VanbanError as exc:
                    job.update(error=exc, state="failed")

        threading.Thread(target=work, name=f"vanban-batch-{job.id}", daemon=True).start()
        return job
