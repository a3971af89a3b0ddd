"""From form files to a validated model: read, normalise, merge the agency profile, validate.

Every problem is collected, with its file and line, before anything fails; the caller gets either
a model plus warnings or one :class:`ValidationFailed` listing everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import Issue, Origin, ValidationFailed
from .kinds import KINDS, KindSpec
from .model import KIND_PROFILE_FACTS, PROFILE_FACTS, AgencyProfile, DocumentForm
from .normalise import normalise
from .recipients import expand
from .sources import Located, Path_, load_form, merge

# pydantic errors whose message needs the received value.
_CONTAINERS = (dict, list)


def _data_path(loc: tuple, data: Any) -> Path_:
    """The part of a pydantic ``loc`` that names a place in the data (drop union/type tags)."""
    path: list[Any] = []
    node = data
    for element in loc:
        if isinstance(node, dict) or node is None:
            path.append(element)
            node = node.get(element) if isinstance(node, dict) else None
        elif isinstance(node, list) and isinstance(element, int):
            path.append(element)
            node = node[element] if element < len(node) else None
        else:
            break
    return tuple(path)


def issues_from(error: ValidationError, located: Located) -> list[Issue]:
    issues = []
    for item in error.errors(include_url=False):
        path = _data_path(item["loc"], located.data)
        origin = located.origin_of(path)
        ctx = dict(item.get("ctx") or {})
        offset = ctx.pop("line_offset", None)
        if offset and origin is not None and origin.block and origin.line is not None:
            # A line inside a block scalar: count from the block's first line.
            origin = Origin(origin.file, origin.line + int(offset))
        code = item["type"]
        if code == "literal_error":
            ctx.setdefault("expected", ctx.get("expected", ""))
        value = None if code == "missing" else item.get("input")
        if isinstance(value, _CONTAINERS) and code not in ("too_short",):
            value = None
        field_name = ".".join(str(p) for p in path)
        issues.append(Issue(code, field_name, origin, value, ctx))
    return issues


@dataclass
class LoadedForm:
    spec: KindSpec
    model: DocumentForm
    located: Located
    warnings: list[Issue] = field(default_factory=list)


def _reroot(origins: dict[Path_, Origin], old: Path_, new: Path_) -> dict[Path_, Origin]:
    return {new + key[len(old):]: value for key, value in origins.items() if key[: len(old)] == old}


def _expand_recipients(located: Located, lists: dict, issues: list[Issue]) -> None:
    """Replace ``@name`` entries of ``noi_nhan`` by the profile's named lists, in ND30 order."""
    entries = located.data.get("noi_nhan")
    if not isinstance(entries, list):
        return
    result = expand(entries, lists)
    for index, name in result.unknown:
        issues.append(Issue("noi_nhan_list_unknown", f"noi_nhan.{index}",
                            located.origin_of(("noi_nhan", index)), f"@{name}",
                            {"name": name, "allowed": ", ".join(f"@{n}" for n in lists) or "-"}))
    old = {k: v for k, v in located.origins.items() if k[:1] == ("noi_nhan",) and len(k) > 1}
    for key in old:
        del located.origins[key]
    for new_index, source in enumerate(result.sources):
        origin = old.get(("noi_nhan", source))
        if origin is not None:
            located.origins[("noi_nhan", new_index)] = origin
    located.data["noi_nhan"] = result.items


