"""Run the app with uvicorn: bind first (so ``--port 0`` and a busy port are known before the URL
is printed), print the URL — with the token when the server is reachable from other machines —
then serve until Ctrl+C."""

from __future__ import annotations

import secrets
import socket
from collections.abc import Callable
from pathlib import Path

from ..errors import OutputError
from ..messages import text
from .security import is_loopback


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise OutputError("web_bind_failed", host=host, port=port, reason=exc.strerror or str(exc)) from exc
    sock.listen(128)
    return sock


def url_of(host: str, port: int, token: str | None) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def serve(folder: Path, *, host: str, port: int, lang: str, open_browser: bool,
          say: Callable[[str], None]) -> None:
    import uvicorn

    from .app import create_app

    token = None if is_loopback(host) else secrets.token_urlsafe(24)
    app = create_app(Path(folder), lang=lang, host=host, token=token)
    sock = bind(host, port)
    url = url_of(host, sock.getsockname()[1], token)
    say(text("web_serving", lang, url=url, folder=Path(folder).resolve()))
    if token:
        say(text("web_token_note", lang))
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
