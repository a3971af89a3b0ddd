"""What the web app does with a form, through the pipeline the CLI uses — nothing else renders.

A request carries a form as YAML text, or as the plain data the browser edits together with the
YAML it was opened from (``base``): the data is put back into that text (:mod:`.roundtrip`) and the
resulting text is checked and rendered under the form's name. So the located messages name the
lines of the file the clerk will save, and the saved file renders byte-identical.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, Issue, ValidationFailed, VanbanError
from ..messages import format_error, format_issue, text
from ..sources import Located
from .roundtrip import updated_yaml
from .workspace import Workspace

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class FormText:
    """A form as the pipeline will read it: its name (a path in the working folder) and text."""

    name: str
    text: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(f"{self.name}\0{self.text}".encode("utf-8", "surrogatepass")).hexdigest()


def form_text(payload: Any, *, raw: str | None = None, name: str | None = None) -> FormText:
    """The form of a request: raw YAML/JSON text, or ``{"yaml": …}``, or ``{"form": {…}, "base": …}``."""
    if raw is not None:
        return FormText(name or "form.yaml", raw)
    if not isinstance(payload, dict):
        raise InputError("web_payload_invalid")
    name = payload.get("name") or name or "form.yaml"
    if not isinstance(name, str):
        raise InputError("web_payload_invalid")
    if isinstance(payload.get("yaml"), str):
        return FormText(name, payload["yaml"])
    form = payload.get("form")
    if isinstance(form, dict):
        base = payload.get("base") if isinstance(payload.get("base"), str) else ""
        return FormText(name, updated_yaml(base, settled(_texts(form), base)))
    if "loai" in payload:  # the form itself, as JSON
        return FormText(name if name.endswith(".json") else "form.json", json.dumps(payload, ensure_ascii=False))
    raise InputError("web_payload_invalid")


@dataclass(frozen=True)
class FormData:
    """A form as the browser edits it: plain data (every scalar text, as the YAML reader gives it)
    and the YAML text it was opened from. Checked as it is: no YAML is written until it is saved
    or rendered (:func:`form_text` does that)."""

    name: str
    data: dict
    base: str


def form_data(payload: Any, *, name: str | None = None) -> FormData | None:
    """The browser's ``{"form": {…}, "base": …}`` as data, or None for any other request shape."""
    if not isinstance(payload, dict) or isinstance(payload.get("yaml"), str) or not isinstance(payload.get("form"), dict):
        return None
    name = payload.get("name") or name or "form.yaml"
    if not isinstance(name, str):
        raise InputError("web_payload_invalid")
    base = payload.get("base") if isinstance(payload.get("base"), str) else ""
    return FormData(name, settled(_texts(payload["form"]), base), base)


@functools.lru_cache(maxsize=16)
def _saved(path: str, base: str) -> Located | None:
    """The form file the browser opened (or last saved), read once with the line of every value."""
    from ..sources import load_form

    try:
        return load_form(Path(path), base) if base.strip() else None
    except InputError:
        return None


def located(path: Path, form: FormData) -> Located:
    """The browser's data located: by the lines of the saved file while the data is that file's
    (nothing edited since it was opened or saved), else by field path alone — the lines of a file
    not yet written would name lines nobody can see."""
    from ..sources import load_data

    saved = _saved(str(path), form.base)
    origins = saved.origins if saved is not None and saved.data == form.data else None
    return load_data(path, form.data, origins)


def settled(data: dict, base: str) -> dict:
    """The browser's data without what the form showed but nobody filled: a field that is not in
    the opened file and is still empty is left out (so opening a form and saving it changes
    nothing, and a check sees the same data the saved file will hold)."""
    from .roundtrip import opened_data

    try:
        before = opened_data(base) if base.strip() else {}
    except InputError:
        before = {}
    return _settle(data, before)


def _settle(node: Any, before: Any) -> Any:
    if isinstance(node, dict):
        old = before if isinstance(before, dict) else {}
        return {key: _settle(value, old.get(key)) for key, value in node.items()
                if key in old or not _empty(value)}
    if isinstance(node, list):
        old = before if isinstance(before, list) else []
        return [_settle(value, old[i] if i < len(old) else None) for i, value in enumerate(node)]
    if node is None and before == "":  # written '""' in the file, empty in the browser: unchanged
        return ""
    return node


def _empty(node: Any) -> bool:
    if isinstance(node, dict):
        return all(_empty(value) for value in node.values())
    if isinstance(node, list):
        return all(_empty(value) for value in node)
    return node is None


