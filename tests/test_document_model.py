"""The one ND30 document model: free articles and "Như Điều N", signature chains, annexes and their
sections, optional parts, numbers and unit codes kept as typed, tables from Excel checked early, and
kinds as presets (one module + one registry line) with imports going one way."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.document.signature import chain_problems
from generator.errors import ValidationFailed
from generator.kinds import KINDS
from tests.conftest import SAMPLES
from tests.docx_helpers import NS, paragraphs, part, plain_text, q
from tests.forms import write_yaml

ROOT = Path(__file__).resolve().parents[1]

AGENCY = {"co_quan_chu_quan": "UBND thành phố Hải Phòng", "co_quan_ban_hanh": "Ủy ban nhân dân xã Tân Tiến",
          "ma_co_quan": "UBND", "dia_danh": "Tân Tiến", "so": 7, "ngay": "05/3/2026"}
SIGNER = {"quyen_han": "TM.", "chuc_vu": ["Ủy ban nhân dân", "KT. Chủ tịch", "Phó Chủ tịch"], "ho_ten": "Vũ Thị Lan"}


def decision(**changes) -> dict:
    data = {"loai": "quyet-dinh", **AGENCY, "trich_yeu": "Về việc công nhận tổ dân phố văn hóa",
            "can_cu": ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"],
            "dieu": ["Công nhận 12 tổ dân phố văn hóa.",
                     "Văn phòng và các tổ dân phố chịu trách nhiệm thi hành Quyết định này."],
            "nguoi_ky": SIGNER, "noi_nhan": ["Đảng ủy xã", "Lưu: VT, VHXH"]}
    data.update(changes)
    return data


def render(tmp_path: Path, data: dict, name: str = "form.yaml") -> Path:
    form = write_yaml(tmp_path / name, data)
    return pipeline.generate(form, tmp_path / "out.docx", force=True).written[0]


def texts(docx: Path) -> list[str]:
    return [p.text for p in paragraphs(docx)]


def refused(tmp_path: Path, data: dict) -> dict[str, object]:
    form = write_yaml(tmp_path / "form.yaml", data)
    with pytest.raises(ValidationFailed) as info:
        pipeline.check(form)
    return {issue.code: issue for issue in info.value.issues}


# --------------------------------------------------------------------------------------------
# Decisions with free articles


@pytest.mark.parametrize("count", [1, 2, 4, 7])
def test_a_decision_has_as_many_articles_as_the_form_gives_and_names_its_execution_article(tmp_path, count):
    articles = [f"Nội dung điều {n}." for n in range(1, count)] + ["Các cơ quan chịu trách nhiệm thi hành Quyết định này."]
    docx = render(tmp_path, decision(dieu=articles))
    lines = texts(docx)
    assert [line.split(".")[0] for line in lines if line.startswith("Điều ")] == [f"Điều {n}" for n in range(1, count + 1)]
    assert f"- Như Điều {count};" in lines
    assert sum(1 for line in lines if line.startswith("- Như Điều")) == 1


def test_the_execution_article_may_be_any_article_and_is_marked_in_the_form(tmp_path):
    docx = render(tmp_path, decision(dieu=["Công nhận.", {"noi_dung": "Các ông, bà có tên tại Điều 1 thực hiện.",
                                                          "thi_hanh": True}, "Quyết định này có hiệu lực."]))
    assert "- Như Điều 2;" in texts(docx)


def test_a_typed_nhu_dieu_line_is_kept_once_when_it_matches(tmp_path):
    docx = render(tmp_path, decision(noi_nhan=["Như Điều 2", "Đảng ủy xã", "Lưu: VT, VHXH"]))
    assert [line for line in texts(docx) if line.startswith("- Như")] == ["- Như Điều 2;"]


def test_a_typed_nhu_dieu_line_naming_another_article_is_an_error(tmp_path):
    issues = refused(tmp_path, decision(noi_nhan=["Như Điều 3", "Lưu: VT, VHXH"]))
    assert "noi_nhan_nhu_dieu_wrong" in issues


def test_two_articles_marked_as_execution_articles_are_an_error(tmp_path):
    issues = refused(tmp_path, decision(dieu=[{"noi_dung": "A.", "thi_hanh": True}, {"noi_dung": "B.", "thi_hanh": True}]))
    assert "articles_two_execution" in issues


def test_nhu_dieu_can_be_left_out_as_real_decisions_do(tmp_path):
    docx = render(tmp_path, decision(nhu_dieu=False))
    assert not any(line.startswith("- Như Điều") for line in texts(docx))


def test_an_enacting_formula_closes_the_can_cu_block_instead_of_quyet_dinh(tmp_path):
    docx = render(tmp_path, decision(cong_thuc="Ủy ban nhân dân ban hành Quyết định công nhận"))
    lines = texts(docx)
    assert "QUYẾT ĐỊNH:" not in lines
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in lines
    assert "Ủy ban nhân dân ban hành Quyết định công nhận." in lines


def test_an_article_with_a_title_and_clauses_is_a_bold_heading_followed_by_its_clauses(tmp_path):
    docx = render(tmp_path, decision(dieu=[{"tieu_de": "Phạm vi điều chỉnh", "noi_dung": "1. Một.\n\n2. Hai."},
                                           {"noi_dung": "1. Có hiệu lực.\n\n2. Thay thế Quyết định cũ."},
                                           "Văn phòng chịu trách nhiệm thi hành Quyết định này."]))
    paras = paragraphs(docx)
    heading = next(p for p in paras if p.text == "Điều 1. Phạm vi điều chỉnh")
    assert heading.style == "VBDieu"
    label = next(p for p in paras if p.text == "Điều 2.")
    assert label.style == "VBDieu"


# --------------------------------------------------------------------------------------------
# Signature chains


@pytest.mark.parametrize("lines", [
    ["GIÁM ĐỐC"],
    ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    ["TL. CỤC TRƯỞNG", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"],
    ["TL. BỘ TRƯỞNG", "KT. CỤC TRƯỞNG CỤC HẢI QUAN", "PHÓ CỤC TRƯỞNG"],
    ["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"],
    ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"],
    ["TUQ. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"],
    ["Q. GIÁM ĐỐC"],
], ids=lambda lines: " / ".join(lines))
def test_the_chains_nd30_allows_have_no_problem(lines):
    assert chain_problems(lines) == []


@pytest.mark.parametrize("lines, code", [
    (["KT. GIÁM ĐỐC"], "signer_kt_needs_deputy"),
    (["KT. GIÁM ĐỐC", "GIÁM ĐỐC"], "signer_kt_same_title"),
    (["TM. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "signer_tm_needs_collective"),
    (["TUQ. GIÁM ĐỐC", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"], "signer_tuq_no_kt"),
    (["GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"], "signer_prefix_position"),
    (["TL. BỘ TRƯỞNG"], "signer_needs_own_title"),
    (["T.M. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "signer_authority_unknown"),
    (["KT. GIÁM ĐỐC", "TRƯỞNG PHÒNG"], "signer_kt_deputy_unusual"),
    (["Q. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "signer_q_extra_line"),
], ids=lambda value: value if isinstance(value, str) else " / ".join(value))
def test_chains_that_break_the_rules_are_named_by_their_problem(lines, code):
    assert code in {p.code for p in chain_problems(lines)}


def test_a_three_level_chain_prints_each_line_in_capitals(tmp_path):
    lines = texts(render(tmp_path, decision()))
    index = lines.index("TM. ỦY BAN NHÂN DÂN")
    assert lines[index:index + 4] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Vũ Thị Lan"]


def test_an_unusual_deputy_title_is_a_warning_not_an_error(tmp_path):
    form = write_yaml(tmp_path / "form.yaml", decision(nguoi_ky={"quyen_han": "KT.", "chuc_vu": ["Giám đốc", "Trưởng phòng"],
                                                                 "ho_ten": "Lê Văn Tám"}))
    loaded = pipeline.check(form)
    assert "signer_kt_deputy_unusual" in {w.code for w in loaded.warnings}


# --------------------------------------------------------------------------------------------
# Annexes and sections


def _sections(docx: Path) -> list:
    root = part(docx, "word/document.xml")
    return [*root.findall(".//w:pPr/w:sectPr", NS), root.find("w:body/w:sectPr", NS)]


def table() -> dict:
    return {"bang": {"cot": ["TT", "Nội dung"], "dong": [[1, "Một"]]}}


def test_two_annexes_are_numbered_in_roman_numerals_each_on_its_own_section(tmp_path):
    docx = render(tmp_path, decision(phu_luc=[{"tieu_de": "Danh mục A", "noi_dung": [table()]},
                                              {"tieu_de": "Danh mục B", "noi_dung": [table()], "ngang": True}]))
    lines = texts(docx)
    assert "Phụ lục I" in lines and "Phụ lục II" in lines and "DANH MỤC A" in lines
    assert "(Kèm theo Quyết định số 07/QĐ-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân xã Tân Tiến)" in lines
    sections = _sections(docx)
    assert len(sections) == 3
    orientations = [s.find("w:pgSz", NS).get(q("w:orient")) for s in sections]
    assert orientations == [None, None, "landscape"]
    assert [s.find("w:pgNumType", NS) is not None for s in sections] == [False, True, True]


def test_one_annex_is_just_phu_luc_and_its_reference_has_draft_blanks(tmp_path):
    data = decision(phu_luc=[{"tieu_de": "Danh mục", "noi_dung": [table()], "cum_tu": "Ban hành kèm theo", "cua": ""}])
    del data["so"]
    lines = texts(render(tmp_path, data))
    assert "Phụ lục" in lines
    assert "(Ban hành kèm theo Quyết định số       /QĐ-UBND ngày 05 tháng 3 năm 2026)" in lines


def test_a_landscape_table_in_the_body_gets_its_own_section_and_the_body_goes_on_in_portrait(tmp_path):
    data = {"loai": "thong-bao", **AGENCY, "trich_yeu": "Lịch làm việc", "nguoi_ky": {"chuc_vu": ["Chủ tịch"], "ho_ten": "Vũ Thị Lan"},
            "noi_nhan": ["Lưu: VT"], "noi_dung": ["Mở đầu.", {"trang_ngang": [table()]}, "Kết thúc."]}
    sections = _sections(render(tmp_path, data))
    assert [s.find("w:pgSz", NS).get(q("w:orient")) for s in sections] == [None, "landscape", None]
    assert all(s.find("w:pgNumType", NS) is None for s in sections)  # numbering runs on


def test_an_annex_only_file_has_no_header_no_closing_and_no_empty_first_page(tmp_path):
    shutil.copy(SAMPLES / "co-quan.yaml", tmp_path / "co-quan.yaml")
    data = {"loai": "phu-luc", "co_quan": "co-quan.yaml",
            "van_ban": {"ten_loai": "Kế hoạch", "so": 88, "ky_hieu": "KH-BQL", "ngay": "12/01/2026",
                        "co_quan": "Ban Quản lý Khu kinh tế Hải Phòng"},
            "phu_luc": [{"tieu_de": "Tiến độ", "ngang": True, "noi_dung": [table()]}]}
    docx = render(tmp_path, data)
    lines = [line for line in texts(docx) if line]
    assert lines[:3] == ["Phụ lục", "TIẾN ĐỘ", "(Kèm theo Kế hoạch số 88/KH-BQL ngày 12 tháng 01 năm 2026 của "
                                              "Ban Quản lý Khu kinh tế Hải Phòng)"]
    assert "Nơi nhận:" not in lines and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in plain_text(docx)
    sections = _sections(docx)
    assert len(sections) == 1 and sections[0].find("w:pgSz", NS).get(q("w:orient")) == "landscape"


# --------------------------------------------------------------------------------------------
# Optional parts, kinds as presets


def test_a_to_trinh_may_go_without_kinh_gui(tmp_path):
    data = {"loai": "to-trinh", **AGENCY, "ma_co_quan": "UBND", "trich_yeu": "Về việc đề nghị phê duyệt",
            "noi_dung": "Kính trình Chủ tịch xem xét, quyết định.", "nguoi_ky": {"chuc_vu": ["Chủ tịch"], "ho_ten": "Vũ Thị Lan"},
            "noi_nhan": ["Lưu: VT"]}
    lines = texts(render(tmp_path, data))
    assert not any(line.startswith("Kính gửi") for line in lines) and "- Như trên;" not in lines


def test_a_report_need_not_be_tied_to_a_plan(tmp_path):
    data = {"loai": "bao-cao", **AGENCY, "trich_yeu": "Giá thị trường tháng 7 năm 2024",
            "kinh_gui": "Bộ Tài chính (Cục Quản lý giá)", "noi_dung": "# I. TỔNG QUAN\n\nGiá ổn định.",
            "nguoi_ky": {"quyen_han": "KT.", "chuc_vu": ["Giám đốc", "Phó Giám đốc"], "ho_ten": "Nguyễn Thị Kim Loan"},
            "noi_nhan": ["Lưu: VT"]}
    lines = texts(render(tmp_path, data))
    assert "Kính gửi: Bộ Tài chính (Cục Quản lý giá)" in lines and "- Như trên;" in lines


def test_a_bien_ban_has_no_date_line_and_two_signatures_with_noi_nhan_below(tmp_path):
    docx = render(tmp_path, {
        "loai": "bien-ban", **AGENCY, "trich_yeu": "Họp Hội đồng", "thoi_gian": "14 giờ, ngày 20/12/2026",
        "dia_diem": "Phòng họp", "thanh_phan": "Các thành viên Hội đồng", "chu_toa": {"ho_ten": "Nguyễn Văn An"},
        "thu_ky": {"ho_ten": "Lê Thị Hoa"}, "noi_dung": "Hội đồng thống nhất.", "ket_thuc": "16 giờ",
        "noi_nhan": ["Thành viên Hội đồng", "Lưu: VT"]})
    text = plain_text(docx)
    assert ", ngày" not in text.split("BIÊN BẢN")[0]
    root = part(docx, "word/document.xml")
    closing = root.findall("w:body/w:tbl", NS)[-1]
    cells = ["".join(t.text for t in tc.iter(q("w:t"))) for tc in closing.findall(".//w:tc", NS)]
    assert cells == ["THƯ KÝLê Thị Hoa", "CHỦ TỌANguyễn Văn An"]
    assert text.index("Nơi nhận:") > text.index("Nguyễn Văn An")


def test_a_number_typed_with_leading_zeros_is_kept_with_a_warning_citing_nd30(tmp_path):
    form = write_yaml(tmp_path / "form.yaml", decision(so="0124"))
    loaded = pipeline.check(form)
    assert [w.code for w in loaded.warnings] == ["so_kept_as_typed"]
    assert "Số: 0124/QĐ-UBND" in texts(render(tmp_path, decision(so="0124")))


def test_a_number_without_zeros_gets_nd30s_leading_zero(tmp_path):
    assert "Số: 07/QĐ-UBND" in texts(render(tmp_path, decision(so="7")))


def test_a_unit_code_with_a_dot_is_accepted_in_the_luu_line(tmp_path):
    docx = render(tmp_path, decision(don_vi={"TH.KM": "Phòng Tổng hợp - Kiểm soát"}, don_vi_soan_thao="TH.KM",
                                     noi_nhan=["Đảng ủy xã"]))
    assert "- Lưu: VT, TH.KM." in texts(docx)


def test_a_table_kept_in_excel_is_read_when_the_form_is_checked(tmp_path):
    data = decision(phu_luc=[{"tieu_de": "Danh mục", "noi_dung": [{"bang": {"tu_tep": "khong-co.xlsx"}}]}])
    issue = refused(tmp_path, data)["table_source_failed"]
    assert issue.origin is not None and issue.origin.line is not None
    assert issue.field == "phu_luc.0.noi_dung.0.bang"


def test_every_kind_is_one_module_and_one_registry_line():
    import importlib
    import re

    registry = (ROOT / "generator" / "kinds" / "__init__.py").read_text(encoding="utf-8")
    modules = re.findall(r"^from \.(\w+) import SPEC as \w+$", registry, re.MULTILINE)
    specs = [importlib.import_module(f"generator.kinds.{module}").SPEC for module in modules]
    assert sorted(spec.kind for spec in specs) == sorted(KINDS)
    assert all(spec.template == "van-ban.docx" for spec in specs)


# --------------------------------------------------------------------------------------------
# Imports go one way


def _module_imports(path: Path, package: str) -> set[str]:
    """The package modules a module imports, at its top level or inside a function (a lazy import
    is still a dependency: it must go the same one way)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")
            base = base[: len(base) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
            if node.module is not None:
                found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("generator"))
    return found


