"""Key material for signing: a PKCS#12 file, or a PKCS#11 token (USB token, HSM, SoftHSM).

The password or PIN is given by the caller (``cli.py`` prompts for it or reads a file); it is
never taken from the command line.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import SignError


@dataclass(frozen=True)
class KeySource:
    """Where the signing key is: ``p12`` (a file) or ``pkcs11_lib`` (a token's module)."""

    p12: Path | None = None
    pkcs11_lib: Path | None = None
    token_label: str | None = None
    key_label: str | None = None
    cert_label: str | None = None
    slot: int | None = None

    @property
    def where(self) -> str:
        return str(self.p12 or self.pkcs11_lib or "?")


def subject_name(signer) -> str:
    """The certificate's common name (or the whole subject) of a pyHanko signer."""
    cert = signer.signing_cert
    if cert is None:
        return ""
    native = cert.subject.native
    return native.get("common_name") or cert.subject.human_friendly


@contextmanager
def open_signer(source: KeySource, secret: bytes | None) -> Iterator[object]:
    """A pyHanko signer for ``source``; a PKCS#11 session is closed on exit."""
    if source.p12 is not None:
        yield load_pkcs12(source.p12, secret)
        return
    if source.pkcs11_lib is not None:
        with _pkcs11_signer(source, secret) as signer:
            yield signer
        return
    raise SignError("sign_key_missing")


def load_pkcs12(path: Path, password: bytes | None):
    from pyhanko.sign.signers import SimpleSigner

    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise SignError("file_not_found", path=str(path)) from exc
    except OSError as exc:
        raise SignError("file_unreadable", path=str(path), reason=exc.strerror or str(exc)) from exc
    try:
        signer = SimpleSigner.load_pkcs12_data(data, other_certs=None, passphrase=password or None)
    except (ValueError, TypeError) as exc:
        raise SignError("sign_pkcs12_unreadable", path=str(path)) from exc
    if signer.signing_cert is None:
        raise SignError("sign_pkcs12_unreadable", path=str(path))
    return signer


@contextmanager
def _pkcs11_signer(source: KeySource, pin: bytes | None) -> Iterator[object]:
    lib = Path(source.pkcs11_lib)
    if not lib.is_file():
        raise SignError("sign_pkcs11_module_missing", path=str(lib))
    try:
        from pkcs11 import PKCS11Error
        from pyhanko.sign import pkcs11 as p11
    except ImportError as exc:  # python-pkcs11 is an optional part of pyHanko
        raise SignError("sign_pkcs11_unavailable", reason=str(exc)) from exc
    if not (source.key_label or source.cert_label):
        raise SignError("sign_pkcs11_label_missing")
    try:
        from pyhanko.config.pkcs11 import TokenCriteria

        criteria = TokenCriteria(label=source.token_label) if source.token_label else None
        session = p11.open_pkcs11_session(str(lib), slot_no=source.slot, token_criteria=criteria,
                                          user_pin=pin.decode("utf-8") if pin else None)
    except (PKCS11Error, OSError, RuntimeError, ValueError) as exc:
        raise SignError("sign_pkcs11_failed", path=str(lib), reason=_reason(exc)) from exc
    try:
        signer = p11.PKCS11Signer(session, cert_label=source.cert_label or source.key_label,
                                  key_label=source.key_label or source.cert_label)
        try:
            signer.signing_cert  # noqa: B018 - fetch now, fail here with a clear message
        except Exception as exc:  # pyHanko raises several types for a missing object
            raise SignError("sign_pkcs11_failed", path=str(lib), reason=_reason(exc)) from exc
        yield signer
    finally:
        try:
            session.close()
        except PKCS11Error:
            pass


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
