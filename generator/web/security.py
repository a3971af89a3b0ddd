"""The web app's guard, one ASGI layer in front of every route.

* Host: only the names the server was started for (stops DNS rebinding against a local server).
* Token: when the server listens beyond loopback (``--host``), every request needs the token
  printed at start: ``?token=`` once (it is then kept in an HttpOnly, SameSite=Strict cookie), the
  cookie, or ``Authorization: Bearer`` (other systems calling the API).
* CSRF: a POST needs the per-server secret in ``X-CSRF-Token`` (the pages send it; an API client
  reads it from ``GET /api/session``) or a valid bearer token — a cross-site form can send neither;
  and an ``Origin`` header, when present, must be this server.
* Size: request bodies are capped (a form 2 MiB, an upload 20 MiB) while they are read.
* Headers: a strict Content-Security-Policy (scripts and styles from the app only), no sniffing,
  no framing, no referrer.
"""

from __future__ import annotations

import hmac
import json
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

FORM_LIMIT = 2 * 1024 * 1024 + 64 * 1024  # a form (sources.MAX_FORM_BYTES) and its JSON envelope
UPLOAD_LIMIT = 20 * 1024 * 1024  # an awardee workbook or a .docx to lint
UPLOAD_PATHS = ("/api/upload", "/api/lint")
TOKEN_COOKIE = "vanban_token"
LOOPBACK = ("127.0.0.1", "localhost", "::1")

HEADERS = [
    (b"content-security-policy", (b"default-src 'self'; img-src 'self' data: blob:; style-src 'self'; "
                                  b"script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
                                  b"form-action 'self'")),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


def is_loopback(host: str) -> bool:
    return host.strip("[]") in LOOPBACK or host.startswith("127.")


class Guard:
    def __init__(self, app, *, csrf: str, token: str | None, hosts: set[str], messages) -> None:
        self.app = app
        self.csrf = csrf
        self.token = token
        self.hosts = {h.lower() for h in hosts}
        self.messages = messages  # code -> text in the server's language

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        hostname = urlsplit(f"//{host}").hostname or ""
        if hostname.lower() not in self.hosts:
            return await _refuse(send, 421, self.messages("web_host_refused", host=host[:80]))
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        set_cookie = None
        bearer = headers.get("authorization", "")
        bearer_ok = bool(self.token) and bearer.startswith("Bearer ") and _same(bearer[7:], self.token)
        if self.token:
            cookie = SimpleCookie()
            try:
                cookie.load(headers.get("cookie", ""))
            except Exception:  # noqa: BLE001 - a malformed cookie header is simply no cookie
                cookie = SimpleCookie()
            cookie_ok = TOKEN_COOKIE in cookie and _same(cookie[TOKEN_COOKIE].value, self.token)
            query_ok = scope["method"] == "GET" and _same((query.get("token") or [""])[0], self.token)
            if not (bearer_ok or cookie_ok or query_ok):
                return await _refuse(send, 401, self.messages("web_token_required"))
            if query_ok and not cookie_ok:
                set_cookie = f"{TOKEN_COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode()
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get("origin")
            if origin and origin != "null" and (urlsplit(origin).netloc or "").lower() != host.lower():
                return await _refuse(send, 403, self.messages("web_csrf_refused"))
            if not (bearer_ok or _same(headers.get("x-csrf-token", ""), self.csrf)):
                return await _refuse(send, 403, self.messages("web_csrf_refused"))
        limit = UPLOAD_LIMIT if scope["path"].startswith(UPLOAD_PATHS) else FORM_LIMIT
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            return await _refuse(send, 413, self.messages("web_too_large", limit=limit // (1024 * 1024)))
        received = 0

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        started = False

        async def guarded_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                extra = list(HEADERS)
                if set_cookie:
                    extra.append((b"set-cookie", set_cookie))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except _TooLarge:
            if not started:
                await _refuse(send, 413, self.messages("web_too_large", limit=limit // (1024 * 1024)))


class _TooLarge(Exception):
    pass


def _same(given: str, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


async def _refuse(send, status: int, message: str) -> None:
    body = json.dumps({"ok": False, "issues": [{"code": "refused", "severity": "error", "field": "",
                                                 "message": message, "text": message}]},
                      ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": body})
