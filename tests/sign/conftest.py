"""Session fixtures for the electronic-signature tests: one test PKI, one LibreOffice run.

The PKI (a CA, the signer's and the agency's PKCS#12 files) and the specimen images are made once
per session with ``cryptography`` and Pillow. The seed plan is rendered twice (without number and
date, for the electronic flow; and as issued, to serve as a separate attachment) and both go to
PDF/A-2b in ONE LibreOffice start. Signed variants are built once and copied per test.
"""

from __future__ import annotations

import datetime as _dt
import shutil
from pathlib import Path

import pytest

from generator.pdf import find_soffice

ROOT = Path(__file__).resolve().parents[2]
SEED_FORM = ROOT / "samples" / "ke-hoach-1626-KH-BQL.yaml"
HAVE_LIBREOFFICE = find_soffice() is not None
needs_libreoffice = pytest.mark.skipif(not HAVE_LIBREOFFICE, reason="LibreOffice (soffice) is not installed")
SIGNER_TIME = _dt.datetime(2023, 4, 13, 9, 15, 30, tzinfo=_dt.timezone(_dt.timedelta(hours=7)))
AGENCY_TIME = SIGNER_TIME + _dt.timedelta(minutes=20)


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    from generator.sign.testpki import make_seal_image, make_signature_image, make_test_pki

    folder = tmp_path_factory.mktemp("pki")
    made = make_test_pki(folder)
    (folder / "mat-khau.txt").write_bytes(made.password + b"\n")
    make_signature_image(folder / "chu-ky.png")
    make_seal_image(folder / "dau.png")
    return made


@pytest.fixture(scope="session")
def signers(pki):
    from generator.sign.keys import load_pkcs12

    return load_pkcs12(pki.signer_p12, pki.password), load_pkcs12(pki.agency_p12, pki.password)


@pytest.fixture(scope="session")
def images(pki):
    from generator.sign import signing

    return (signing.read_image(pki.folder / "chu-ky.png", signing.ROLE_SIGNER),
            signing.read_image(pki.folder / "dau.png", signing.ROLE_AGENCY))


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """{'unnumbered': plan without number/date, 'issued': the plan as issued}, PDF/A-2b."""
    if not HAVE_LIBREOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed")
    from generator import pipeline
    from generator.pdf import convert_to_pdf
    from generator.sign.demo import render_unnumbered

    work = tmp_path_factory.mktemp("sign-pdf")
    unnumbered = render_unnumbered(SEED_FORM, work / "docx")
    issued = pipeline.generate(SEED_FORM, work / "docx" / "phu-luc.docx", force=True).written[0]
    out = convert_to_pdf([unnumbered, issued], work / "pdf", pdfa=True)
    return {"unnumbered": out[0], "issued": out[1]}


@pytest.fixture(scope="session")
def signed_by_signer(pdfs, signers, images) -> bytes:
    from generator.sign import signing

    return signing.sign_as_signer(pdfs["unnumbered"].read_bytes(), signers[0], images[0], moment=SIGNER_TIME).data


@pytest.fixture(scope="session")
def fully_signed(signed_by_signer, signers, images) -> bytes:
    from generator.sign import signing

    return signing.sign_as_agency(signed_by_signer, signers[1], images[1], number=1626, day=_dt.date(2023, 4, 13),
                                  moment=AGENCY_TIME).data


@pytest.fixture
def copy_of(tmp_path):
    def make(data: bytes | Path, name: str = "van-ban.pdf") -> Path:
        target = tmp_path / name
        if isinstance(data, Path):
            shutil.copyfile(data, target)
        else:
            target.write_bytes(data)
        return target

    return make
