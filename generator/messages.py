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
        "vi": "{path}:{line} lỗi cú pháp YAML ở dòng này: kiểm tra thụt lề (mỗi cấp 2 dấu cách), dấu hai "
              "chấm sau tên trường và dấu ngoặc kép; giá trị có ký tự đặc biệt thì đặt trong dấu ngoặc kép",
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
        "vi": "loại văn bản '{value}' không có (các loại: {allowed})",
        "en": "unknown document kind '{value}' (kinds: {allowed})",
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
        "vi": "trường '{field}' không có trong mẫu này (xem mọi trường: vanban schema LOẠI)",
        "en": "'{field}' is not a field of this form (all fields: vanban schema KIND)",
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
    "demo_output_changed": {
        "vi": "{count} tệp trong thư mục đích không phải do lần chạy demo trước ghi, hoặc đã bị sửa "
              "sau đó: {paths}; chưa ghi tệp nào. Dùng --force để ghi đè, hoặc chọn thư mục khác với -o",
        "en": "{count} file(s) in the output folder were not written by the last demo or were changed "
              "since: {paths}; nothing was written. Use --force to overwrite, or choose another folder with -o",
    },
    "demo_unchanged": {"vi": "{count} tệp giống hệt lần trước, giữ nguyên",
                       "en": "{count} file(s) identical to the last run, left as they are"},
    "demo_done": {
        "vi": "đã tạo {count} văn bản mẫu trong {path}",
        "en": "rendered {count} sample document(s) into {path}",
    },
    "templates_built": {"vi": "đã dựng {count} mẫu trong {path}", "en": "built {count} template(s) in {path}"},
    # --- lint: reading a .docx (generator.lint.package)
    "lint_unreadable": {"vi": "không đọc được '{path}'", "en": "cannot read '{path}'"},
    "lint_not_docx": {
        "vi": "'{path}' không phải tệp Word .docx hợp lệ (tệp zip hỏng hoặc bị cắt cụt)",
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
        "vi": "LibreOffice không xuất xong PDF sau {timeout} giây ({count} tệp, đã thử lại một lần): {paths}",
        "en": "LibreOffice did not finish the PDF export within {timeout} s ({count} file(s), tried twice): {paths}",
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
    if "{inner}" in template and "inner_code" in params:  # a problem inside something the form names
        inner = {k: v for k, v in params.items() if k not in ("inner_code", "where")}
        params = {**params, "inner": text(str(params["inner_code"]), lang, **inner)}
    try:
        return template.format_map(_Params(params))
    except (ValueError, IndexError, KeyError):
        return template


def format_issue(issue: Issue, lang: str = "vi") -> str:
    """``ke-hoach.yaml:4 ngay: '31/02/2023' không phải là ngày hợp lệ``."""
    params = {"value": issue.value, "field": issue.field.rsplit(".", 1)[-1], **issue.params}
    message = text(issue.code, lang, **params)
    if issue.params.get("suggestion"):
        message = f"{message}. {text('did_you_mean', lang, **issue.params)}"
    where = str(issue.origin) if issue.origin else ""
    field = field_words(issue.field, lang)
    head = " ".join(part for part in (where, f"{field}:" if field else "") if part)
    label = text("label_warning", lang) + ": " if issue.severity == "warning" else ""
    return f"{head} {label}{message}".strip()


# Names of the list fields, as the clerk reads them in a position ("dòng thứ 3 của nơi nhận").
FIELD_LABELS: dict[str, str] = {
    "noi_nhan": "nơi nhận", "chuc_vu": "chức vụ", "can_cu": "căn cứ", "giai_doan": "giai đoạn",
    "kinh_gui": "kính gửi", "danh_sach": "danh sách", "dieu": "điều", "thanh_phan": "thành phần",
    "phu_luc": "phụ lục", "dong": "bảng", "cot": "cột",
}


def field_words(field: str, lang: str = "vi") -> str:
    """A field path as a clerk reads it: ``noi_nhan.2`` is "dòng thứ 3 của nơi nhận" (lists count
    from 1), ``giai_doan.0.den_ngay`` is "den_ngay, mục thứ 1 của giai đoạn"."""
    parts = field.split(".") if field else []
    index = max((i for i, part in enumerate(parts) if part.isdigit()), default=None)
    if index is None:
        return field
    container = parts[index - 1] if index else ""
    outer = field_words(".".join(parts[:index]), lang)
    if lang == "vi" and outer == container:
        outer = FIELD_LABELS.get(container, container)
    number, rest = int(parts[index]) + 1, ".".join(parts[index + 1:])
    if rest:
        return text("field_item_field", lang, field=rest, number=number, container=outer)
    return text("field_item", lang, number=number, container=outer)


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
    # --- reports
    "plan_not_found": {"vi": "không tìm thấy kế hoạch '{path}'", "en": "plan '{path}' not found"},
    "plan_wrong_kind": {
        "vi": "'{value}' là văn bản loại '{kind}', không phải kế hoạch",
        "en": "'{value}' is a '{kind}', not a plan",
    },
    "plan_not_final": {
        "vi": "kế hoạch '{value}' chưa có số và ngày; báo cáo cần trích dẫn kế hoạch đã ban hành",
        "en": "plan '{value}' has no number and date yet; a report must cite an issued plan",
    },
    "phase_unknown": {
        "vi": "kế hoạch chỉ có {count} giai đoạn, không có giai đoạn {value}",
        "en": "the plan has {count} phase(s), there is no phase {value}",
    },
    "report_after_deadline": {
        "vi": "báo cáo ngày {date} không trước hạn {deadline} của {phase}",
        "en": "the report dated {date} is not before the {phase} deadline {deadline}",
    },
    "quantity_invalid": {
        "vi": "{value!r} không phải là số (viết 95 hoặc 95,5)",
        "en": "{value!r} is not a number (write 95 or 95,5)",
    },
})

MESSAGES.update({
    # --- awardee sheets and bonus amounts (generator.bonus, generator.sheets)
    "recipient_type_unknown": {
        "vi": "'{value}' không phải là đối tượng khen thưởng; hãy gõ một trong: {allowed}",
        "en": "'{value}' is not a recipient type; type one of: {allowed}",
    },
    "recipient_type_missing": {
        "vi": "chưa ghi đối tượng khen thưởng; hãy gõ một trong: {allowed}",
        "en": "the recipient type is empty; type one of: {allowed}",
    },
    "award_form_unknown": {
        "vi": "hình thức khen thưởng '{value}' không có trong bảng khen_thuong của hồ sơ cơ quan; "
              "hãy gõ một trong: {allowed}",
        "en": "award form '{value}' is not in the khen_thuong table of the agency profile; "
              "type one of: {allowed}",
    },
    "award_form_missing": {
        "vi": "chưa ghi hình thức khen thưởng; hãy gõ một trong: {allowed}",
        "en": "the award form is empty; type one of: {allowed}",
    },
    "award_not_for_recipient": {
        "vi": "'{value}' không dùng để khen {recipient} (chỉ dành cho: {allowed}); hãy sửa đối tượng "
              "hoặc chọn hình thức dành cho {recipient}: {alternatives}",
        "en": "'{value}' is not awarded to a {recipient} (only to: {allowed}); correct the recipient "
              "type or choose a form for a {recipient}: {alternatives}",
    },
    "base_salary_unknown": {
        "vi": "ngày {value} trước mốc đầu tiên của bảng lương cơ sở ({first}); hãy kiểm tra ngày "
              "quyết định hoặc thêm mức lương cơ sở áp dụng ngày đó vào khen_thuong.luong_co_so",
        "en": "{value} is before the first row of the base salary table ({first}); check the "
              "decision date or add the base salary in force then to khen_thuong.luong_co_so",
    },
    "bonus_coefficient_invalid": {
        "vi": "hệ số '{value}' không hợp lệ; hãy gõ một số, ví dụ 0.3, hoặc 1.5x "
              "(bằng 1,5 lần mức của cá nhân), hoặc 0 nếu hình thức này không kèm tiền thưởng",
        "en": "coefficient '{value}' is not valid; type a number such as 0.3, or 1.5x "
              "(1.5 times the individual amount), or 0 when the form carries no bonus",
    },
    "bonus_individual_relative": {
        "vi": "hệ số cá nhân '{value}' không được tính theo chính nó; hãy gõ một số, ví dụ 0.3",
        "en": "the individual coefficient '{value}' cannot be relative to itself; type a number such as 0.3",
    },
    "bonus_relative_needs_individual": {
        "vi": "hệ số '{value}' tính theo mức cá nhân nhưng hình thức này chưa có ca_nhan; "
              "hãy thêm ca_nhan hoặc gõ hệ số thẳng, ví dụ 0.6",
        "en": "coefficient '{value}' is relative to the individual amount but this form has no "
              "ca_nhan; add ca_nhan or type the coefficient itself, e.g. 0.6",
    },
    "bonus_form_empty": {
        "vi": "hình thức khen thưởng chưa có hệ số nào; hãy ghi ít nhất một trong ca_nhan, tap_the, ho_gia_dinh",
        "en": "the award form has no coefficient; give at least one of ca_nhan, tap_the, ho_gia_dinh",
    },
    "bonus_no_forms": {
        "vi": "khen_thuong có theo_luat: false nhưng chưa khai hình thức nào trong hinh_thuc; hãy khai "
              "ít nhất một hình thức hoặc bỏ dòng theo_luat",
        "en": "khen_thuong has theo_luat: false but no form in hinh_thuc; list at least one form or "
              "remove the theo_luat line",
    },
    "award_table_before_law": {
        "vi": "quyết định ngày {value} trước ngày {first}, ngày bảng khen thưởng có sẵn bắt đầu áp dụng "
              "(Nghị định 98/2023/NĐ-CP); hãy khai hình thức '{form}' với hệ số áp dụng khi đó trong "
              "khen_thuong.hinh_thuc của hồ sơ cơ quan",
        "en": "a decision dated {value} is before {first}, when the built-in award table starts "
              "(Decree 98/2023/NĐ-CP); list the form '{form}' with the coefficient then in force "
              "under khen_thuong.hinh_thuc of the agency profile",
    },
    "bonus_form_name_empty": {
        "vi": "tên hình thức khen thưởng không được để trống",
        "en": "an award form name must not be empty",
    },
    "bonus_form_name_clash": {
        "vi": "hình thức '{value}' trùng với '{other}' khi bỏ qua dấu và chữ hoa; hãy giữ một tên",
        "en": "award form '{value}' is the same as '{other}' once accents and case are ignored; keep one",
    },
    "bonus_salary_date_duplicate": {
        "vi": "bảng lương cơ sở có hai dòng cùng từ ngày {value}; mỗi mốc ngày chỉ ghi một lần",
        "en": "the base salary table has two rows from {value}; give each date once",
    },
    "amount_not_positive": {
        "vi": "số tiền '{value}' không được âm; hãy gõ ví dụ 710.000, hoặc để trống (hay 0) nếu "
              "không ghi số tiền",
        "en": "amount '{value}' must not be negative; type e.g. 710.000, or leave it empty (or 0) "
              "when no amount is given",
    },
    "base_salary_not_positive": {
        "vi": "mức lương cơ sở '{value}' phải lớn hơn 0; hãy gõ ví dụ 2.340.000",
        "en": "base salary '{value}' must be more than 0; type e.g. 2.340.000",
    },
    "amount_differs_from_computed": {
        "vi": "số tiền đã gõ {typed} khác số tiền tính theo quy định {computed} (hệ số {coefficient} × "
              "mức lương cơ sở {base}, làm tròn lên hàng chục nghìn); sẽ dùng số đã gõ — xoá ô này "
              "nếu muốn dùng {computed}",
        "en": "the typed amount {typed} differs from the computed {computed} (coefficient {coefficient} "
              "× base salary {base}, rounded up to 10.000); the typed amount is used — clear the cell "
              "to use {computed}",
    },
    "sheet_format_unknown": {
        "vi": "'{path}' không phải bảng tính đọc được (đuôi '{extension}'); hãy lưu thành Excel (.xlsx) "
              "hoặc CSV UTF-8 (.csv)",
        "en": "'{path}' is not a readable sheet (extension '{extension}'); save it as Excel (.xlsx) "
              "or CSV UTF-8 (.csv)",
    },
    "sheet_xls_legacy": {
        "vi": "'{path}' là tệp Excel 97-2003 (.xls); hãy mở bằng Excel, chọn Lưu thành (Save As) "
              "'Excel Workbook (*.xlsx)' rồi dùng tệp .xlsx",
        "en": "'{path}' is an Excel 97-2003 file (.xls); open it in Excel, Save As "
              "'Excel Workbook (*.xlsx)' and use the .xlsx file",
    },
    "sheet_unreadable": {
        "vi": "không mở được '{path}' như tệp Excel .xlsx ({reason}); hãy mở bằng Excel và Lưu thành "
              "'Excel Workbook (*.xlsx)' (nếu tệp có mật khẩu, hãy bỏ mật khẩu trước)",
        "en": "cannot open '{path}' as an Excel .xlsx file ({reason}); open it in Excel and Save As "
              "'Excel Workbook (*.xlsx)' (remove any password first)",
    },
    "sheet_not_found": {
        "vi": "không có trang tính '{value}' trong '{path}'; có: {allowed}",
        "en": "no sheet '{value}' in '{path}'; sheets: {allowed}",
    },
    "sheet_empty": {
        "vi": "trang tính '{sheet}' chưa có dòng dữ liệu nào; hãy gõ dòng tiêu đề (STT, Họ và tên, "
              "Đối tượng, Hình thức, ...) rồi mỗi cá nhân, tập thể một dòng bên dưới",
        "en": "sheet '{sheet}' has no data rows; type the header row (STT, Họ và tên, Đối tượng, "
              "Hình thức, ...) and one row per individual or collective below it",
    },
    "sheet_columns_missing": {
        "vi": "thiếu cột bắt buộc: {missing}; dòng tiêu đề (dòng {row}) đang có: {found}; "
              "bảng cần các cột: {expected}",
        "en": "required column(s) missing: {missing}; the header row (row {row}) has: {found}; "
              "the sheet needs: {expected}",
    },
    "sheet_column_unknown": {
        "vi": "cột '{value}' không phải cột đã biết nên được bỏ qua; các cột dùng được: {allowed}",
        "en": "column '{value}' is not a known column and is ignored; known columns: {allowed}",
    },
    "sheet_column_duplicate": {
        "vi": "cột '{value}' trùng nghĩa với cột ở ô {other}; hãy xoá hoặc đổi tên một trong hai cột",
        "en": "column '{value}' means the same as the column at {other}; delete or rename one of them",
    },
    "group_column_not_used": {
        "vi": "cột '{value}' chia danh sách thành {count} nhóm nhưng lệnh không có --group-by, nên mọi "
              "dòng vào cùng một quyết định; thêm --group-by \"{value}\" để mỗi nhóm thành một quyết định",
        "en": "column '{value}' splits the list into {count} groups but the command has no --group-by, so "
              "every row goes into one decision; add --group-by \"{value}\" for one decision per group",
    },
    "group_column_unknown": {
        "vi": "không có cột '{value}' để chia nhóm; các cột trong bảng: {allowed}",
        "en": "no column '{value}' to group by; the sheet's columns: {allowed}",
    },
    "name_missing": {
        "vi": "chưa có họ tên hoặc tên tập thể; hãy gõ ví dụ Nguyễn Văn An hoặc Phòng Quản lý đầu tư",
        "en": "the name is empty; type e.g. Nguyễn Văn An or Phòng Quản lý đầu tư",
    },
    "stt_missing": {
        "vi": "chưa có số thứ tự (STT, cũng là số sổ vàng); hãy gõ số nguyên, ví dụ 1, 2, 3",
        "en": "the row number (STT, also the golden-book number) is empty; type a whole number, e.g. 1, 2, 3",
    },
    "stt_invalid": {
        "vi": "'{value}' không phải là số thứ tự; hãy gõ số nguyên từ 1, ví dụ 1, 2, 3 (các mục "
              "'I. TẬP THỂ', 'II. CÁ NHÂN' được tạo tự động, không gõ vào bảng)",
        "en": "'{value}' is not a row number; type a whole number from 1, e.g. 1, 2, 3 (section "
              "rows such as 'I. TẬP THỂ' are generated, do not type them)",
    },
    "sheet_stt_duplicate": {
        "vi": "STT {value} trùng với dòng {other_row} (ô {other}); mỗi dòng cần một số thứ tự riêng "
              "vì STT là số sổ vàng",
        "en": "STT {value} is already used on row {other_row} ({other}); each row needs its own "
              "number, it becomes the golden-book number",
    },
    "sheet_heading_row_skipped": {
        "vi": "dòng '{value}' không có STT, đối tượng và hình thức nên được coi là dòng đề mục hoặc "
              "tổng cộng và bỏ qua (các mục I, II và dòng tổng được tạo tự động); nếu đây là một "
              "cá nhân, tập thể được khen, hãy điền STT, Đối tượng và Hình thức",
        "en": "the row '{value}' has no STT, recipient type or form, so it is taken as a section or "
              "total row and skipped (sections and totals are generated); if it is an awardee, fill "
              "in STT, Đối tượng and Hình thức",
    },
    "formula_error_value": {
        "vi": "công thức '{formula}' cho kết quả lỗi {value}; hãy sửa công thức trong Excel hoặc gõ "
              "thẳng giá trị vào ô",
        "en": "the formula '{formula}' gives the error {value}; fix the formula in Excel or type "
              "the value into the cell",
    },
    "formula_no_value": {
        "vi": "ô có công thức '{formula}' nhưng chưa có kết quả lưu sẵn (tệp do phần mềm khác tạo); "
              "hãy mở tệp bằng Excel, bấm Lưu (Save) rồi dùng lại",
        "en": "the cell holds the formula '{formula}' but no saved result (the file was written by "
              "another program); open it in Excel, Save, and try again",
    },
    "cong_van_needs_unit": {
        "vi": "công văn cần đơn vị soạn thảo (don_vi_soan_thao) để có ký hiệu {agency}-<đơn vị>, ví dụ {agency}-VP",
        "en": "a công văn needs its drafting unit (don_vi_soan_thao) for the ký hiệu {agency}-<unit>, e.g. {agency}-VP",
    },
    "time_invalid": {
        "vi": "{value!r} không phải là giờ; viết ví dụ 08:00 hoặc 14 giờ 30",
        "en": "{value!r} is not a time of day; write e.g. 08:00 or 14 giờ 30",
    },
})

