"""A signed sample for ``vanban demo``, with a TEST certificate (no legal value).

The seed plan 1626/KH-BQL is rendered without its number and date (as a draft for electronic
issue), exported to PDF/A-2b, signed by the signer, numbered and dated, then signed by the
agency with the seal; a second document is signed as a separate attachment of it. Everything
goes to ``out_dir/ky-so/`` together with the test PKI (``thu-nghiem/``) so that
``vanban verify --trust thu-nghiem/ca.pem`` can be tried on it.
"""

from __future__ import annotations

import datetime as _dt
import shutil
import tempfile
from pathlib import Path

from ..packaging import atomic_write
from ..resources import samples_dir

SEED_FORM = "ke-hoach-1626-KH-BQL.yaml"
ATTACHMENT_FORM = Path("bieu-mau") / "bao-cao-thong-ke-khen-thuong-2025.yaml"
DEMO_NUMBER = 1626
DEMO_DATE = _dt.date(2023, 4, 13)
FOLDER = "ky-so"


def render_unnumbered(form: Path, out_dir: Path) -> Path:
    """Render ``form`` with its ``so`` and ``ngay`` removed (blank, for the system to fill)."""
    from ruamel.yaml import YAML

    from .. import pipeline

    form = Path(form)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    yaml = YAML()
    data = yaml.load(form.read_text(encoding="utf-8"))
    for key in ("so", "ngay"):
        data.pop(key, None)
    folder = Path(tempfile.mkdtemp(prefix="vanban-unnumbered-", dir=out_dir))
    try:
        profile = data.get("co_quan")
        if isinstance(profile, str) and not Path(profile).is_absolute():
            data["co_quan"] = str((form.parent / profile).resolve())
        copy = folder / form.name
        with copy.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
        written = pipeline.generate(copy, out_dir / (form.stem + ".docx"), force=True, draft_mark=False).written
        return written[0]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def signed_demo(out_dir: Path, *, force: bool = False) -> list[Path]:
    """Write the signed demo PDFs under ``out_dir/ky-so``; [] when LibreOffice is not installed."""
    from ..pdf import convert_to_pdf, find_soffice
    from . import signing
    from .keys import load_pkcs12
    from .testpki import make_seal_image, make_signature_image, make_test_pki

    if find_soffice() is None:
        return []
    folder = Path(out_dir) / FOLDER
    main_pdf = folder / "ke-hoach-1626-KH-BQL-da-ky.pdf"
    attachment_pdf = folder / "phu-luc-kem-theo-1626-KH-BQL-da-ky.pdf"
    if not force:
        from ..errors import OutputError

        for target in (main_pdf, attachment_pdf):
            if target.exists():
                raise OutputError("output_exists", path=str(target))
    folder.mkdir(parents=True, exist_ok=True)
    pki = make_test_pki(folder / "thu-nghiem")
    atomic_write(pki.folder / "mat-khau.txt", pki.password + b"\n", force=True)
    signature_png = make_signature_image(folder / "thu-nghiem" / "chu-ky.png")
    seal_png = make_seal_image(folder / "thu-nghiem" / "dau.png")
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="vanban-demo-sign-") as tmp:
        work = Path(tmp)
        docs = [render_unnumbered(samples_dir() / SEED_FORM, work / "docx")]
        attachment_form = samples_dir() / ATTACHMENT_FORM
        if attachment_form.is_file():
            from .. import pipeline

            docs.append(pipeline.generate(attachment_form, work / "docx" / "phu-luc.docx", force=True,
                                          draft_mark=False).written[0])
        pdfs = convert_to_pdf(docs, work / "pdf", pdfa=True, force=True)
        signer = load_pkcs12(pki.signer_p12, pki.password)
        agency = load_pkcs12(pki.agency_p12, pki.password)
        moment = signing.vn_now() - _dt.timedelta(minutes=10)  # signer, then the clerk 5 min later
        first = signing.sign_as_signer(pdfs[0].read_bytes(), signer,
                                       signing.read_image(signature_png, signing.ROLE_SIGNER), moment=moment)
        second = signing.sign_as_agency(first.data, agency, signing.read_image(seal_png, signing.ROLE_AGENCY),
                                        number=DEMO_NUMBER, day=DEMO_DATE,
                                        moment=moment + _dt.timedelta(minutes=5))
        atomic_write(main_pdf, second.data, force=force)
        written.append(main_pdf)
        if len(pdfs) > 1:
            parent = second.number or f"{DEMO_NUMBER}/KH-BQL"
            third = signing.sign_attachment(pdfs[1].read_bytes(), agency, parent,
                                            moment=moment + _dt.timedelta(minutes=6))
            atomic_write(attachment_pdf, third.data, force=force)
            written.append(attachment_pdf)
    return written