def _with_profile(form: Located, issues: list[Issue], fields: frozenset[str] = frozenset()) -> Located:
    """Merge the agency profile named by ``co_quan`` under the form's own values."""
    name = form.data.get("co_quan")
    if not name:
        _expand_recipients(form, {}, issues)
        return form
    base = form.path.parent if form.path else Path(".")
    profile_path = (base / str(name)).resolve() if not Path(str(name)).is_absolute() else Path(str(name))
    if not profile_path.exists():
        issues.append(Issue("profile_not_found", "co_quan", form.origin_of(("co_quan",)), name,
                            {"path": str(name)}))
        _expand_recipients(form, {}, issues)
        return form
    profile_raw = load_form(profile_path)
    profile, profile_issues = normalise(profile_raw)
    issues.extend(profile_issues)
    try:
        AgencyProfile.model_validate(profile.data)
    except ValidationError as exc:
        issues.extend(issues_from(exc, profile))
        _expand_recipients(form, {}, issues)
        return form
    wanted = set(PROFILE_FACTS) | {key for key in KIND_PROFILE_FACTS if key in fields}
    facts = Located(
        {key: profile.data[key] for key in wanted if key in profile.data},
        {key: origin for key, origin in profile.origins.items() if key and key[0] in wanted},
        profile.path,
    )
    merged = merge(facts, form)
    merged.profile = profile_path
    _expand_recipients(merged, profile.data.get("noi_nhan") or {}, issues)
    signer = form.data.get("nguoi_ky")
    if isinstance(signer, str):
        signers = profile.data.get("nguoi_ky") or {}
        if signer in signers:
            merged.data["nguoi_ky"] = signers[signer]
            merged.origins.update(_reroot(profile.origins, ("nguoi_ky", signer), ("nguoi_ky",)))
        else:
            issues.append(Issue("signer_unknown", "nguoi_ky", form.origin_of(("nguoi_ky",)), signer,
                                {"allowed": ", ".join(signers) or "-"}))
    return merged


def read(path: str | Path) -> tuple[KindSpec, Located, list[Issue]]:
    """Read a form, normalise it and merge its profile; no model validation yet."""
    raw = load_form(path)
    located, issues = normalise(raw)
    kind = located.data.get("loai")
    allowed = ", ".join(KINDS)
    if kind is None:
        raise ValidationFailed([Issue("kind_missing", "loai", located.origin_of(()), None,
                                      {"allowed": allowed})])
    spec = KINDS.get(str(kind))
    if spec is None:
        raise ValidationFailed([Issue("kind_unknown", "loai", located.origin_of(("loai",)), kind,
                                      {"allowed": allowed})])
    located = _with_profile(located, issues, frozenset(spec.model.model_fields))
    if spec.prepare is not None:
        located = spec.prepare(located, issues)
    return spec, located, issues


def validate(spec: KindSpec, located: Located, issues: list[Issue], *, mode: str = "draft",
             numbered_by_register: bool = False) -> DocumentForm | None:
    """Validate located data as ``spec``'s model; problems are appended to ``issues``.

    ``numbered_by_register``: a final document may come without its number, which the register
    of outgoing documents will give it."""
    try:
        model = spec.model.model_validate(located.data, context={"mode": mode,
                                                                 "register": numbered_by_register})
    except ValidationError as exc:
        # A field already reported while merging (e.g. an unknown signer) is not reported twice.
        reported = {i.field for i in issues if i.is_error}
        issues.extend(i for i in issues_from(exc, located) if i.field not in reported)
        return None
    if spec.warnings is not None:
        issues.extend(spec.warnings(model, located))
    return model


def load(path: str | Path, *, mode: str = "draft", numbered_by_register: bool = False) -> LoadedForm:
    """Read and validate a form; raise :class:`ValidationFailed` with every issue found."""
    spec, located, issues = read(path)
    model = validate(spec, located, issues, mode=mode, numbered_by_register=numbered_by_register)
    if model is None or any(i.is_error for i in issues):
        raise ValidationFailed(issues)
    return LoadedForm(spec, model, located, [i for i in issues if not i.is_error])


def load_profile(path: str | Path) -> AgencyProfile:
    """Read and validate an agency profile on its own (``vanban lists``)."""
    profile, issues = normalise(load_form(path))
    try:
        model = AgencyProfile.model_validate(profile.data)
    except ValidationError as exc:
        issues.extend(issues_from(exc, profile))
        raise ValidationFailed(issues) from exc
    return model
