"""The renderer never writes what its lint rejects: forms of every kind, built at random (tables
with column groups and merged cells, annexes portrait and landscape, long or capitalised titles,
agency names on one or two lines, signature chains), render to documents the lint passes with no
error; input that would break a rule is refused by ``check`` with its location."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.errors import ValidationFailed
from generator.lint import lint_file
from tests.forms import write_yaml

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
UPPER = LETTERS.upper()

word = st.text(alphabet=LETTERS, min_size=1, max_size=9)
proper = st.builds(lambda w: w[:1].upper() + w[1:], word)


def sentence(min_words: int = 2, max_words: int = 18):
    return st.lists(word, min_size=min_words, max_size=max_words).map(
        lambda words: (words[0][:1].upper() + words[0][1:] + " " + " ".join(words[1:])).strip())


agency_line = st.lists(proper, min_size=1, max_size=6).map(" ".join)
agency = st.one_of(agency_line, st.tuples(agency_line, agency_line).map(lambda pair: "\n".join(pair)))
# A trích yếu: sentence case, sometimes very long; a few start with an acronym.
trich_yeu = st.one_of(sentence(2, 40), st.builds(lambda s: "UBND " + s[:1].lower() + s[1:], sentence(2, 12)))

CHAINS = [
    {"chuc_vu": ["Giám đốc"]},
    {"quyen_han": "KT.", "chuc_vu": ["Giám đốc", "Phó Giám đốc"]},
    {"quyen_han": "TM.", "chuc_vu": ["Ủy ban nhân dân", "Chủ tịch"]},
    {"quyen_han": "TM.", "chuc_vu": ["Ủy ban nhân dân", "KT. Chủ tịch", "Phó Chủ tịch"]},
    {"quyen_han": "TL.", "chuc_vu": ["Cục trưởng", "KT. Chánh Văn phòng", "Phó Chánh Văn phòng"]},
    {"quyen_han": "TUQ.", "chuc_vu": ["Giám đốc", "Chánh Văn phòng"]},
    {"quyen_han": "Q.", "chuc_vu": ["Giám đốc"]},
    {"quyen_han": "KT.", "chuc_vu": ["Bộ trưởng, Chủ nhiệm", "Phó Chủ nhiệm"]},
]
name_syllable = st.builds(lambda w: w[:1].upper() + w[1:], st.text(alphabet=LETTERS, min_size=2, max_size=6))
signer = st.builds(lambda chain, names: {**chain, "ho_ten": " ".join(names)},
                   st.sampled_from(CHAINS), st.lists(name_syllable, min_size=2, max_size=4))

cell_value = st.one_of(word, sentence(1, 8), st.integers(0, 10**9), st.just(""))


@st.composite
def table(draw):
    leaves = draw(st.integers(1, 7))
    columns: list = [{"ten": "STT", "canh": "giua"}]
    remaining = leaves
    while remaining:
        size = draw(st.integers(1, remaining))
        if size > 1 and draw(st.booleans()):
            columns.append({"ten": draw(sentence(1, 5)), "cot": [draw(sentence(1, 3)) for _ in range(size)]})
        else:
            size = 1
            columns.append({"ten": draw(sentence(1, 4)), "kieu": "so"} if draw(st.booleans())
                           else draw(sentence(1, 4)))
        remaining -= size
    width = leaves + 1
    rows: list = []
    for number in range(1, draw(st.integers(1, 6)) + 1):
        kind = draw(st.sampled_from(["data", "data", "data", "group", "total"]))
        if kind == "group":
            rows.append({"nhom": [draw(st.sampled_from(["I", "II", "III"])), draw(sentence(1, 6)).upper()]})
        elif kind == "total":
            rows.append({"tong": ["", "Tổng cộng", *[draw(cell_value) for _ in range(width - 2)]]})
        else:
            rows.append([number, *[draw(cell_value) for _ in range(width - 1)]])
    return {"bang": {"cot": columns, "dong": rows, "danh_so_cot": draw(st.booleans())}}


def body(draw, with_tables: bool = True) -> list:
    items: list = []
    for _ in range(draw(st.integers(1, 4))):
        choice = draw(st.sampled_from(["text", "list", "table", "landscape"] if with_tables else ["text", "list"]))
        if choice == "text":
            items.append("\n\n".join(draw(st.lists(sentence(3, 30), min_size=1, max_size=3))) + ".")
        elif choice == "list":
            items.append("# I. " + draw(sentence(1, 6)).upper() + "\n\n" + "\n".join(
                f"- {draw(sentence(2, 12))};" for _ in range(draw(st.integers(1, 3)))))
        elif choice == "table":
            items.append(draw(table()))
        else:
            items.append({"trang_ngang": [draw(table())]})
    if not isinstance(items[-1], str):
        items.append(draw(sentence(3, 10)) + ".")
    return items


@st.composite
def annexes(draw) -> list:
    result = []
    for _ in range(draw(st.integers(0, 3))):
        annex = {"tieu_de": draw(sentence(2, 14)), "noi_dung": [draw(table())], "ngang": draw(st.booleans())}
        if draw(st.booleans()):
            annex["ten"] = ""
        if draw(st.booleans()):
            annex["bieu_mau"] = "Biểu mẫu số 0" + str(draw(st.integers(1, 9)))
            annex["don_vi_tinh"] = "triệu đồng"
        result.append(annex)
    return result


@st.composite
def form(draw) -> dict:
    kind = draw(st.sampled_from(["ke-hoach", "thong-bao", "huong-dan", "cong-van", "bao-cao", "to-trinh",
                                 "quyet-dinh", "quy-che", "bien-ban", "giay-moi", "phu-luc"]))
    data: dict = {
        "loai": kind, "co_quan_ban_hanh": draw(agency), "ma_co_quan": "BQL", "dia_danh": "Hải Phòng",
        "so": draw(st.integers(1, 99999)), "ngay": "15/4/2026", "trich_yeu": draw(trich_yeu),
        "nguoi_ky": draw(signer), "noi_nhan": [draw(sentence(1, 8)) for _ in range(draw(st.integers(0, 4)))]
        + ["Lưu: VT, VP"],
    }
    if draw(st.booleans()):
        data["co_quan_chu_quan"] = draw(agency)
    if kind == "phu-luc":
        return {"loai": kind, "co_quan_ban_hanh": data["co_quan_ban_hanh"], "ma_co_quan": "BQL",
                "dia_danh": "Hải Phòng",
                "van_ban": {"ten_loai": "Kế hoạch", "so": 12, "ky_hieu": "KH-BQL", "ngay": "15/4/2026",
                            "co_quan": "Ban Quản lý"},
                "phu_luc": [{"tieu_de": draw(sentence(2, 14)), "noi_dung": [draw(table())],
                             "ngang": draw(st.booleans())}]}
    if kind in ("cong-van",):
        data["kinh_gui"] = [draw(sentence(1, 6)) for _ in range(draw(st.integers(1, 3)))]
        data["don_vi_soan_thao"] = "VP"
        data["don_vi"] = {"VP": "Văn phòng"}
        data["noi_nhan"] = data["noi_nhan"][:-1]
    elif kind in ("bao-cao", "to-trinh") and draw(st.booleans()):
        data["kinh_gui"] = draw(sentence(1, 6))
    if kind in ("quyet-dinh", "quy-che"):
        data["can_cu"] = [draw(sentence(4, 30)) for _ in range(draw(st.integers(0, 4)))]
        if draw(st.booleans()):
            data["tham_quyen"] = draw(sentence(2, 8))
    if kind == "quyet-dinh":
        articles = [draw(sentence(4, 30)) + "." for _ in range(draw(st.integers(1, 5)))]
        data["dieu"] = articles + [draw(sentence(3, 8)) + " chịu trách nhiệm thi hành Quyết định này."]
    elif kind == "quy-che":
        data["quy_che"] = {"ten": draw(sentence(2, 10)).lower(), "noi_dung": (
            "Chương I\n" + draw(sentence(1, 5)).upper() + "\n\nĐiều 1. " + draw(sentence(1, 6))
            + "\n\n" + draw(sentence(4, 20)) + "./.")}
    elif kind == "bien-ban":
        data.update(thoi_gian="14 giờ 00 phút, ngày 20/12/2026", dia_diem=draw(sentence(2, 8)),
                    thanh_phan=draw(sentence(2, 10)), ket_thuc="16 giờ 30 phút cùng ngày",
                    chu_toa={"ho_ten": "Nguyễn Văn An"}, thu_ky={"ho_ten": "Lê Thị Hoa"},
                    noi_dung=body(draw))
        del data["nguoi_ky"]
    elif kind == "giay-moi":
        data.update(kinh_moi=[draw(sentence(1, 6))], su_kien=draw(sentence(3, 10)), gio="8:00",
                    ngay_hop="20/4/2026", dia_diem=draw(sentence(2, 6)))
    else:
        data["noi_dung"] = body(draw)
    if kind != "quy-che":
        data["phu_luc"] = draw(annexes())
    return data


@settings(max_examples=int(os.environ.get("VANBAN_PROPERTY_EXAMPLES", "50")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=form())
def test_every_document_the_renderer_writes_passes_the_lint_without_an_error(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("prop")
    path = write_yaml(folder / "form.yaml", data)
    try:
        report = pipeline.generate(path, folder / "out.docx")
    except ValidationFailed as exc:  # refused input is fine, as long as it says where
        assert all(issue.origin is not None or issue.field for issue in exc.issues), exc.issues
        event("refused: " + ", ".join(sorted({i.code for i in exc.issues if i.is_error})))
        return
    event("rendered")
    findings = lint_file(report.written[0]).findings
    errors = [f for f in findings if f.severity == "error"]
    assert not errors, [(f.check, str(f.found), str(f.where)) for f in errors]


def test_a_trich_yeu_typed_in_capitals_is_refused_with_its_line(tmp_path):
    from tests.forms import changed

    path = write_yaml(tmp_path / "form.yaml", changed(trich_yeu="PHÁT ĐỘNG THI ĐUA NĂM 2026"))
    with pytest.raises(ValidationFailed) as info:
        pipeline.check(path)
    issue = next(i for i in info.value.issues if i.field == "trich_yeu")
    assert issue.code == "trich_yeu_all_caps" and issue.origin.line is not None
