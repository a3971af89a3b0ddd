"""``vanban web``: the clerk's desk, a local FastAPI app over the pipeline the CLI uses.

Pages (``/``, ``/batch``, ``/register``, ``/lint``) are Jinja templates with one script and one
stylesheet served from ``generator/web/static`` (no CDN: offices are often offline). The API
(``/api/...``, described at ``/openapi.json`` and ``/docs``) is what the pages call and what other
systems may call. Every route goes through :class:`~generator.web.security.Guard`.
"""

from __future__ import annotations

import datetime as _dt
import json
import secrets
import tempfile
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..errors import InputError, OutputError, ValidationFailed, VanbanError
from ..kinds import KINDS
from ..messages import text
from . import service
from .jobs import Jobs
from .preview import PreviewCache
from .security import Guard, is_loopback
from .workspace import Workspace

HERE = Path(__file__).parent
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain")
STATUS = {InputError: 400, ValidationFailed: 422, OutputError: 409}
PAGES = ("desk", "batch", "register", "lint")


@asynccontextmanager
async def _lifespan(app: FastAPI):
    """The warm LibreOffice of the previews stops with the app (and at exit, if it never stops)."""
    yield
    from .preview import shutdown

    shutdown()


def create_app(root: Path, *, lang: str = "vi", host: str = "127.0.0.1", token: str | None = None,
               csrf: str | None = None) -> FastAPI:
    """The app serving the working folder ``root``; a ``token`` is required when ``host`` is not
    loopback (``cli.py`` makes one)."""
    if not is_loopback(host) and not token:
        raise ValueError("a token is required when the server is not bound to loopback")
    workspace = Workspace.at(root)
    csrf = csrf or secrets.token_urlsafe(32)
    previews = PreviewCache()
    jobs = Jobs()
    app = FastAPI(title="vanban", summary=text("web_api_summary", lang), version="1",
                  docs_url="/docs", redoc_url=None, lifespan=_lifespan)
    app.state.workspace, app.state.previews, app.state.jobs = workspace, previews, jobs
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))

    def say(code: str, **params: Any) -> str:
        return text(code, lang, **params)

    def failure(error: VanbanError) -> JSONResponse:
        status = next((code for cls, code in STATUS.items() if isinstance(error, cls)), 422)
        return JSONResponse({"ok": False, "issues": issues_of(service.error_json(error, lang))}, status_code=status)

    def issues_of(items: list[dict]) -> list[dict]:
        """Issues naming files as the browser does (``ke-hoach.yaml:4``), not by server paths."""
        for item in items:
            for key in ("file", "where", "text", "message"):
                if isinstance(item.get(key), str):
                    item[key] = workspace.shorten(item[key])
        return items

    async def payload(request: Request, *, as_data: bool = False, **defaults: Any) -> service.FormText | service.FormData:
        body = await request.body()
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        name = request.query_params.get("name") or defaults.get("name")
        try:
            decoded = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError("file_not_utf8", path=name or "form", position=exc.start) from exc
        if kind in YAML_TYPES:
            return service.form_text(None, raw=decoded, name=name or "form.yaml")
        try:
            data = json.loads(decoded)
        except ValueError as exc:
            raise InputError("json_syntax", path=name or "form.json", line=getattr(exc, "lineno", 1),
                             reason=getattr(exc, "msg", str(exc))) from exc
        if as_data and (edited := service.form_data(data, name=name)) is not None:
            return edited  # checked as the browser holds it: no YAML written per keystroke
        return service.form_text(data, name=name)

    def mode_of(request: Request) -> str:
        return "final" if request.query_params.get("mode") == "final" else "draft"

    # --------------------------------------------------------------------------- pages
    def page(name: str) -> HTMLResponse:
        template = env.get_template(f"{name}.html")
        ui = {key[7:]: say(key) for key in _ui_codes()}
        body = template.render(t=say, lang=lang, csrf=csrf, page=name, ui=ui, pages=PAGES,
                               kinds=[(k, s.model.TEN_LOAI) for k, s in KINDS.items()])
        return HTMLResponse(body)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def desk_page() -> HTMLResponse:
        return page("desk")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/batch", response_class=HTMLResponse, include_in_schema=False)
    def batch_page() -> HTMLResponse:
        return page("batch")

    @app.get("/register", response_class=HTMLResponse, include_in_schema=False)
    def register_page() -> HTMLResponse:
        return page("register")

    @app.get("/lint", response_class=HTMLResponse, include_in_schema=False)
    def lint_page() -> HTMLResponse:
        return page("lint")

    # --------------------------------------------------------------------------- forms API
    @app.get("/api/session", summary="CSRF secret and language for API clients")
    def session() -> dict:
        return {"csrf": csrf, "lang": lang}

    @app.get("/api/kinds", summary="The document kinds")
    def kinds() -> list[dict]:
        return [{"kind": k, "name": s.model.TEN_LOAI, "description": s.description, "starter": s.starter}
                for k, s in KINDS.items()]

    @app.get("/api/schema/{kind}", summary="A kind's JSON Schema with Vietnamese titles and help")
    def schema(kind: str, request: Request) -> Response:
        from ..labels import kind_schema

        if kind not in KINDS:
            return JSONResponse({"ok": False, "issues": service.error_json(
                InputError("kind_unknown", value=kind, allowed=", ".join(KINDS)), lang)}, status_code=404)
        language = request.query_params.get("lang") or lang
        return JSONResponse(kind_schema(KINDS[kind].model, "en" if language == "en" else "vi"))

    @app.post("/api/check", summary="Check a form (JSON or YAML); located issues as JSON")
    async def check(request: Request) -> Response:
        try:
            form = await payload(request, as_data=True)
            loaded = service.check(workspace, form, mode=mode_of(request))
        except VanbanError as exc:
            return failure(exc)
        return JSONResponse({"ok": True, "kind": loaded.spec.kind,
                             "issues": issues_of([service.issue_json(i, lang) for i in loaded.warnings])})

    @app.post("/api/render", summary="Render a form: the .docx (or ?pdf=1 the PDF), or located issues",
              responses={200: {"content": {service.DOCX_TYPE: {}, "application/pdf": {}}}})
    async def render(request: Request) -> Response:
        mode = mode_of(request)
        try:
            form = await payload(request)
            docx, loaded = service.render(workspace, form, mode=mode)
            if request.query_params.get("pdf") in ("1", "true"):
                from ..pdf import require_soffice
                from .preview import docx_to_pdf

                require_soffice()
                return _download(docx_to_pdf(docx), "application/pdf",
                                 service.download_name(form.name, mode, ".pdf", loaded.model))
        except VanbanError as exc:
            return failure(exc)
        return _download(docx, service.DOCX_TYPE, service.download_name(form.name, mode, model=loaded.model))

    @app.post("/api/preview", summary="Pages of the rendered form as images (or plain HTML)")
    async def preview(request: Request) -> Response:
        try:
            form = await payload(request)
            docx, _ = service.render(workspace, form, mode=mode_of(request))
        except VanbanError as exc:
            return failure(exc)
        try:
            made = previews.preview(docx, pages=request.query_params.get("plain") != "1")
        except VanbanError as exc:
            return failure(exc)
        return JSONResponse({"ok": True, "digest": made.digest, "html": made.html,
                             "pages": [f"/api/preview/{made.digest}/{n}.png" for n in range(1, len(made.pages) + 1)]})

    @app.get("/api/preview/{digest}/{number}.png", summary="One preview page")
    def preview_page(digest: str, number: int) -> Response:
        made = previews.get(digest)
        if made is None or not 1 <= number <= len(made.pages):
            return JSONResponse({"ok": False}, status_code=404)
        return Response(made.pages[number - 1], media_type="image/png")

    @app.get("/api/forms", summary="Forms of the working folder and the bundled samples")
    def forms() -> list[dict]:
        return workspace.forms()

    @app.get("/api/form", summary="Open a form: its YAML text and plain data")
    def open_form(name: str) -> Response:
        from ..sources import read_text
        from .roundtrip import read_text_data

        try:
            path = workspace.path(name)
            with workspace.confined():
                content = read_text(path)
            data = read_text_data(content, name)
        except VanbanError as exc:
            return failure(exc)
        form = service.FormText(name, content)
        return JSONResponse({"ok": True, "name": name, "yaml": content, "data": data,
                             "kind": data.get("loai") if isinstance(data, dict) else None,
                             "sample": name.startswith("samples:"), "profile": service.profile_of(workspace, form)})

    @app.get("/api/starter/{kind}", summary="A new form from the kind's starter (as `vanban new`), or empty")
    def starter(kind: str, empty: int = 0) -> Response:
        from ..resources import starters_dir
        from .roundtrip import read_text_data

        if kind not in KINDS:
            return JSONResponse({"ok": False}, status_code=404)
        if empty:  # only the kind, and the folder's agency profile when there is one
            profile = "co_quan: co-quan.yaml\n" if (workspace.root / "co-quan.yaml").is_file() else ""
            content = f"loai: {kind}\n{profile}"
        else:
            content = (starters_dir() / KINDS[kind].starter).read_text(encoding="utf-8")
        name = _free_name(workspace, f"{kind}.yaml")
        form = service.FormText(name, content)
        return JSONResponse({"ok": True, "name": name, "yaml": content, "data": read_text_data(content),
                             "kind": kind, "sample": False, "profile": service.profile_of(workspace, form)})

    @app.post("/api/profile", summary="Signers and named lists of the profile a form names")
    async def profile(request: Request) -> Response:
        try:
            form = await payload(request)
        except VanbanError as exc:
            return failure(exc)
        return JSONResponse(service.profile_of(workspace, form))

    @app.post("/api/save", summary="Save a form into the working folder (comments and key order kept)")
    async def save(request: Request) -> Response:
        from ..packaging import atomic_write
        from ..sources import read_text

        try:
            body = json.loads(await request.body())
            if not isinstance(body, dict):
                raise InputError("web_payload_invalid")
            form = service.form_text(body)
            target = workspace.path(form.name, write=True)
            if target.suffix.lower() not in (".yaml", ".yml"):
                raise InputError("web_name_invalid", path=form.name)
            force = body.get("force") is True
            if target.exists() and not force:
                with workspace.confined():
                    current = read_text(target)
                if current != body.get("base"):  # a new form over an old file, or changed on disk
                    raise OutputError("output_exists", path=form.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, form.text.encode("utf-8"), force=True)
        except ValueError as exc:
            return failure(InputError("json_syntax", path="body", line=1, reason=str(exc)))
        except VanbanError as exc:
            return failure(exc)
        return JSONResponse({"ok": True, "name": form.name, "yaml": form.text,
                             "message": say("web_saved", path=form.name)})

    @app.post("/api/issue", summary="Issue the final document: a number from the register, the file written")
    async def issue(request: Request) -> Response:
        from .. import pipeline
        from ..forms import register_settings
        from ..register import observe

        try:
            body = json.loads(await request.body())
            name = body.get("name") if isinstance(body, dict) else None
            path = workspace.path(name, write=True)
            output = path.parent / "out"
            with workspace.confined():
                loaded = pipeline.check(path, mode="final", use_register=True)
                settings = register_settings(loaded.located)
                if settings.url is None and not workspace.contains(settings.path):  # a server is not a file
                    raise OutputError("web_register_outside", path=str(settings.path))
                if register_missing(settings):  # the page offers to create it (POST /api/register/init)
                    where = register_label(workspace, settings)
                    missing = OutputError("web_register_missing", path=where)
                    return JSONResponse({"ok": False, "register_missing": where,
                                         "issues": issues_of(service.error_json(missing, lang))}, status_code=409)
                with observe() as seen:
                    report = pipeline.generate(path, output, mode="final", force=body.get("force") is True,
                                               use_register=True)
        except ValueError as exc:
            return failure(InputError("json_syntax", path="body", line=1, reason=str(exc)))
        except VanbanError as exc:
            return failure(exc)
        numbers = [entry.ky_hieu_full for entry, _ in seen.issued]
        written = [workspace.name_of(p) for p in report.written]
        return JSONResponse({"ok": True, "numbers": numbers, "files": written,
                             "issues": issues_of([service.issue_json(i, lang) for i in report.warnings]),
                             "message": say("web_issued", number=", ".join(numbers) or "-", path=", ".join(written))})

    @app.get("/api/file", summary="Download a file of the working folder (?pdf=1: as PDF)")
    def download(name: str, pdf: int = 0) -> Response:
        try:
            path = workspace.path(name)
            if path.name.startswith(".") or not path.is_file():
                raise InputError("file_not_found", path=name)
            if path.suffix.lower() not in (".docx", ".pdf", ".xlsx", ".csv", ".yaml", ".yml"):
                raise InputError("web_name_invalid", path=name)
            data = path.read_bytes()
            if pdf and path.suffix.lower() == ".docx":
                from ..pdf import check_input, require_soffice
                from .preview import docx_to_pdf

                require_soffice()
                check_input(path)
                return _download(docx_to_pdf(data), "application/pdf", path.with_suffix(".pdf").name)
        except VanbanError as exc:
            return failure(exc)
        return _download(data, _media(path), path.name)

    @app.get("/api/files", summary="Files of the working folder by suffix")
    def files(suffix: str = ".xlsx", samples: int = 0) -> list[str]:
        allowed = {".xlsx", ".csv", ".docx", ".pdf", ".yaml"}
        return workspace.files(tuple(s for s in suffix.split(",") if s in allowed), samples=bool(samples))

    # --------------------------------------------------------------------------- uploads, batch
    @app.post("/api/upload", summary="Upload a workbook into the working folder")
    async def upload(request: Request, name: str, force: int = 0) -> Response:
        from ..packaging import atomic_write

        try:
            target = workspace.path(name, write=True)
            if target.suffix.lower() not in (".xlsx", ".csv"):
                raise InputError("web_name_invalid", path=name)
            atomic_write(target, await request.body(), force=bool(force))
        except VanbanError as exc:
            return failure(exc)
        return JSONResponse({"ok": True, "name": workspace.name_of(target)})

    @app.get("/api/starter-workbook", summary="The awardee workbook to fill (as `vanban new --xlsx`)")
    def starter_workbook() -> Response:
        from ..bonus import DEFAULT_BONUS_CONFIG
        from ..starter_workbook import write_starter_workbook

        with tempfile.TemporaryDirectory() as tmp:
            data = write_starter_workbook(Path(tmp) / "danh-sach.xlsx", DEFAULT_BONUS_CONFIG).read_bytes()
        return _download(data, _media(Path("x.xlsx")), "danh-sach-khen-thuong.xlsx")

    @app.post("/api/batch", summary="Plan and start a commendation batch; row problems as Sheet!D7")
    async def batch(request: Request) -> Response:
        from .. import batch as batch_mod
        from .. import pipeline

        try:
            body = json.loads(await request.body())
            if not isinstance(body, dict):
                raise InputError("web_payload_invalid")
            sheet = workspace.path(str(body.get("sheet") or ""))
            form = workspace.path(str(body.get("form") or ""))
            output = workspace.path(str(body.get("output") or "out/khen-thuong"), write=True)
            group_by = str(body.get("group_by") or "") or None
            per_row = body.get("per_row") is True and not group_by
            options = batch_mod.Options(
                group_by=group_by, per_row=per_row,
                merge=output / "in-an.docx" if body.get("merge", True) else None,
                certificates=body.get("certificates", True) is True, jobs=1, force=body.get("force") is True)
            with workspace.confined():
                plan = pipeline.plan_batch(sheet, form, output, options)
        except ValueError as exc:
            return failure(InputError("json_syntax", path="body", line=1, reason=str(exc)))
        except VanbanError as exc:
            return failure(exc)
        job = jobs.start(plan, workspace, workspace.name_of)
        return JSONResponse({"ok": True, "job": job.id, "total": job.total})

    def progress_of(job) -> dict:
        with job.changed:
            issues = issues_of(service.error_json(job.error, lang)) if job.error else []
            return {"ok": job.state != "failed", "state": job.state, "done": job.done, "total": job.total,
                    "written": list(job.written), "issues": issues, "summary": job.summary,
                    "version": job.version}

    @app.get("/api/batch/{job_id}", summary="Progress of a batch (polled; see also /events)")
    def batch_progress(job_id: str) -> Response:
        job = jobs.get(job_id)
        if job is None:
            return JSONResponse({"ok": False}, status_code=404)
        return JSONResponse(progress_of(job))

    @app.get("/api/batch/{job_id}/events", summary="Progress of a batch pushed as server-sent events",
             responses={200: {"content": {"text/event-stream": {}}}})
    async def batch_events(job_id: str) -> Response:
        import asyncio

        from fastapi.responses import StreamingResponse

        job = jobs.get(job_id)
        if job is None:
            return JSONResponse({"ok": False}, status_code=404)

        async def events():
            # One ``progress`` event per change (each carries the whole state), then one ``done``
            # or ``failed`` event and the end of the stream; a comment every 15 s keeps it open.
            seen = -1
            while True:
                state = progress_of(job)
                if state["version"] != seen:
                    seen = state["version"]
                    name = "progress" if state["state"] == "running" else state["state"]
                    yield f"event: {name}\ndata: {json.dumps(state, ensure_ascii=False)}\n\n"
                    if name != "progress":
                        return
                if await asyncio.to_thread(job.wait, seen, 15.0) == seen:
                    yield ": still running\n\n"

        return StreamingResponse(events(), media_type="text/event-stream", headers={"x-accel-buffering": "no"})

    # --------------------------------------------------------------------------- lint
    @app.post("/api/lint", summary="Lint an uploaded .docx against ND30; findings with the paragraph quoted")
    async def lint(request: Request, name: str = "van-ban.docx") -> Response:
        from ..lint import LintReadError, lint_file

        data = await request.body()
        with tempfile.TemporaryDirectory(prefix="vanban-lint-") as tmp:
            path = Path(tmp) / "van-ban.docx"
            path.write_bytes(data)
            try:
                report = lint_file(path)
            except LintReadError as exc:
                return failure(exc)
        result = report.as_dict(lang)
        result["path"] = Path(name).name
        return JSONResponse({"ok": not report.has_errors, "report": result})

    # --------------------------------------------------------------------------- register
    def open_register():
        from ..register import Register

        settings = folder_register(workspace)
        if settings.url is not None:  # the office's PostgreSQL register (so_van_ban.url in co-quan.yaml)
            return _server_register(settings)
        path = settings.path
        if not path.exists():
            return None
        register = Register(path, create=False, recover=False)
        register.recover()
        return register

    @app.post("/api/register/init", summary="Create the register, as `vanban so init` does (the page asks first)")
    async def register_init(request: Request) -> Response:
        from ..register import Register

        try:
            raw = await request.body()
            body = json.loads(raw) if raw.strip() else {}
            if not isinstance(body, dict):
                raise InputError("web_payload_invalid")
            form = body.get("form")
            settings = form_register(workspace, str(form)) if form else folder_register(workspace)
            if settings.url is None and not workspace.contains(settings.path):
                raise OutputError("web_register_outside", path=str(settings.path))
            with Register.init(settings.location, settings) as register:
                created, count = register.created, len(register.list())
        except ValueError as exc:
            return failure(InputError("json_syntax", path="body", line=1, reason=str(exc)))
        except VanbanError as exc:
            return failure(exc)
        where = register_label(workspace, settings)
        message = say("register_created", path=where) if created else say("register_exists", path=where, count=count)
        return JSONResponse({"ok": True, "created": created, "path": where, "message": message})

    @app.get("/api/register", summary="The register of outgoing documents (search, year)")
    def register_list(q: str = "", year: int | None = None) -> Response:
        try:
            register = open_register()
            if register is None:
                return JSONResponse({"ok": True, "entries": [], "years": [], "exists": False,
                                     "path": register_label(workspace, folder_register(workspace))})
            with register:
                entries = register.list(year)
                years = register.years()
        except VanbanError as exc:
            return failure(exc)
        needle = q.casefold().strip()
        rows = [{"number": e.ky_hieu_full, "n": e.number, "year": e.year, "series": e.series, "date": e.date_text,
                 "status": e.status, "status_text": say(f"register_status_{e.status}"), "title": e.trich_yeu,
                 "signer": e.signer, "file": _inside_name(workspace, e.path), "reason": e.reason or ""}
                for e in entries]
        if needle:
            rows = [r for r in rows if needle in " ".join(str(v) for v in r.values()).casefold()]
        return JSONResponse({"ok": True, "entries": rows, "years": years, "exists": True,
                             "path": register_label(workspace, folder_register(workspace))})

    @app.post("/api/register/void", summary="Void a number (with a reason; never reused)")
    async def register_void(request: Request) -> Response:
        try:
            body = json.loads(await request.body())
            if not isinstance(body, dict) or not str(body.get("reason") or "").strip():
                raise InputError("web_reason_required")
            register = open_register()
            if register is None:
                raise InputError("file_not_found", path=str(register_path(workspace).name))
            with register:
                entry = register.void(str(body.get("number")), str(body["reason"]).strip(),
                                      int(body["year"]) if body.get("year") else None,
                                      str(body.get("series")) if body.get("series") else None, user="vanban-web")
        except (ValueError, TypeError) as exc:
            return failure(InputError("json_syntax", path="body", line=1, reason=str(exc)))
        except VanbanError as exc:
            return failure(exc)
        return JSONResponse({"ok": True, "message": say("register_voided", so_ky_hieu=entry.ky_hieu_full,
                                                        year=entry.year, reason=entry.reason)})

    @app.get("/api/register/export", summary="The register as .xlsx (Phụ lục IV) or .csv")
    def register_export(year: int | None = None, format: str = "xlsx") -> Response:
        try:
            register = open_register()
            if register is None:
                raise InputError("file_not_found", path=str(register_path(workspace).name))
            suffix = ".csv" if format == "csv" else ".xlsx"
            with register, tempfile.TemporaryDirectory() as tmp:
                years = register.years()
                year = year or (years[-1] if years else _dt.date.today().year)
                target = Path(tmp) / f"so-van-ban-{year}{suffix}"
                if suffix == ".csv":
                    register.export_csv(target, year)
                else:
                    register.export_xlsx(target, year)
                data = target.read_bytes()
        except VanbanError as exc:
            return failure(exc)
        return _download(data, _media(target), target.name)

    guarded = Guard(app, csrf=csrf, token=token, hosts=_hosts(host), messages=say)
    guarded.state = app.state  # tests reach the app's state through the guard
    guarded.fastapi = app
    return guarded


