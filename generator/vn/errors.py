"""Errors raised by the Vietnamese language helpers.

Every error is a :class:`LanguageError` (a ``ValueError``) with a stable
snake_case ``code`` and a ``params`` dict.  The human text lives in
:data:`MESSAGES`, one Vietnamese and one English format string per code.

Messages say what is wrong with the value and what to type instead.  They
never name the field or the location: the caller prefixes ``file:line field:``.
"""

from __future__ import annotations

__all__ = ["LanguageError", "MESSAGES", "message_for"]


MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ dates
    "date_empty": {
        "vi": "Chưa có ngày; hãy gõ ngày theo dạng ngày/tháng/năm, ví dụ 13/4/2023",
        "en": "No date given; type a date as day/month/year, e.g. 13/4/2023",
    },
    "date_unrecognized": {
        "vi": "'{value}' không đọc được thành ngày; hãy gõ theo dạng ngày/tháng/năm "
              "với năm đủ 4 chữ số, ví dụ 13/4/2023 hoặc 13/04/2023",
        "en": "'{value}' cannot be read as a date; type day/month/year with a "
              "4-digit year, e.g. 13/4/2023 or 13/04/2023",
    },
    "date_invalid": {
        "vi": "'{value}' không phải là ngày hợp lệ (ngày {day} không có trong tháng "
              "{month}/{year}); hãy kiểm tra lại ngày",
        "en": "'{value}' is not a valid date (month {month}/{year} has no day {day}); "
              "check the day",
    },
    "date_day_invalid": {
        "vi": "'{value}' không phải là ngày hợp lệ (không có ngày {day}); ngày phải "
              "từ 1 đến 31, ví dụ 13/4/2023",
        "en": "'{value}' is not a valid date (there is no day {day}); the day must be "
              "1 to 31, e.g. 13/4/2023",
    },
    "date_month_invalid": {
        "vi": "'{value}' không phải là ngày hợp lệ (không có tháng {month}); hãy gõ "
              "ngày trước, tháng sau, ví dụ 13/4/2023",
        "en": "'{value}' is not a valid date (there is no month {month}); type the "
              "day first and the month second, e.g. 13/4/2023",
    },
    "date_two_digit_year": {
        "vi": "'{value}' có năm chỉ gồm 2 chữ số ({year}); hãy gõ năm đủ 4 chữ số, "
              "ví dụ {suggestion}",
        "en": "'{value}' has a 2-digit year ({year}); type the full 4-digit year, "
              "e.g. {suggestion}",
    },
    "date_year_out_of_range": {
        "vi": "'{value}' có năm {year} nằm ngoài khoảng {min_year}–{max_year}; "
              "hãy kiểm tra lại năm",
        "en": "'{value}' has the year {year}, outside {min_year}–{max_year}; "
              "check the year",
    },
    "date_serial_invalid": {
        "vi": "Số {value} không đọc được thành ngày (số ngày kiểu Excel phải là số "
              "nguyên dương, ví dụ 45029 là 13/4/2023); hãy gõ ngày dạng 13/4/2023",
        "en": "The number {value} cannot be read as a date (an Excel date serial "
              "must be a positive whole number, e.g. 45029 is 13/4/2023); type the "
              "date as 13/4/2023",
    },
    "date_serial_1900_leap": {
        "vi": "Số {value} là ngày 29/02/1900 của Excel, ngày này không có thật; "
              "hãy gõ ngày dạng ngày/tháng/năm",
        "en": "The number {value} is Excel's 29/02/1900, which does not exist; "
              "type the date as day/month/year",
    },
    "date_serial_looks_like_year": {
        "vi": "'{value}' trông như một năm, không phải một ngày; hãy gõ đủ "
              "ngày/tháng/năm, ví dụ 13/4/{value}",
        "en": "'{value}' looks like a year, not a date; type the full "
              "day/month/year, e.g. 13/4/{value}",
    },
    "date_type": {
        "vi": "Giá trị '{value}' (kiểu {type}) không đọc được thành ngày; hãy gõ "
              "ngày dạng 13/4/2023",
        "en": "The value '{value}' (of type {type}) cannot be read as a date; "
              "type the date as 13/4/2023",
    },
    "place_empty": {
        "vi": "Chưa có địa danh cho dòng ngày tháng; hãy gõ tên tỉnh hoặc thành "
              "phố, ví dụ Hải Phòng",
        "en": "No place name for the date line; type the province or city name, "
              "e.g. Hải Phòng",
    },
    # ------------------------------------------------------------------ codes
    "type_unknown": {
        "vi": "'{value}' không phải là tên loại văn bản trong Phụ lục III Nghị định "
              "30/2020/NĐ-CP; hãy gõ đúng tên loại, ví dụ Quyết định, Kế hoạch, Tờ trình",
        "en": "'{value}' is not a document type of Appendix III of Decree "
              "30/2020/ND-CP; type a type name such as Quyết định, Kế hoạch, Tờ trình",
    },
    "type_unknown_suggest": {
        "vi": "'{value}' không phải là tên loại văn bản trong Phụ lục III Nghị định "
              "30/2020/NĐ-CP; có phải là '{suggestion}' không? Hãy gõ đủ dấu: {suggestion}",
        "en": "'{value}' is not a document type of Appendix III of Decree "
              "30/2020/ND-CP; did you mean '{suggestion}'? Type it with its "
              "diacritics: {suggestion}",
    },
    "type_no_code": {
        "vi": "'{value}' không có chữ viết tắt tên loại; ký hiệu của loại văn bản này "
              "gồm chữ viết tắt tên cơ quan và đơn vị soạn thảo, ví dụ BQL-VP",
        "en": "'{value}' has no type abbreviation; its ký hiệu is the agency code "
              "plus the drafting unit code, e.g. BQL-VP",
    },
    "type_code_unknown": {
        "vi": "'{value}' không phải là chữ viết tắt tên loại văn bản trong Phụ lục III; "
              "hãy dùng đúng chữ viết tắt, ví dụ QĐ, KH, TTr, QyĐ",
        "en": "'{value}' is not a document type code of Appendix III; use one of "
              "the codes, e.g. QĐ, KH, TTr, QyĐ",
    },
    "number_invalid": {
        "vi": "'{value}' không phải là số văn bản hợp lệ; số văn bản là số nguyên từ 1 "
              "trở lên, ví dụ 5 (sẽ viết thành 05)",
        "en": "'{value}' is not a valid document number; it must be a whole number "
              "from 1 up, e.g. 5 (written 05)",
    },
    "code_empty": {
        "vi": "Thiếu {part} trong ký hiệu văn bản; hãy gõ chữ viết tắt, ví dụ {example}",
        "en": "The {part} of the ký hiệu is missing; type its abbreviation, "
              "e.g. {example}",
    },
    "code_invalid_char": {
        "vi": "'{value}' có ký tự '{char}' không dùng được trong ký hiệu văn bản; "
              "ký hiệu chỉ gồm chữ cái, chữ số, dấu & và dấu gạch nối (-), ví dụ QĐ-BQL",
        "en": "'{value}' contains '{char}', which is not allowed in a ký hiệu; use "
              "only letters, digits, & and hyphens (-), e.g. QĐ-BQL",
    },
    "code_lowercase": {
        "vi": "'{value}' có chữ thường; chữ viết tắt trong ký hiệu văn bản viết hoa, "
              "hãy gõ {suggestion}",
        "en": "'{value}' contains lower-case letters; abbreviations in a ký hiệu "
              "are in capitals, type {suggestion}",
    },
    "ky_hieu_missing_unit": {
        "vi": "Ký hiệu của công văn cần chữ viết tắt của đơn vị soạn thảo sau chữ "
              "viết tắt tên cơ quan, ví dụ {agency}-VP",
        "en": "The ký hiệu of a công văn needs the drafting unit's code after the "
              "agency code, e.g. {agency}-VP",
    },
    "ky_hieu_invalid": {
        "vi": "'{value}' không đúng dạng ký hiệu văn bản; ký hiệu gồm các chữ viết tắt "
              "nối bằng dấu gạch nối, không có dấu cách, ví dụ QĐ-BQL hoặc BQL-VP",
        "en": "'{value}' is not a well-formed ký hiệu; it is abbreviations joined "
              "by hyphens with no spaces, e.g. QĐ-BQL or BQL-VP",
    },
    "ky_hieu_spaces": {
        "vi": "'{value}' có dấu cách bên trong; ký hiệu văn bản viết liền, hãy gõ {expected}",
        "en": "'{value}' contains spaces; a ký hiệu has no spaces, type {expected}",
    },
    "ky_hieu_year": {
        "vi": "'{value}' có năm ({year}) trong ký hiệu; văn bản hành chính không ghi "
              "năm trong số, ký hiệu, hãy gõ {expected}",
        "en": "'{value}' contains a year ({year}); administrative documents carry "
              "no year in the number or ký hiệu, type {expected}",
    },
    "ky_hieu_has_number": {
        "vi": "'{value}' có cả số văn bản; ở đây chỉ gõ ký hiệu, không gõ số, "
              "hãy gõ {expected}",
        "en": "'{value}' includes the document number; type only the ký hiệu "
              "here, without the number: {expected}",
    },
    "ky_hieu_case": {
        "vi": "'{value}' viết sai chữ hoa, chữ thường; hãy gõ đúng {expected} "
              "(các chữ viết tắt QyĐ, CTr, TTr, TrS có chữ thường theo Phụ lục III)",
        "en": "'{value}' has the wrong capitalisation; type exactly {expected} "
              "(the codes QyĐ, CTr, TTr, TrS contain lower-case letters per Appendix III)",
    },
    "ky_hieu_d_for_dd": {
        "vi": "'{value}' dùng chữ D thay cho chữ Đ; hãy gõ {expected}",
        "en": "'{value}' uses the letter D where Đ is required; type {expected}",
    },
    "ky_hieu_separator": {
        "vi": "'{value}' dùng dấu '{char}' để nối; các phần của ký hiệu nối bằng dấu "
              "gạch nối (-), hãy gõ {expected}",
        "en": "'{value}' uses '{char}' as a separator; the parts of a ký hiệu are "
              "joined by hyphens (-), type {expected}",
    },
    "ky_hieu_wrong_type": {
        "vi": "'{value}' có chữ viết tắt {given_code} của {given_type}, nhưng văn bản "
              "này là {expected_type} ({expected_code}); hãy gõ {expected}",
        "en": "'{value}' has the code {given_code} ({given_type}), but this document "
              "is a {expected_type} ({expected_code}); type {expected}",
    },
    "ky_hieu_mismatch": {
        "vi": "'{value}' không khớp với ký hiệu đúng của văn bản này; hãy gõ {expected}",
        "en": "'{value}' does not match this document's ký hiệu; type {expected}",
    },
    "reference_number_missing": {
        "vi": "Văn bản được viện dẫn thiếu số; hãy gõ số và ký hiệu, ví dụ 1626/{value}",
        "en": "The cited document has no number; type its number and ký hiệu, "
              "e.g. 1626/{value}",
    },
    # ------------------------------------------------------------------- text
    "control_char": {
        "vi": "Có ký tự điều khiển {codepoint} ở dòng {line}, cột {column} (gần "
              "'{context}'), thường do sao chép từ phần mềm khác; hãy xoá ký tự đó rồi gõ lại",
        "en": "There is a control character {codepoint} at line {line}, column "
              "{column} (near '{context}'), usually pasted from another program; "
              "delete it and retype",
    },
    "text_type": {
        "vi": "Giá trị '{value}' (kiểu {type}) không phải là văn bản",
        "en": "The value '{value}' (of type {type}) is not text",
    },
    # ---------------------------------------------------------------- figures
    "amount_empty": {
        "vi": "Chưa có số tiền; hãy gõ số tiền bằng chữ số, ví dụ 1.410.000",
        "en": "No amount given; type the amount in figures, e.g. 1.410.000",
    },
    "amount_type": {
        "vi": "Giá trị '{value}' (kiểu {type}) không phải là số tiền; hãy gõ ví dụ 1.410.000",
        "en": "The value '{value}' (of type {type}) is not an amount; type e.g. 1.410.000",
    },
    "amount_not_integer": {
        "vi": "'{value}' có phần lẻ dưới một đồng; số tiền phải là số đồng chẵn, "
              "ví dụ 1.410.000 (dấu chấm ngăn cách hàng nghìn)",
        "en": "'{value}' has a fraction of a đồng; amounts must be whole đồng, "
              "e.g. 1.410.000 (dots separate thousands)",
    },
    "amount_dot_decimal": {
        "vi": "'{value}' có dấu chấm như dấu thập phân; trong tiếng Việt dấu chấm "
              "ngăn cách hàng nghìn và số tiền phải là số đồng chẵn, hãy gõ ví dụ "
              "1.410.000 hoặc 1410000",
        "en": "'{value}' uses a dot as a decimal point; in Vietnamese the dot "
              "separates thousands and amounts are whole đồng, type e.g. "
              "1.410.000 or 1410000",
    },
    "amount_comma_ambiguous": {
        "vi": "'{value}' không rõ nghĩa: dấu phẩy có thể là dấu thập phân ({as_decimal}) "
              "hoặc dấu ngăn cách hàng nghìn ({as_thousands}); hãy gõ {as_thousands} "
              "(dấu chấm ngăn cách hàng nghìn) hoặc {plain}",
        "en": "'{value}' is ambiguous: the comma may be a decimal mark ({as_decimal}) "
              "or a thousands separator ({as_thousands}); type {as_thousands} "
              "(dots separate thousands) or {plain}",
    },
    "amount_scale_word": {
        "vi": "'{value}' viết tắt số tiền bằng chữ '{word}'; hãy gõ đủ số tiền bằng "
              "chữ số: {suggestion}",
        "en": "'{value}' abbreviates the amount with '{word}'; type the full amount "
              "in figures: {suggestion}",
    },
    "amount_scale_word_unclear": {
        "vi": "'{value}' viết tắt số tiền bằng chữ '{word}'; hãy gõ đủ số tiền bằng "
              "chữ số, ví dụ 1.410.000",
        "en": "'{value}' abbreviates the amount with '{word}'; type the full amount "
              "in figures, e.g. 1.410.000",
    },
    "amount_unrecognized": {
        "vi": "'{value}' không đọc được thành số tiền; hãy gõ số tiền bằng chữ số, "
              "dấu chấm ngăn cách hàng nghìn, ví dụ 1.410.000 hoặc 1.410.000 đồng",
        "en": "'{value}' cannot be read as an amount; type it in figures with dots "
              "between thousands, e.g. 1.410.000 or 1.410.000 đồng",
    },
    "amount_not_finite": {
        "vi": "'{value}' không phải là một số; hãy gõ số tiền, ví dụ 1.410.000",
        "en": "'{value}' is not a number; type an amount, e.g. 1.410.000",
    },
    "decimal_empty": {
        "vi": "Chưa có số; hãy gõ số, dùng dấu phẩy làm dấu thập phân, ví dụ 0,3",
        "en": "No number given; type a number with a decimal comma, e.g. 0,3",
    },
    "decimal_type": {
        "vi": "Giá trị '{value}' (kiểu {type}) không phải là số; hãy gõ ví dụ 0,3",
        "en": "The value '{value}' (of type {type}) is not a number; type e.g. 0,3",
    },
    "decimal_ambiguous": {
        "vi": "'{value}' không rõ nghĩa: có thể là {as_decimal} (có phần thập phân) hoặc "
              "{plain}; hãy gõ {as_decimal} nếu là số thập phân (dấu phẩy là dấu thập phân) "
              "hoặc {plain} nếu là số nguyên",
        "en": "'{value}' is ambiguous: it may be {as_decimal} (with a fraction) or "
              "{plain}; type {as_decimal} for a decimal (the comma is the decimal mark) "
              "or {plain} for a whole number",
    },
    "decimal_scale_word": {
        "vi": "'{value}' có chữ '{word}'; hãy gõ số bằng chữ số, ví dụ {suggestion}",
        "en": "'{value}' contains the word '{word}'; type the number in figures, "
              "e.g. {suggestion}",
    },
    "decimal_unrecognized": {
        "vi": "'{value}' không đọc được thành số; hãy gõ số với dấu phẩy thập phân, "
              "ví dụ 0,3 hoặc 1.234,5",
        "en": "'{value}' cannot be read as a number; type it with a decimal comma, "
              "e.g. 0,3 or 1.234,5",
    },
    "decimal_not_finite": {
        "vi": "'{value}' không phải là một số hữu hạn; hãy gõ số, ví dụ 0,3",
        "en": "'{value}' is not a finite number; type a number, e.g. 0,3",
    },
    # --------------------------------------------------------------- numwords
    "number_too_large": {
        "vi": "Số {value} quá lớn để đọc thành chữ (chỉ đọc được số nhỏ hơn một "
              "nghìn triệu tỷ, tức 10^18)",
        "en": "The number {value} is too large to write in words (only numbers "
              "below 10^18, a thousand triệu tỷ, are supported)",
    },
    "number_not_integer": {
        "vi": "'{value}' không phải là số nguyên nên không đọc được theo cách này",
        "en": "'{value}' is not a whole number and cannot be read this way",
    },
}


def message_for(code: str, params: dict, lang: str = "vi") -> str:
    """Format the message for ``code`` in ``lang`` ('vi' or 'en')."""
    template = MESSAGES[code][lang]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # pragma: no cover - defensive
        return template


class LanguageError(ValueError):
    """A value a clerk typed (or a program passed) is not acceptable.

    ``code`` is a stable snake_case id (a key of :data:`MESSAGES`), ``params``
    the values used in the message.  ``str(err)`` is the Vietnamese message;
    ``err.message('en')`` gives the English one.
    """

    def __init__(self, code: str, **params: object) -> None:
        if code not in MESSAGES:
            raise KeyError(f"unknown LanguageError code {code!r}")
        self.code = code
        self.params = dict(params)
        super().__init__(self.message("vi"))

    def message(self, lang: str = "vi") -> str:
        return message_for(self.code, self.params, lang)

    def __str__(self) -> str:
        return self.message("vi")

    def __repr__(self) -> str:
        return f"LanguageError({self.code!r}, **{self.params!r})"

    def __reduce__(self):  # keep pickling (multiprocessing) working
        return (_rebuild, (self.code, self.params))


def _rebuild(code: str, params: dict) -> LanguageError:
    return LanguageError(code, **params)
