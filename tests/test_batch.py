"""`vanban batch`: decisions, lists, certificates and a print file from one sheet, all or nothing."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

import cli
from generator import batch
from generator.errors import OutputError, ValidationFailed
from tests.conftest import SAMPLES
from tests.docx_helpers import NS, paragraphs, part, q
from tests.libreoffice import needs_libreoffice

SHEET = SAMPLES / "khen-thuong" / "danh-sach.xlsx"
FORM = SAMPLES / "khen-thuong" / "quyet-dinh.yaml"


@pytest.fixture
def workdir(tmp_path) -> Path:
    """A copy of the sample folder, so tests can change the sheet."""
    shutil.copy(SAMPLES / "co-quan.yaml", tmp_path / "co-quan.yaml")
    (tmp_path / "khen-thuong").mkdir()
    shutil.copy(SHEET, tmp_path / "khen-thuong" / "danh-sach.xlsx")
    shutil.copy(FORM, tmp_path / "khen-thuong" / "quyet-dinh.yaml")
    return tmp_path / "khen-thuong"


def run_cli(runner, *args):
    return runner.invoke(cli.main, ["batch", *map(str, args)], catch_exceptions=False)


@pytest.fixture(scope="module")
def grouped(tmp_path_factory):
    out = tmp_path_factory.mktemp("batch")
    options = batch.Options(group_by="Quyết định", merge=out / "in-an.docx", certificates=True, jobs=2)
    result = batch.run(batch.plan(SHEET, FORM, out, options))
    return out, result


def test_one_decision_per_group_with_consecutive_numbers_and_safe_names(grouped):
    out, result = grouped
    names = sorted(p.name for p in out.glob("*.docx"))
    assert names == ["du-thao-2890-qd-bql-hoan-thanh-xuat-sac-nhiem-vu.docx", "du-thao-2891-qd-bql-doanh-nghiep-tieu-bieu.docx",
                     "giay-khen.docx", "in-an.docx"]
    texts = [p.text for p in paragraphs(out / names[1])]
    assert "Số: 2891/QĐ-BQL" in texts
    assert any(t.startswith("Về việc tặng Giấy khen cho các doanh nghiệp") for t in texts)  # theo_nhom
    assert not list(out.glob(".vanban-batch-*"))


def test_the_summary_counts_awardees_and_money_by_form(grouped):
    _, result = grouped
    summary = result.summary
    assert summary["quyet_dinh"] == 2
    assert summary["so_nguoi_theo_hinh_thuc"] == {"Giấy khen": 30}
    # 9 collectives × 1.410.000 + 20 individuals × 710.000 + 1 household × 1.060.000 (base 2.340.000)
    assert summary["tong_tien"] == 9 * 1_410_000 + 20 * 710_000 + 1_060_000


def test_the_print_file_has_a_section_per_part_with_page_numbers_restarting(grouped):
    out, _ = grouped
    body = part(out / "in-an.docx", "word/document.xml").find("w:body", NS)
    sections = body.findall(".//w:sectPr", NS)
    assert len(sections) == 4  # two decisions, each with its attached list
    restarts = [s.find("w:pgNumType", NS) for s in sections]
    assert restarts[0] is None
    assert all(r is not None and r.get(q("w:start")) == "1" for r in restarts[1:])
    headers = [t for t in body.findall("w:tbl", NS)
               if t.find("w:tblPr/w:tblCaption", NS) is not None
               and t.find("w:tblPr/w:tblCaption", NS).get(q("w:val")) == "vanban:header"]
    assert len(headers) == 2


def test_there_is_one_certificate_per_awardee_with_its_so_so_vang(grouped):
    out, _ = grouped
    paras = paragraphs(out / "giay-khen.docx")
    assert sum(1 for p in paras if p.text == "GIẤY KHEN") == 30
    numbers = [p.text for p in paras if p.text.startswith("Số sổ vàng:")]
    assert numbers == [f"Số sổ vàng: {n}" for n in range(1, 31)]
    decisions = {p.text for p in paras if p.text.startswith("Quyết định số")}
    assert decisions == {"Quyết định số 2890/QĐ-BQL ngày 25 tháng 12 năm 2025",
                         "Quyết định số 2891/QĐ-BQL ngày 25 tháng 12 năm 2025"}
    section = part(out / "giay-khen.docx", "word/document.xml").find("w:body/w:sectPr", NS)
    size = section.find("w:pgSz", NS)
    assert size.get(q("w:orient")) == "landscape" and int(size.get(q("w:w"))) > int(size.get(q("w:h")))


def test_every_output_of_the_batch_lints_clean(grouped):
    from generator.lint import lint_file

    out, _ = grouped
    for path in out.glob("*.docx"):
        report = lint_file(path)
        assert not report.errors, (path.name, [f.message() for f in report.errors])


def test_pre_printed_certificates_leave_out_the_fixed_text(tmp_path):
    options = batch.Options(per_row=True, certificates=True, pre_printed=True, start_number=1)
    batch.run(batch.plan(SHEET, FORM, tmp_path, options))
    texts = [p.text for p in paragraphs(tmp_path / "giay-khen-in-phoi.docx")]
    assert "GIẤY KHEN" not in texts and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in texts
    assert "Nguyễn Thị Thu Hà" in texts


def test_per_row_gives_one_decision_per_awardee_naming_them_in_article_1(tmp_path):
    options = batch.Options(per_row=True, start_number=5)
    result = batch.run(batch.plan(SHEET, FORM, tmp_path, options))
    assert len(result.written) == 30
    first = tmp_path / "du-thao-05-qd-bql-phong-quan-ly-dau-tu.docx"
    texts = [p.text for p in paragraphs(first)]
    assert any(t.startswith("Điều 1. Tặng Giấy khen cho Phòng Quản lý đầu tư, Ban Quản lý Khu kinh tế") for t in texts)
    assert not any(p.style == "VBPhuLucTieuDe" for p in paragraphs(first))  # no list for one awardee


def test_a_draft_batch_is_named_as_drafts_and_never_collides_with_the_final_decisions(tmp_path):
    from generator.naming import DRAFT_MARK

    draft = batch.run(batch.plan(SHEET, FORM, tmp_path, batch.Options(group_by="Quyết định")))
    final = batch.run(batch.plan(SHEET, FORM, tmp_path, batch.Options(group_by="Quyết định", mode="final")))
    drafts, finals = sorted(p.name for p in draft.written), sorted(p.name for p in final.written)
    assert drafts == ["du-thao-2890-qd-bql-hoan-thanh-xuat-sac-nhiem-vu.docx",
                      "du-thao-2891-qd-bql-doanh-nghiep-tieu-bieu.docx"]
    assert finals == [name.removeprefix("du-thao-") for name in drafts]  # both kept, side by side
    first_page = lambda path: "".join(part(path, "word/header2.xml").itertext())  # noqa: E731
    assert DRAFT_MARK in first_page(tmp_path / drafts[0]) and DRAFT_MARK not in first_page(tmp_path / finals[0])


def test_jobs_do_not_change_the_bytes(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    batch.run(batch.plan(SHEET, FORM, one, batch.Options(per_row=True, start_number=1, jobs=1)))
    batch.run(batch.plan(SHEET, FORM, two, batch.Options(per_row=True, start_number=1, jobs=2)))
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in two.iterdir())
    assert all((one / n).read_bytes() == (two / n).read_bytes() for n in names)


@pytest.mark.parametrize("pre_printed", [False, True], ids=["certificates", "certificates-on-stock"])
def test_print_files_made_in_the_workers_have_the_bytes_of_one_job(tmp_path, pre_printed):
    """With two jobs each worker merges its range's certificates; the print files are the same."""
    outputs = []
    for jobs in (1, 2):
        out = tmp_path / f"jobs-{jobs}"
        options = batch.Options(per_row=True, start_number=1, jobs=jobs, certificates=True,
                                pre_printed=pre_printed, merge=out / "in-an.docx")
        batch.run(batch.plan(SHEET, FORM, out, options))
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert len(outputs[0]) > 3 and outputs[0] == outputs[1]


