"""Sign files: read, sign in ND30 order, write atomically; numbers from the register.

A file is signed in place by default (a signature is an incremental update: the bytes before it
are kept as they were, so nothing is lost); with ``output`` the signed file goes elsewhere and an
existing file there is replaced only with ``force``. Many files are signed with one key opening
(``sign_files``): that is where batch signing gets its speed.

The number and date (agency step) come from ``number``/``day`` or from the register of outgoing
documents (``generator.register``): a number is reserved for the document's series, filled into
the PDF, and issued with the signed file's SHA-256 once the file is written; if anything fails
the reservation is voided, as for ``render --final``.
"""

from __future__ import annotations

import datetime as _dt
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ..packaging import atomic_write
from . import signing
from .errors import SignError, SignReadError
from .keys import KeySource, open_signer

MAX_PDF_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class SignRequest:
    role: str
    key: KeySource
    secret: bytes | None = None
    image: Path | None = None
    image_mm: float | None = None
    attachment_of: str | None = None
    number: int | None = None
    day: _dt.date | None = None
    register: str | Path | None = None  # a file or a postgresql:// URL
    profile: Path | None = None
    name: str | None = None
    output: Path | None = None
    force: bool = False


@dataclass(frozen=True)
class SignedFile:
    source: Path
    target: Path
    signed: signing.Signed


def read_pdf(path: Path) -> bytes:
    path = Path(path)
    if not path.exists():
        raise SignReadError("file_not_found", path=str(path))
    if path.is_dir():
        raise SignReadError("file_is_directory", path=str(path))
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise SignReadError("lint_file_too_large", path=str(path), size=size, limit=MAX_PDF_BYTES)
    data = path.read_bytes()
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise SignReadError("sign_not_pdf", path=str(path))
    return data


def targets_for(paths: list[Path], output: Path | None) -> list[Path]:
    if output is None:
        return [Path(p) for p in paths]
    output = Path(output)
    if len(paths) == 1 and output.suffix.lower() == ".pdf":
        return [output]
    return [output / Path(p).name for p in paths]


def sign_files(paths: list[Path], request: SignRequest, *, moment: _dt.datetime | None = None,
               progress=None) -> list[SignedFile]:
    """Sign each file with one opening of the key; files already written stay signed on error."""
    paths = [Path(p) for p in paths]
    targets = targets_for(paths, request.output)
    if request.output is not None and not request.force:
        for target in targets:
            if target.exists() and target.resolve() not in {p.resolve() for p in paths}:
                from ..errors import OutputError

                raise OutputError("output_exists", path=str(target))
    image = _image(request)
    done: list[SignedFile] = []
    with ExitStack() as stack:
        signer = stack.enter_context(open_signer(request.key, request.secret))
        register = _open_register(request, stack) if request.role == signing.ROLE_AGENCY else None
        for source, target in zip(paths, targets):
            done.append(_sign_one(source, target, request, signer, image, register, moment))
            if progress is not None:
                progress(1)
    return done


def _image(request: SignRequest) -> Image.Image | None:
    if request.attachment_of:
        if request.role != signing.ROLE_AGENCY:
            raise SignError("sign_attachment_agency_only")
        return None
    if request.image is None:
        if request.role == signing.ROLE_AGENCY:
            raise SignError("sign_seal_required")
        return None
    return signing.read_image(request.image, request.role)


def _open_register(request: SignRequest, stack: ExitStack):
    if request.register is None and request.profile is None:
        return None
    from ..register import Register, settings_from_profile
    from ..register.location import resolve

    settings = settings_from_profile(request.profile) if request.profile is not None else None
    register = Register(resolve(request.register, settings), policy=settings.policy if settings else None,
                        agency=settings.agency if settings else None)
    stack.callback(register.close)
    return register


def _sign_one(source: Path, target: Path, request: SignRequest, signer, image, register,
              moment: _dt.datetime | None) -> SignedFile:
    data = read_pdf(source)
    force = request.force or request.output is None or target.resolve() == source.resolve()
    if request.role == signing.ROLE_SIGNER:
        signed = signing.sign_as_signer(data, signer, image, name=request.name, moment=moment)
    elif request.attachment_of:
        signed = signing.sign_attachment(data, signer, request.attachment_of, moment=moment)
    else:
        moment = moment or signing.vn_now()
        day = request.day or moment.astimezone(signing.VN_TZ).date()
        blanks = signing.blanks(data)
        if blanks.number_field and request.number is None and register is not None:
            return _sign_with_register(data, source, target, request, signer, image, register, blanks,
                                       day, moment, force)
        signed = signing.sign_as_agency(data, signer, image, seal_mm=request.image_mm, number=request.number,
                                        day=day, moment=moment)
    atomic_write(target, signed.data, force=force)
    return SignedFile(source, target, signed)


def _sign_with_register(data, source, target, request, signer, image, register, blanks, day, moment,
                        force) -> SignedFile:
    from ..kinds import KINDS

    ky_hieu = blanks.ky_hieu
    if not ky_hieu:
        raise SignError("sign_number_line_missing")
    type_code = ky_hieu.split("-", 1)[0]
    from ..vn.codes import CODE_TYPES

    if type_code not in CODE_TYPES:
        type_code = None  # công văn: the ký hiệu starts with the agency's code
    kind = next((name for name, spec in KINDS.items()
                 if getattr(spec.model, "TYPE_CODE", None) == type_code), "") if type_code else "cong-van"
    with register.issuing() as session:
        entry = session.reserve(kind=kind, type_code=type_code, ky_hieu=ky_hieu, date=day,
                                trich_yeu=blanks.title, signer=_signer_name(data), path=target)
        signed = signing.sign_as_agency(data, signer, image, seal_mm=request.image_mm, number=entry.number,
                                        day=day, moment=moment)
        session.write(entry, target, signed.data, force=force)
    return SignedFile(source, target, signed)


def _signer_name(data: bytes) -> str:
    from pyhanko.pdf_utils.reader import PdfFileReader
    import io

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    for embedded in reader.embedded_signatures:
        if embedded.field_name == signing.FIELD_SIGNER and embedded.signer_cert is not None:
            return str(embedded.signer_cert.subject.native.get("common_name", ""))
    return ""
