"""Key material (PKCS#12, PKCS#11 through SoftHSM) and the images ND30 asks for: clear errors,
no traceback, nothing written."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from cli import main
from generator.sign import signing
from generator.sign.appearance import ink_colour, is_blue, is_red, physical_size
from generator.sign.errors import SignError
from generator.sign.keys import KeySource, load_pkcs12, open_signer

from .conftest import needs_libreoffice

SOFTHSM_LIBS = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
SOFTHSM = next((p for p in SOFTHSM_LIBS if Path(p).is_file()), None)


def test_a_wrong_password_is_a_clear_error(pki):
    with pytest.raises(SignError) as info:
        load_pkcs12(pki.signer_p12, b"sai-mat-khau")
    assert info.value.code == "sign_pkcs12_unreadable"


def test_the_cli_reports_a_wrong_password_without_traceback_and_writes_nothing(tmp_path, pki):
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    wrong = tmp_path / "sai.txt"
    wrong.write_text("sai\n")
    result = CliRunner().invoke(main, ["sign", str(pdf), "--role", "nguoi-ky", "--cert", str(pki.signer_p12),
                                       "--password-file", str(wrong)])
    assert result.exit_code == 10
    assert "sai mật khẩu" in result.stderr
    assert "Traceback" not in result.output
    assert pdf.read_bytes() == b"%PDF-1.4\n%%EOF\n"


def test_a_missing_pkcs11_module_is_a_clear_error(tmp_path):
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    result = CliRunner().invoke(main, ["--lang", "en", "sign", str(pdf), "--role", "nguoi-ky", "--pkcs11-lib",
                                       str(tmp_path / "no-such-module.so"), "--key-label", "k"])
    assert result.exit_code == 10
    assert "PKCS#11 module" in result.stderr and "no-such-module.so" in result.stderr


def test_a_key_must_come_from_exactly_one_place(tmp_path, pki):
    result = CliRunner().invoke(main, ["sign", str(tmp_path / "x.pdf"), "--role", "nguoi-ky"])
    assert result.exit_code == 10
    assert "--cert" in result.stderr


def test_a_pkcs11_token_without_a_key_label_is_refused(tmp_path):
    if SOFTHSM is None:
        pytest.skip("softhsm2 is not installed")
    with pytest.raises(SignError) as info:
        with open_signer(KeySource(pkcs11_lib=Path(SOFTHSM)), b"1234"):
            pass
    assert info.value.code == "sign_pkcs11_label_missing"


@pytest.fixture(scope="module")
def softhsm_token(tmp_path_factory, pki):
    """A SoftHSM token 'vanban' holding the signer's key and certificate (PIN 1234)."""
    if SOFTHSM is None or shutil.which("softhsm2-util") is None:
        pytest.skip("softhsm2 is not installed")
    import pkcs11
    from cryptography.hazmat.primitives import serialization
    from pkcs11 import Attribute, CertificateType, ObjectClass
    from pkcs11.util.rsa import decode_rsa_private_key
    from pkcs11.util.x509 import decode_x509_certificate

    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    old = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "vanban", "--so-pin", "0000",
                    "--pin", "1234"], check=True, capture_output=True, timeout=60)
    key = serialization.load_pem_private_key((pki.folder / "nguoi-ky.key.pem").read_bytes(), pki.password)
    cert = (pki.folder / "nguoi-ky.pem").read_bytes()
    from cryptography import x509

    cert_der = x509.load_pem_x509_certificate(cert).public_bytes(serialization.Encoding.DER)
    key_der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL,
                                serialization.NoEncryption())
    token = pkcs11.lib(SOFTHSM).get_token(token_label="vanban")
    with token.open(rw=True, user_pin="1234") as session:
        attrs = decode_rsa_private_key(key_der)
        attrs.update({Attribute.LABEL: "nguoi-ky", Attribute.ID: b"\x01", Attribute.TOKEN: True,
                      Attribute.SIGN: True, Attribute.PRIVATE: True, Attribute.SENSITIVE: True})
        session.create_object(attrs)
        cert_attrs = decode_x509_certificate(cert_der)
        cert_attrs.update({Attribute.LABEL: "nguoi-ky", Attribute.ID: b"\x01", Attribute.TOKEN: True,
                           Attribute.CLASS: ObjectClass.CERTIFICATE,
                           Attribute.CERTIFICATE_TYPE: CertificateType.X_509})
        session.create_object(cert_attrs)
    yield folder
    if old is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = old