def test_a_print_file_joined_from_pieces_is_the_one_merged_at_once_and_refuses_another_template(
        grouped, tmp_path):
    from generator.errors import RenderError
    from generator.merge import merge_files, merge_partials, partial
    from generator.render import DocumentInfo

    files = sorted(p for p in grouped[0].glob("*.docx") if p.name.startswith("du-thao-"))
    assert len(files) >= 2
    info = DocumentInfo(title="Bản in", author="X", date=None, category="ban-in")
    pieces = [files[:1], files[1:], files]
    joined = merge_partials([piece[0] for piece in pieces], [partial(piece) for piece in pieces], info)
    assert joined == merge_files([*files, *files], info)
    other = tmp_path / "other.docx"  # a document of another template: its own styles
    with zipfile.ZipFile(files[0]) as source, zipfile.ZipFile(other, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data.replace(b"</w:styles>", b"<!-- other --></w:styles>")
                            if name == "word/styles.xml" else data)
    for firsts, piece in (([files[0], other], [files[:1], [other]]), ([files[0]], [[files[0], other]])):
        with pytest.raises(RenderError) as caught:
            merge_partials(firsts, [partial(p) for p in piece], info)
        assert caught.value.code == "merge_template_differs" and caught.value.params["path"] == str(other)


@given(count=st.integers(min_value=1, max_value=5000), workers=st.integers(min_value=1, max_value=8))
def test_the_ranges_given_to_workers_cover_every_decision_once_in_order_and_shrink_at_the_end(count, workers):
    ranges = batch._ranges(count, workers)
    assert ranges[0][0] == 0 and ranges[-1][1] == count
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
    sizes = [stop - start for start, stop in ranges]
    assert all(0 < size <= batch._CHUNK for size in sizes)
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] <= 8