MESSAGES.update({
    # --- register (generator.register, `vanban so`)
    "register_error": {"vi": "lỗi sổ văn bản đi", "en": "outgoing-document register error"},
    "register_missing": {
        "vi": "không tìm thấy sổ văn bản đi '{path}' (chỉ rõ bằng --register hoặc --profile)",
        "en": "outgoing-document register '{path}' not found (give --register or --profile)",
    },
    "register_unreadable": {
        "vi": "không mở được sổ văn bản đi '{path}': {reason}",
        "en": "cannot open the register '{path}': {reason}",
    },
    "register_busy": {
        "vi": "sổ văn bản đi '{path}' đang bận (tiến trình khác giữ quá {seconds} giây); hãy thử lại",
        "en": "the register '{path}' is busy (held by another process for over {seconds} s); try again",
    },
    "register_too_new": {
        "vi": "sổ '{path}' ở phiên bản {version}, mới hơn phiên bản chương trình này đọc được ({supported}); "
              "hãy cập nhật vanban",
        "en": "register '{path}' has schema version {version}, newer than this program reads ({supported}); "
              "update vanban",
    },
    "register_not_a_register": {
        "vi": "'{path}' là một cơ sở dữ liệu SQLite khác, không phải sổ văn bản đi",
        "en": "'{path}' is another SQLite database, not an outgoing-document register",
    },
    "register_constraint": {
        "vi": "sổ văn bản đi từ chối thay đổi: {reason}",
        "en": "the register refused the change: {reason}",
    },
    "register_settings_invalid": {
        "vi": "hồ sơ cơ quan: '{field}' không hợp lệ ({value}); so_van_ban có các khóa duong_dan, "
              "che_do (chung | theo-loai), so_rieng, su_dung, tao_moi, url (postgresql://…), co_quan",
        "en": "agency profile: '{field}' is not valid ({value}); so_van_ban takes duong_dan, "
              "che_do (chung | theo-loai), so_rieng, su_dung, tao_moi, url (postgresql://…), co_quan",
    },
    "register_mode_unknown": {
        "vi": "chế độ đánh số '{value}' không có; chọn một trong: {allowed}",
        "en": "unknown numbering mode '{value}'; choose one of: {allowed}",
    },
    "register_type_code_unknown": {
        "vi": "mã loại văn bản '{value}' không có trong Phụ lục III; có: {allowed}",
        "en": "type code '{value}' is not in Appendix III; known: {allowed}",
    },
    "register_number_invalid": {
        "vi": "'{value}' không phải là số văn bản (số nguyên từ 1, hoặc số/ký hiệu như 05/KH-BQL)",
        "en": "'{value}' is not a document number (a whole number from 1, or number/ký hiệu like 05/KH-BQL)",
    },
    "register_ky_hieu_invalid": {
        "vi": "ký hiệu '{value}' không hợp lệ: {reason}",
        "en": "ký hiệu '{value}' is not valid: {reason_en}",
    },
    "register_date_invalid": {
        "vi": "ngày văn bản '{value}' không hợp lệ: {reason}",
        "en": "document date '{value}' is not valid: {reason_en}",
    },
    "register_number_used": {
        "vi": "số {number} năm {year} (sổ {series}) đã dùng: văn bản {so_ky_hieu} ngày {date}, "
              "trích yếu “{trich_yeu}”, tệp {file} ({trang_thai})",
        "en": "number {number} of {year} (series {series}) is taken: document {so_ky_hieu} of {date}, "
              "“{trich_yeu}”, file {file} ({status})",
    },
    "register_ky_hieu_used": {
        "vi": "số, ký hiệu {so_ky_hieu} năm {year} đã dùng: văn bản ngày {date}, trích yếu “{trich_yeu}”, "
              "tệp {file} ({trang_thai})",
        "en": "{so_ky_hieu} of {year} is taken: document of {date}, “{trich_yeu}”, file {file} ({status})",
    },
    "register_not_found": {
        "vi": "sổ văn bản đi không có số {value}",
        "en": "the register has no number {value}",
    },
    "register_not_found_in_year": {
        "vi": "sổ văn bản đi không có số {value} năm {year}",
        "en": "the register has no number {value} in {year}",
    },
    "register_ambiguous": {
        "vi": "số {value} có ở nhiều nơi: {candidates}; chỉ rõ --year hoặc --series",
        "en": "number {value} is in several places: {candidates}; give --year or --series",
    },
    "register_not_reserved": {
        "vi": "số {so_ky_hieu} năm {year} không còn ở trạng thái giữ số ({trang_thai})",
        "en": "{so_ky_hieu} of {year} is no longer reserved ({status})",
    },
    "register_already_voided": {
        "vi": "số {so_ky_hieu} năm {year} đã hủy trước đó: {reason}",
        "en": "{so_ky_hieu} of {year} was already voided: {reason}",
    },
    "register_reason_required": {
        "vi": "phải ghi lý do hủy số (--reason)",
        "en": "a reason is required to void a number (--reason)",
    },
    "register_file_missing": {
        "vi": "tệp '{file}' của số {so_ky_hieu} năm {year} không có",
        "en": "file '{file}' of {so_ky_hieu} ({year}) is missing",
    },
    "register_hash_mismatch": {
        "vi": "tệp '{file}' của số {so_ky_hieu} năm {year} đã bị thay đổi "
              "(SHA-256 trong sổ {expected}…, hiện tại {actual}…)",
        "en": "file '{file}' of {so_ky_hieu} ({year}) has changed "
              "(SHA-256 in the register {expected}…, now {actual}…)",
    },
    "register_dangling": {
        "vi": "số {so_ky_hieu} năm {year} vẫn đang giữ nhưng tiến trình {pid} trên máy {host} đã dừng",
        "en": "{so_ky_hieu} of {year} is still reserved but process {pid} on {host} has stopped",
    },
    "register_reserved_live": {
        "vi": "số {so_ky_hieu} năm {year} đang được tiến trình {pid} trên máy {host} giữ",
        "en": "{so_ky_hieu} of {year} is reserved by process {pid} on {host}",
    },
    "register_gap": {
        "vi": "sổ {series} năm {year} thiếu số {missing} (số ghi tay nhảy cóc)",
        "en": "series {series} of {year} lacks number(s) {missing} (a number given by hand skipped them)",
    },
    "register_voided": {
        "vi": "đã hủy số {so_ky_hieu} năm {year}: {reason}",
        "en": "voided {so_ky_hieu} of {year}: {reason}",
    },
    "register_exported": {
        "vi": "đã xuất sổ văn bản đi năm {year} ({count} số) ra {path}",
        "en": "exported the {year} register ({count} number(s)) to {path}",
    },
    "register_verify_ok": {
        "vi": "sổ '{path}': đã kiểm tra {count} số, không có lỗi",
        "en": "register '{path}': {count} number(s) checked, no errors",
    },
    "register_verify_failed": {
        "vi": "sổ '{path}': {errors} lỗi, {warnings} cảnh báo",
        "en": "register '{path}': {errors} error(s), {warnings} warning(s)",
    },
    "register_recovered": {
        "vi": "đã xử lý số {so_ky_hieu} năm {year} của tiến trình đã dừng: {trang_thai}",
        "en": "settled {so_ky_hieu} of {year} left by a stopped process: {status}",
    },
    "register_list_empty": {"vi": "không có số nào", "en": "no numbers"},
    "register_status_reserved": {"vi": "đang giữ số", "en": "reserved"},
    "register_status_issued": {"vi": "đã cấp", "en": "issued"},
    "register_status_voided": {"vi": "đã hủy", "en": "voided"},
    "register_col_number": {"vi": "Số, ký hiệu", "en": "Number"},
    "register_col_date": {"vi": "Ngày", "en": "Date"},
    "register_col_series": {"vi": "Sổ", "en": "Series"},
    "register_col_status": {"vi": "Trạng thái", "en": "Status"},
    "register_col_title": {"vi": "Tên loại và trích yếu", "en": "Type and subject"},
    "register_field_year": {"vi": "Năm", "en": "Year"},
    "register_field_kind": {"vi": "Loại", "en": "Kind"},
    "register_field_signer": {"vi": "Người ký", "en": "Signer"},
    "register_field_recipients": {"vi": "Nơi nhận", "en": "Recipients"},
    "register_field_file": {"vi": "Tệp", "en": "File"},
    "register_field_reason": {"vi": "Lý do hủy", "en": "Void reason"},
    "register_field_history": {"vi": "Lịch sử", "en": "History"},
    # --- commendation decisions
    "stt_duplicate": {
        "vi": "số thứ tự {value} bị trùng; mỗi người, tập thể một số thứ tự (số này là Số sổ vàng)",
        "en": "number {value} is used twice; each awardee has its own number (it is the Số sổ vàng)",
    },
    "decision_needs_date": {
        "vi": "cần ngày quyết định để tính tiền thưởng theo mức lương cơ sở (hoặc ghi số tiền cho từng người)",
        "en": "the decision date is needed to compute the bonus from the base salary (or type each amount)",
    },
    "amount_differs": {
        "vi": "số tiền đã ghi {typed} đồng cho {name} khác số tiền tính theo quy định {computed} đồng; giữ số đã ghi",
        "en": "the amount typed for {name}, {typed} đồng, differs from the computed {computed} đồng; the typed one is kept",
    },
    "kinh_gui_not_for_kind": {
        "vi": "{kind} không có phần Kính gửi; bỏ trường kinh_gui (nơi nhận ghi ở noi_nhan)",
        "en": "a {kind} has no Kính gửi; remove kinh_gui (recipients go in noi_nhan)",
    },
    "merge_template_differs": {
        "vi": "không gộp được '{path}': tệp được tạo từ mẫu khác",
        "en": "cannot merge '{path}': it was made from another template",
    },
    # --- batch
    "batch_wrong_kind": {
        "vi": "mẫu điền loại '{value}'; làm hàng loạt cần mẫu '{expected}'",
        "en": "the form is a '{value}'; a batch needs a '{expected}' form",
    },
    "batch_form_has_list": {
        "vi": "danh sách lấy từ bảng tính; danh_sach trong mẫu điền bị bỏ qua",
        "en": "the list comes from the sheet; danh_sach in the form is ignored",
    },
    "batch_group_unknown": {
        "vi": "không có nhóm '{value}' trong bảng tính; các nhóm: {allowed}",
        "en": "no group '{value}' in the sheet; groups: {allowed}",
    },
    "batch_group_and_row": {
        "vi": "chọn --group-by hoặc --per-row, không dùng cả hai",
        "en": "use --group-by or --per-row, not both",
    },
    "xlsx_only_for_decisions": {
        "vi": "--xlsx chỉ dùng cho quyet-dinh-khen-thuong",
        "en": "--xlsx is for quyet-dinh-khen-thuong only",
    },
    "batch_progress": {"vi": "Đang tạo quyết định", "en": "Rendering decisions"},
    "batch_summary": {
        "vi": "{count} quyết định; ghi {written} tệp, giữ nguyên {unchanged} tệp; {warnings} cảnh báo",
        "en": "{count} decision(s); wrote {written} file(s), {unchanged} unchanged; {warnings} warning(s)",
    },
    "batch_summary_form": {
        "vi": "  {form}: {count} người/tập thể, {money} đồng",
        "en": "  {form}: {count} awardee(s), {money} đồng",
    },
    "batch_summary_total": {"vi": "  Tổng tiền thưởng: {money} đồng", "en": "  Total bonus: {money} đồng"},
    "to_trinh_group_unknown": {
        "vi": "không có nhóm '{value}' trong bảng danh sách; các nhóm: {allowed}",
        "en": "no group '{value}' in the list; groups: {allowed}",
    },
    # --- more of pydantic's own error types
    "bool_parsing": {"vi": "{value!r} phải là true hoặc false (có/không)", "en": "{value!r} must be true or false"},
    "bool_type": {"vi": "{value!r} phải là true hoặc false (có/không)", "en": "{value!r} must be true or false"},
    "greater_than_equal": {"vi": "{value!r} phải từ {ge} trở lên", "en": "{value!r} must be {ge} or more"},
    "greater_than": {"vi": "{value!r} phải lớn hơn {gt}", "en": "{value!r} must be more than {gt}"},
    "less_than_equal": {"vi": "{value!r} phải không quá {le}", "en": "{value!r} must be at most {le}"},
    "int_from_float": {"vi": "{value!r} phải là số nguyên", "en": "{value!r} must be a whole number"},
    "string_too_long": {"vi": "dài quá {max_length} ký tự", "en": "longer than {max_length} characters"},
    "date_type": {"vi": "{value!r} không phải là ngày", "en": "{value!r} is not a date"},
})

