"""Unreadable and hostile files give a clear LintReadError quickly, in bounded memory,
and never reach the network or the disk through XML entities."""

from __future__ import annotations

import io
import struct
import time
import zipfile
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.lint import LintReadError, lint_file
from generator.lint import package as pkg

from .docx_edit import rewrite

XML_HEAD = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
W_DECL = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _document_with_doctype(doctype: bytes) -> bytes:
    return (XML_HEAD + doctype + b"<w:document " + W_DECL + b"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r>"
            b"</w:p></w:body></w:document>")


def _lying_zip(path: Path, real_size: int, declared: int) -> Path:
    """A stored-then-patched zip whose headers claim ``declared`` bytes for a part of ``real_size``."""
    buffer = io.BytesIO()
    payload = b"<" + b"a" * (real_size - 1)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", payload)
    data = bytearray(buffer.getvalue())
    # Patch the uncompressed size in the local header (offset 22) and the central directory (24).
    struct.pack_into("<I", data, 22, declared)
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, declared)
    path.write_bytes(bytes(data))
    return path


def _non_docx(tmp: Path) -> Path:
    path = tmp / "notes.docx"
    path.write_text("Đây không phải tệp Word.\n", encoding="utf-8")
    return path


def _truncated(tmp: Path, good: Path) -> Path:
    data = good.read_bytes()
    path = tmp / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    return path


def _zip_without_document(tmp: Path, good: Path) -> Path:
    return _zip(tmp / "empty.docx", {"hello.txt": b"hi"})


def _bomb(tmp: Path, good: Path) -> Path:
    # 40 MiB of zeros deflates to ~40 KiB; the honest header says 40 MiB.
    return _zip(tmp / "bomb.docx", {"word/document.xml": b"\0" * (40 * 1024 * 1024)})


def _lying_bomb(tmp: Path, good: Path) -> Path:
    return _lying_zip(tmp / "lying.docx", real_size=40 * 1024 * 1024, declared=1000)


def _huge_document(tmp: Path, good: Path) -> Path:
    body = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * (18 * 1024 * 1024 // 34)
    return _zip(tmp / "huge.docx", {"word/document.xml": XML_HEAD + b"<w:document " + W_DECL + b"><w:body>"
                                    + body + b"</w:body></w:document>"})


def _deep_xml(tmp: Path, good: Path) -> Path:
    data = XML_HEAD + b"<w:document " + W_DECL + b">" + b"<w:x>" * 100000 + b"</w:x>" * 100000 + b"</w:document>"
    return _zip(tmp / "deep.docx", {"word/document.xml": data})


def _external_entity(tmp: Path, good: Path) -> Path:
    doc = _document_with_doctype(b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
    return rewrite(good, tmp / "xxe.docx", extra={"word/document.xml": doc})


def _network_dtd(tmp: Path, good: Path) -> Path:
    doc = _document_with_doctype(b'<!DOCTYPE w:document SYSTEM "http://203.0.113.1/evil.dtd">')
    return rewrite(good, tmp / "dtd.docx", extra={"word/document.xml": doc})


def _billion_laughs(tmp: Path, good: Path) -> Path:
    lol = b'<!DOCTYPE w:document [<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    ) + b"]>"
    return rewrite(good, tmp / "laughs.docx", extra={"word/document.xml": _document_with_doctype(lol)})


def _entity_in_styles(tmp: Path, good: Path) -> Path:
    styles = (XML_HEAD + b'<!DOCTYPE w:styles [<!ENTITY xxe SYSTEM "file:///etc/hostname">]><w:styles '
              + W_DECL + b"/>")
    return rewrite(good, tmp / "styles-xxe.docx", extra={"word/styles.xml": styles})


def _utf16_doctype(tmp: Path, good: Path) -> Path:
    doc = _document_with_doctype(b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
    doc = doc.replace(b"encoding='UTF-8'", b"encoding='UTF-16'").decode("utf-8").encode("utf-16")
    return rewrite(good, tmp / "utf16.docx", extra={"word/document.xml": doc})


def _broken_xml(tmp: Path, good: Path) -> Path:
    return rewrite(good, tmp / "broken-xml.docx", extra={"word/document.xml": b"<w:document><w:body>"})


CASES = [
    ("plain-text-file", _non_docx, "lint_not_docx"),
    ("truncated-zip", _truncated, "lint_not_docx"),
    ("zip-without-document", _zip_without_document, "lint_missing_part"),
    ("zip-bomb-declared-size", _bomb, "lint_part_too_large"),
    ("zip-bomb-lying-header", _lying_bomb, None),
    ("huge-document-xml", _huge_document, "lint_part_too_large"),
    ("deeply-nested-xml", _deep_xml, "lint_xml_invalid"),
    ("external-file-entity", _external_entity, "lint_xml_doctype"),
    ("network-dtd", _network_dtd, "lint_xml_doctype"),
    ("billion-laughs", _billion_laughs, "lint_xml_doctype"),
    ("entity-in-styles-part", _entity_in_styles, "lint_xml_doctype"),
    ("utf16-doctype", _utf16_doctype, "lint_xml_doctype"),
    ("malformed-xml", _broken_xml, "lint_xml_invalid"),
]


@pytest.mark.parametrize("build, code", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_file_gives_a_read_error_quickly(good_docx, tmp_path, build, code):
    path = build(tmp_path, good_docx) if build is not _non_docx else build(tmp_path)
    started = time.perf_counter()
    with pytest.raises(LintReadError) as info:
        lint_file(path)
    assert time.perf_counter() - started < 10
    assert isinstance(info.value, InputError)
    assert info.value.exit_code == 2
    if code is not None:
        assert info.value.code == code


def test_inflation_stops_at_the_byte_cap_even_when_headers_lie(tmp_path, monkeypatch):
    monkeypatch.setattr(pkg, "MAX_PART_BYTES", 1024 * 1024)
    path = _lying_zip(tmp_path / "lying.docx", real_size=8 * 1024 * 1024, declared=100)
    z = pkg._SafeZip(str(path))
    z.names["word/document.xml"].file_size = 100  # the lie survives into our view of the entry
    with pytest.raises(LintReadError):
        z.read("word/document.xml")
    assert z.total <= pkg.MAX_PART_BYTES + 2 * pkg._CHUNK


def test_a_missing_file_is_a_read_error(tmp_path):
    with pytest.raises(LintReadError) as info:
        lint_file(tmp_path / "nothing.docx")
    assert info.value.code == "file_not_found"