def _set_cell(sheet: Path, cell: str, value) -> None:
    workbook = load_workbook(sheet)
    workbook.active[cell] = value
    workbook.save(sheet)


def test_a_bad_row_means_no_file_at_all_and_names_the_cell(runner, workdir, tmp_path):
    sheet = workdir / "danh-sach.xlsx"
    _set_cell(sheet, "D7", None)  # a missing name
    _set_cell(sheet, "C9", "Khác")  # an unknown recipient type
    out = tmp_path / "out"
    result = run_cli(runner, sheet, "--form", workdir / "quyet-dinh.yaml", "-o", out, "--group-by", "Quyết định",
                     "--certificates", "--merge", out / "in-an.docx")
    assert result.exit_code == ValidationFailed.exit_code
    assert "Danh sách!D7" in result.stderr and "Danh sách!C9" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_a_typed_amount_that_differs_is_kept_with_a_warning_naming_the_cell(workdir, tmp_path):
    sheet = workdir / "danh-sach.xlsx"
    _set_cell(sheet, "I6", 700000)  # row 5: Nguyễn Thị Thu Hà, computed 710.000
    plan = batch.plan(sheet, workdir / "quyet-dinh.yaml", tmp_path, batch.Options(group_by="Quyết định"))
    result = batch.run(plan)
    [warning] = [w for w in result.warnings if w.code == "amount_differs"]
    assert str(warning.origin).endswith("Danh sách!I6")
    decision = tmp_path / "du-thao-2890-qd-bql-hoan-thanh-xuat-sac-nhiem-vu.docx"
    row = next(p for p in paragraphs(decision) if p.text == "Nguyễn Thị Thu Hà")
    cells = row.element.getparent().getparent().findall("w:tc", NS)
    assert "".join(cells[3].itertext()) == "700.000"


