"""The working folder of ``vanban web``: which files may be read and written, and by what name.

A file is named by the browser with a path relative to the working folder (``ke-hoach.yaml``,
``out/ke-hoach.docx``), or ``samples:NAME`` for a bundled sample (read only). Absolute paths,
``..``, NUL and anything that resolves outside (a symlink) are refused before any file is touched;
the readers below the web layer are :func:`~generator.confine.confined` to the same folders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..confine import confined, is_inside
from ..errors import InputError, OutputError
from ..resources import samples_dir

SAMPLES_PREFIX = "samples:"
MAX_LISTED = 500  # forms listed from the working folder
SKIPPED_FOLDERS = {".git", ".venv", "node_modules", "__pycache__", ".vanban"}


@dataclass(frozen=True)
class Workspace:
    root: Path

    @classmethod
    def at(cls, root: Path) -> Workspace:
        return cls(Path(root).resolve())

    @property
    def samples(self) -> Path:
        return samples_dir().resolve()

    def confined(self):
        """Readers may open files of the working folder and of the samples, nothing else."""
        return confined(self.root, self.samples)

    def contains(self, path: Path) -> bool:
        return is_inside(Path(path), (self.root,))

    def path(self, name: str, *, write: bool = False) -> Path:
        """The file a browser name stands for; ``InputError`` when it is not allowed."""
        if not isinstance(name, str) or not name or "\x00" in name or len(name) > 400:
            raise InputError("web_name_invalid", path=str(name)[:80])
        base = self.root
        if name.startswith(SAMPLES_PREFIX):
            if write:
                raise OutputError("web_sample_read_only", path=name)
            base, name = self.samples, name[len(SAMPLES_PREFIX):]
        pure = PurePosixPath(name.replace("\\", "/"))
        if pure.is_absolute() or ".." in pure.parts or not pure.parts or ":" in pure.parts[0]:
            raise InputError("web_name_invalid", path=name)
        target = base.joinpath(*pure.parts)
        if not is_inside(target, (base,)):
            raise InputError("file_outside_folder", path=name)
        return target

    def name_of(self, path: Path) -> str:
        """The browser name of a file of the working folder or of the samples."""
        resolved = Path(path).resolve()
        if resolved.is_relative_to(self.root):
            return resolved.relative_to(self.root).as_posix()
        return SAMPLES_PREFIX + resolved.relative_to(self.samples).as_posix()

    def shorten(self, message: str) -> str:
        """A message naming files by their browser names instead of server paths."""
        return message.replace(f"{self.root}{os.sep}", "").replace(f"{self.samples}{os.sep}", SAMPLES_PREFIX)

    def forms(self) -> list[dict]:
        """YAML forms (with a ``loai``) of the working folder, then the bundled samples."""
        from ..pipeline import is_batch_form
        from ..sources import load_form

        found: list[dict] = []
        for base, prefix in ((self.root, ""), (self.samples, SAMPLES_PREFIX)):
            for path in _yaml_files(base):
                try:
                    with self.confined():
                        data = load_form(path).data
                except InputError:
                    continue
                if "loai" not in data:
                    continue
                found.append({"name": prefix + path.relative_to(base).as_posix(), "kind": str(data["loai"]),
                              "title": str(data.get("trich_yeu") or "")[:160], "sample": bool(prefix),
                              "batch": is_batch_form(data)})
                if len(found) >= MAX_LISTED:
                    return found
        return found

    def files(self, suffixes: tuple[str, ...], *, samples: bool = False) -> list[str]:
        """Names of the working folder's files with these suffixes (sheets, outputs), and with
        ``samples`` the bundled samples' ones too."""
        out = []
        for base, prefix in ((self.root, ""), *(((self.samples, SAMPLES_PREFIX),) if samples else ())):
            for dirpath, dirnames, filenames in os.walk(base):
                dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_FOLDERS and not d.startswith("."))
                for filename in sorted(filenames):
                    if suffixes and filename.lower().endswith(suffixes) and not filename.startswith((".", "~$")):
                        out.append(prefix + (Path(dirpath) / filename).relative_to(base).as_posix())
                        if len(out) >= MAX_LISTED:
                            return out
        return out


def _yaml_files(base: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(base):
        depth = len(Path(dirpath).relative_to(base).parts)
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_FOLDERS and not d.startswith(".")) \
            if depth < 2 else []
        out.extend(Path(dirpath) / f for f in sorted(filenames) if f.endswith((".yaml", ".yml")))
    return out