def _graph() -> dict[str, set[str]]:
    modules = {}
    for path in (ROOT / "generator").rglob("*.py"):
        relative = path.relative_to(ROOT).with_suffix("")
        parts = list(relative.parts)
        package = ".".join(parts[:-1]) if parts[-1] != "__init__" else ".".join(parts[:-1])
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = (path, package if parts[-1] != "__init__" else name)
    graph = {}
    for name, (path, package) in modules.items():
        graph[name] = {m for m in _module_imports(path, package) if m in modules and m != name}
    return graph


def test_the_package_has_no_import_cycle():
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join(stack[stack.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


@pytest.mark.parametrize("layer, forbidden", [
    ("generator.kinds", ("generator.forms", "generator.batch", "generator.pipeline", "generator.cli")),
    ("generator.document", ("generator.kinds", "generator.forms", "generator.render", "generator.writer",
                            "generator.pipeline")),
    ("generator.vn", ("generator.kinds", "generator.forms", "generator.document", "generator.render")),
])
def test_lower_layers_never_import_upper_ones(layer, forbidden):
    for name, targets in _graph().items():
        if name == layer or name.startswith(layer + "."):
            bad = [t for t in targets if t.startswith(forbidden)]
            assert not bad, f"{name} imports {bad}"


def test_an_annex_may_carry_a_form_label_a_unit_line_and_its_own_signature(tmp_path):
    docx = render(tmp_path, decision(phu_luc=[{"tieu_de": "Biểu tổng hợp", "bieu_mau": "Biểu mẫu số 02",
                                               "don_vi_tinh": "triệu đồng", "ky": True, "noi_dung": [table()]}]))
    lines = texts(docx)
    annex = lines[lines.index("Biểu mẫu số 02"):]
    assert annex[:3] == ["Biểu mẫu số 02", "Phụ lục", "BIỂU TỔNG HỢP"]
    assert "Đơn vị tính: triệu đồng" in annex
    assert annex[-4:] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Vũ Thị Lan"]
    assert "Nơi nhận:" not in annex