MESSAGES.update({
    # --- PDF input checks and PDF/A (generator.pdf)
    "pdf_not_docx": {
        "vi": "'{path}' không phải tệp .docx; vanban pdf chỉ nhận văn bản Word .docx",
        "en": "'{path}' is not a .docx file; vanban pdf takes Word .docx documents only",
    },
    "pdf_interrupted": {
        "vi": "đã dừng LibreOffice vì vanban nhận tín hiệu {signal}; không ghi tệp PDF nào",
        "en": "stopped LibreOffice because vanban received {signal}; no PDF was written",
    },
    "pdfa_not_produced": {
        "vi": "LibreOffice không xuất được PDF/A-2b cho '{path}' (thiếu nhận dạng pdfaid trong XMP)",
        "en": "LibreOffice did not produce PDF/A-2b for '{path}' (no pdfaid identification in the XMP)",
    },
})

MESSAGES.update({
    # --- hostile or careless input (issue 12): forms, register, publishing
    "file_not_regular": {
        "vi": "'{path}' không phải là một tệp thường (thiết bị, đường ống...); hãy chỉ đến tệp .yaml",
        "en": "'{path}' is not a regular file (a device, a pipe...); point to a .yaml file",
    },
    "file_too_large": {
        "vi": "tệp '{path}' quá lớn ({size} byte, tối đa {limit}); mẫu điền chỉ cần vài chục KB",
        "en": "'{path}' is too large ({size} bytes, limit {limit}); a form needs a few tens of KB",
    },
    "yaml_alias_refused": {
        "vi": "{path}:{line} mẫu điền không dùng neo/bí danh YAML ('&{name}', '*{name}', '<<:'); "
              "hãy chép thẳng giá trị vào chỗ cần dùng",
        "en": "{path}:{line} forms do not use YAML anchors/aliases ('&{name}', '*{name}', '<<:'); "
              "copy the value where it is needed",
    },
    "yaml_merge_refused": {
        "vi": "{path}:{line} mẫu điền không dùng khóa gộp '<<:'; hãy ghi từng trường",
        "en": "{path}:{line} forms do not use the '<<:' merge key; write each field",
    },
    "yaml_tag_refused": {
        "vi": "{path}:{line} mẫu điền không dùng thẻ kiểu YAML '{tag}'; hãy bỏ thẻ và ghi giá trị như gõ thường",
        "en": "{path}:{line} forms do not use the YAML tag '{tag}'; remove it and type the value plainly",
    },
    "yaml_value_refused": {
        "vi": "{path}:{line} giá trị kiểu '{type}' không dùng được trong mẫu điền; hãy ghi chữ, danh sách hoặc bảng khóa",
        "en": "{path}:{line} a '{type}' value cannot be used in a form; write text, a list or a mapping",
    },
    "yaml_bad_character": {
        "vi": "{path}:{line} có ký tự {codepoint} không được phép trong tệp văn bản (ký tự điều khiển, NUL); "
              "hãy xoá ký tự đó (thường do sao chép từ phần mềm khác)",
        "en": "{path}:{line} holds the character {codepoint}, not allowed in a text file (control, NUL); "
              "delete it (usually pasted from another program)",
    },
    "form_too_deep": {
        "vi": "{path}:{line} mẫu điền lồng nhau quá {limit} cấp",
        "en": "{path}:{line} the form nests deeper than {limit} levels",
    },
    "form_too_many_values": {
        "vi": "{path}:{line} mẫu điền có quá {limit} giá trị; danh sách dài hãy để trong bảng Excel",
        "en": "{path}:{line} the form holds more than {limit} values; keep long lists in a sheet",
    },
    "form_key_invalid": {
        "vi": "{path}:{line} khóa {key} không hợp lệ: tên trường phải là chữ, ví dụ 'trich_yeu:'",
        "en": "{path}:{line} the key {key} is not valid: a field name is text, e.g. 'trich_yeu:'",
    },
    "amount_too_large": {
        "vi": "số tiền {value} quá lớn (tối đa {limit} đồng); hãy kiểm tra lại số đã gõ",
        "en": "the amount {value} is too large (at most {limit} đồng); check what was typed",
    },
    "register_number_too_large": {
        "vi": "số văn bản {value} quá lớn (tối đa {limit})",
        "en": "document number {value} is too large (at most {limit})",
    },
    "register_not_initialised": {
        "vi": "chưa có sổ văn bản đi '{path}'; tạo sổ bằng 'vanban so init --register {path}' (hoặc "
              "--profile), hoặc ghi 'tao_moi: true' trong so_van_ban của hồ sơ cơ quan; nếu sổ đã có ở "
              "nơi khác, hãy sửa so_van_ban.duong_dan",
        "en": "there is no register at '{path}'; create it with 'vanban so init --register {path}' (or "
              "--profile), or set 'tao_moi: true' under so_van_ban in the agency profile; if the register "
              "is elsewhere, correct so_van_ban.duong_dan",
    },
    "register_folder_missing": {
        "vi": "thư mục '{folder}' của sổ văn bản đi '{path}' không có (gõ sai đường dẫn, ổ mạng chưa kết nối?); "
              "không tạo sổ mới",
        "en": "the folder '{folder}' of the register '{path}' does not exist (a typo, an unmounted share?); "
              "no new register was created",
    },
    "register_created": {
        "vi": "đã tạo sổ văn bản đi mới '{path}' (số bắt đầu từ 01)",
        "en": "created a new outgoing-document register '{path}' (numbers start at 01)",
    },
    "register_exists": {
        "vi": "sổ văn bản đi '{path}' đã có ({count} số); không tạo lại",
        "en": "the register '{path}' already exists ({count} number(s)); not created again",
    },
    "register_issued_one": {
        "vi": "đã cấp số {so_ky_hieu} năm {year} từ sổ '{path}'",
        "en": "issued {so_ky_hieu} of {year} from the register '{path}'",
    },
    "register_issued_many": {
        "vi": "đã cấp {count} số năm {year} ({numbers}) từ sổ '{path}'",
        "en": "issued {count} number(s) of {year} ({numbers}) from the register '{path}'",
    },
    "register_reused": {
        "vi": "dùng lại {count} số đã giữ cho đợt bị dừng trước đó ({numbers})",
        "en": "reused {count} number(s) held for an earlier interrupted batch ({numbers})",
    },
    "register_voided_file_exists": {
        "vi": "tệp '{file}' vẫn còn nhưng số {so_ky_hieu} năm {year} đã hủy ({reason}); tệp này không phải "
              "văn bản đã ban hành",
        "en": "file '{file}' exists but {so_ky_hieu} of {year} is voided ({reason}); it is not an issued document",
    },
    "register_batch_pending": {
        "vi": "số {so_ky_hieu} năm {year} đang giữ cho đợt làm hàng loạt bị dừng ({folder}); chạy lại đợt đó "
              "để dùng lại số, hoặc 'vanban so verify --repair' để hủy",
        "en": "{so_ky_hieu} of {year} is held for an interrupted batch ({folder}); run that batch again to "
              "reuse it, or 'vanban so verify --repair' to void it",
    },
    "register_staging_left": {
        "vi": "thư mục tạm '{path}' của một đợt làm hàng loạt còn lại ({state}); 'vanban so verify --repair' "
              "hoặc chạy lại đợt đó sẽ xử lý",
        "en": "the staging folder '{path}' of a batch was left behind ({state}); 'vanban so verify --repair' "
              "or running the batch again settles it",
    },
    "register_batch_void_reason": {
        "vi": "đợt làm hàng loạt bị dừng, không chạy lại",
        "en": "batch interrupted and not run again",
    },
    "publish_rolled_forward": {
        "vi": "đợt làm hàng loạt bị dừng khi đang ghi tệp vào '{folder}': đã ghi nốt {count} tệp",
        "en": "a batch stopped while publishing into '{folder}': finished writing {count} file(s)",
    },
    "publish_rolled_back": {
        "vi": "đợt làm hàng loạt bị dừng trước khi ghi tệp vào '{folder}': đã xóa phần tạm, không tệp nào được ghi"
              "{removed}",
        "en": "a batch stopped before publishing into '{folder}': its staging was removed, no file was "
              "published{removed}",
    },
    "publish_voided": {
        "vi": "đã hủy {count} số giữ cho đợt làm hàng loạt bị dừng ({numbers})",
        "en": "voided {count} number(s) held for an interrupted batch ({numbers})",
    },
    "publish_busy": {
        "vi": "một đợt làm hàng loạt khác đang ghi vào '{folder}' (tiến trình {pid}); hãy chờ nó xong",
        "en": "another batch is writing into '{folder}' (process {pid}); wait for it to finish",
    },
    "publish_state_journal": {"vi": "nhật ký của đợt bị dừng", "en": "journal of an interrupted batch"},
    "publish_state_orphan": {"vi": "không có nhật ký", "en": "no journal"},
    "register_repair_done": {
        "vi": "sổ '{path}': đã sửa xong",
        "en": "register '{path}': repaired",
    },
})

