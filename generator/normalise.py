"""Normalise every text value of a loaded form before validation.

NFC (decomposed input from macOS or Excel comes out precomposed), CR/LF clean-up, trimmed ends,
legacy TCVN3/VNI text converted to Unicode with a warning, and characters XML cannot hold
reported as located errors — never silently deleted.
"""

from __future__ import annotations

from typing import Any

from .errors import Issue
from .sources import Located, Path_
from .vn import LanguageError, clean_text, to_unicode
from .vn.text import _XML_INVALID_RE, check_xml_chars


def _field_name(path: Path_) -> str:
    return ".".join(str(p) for p in path)


def normalise(located: Located) -> tuple[Located, list[Issue]]:
    issues: list[Issue] = []

    def walk(node: Any, path: Path_) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if isinstance(key, str):
                    try:
                        check_xml_chars(key)
                    except LanguageError as exc:
                        # A field name with a control character or a lone surrogate: say where,
                        # and show it by its code point, never raw.
                        shown = _field_name((*path, exc.params.get("context", "?")))
                        issues.append(Issue(exc.code, shown, located.origin_of((*path, key)), None,
                                            dict(exc.params)))
                        continue
                out[key] = walk(value, (*path, key))
            return out
        if isinstance(node, list):
            return [walk(value, (*path, index)) for index, value in enumerate(node)]
        if isinstance(node, str):
            try:
                text = clean_text(node)
            except LanguageError as exc:
                issues.append(Issue(exc.code, _field_name(path), located.origin_of(path), None,
                                    dict(exc.params)))
                # Reported; what goes on to validation (to find the other problems) must not carry
                # the bad character: a lone surrogate cannot even be encoded in an error message.
                return _XML_INVALID_RE.sub("\ufffd", node)
            converted, encoding = to_unicode(text)
            if encoding is not None:
                issues.append(Issue("legacy_encoding_converted", _field_name(path),
                                    located.origin_of(path), text,
                                    {"encoding": encoding, "converted": converted},
                                    severity="warning"))
                return converted
            return text
        return node

    data = walk(located.data, ())
    return Located(data, located.origins, located.path), issues
