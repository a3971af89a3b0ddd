"""User-facing text, Vietnamese first, English on request (``--lang en``).

Every error and warning is identified by a code; this module turns a code and its parameters into
a sentence. The language helpers keep their own catalogue (``generator.vn.errors.MESSAGES``), which
is merged in here. Unknown codes fall back to a neutral sentence rather than a crash.
"""

from __future__ import annotations

from typing import Any

from .errors import Issue, VanbanError
from .vn.errors import MESSAGES as LANGUAGE_MESSAGES

LANGUAGES = ("vi", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # --- reading input
    "file_not_found": {"vi": "không tìm thấy tệp '{path}'", "en": "file '{path}' not found"},
    "file_is_directory": {"vi": "'{path}' là thư mục, không phải tệp", "en": "'{path}' is a folder, not a file"},
    "file_unreadable": {"vi": "không đọc được tệp '{path}': {reason}", "en": "cannot read '{path}': {reason}"},
    "file_not_utf8": {
        "vi": "tệp '{path}' không phải UTF-8 (byte lỗi ở vị trí {position}); hãy lưu lại với mã UTF-8",
        "en": "'{path}' is not UTF-8 (bad byte at offset {position}); save it as UTF-8",
    },
    "yaml_syntax": {
        "vi": "{path}:{line} lỗi cú pháp YAML: {reason}",
        "en": "{path}:{line} YAML syntax error: {reason}",
    },
    "json_syntax": {"vi": "{path}:{line} lỗi cú pháp JSON: {reason}", "en": "{path}:{line} JSON syntax error: {reason}"},
    "form_not_mapping": {
        "vi": "tệp '{path}' phải là một bảng khóa: giá trị (ví dụ 'so: 12')",
        "en": "'{path}' must be a mapping of keys to values (e.g. 'so: 12')",
    },
    "kind_missing": {
        "vi": "thiếu trường 'loai' (loại văn bản); chọn một trong: {allowed}",
        "en": "missing 'loai' (document kind); choose one of: {allowed}",
    },
    "kind_unknown": {
        "vi": "loại văn bản '{value}' không có; chọn một trong: {allowed}",
        "en": "unknown document kind '{value}'; choose one of: {allowed}",
    },
    "kind_mismatch": {"vi": "loại '{value}' khác loại của mẫu '{expected}'", "en": "kind '{value}' is not '{expected}'"},
    "signer_unknown": {
        "vi": "không có người ký '{value}' trong hồ sơ cơ quan; có: {allowed}",
        "en": "no signer '{value}' in the agency profile; known: {allowed}",
    },
    "profile_not_found": {
        "vi": "không tìm thấy hồ sơ cơ quan '{path}'",
        "en": "agency profile '{path}' not found",
    },
    # --- pydantic's own error types
    "missing": {"vi": "thiếu trường bắt buộc", "en": "required field is missing"},
    "extra_forbidden": {
        "vi": "trường '{field}' không có trong mẫu (gõ sai tên trường?)",
        "en": "'{field}' is not a field of this form (misspelt?)",
    },
    "string_type": {"vi": "{value!r} phải là chữ", "en": "{value!r} must be text"},
    "string_too_short": {"vi": "không được để trống", "en": "must not be empty"},
    "too_short": {
        "vi": "cần ít nhất {min_length} mục",
        "en": "needs at least {min_length} item(s)",
    },
    "list_type": {"vi": "phải là một danh sách (mỗi dòng bắt đầu bằng '- ')", "en": "must be a list ('- ' items)"},
    "dict_type": {"vi": "phải là một bảng khóa: giá trị", "en": "must be a mapping of keys to values"},
    "model_type": {"vi": "phải là một bảng khóa: giá trị", "en": "must be a mapping of keys to values"},
    "model_attributes_type": {"vi": "phải là một bảng khóa: giá trị", "en": "must be a mapping of keys to values"},
    "float_parsing": {"vi": "{value!r} không phải là số", "en": "{value!r} is not a number"},
    "float_type": {"vi": "{value!r} không phải là số", "en": "{value!r} is not a number"},
    "int_parsing": {"vi": "{value!r} không phải là số nguyên", "en": "{value!r} is not a whole number"},
    "int_type": {"vi": "{value!r} không phải là số nguyên", "en": "{value!r} is not a whole number"},
    "literal_error": {"vi": "{value!r} không hợp lệ; chọn: {expected}", "en": "{value!r} is not allowed; choose: {expected}"},
    # --- header rules
    "number_invalid": {
        "vi": "số văn bản {value!r} phải là số nguyên dương, ví dụ 5 hoặc 1626",
        "en": "document number {value!r} must be a positive whole number, e.g. 5 or 1626",
    },
    "number_not_positive": {
        "vi": "số văn bản {value!r} phải từ 1 trở lên (số đánh từ 01 mỗi năm)",
        "en": "document number {value!r} must be 1 or more (numbers start at 01 each year)",
    },
    "final_needs_number": {
        "vi": "bản chính thức (--final) phải có số văn bản",
        "en": "a final document (--final) needs its number",
    },
    "final_needs_date": {
        "vi": "bản chính thức (--final) phải có ngày ban hành",
        "en": "a final document (--final) needs its date",
    },
    "agency_code_invalid": {
        "vi": "chữ viết tắt cơ quan '{value}' chỉ gồm chữ in hoa và số, không dấu cách (ví dụ BQL)",
        "en": "agency code '{value}' must be capitals and digits without spaces (e.g. BQL)",
    },
    "signer_authority_unknown": {
        "vi": "quyền hạn ký '{value}' không đúng; dùng một trong: {allowed} (hoặc để trống khi thủ trưởng ký)",
        "en": "signing authority '{value}' is not valid; use one of: {allowed} (or leave empty when the head signs)",
    },
    "signer_kt_needs_deputy": {
        "vi": "ký thay (KT.) cần dòng chức vụ của cấp phó dưới dòng 'KT. {head}', ví dụ 'PHÓ {head}'",
        "en": "KT. (signing for the head) needs the deputy's title under 'KT. {head}', e.g. 'PHÓ {head}'",
    },
    "signer_kt_same_title": {
        "vi": "dòng chức vụ sau 'KT. {head}' phải là chức vụ cấp phó, không lặp lại '{head}'",
        "en": "the line after 'KT. {head}' must be the deputy's title, not '{head}' again",
    },
    "signer_tm_needs_collective": {
        "vi": "'TM.' đứng trước tên tập thể (ví dụ 'TM. ỦY BAN NHÂN DÂN'), không đứng trước chức vụ '{value}'",
        "en": "'TM.' goes before a collective's name (e.g. 'TM. ỦY BAN NHÂN DÂN'), not before the title '{value}'",
    },
    "signer_needs_own_title": {
        "vi": "'{authority}' cần thêm dòng chức vụ của người ký",
        "en": "'{authority}' needs a line with the signer's own title",
    },
    "signer_tuq_no_kt": {
        "vi": "người ký thừa ủy quyền (TUQ.) không được ủy quyền tiếp: bỏ dòng 'KT.'",
        "en": "TUQ. cannot be delegated further: remove the 'KT.' line",
    },
    "signer_name_title": {
        "vi": "họ tên '{value}' không ghi học hàm, học vị (GS., TS., ThS., ...) trước tên",
        "en": "name '{value}' must not carry an academic title (GS., TS., ThS., ...)",
    },
    "signer_name_case": {
        "vi": "họ tên '{value}' phải viết hoa chữ cái đầu mỗi tiếng, ví dụ 'Nguyễn Văn An'",
        "en": "name '{value}' must capitalise each syllable, e.g. 'Nguyễn Văn An'",
    },
    "noi_nhan_last_not_luu": {
        "vi": "dòng cuối của nơi nhận phải là 'Lưu: VT, ...' (đang là '{value}')",
        "en": "the last recipient line must be 'Lưu: VT, ...' (found '{value}')",
    },
    "noi_nhan_luu_needs_vt": {
        "vi": "dòng lưu phải bắt đầu bằng 'Lưu: VT' (Văn thư), ví dụ 'Lưu: VT, VP' (đang là '{value}')",
        "en": "the archive line must start 'Lưu: VT', e.g. 'Lưu: VT, VP' (found '{value}')",
    },
    "layout_out_of_range": {
        "vi": "{value} nằm ngoài khoảng Nghị định 30 cho phép ({low}–{high})",
        "en": "{value} is outside the range ND30 allows ({low}–{high})",
    },
    "layout_sizes_incoherent": {
        "vi": "cỡ chữ Tiêu ngữ ({tieu_ngu}) phải lớn hơn Quốc hiệu ({quoc_hieu}) 1 pt, ví dụ 13/14 hoặc 12/13",
        "en": "the Tiêu ngữ size ({tieu_ngu}) must be the Quốc hiệu size ({quoc_hieu}) + 1, e.g. 13/14 or 12/13",
    },
    "layout_date_size": {
        "vi": "cỡ chữ dòng địa danh, ngày tháng ({value}) phải bằng cỡ chữ Tiêu ngữ ({tieu_ngu})",
        "en": "the date line size ({value}) must equal the Tiêu ngữ size ({tieu_ngu})",
    },
    "markup_unknown_block": {
        "vi": "khối '{{{{ {name} }}}}' không có ở loại văn bản này; dùng: {allowed}",
        "en": "block '{{{{ {name} }}}}' does not exist for this kind; use: {allowed}",
    },
    # --- plan
    "phase_ends_before_start": {
        "vi": "ngày kết thúc {end} trước ngày bắt đầu {start}",
        "en": "end date {end} is before the start date {start}",
    },
    "deadline_before_phase_start": {
        "vi": "hạn báo cáo {deadline} phải sau ngày bắt đầu giai đoạn {start}",
        "en": "the report deadline {deadline} must be after the phase starts ({start})",
    },
    "phases_out_of_order": {
        "vi": "giai đoạn thứ {index} ('{name}') bắt đầu {start}, không sau khi '{previous}' kết thúc ({previous_end}); các giai đoạn phải theo thứ tự thời gian, không chồng lên nhau",
        "en": "phase {index} ('{name}') starts {start}, not after '{previous}' ends ({previous_end}); phases must be in time order without overlap",
    },
    # --- normalisation
    "legacy_encoding_converted": {
        "vi": "chữ gõ bằng bảng mã cũ {encoding} đã được chuyển sang Unicode: '{converted}'",
        "en": "text typed in the legacy {encoding} encoding was converted to Unicode: '{converted}'",
    },
    # --- templates, rendering, output
    "template_missing": {"vi": "không tìm thấy mẫu '{path}'", "en": "template '{path}' not found"},
    "template_broken": {"vi": "mẫu '{path}' bị lỗi: {reason}", "en": "template '{path}' is broken: {reason}"},
    "template_contract": {
        "vi": "mẫu '{path}' không khớp dữ liệu: thiếu {missing}; thừa {extra}",
        "en": "template '{path}' does not match its data: missing {missing}; extra {extra}",
    },
    "render_failed": {"vi": "không tạo được văn bản: {reason}", "en": "rendering failed: {reason}"},
    "output_exists": {
        "vi": "tệp '{path}' đã có; dùng --force để ghi đè",
        "en": "'{path}' already exists; use --force to overwrite",
    },
    "output_unwritable": {"vi": "không ghi được '{path}': {reason}", "en": "cannot write '{path}': {reason}"},
    "validation_failed": {
        "vi": "có {count} lỗi; chưa ghi tệp nào",
        "en": "{count} error(s); nothing was written",
    },
    # --- CLI words
    "label_error": {"vi": "lỗi", "en": "error"},
    "label_warning": {"vi": "cảnh báo", "en": "warning"},
    "written": {"vi": "đã ghi {path}", "en": "wrote {path}"},
    "form_ok": {"vi": "{path}: hợp lệ ({kind}, {mode})", "en": "{path}: valid ({kind}, {mode})"},
    "starter_written": {"vi": "đã tạo mẫu điền {path}", "en": "wrote starter form {path}"},
    "demo_done": {
        "vi": "đã tạo {count} văn bản mẫu trong {path}",
        "en": "rendered {count} sample document(s) into {path}",
    },
    "templates_built": {"vi": "đã dựng {count} mẫu trong {path}", "en": "built {count} template(s) in {path}"},
    # --- lint: reading a .docx (generator.lint.package)
    "lint_unreadable": {"vi": "không đọc được '{path}'", "en": "cannot read '{path}'"},
    "lint_not_docx": {
        "vi": "'{path}' không phải tệp Word .docx hợp lệ (tệp zip hỏng hoặc bị cắt cụt): {reason}",
        "en": "'{path}' is not a valid Word .docx (broken or truncated zip): {reason}",
    },
    "lint_file_too_large": {
        "vi": "tệp '{path}' quá lớn ({size} byte, tối đa {limit})",
        "en": "'{path}' is too large ({size} bytes, limit {limit})",
    },
    "lint_zip_entries": {
        "vi": "tệp '{path}' có quá nhiều phần ({count}, tối đa {limit})",
        "en": "'{path}' has too many entries ({count}, limit {limit})",
    },
    "lint_part_too_large": {
        "vi": "phần '{part}' của '{path}' giải nén ra quá {limit} byte (có thể là bom nén); dừng đọc",
        "en": "part '{part}' of '{path}' inflates past {limit} bytes (possible zip bomb); stopped reading",
    },
    "lint_zip_bomb": {
        "vi": "'{path}' giải nén ra quá {limit} byte (có thể là bom nén); dừng đọc",
        "en": "'{path}' inflates past {limit} bytes (possible zip bomb); stopped reading",
    },
    "lint_missing_part": {
        "vi": "'{path}' không có phần '{part}': không phải văn bản Word",
        "en": "'{path}' has no '{part}' part: not a Word document",
    },
    "lint_xml_doctype": {
        "vi": "phần '{part}' của '{path}' có khai báo DOCTYPE/thực thể XML; từ chối đọc vì lý do an toàn",
        "en": "part '{part}' of '{path}' declares a DOCTYPE/XML entities; refused for safety",
    },
    "lint_xml_invalid": {
        "vi": "phần '{part}' của '{path}' không phải XML hợp lệ: {reason}",
        "en": "part '{part}' of '{path}' is not well-formed XML: {reason}",
    },
    "lint_clean": {"vi": "{path}: không có lỗi", "en": "{path}: no errors"},
    # --- PDF (generator.pdf)
    "libreoffice_missing": {
        "vi": "không tìm thấy LibreOffice (lệnh 'soffice') để xuất PDF; cài bằng: "
              "sudo apt-get install libreoffice-writer-nogui fonts-liberation",
        "en": "LibreOffice ('soffice') not found, needed for PDF export; install it with: "
              "sudo apt-get install libreoffice-writer-nogui fonts-liberation",
    },
    "pdf_timeout": {
        "vi": "LibreOffice không xuất xong PDF sau {timeout} giây ({count} tệp)",
        "en": "LibreOffice did not finish the PDF export within {timeout} s ({count} file(s))",
    },
    "pdf_failed": {
        "vi": "LibreOffice không xuất được PDF cho: {paths} ({reason})",
        "en": "LibreOffice could not export a PDF for: {paths} ({reason})",
    },
    "pdf_written": {"vi": "đã xuất PDF {path}", "en": "wrote PDF {path}"},
}