# --- the one document model: articles, annexes, signature chains, kinds as presets
MESSAGES.update({
    "article_empty": {
        "vi": "Điều {number} chưa có nội dung: thêm 'noi_dung' (hoặc 'tieu_de')",
        "en": "article {number} is empty: add 'noi_dung' (or 'tieu_de')",
    },
    "articles_two_execution": {
        "vi": "chỉ một điều là điều thi hành ('thi_hanh: true'): Điều {first} và Điều {second} đều được đánh dấu",
        "en": "only one article executes the decision ('thi_hanh: true'): articles {first} and {second} are both marked",
    },
    "noi_nhan_nhu_dieu_wrong": {
        "vi": "'{value}' không khớp: điều thi hành là Điều {number}; bỏ dòng này, vanban tự ghi 'Như Điều {number}'",
        "en": "'{value}' does not match: the execution article is article {number}; remove the line, vanban "
              "writes 'Như Điều {number}' itself",
    },
    "body_item_unknown": {
        "vi": "mục nội dung không hiểu được: dùng đoạn văn, 'bang:', 'ngat_trang: true' hoặc 'trang_ngang:'",
        "en": "unknown body item: use text, 'bang:', 'ngat_trang: true' or 'trang_ngang:'",
    },
    "loader_missing": {
        "vi": "không đọc được '{what}' ở bước này; hãy dùng lệnh vanban render/check",
        "en": "'{what}' cannot be read here; use vanban render/check",
    },
    "report_needs_phase": {
        "vi": "báo cáo theo kế hoạch cần 'giai_doan' (số thứ tự giai đoạn, từ 1)",
        "en": "a report on a plan needs 'giai_doan' (the phase number, from 1)",
    },
    "report_needs_trich_yeu": {
        "vi": "báo cáo không gắn với kế hoạch cần 'trich_yeu'",
        "en": "a report not tied to a plan needs 'trich_yeu'",
    },
    "report_needs_body": {
        "vi": "báo cáo chưa có nội dung: thêm 'noi_dung' (hoặc các phần chi_dao, ket_qua, ...)",
        "en": "the report has no content: add 'noi_dung' (or the sections chi_dao, ket_qua, ...)",
    },
    "to_trinh_needs_sheet_and_form": {
        "vi": "tờ trình có 'quyet_dinh' (mẫu quyết định) nhưng chưa có 'danh_sach' (bảng Excel danh sách "
              "khen thưởng); hãy thêm danh_sach",
        "en": "the proposal names 'quyet_dinh' (the decision form) but no 'danh_sach' (the awardee "
              "sheet); add danh_sach",
    },
    "to_trinh_needs_trich_yeu": {
        "vi": "tờ trình cần 'trich_yeu'",
        "en": "the proposal needs 'trich_yeu'",
    },
    "to_trinh_needs_body": {
        "vi": "tờ trình chưa có nội dung: thêm 'noi_dung'",
        "en": "the proposal has no content: add 'noi_dung'",
    },
    "so_kept_as_typed": {
        "vi": "số '{value}' được giữ như đã gõ; Nghị định 30 (Phụ lục I, mục II.3) chỉ thêm số 0 trước các số 1–9: "
              "'{expected}'",
        "en": "number '{value}' is kept as typed; ND30 (Phụ lục I, II.3) puts a 0 only before 1–9: '{expected}'",
    },
    "number_too_large": {
        "vi": "số {value} quá lớn: số văn bản đánh trong một năm, tối đa {max}",
        "en": "number {value} is too large: documents are numbered within a year, at most {max}",
    },
    "signer_prefix_position": {
        "vi": "dòng {line}: '{prefix}' không đứng ở vị trí này (TM., TL., TUQ., Q. chỉ ở dòng đầu; KT. ở dòng đầu "
              "hoặc sau TM./TL.)",
        "en": "line {line}: '{prefix}' cannot stand here (TM., TL., TUQ., Q. only on the first line; KT. on the "
              "first line or after TM./TL.)",
    },
    "signer_kt_deputy_unusual": {
        "vi": "dòng {line}: sau 'KT. {head}' thường là 'PHÓ {head}', ở đây là '{value}'; kiểm tra lại chức vụ",
        "en": "line {line}: after 'KT. {head}' usually comes 'PHÓ {head}', here '{value}'; check the title",
    },
    "signer_own_title_same": {
        "vi": "dòng {line}: chức vụ của người ký thừa lệnh/thừa ủy quyền phải khác '{head}'",
        "en": "line {line}: the signer's own title must differ from '{head}'",
    },
    "signer_q_extra_line": {
        "vi": "dòng {line}: sau 'Q. {head}' thường không có dòng chức vụ nào nữa",
        "en": "line {line}: no further title line usually follows 'Q. {head}'",
    },
    "signer_extra_line": {
        "vi": "dòng {line}: '{value}' là dòng chức vụ thừa sau chức vụ của người ký",
        "en": "line {line}: '{value}' is an extra title line after the signer's own",
    },
    "signer_no_title": {"vi": "người ký cần ít nhất một dòng chức vụ", "en": "the signer needs a title line"},
})

from .table_messages import MESSAGES as _TABLE_MESSAGES  # noqa: E402  (the table reader's own codes)

MESSAGES.update(_TABLE_MESSAGES)

MESSAGES.update({
    # --- electronic signatures (generator.sign): signing
    "sign_error": {"vi": "không ký được tệp", "en": "could not sign the file"},
    "sign_unreadable": {"vi": "không đọc được tệp PDF", "en": "cannot read the PDF"},
    "sign_not_pdf": {"vi": "'{path}' không phải tệp PDF", "en": "'{path}' is not a PDF file"},
    "sign_pdf_unreadable": {"vi": "không đọc được tệp PDF: {reason}", "en": "cannot read the PDF: {reason}"},
    "sign_pdf_unreadable_path": {"vi": "không đọc được tệp PDF '{path}': {reason}",
                                 "en": "cannot read the PDF '{path}': {reason}"},
    "sign_pdf_encrypted": {"vi": "tệp PDF được mã hóa; không ký văn bản mã hóa",
                           "en": "the PDF is encrypted; encrypted documents are not signed"},
    "sign_pdf_encrypted_verify": {"vi": "tệp PDF '{path}' được mã hóa; không kiểm tra được",
                                  "en": "the PDF '{path}' is encrypted; it cannot be checked"},
    "sign_font_missing": {
        "vi": "không tìm thấy phông chữ {font}; cài gói fonts-liberation2 (hoặc phông Times New Roman)",
        "en": "font {font} not found; install fonts-liberation2 (or Times New Roman)",
    },
    "sign_already_signed": {"vi": "văn bản đã có chữ ký vai trò '{role}'", "en": "the document already has a '{role}' signature"},
    "sign_order_signer_first_only": {
        "vi": "văn bản đã có chữ ký khác; theo Nghị định 30 người có thẩm quyền ký trước tiên",
        "en": "the document already carries another signature; under ND30 the signer signs first",
    },
    "sign_order_signer_first": {
        "vi": "chưa có chữ ký của người có thẩm quyền; ký --role nguoi-ky trước rồi mới ký số cơ quan",
        "en": "the signer has not signed yet; sign with --role nguoi-ky before the agency signature",
    },
    "sign_block_not_found": {
        "vi": "không tìm thấy khối chữ ký (dòng quyền hạn, chức vụ in hoa rồi khoảng trống rồi họ tên; tên: {name}) "
              "trong lớp chữ của PDF",
        "en": "no signature block (caps authority lines, a blank space, then the name; name: {name}) found in the "
              "PDF's text layer",
    },
    "sign_seal_required": {"vi": "chữ ký số cơ quan cần ảnh dấu: --image dau.png",
                           "en": "the agency signature needs the seal image: --image seal.png"},
    "sign_seal_size_unknown": {
        "vi": "ảnh dấu không ghi độ phân giải (DPI) nên không biết kích thước thật; cho kích thước bằng --image-mm "
              "(đường kính dấu, mm)",
        "en": "the seal image has no resolution (DPI), so its actual size is unknown; give it with --image-mm "
              "(seal diameter in mm)",
    },
    "sign_seal_too_large": {"vi": "ảnh dấu rộng {size} mm, quá chỗ dành cho dấu ({limit} mm)",
                            "en": "the seal image is {size} mm wide, more than the room for it ({limit} mm)"},
    "sign_attachment_parent_missing": {"vi": "--attachment-of cần số và ký hiệu văn bản chính, ví dụ 1626/KH-BQL",
                                       "en": "--attachment-of needs the main document's number, e.g. 1626/KH-BQL"},
    "sign_attachment_agency_only": {"vi": "--attachment-of chỉ dùng với --role co-quan",
                                    "en": "--attachment-of goes with --role co-quan only"},
    "sign_number_needed": {
        "vi": "văn bản chưa có số: cho số bằng --so, hoặc lấy từ sổ văn bản đi bằng --register/--profile",
        "en": "the document has no number yet: give it with --so, or take it from the register with "
              "--register/--profile",
    },
    "sign_date_needed": {"vi": "văn bản chưa có ngày: cho ngày bằng --ngay", "en": "the document has no date yet: give it with --ngay"},
    "sign_number_line_missing": {"vi": "không tìm thấy dòng 'Số: …/…' ở trang 1",
                                 "en": "no 'Số: …/…' line found on page 1"},
    "sign_date_line_missing": {"vi": "không tìm thấy dòng địa danh, ngày tháng ở trang 1",
                               "en": "no place-and-date line found on page 1"},
    "sign_failed": {"vi": "pyHanko không ký được: {reason}", "en": "pyHanko could not sign: {reason}"},
    "sign_image_unreadable": {"vi": "không đọc được ảnh '{path}': {reason}", "en": "cannot read the image '{path}': {reason}"},
    "sign_image_not_png": {"vi": "ảnh '{path}' là {format}; Nghị định 30 yêu cầu ảnh PNG nền trong suốt",
                           "en": "'{path}' is {format}; ND30 asks for a PNG with a transparent background"},
    "sign_image_not_transparent": {"vi": "ảnh '{path}' không có nền trong suốt (kênh alpha)",
                                   "en": "'{path}' has no transparent background (alpha channel)"},
    "sign_signer_image_not_blue": {"vi": "ảnh chữ ký '{path}' có màu {colour}; Nghị định 30 yêu cầu màu xanh",
                                   "en": "the signature image '{path}' is {colour}; ND30 asks for blue"},
    "sign_seal_image_not_red": {"vi": "ảnh dấu '{path}' có màu {colour}; Nghị định 30 yêu cầu màu đỏ",
                                "en": "the seal image '{path}' is {colour}; ND30 asks for red"},
    "sign_key_missing": {"vi": "cần khóa ký: --cert TỆP.p12 hoặc --pkcs11-lib", "en": "a key is needed: --cert FILE.p12 or --pkcs11-lib"},
    "sign_pkcs12_unreadable": {"vi": "không mở được tệp khóa '{path}': sai mật khẩu hoặc không phải tệp PKCS#12",
                               "en": "cannot open the key file '{path}': wrong password or not a PKCS#12 file"},
    "sign_pkcs11_module_missing": {"vi": "không có thư viện PKCS#11 '{path}' (trình điều khiển token)",
                                   "en": "PKCS#11 module '{path}' not found (the token's driver)"},
    "sign_pkcs11_unavailable": {"vi": "chưa cài hỗ trợ PKCS#11 (python-pkcs11): {reason}",
                                "en": "PKCS#11 support (python-pkcs11) is not installed: {reason}"},
    "sign_pkcs11_label_missing": {"vi": "token PKCS#11 cần --key-label (nhãn khóa trên token)",
                                  "en": "a PKCS#11 token needs --key-label (the key's label on the token)"},
    "sign_pkcs11_failed": {"vi": "không dùng được token PKCS#11 qua '{path}': {reason}",
                           "en": "cannot use the PKCS#11 token through '{path}': {reason}"},
    "sign_password_file_unreadable": {"vi": "không đọc được tệp mật khẩu '{path}'", "en": "cannot read the password file '{path}'"},
    "sign_prompt_password": {"vi": "Mật khẩu tệp khóa", "en": "Key file password"},
    "sign_prompt_pin": {"vi": "Mã PIN của token", "en": "Token PIN"},
    "sign_done": {"vi": "đã ký ({role}) {path}: {signer}, lúc {time}", "en": "signed ({role}) {path}: {signer}, at {time}"},
    "sign_numbered": {"vi": "  đã điền số {number}, ngày {date}", "en": "  filled in number {number}, date {date}"},
    "sign_test_certificate": {
        "vi": "CHÚ Ý: chứng thư THỬ NGHIỆM, chữ ký không có giá trị pháp lý",
        "en": "NOTE: TEST certificate, the signature has no legal value",
    },
    "demo_signed": {"vi": "đã ký thử {path} (chứng thư thử nghiệm, không có giá trị pháp lý)",
                    "en": "signed {path} as a demo (test certificate, no legal value)"},
    # --- electronic signatures: verification
    "verify_trust_missing": {"vi": "không có tệp chứng thư tin cậy '{path}'", "en": "trusted certificate file '{path}' not found"},
    "verify_trust_unreadable": {"vi": "không đọc được chứng thư tin cậy '{path}': {reason}",
                                "en": "cannot read the trusted certificate '{path}': {reason}"},
    "verify_profile_trust_invalid": {"vi": "'{path}': chu_ky_so.tin_cay phải là danh sách đường dẫn tệp chứng thư",
                                     "en": "'{path}': chu_ky_so.tin_cay must be a list of certificate file paths"},
    "verify_header": {"vi": "{path}: {count} chữ ký", "en": "{path}: {count} signature(s)"},
    "verify_signature_line": {"vi": "{index}. {role} [{field}]: {signer} ({organisation})",
                              "en": "{index}. {role} [{field}]: {signer} ({organisation})"},
    "verify_signature_time": {"vi": "ký lúc {time}", "en": "signed at {time}"},
    "verify_role_signer": {"vi": "Người có thẩm quyền", "en": "Signer"},
    "verify_role_agency": {"vi": "Cơ quan (dấu)", "en": "Agency (seal)"},
    "verify_role_attachment": {"vi": "Cơ quan, tệp kèm theo", "en": "Agency, attachment"},
    "verify_role_other": {"vi": "Chữ ký khác", "en": "Other signature"},
    "verify_state_intact": {"vi": "nguyên vẹn", "en": "intact"},
    "verify_state_broken": {"vi": "KHÔNG nguyên vẹn", "en": "NOT intact"},
    "verify_state_trusted": {"vi": "chứng thư tin cậy", "en": "certificate trusted"},
    "verify_state_not_trusted": {"vi": "chứng thư chưa được tin cậy", "en": "certificate not trusted"},
    "verify_number_date": {"vi": "số và ngày đã điền: {number} | {date}", "en": "number and date filled in: {number} | {date}"},
    "verify_result_ok": {"vi": "kết quả: đạt", "en": "result: passed"},
    "verify_result_problems": {"vi": "kết quả: có {count} vấn đề", "en": "result: {count} problem(s)"},
    "verify_no_signature": {"vi": "tệp không có chữ ký số nào", "en": "the file has no digital signature"},
    "verify_no_trust_roots": {
        "vi": "không có chứng thư gốc tin cậy nên chưa kiểm tra chuỗi chứng thư; dùng --trust CA.pem hoặc "
              "chu_ky_so.tin_cay trong hồ sơ cơ quan",
        "en": "no trust roots, so no chain was checked; use --trust CA.pem or chu_ky_so.tin_cay in the agency profile",
    },
    "verify_not_intact": {"vi": "nội dung đã bị sửa sau khi ký: mã băm không khớp chữ ký",
                          "en": "the content was altered after signing: the digest does not match the signature"},
    "verify_invalid": {"vi": "chữ ký không hợp lệ (sai khóa hoặc thuật toán)", "en": "the signature is not valid (key or algorithm)"},
    "verify_untrusted": {"vi": "chuỗi chứng thư không dẫn tới gốc tin cậy ({reason})",
                         "en": "the certificate chain does not lead to a trusted root ({reason})"},
    "verify_untouched": {"vi": "tệp không thay đổi sau chữ ký này", "en": "the file did not change after this signature"},
    "verify_changed_not_allowed": {"vi": "tệp bị thay đổi sau khi ký theo cách không được phép: {reason}",
                                   "en": "the file was changed after signing in a way that is not allowed: {reason}"},
    "verify_changed_lta": {"vi": "sau khi ký chỉ thêm dữ liệu kiểm tra dài hạn (được phép)",
                           "en": "after signing only long-term validation data was added (allowed)"},
    "verify_changed_form": {"vi": "sau khi ký: điền biểu mẫu và ký tiếp ({fields}) — được phép",
                            "en": "after signing: form filling and further signatures ({fields}) — allowed"},
    "verify_changed_annotations": {"vi": "sau khi ký có thêm/sửa chú thích ({fields})",
                                   "en": "after signing, annotations were added or changed ({fields})"},
    "verify_look_missing": {"vi": "không đọc được hình thức hiển thị của chữ ký", "en": "cannot read how the signature is shown"},
    "verify_agency_without_signer": {"vi": "có chữ ký số cơ quan mà không có chữ ký người có thẩm quyền",
                                     "en": "an agency signature without the signer's signature"},
    "verify_order_wrong": {"vi": "chữ ký số cơ quan có trước chữ ký người có thẩm quyền (sai thứ tự Nghị định 30)",
                           "en": "the agency signed before the signer (wrong order under ND30)"},
    "verify_unsigned_update": {
        "vi": "tệp có {count} lần sửa sau chữ ký cuối cùng mà không có chữ ký nào ({level}; trường: {fields})",
        "en": "the file has {count} update(s) after the last signature that nobody signed ({level}; fields: {fields})",
    },
    "verify_number_date_empty": {"vi": "cơ quan đã ký mà trường {fields} còn trống",
                                 "en": "the agency signed but field(s) {fields} are still empty"},
    "verify_number_date_pending": {"vi": "chưa điền {fields} (văn thư điền khi ký số cơ quan)",
                                   "en": "{fields} not filled in yet (the clerk fills them when the agency signs)"},
    "verify_signer_no_image": {"vi": "chữ ký không hiển thị ảnh chữ ký (Nghị định 30: ảnh chữ ký màu xanh)",
                               "en": "the signature shows no signature image (ND30: a blue signature image)"},
    "verify_signer_not_transparent": {"vi": "ảnh chữ ký không có nền trong suốt", "en": "the signature image has no transparent background"},
    "verify_seal_not_transparent": {"vi": "ảnh dấu không có nền trong suốt", "en": "the seal image has no transparent background"},
    "verify_signer_colour_unknown": {"vi": "không đọc được màu ảnh chữ ký", "en": "cannot read the signature image's colour"},
    "verify_seal_colour_unknown": {"vi": "không đọc được màu ảnh dấu", "en": "cannot read the seal image's colour"},
    "verify_signer_not_blue": {"vi": "ảnh chữ ký màu {colour}, không phải màu xanh", "en": "the signature image is {colour}, not blue"},
    "verify_signer_colour_ok": {"vi": "ảnh chữ ký màu xanh ({colour}), nền trong suốt",
                                "en": "signature image blue ({colour}), transparent background"},
    "verify_seal_missing": {"vi": "chữ ký số cơ quan không hiển thị ảnh dấu", "en": "the agency signature shows no seal image"},
    "verify_seal_not_red": {"vi": "ảnh dấu màu {colour}, không phải màu đỏ", "en": "the seal image is {colour}, not red"},
    "verify_seal_size": {"vi": "ảnh dấu màu đỏ, rộng {mm} mm", "en": "seal image red, {mm} mm wide"},
    "verify_block_not_found": {"vi": "không tìm thấy khối chữ ký ở trang {page} để kiểm tra vị trí",
                               "en": "no signature block found on page {page} to check the position"},
    "verify_signer_position_ok": {
        "vi": "ảnh chữ ký nằm giữa '{title}' và '{name}', căn giữa (lệch {dx} pt)",
        "en": "signature image between '{title}' and '{name}', centred (off by {dx} pt)",
    },
    "verify_signer_position_wrong": {
        "vi": "ảnh chữ ký không nằm giữa dòng chức vụ '{title}' và họ tên '{name}' (lệch {dx} pt)",
        "en": "the signature image is not centred between the title '{title}' and the name '{name}' (off by {dx} pt)",
    },
    "verify_seal_overlap_ok": {"vi": "dấu trùm {share} % bên trái ảnh chữ ký (cần {low}–{high} %)",
                               "en": "the seal covers {share} % of the signature image on its left ({low}–{high} % needed)"},
    "verify_seal_overlap_wrong": {
        "vi": "dấu trùm {share} % ảnh chữ ký; Nghị định 30: khoảng 1/3 bên trái ({low}–{high} %)",
        "en": "the seal covers {share} % of the signature image; ND30: about the left third ({low}–{high} %)",
    },
    "verify_attachment_text_missing": {"vi": "chữ ký trên tệp kèm theo không hiển thị dòng số, ký hiệu và thời gian ký",
                                       "en": "the attachment signature shows no line with the number and signing time"},
    "verify_attachment_text_wrong": {
        "vi": "dòng hiển thị '{text}' phải là số/ký hiệu văn bản chính và thời gian ký ISO 8601 +07:00",
        "en": "the line '{text}' must be the main document's number and the signing time in ISO 8601 +07:00",
    },
    "verify_attachment_time_wrong": {"vi": "thời gian hiển thị {shown} khác thời gian ký {signed}",
                                     "en": "the time shown, {shown}, differs from the signing time {signed}"},
    "verify_attachment_size_wrong": {"vi": "cỡ chữ dòng ký số tệp kèm theo là {size}, phải là 10",
                                     "en": "the attachment line is {size} pt, it must be 10 pt"},
    "verify_attachment_font_wrong": {"vi": "phông chữ {font}; phải là Times New Roman, kiểu đứng",
                                     "en": "font {font}; it must be Times New Roman, upright"},
    "verify_attachment_colour_wrong": {"vi": "dòng ký số tệp kèm theo phải màu đen", "en": "the attachment line must be black"},
    "verify_attachment_has_image": {"vi": "chữ ký trên tệp kèm theo không được hiển thị hình ảnh",
                                    "en": "the attachment signature must not show an image"},
    "verify_attachment_position_wrong": {"vi": "dòng ký số tệp kèm theo phải ở góc trên bên phải trang 1 (đang ở trang {page})",
                                         "en": "the attachment line must be top right of page 1 (it is on page {page})"},
    "verify_attachment_ok": {"vi": "dòng ký số tệp kèm theo: '{text}' (10 pt, Times New Roman, đen, góc trên phải)",
                             "en": "attachment line: '{text}' (10 pt, Times New Roman, black, top right)"},
})

