"""From form files to a validated model: read, normalise, merge the agency profile, validate.

Every problem is collected, with its file and line, before anything fails; the caller gets either
a model plus warnings or one :class:`ValidationFailed` listing everything.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pydantic import ValidationError

from .errors import InputError, Issue, Origin, ValidationFailed
from .issues import issues_from
from .kinds import KINDS, KindSpec
from .model import KIND_PROFILE_FACTS, PROFILE_FACTS, AgencyProfile, DocumentForm
from .normalise import normalise
from .recipients import expand
from .sources import Located, Path_, load_form, merge
from .suggest import closest
from .vn import format_number


@dataclass
class LoadedForm:
    spec: KindSpec
    model: DocumentForm
    located: Located
    warnings: list[Issue] = field(default_factory=list)
    mode: str = "draft"  # "draft" | "final": a draft is rendered with the "DỰ THẢO" mark

    @property
    def base(self) -> Path | None:
        """The form's folder: files a form names (a plan, a sheet, an Excel table) are found there."""
        return self.located.path.parent if self.located.path else None


@dataclass(frozen=True)
class Loaders:
    """What a kind may need to read besides its own form, handed to its ``prepare`` step so that
    kinds never import the readers above them: ``form`` validates another form (a report's plan),
    ``proposal`` reads an awardee sheet with a decision form into one decision (a tờ trình),
    ``awardees`` reads the checked rows of an awardee sheet (a tờ trình without a decision form)."""

    form: Callable[[Path], DocumentForm]
    proposal: Callable[..., object] | None = None
    awardees: Callable[..., object] | None = None


def _no_proposal(*args, **kwargs):
    raise ValidationFailed([Issue("loader_missing", "danh_sach", None, None, {"what": "danh_sach"})])


def default_loaders() -> Loaders:
    return Loaders(form=lambda path: load(path).model, proposal=_no_proposal, awardees=_no_proposal)


@dataclass(frozen=True)
class Profile:
    """An agency profile read, normalised and validated once."""

    located: Located
    model: AgencyProfile | None
    issues: tuple[Issue, ...]


_PROFILES: dict[tuple, Profile] = {}


def read_profile(path: Path) -> Profile:
    """The agency profile at ``path``, read once per content (the same profile serves every form
    of a batch, the register settings and ``vanban lists``)."""
    path = Path(path).resolve()
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = (str(path), None, None)
    cached = _PROFILES.get(key)
    if cached is not None:
        return cached
    located, issues = normalise(load_form(path))
    try:
        model = AgencyProfile.model_validate(located.data)
    except ValidationError as exc:
        model = None
        issues.extend(issues_from(exc, located, AgencyProfile))
    profile = Profile(located, model, tuple(issues))
    if len(_PROFILES) > 32:
        _PROFILES.clear()
    _PROFILES[key] = profile
    return profile


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
    try:
        read = read_profile(profile_path)
    except InputError as exc:  # a device, a FIFO, a huge or broken file named as the profile
        issues.append(Issue(exc.code, "co_quan", form.origin_of(("co_quan",)), name, dict(exc.params)))
        _expand_recipients(form, {}, issues)
        return form
    issues.extend(read.issues)
    profile = read.located
    # A broken profile still gives its readable facts, so that one bad key is one error (its
    # own), not a missing-field error for every fact the form expected from it.
    wanted = set(PROFILE_FACTS) | {key for key in KIND_PROFILE_FACTS if key in fields}
    facts = Located(
        {key: copy.deepcopy(profile.data[key]) for key in wanted if key in profile.data},
        {key: origin for key, origin in profile.origins.items() if key and key[0] in wanted},
        profile.path,
    )
    merged = merge(facts, form)
    merged.profile = profile_path
    lists = profile.data.get("noi_nhan") if read.model is not None else None
    _expand_recipients(merged, lists if isinstance(lists, dict) else {}, issues)
    signer = form.data.get("nguoi_ky")
    if isinstance(signer, str):
        signers = profile.data.get("nguoi_ky") or {}
        signers = signers if isinstance(signers, dict) else {}
        if signer in signers:
            merged.data["nguoi_ky"] = copy.deepcopy(signers[signer])
            merged.origins.update(_reroot(profile.origins, ("nguoi_ky", signer), ("nguoi_ky",)))
        else:
            issues.append(Issue("signer_unknown", "nguoi_ky", form.origin_of(("nguoi_ky",)), signer,
                                {"allowed": ", ".join(signers) or "-"}))
    return merged


