"""Draft and placeholders (issue 14, items 9–10): checks outside ND30's own table.

``CHK-DT``: the document carries the "DỰ THẢO" mark that ``vanban render`` puts on a draft's first
page (nd30-layout.md, ND30-DT: not defined by ND30, legacy practice). Both a draft and a final are
accepted; a draft is reported as a warning so that it is not sent out as the official copy.
``CHK-PH``: a run of dots left in a paragraph for a value never typed (``ngày ... của``); the rule
is :func:`generator.placeholders.dot_matches`, the same one ``vanban check`` applies to a form.
"""

from __future__ import annotations

from ..naming import DRAFT_MARK
from ..placeholders import dot_matches, excerpt
from .common import Parts, finding, norm
from .document import Document
from .report import WARNING, T, quoted


def chk_draft_mark(doc: Document, parts: Parts):
    for section in doc.sections:
        for paras in section.headers.values():
            for para in paras:
                if norm(para.text).upper() == DRAFT_MARK:
                    yield finding("CHK-DT", T("Dự thảo", "Draft"),
                                  T(f"dấu “{DRAFT_MARK}” ở đầu trang: văn bản là dự thảo",
                                    f"the “{DRAFT_MARK}” mark in the header: the document is a draft"),
                                  T("bản chính thức (vanban render --final) không có dấu dự thảo",
                                    "the final (vanban render --final) has no draft mark"),
                                  para.where, WARNING)
                    return


def chk_placeholders(doc: Document, parts: Parts):
    subject = T("Chỗ giữ chỗ", "Placeholder")
    for para in doc.all_paragraphs():
        matches = dot_matches(para.text)
        if matches:
            run = matches[0].group(0)
            yield finding("CHK-PH", subject, quoted(excerpt(para.text, matches[0], width=40)),
                          T(f"điền giá trị thay cho “{run}”", f"the value typed in place of “{run}”"),
                          para.where, WARNING)


CHECKS = {"CHK-DT": chk_draft_mark, "CHK-PH": chk_placeholders}
