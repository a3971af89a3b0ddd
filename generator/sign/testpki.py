"""A throw-away test PKI and specimen images, for tests and ``vanban demo`` ONLY.

Everything here is labelled as a test: the CA's name says "THỬ NGHIỆM – KHÔNG CÓ GIÁ TRỊ PHÁP
LÝ", the seal image carries "MẪU THỬ". Real documents are signed with certificates from a
licensed provider (in Vietnam: the Government CA, Ban Cơ yếu Chính phủ, for state bodies) on a
token or an HSM.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass
from pathlib import Path

TEST_LABEL = "THỬ NGHIỆM – KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"
DEFAULT_PASSWORD = b"vanban-thu-nghiem"
SIGNATURE_BLUE = (20, 40, 170)
SEAL_RED = (215, 25, 32)


@dataclass(frozen=True)
class TestPki:
    """Paths of a test CA and two PKCS#12 files (signer, agency) sharing one password."""

    folder: Path
    ca_pem: Path
    signer_p12: Path
    agency_p12: Path
    password: bytes
    signer_name: str
    agency_name: str


def _key(kind: str):
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    if kind == "ec":
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common: str, organisation: str | None = None):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    parts.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, TEST_LABEL))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common))
    return x509.Name(parts)


def _certificate(subject, issuer, public_key, issuer_key, *, ca: bool, now: _dt.datetime,
                 issuer_cert=None):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
               .public_key(public_key).serial_number(x509.random_serial_number())
               .not_valid_before(now - _dt.timedelta(days=1))
               .not_valid_after(now + _dt.timedelta(days=3650 if ca else 1825))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False))
    if ca:
        usage = x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                              data_encipherment=False, key_agreement=False, key_cert_sign=True,
                              crl_sign=True, encipher_only=False, decipher_only=False)
    else:
        usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                              data_encipherment=False, key_agreement=False, key_cert_sign=False,
                              crl_sign=False, encipher_only=False, decipher_only=False)
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_cert.public_key()), critical=False)
    builder = builder.add_extension(usage, critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def make_test_pki(folder: Path, *, password: bytes = DEFAULT_PASSWORD, key: str = "rsa",
                  signer_name: str = "Bùi Ngọc Hải",
                  agency_name: str = "Ban Quản lý Khu kinh tế Hải Phòng") -> TestPki:
    """Write ``ca.pem``, ``nguoi-ky.p12`` and ``co-quan.p12`` into ``folder``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    now = _dt.datetime.now(_dt.timezone.utc)
    ca_key = _key(key)
    ca_subject = _name(f"vanban CA {TEST_LABEL}", "vanban")
    ca_cert = _certificate(ca_subject, ca_subject, ca_key.public_key(), ca_key, ca=True, now=now)
    (folder / "ca.pem").write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    paths = {}
    for role, common, organisation in (("nguoi-ky", signer_name, agency_name),
                                       ("co-quan", agency_name, agency_name)):
        private = _key(key)
        cert = _certificate(_name(common, organisation), ca_subject, private.public_key(), ca_key,
                            ca=False, now=now, issuer_cert=ca_cert)
        data = pkcs12.serialize_key_and_certificates(
            common.encode("utf-8"), private, cert, [ca_cert],
            serialization.BestAvailableEncryption(password))
        paths[role] = folder / f"{role}.p12"
        paths[role].write_bytes(data)
        (folder / f"{role}.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        (folder / f"{role}.key.pem").write_bytes(private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(password)))
    return TestPki(folder, folder / "ca.pem", paths["nguoi-ky"], paths["co-quan"], password,
                   signer_name, agency_name)


# --- specimen images --------------------------------------------------------------------------

def make_signature_image(path: Path, *, color: tuple[int, int, int] = SIGNATURE_BLUE,
                         size: tuple[int, int] = (600, 240), dpi: int = 300) -> Path:
    """A handwriting-like blue stroke on a transparent background (PNG with alpha)."""
    from PIL import Image, ImageDraw

    scale = 3
    width, height = size[0] * scale, size[1] * scale
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = []
    for step in range(400):
        t = step / 399
        x = 0.08 + 0.84 * t
        y = 0.55 + 0.22 * math.sin(t * math.pi * 5.2) * (1 - 0.5 * t) - 0.15 * math.sin(t * math.pi)
        points.append((x * width, y * height))
    draw.line(points, fill=(*color, 255), width=7 * scale, joint="curve")
    loop = [(width * (0.2 + 0.06 * math.cos(a / 30 * math.tau)), height * (0.42 + 0.3 * math.sin(a / 30 * math.tau)))
            for a in range(31)]
    draw.line(loop, fill=(*color, 255), width=6 * scale, joint="curve")
    draw.line([(width * 0.55, height * 0.85), (width * 0.95, height * 0.78)], fill=(*color, 255), width=5 * scale)
    image = image.resize(size, Image.LANCZOS)
    image.save(path, dpi=(dpi, dpi))
    return Path(path)


def make_seal_image(path: Path, *, agency: str = "BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG",
                    diameter_mm: float = 36.0, dpi: int = 300,
                    color: tuple[int, int, int] = SEAL_RED) -> Path:
    """A round red seal of ``diameter_mm`` at ``dpi`` (so it prints at actual size), marked MẪU THỬ."""
    from PIL import Image, ImageDraw, ImageFont

    from .fonts import serif_font

    pixels = round(diameter_mm / 25.4 * dpi)
    scale = 2
    size = pixels * scale
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    ink = (*color, 255)
    centre = size / 2
    for radius, width in ((0.49, 0.022), (0.36, 0.01)):
        r = size * radius
        draw.ellipse([centre - r, centre - r, centre + r, centre + r], outline=ink, width=round(size * width))
    font = ImageFont.truetype(str(serif_font("bold")), round(size * 0.068))
    text = agency.upper()
    ring = size * 0.425
    span = 250.0  # degrees used by the agency name, centred on the top
    for index, char in enumerate(text):
        angle = -span / 2 + span * (index + 0.5) / len(text)
        glyph = Image.new("RGBA", (round(size * 0.12), round(size * 0.12)), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), char, font=font, fill=ink, anchor="mm")
        glyph = glyph.rotate(-angle, resample=Image.BICUBIC)
        x = centre + ring * math.sin(math.radians(angle)) - glyph.width / 2
        y = centre - ring * math.cos(math.radians(angle)) - glyph.height / 2
        image.alpha_composite(glyph, (round(x), round(y)))
    star = []
    for k in range(10):
        r = size * (0.13 if k % 2 == 0 else 0.052)
        a = math.radians(k * 36 - 90)
        star.append((centre + r * math.cos(a), centre - size * 0.04 + r * math.sin(a)))
    draw.polygon(star, fill=ink)
    small = ImageFont.truetype(str(serif_font("bold")), round(size * 0.07))
    draw.text((centre, centre + size * 0.17), "MẪU THỬ", font=small, fill=ink, anchor="mm")
    image = image.resize((pixels, pixels), Image.LANCZOS)
    image.save(path, dpi=(dpi, dpi))
    return Path(path)