MESSAGES.update({
    "trich_yeu_all_caps": {
        "vi": "trích yếu '{value}' viết toàn chữ in hoa; Nghị định 30 trình bày trích yếu bằng chữ thường, "
              "đậm — gõ lại, ví dụ '{example}'",
        "en": "the trích yếu '{value}' is in capitals; ND30 prints it in sentence case, bold — type it as, "
              "e.g., '{example}'",
    },
})

MESSAGES.update({
    # --- verification of broken files, PDF/A checks (generator.sign.verify, generator.sign.pdfa)
    "verify_look_unreadable": {"vi": "không đọc được hình thức hiển thị của các chữ ký: {reason}",
                               "en": "cannot read how the signatures are shown: {reason}"},
    "verify_structure_broken": {"vi": "cấu trúc tệp bị hỏng sau khi ký: {reason}",
                                "en": "the file's structure is broken after signing: {reason}"},
    "verify_check_failed": {"vi": "không kiểm tra được chữ ký (tệp bị sửa hoặc hỏng): {reason}",
                            "en": "the signature cannot be checked (file altered or broken): {reason}"},
    "pdfa_encrypted": {"vi": "PDF/A không được mã hóa", "en": "PDF/A must not be encrypted"},
    "pdfa_no_id": {"vi": "thiếu mã nhận dạng tệp (/ID)", "en": "no file identifier (/ID)"},
    "pdfa_no_metadata": {"vi": "thiếu siêu dữ liệu XMP", "en": "no XMP metadata"},
    "pdfa_no_identification": {"vi": "XMP không có pdfaid:part và pdfaid:conformance",
                               "en": "the XMP has no pdfaid:part and pdfaid:conformance"},
    "pdfa_wrong_identification": {"vi": "tệp nhận là PDF/A-{part}{conformance}, không phải PDF/A-2b",
                                  "en": "the file claims PDF/A-{part}{conformance}, not PDF/A-2b"},
    "pdfa_no_output_intent": {"vi": "thiếu OutputIntent GTS_PDFA1 có hồ sơ màu ICC",
                              "en": "no GTS_PDFA1 OutputIntent with an ICC profile"},
    "pdfa_forbidden_names": {"vi": "có JavaScript hoặc tệp đính kèm (không được trong PDF/A-2b)",
                             "en": "JavaScript or embedded files (not allowed in PDF/A-2b)"},
    "pdfa_actions": {"vi": "có hành động tự chạy (/AA, JavaScript)", "en": "automatic actions (/AA, JavaScript)"},
    "pdfa_need_appearances": {"vi": "biểu mẫu đặt NeedAppearances", "en": "the form sets NeedAppearances"},
    "pdfa_transparency_without_intent": {"vi": "có độ trong suốt mà không có OutputIntent ({page})",
                                         "en": "transparency without an OutputIntent ({page})"},
    "pdfa_blend_mode": {"vi": "chế độ hòa trộn không chuẩn {mode} ({where})", "en": "non-standard blend mode {mode} ({where})"},
    "pdfa_font_not_embedded": {"vi": "phông {font} không được nhúng ({where})", "en": "font {font} is not embedded ({where})"},
    "pdfa_annotation_flags": {"vi": "chú thích '{name}' trang {page}: cờ in/ẩn sai ({flags})",
                              "en": "annotation '{name}' on page {page}: wrong print/hidden flags ({flags})"},
    "pdfa_annotation_no_appearance": {"vi": "chú thích '{name}' trang {page} không có hình thức hiển thị (/AP /N)",
                                      "en": "annotation '{name}' on page {page} has no appearance (/AP /N)"},
})

MESSAGES.update({
    "table_source_failed": {"vi": "{where}{inner}", "en": "{where}{inner}"},
})

MESSAGES.update({
    # --- lint bounds (issue 12)
    "lint_too_complex": {
        "vi": "'{path}' ({part}) có {count} {what}, quá giới hạn {limit} mà vanban lint kiểm tra; "
              "không kiểm tra tệp này (văn bản thật không lớn như vậy: có thể tệp bị hỏng hoặc cố ý gây quá tải)",
        "en": "'{path}' ({part}) has {count} {what_en}, over the limit of {limit} vanban lint checks; "
              "the file is not checked (real documents are not this large: it may be damaged or hostile)",
    },
})


MESSAGES.update({
    # --- Giấy khen on pre-printed stock (profile "giay_khen") and its calibration page
    "certificate_offset_invalid": {
        "vi": "{value!r} không phải là số milimét (ví dụ 2 hoặc -1,5)",
        "en": "{value!r} is not a number of millimetres (e.g. 2 or -1.5)",
    },
    "certificate_offset_out_of_range": {
        "vi": "độ lệch {value} mm quá lớn: chỉ được từ -{limit} đến {limit} mm (đo lại bằng trang căn chỉnh)",
        "en": "a shift of {value} mm is too large: it must lie between -{limit} and {limit} mm "
              "(measure again with the calibration page)",
    },
    "certificate_stock_unknown": {
        "vi": "không có loại phôi '{value}'; có: {allowed}",
        "en": "unknown certificate stock '{value}'; known: {allowed}",
    },
    "certificate_field_too_long": {
        "vi": "Giấy khen STT {stt} ({ho_ten}): {field} cần khoảng {lines} dòng, chỗ dành cho nó chỉ đủ {fit} dòng; "
              "Giấy khen có thể tràn sang trang thứ hai — nên rút gọn",
        "en": "certificate STT {stt} ({ho_ten}): {field} needs about {lines} lines where {fit} fit; "
              "the certificate may run onto a second page — shorten it",
    },
    "calibration_written": {
        "vi": "đã ghi trang căn chỉnh {path} (phôi {stock}, lệch ngang {dx} mm, dọc {dy} mm); "
              "in trên giấy thường, đặt lên phôi, soi đèn — xem docs/giay-khen.md",
        "en": "wrote the calibration page {path} (stock {stock}, shift {dx} mm across, {dy} mm down); "
              "print it on plain paper, lay it over the stock against the light — see docs/giay-khen.md",
    },
})