for _code, _texts in LANGUAGE_MESSAGES.items():
    MESSAGES.setdefault(_code, _texts)


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def text(code: str, lang: str = "vi", **params: Any) -> str:
    """The sentence for ``code`` in ``lang``, with ``params`` filled in."""
    entry = MESSAGES.get(code)
    if entry is None:
        detail = ", ".join(f"{k}={v!r}" for k, v in params.items() if k != "line_offset")
        return f"{code} ({detail})" if detail else code
    template = entry.get(lang) or entry["vi"]
    try:
        return template.format_map(_Params(params))
    except (ValueError, IndexError, KeyError):
        return template


def format_issue(issue: Issue, lang: str = "vi") -> str:
    """``ke-hoach.yaml:4 ngay: '31/02/2023' không phải là ngày hợp lệ``."""
    params = {"value": issue.value, "field": issue.field.rsplit(".", 1)[-1], **issue.params}
    message = text(issue.code, lang, **params)
    where = str(issue.origin) if issue.origin else ""
    field = issue.field
    head = " ".join(part for part in (where, f"{field}:" if field else "") if part)
    label = text("label_warning", lang) + ": " if issue.severity == "warning" else ""
    return f"{head} {label}{message}".strip()


def format_error(error: VanbanError, lang: str = "vi") -> str:
    return text(error.code, lang, **error.params)

MESSAGES.update({
    # --- distribution lists, units
    "noi_nhan_list_unknown": {
        "vi": "không có danh sách nơi nhận '@{name}' trong hồ sơ cơ quan; có: {allowed}",
        "en": "no distribution list '@{name}' in the agency profile; known: {allowed}",
    },
    "noi_nhan_luu_twice": {
        "vi": "dòng lưu được tạo từ don_vi_soan_thao ({unit}); bỏ dòng '{value}' khỏi nơi nhận",
        "en": "the archive line is built from don_vi_soan_thao ({unit}); remove '{value}' from noi_nhan",
    },
    "unit_unknown": {
        "vi": "không có đơn vị '{value}' trong hồ sơ cơ quan; có: {allowed}",
        "en": "no unit '{value}' in the agency profile; known: {allowed}",
    },
})