def register_path(workspace: Workspace) -> Path:
    """The register the web app shows: the one of the working folder's profile (``co-quan.yaml``),
    else ``so-van-ban.sqlite3`` in the working folder."""
    return folder_register(workspace).path


def register_label(workspace: Workspace, settings) -> str:
    """How the page names a register: the file's name in the folder, or the server's URL without
    its password."""
    from ..register.location import mask_url

    return mask_url(settings.url) if settings.url is not None else workspace.name_of(settings.path)


def folder_register(workspace: Workspace):
    """The register settings of the working folder's profile (``co-quan.yaml``) when its register
    is a PostgreSQL server or a file inside the folder, else ``so-van-ban.sqlite3`` in the working
    folder."""
    from ..register import DEFAULT_FILE_NAME, RegisterSettings, settings_from_profile

    profile = workspace.root / "co-quan.yaml"
    if profile.is_file():
        try:
            with workspace.confined():
                settings = settings_from_profile(profile)
            if settings.url is not None or workspace.contains(settings.path):
                return settings
        except VanbanError:
            pass
    return RegisterSettings(workspace.root / DEFAULT_FILE_NAME)


def form_register(workspace: Workspace, name: str):
    """The register settings a form would take its number from (its agency profile's)."""
    from .. import forms

    with workspace.confined():
        _, located, _ = forms.read(workspace.path(name))
        return forms.register_settings(located)