MESSAGES.update({
    # --- issue 14: messages a clerk understands (positions, empty values, quotes, suggestions)
    "field_item": {"vi": "dòng thứ {number} của {container}", "en": "line {number} of {container}"},
    "field_item_field": {"vi": "{field}, mục thứ {number} của {container}",
                         "en": "{field} of item {number} of {container}"},
    "value_empty": {"vi": "trường này đang để trống; hãy điền giá trị",
                    "en": "this field is empty; fill it in"},
    "value_needs_quotes": {
        "vi": "YAML đọc '{typed}' thành một cặp khóa: giá trị vì có dấu hai chấm; hãy đặt trong dấu ngoặc "
              "kép: \"{typed}\"",
        "en": "YAML read '{typed}' as a key: value pair because of its colon; put it in double quotes: "
              "\"{typed}\"",
    },
    "did_you_mean": {"vi": "Có phải ý bạn là '{suggestion}'?", "en": "Did you mean '{suggestion}'?"},
    "yaml_tab": {
        "vi": "{path}:{line} lỗi cú pháp YAML: dòng này thụt lề bằng phím Tab; YAML chỉ nhận dấu cách: thay Tab bằng dấu cách "
              "(mỗi cấp 2 dấu cách)",
        "en": "{path}:{line} YAML syntax error: this line is indented with a Tab; YAML accepts only spaces: replace the Tab by "
              "spaces (2 per level)",
    },
    "yaml_indent": {
        "vi": "{path}:{line} lỗi cú pháp YAML: thụt lề không thẳng hàng: các trường cùng cấp phải bắt đầu ở cùng một cột "
              "(mỗi cấp 2 dấu cách), các dòng '- ' của một danh sách cũng vậy",
        "en": "{path}:{line} YAML syntax error: the indent does not line up: fields of one level start in the same column "
              "(2 spaces per level), and so do the '- ' lines of a list",
    },
    "yaml_colon_in_value": {
        "vi": "{path}:{line} lỗi cú pháp YAML: giá trị có dấu hai chấm ': ' nên YAML hiểu nhầm là một trường mới; hãy đặt cả "
              "giá trị trong dấu ngoặc kép, ví dụ trich_yeu: \"Về việc: ...\"",
        "en": "{path}:{line} YAML syntax error: the value contains ': ', which YAML takes for a new field; put the whole value "
              "in double quotes, e.g. trich_yeu: \"Về việc: ...\"",
    },
    "yaml_quote_open": {
        "vi": "{path}:{line} lỗi cú pháp YAML: dấu ngoặc kép mở ở dòng này chưa được đóng; thêm dấu \" ở cuối giá trị",
        "en": "{path}:{line} YAML syntax error: the quote opened on this line is never closed; add the closing \" at the end "
              "of the value",
    },
    "form_is_docx": {
        "vi": "'{path}' là tệp Word (.docx), không phải mẫu điền YAML; kiểm tra thể thức tệp Word bằng "
              "'vanban lint {path}'; muốn có mẫu điền thì tạo bằng 'vanban new LOẠI' (ví dụ 'vanban new ke-hoach')",
        "en": "'{path}' is a Word file (.docx), not a YAML form; check a Word file with 'vanban lint {path}'; "
              "to get a form, write one with 'vanban new KIND' (e.g. 'vanban new ke-hoach')",
    },
    "form_is_xlsx": {
        "vi": "'{path}' là bảng Excel, không phải mẫu điền YAML; bảng danh sách dùng với "
              "'vanban batch {path} --form quyet-dinh.yaml -o out/'",
        "en": "'{path}' is an Excel workbook, not a YAML form; use a list workbook with "
              "'vanban batch {path} --form quyet-dinh.yaml -o out/'",
    },
})

# --- issue 14: command-line help, one language at a time ---------------------------------------
# The Vietnamese help is written beside each command and option in cli.py (the default language);
# this table holds the English one, keyed "command" for a command, "command.option" for one of its
# options and "option" for an option every command means alike ("so void" for a subcommand).
# A "vi" entry overrides the Vietnamese text where cli.py's is not Vietnamese only.
HELP: dict[str, dict[str, str]] = {
    "": {"en": "vanban: Vietnamese official documents under Decree 30/2020/ND-CP, as Word (.docx)."},
    "lang": {"vi": "Ngôn ngữ của thông báo và trợ giúp.", "en": "Language of messages and help."},
    "version": {"vi": "In phiên bản rồi thoát.", "en": "Show the version and exit."},
    "help": {"vi": "In trợ giúp này rồi thoát.", "en": "Show this message and exit."},
    "force": {"en": "Overwrite files that exist."},
    "draft": {"en": "Draft (the number may be blank) or final (number and date required)."},
    "use_register": {"en": "A final document takes its number from the register of outgoing documents "
                            "(or checks the one written); --no-register when numbers are given elsewhere."},
    "pdfa": {"en": "The PDF in the PDF/A-2b archival standard (with --pdf)."},
    "output_format": {"vi": "Dạng kết quả.", "en": "Output format."},
    "register_path": {"en": "The register file (default: from the profile, or ./so-van-ban.sqlite3)."},
    "profile": {"en": "Agency profile; the register path is read from so_van_ban.duong_dan."},
    "year": {"en": "This year only."},
    "series": {"en": "This series only (chung, mat, sao, KH…)."},
    "render": {"en": "Write the .docx of a FORM (YAML/JSON)."},
    "render.output": {"en": "Target .docx file or folder (default: the current folder)."},
    "render.pdf": {"en": "Also write a PDF next to the .docx (needs LibreOffice)."},
    "check": {"en": "Only check the FORM; nothing is written."},
    "new": {"en": "Write a commented starter form for the document KIND."},
    "new.output": {"en": "File to write (default: KIND.yaml, or KIND.xlsx with --xlsx)."},
    "new.xlsx": {"en": "Write the awardee workbook to fill in (commendation decisions)."},
    "schema": {"en": "Print the JSON Schema of the KIND's form (for editor completion and checking)."},
    "demo": {"en": "Render every bundled sample (samples/) into the folder OUT, a commendation batch included.\n\n"
                   "Can be run again: files the last demo wrote and nobody changed are replaced; edited "
                   "files, or other files of the same name, only with --force."},
    "demo.output": {"en": "Target folder."},
    "lists": {"en": "Print the named distribution lists of the agency profile (used as \"@name\")."},
    "lists.profile_path": {"en": "Agency profile (default: co-quan.yaml in the current folder, or the sample "
                                 "profile)."},
    "templates": {"en": "Rebuild the .docx templates in templates/ from code (generator.layout)."},
    "templates.output": {"en": "Target folder (default: the source's templates/)."},
    "batch": {"en": "Commendation decisions in bulk (with their lists, certificates, a print file) from the "
                    "SHEET (.xlsx/.csv)."},
    "batch.form": {"en": "The form with the decisions' common part (YAML)."},
    "batch.output": {"en": "Target folder."},
    "batch.group_by": {"en": "Each value of this column is one decision."},
    "batch.per_row": {"en": "One decision per row (each person or collective)."},
    "batch.start_number": {"en": "Number of the first decision."},
    "batch.merge": {"en": "Merge every decision into one file for printing."},
    "batch.certificates": {"en": "Write the certificates (Giấy khen), one print file for all."},
    "batch.pre_printed": {"en": "Certificates printed on pre-printed paper: leave out the printed text."},
    "batch.jobs": {"en": "Number of parallel processes."},
    "batch.as_json": {"en": "Print the summary as JSON (stdout)."},
    "batch.pdf": {"en": "Also write a PDF of every file written (needs LibreOffice)."},
    "lint": {"en": "Check .docx files against Decree 30 (exit code: 0 clean, 1 errors, 2 unreadable)."},
    "pdf": {"en": "Export .docx files to PDF with LibreOffice (one start for all files)."},
    "pdf.outdir": {"en": "Folder for the PDFs (default: next to each .docx)."},
    "pdf.pdfa": {"en": "Export in the PDF/A-2b archival standard (fonts embedded)."},
    "pdf.force": {"en": "Overwrite PDFs that exist."},
    "pdf.jobs": {"en": "Number of LibreOffice workers converting at once (each with its own profile)."},
    "giay-khen-can-chinh": {"en": "The calibration page for printing Giấy khen on pre-printed stock: print it "
                                   "on plain paper, lay it over the stock against the light, measure the shift "
                                   "and put the offsets in the profile (giay_khen)."},
    "giay-khen-can-chinh.profile_path": {"en": "Agency profile whose giay_khen block gives the stock and offsets."},
    "giay-khen-can-chinh.output": {"en": "The calibration page to write (.docx)."},
    "so": {"en": "The register of outgoing documents: list, void a number, export to Excel, check the files."},
    "so list": {"en": "List the numbers in the register."},
    "so list.kind": {"en": "This kind only (a kind name such as ke-hoach, or a code such as KH)."},
    "so show": {"en": "Show one number (NUMBER: 5, 05 or 05/KH-BQL) and its history."},
    "so show.year": {"en": "Year (default: the latest year with this number)."},
    "so show.series": {"en": "Series, when the number is in several."},
    "so void": {"en": "Void a number (held or issued); a voided number is never used again."},
    "web": {"en": "The clerk's desk in the browser: fill a form with messages beside each field, preview the "
                   "pages, download .docx/.pdf, issue with a number, run a commendation batch, see the "
                   "register, lint a file. Served from this machine only (a token is needed beyond it)."},
    "web.host": {"en": "Address to listen on; anything but 127.0.0.1 needs the printed token."},
    "web.port": {"en": "Port to listen on (0: any free port)."},
    "web.open_browser": {"en": "Open the browser."},
    "web.folder": {"en": "The working folder: forms are opened and saved only inside it."},
    "so migrate": {"en": "Move an SQLite register with its whole history to a PostgreSQL register shared by "
                          "many machines and agencies, and check the result (counts, highest numbers, hashes)."},
    "so migrate.target": {"en": "The target register on the server: postgresql://user@host/database."},
    "so migrate.agency": {"en": "The agency id in the shared database (default: the profile's ma_co_quan)."},
    "so migrate.allow_existing": {"en": "Go on when the target already holds numbers of this agency, year and series."},
    "so migrate.user": {"en": "Who moves the register (written in the audit; default: the system user)."},
    "so void.reason": {"en": "Why the number is voided (written in the register)."},
    "so void.year": {"en": "Year of the number (required when it exists in several years)."},
    "so void.series": {"en": "Series, when the number is in several."},
    "so void.user": {"en": "Who voids it (default: the machine's user)."},
    "so void.yes": {"en": "Do not ask for confirmation."},
    "render.draft_mark": {"en": "A draft carries the DỰ THẢO mark on page 1; --no-draft-mark for the copy to "
                                "sign electronically (number and date added when the clerk signs)."},
    "so export": {"en": "Export the register to an Excel file OUTPUT (.xlsx, as Phụ lục IV) or .csv."},
    "so export.year": {"en": "Year of the register (default: the latest in it)."},
    "so export.series": {"en": "This series only (default: one worksheet per series)."},
    "so init": {"en": "Create a new register of outgoing documents (needed before the first number); the "
                      "folder must exist."},
    "so verify": {"en": "Check the register: each issued number's file is there with its SHA-256 hash, voided "
                        "numbers have no file, no number or temporary folder is left by an interrupted batch."},
    "so verify.repair": {"en": "Settle an interrupted batch: finish or remove it, void held numbers, delete "
                               "temporary folders."},
    "sign": {"en": "Sign PDF files in the Decree 30 order: the competent signer, then number and date, then "
                   "the agency."},
    "sign.role": {"en": "nguoi-ky: the competent person signs first; co-quan: the clerk signs for the agency "
                        "(with the seal)."},
    "sign.cert": {"en": "PKCS#12 key file (.p12/.pfx)."},
    "sign.password_file": {"en": "File holding the password (first line); asked for otherwise. Never put a "
                                 "password on the command line."},
    "sign.pkcs11_lib": {"en": "PKCS#11 library of the token/HSM (instead of --cert); the PIN is asked for or "
                              "read from --password-file."},
    "sign.token_label": {"en": "PKCS#11 token label."},
    "sign.key_label": {"en": "Label of the key (and certificate) on the PKCS#11 token."},
    "sign.slot": {"en": "PKCS#11 slot number."},
    "sign.image": {"en": "Signature image (blue) or seal image (red), PNG with a transparent background."},
    "sign.image_mm": {"en": "Real diameter of the seal (mm) when the seal image has no DPI."},
    "sign.attachment_of": {"en": "The file is an annex/attachment of this document number (e.g. 1626/KH-BQL): "
                                 "a 10 pt line at the top right."},
    "sign.number": {"en": "Document number (when not taken from the register)."},
    "sign.day": {"en": "Document date (default: today)."},
    "sign.register_path": {"en": "Register of outgoing documents: take the next number (when the document has "
                                 "none)."},
    "sign.profile": {"en": "Agency profile: register path at so_van_ban.duong_dan."},
    "sign.name": {"en": "Signer's name printed on the document (when it has several signature blocks)."},
    "sign.output": {"en": "File or folder for the signed copy (default: sign in place, as an incremental "
                          "update)."},
    "sign.force": {"en": "Overwrite the target file (with -o)."},
    "verify": {"en": "Check digital signatures and their visible ND30 look (exit code: 0 ok, 1 problems, "
                     "2 unreadable)."},
    "verify.trust": {"en": "Trusted root certificate (PEM/DER); may be given several times."},
    "verify.profile": {"en": "Agency profile: trusted certificates at chu_ky_so.tin_cay."},
}

