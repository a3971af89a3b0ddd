"""Building test forms: the starter form as a valid base, changed one field at a time."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generator.resources import starters_dir
from generator.sources import load_form

_BASE: dict | None = None


def base_form() -> dict:
    """A valid plan form: the starter `vanban new ke-hoach` writes, filled in as a clerk does
    (its placeholders and example agency and signer replaced, so that it may become a final)."""
    global _BASE
    if _BASE is None:
        data = load_form(starters_dir() / "ke-hoach.yaml").data
        data["mo_dau"] = data["mo_dau"].replace("số .../KH-UBND ngày ...", "số 12/KH-UBND ngày 02/01/2026")
        data["co_quan_chu_quan"] = "UBND tỉnh Ninh Bình"
        data["nguoi_ky"]["ho_ten"] = "Phạm Văn Minh"
        _BASE = data
    return copy.deepcopy(_BASE)


def changed(**changes: Any) -> dict:
    form = base_form()
    for key, value in changes.items():
        if value is _DELETE:
            form.pop(key, None)
        else:
            form[key] = value
    return form


_DELETE = object()
DELETE = _DELETE


def write_yaml(path: Path, data: dict) -> Path:
    yaml = YAML()
    yaml.width = 4096
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def write_json(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


# --- the plan's starter as `vanban new ke-hoach` writes it, and as a clerk fills it in
STARTER = (starters_dir() / "ke-hoach.yaml").read_text(encoding="utf-8")
# What a clerk types over the starter's examples so it may become a final (issue 14, item 9).
FILLED_IN = (("số .../KH-UBND ngày ...", "số 12/KH-UBND ngày 02/01/2026"),
             ("co_quan_chu_quan: UBND tỉnh Nam Định", "co_quan_chu_quan: UBND tỉnh Ninh Bình"),
             ("  ho_ten: Nguyễn Văn An", "  ho_ten: Phạm Văn Minh"))


def starter_with(folder: Path, *replacements: tuple[str, str], name: str = "ke-hoach.yaml") -> tuple[Path, str]:
    """The plan's starter written to ``folder/name`` with each (old, new) replaced once; (path, text)."""
    text = STARTER
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    return path, text


def office_folder(folder: Path, profile_extra: str = "") -> Path:
    """``folder`` as an office keeps it: the sample agency profile (plus ``profile_extra`` lines,
    e.g. a ``so_van_ban`` block) and a plan form ``ke-hoach.yaml`` without a number that names it."""
    from generator.resources import sample_profile

    folder = Path(folder)
    (folder / "co-quan.yaml").write_text(sample_profile().read_text(encoding="utf-8") + profile_extra,
                                         encoding="utf-8")
    data = changed(co_quan="co-quan.yaml", so=None, ngay="13/4/2026", don_vi_soan_thao="VP",
                   noi_nhan=["@noi-bo"], nguoi_ky="pho-truong-ban-hai")
    for key in ("co_quan_chu_quan", "co_quan_ban_hanh", "ma_co_quan", "dia_danh", "so"):
        data.pop(key, None)
    write_yaml(folder / "ke-hoach.yaml", data)
    return folder