@pytest.mark.libreoffice
@needs_libreoffice
def test_a_softhsm_token_signs_for_real_and_verify_passes_it(tmp_path, softhsm_token, pdfs, pki):
    pdf = tmp_path / "kh.pdf"
    pdf.write_bytes(pdfs["unnumbered"].read_bytes())
    pin = tmp_path / "pin.txt"
    pin.write_text("1234\n")
    result = CliRunner().invoke(main, ["sign", str(pdf), "--role", "nguoi-ky", "--pkcs11-lib", SOFTHSM,
                                       "--token-label", "vanban", "--key-label", "nguoi-ky",
                                       "--password-file", str(pin), "--image", str(pki.folder / "chu-ky.png")])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["verify", str(pdf), "--trust", str(pki.ca_pem)])
    assert result.exit_code == 0, result.output
    assert "Bùi Ngọc Hải" in result.stdout


def test_a_wrong_token_pin_is_a_clear_error(tmp_path, softhsm_token):
    with pytest.raises(SignError) as info:
        with open_signer(KeySource(pkcs11_lib=Path(SOFTHSM), token_label="vanban", key_label="nguoi-ky"), b"9999"):
            pass
    assert info.value.code == "sign_pkcs11_failed"


def _png(path: Path, colour, alpha: bool = True, fmt: str = "PNG") -> Path:
    image = Image.new("RGBA" if alpha else "RGB", (60, 30), (0, 0, 0, 0) if alpha else (255, 255, 255))
    for x in range(10, 50):
        for y in range(12, 18):
            image.putpixel((x, y), (*colour, 255) if alpha else colour)
    image.save(path, fmt, **({"dpi": (300, 300)} if fmt == "PNG" else {}))
    return path


@pytest.mark.parametrize("make, role, code", [
    (lambda p: _png(p, (200, 20, 20)), signing.ROLE_SIGNER, "sign_signer_image_not_blue"),
    (lambda p: _png(p, (20, 40, 170)), signing.ROLE_AGENCY, "sign_seal_image_not_red"),
    (lambda p: _png(p, (20, 40, 170), alpha=False), signing.ROLE_SIGNER, "sign_image_not_transparent"),
    (lambda p: _png(p, (20, 40, 170), alpha=False, fmt="JPEG"), signing.ROLE_SIGNER, "sign_image_not_png"),
    (lambda p: p, signing.ROLE_SIGNER, "file_not_found"),
], ids=["red signature", "blue seal", "no transparency", "a JPEG", "no file"])
def test_images_that_nd30_does_not_allow_are_refused(make, role, code, tmp_path):
    path = make(tmp_path / "anh.png")
    with pytest.raises(SignError) as info:
        signing.read_image(path, role)
    assert info.value.code == code


def test_colours_are_judged_on_the_visible_pixels_only(pki):
    blue = ink_colour(Image.open(pki.folder / "chu-ky.png"))
    red = ink_colour(Image.open(pki.folder / "dau.png"))
    assert is_blue(blue) and not is_red(blue)
    assert is_red(red) and not is_blue(red)


def test_the_seal_prints_at_its_actual_size_from_the_png_resolution(pki):
    width, height = physical_size(Image.open(pki.folder / "dau.png"))
    assert abs(width * 25.4 / 72 - 36.0) < 0.2 and abs(height - width) < 0.01
    assert physical_size(Image.new("RGBA", (100, 100))) is None
    assert physical_size(Image.new("RGBA", (100, 50)), 40.0) == pytest.approx((40 * 72 / 25.4, 20 * 72 / 25.4))


def test_the_seal_box_covers_the_left_third_of_the_signature():
    box = signing.seal_box((100.0, 50.0, 250.0, 110.0), (90.0, 90.0))
    assert box[2] == pytest.approx(150.0)  # right edge at a third of the 150 pt image
    assert (box[1] + box[3]) / 2 == pytest.approx(80.0)  # centred on the image vertically


def test_verify_exits_2_for_what_is_not_a_pdf_and_1_for_an_unsigned_pdf(tmp_path):
    text = tmp_path / "ghi-chu.pdf"
    text.write_text("không phải PDF")
    result = CliRunner().invoke(main, ["verify", str(text)])
    assert result.exit_code == 2
    assert "không phải tệp PDF" in result.stderr
    result = CliRunner().invoke(main, ["verify", str(tmp_path / "khong-co.pdf")])
    assert result.exit_code == 2


def test_a_missing_trust_file_is_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["verify", str(tmp_path / "x.pdf"), "--trust", str(tmp_path / "ca.pem")])
    assert result.exit_code == 2
    assert "ca.pem" in result.stderr


def test_the_attachment_line_is_the_parent_number_and_iso_time_in_vietnam():
    import datetime as dt

    moment = dt.datetime(2023, 4, 13, 2, 15, 30, tzinfo=dt.timezone.utc)
    assert signing.attachment_line("1626/KH-BQL", moment) == "1626/KH-BQL 2023-04-13T09:15:30+07:00"
