"""Open a .docx safely: bounded zip reading and an entity-free XML parser.

A hostile file must give a clear ``LintReadError`` within bounded memory and time:

- the file itself is capped (``MAX_FILE_BYTES``) and must be a zip with few entries;
- every part we read is checked against its *declared* size, and inflation stops after
  ``MAX_PART_BYTES`` bytes whatever the headers say (headers can lie);
- XML is parsed with ``resolve_entities=False, no_network=True, load_dtd=False,
  huge_tree=False`` and any DOCTYPE is rejected, so no entity can reach the network or the disk;
- a part is counted before it is parsed: past ``MAX_ELEMENTS`` elements (a 55 KB file can inflate
  to millions of empty paragraphs) it is refused, so the tree never grows past a few hundred MB.
  The walk (``document.py``) bounds paragraphs, runs and sections the same way.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import InputError

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_PART_BYTES = 16 * 1024 * 1024  # a 1000-page document.xml is ~10 MiB
MAX_TOTAL_BYTES = 128 * 1024 * 1024
# Elements of one XML part: a 1000-page report is ~400 000; parsing and walking cost ~500 bytes each.
MAX_ELEMENTS = 600_000
_CHUNK = 64 * 1024

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"

_OFFICE_DOCUMENT = "/officeDocument"


class LintReadError(InputError):
    """The file cannot be read as a Word document (or reading it would be unsafe)."""

    exit_code = 2
    code = "lint_unreadable"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, dtd_validation=False, remove_comments=True,
                           remove_pis=True)


def element_count(data: bytes) -> int:
    """Start tags in a serialised part, counted without parsing it (an upper bound for UTF-16)."""
    return data.count(b"<") - data.count(b"</") - data.count(b"<?") - data.count(b"<!")


def parse_xml(data: bytes, path: str, part: str) -> etree._Element:
    """Parse one XML part; a DOCTYPE (DTD, entities) is refused outright, and so is a part with
    more elements than any document needs (before the tree is built)."""
    if b"<!DOCTYPE" in data[:65536].upper().replace(b"\x00", b""):
        raise LintReadError("lint_xml_doctype", path=path, part=part)
    count = element_count(data)
    if count > MAX_ELEMENTS:
        raise LintReadError("lint_too_complex", path=path, part=part, count=count, limit=MAX_ELEMENTS,
                            what="phần tử XML", what_en="XML elements")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise LintReadError("lint_xml_invalid", path=path, part=part, reason=str(exc)) from exc
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise LintReadError("lint_xml_doctype", path=path, part=part)
    return root


@dataclass
class Package:
    """The parts of a .docx the lint needs, already parsed."""

    path: str
    document: etree._Element
    document_part: str
    styles: etree._Element | None = None
    theme: etree._Element | None = None
    settings: etree._Element | None = None
    # relationship id -> (part name, parsed root) for headers and footers
    related: dict[str, tuple[str, etree._Element]] = field(default_factory=dict)
    # relationship id -> part name for images etc. (not parsed)
    targets: dict[str, str] = field(default_factory=dict)
    category: str = ""  # docProps/core.xml cp:category ("giay-khen" marks a certificate)


class _SafeZip:
    def __init__(self, path: str) -> None:
        self.path = path
        self.total = 0
        p = Path(path)
        if not p.exists():
            raise LintReadError("file_not_found", path=path)
        if p.is_dir():
            raise LintReadError("file_is_directory", path=path)
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LintReadError("lint_file_too_large", path=path, size=size, limit=MAX_FILE_BYTES)
        try:
            self.zip = zipfile.ZipFile(p)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise LintReadError("lint_not_docx", path=path, reason=str(exc) or type(exc).__name__) from exc
        infos = self.zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise LintReadError("lint_zip_entries", path=path, count=len(infos), limit=MAX_ENTRIES)
        self.names = {info.filename: info for info in infos}

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        info = self.names[name]
        if info.file_size > MAX_PART_BYTES:
            raise LintReadError("lint_part_too_large", path=self.path, part=name, limit=MAX_PART_BYTES)
        chunks: list[bytes] = []
        got = 0
        try:
            with self.zip.open(info) as stream:
                while True:
                    chunk = stream.read(_CHUNK)
                    if not chunk:
                        break
                    got += len(chunk)
                    self.total += len(chunk)
                    if got > MAX_PART_BYTES:
                        raise LintReadError("lint_part_too_large", path=self.path, part=name,
                                            limit=MAX_PART_BYTES)
                    if self.total > MAX_TOTAL_BYTES:
                        raise LintReadError("lint_zip_bomb", path=self.path, limit=MAX_TOTAL_BYTES)
                    chunks.append(chunk)
        except LintReadError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
                ValueError) as exc:
            raise LintReadError("lint_not_docx", path=self.path,
                                reason=f"{name}: {exc or type(exc).__name__}") from exc
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element:
        return parse_xml(self.read(name), self.path, name)


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _relationships(z: _SafeZip, part: str) -> list[tuple[str, str, str, str]]:
    """(id, type suffix, target part name, target mode) of ``part``'s relationships."""
    name = _rels_name(part) if part else "_rels/.rels"
    if not z.has(name):
        return []
    root = z.xml(name)
    folder = posixpath.dirname(part)
    out = []
    for rel in root.iter(f"{{{REL_NS}}}Relationship"):
        target = rel.get("Target", "")
        mode = rel.get("TargetMode", "Internal")
        if mode != "External":
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
        out.append((rel.get("Id", ""), rel.get("Type", "").rsplit("/", 1)[-1], target, mode))
    return out


def open_package(path: str | Path) -> Package:
    path = str(path)
    z = _SafeZip(path)
    main = next((t for _, kind, t, _ in _relationships(z, "") if kind == "officeDocument"), None)
    if main is None or not z.has(main):
        main = "word/document.xml"
    if not z.has(main):
        raise LintReadError("lint_missing_part", path=path, part=main)
    package = Package(path=path, document=z.xml(main), document_part=main)
    if z.has("docProps/core.xml"):
        core = z.xml("docProps/core.xml")
        category = core.find("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}category")
        package.category = (category.text or "").strip() if category is not None else ""
    for rid, kind, target, mode in _relationships(z, main):
        if mode == "External" or not z.has(target):
            continue
        if kind == "styles":
            package.styles = z.xml(target)
        elif kind == "theme":
            package.theme = z.xml(target)
        elif kind == "settings":
            package.settings = z.xml(target)
        elif kind in ("header", "footer"):
            package.related[rid] = (target, z.xml(target))
        else:
            package.targets[rid] = target
    return package