def register_missing(settings) -> bool:
    """A register that is not there and that issuing would not create by itself: a file not there,
    or a PostgreSQL database without the register (``vanban so init`` not run on it yet)."""
    if not settings.enabled or settings.create:
        return False
    if settings.url is None:
        return not settings.path.exists()
    register = _server_register(settings)
    if register is None:
        return True
    register.close()
    return False


def _server_register(settings):
    """The PostgreSQL register of ``settings`` opened (one connection), or None when the database
    does not hold the register yet."""
    from ..errors import RegisterError
    from ..register import Register

    try:
        return Register.from_settings(settings, create=False)
    except RegisterError as exc:
        if exc.code == "register_not_initialised":
            return None
        raise


def _inside_name(workspace: Workspace, path: Path | None) -> str:
    if path is None or not workspace.contains(path):
        return ""
    return workspace.name_of(path)


def _free_name(workspace: Workspace, name: str) -> str:
    stem, suffix = name.rsplit(".", 1)
    candidate, n = name, 1
    while (workspace.root / candidate).exists():
        n += 1
        candidate = f"{stem}-{n}.{suffix}"
    return candidate


def _hosts(host: str) -> set[str]:
    return {"127.0.0.1", "localhost", "::1", host.strip("[]")}


def _media(path: Path) -> str:
    return {".docx": service.DOCX_TYPE, ".pdf": "application/pdf", ".csv": "text/csv; charset=utf-8",
            ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".yaml": "application/yaml", ".yml": "application/yaml"}.get(path.suffix.lower(),
                                                                         "application/octet-stream")


def _download(data: bytes, media: str, filename: str) -> Response:
    from urllib.parse import quote

    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return Response(data, media_type=media, headers={
        "content-disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"})


def _ui_codes() -> list[str]:
    from ..messages import MESSAGES

    return [code for code in MESSAGES if code.startswith("web_ui_")]
