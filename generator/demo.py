"""``vanban demo``: every bundled sample rendered into one folder — and the same command run again.

Everything is made in a staging folder beside the output folder (same file system), then moved
into place file by file (``os.replace``). The demo keeps a manifest in the output folder
(:data:`MANIFEST`: each file it wrote, with its SHA-256), so that running it again replaces the
files it wrote itself and nobody changed since. A file that is identical to the new one is left
as it is; a file edited since the last demo, or one the demo did not write, is replaced only with
``force`` — without it every such file is named at once and nothing is moved.

Nothing here prints: :func:`run_demo` returns what happened for the command to report.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Issue, OutputError
from .packaging import atomic_write, exists
from .register.entry import file_sha256  # the batch's publish step hashes the same way

MANIFEST = ".vanban-demo.json"
STAGING_MARK = ".vanban-demo-"


@dataclass
class DemoResult:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    signed: list[Path] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    documents: int = 0


def read_manifest(output: Path) -> dict[str, str]:
    """The files the last demo wrote into ``output`` (relative path → SHA-256); {} if none."""
    try:
        data = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def _staging_folder(output: Path) -> Path:
    parent = output.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    for stale in parent.glob(f".{output.name}{STAGING_MARK}*"):  # left by a killed demo
        shutil.rmtree(stale, ignore_errors=True)
    stage = parent / f".{output.name}{STAGING_MARK}{uuid.uuid4().hex[:12]}"
    stage.mkdir()
    return stage


def _make_everything(stage: Path, result: DemoResult) -> None:
    from . import batch as batch_mod
    from . import pipeline
    from .resources import samples_dir
    from .sign.demo import signed_demo

    samples = samples_dir()
    forms = pipeline.sample_forms(samples)
    loaded = [pipeline.check(form) for form in forms]  # every sample valid before anything is made
    for form, item in zip(forms, loaded):
        target = pipeline.output_path(form, stage / form.parent.relative_to(samples))
        atomic_write(target, pipeline.render_loaded(item))
        result.warnings.extend(item.warnings)
    result.documents = len(forms)
    for sheet, form in pipeline.sample_batches(samples):
        folder = stage / sheet.parent.name
        options = batch_mod.Options(group_by="Quyết định", merge=folder / "in-an.docx", certificates=True,
                                    jobs=os.cpu_count() or 1)
        done = pipeline.run_batch(pipeline.plan_batch(sheet, form, folder, options))
        result.warnings.extend(done.warnings)
        result.documents += len(done.written)
    # A signed electronic sample (TEST certificate, no legal value); skipped without LibreOffice.
    result.signed = [Path(p) for p in signed_demo(stage)]
    result.documents += len(result.signed)


def changed_since_last_demo(output: Path) -> list[Path]:
    """Files the last demo wrote into ``output`` that were edited since (missing ones do not count)."""
    changed = []
    for relative, digest in read_manifest(output).items():
        target = output / relative
        if target.is_file() and not target.is_symlink() and file_sha256(target) != digest:
            changed.append(target)
    return changed


def _refuse(conflicts: list[Path]) -> None:
    raise OutputError("demo_output_changed", count=len(conflicts),
                      paths=", ".join(str(c) for c in conflicts[:5])
                      + (f" (+{len(conflicts) - 5})" if len(conflicts) > 5 else ""))


def publish(stage: Path, output: Path, *, force: bool = False) -> tuple[list[Path], list[Path]]:
    """Move every file made under ``stage`` to the same place under ``output``; (written, unchanged).

    A target identical to the new file is left as it is; one the last demo wrote and nobody
    changed is replaced; any other existing target is replaced only with ``force`` — without it,
    every such target is named in one error and nothing is moved. The manifest is updated last."""
    made = sorted(p for p in stage.rglob("*") if p.is_file() and not p.is_symlink())
    previous = read_manifest(output)
    moves, unchanged, conflicts = [], [], []
    for staged in made:
        relative = staged.relative_to(stage).as_posix()
        target = output / relative
        new_hash = file_sha256(staged)
        if not exists(target):
            moves.append((staged, target, relative, new_hash))
        elif target.is_dir() or target.is_symlink():
            conflicts.append(target)
        else:
            old_hash = file_sha256(target)
            if old_hash == new_hash:
                unchanged.append((target, relative, new_hash))
            elif force or previous.get(relative) == old_hash:
                moves.append((staged, target, relative, new_hash))
            else:
                conflicts.append(target)
    if conflicts:
        _refuse(conflicts)
    manifest = dict(previous)
    written = []
    for staged, target, relative, new_hash in moves:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
        except OSError as exc:
            raise OutputError("output_unwritable", path=str(target), reason=exc.strerror or str(exc)) from exc
        manifest[relative] = new_hash
        written.append(target)
    for target, relative, new_hash in unchanged:
        manifest[relative] = new_hash
    atomic_write(output / MANIFEST, json.dumps({"files": manifest}, ensure_ascii=False, indent=1,
                                               sort_keys=True).encode("utf-8"), force=True)
    return written, [target for target, _, _ in unchanged]


def run_demo(output: Path, *, force: bool = False) -> DemoResult:
    """Render every sample, the sample batch and the signed sample into ``output``."""
    output = Path(output)
    if not force:  # an edit since the last demo is found before minutes of rendering, not after
        changed = changed_since_last_demo(output)
        if changed:
            _refuse(changed)
    result = DemoResult()
    stage = _staging_folder(output)
    try:
        _make_everything(stage, result)
        result.written, result.unchanged = publish(stage, output, force=force)
        result.signed = [output / p.relative_to(stage) for p in result.signed]
        return result
    finally:
        shutil.rmtree(stage, ignore_errors=True)