# One example per command, shown under its help ("Ví dụ:" / "Examples:").
HELP_EXAMPLES: dict[str, list[str]] = {
    "": ["vanban new ke-hoach -o ke-hoach.yaml", "vanban check ke-hoach.yaml",
         "vanban render ke-hoach.yaml -o out/", "vanban --lang en check ke-hoach.yaml"],
    "render": ["vanban render ke-hoach.yaml -o out/", "vanban render ke-hoach.yaml -o out/ --final"],
    "check": ["vanban check ke-hoach.yaml", "vanban check ke-hoach.yaml --final"],
    "new": ["vanban new ke-hoach -o ke-hoach.yaml",
            "vanban new quyet-dinh-khen-thuong --xlsx -o danh-sach.xlsx"],
    "schema": ["vanban schema ke-hoach > ke-hoach.schema.json"],
    "demo": ["vanban demo -o out", "vanban demo -o out --force"],
    "lists": ["vanban lists --profile co-quan.yaml"],
    "templates": ["vanban templates -o mau/"],
    "batch": ['vanban batch danh-sach.xlsx --form quyet-dinh.yaml -o out/ --group-by "Quyết định" --certificates'],
    "lint": ["vanban lint out/ke-hoach.docx"],
    "pdf": ["vanban pdf out/*.docx", "vanban pdf --pdfa out/ke-hoach.docx", "vanban pdf --jobs 2 out/*.docx"],
    "giay-khen-can-chinh": ["vanban giay-khen-can-chinh --profile co-quan.yaml -o can-chinh.docx"],
    "so": ["vanban so init", "vanban so list --year 2026"],
    "so list": ["vanban so list --year 2026"],
    "so show": ["vanban so show 05/KH-BQL"],
    "so void": ['vanban so void 5 --reason "Ghi nhầm số"'],
    "so export": ["vanban so export so-2026.xlsx --year 2026"],
    "so init": ["vanban so init --profile co-quan.yaml"],
    "web": ["vanban web --open", "vanban web --host 0.0.0.0 --port 8080 --folder ho-so"],
    "so migrate": ["vanban so migrate --to postgresql://vanban@may-chu/vanban --profile co-quan.yaml"],
    "so verify": ["vanban so verify --repair"],
    "sign": ["vanban sign van-ban.pdf --role nguoi-ky --cert nguoi-ky.p12 --image chu-ky.png"],
    "verify": ["vanban verify van-ban.pdf --trust ca.pem"],
}

MESSAGES.update({
    "help_examples": {"vi": "Ví dụ", "en": "Examples"},
    "help_kinds": {"vi": "Các loại văn bản (KIND)", "en": "Document kinds (KIND)"},
    "kind_choice_unknown": {
        "vi": "loại văn bản '{value}' không có (các loại: {allowed})",
        "en": "unknown document kind '{value}' (kinds: {allowed})",
    },
})

# Click's own English texts in Vietnamese (the English original is the key, as gettext does).
CLICK_VI: dict[str, str] = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Show this message and exit.": "In trợ giúp này rồi thoát.",
    "Show the version and exit.": "In phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem trợ giúp: '{command} {option}'.",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing command.": "Thiếu lệnh.",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "argument": "tham số",
    "option": "tùy chọn",
    "parameter": "tham số",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là một trong: {possibilities}?)",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa các tham số ({args})",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "{value!r} is not {choice}.": "{value!r} không phải là {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không phải một trong {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là {number_type} hợp lệ.",
    "integer": "số nguyên",
    "float": "số thực",
    "{value} is not in the range {range}.": "{value} không nằm trong khoảng {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} không phải giá trị có/không hợp lệ. Dùng: {states}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là thư mục.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là tệp.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} không đọc được.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} không ghi được.",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "required": "bắt buộc",
    "Aborted!": "Đã hủy.",
    "Do you want to continue?": "Tiếp tục?",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai lần nhập không khớp.",
    "Error: invalid input": "Lỗi: nhập không hợp lệ",
    "Confirm the action without prompting.": "Xác nhận luôn, không hỏi.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
}

# The document kinds as the help lists them (vanban new --help, vanban schema --help).
KIND_TITLES: dict[str, dict[str, str]] = {
    "ke-hoach": {"vi": "Kế hoạch", "en": "plan"},
    "bao-cao": {"vi": "Báo cáo", "en": "report"},
    "to-trinh": {"vi": "Tờ trình", "en": "submission"},
    "quyet-dinh": {"vi": "Quyết định (các điều)", "en": "decision (articles)"},
    "quy-che": {"vi": "Quyết định ban hành quy chế", "en": "decision issuing regulations"},
    "quyet-dinh-khen-thuong": {"vi": "Quyết định khen thưởng", "en": "commendation decision"},
    "cong-van": {"vi": "Công văn", "en": "official letter"},
    "thong-bao": {"vi": "Thông báo", "en": "notice"},
    "huong-dan": {"vi": "Hướng dẫn", "en": "guidance"},
    "giay-moi": {"vi": "Giấy mời", "en": "invitation"},
    "bien-ban": {"vi": "Biên bản", "en": "minutes"},
    "phu-luc": {"vi": "Phụ lục", "en": "annex"},
}

MESSAGES.update({
    # --- issue 14: words that used to leak in English
    "mode_draft": {"vi": "dự thảo", "en": "draft"},
    "mode_final": {"vi": "bản chính thức", "en": "final"},
    "register_action_reserve": {"vi": "giữ số", "en": "reserve"},
    "register_action_prepare": {"vi": "chuẩn bị cấp số", "en": "prepare"},
    "register_action_reserve-manual": {"vi": "giữ số ghi tay", "en": "reserve (typed number)"},
    "register_action_issue": {"vi": "cấp số", "en": "issue"},
    "register_action_void": {"vi": "hủy số", "en": "void"},
    "register_action_void-unwritten": {"vi": "hủy số (tệp chưa ghi)", "en": "void (file never written)"},
    "register_action_recover": {"vi": "xử lý sau sự cố", "en": "recover"},
    "register_action_recover-issue": {"vi": "cấp số sau sự cố", "en": "issue after a crash"},
    "register_action_recover-void": {"vi": "hủy số sau sự cố", "en": "void after a crash"},
})

# --- register on PostgreSQL and `vanban so migrate` (issue 16, generator.register.postgres/migrate)
MESSAGES.update({
    "register_server_unavailable": {
        "vi": "không kết nối được máy chủ sổ văn bản đi '{path}': {reason}; không số nào được cấp. "
              "Kiểm tra máy chủ PostgreSQL và mạng rồi chạy lại",
        "en": "cannot reach the register server '{path}': {reason}; no number was taken. "
              "Check the PostgreSQL server and the network, then run again",
    },
    "register_driver_missing": {
        "vi": "sổ văn bản đi '{path}' ở máy chủ PostgreSQL nhưng chưa cài thư viện psycopg: "
              "pip install 'vanban[postgresql]'",
        "en": "the register '{path}' is on a PostgreSQL server but psycopg is not installed: "
              "pip install 'vanban[postgresql]'",
    },
    "register_agency_missing": {
        "vi": "sổ văn bản đi trên máy chủ '{path}' dùng chung cho nhiều cơ quan: cần mã cơ quan "
              "(so_van_ban.co_quan hoặc ma_co_quan trong hồ sơ cơ quan, hoặc biến môi trường "
              "VANBAN_REGISTER_AGENCY)",
        "en": "the register on '{path}' is shared by several agencies: an agency id is needed "
              "(so_van_ban.co_quan or ma_co_quan in the agency profile, or the VANBAN_REGISTER_AGENCY "
              "environment variable)",
    },
    "register_migrate_source_not_sqlite": {
        "vi": "sổ nguồn '{path}' phải là một tệp SQLite (sổ chuyển đi)",
        "en": "the source register '{path}' must be an SQLite file (the register to move)",
    },
    "register_migrate_target_not_postgresql": {
        "vi": "đích '{path}' phải là địa chỉ postgresql://…",
        "en": "the target '{path}' must be a postgresql://… URL",
    },
    "register_migrate_target_not_empty": {
        "vi": "sổ đích '{path}' đã có {count} số của cơ quan '{agency}' trong các sổ {series}; không chuyển "
              "(thêm --allow-existing nếu chắc chắn muốn gộp)",
        "en": "the target '{path}' already holds {count} number(s) of agency '{agency}' in the series {series}; "
              "nothing moved (add --allow-existing to merge on purpose)",
    },
    "register_migrate_mismatch": {
        "vi": "kiểm tra sau khi chuyển không khớp ({what}: nguồn {source}, đích {target}); đã hoàn tác, "
              "sổ đích không thay đổi",
        "en": "the check after moving does not match ({what}: source {source}, target {target}); rolled back, "
              "the target is unchanged",
    },
    "register_migrated": {
        "vi": "đã chuyển sổ '{source}' sang '{target}' (cơ quan '{agency}'): {entries} số, {audit} dòng nhật ký; "
              "đã kiểm tra số lượng, số lớn nhất của từng sổ và mã băm ({digest})",
        "en": "moved the register '{source}' to '{target}' (agency '{agency}'): {entries} number(s), {audit} "
              "audit row(s); counts, the highest number of each series and hashes checked ({digest})",
    },
})

