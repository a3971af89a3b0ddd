"""Electronic documents as ND30 defines them: signing in ND30 order, verification, PDF/A checks.

``signing`` signs (pyHanko, PAdES), ``verify`` reports on every signature and the ND30 look of
the page, ``pdfa`` checks PDF/A-2b, ``textlayer`` finds the signature block and the number and
date lines from the PDF's text, ``testpki`` makes a labelled test PKI for tests and the demo.
Nothing here prints: pyHanko's own log records are kept off stderr below.
"""

from __future__ import annotations

import logging

# pyHanko logs validation failures (with tracebacks) at ERROR; without a handler Python's
# last-resort handler would print them. Our reports carry the result instead.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())
logging.getLogger("pyhanko_certvalidator").addHandler(logging.NullHandler())
logging.getLogger("fontTools").addHandler(logging.NullHandler())