def _texts(node: Any) -> Any:
    """Browser data as the YAML reader gives it: scalars as text, empty as None."""
    if isinstance(node, dict):
        return {str(k): _texts(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_texts(v) for v in node]
    if node is None or node == "":
        return None
    if isinstance(node, bool):
        return "true" if node else "false"
    return str(node)


def issue_json(issue: Issue, lang: str) -> dict:
    origin = issue.origin
    params = {"value": issue.value, "field": issue.field.rsplit(".", 1)[-1], **issue.params}
    return {
        "code": issue.code, "severity": issue.severity, "field": issue.field,
        "file": origin.file if origin else None, "line": origin.line if origin else None,
        "sheet": origin.sheet if origin else None, "cell": origin.cell if origin else None,
        "where": str(origin) if origin else "",
        "message": text(issue.code, lang, **params), "text": format_issue(issue, lang),
    }


def error_json(error: VanbanError, lang: str) -> list[dict]:
    """A failure as the located issues the browser shows (an unreadable form is one issue)."""
    if isinstance(error, ValidationFailed):
        return [issue_json(i, lang) for i in error.issues]
    params = error.params
    message = format_error(error, lang)
    return [{"code": error.code, "severity": "error", "field": "", "file": params.get("path"),
             "line": params.get("line"), "sheet": None, "cell": None, "where": "", "message": message,
             "text": message}]


def check(workspace: Workspace, form: FormText | FormData, *, mode: str = "draft"):
    """Validate like ``vanban check``: the form read from ``form.text``, or the browser's data as
    it is (the same validation, no YAML written), named by its path."""
    from .. import pipeline

    path = workspace.path(form.name)
    with workspace.confined():
        if isinstance(form, FormData):
            return pipeline.check(path, mode=mode, data=located(path, form))
        return pipeline.check(path, mode=mode, text=form.text)


def render(workspace: Workspace, form: FormText, *, mode: str = "draft") -> tuple[bytes, Any]:
    """The .docx bytes ``vanban render`` writes for this form (same pipeline, same bytes)."""
    from .. import pipeline

    loaded = check(workspace, form, mode=mode)
    with workspace.confined():
        return pipeline.render_loaded(loaded), loaded


def download_name(form_name: str, mode: str, suffix: str = ".docx", model: Any = None) -> str:
    """``du-thao-ke-hoach.docx`` for a draft: a draft is marked as one wherever it goes; a final
    with its number is named after it (``1626-kh-bql.docx``), as ``vanban render --final`` names it."""
    from ..naming import final_file_name

    if mode != "draft" and getattr(model, "so", None) is not None and getattr(model, "ky_hieu", None):
        return final_file_name(model.so, model.ky_hieu, suffix)
    stem = Path(form_name.split(":", 1)[-1]).stem or "van-ban"
    return f"{'du-thao-' if mode == 'draft' else ''}{stem}{suffix}"


def profile_of(workspace: Workspace, form: FormText) -> dict:
    """The signers and named recipient lists of the profile a form names (``co_quan``)."""
    from ..forms import read_profile
    from .roundtrip import read_text_data

    try:
        data = read_text_data(form.text, form.name) if not form.name.endswith(".json") else json.loads(form.text)
    except (InputError, ValueError):
        return {"signers": {}, "lists": {}}
    name = data.get("co_quan") if isinstance(data, dict) else None
    if not isinstance(name, str) or not name:
        return {"signers": {}, "lists": {}}
    folder = workspace.path(form.name).parent
    try:
        with workspace.confined():
            profile = read_profile(folder / name)
    except (InputError, OSError):
        return {"signers": {}, "lists": {}}
    data = profile.located.data if isinstance(profile.located.data, dict) else {}
    signers = {}
    for key, signer in (data.get("nguoi_ky") or {}).items():
        if isinstance(signer, dict):
            chain = signer.get("chuc_vu") or []
            chain = chain if isinstance(chain, list) else [chain]
            signers[str(key)] = {"ho_ten": str(signer.get("ho_ten") or ""),
                                 "chuc_vu": " – ".join(str(c) for c in chain),
                                 "quyen_han": str(signer.get("quyen_han") or "")}
    lists = {}
    for key, value in (data.get("noi_nhan") or {}).items():
        items = value if isinstance(value, list) else (value or {}).get("muc", []) if isinstance(value, dict) else []
        lists[str(key)] = [str(i) for i in items]
    facts = {k: str(data[k]) for k in ("co_quan_ban_hanh", "co_quan_chu_quan", "ma_co_quan", "dia_danh")
             if data.get(k)}
    return {"signers": signers, "lists": lists, "facts": facts}
