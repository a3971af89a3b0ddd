"""Build broken variants of a good .docx by editing its XML parts (test helper)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Callable

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NSMAP = {"w": W_NS}

Edit = Callable[[etree._Element], None]


def w(tag: str) -> str:
    return W + tag


def rewrite(src: Path, dst: Path, edits: dict[str, Edit] | None = None,
            extra: dict[str, bytes] | None = None) -> Path:
    """Copy ``src`` to ``dst`` applying ``edits`` (part name → function editing its root)."""
    edits = edits or {}
    extra = dict(extra or {})
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename in extra:
                data = extra.pop(info.filename)
            if info.filename in edits:
                root = etree.fromstring(data)
                edits[info.filename](root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info.filename, data)
        for name, data in extra.items():
            zout.writestr(name, data)
    return dst


def text_of(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def para(root: etree._Element, starts: str, nth: int = 0) -> etree._Element:
    found = [p for p in root.iter(w("p")) if text_of(p).startswith(starts)]
    return found[nth]


def style_id(p: etree._Element) -> str | None:
    ps = p.find(f"{w('pPr')}/{w('pStyle')}")
    return ps.get(w("val")) if ps is not None else None


def paras_with_style(root: etree._Element, sid: str) -> list[etree._Element]:
    return [p for p in root.iter(w("p")) if style_id(p) == sid]


def style(root: etree._Element, sid: str) -> etree._Element:
    return root.find(f"{w('style')}[@{w('styleId')}='{sid}']")


def child(parent: etree._Element, tag: str) -> etree._Element:
    """Find or append ``tag`` (good enough for tests; Word tolerates order in these spots)."""
    found = parent.find(w(tag))
    if found is None:
        found = etree.SubElement(parent, w(tag))
    return found


def rpr(run: etree._Element) -> etree._Element:
    found = run.find(w("rPr"))
    if found is None:
        found = etree.Element(w("rPr"))
        run.insert(0, found)
    return found


def ppr(p: etree._Element) -> etree._Element:
    found = p.find(w("pPr"))
    if found is None:
        found = etree.Element(w("pPr"))
        p.insert(0, found)
    return found


def set_text(p: etree._Element, text: str) -> None:
    """Put ``text`` in the first run and empty the others (keeps the first run's formatting); the
    line breaks of a heading set in balanced lines go too."""
    runs = [r for r in p.iter(w("r")) if r.find(w("t")) is not None]
    first = runs[0].find(w("t"))
    first.text = text
    for el in [el for el in p.iter(w("t"), w("br")) if el is not first]:
        el.getparent().remove(el)


def new_para(after: etree._Element, text: str, sid: str, **direct: str) -> etree._Element:
    p = etree.Element(w("p"))
    pp = etree.SubElement(p, w("pPr"))
    etree.SubElement(pp, w("pStyle")).set(w("val"), sid)
    r = etree.SubElement(p, w("r"))
    t = etree.SubElement(r, w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    after.addnext(p)
    return p


def split_runs(p: etree._Element) -> None:
    """Split every run into one run per character group, as Word does after edits and spell-check."""
    for r in list(p.findall(w("r"))):
        t = r.find(w("t"))
        if t is None or not t.text or len(t.text) < 2:
            continue
        text = t.text
        pieces = [text[i:i + 3] for i in range(0, len(text), 3)]
        for piece in reversed(pieces[1:]):
            clone = etree.fromstring(etree.tostring(r))
            clone.find(w("t")).text = piece
            clone.find(w("t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            clone.set(w("rsidR"), "00A1B2C3")
            r.addnext(clone)
            proof = etree.Element(w("proofErr"))
            proof.set(w("type"), "spellStart")
            r.addnext(proof)
        t.text = pieces[0]
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    bookmark = etree.Element(w("bookmarkStart"))
    bookmark.set(w("id"), "0")
    bookmark.set(w("name"), "_GoBack")
    ppr(p).addnext(bookmark)
