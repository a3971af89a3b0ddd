"""A warm LibreOffice, driven through UNO: run as a script by the Python that has ``uno``.

    <python-with-uno> uno_bridge.py SOFFICE PROFILE_URL PIPE_NAME

This file is NOT imported by ``generator``: the project's interpreter usually cannot import
``uno`` (Debian's python3-uno belongs to the system Python). :mod:`generator.pdf` starts it in a
process group of its own and speaks JSON lines with it:

- it starts ``soffice --headless --accept=pipe,…`` with the given throw-away profile, connects,
  and writes ``{"event": "ready"}`` (or ``{"event": "unavailable", "reason": …}`` when ``uno``
  cannot be imported, ``{"event": "failed", "reason": …}`` when LibreOffice does not come up);
- then for each request line ``{"id": N, "in": DOCX, "out": PDF, "filter": FILTER_DATA}`` it loads
  the document hidden and read-only, stores it with ``writer_pdf_Export`` and that filter data
  (the typed dict of ``generator.pdf.filter_options``), closes it and answers
  ``{"id": N, "ok": true}`` or ``{"id": N, "ok": false, "error": …, "dead": bool}``; ``dead``
  says LibreOffice is gone and the bridge is exiting;
- at the end of its input (or ``{"op": "quit"}``) it terminates LibreOffice and exits.

Only the standard library and ``uno`` are used here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

CONNECT_TIMEOUT = 120.0  # seconds for LibreOffice to accept the connection (a loaded machine)


def _channel():
    """The JSON channel: the original stdout; fd 1 then points at stderr so that nothing else
    (a library's print, LibreOffice's messages) can corrupt it."""
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    return channel


def _say(channel, **message) -> None:
    channel.write(json.dumps(message, ensure_ascii=False) + "\n")
    channel.flush()


def _typed(uno, item: dict):
    kind, value = item.get("type"), item.get("value")
    if kind == "long":
        return int(value)
    if kind == "boolean":
        return str(value).lower() == "true"
    return str(value)


def _prop(name, value):
    from com.sun.star.beans import PropertyValue  # after uno is imported

    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def main(argv: list[str]) -> int:
    channel = _channel()
    try:
        import uno
        from com.sun.star.connection import NoConnectException
    except ImportError as exc:
        _say(channel, event="unavailable", reason=str(exc))
        return 3
    soffice, profile_url, pipe = argv[1:4]
    accept = f"pipe,name={pipe};urp;StarOffice.ComponentContext"
    office = subprocess.Popen(
        [soffice, f"-env:UserInstallation={profile_url}", "--headless", "--invisible", "--nologo",
         "--nodefault", "--nolockcheck", "--norestore", "--nofirststartwizard", f"--accept={accept}"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sys.stderr)
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + CONNECT_TIMEOUT
        while True:
            try:
                context = resolver.resolve(f"uno:{accept}")
                break
            except NoConnectException:
                if office.poll() is not None:
                    _say(channel, event="failed", reason=f"LibreOffice exited with {office.returncode}")
                    return 4
                if time.monotonic() > deadline:
                    _say(channel, event="failed", reason="LibreOffice did not accept a connection")
                    return 4
                time.sleep(0.05)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        _say(channel, event="ready", pid=office.pid)
        for line in sys.stdin:
            if not line.strip():
                continue
            request = json.loads(line)
            if request.get("op") == "quit":
                break
            reply = _convert(uno, desktop, request)
            if not reply["ok"] and not _alive(office, desktop):
                reply["dead"] = True
                _say(channel, **reply)
                desktop = None
                return 5
            _say(channel, **reply)
        return 0
    finally:
        _stop(office, desktop)


def _convert(uno, desktop, request: dict) -> dict:
    document = None
    try:
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(request["in"]), "_blank", 0,
            (_prop("Hidden", True), _prop("ReadOnly", True)))
        if document is None:
            return {"id": request["id"], "ok": False, "error": "source file could not be loaded"}
        data = tuple(_prop(name, _typed(uno, item)) for name, item in request["filter"].items())
        document.storeToURL(uno.systemPathToFileUrl(request["out"]), (
            _prop("FilterName", "writer_pdf_Export"),
            _prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", data))))
        return {"id": request["id"], "ok": True}
    except Exception as exc:  # noqa: BLE001 — every UNO failure is reported for this document
        message = getattr(exc, "Message", "") or str(exc) or type(exc).__name__
        return {"id": request["id"], "ok": False, "error": message.strip().splitlines()[0] if message.strip() else type(exc).__name__}
    finally:
        if document is not None:
            try:
                document.close(True)
            except Exception:  # noqa: BLE001 — a closing failure must not hide the result
                try:
                    document.dispose()
                except Exception:  # noqa: BLE001, S110
                    pass


def _alive(office: subprocess.Popen, desktop) -> bool:
    if office.poll() is not None:
        return False
    try:
        desktop.getCurrentFrame()
        return True
    except Exception:  # noqa: BLE001 — a dead bridge raises DisposedException or RuntimeException
        return False


def _stop(office: subprocess.Popen, desktop) -> None:
    if desktop is not None and office.poll() is None:
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001, S110 — terminate() often loses its own connection
            pass
    try:
        office.wait(timeout=10)
    except subprocess.TimeoutExpired:
        office.kill()
        office.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
