"""CHK-32: appendix pages — each Phụ lục on its own section, numbered from 1, Roman numerals for two
or more; the renderer's annexes pass, broken variants are caught."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from generator import pipeline
from generator.lint import lint_file
from tests.forms import write_yaml

FORM = {
    "loai": "thong-bao", "co_quan_ban_hanh": "Sở Nội vụ", "ma_co_quan": "SNV", "dia_danh": "Nam Định",
    "so": 3, "ngay": "15/4/2026", "trich_yeu": "Danh mục nhiệm vụ", "noi_dung": "Chi tiết tại các Phụ lục kèm theo.",
    "nguoi_ky": {"chuc_vu": ["Giám đốc"], "ho_ten": "Nguyễn Văn An"}, "noi_nhan": ["Lưu: VT"],
    "phu_luc": [{"tieu_de": "Danh mục A", "noi_dung": "Nội dung A."},
                {"tieu_de": "Danh mục B", "noi_dung": "Nội dung B.", "ngang": True,
                 "noi_dung": [{"bang": {"cot": ["TT", "Nội dung", "Ghi chú"], "dong": [[1, "Một", ""]]}}]}],
}


@pytest.fixture
def rendered(tmp_path) -> Path:
    form = write_yaml(tmp_path / "form.yaml", FORM)
    return pipeline.generate(form, tmp_path / "out.docx").written[0]


def _edit(path: Path, change) -> Path:
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    parts["word/document.xml"] = change(parts["word/document.xml"].decode("utf-8")).encode("utf-8")
    target = path.with_name("edited.docx")
    with zipfile.ZipFile(target, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return target


def _chk32(path: Path) -> list[str]:
    return [str(f.found) for f in lint_file(path).findings if f.check == "CHK-32"]


def test_the_renderers_annexes_pass_chk32(rendered):
    assert _chk32(rendered) == []


def test_an_annex_whose_page_numbers_run_on_is_a_warning(rendered):
    edited = _edit(rendered, lambda xml: xml.replace('<w:pgNumType w:start="1"/>', "", 1))
    assert any("chạy tiếp" in found for found in _chk32(edited))


def test_two_annexes_without_roman_numerals_are_a_warning(rendered):
    edited = _edit(rendered, lambda xml: re.sub(r"Phụ lục (I|II)<", "Phụ lục<", xml))
    assert sum("Phụ lục" in found for found in _chk32(edited)) == 2
