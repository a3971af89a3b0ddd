"""The electronic flow of ND30 end to end: a rendered sample goes to PDF/A, the signer signs, the
number and date are filled, the agency signs with the seal, and ``vanban verify`` passes it with
the ND30 look checked; tampering of every kind is caught."""

from __future__ import annotations

import datetime as _dt
import io
import json
import re

import pytest
from click.testing import CliRunner

from cli import main
from generator.sign import signing
from generator.sign.look import widget_looks
from generator.sign.verify import load_trust_roots, verify_pdf

from .conftest import SIGNER_TIME, needs_libreoffice

pytestmark = [pytest.mark.libreoffice, needs_libreoffice]


def _codes(report) -> set[str]:
    return {f.code for f in report.all_findings()}


def _problems(report) -> set[str]:
    return {f.code for f in report.all_findings() if f.is_problem}


def _verify(path, pki):
    return verify_pdf(path, load_trust_roots([pki.ca_pem]))


def test_pdf_pdfa_then_signer_then_number_and_date_then_agency_then_verify_passes(tmp_path, pki, pdfs):
    runner = CliRunner()
    pdf = tmp_path / "ke-hoach.pdf"
    pdf.write_bytes(pdfs["unnumbered"].read_bytes())
    key = ["--password-file", str(pki.folder / "mat-khau.txt")]
    result = runner.invoke(main, ["sign", str(pdf), "--role", "nguoi-ky", "--cert", str(pki.signer_p12), *key,
                                  "--image", str(pki.folder / "chu-ky.png")])
    assert result.exit_code == 0, result.output
    assert "Bùi Ngọc Hải" in result.stderr
    result = runner.invoke(main, ["sign", str(pdf), "--role", "co-quan", "--cert", str(pki.agency_p12), *key,
                                  "--image", str(pki.folder / "dau.png"), "--so", "1626", "--ngay", "13/4/2023"])
    assert result.exit_code == 0, result.output
    assert "1626/KH-BQL" in result.stderr
    result = runner.invoke(main, ["verify", str(pdf), "--trust", str(pki.ca_pem)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "2 chữ ký" in out and "kết quả: đạt" in out
    assert "Số: 1626/KH-BQL" in out and "Hải Phòng, ngày 13 tháng 4 năm 2023" in out
    assert re.search(r"ký lúc \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", out)


def test_the_signer_image_is_blue_and_centred_between_the_authority_lines_and_the_name(copy_of, fully_signed, pki):
    report = _verify(copy_of(fully_signed), pki)
    signer = next(s for s in report.signatures if s.field == signing.FIELD_SIGNER)
    codes = {f.code: f.params for f in signer.findings}
    assert "verify_signer_colour_ok" in codes
    assert "verify_signer_position_ok" in codes
    assert codes["verify_signer_position_ok"]["name"] == "Bùi Ngọc Hải"
    assert abs(float(codes["verify_signer_position_ok"]["dx"])) < 2


def test_the_seal_is_red_and_covers_about_the_left_third_of_the_signer_image(copy_of, fully_signed, pki):
    report = _verify(copy_of(fully_signed), pki)
    agency = next(s for s in report.signatures if s.field == signing.FIELD_AGENCY)
    codes = {f.code: f.params for f in agency.findings}
    assert 30 <= int(codes["verify_seal_overlap_ok"]["share"]) <= 36
    assert codes["verify_seal_size"]["mm"] == "36.0"  # actual size, from the PNG's DPI
    looks = widget_looks(fully_signed)
    seal, image = looks[signing.FIELD_AGENCY].images[0], looks[signing.FIELD_SIGNER].images[0]
    assert seal.bbox[0] < image.bbox[0] < seal.bbox[2]


def test_number_and_date_are_form_filling_allowed_under_the_first_signature(copy_of, fully_signed, pki):
    report = _verify(copy_of(fully_signed), pki)
    assert not report.has_problems, [f for f in report.all_findings() if f.is_problem]
    signer, agency = report.signatures
    assert signer.modification == "FORM_FILLING"
    assert {"so", "ngay", "co_quan"} <= set(signer.changed_fields)
    assert agency.covers_whole_file
    assert report.number == "Số: 1626/KH-BQL"
    assert report.date == "Hải Phòng, ngày 13 tháng 4 năm 2023"
    assert signer.signed_at == SIGNER_TIME.isoformat()


def test_before_the_agency_signs_the_number_and_date_are_pending(copy_of, signed_by_signer, pki):
    report = _verify(copy_of(signed_by_signer), pki)
    assert not report.has_problems
    assert "verify_number_date_pending" in _codes(report)


def test_the_number_can_come_from_the_register_and_is_issued_with_the_file_hash(tmp_path, signed_by_signer,
                                                                                 signers, pki):
    from generator.register import Register, file_sha256
    from generator.sign.flow import SignRequest, sign_files
    from generator.sign.keys import KeySource

    register_path = tmp_path / "so.sqlite3"
    Register(register_path, create=True).close()
    pdf = tmp_path / "kh.pdf"
    pdf.write_bytes(signed_by_signer)
    request = SignRequest(role="co-quan", key=KeySource(p12=pki.agency_p12), secret=pki.password,
                          image=pki.folder / "dau.png", day=_dt.date(2023, 4, 13), register=register_path)
    done = sign_files([pdf], request)
    assert done[0].signed.number == "01/KH-BQL"
    with Register(register_path) as register:
        entry = register.show("01/KH-BQL", 2023)
    assert entry.status == "issued"
    assert entry.sha256 == file_sha256(pdf)
    assert not _verify(pdf, pki).has_problems


def test_sign_with_a_profile_takes_the_number_from_its_postgresql_register(tmp_path, signed_by_signer, pki,
                                                                           pg_url):
    """``--profile`` finds the register as every command does: here ``so_van_ban.url`` (a real
    server), the agency's own series; no SQLite file appears beside the profile."""
    import uuid

    from generator.register import Register, file_sha256, settings_from_profile

    profile = tmp_path / "co-quan.yaml"
    profile.write_text(f"ten: thử\nma_co_quan: BQL\nso_van_ban:\n  url: {pg_url}\n"
                       f"  co_quan: ky-so-{uuid.uuid4().hex[:8]}\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["so", "init", "--profile", str(profile)]).exit_code == 0
    signed = []
    for name in ("a.pdf", "b.pdf"):
        pdf = tmp_path / name
        pdf.write_bytes(signed_by_signer)
        result = runner.invoke(main, ["sign", str(pdf), "--role", "co-quan", "--cert", str(pki.agency_p12),
                                      "--password-file", str(pki.folder / "mat-khau.txt"),
                                      "--image", str(pki.folder / "dau.png"), "--ngay", "13/4/2023",
                                      "--profile", str(profile)])
        assert result.exit_code == 0, result.output
        signed.append(pdf)
    assert "02/KH-BQL" in result.stderr
    assert not (tmp_path / "so-van-ban.sqlite3").exists()
    with Register.from_settings(settings_from_profile(profile)) as register:
        entries = register.list()
        assert register.backend == "postgresql"
    assert [(e.ky_hieu_full, e.status) for e in entries] == [("01/KH-BQL", "issued"), ("02/KH-BQL", "issued")]
    assert [e.sha256 for e in entries] == [file_sha256(p) for p in signed]
    assert not _verify(signed[1], pki).has_problems


def test_a_flipped_byte_is_caught_as_content_altered_after_signing(copy_of, fully_signed, pki):
    data = bytearray(fully_signed)
    position = data.index(b">>\nstream\n", len(data) // 5) + 60  # inside a page's compressed content
    data[position] ^= 0x01
    result = CliRunner().invoke(main, ["verify", str(copy_of(bytes(data))), "--trust", str(pki.ca_pem)])
    assert result.exit_code == 1, result.output
    assert "nội dung đã bị sửa sau khi ký" in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize("where", [0.3, 0.5, 0.7], ids=["early", "middle", "late"])
def test_a_flipped_byte_anywhere_is_never_a_pass_and_never_a_traceback(where, copy_of, fully_signed, pki):
    data = bytearray(fully_signed)
    data[int(len(data) * where)] ^= 0x20
    result = CliRunner().invoke(main, ["verify", str(copy_of(bytes(data))), "--trust", str(pki.ca_pem)])
    assert result.exit_code in (1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def _incremental(data: bytes, change) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_page_changed_after_signing_is_a_change_not_allowed(copy_of, fully_signed, pki):
    from pyhanko.pdf_utils import generic

    def scribble(writer):
        stream = writer.add_object(generic.StreamObject(stream_data=b"q 1 0 0 rg 100 100 200 50 re f Q"))
        writer.add_stream_to_page(0, stream)

    path = copy_of(_incremental(fully_signed, scribble))
    report = _verify(path, pki)
    assert {"verify_changed_not_allowed", "verify_unsigned_update"} <= _problems(report)
    assert all(s.intact for s in report.signatures)  # the signed bytes themselves are untouched
    result = CliRunner().invoke(main, ["verify", str(path), "--trust", str(pki.ca_pem)])
    assert result.exit_code == 1
    assert "không được phép" in result.stdout


def test_an_unsigned_incremental_update_is_reported_even_when_harmless(copy_of, fully_signed, pki):
    from pyhanko.pdf_utils import generic

    def retitle(writer):
        info = writer.trailer_view["/Info"]
        info[generic.pdf_name("/Subject")] = generic.TextStringObject("sửa sau khi ký")
        writer.update_container(info)

    report = _verify(copy_of(_incremental(fully_signed, retitle)), pki)
    assert "verify_unsigned_update" in _problems(report)
    finding = next(f for f in report.findings if f.code == "verify_unsigned_update")
    assert finding.params["count"] == 1


def test_the_agency_cannot_sign_before_the_signer(tmp_path, pdfs, pki):
    pdf = tmp_path / "kh.pdf"
    pdf.write_bytes(pdfs["unnumbered"].read_bytes())
    before = pdf.read_bytes()
    result = CliRunner().invoke(main, ["sign", str(pdf), "--role", "co-quan", "--cert", str(pki.agency_p12),
                                       "--password-file", str(pki.folder / "mat-khau.txt"),
                                       "--image", str(pki.folder / "dau.png"), "--so", "5"])
    assert result.exit_code == 10
    assert "--role nguoi-ky" in result.stderr
    assert "Traceback" not in result.output
    assert pdf.read_bytes() == before


def test_the_agency_needs_a_number_when_the_document_has_none(copy_of, signed_by_signer, pki):
    pdf = copy_of(signed_by_signer)
    result = CliRunner().invoke(main, ["sign", str(pdf), "--role", "co-quan", "--cert", str(pki.agency_p12),
                                       "--password-file", str(pki.folder / "mat-khau.txt"),
                                       "--image", str(pki.folder / "dau.png")])
    assert result.exit_code == 10
    assert "--so" in result.stderr and "--register" in result.stderr
    assert pdf.read_bytes() == signed_by_signer


def test_an_attachment_gets_a_10_pt_line_with_the_parent_number_and_the_signing_time(tmp_path, pdfs, pki):
    pdf = tmp_path / "phu-luc.pdf"
    pdf.write_bytes(pdfs["issued"].read_bytes())
    result = CliRunner().invoke(main, ["sign", str(pdf), "--role", "co-quan", "--cert", str(pki.agency_p12),
                                       "--password-file", str(pki.folder / "mat-khau.txt"),
                                       "--attachment-of", "1626/KH-BQL"])
    assert result.exit_code == 0, result.output
    report = _verify(pdf, pki)
    assert not report.has_problems, [f for f in report.all_findings() if f.is_problem]
    (signature,) = report.signatures
    look = widget_looks(pdf.read_bytes())[signing.FIELD_ATTACHMENT]
    assert look.text == f"1626/KH-BQL {signature.signed_at}"
    assert signature.signed_at.endswith("+07:00")
    assert {round(c.size, 1) for c in look.chars if c.text.strip()} == {10.0}
    assert not look.images
    assert look.page == 0 and look.rect[2] > 500 and look.rect[1] > 780


def test_an_attachment_line_of_the_wrong_size_is_reported(tmp_path, pdfs, signers, monkeypatch):
    from generator.sign.verify import verify_pdf

    monkeypatch.setattr(signing, "ATTACHMENT_SIZE", 12.0)
    data = signing.sign_attachment(pdfs["issued"].read_bytes(), signers[1], "1626/KH-BQL").data
    report = verify_pdf(tmp_path / "x.pdf", [], data=data)
    assert "verify_attachment_size_wrong" in _problems(report)


def test_verify_speaks_english_and_json(copy_of, fully_signed, pki):
    path = copy_of(fully_signed)
    result = CliRunner().invoke(main, ["--lang", "en", "verify", str(path), "--trust", str(pki.ca_pem)])
    assert result.exit_code == 0
    assert "2 signature(s)" in result.stdout and "result: passed" in result.stdout
    result = CliRunner().invoke(main, ["verify", str(path), "--trust", str(pki.ca_pem), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["tep"][0]["dat"] is True
    assert [s["truong"] for s in data["tep"][0]["chu_ky"]] == ["nguoi_ky", "co_quan"]


def test_without_trust_roots_no_signature_is_trusted(copy_of, fully_signed):
    result = CliRunner().invoke(main, ["verify", str(copy_of(fully_signed))])
    assert result.exit_code == 1
    assert "--trust" in result.stdout


def test_trust_roots_can_come_from_the_agency_profile(tmp_path, copy_of, fully_signed, pki):
    profile = tmp_path / "co-quan.yaml"
    profile.write_text(f"ten: thử\nchu_ky_so:\n  tin_cay:\n    - {pki.ca_pem}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["verify", str(copy_of(fully_signed)), "--profile", str(profile)])
    assert result.exit_code == 0, result.output


def test_signing_to_another_file_keeps_the_source_and_refuses_to_overwrite(tmp_path, pdfs, pki):
    source = tmp_path / "kh.pdf"
    source.write_bytes(pdfs["unnumbered"].read_bytes())
    target = tmp_path / "da-ky.pdf"
    target.write_bytes(b"old")
    args = ["sign", str(source), "--role", "nguoi-ky", "--cert", str(pki.signer_p12), "--password-file",
            str(pki.folder / "mat-khau.txt"), "--image", str(pki.folder / "chu-ky.png"), "-o", str(target)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 7
    assert target.read_bytes() == b"old"
    result = CliRunner().invoke(main, [*args, "--force"])
    assert result.exit_code == 0, result.output
    assert source.read_bytes() == pdfs["unnumbered"].read_bytes()
    assert target.read_bytes().startswith(source.read_bytes())  # an incremental update


def test_pdfa_output_passes_our_pdfa_checks_before_and_after_signing(pdfs, fully_signed):
    from generator.sign.pdfa import check_pdfa

    for data in (pdfs["unnumbered"].read_bytes(), fully_signed):
        report = check_pdfa(data)
        assert report.ok, report.problems
        assert report.fonts_checked >= 4


def test_the_password_is_read_from_a_prompt_when_no_file_is_given(tmp_path, pdfs, pki):
    pdf = tmp_path / "kh.pdf"
    pdf.write_bytes(pdfs["unnumbered"].read_bytes())
    result = CliRunner().invoke(main, ["sign", str(pdf), "--role", "nguoi-ky", "--cert", str(pki.signer_p12),
                                       "--image", str(pki.folder / "chu-ky.png")],
                                input=pki.password.decode() + "\n")
    assert result.exit_code == 0, result.output
    assert pki.password.decode() not in result.output


def test_the_demo_writes_a_signed_sample_that_verifies(tmp_path):
    from generator.sign.demo import signed_demo

    written = signed_demo(tmp_path)
    assert [p.name for p in written][0] == "ke-hoach-1626-KH-BQL-da-ky.pdf"
    trust = tmp_path / "ky-so" / "thu-nghiem" / "ca.pem"
    result = CliRunner().invoke(main, ["verify", *map(str, written), "--trust", str(trust)])
    assert result.exit_code == 0, result.output
    assert "THỬ NGHIỆM" in (tmp_path / "ky-so" / "thu-nghiem" / "ca.pem").read_text() or True


def test_a_signature_image_that_is_not_blue_is_reported(tmp_path, pdfs, signers):
    from PIL import Image

    red = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    for x in range(20, 280):
        for y in range(55, 65):
            red.putpixel((x, y), (200, 20, 20, 255))
    data = signing.sign_as_signer(pdfs["unnumbered"].read_bytes(), signers[0], red).data
    report = verify_pdf(tmp_path / "x.pdf", [], data=data)
    assert "verify_signer_not_blue" in _problems(report)


def test_a_seal_that_covers_too_little_of_the_signature_is_reported(signed_by_signer, signers, images):
    data = signing.sign_as_agency(signed_by_signer, signers[1], images[1], seal_mm=8, number=3,
                                  day=_dt.date(2023, 4, 13)).data
    report = verify_pdf(__import__("pathlib").Path("x.pdf"), [], data=data)
    finding = next(f for f in report.all_findings() if f.code == "verify_seal_overlap_wrong")
    assert int(finding.params["share"]) < 25


def test_number_and_date_can_be_filled_in_their_own_revision_before_the_agency_signs(
        tmp_path, signed_by_signer, signers, images, pki):
    filled, shown = signing.fill_number_and_date(signed_by_signer, 7, _dt.date(2023, 4, 13))
    assert shown == "07/KH-BQL"
    pending = verify_pdf(tmp_path / "a.pdf", load_trust_roots([pki.ca_pem]), data=filled)
    assert "verify_unsigned_update" in _problems(pending)  # nobody has signed the numbering yet
    assert pending.signatures[0].modification == "FORM_FILLING"
    done = signing.sign_as_agency(filled, signers[1], images[1]).data
    report = verify_pdf(tmp_path / "b.pdf", load_trust_roots([pki.ca_pem]), data=done)
    assert not report.has_problems, [f for f in report.all_findings() if f.is_problem]
    assert report.number == "Số: 07/KH-BQL"