def test_running_again_finishes_cleanly_and_never_overwrites_a_changed_file_without_force(runner, tmp_path):
    args = [SHEET, "--form", FORM, "-o", tmp_path, "--group-by", "Quyết định"]
    assert run_cli(runner, *args).exit_code == 0
    again = run_cli(runner, *args)
    assert again.exit_code == 0 and "giữ nguyên 2 tệp" in again.stderr
    target = tmp_path / "du-thao-2890-qd-bql-hoan-thanh-xuat-sac-nhiem-vu.docx"
    target.write_bytes(b"edited by hand")
    refused = run_cli(runner, *args)
    assert refused.exit_code == OutputError.exit_code and "--force" in refused.stderr
    assert target.read_bytes() == b"edited by hand"
    assert run_cli(runner, *args, "--force").exit_code == 0
    assert zipfile.is_zipfile(target)


def test_a_crash_while_rendering_leaves_no_file_behind(tmp_path, monkeypatch):
    calls = []
    real = batch._render_bytes

    def flaky(template, job):
        calls.append(job)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return real(template, job)

    monkeypatch.setattr(batch, "_render_bytes", flaky)
    plan = batch.plan(SHEET, FORM, tmp_path / "out", batch.Options(per_row=True, start_number=1, jobs=1))
    with pytest.raises(KeyboardInterrupt):
        batch.run(plan)
    assert not (tmp_path / "out").exists()  # the folder made for this batch went with it
    (tmp_path / "kept").mkdir()  # a folder that was there stays, empty
    calls.clear()
    plan = batch.plan(SHEET, FORM, tmp_path / "kept", batch.Options(per_row=True, start_number=1, jobs=1))
    with pytest.raises(KeyboardInterrupt):
        batch.run(plan)
    assert list((tmp_path / "kept").iterdir()) == []


def test_json_summary_on_stdout(runner, tmp_path):
    result = run_cli(runner, SHEET, "--form", FORM, "-o", tmp_path, "--group-by", "Quyết định", "--json")
    data = json.loads(result.stdout)
    assert data["quyet_dinh"] == 2 and len(data["tep_da_ghi"]) == 2


def test_the_starter_workbook_feeds_a_batch(runner, tmp_path):
    sheet = tmp_path / "danh-sach.xlsx"
    assert runner.invoke(cli.main, ["new", "quyet-dinh-khen-thuong", "--xlsx", "-o", str(sheet)]).exit_code == 0
    form = tmp_path / "qd.yaml"
    assert runner.invoke(cli.main, ["new", "quyet-dinh-khen-thuong", "-o", str(form)]).exit_code == 0
    text = form.read_text(encoding="utf-8")
    form.write_text(text[:text.index("danh_sach:")] + text[text.index("nguoi_ky:"):], encoding="utf-8")
    result = run_cli(runner, sheet, "--form", form, "-o", tmp_path / "out", "--per-row")
    assert result.exit_code == 0, result.stderr
    assert len(list((tmp_path / "out").glob("*.docx"))) == 2


def test_the_readme_step_7_runs_as_written_with_the_files_vanban_new_writes(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli.main, ["new", "quyet-dinh-khen-thuong", "--xlsx", "-o", "danh-sach.xlsx"]).exit_code == 0
    assert runner.invoke(cli.main, ["new", "quyet-dinh-khen-thuong", "-o", "quyet-dinh.yaml"]).exit_code == 0
    result = runner.invoke(cli.main, ["batch", "danh-sach.xlsx", "--form", "quyet-dinh.yaml", "-o", "out/",
                                      "--group-by", "Quyết định", "--merge", "out/in-an.docx", "--certificates"])
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "out").glob("*.docx"))
    assert "in-an.docx" in written and "giay-khen.docx" in written and len(written) == 3  # one decision


def test_a_name_cannot_escape_the_output_folder(workdir, tmp_path):
    sheet = workdir / "danh-sach.xlsx"
    _set_cell(sheet, "D2", "../../etc/passwd")
    result = batch.run(batch.plan(sheet, workdir / "quyet-dinh.yaml", tmp_path / "out",
                                  batch.Options(per_row=True, start_number=1)))
    assert all(p.parent == tmp_path / "out" for p in result.written)
    assert (tmp_path / "out" / "du-thao-01-qd-bql-etc-passwd.docx").exists()