def read(path: str | Path, loaders: Loaders | None = None, text: str | None = None,
         data: Located | None = None) -> tuple[KindSpec, Located, list[Issue]]:
    """Read a form, normalise it and merge its profile; no model validation yet. A kind's
    ``prepare`` step gets ``loaders`` (by default: other forms only). ``text``: the form's content
    when it is not read from ``path`` (see :func:`~generator.sources.load_form`); ``data``: the
    form already read as plain data (see :func:`~generator.sources.load_data`)."""
    raw = data if data is not None else load_form(path, text)
    located, issues = normalise(raw)
    kind = located.data.get("loai")
    allowed = ", ".join(KINDS)
    if kind is None:
        raise ValidationFailed([Issue("kind_missing", "loai", located.origin_of(()), None,
                                      {"allowed": allowed})])
    spec = KINDS.get(str(kind))
    if spec is None:
        suggestion = closest(str(kind), KINDS)
        raise ValidationFailed([Issue("kind_unknown", "loai", located.origin_of(("loai",)), kind,
                                      {"allowed": allowed, "suggestion": suggestion})])
    located = _with_profile(located, issues, frozenset(spec.model.model_fields))
    if spec.prepare is not None:
        located = spec.prepare(located, issues, loaders or default_loaders())
    return spec, located, issues


def validate(spec: KindSpec, located: Located, issues: list[Issue], *, mode: str = "draft",
             numbered_by_register: bool = False) -> DocumentForm | None:
    """Validate located data as ``spec``'s model; problems are appended to ``issues``.

    ``numbered_by_register``: a final document may come without its number, which the register
    of outgoing documents will give it."""
    try:
        model = spec.model.model_validate(located.data, context={
            "mode": mode, "register": numbered_by_register,
            "base": located.path.parent if located.path else None})
    except ValidationError as exc:
        # A field already reported while merging (e.g. an unknown signer) is not reported twice.
        reported = {i.field for i in issues if i.is_error}
        if any(i.is_error and i.field == "co_quan" for i in issues):  # no profile: one error, its own
            reported.update(PROFILE_FACTS)
        reported.update(i.params["suggestion"] for i in issues  # a misspelt profile key: one error
                        if i.code == "extra_forbidden" and i.params.get("suggestion") and "." not in i.field)
        profile = str(located.profile) if located.profile else None
        issues.extend(i for i in issues_from(exc, located, spec.model) if i.field not in reported
                      and not (profile and i.origin is not None and i.origin.file == profile))
        return None
    issues.extend(common_warnings(model, located))
    if spec.warnings is not None:
        issues.extend(spec.warnings(model, located))
    return model


def common_warnings(model, located: Located) -> list[Issue]:
    """Warnings every kind shares: a number kept as typed, an unusual signature chain."""
    warnings = []
    typed = getattr(model, "_so_typed", None)
    if typed is not None:
        warnings.append(Issue("so_kept_as_typed", "so", located.origin_of(("so",)), typed,
                              {"value": typed, "expected": format_number(int(typed))}, severity="warning"))
    signer = getattr(model, "nguoi_ky", None)
    if signer is not None:
        for problem in signer.warnings():
            warnings.append(Issue(problem.code, "nguoi_ky.chuc_vu",
                                  located.origin_of(("nguoi_ky", "chuc_vu")) or located.origin_of(("nguoi_ky",)),
                                  None, {**problem.params, "line": problem.index + 1}, severity="warning"))
    return warnings


def load(path: str | Path, *, mode: str = "draft", numbered_by_register: bool = False,
         loaders: Loaders | None = None, text: str | None = None, data: Located | None = None) -> LoadedForm:
    """Read and validate a form; raise :class:`ValidationFailed` with every issue found."""
    spec, located, issues = read(path, loaders, text, data)
    model = validate(spec, located, issues, mode=mode, numbered_by_register=numbered_by_register)
    if model is None or any(i.is_error for i in issues):
        raise ValidationFailed(issues)
    return LoadedForm(spec, model, located, [i for i in issues if not i.is_error], mode)


def load_profile(path: str | Path) -> AgencyProfile:
    """Read and validate an agency profile on its own (``vanban lists``)."""
    profile = read_profile(Path(path))
    if profile.model is None:
        raise ValidationFailed(list(profile.issues))
    return profile.model


def register_settings(located: Located):
    """The register of outgoing documents for a form: from its agency profile (``so_van_ban``),
    by default ``so-van-ban.sqlite3`` beside the profile (or beside the form without one)."""
    from .register import RegisterSettings

    if located.profile is not None:
        return RegisterSettings.from_profile(read_profile(located.profile).located.data, located.profile)
    return RegisterSettings.from_profile({}, located.path)