MESSAGES.update({
    # --- vanban web (issue 13): server, API and the pages' texts (web_ui_* go to the browser)
    "file_outside_folder": {"vi": "'{path}' nằm ngoài thư mục làm việc; chỉ đọc được tệp trong thư mục này",
                            "en": "'{path}' is outside the working folder; only its files can be read"},
    "web_name_invalid": {"vi": "tên tệp '{path}' không hợp lệ (chỉ tên tương đối trong thư mục làm việc)",
                         "en": "'{path}' is not a valid file name (a relative name inside the working folder)"},
    "web_sample_read_only": {"vi": "'{path}' là mẫu đi kèm, chỉ đọc: hãy lưu với tên mới trong thư mục làm việc",
                             "en": "'{path}' is a bundled sample, read only: save it under a new name"},
    "web_payload_invalid": {"vi": "yêu cầu phải gửi mẫu điền dạng YAML, hoặc JSON {\"form\": …} / {\"yaml\": …}",
                            "en": "send the form as YAML, or as JSON {\"form\": …} / {\"yaml\": …}"},
    "web_register_outside": {"vi": "sổ văn bản đi '{path}' nằm ngoài thư mục làm việc; ứng dụng web không ghi vào đó",
                             "en": "the register '{path}' is outside the working folder; the web app does not write there"},
    "web_reason_required": {"vi": "phải ghi lý do hủy số", "en": "a reason is required to void a number"},
    "web_host_refused": {"vi": "máy chủ không phục vụ tên '{host}'", "en": "this server does not answer for '{host}'"},
    "web_token_required": {"vi": "cần mã truy cập: mở đường dẫn có ?token=… in ra khi khởi động",
                           "en": "an access token is required: open the ?token=… link printed at start"},
    "web_csrf_refused": {"vi": "yêu cầu bị từ chối (thiếu mã chống giả mạo CSRF); hãy tải lại trang",
                         "en": "request refused (missing CSRF token); reload the page"},
    "web_too_large": {"vi": "dữ liệu gửi lên quá lớn (tối đa {limit} MB)", "en": "request too large (at most {limit} MB)"},
    "web_api_summary": {"vi": "API của vanban: kiểm tra và tạo văn bản theo Nghị định 30",
                        "en": "vanban API: check and render ND30 documents"},
    "web_bind_failed": {"vi": "không mở được cổng {host}:{port}: {reason}", "en": "cannot listen on {host}:{port}: {reason}"},
    "web_serving": {"vi": "Bàn làm việc văn thư: {url}  (thư mục làm việc: {folder}; Ctrl+C để dừng)",
                    "en": "The clerk's desk: {url}  (working folder: {folder}; Ctrl+C to stop)"},
    "web_token_note": {"vi": "Máy khác trong mạng mở được; cần mã truy cập có trong đường dẫn trên.",
                       "en": "Other machines can connect; they need the token in the link above."},
    "web_saved": {"vi": "Đã lưu {path}", "en": "Saved {path}"},
    "web_issued": {"vi": "Đã ban hành số {number}: {path}", "en": "Issued number {number}: {path}"},
    "web_ui_title": {"vi": "Bàn làm việc văn thư", "en": "The clerk's desk"},
    "web_ui_nav_desk": {"vi": "Soạn văn bản", "en": "Draft"},
    "web_ui_nav_batch": {"vi": "Khen thưởng hàng loạt", "en": "Batch"},
    "web_ui_nav_register": {"vi": "Sổ văn bản đi", "en": "Register"},
    "web_ui_nav_lint": {"vi": "Kiểm tra thể thức", "en": "Lint"},
    "web_ui_open": {"vi": "Mở mẫu điền", "en": "Open a form"},
    "web_ui_new": {"vi": "Mẫu mới (có ví dụ)", "en": "New form (with examples)"},
    "web_ui_new_empty": {"vi": "Mẫu trống", "en": "Empty form"},
    "web_ui_choose": {"vi": "— chọn —", "en": "— choose —"},
    "web_ui_samples": {"vi": "Mẫu đi kèm", "en": "Bundled samples"},
    "web_ui_folder": {"vi": "Thư mục làm việc", "en": "Working folder"},
    "web_ui_file_name": {"vi": "Tên tệp", "en": "File name"},
    "web_ui_save": {"vi": "Lưu", "en": "Save"},
    "web_ui_preview": {"vi": "Xem trước", "en": "Preview"},
    "web_ui_download_docx": {"vi": "Tải dự thảo .docx", "en": "Download draft .docx"},
    "web_ui_download_pdf": {"vi": "Tải dự thảo .pdf", "en": "Download draft .pdf"},
    "web_ui_issue": {"vi": "Ban hành (lấy số)…", "en": "Issue (take a number)…"},
    "web_ui_issue_confirm": {"vi": "Ban hành bản chính thức? Số sẽ được cấp từ sổ văn bản đi và không dùng lại được. "
                                   "Mẫu điền được lưu trước.",
                             "en": "Issue the final document? A number is taken from the register and never reused. "
                                   "The form is saved first."},
    "web_ui_draft_badge": {"vi": "DỰ THẢO", "en": "DRAFT"},
    "web_ui_add": {"vi": "Thêm", "en": "Add"},
    "web_ui_remove": {"vi": "Xóa", "en": "Remove"},
    "web_ui_up": {"vi": "Lên", "en": "Up"},
    "web_ui_down": {"vi": "Xuống", "en": "Down"},
    "web_ui_add_field": {"vi": "Thêm trường…", "en": "Add a field…"},
    "web_ui_add_list": {"vi": "Thêm danh sách có tên…", "en": "Add a named list…"},
    "web_ui_signer_other": {"vi": "Người ký khác (điền)", "en": "Another signer (fill in)"},
    "web_ui_pick_date": {"vi": "Chọn ngày", "en": "Pick a date"},
    "web_ui_checking": {"vi": "Đang kiểm tra…", "en": "Checking…"},
    "web_ui_ok": {"vi": "Mẫu điền hợp lệ", "en": "The form is valid"},
    "web_ui_problems": {"vi": "Có lỗi cần sửa", "en": "Problems to fix"},
    "web_ui_other_problems": {"vi": "Lỗi khác", "en": "Other problems"},
    "web_ui_no_preview": {"vi": "Chưa có bản xem trước", "en": "No preview yet"},
    "web_ui_plain_preview": {"vi": "Xem trước dạng chữ (chưa cài LibreOffice)", "en": "Plain preview (LibreOffice not installed)"},
    "web_ui_overwrite": {"vi": "Tệp đã có. Ghi đè?", "en": "The file exists. Overwrite?"},
    "web_ui_sheet": {"vi": "Bảng danh sách (.xlsx)", "en": "Awardee sheet (.xlsx)"},
    "web_ui_upload": {"vi": "Tải lên", "en": "Upload"},
    "web_ui_starter_workbook": {"vi": "Tải bảng mẫu để điền", "en": "Download the starter workbook"},
    "web_ui_decision_form": {"vi": "Mẫu quyết định", "en": "Decision form"},
    "web_ui_group_by": {"vi": "Mỗi giá trị của cột này là một quyết định", "en": "One decision per value of column"},
    "web_ui_certificates": {"vi": "Tạo Giấy khen", "en": "Make certificates"},
    "web_ui_output": {"vi": "Thư mục đích", "en": "Output folder"},
    "web_ui_run": {"vi": "Chạy", "en": "Run"},
    "web_ui_where": {"vi": "Vị trí", "en": "Where"},
    "web_ui_message": {"vi": "Nội dung", "en": "Message"},
    "web_ui_done": {"vi": "Xong", "en": "Done"},
    "web_ui_written": {"vi": "Tệp đã ghi", "en": "Files written"},
    "web_ui_search": {"vi": "Tìm", "en": "Search"},
    "web_ui_year": {"vi": "Năm", "en": "Year"},
    "web_ui_export_xlsx": {"vi": "Xuất Excel", "en": "Export .xlsx"},
    "web_ui_export_csv": {"vi": "Xuất CSV", "en": "Export .csv"},
    "web_ui_void": {"vi": "Hủy số…", "en": "Void…"},
    "web_ui_void_reason": {"vi": "Lý do hủy số {number}:", "en": "Reason for voiding {number}:"},
    "web_ui_void_confirm": {"vi": "Hủy số {number}? Số đã hủy không bao giờ dùng lại.",
                            "en": "Void {number}? A voided number is never reused."},
    "web_ui_register_empty": {"vi": "Sổ chưa có số nào", "en": "The register is empty"},
    "web_ui_col_number": {"vi": "Số, ký hiệu", "en": "Number"},
    "web_ui_col_date": {"vi": "Ngày", "en": "Date"},
    "web_ui_col_title": {"vi": "Trích yếu", "en": "Subject"},
    "web_ui_col_status": {"vi": "Trạng thái", "en": "Status"},
    "web_ui_col_file": {"vi": "Tệp", "en": "File"},
    "web_ui_drop": {"vi": "Thả tệp .docx vào đây (hoặc bấm để chọn)", "en": "Drop a .docx here (or click to choose)"},
    "web_ui_lint_clean": {"vi": "Đạt: không có lỗi thể thức", "en": "Clean: no layout errors"},
    "web_ui_severity_error": {"vi": "Lỗi", "en": "Error"},
    "web_ui_severity_warning": {"vi": "Cảnh báo", "en": "Warning"},
    "web_ui_network_error": {"vi": "Không kết nối được máy chủ", "en": "Cannot reach the server"},
})

MESSAGES.update({
    # --- commendation: money rule and attached list (generator.kinds.khen_thuong)
    "to_trinh_needs_achievement": {
        "vi": "tờ trình đề nghị khen thưởng không có mẫu quyết định cần 'thanh_tich' (ví dụ: đã có thành "
              "tích xuất sắc trong …) để viết câu đề nghị",
        "en": "a commendation proposal without a decision form needs 'thanh_tich' (e.g. đã có thành "
              "tích xuất sắc trong …) for its proposal sentence",
    },
    "amount_ignored_honorary": {
        "vi": "'{name}' có số tiền {typed} nhưng văn bản ghi tien_thuong: khong (khen không kèm tiền "
              "thưởng); số tiền này không được in — xoá ô này, hoặc bỏ dòng tien_thuong",
        "en": "'{name}' has the amount {typed} but the document says tien_thuong: khong (no bonus); "
              "the amount is not printed — clear the cell, or remove the tien_thuong line",
    },
    "amount_blank_in_paid_list": {
        "vi": "'{name}' để trống số tiền trong khi các dòng khác có ghi, nên không kèm tiền thưởng "
              "(theo quy định là {computed}); nếu muốn tính theo quy định cho mọi dòng trống, ghi "
              "tien_thuong: theo-quy-dinh; nếu đúng là không thưởng, ghi tien_thuong: theo-danh-sach",
        "en": "'{name}' has no amount while other lines have one, so it gets no bonus (the table "
              "gives {computed}); to compute every blank line, write tien_thuong: theo-quy-dinh; if "
              "no bonus is right, write tien_thuong: theo-danh-sach",
    },
    "list_needs_name_column": {
        "vi": "danh sách kèm theo phải có cột tên (ho_ten) trong 'cot'",
        "en": "the attached list needs the name column (ho_ten) in 'cot'",
    },
    "list_column_twice": {
        "vi": "một cột được ghi hai lần trong 'cot' của danh sách kèm theo; mỗi cột ghi một lần",
        "en": "a column is listed twice in 'cot' of the attached list; list each once",
    },
})

MESSAGES.update({
    # --- awardee sheets as clerks keep them (generator.sheets)
    "sheet_rows_hidden_read": {
        "vi": "trang '{sheet}' có {count} dòng bị ẩn trong Excel (dòng {rows}); các dòng này VẪN được đưa "
              "vào danh sách — nếu không muốn, hãy xoá chúng hoặc ghi bo_dong_an: true trong mẫu",
        "en": "sheet '{sheet}' has {count} rows hidden in Excel (rows {rows}); they ARE included — "
              "delete them, or write bo_dong_an: true in the form to leave them out",
    },
    "sheet_rows_hidden_skipped": {
        "vi": "trang '{sheet}' có {count} dòng bị ẩn (dòng {rows}); đã bỏ qua theo yêu cầu",
        "en": "sheet '{sheet}' has {count} hidden rows (rows {rows}); left out as asked",
    },
    "sheet_hidden_read": {
        "vi": "trang '{sheet}' đang bị ẩn trong Excel nhưng được đọc làm danh sách; hãy kiểm tra đây "
              "đúng là danh sách cần dùng",
        "en": "sheet '{sheet}' is hidden in Excel but is read as the list; check it is the right one",
    },
    "sheet_hidden_not_read": {
        "vi": "bảng tính có trang ẩn '{sheet}' trông như một danh sách khen thưởng; trang này không được "
              "đọc — nếu cần, hãy bỏ ẩn hoặc chỉ rõ tên trang",
        "en": "the workbook has a hidden sheet '{sheet}' that looks like an awardee list; it is not "
              "read — unhide it or name the sheet if it is the one",
    },
})

MESSAGES.update({
    "profile_sample_used": {
        "vi": "không có co-quan.yaml ở thư mục hiện tại: đang dùng hồ sơ MẪU đi kèm ({path}); "
              "chỉ định hồ sơ của cơ quan bằng --profile",
        "en": "no co-quan.yaml in the current folder: using the bundled SAMPLE profile ({path}); "
              "name your agency's profile with --profile",
    },
})

# --- issue 16 follow-up: recovering a batch on a PostgreSQL register, sign --profile (generator.batch)
MESSAGES.update({
    "batch_register_elsewhere": {
        "vi": "đợt làm hàng loạt bị dừng ở '{folder}' lấy số từ sổ văn bản đi {recorded}, nhưng hồ sơ cơ quan "
              "và biến môi trường bây giờ chỉ tới {current}; chưa xử lý gì. Chạy lại với đúng hồ sơ (hoặc "
              "VANBAN_REGISTER_URL, VANBAN_REGISTER_AGENCY) của đợt đó",
        "en": "the batch stopped in '{folder}' took its numbers from the register {recorded}, but the agency "
              "profile and the environment now point to {current}; nothing was touched. Run again with that "
              "batch's profile (or VANBAN_REGISTER_URL, VANBAN_REGISTER_AGENCY)",
    },
})

MESSAGES.update({
    # --- vanban web (issue 13, second round): creating the register from the browser
    "web_register_missing": {"vi": "chưa có sổ văn bản đi '{path}': cần tạo sổ trước lần cấp số đầu tiên",
                             "en": "there is no register '{path}' yet: it must be created before the first number"},
    "web_ui_register_missing": {"vi": "Chưa có sổ văn bản đi {path}.", "en": "There is no register {path} yet."},
    "web_ui_register_create": {"vi": "Tạo sổ văn bản đi", "en": "Create the register"},
    "web_ui_register_create_confirm": {
        "vi": "Tạo sổ văn bản đi mới {path}? Số văn bản bắt đầu từ 01 (như lệnh vanban so init).",
        "en": "Create a new register {path}? Numbers start at 01 (as vanban so init does)."},
})

# --- issue 14, items 9–11: placeholders, draft and final, the sample profile -------------------
MESSAGES.update({
    "placeholder_dots": {
        "vi": "còn dấu chấm giữ chỗ '{value}' chưa điền: “{excerpt}”",
        "en": "placeholder dots '{value}' left unfilled: “{excerpt}”",
    },
    "placeholder_example_agency": {
        "vi": "'{name}' là cơ quan ví dụ của mẫu điền (vanban new); hãy điền cơ quan thật "
              "(hoặc dùng hồ sơ cơ quan: co_quan: co-quan.yaml)",
        "en": "'{name}' is the example agency of the starter form (vanban new); fill in the real "
              "agency (or use an agency profile: co_quan: co-quan.yaml)",
    },
    "placeholder_example_signer": {
        "vi": "'{name}' là người ký ví dụ của mẫu điền (vanban new); hãy điền người ký thật",
        "en": "'{name}' is the example signer of the starter form (vanban new); fill in the real signer",
    },
    "placeholder_sample_profile": {
        "vi": "đang dùng hồ sơ MẪU đi kèm ({path}) của một cơ quan khác; hãy dùng hồ sơ của cơ quan mình",
        "en": "this is the bundled SAMPLE profile ({path}) of another agency; use your agency's own profile",
    },
    "final_already_issued": {
        "vi": "văn bản này đã được cấp số {so_ky_hieu} năm {year} ({path}); không lấy số thứ hai. "
              "Muốn ban hành lại: hủy số cũ (vanban so void) rồi chạy lại",
        "en": "this document was already issued as {so_ky_hieu} of {year} ({path}); no second number "
              "taken. To issue it again, void the old number (vanban so void) and run again",
    },
    "final_numbered": {
        "vi": "Đã lấy số {number} cho bản chính thức: {path}",
        "en": "Took number {number} for the final document: {path}",
    },
    "void_confirm": {
        "vi": "Hủy số {number}? Số đã hủy không bao giờ được dùng lại",
        "en": "Void number {number}? A voided number is never used again",
    },
    "void_needs_yes": {
        "vi": "hủy số cần xác nhận: chạy lại trong cửa sổ dòng lệnh, hoặc thêm --yes",
        "en": "voiding a number needs confirmation: run it in a terminal, or add --yes",
    },
    "void_cancelled": {"vi": "đã thôi, không hủy số nào", "en": "cancelled, no number voided"},
    "starter_fill_in": {
        "vi": "mẫu có {count} chỗ ví dụ hoặc giữ chỗ (cơ quan, người ký ví dụ, \"...\") cần điền trước khi "
              "ban hành: vanban check {path} chỉ ra từng chỗ; --final từ chối khi còn",
        "en": "the starter has {count} example values or placeholders (example agency, signer, \"...\") to fill "
              "in before issuing: vanban check {path} shows each; --final refuses while any remains",
    },
    "web_profile_missing": {
        "vi": "thư mục làm việc {folder} chưa có hồ sơ cơ quan co-quan.yaml: các mẫu 'samples:' dùng hồ sơ "
              "MẪU đi kèm (của một cơ quan khác); mẫu mới phải tự điền cơ quan, người ký",
        "en": "the working folder {folder} has no agency profile co-quan.yaml: the 'samples:' forms use the "
              "bundled SAMPLE profile (another agency's); new forms must name their agency and signer",
    },
})