def test_a_decision_that_fails_validation_stops_the_batch_with_every_error(workdir, tmp_path):
    form = workdir / "quyet-dinh.yaml"
    form.write_text(form.read_text(encoding="utf-8") + "\n  Hoàn thành xuất sắc nhiệm vụ:\n    ngay: 31/02/2025\n",
                    encoding="utf-8")
    plan = batch.plan(workdir / "danh-sach.xlsx", form, tmp_path / "out",
                      batch.Options(group_by="Quyết định", jobs=2))
    with pytest.raises(ValidationFailed) as info:
        batch.run(plan)
    assert [(i.code, i.field) for i in info.value.issues if i.is_error] == [("date_invalid", "ngay")]
    assert not (tmp_path / "out").exists()


def test_the_proposal_counts_and_totals_the_same_sheet_the_decisions_use(grouped, tmp_path):
    from generator import pipeline

    _, result = grouped
    out = pipeline.generate(SAMPLES / "khen-thuong" / "to-trinh.yaml", tmp_path).written[0]
    # Centred headings are set in balanced lines: read their line breaks as the spaces they replace.
    texts = [p.text.replace("\n", " ") for p in paragraphs(out)]
    proposal = next(t for t in texts if t.startswith("Đề nghị Trưởng ban tặng Giấy khen"))
    assert "cho 09 tập thể, 20 cá nhân và 01 hộ gia đình (có danh sách kèm theo)" in proposal
    assert "27.950.000 đồng" in proposal and result.summary["tong_tien"] == 27_950_000
    assert texts[texts.index(proposal) + 1] == "Kính trình Trưởng ban xem xét, quyết định./."
    assert any(t.startswith("(Kèm theo Tờ trình số 215/TTr-BQL ngày 18 tháng 12 năm 2025") for t in texts)


def test_a_proposal_for_one_group_counts_only_that_group(tmp_path):
    from generator import pipeline

    text = (SAMPLES / "khen-thuong" / "to-trinh.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "kt"
    shutil.copytree(SAMPLES / "khen-thuong", folder)
    shutil.copy(SAMPLES / "co-quan.yaml", tmp_path / "co-quan.yaml")
    form = folder / "to-trinh.yaml"
    form.write_text(text + "cot_nhom: Quyết định\nnhom: Doanh nghiệp tiêu biểu\n", encoding="utf-8")
    proposal = pipeline.check(form).model.de_xuat
    assert len(proposal.danh_sach) == 13
    form.write_text(text + "cot_nhom: Quyết định\nnhom: Không có\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        pipeline.check(form)
    assert "to_trinh_group_unknown" in {i.code for i in info.value.issues}


@pytest.mark.libreoffice
@needs_libreoffice
def test_the_print_file_has_as_many_pages_as_its_decisions(grouped, tmp_path):
    import re
    import subprocess

    from generator.pdf import convert_to_pdf

    out, _ = grouped
    decisions = sorted(out.glob("du-thao-28*.docx"))
    pdfs = convert_to_pdf([*decisions, out / "in-an.docx"], tmp_path)

    def pages(pdf):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))

    by_name = {p.stem: pages(p) for p in pdfs}
    assert by_name["in-an"] == sum(by_name[d.stem] for d in decisions)
    assert by_name["in-an"] >= 4  # each decision and each attached list starts a page


def test_names_with_xml_characters_come_out_unchanged_in_lists_and_certificates(workdir, tmp_path):
    sheet = workdir / "danh-sach.xlsx"
    name = 'Công ty TNHH A&B <Việt Nam> "Xanh" {{ x }} {_{'
    _set_cell(sheet, "D20", name)  # a collective of the second group
    batch.run(batch.plan(sheet, workdir / "quyet-dinh.yaml", tmp_path,
                         batch.Options(group_by="Quyết định", certificates=True)))
    decision = tmp_path / "du-thao-2891-qd-bql-doanh-nghiep-tieu-bieu.docx"
    assert name in [p.text for p in paragraphs(decision)]
    assert name in [p.text for p in paragraphs(tmp_path / "giay-khen.docx")]
