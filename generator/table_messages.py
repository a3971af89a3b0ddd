"""Messages of the table reader (generator.table_form, generator.table_excel).

Kept apart from the reader so that ``generator.messages`` (and with it ``vanban --help``) does
not import openpyxl and pydantic.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- tables in forms (generator.table_form) and from Excel (generator.table_excel)
    "table_empty": {
        "vi": "bảng chưa có dòng nào; hãy ghi các dòng trong 'dong' (mỗi dòng một danh sách, ví dụ "
              "- [1, Xã Nguyễn Huệ, x]) hoặc lấy bảng từ Excel bằng 'tu_tep'",
        "en": "the table has no rows; write them under 'dong' (one list per row, e.g. "
              "- [1, Xã Nguyễn Huệ, x]) or take the table from Excel with 'tu_tep'",
    },
    "table_columns_missing": {
        "vi": "bảng chưa có cột; hãy ghi các cột trong 'cot' (ví dụ - ten: STT) hoặc lấy bảng từ "
              "Excel bằng 'tu_tep'",
        "en": "the table has no columns; list them under 'cot' (e.g. - ten: STT) or take the table "
              "from Excel with 'tu_tep'",
    },
    "table_source_conflict": {
        "vi": "bảng lấy từ Excel ('tu_tep') thì không ghi thêm '{keys}'; hãy chọn một trong hai cách",
        "en": "a table from Excel ('tu_tep') cannot also have '{keys}'; choose one of the two",
    },
    "table_key_needs_file": {
        "vi": "'{key}' chỉ dùng khi lấy bảng từ Excel ('tu_tep: tệp.xlsx')",
        "en": "'{key}' is only for a table taken from Excel ('tu_tep: file.xlsx')",
    },
    "table_align_unknown": {
        "vi": "cách căn '{value}' không có; dùng một trong: {allowed}",
        "en": "unknown alignment '{value}'; use one of: {allowed}",
    },
    "table_width_on_group": {
        "vi": "cột '{name}' có cột con nên không ghi độ rộng; hãy ghi 'rong' cho từng cột con",
        "en": "column '{name}' has sub-columns, so it takes no width; give 'rong' to each sub-column",
    },
    "table_too_wide": {
        "vi": "các cột rộng tổng cộng {width} cm, quá {available} cm chiều rộng trang; hãy giảm "
              "'rong' của vài cột (hoặc bỏ 'rong' để tự tính)",
        "en": "the columns add up to {width} cm, more than the {available} cm of the page; reduce "
              "some 'rong' (or leave them out to size the columns automatically)",
    },
    "table_too_wide_scaled": {
        "vi": "các cột rộng tổng cộng {width} cm, quá {available} cm chiều rộng trang; các cột "
              "được thu nhỏ theo cùng tỷ lệ",
        "en": "the columns add up to {width} cm, more than the {available} cm of the page; they "
              "are narrowed in proportion",
    },
    "table_row_shape": {
        "vi": "dòng {row} không đúng dạng; mỗi dòng là một danh sách ô, ví dụ - [1, Xã A, x], hoặc "
              "một trong: {allowed}",
        "en": "row {row} has the wrong shape; a row is a list of cells, e.g. - [1, Xã A, x], or one "
              "of: {allowed}",
    },
    "table_cell_value": {
        "vi": "ô {value!r} ở dòng {row} phải là chữ hoặc số (true/false hãy viết trong ngoặc kép)",
        "en": "the cell {value!r} on row {row} must be text or a number (quote true/false)",
    },
    "table_row_too_long": {
        "vi": "dòng {row} có {count} ô nhưng bảng chỉ có {columns} cột (kể cả ô gộp từ dòng trên); "
              "hãy bỏ bớt ô hoặc thêm cột. Trong [...], dấu phẩy ngăn cách các ô: chữ có dấu phẩy "
              "phải đặt trong ngoặc kép, ví dụ \"Cơ quan, địa phương liên quan\"",
        "en": "row {row} has {count} cells but the table has only {columns} columns (cells merged "
              "from the rows above included); remove cells or add a column. Inside [...] a comma "
              "separates cells: quote text that has commas, e.g. \"Cơ quan, địa phương liên quan\"",
    },
    "table_span_past_end": {
        "vi": "ô thứ {cell} của dòng {row} bắt đầu ở cột {start}, gộp {span} cột thì vượt quá cột "
              "cuối (bảng có {columns} cột); hãy giảm gop_cot",
        "en": "cell {cell} of row {row} starts in column {start}; merging {span} columns runs past "
              "the last one (the table has {columns}); reduce gop_cot",
    },
    "table_span_overlap": {
        "vi": "ô thứ {cell} của dòng {row} chồng lên ô gộp từ dòng {other_row} ở cột {column}; hãy "
              "bỏ ô này hoặc giảm gop_cot, gop_dong",
        "en": "cell {cell} of row {row} overlaps the merged cell of row {other_row} in column "
              "{column}; remove the cell or reduce gop_cot, gop_dong",
    },
    "table_rowspan_past_end": {
        "vi": "ô thứ {cell} của dòng {row} gộp {span} dòng nhưng từ dòng này đến cuối bảng chỉ có "
              "{rows} dòng; hãy giảm gop_dong",
        "en": "cell {cell} of row {row} merges {span} rows but only {rows} row(s) are left from "
              "here to the end; reduce gop_dong",
    },
    "table_numbers_count": {
        "vi": "danh_so_cot có {count} số nhưng bảng có {columns} cột; hãy ghi mỗi cột một số, "
              "hoặc viết danh_so_cot: true để đánh (1), (2), (3)… tự động",
        "en": "danh_so_cot has {count} labels but the table has {columns} columns; give one per "
              "column, or write danh_so_cot: true to number them (1), (2), (3)…",
    },
    "table_range_invalid": {
        "vi": "vùng '{value}' không đúng; hãy viết như trong Excel, ví dụ A3:F60",
        "en": "range '{value}' is not valid; write it as Excel does, e.g. A3:F60",
    },
    "table_range_empty": {
        "vi": "trang tính '{sheet}' không có ô nào có nội dung; hãy chọn trang (trang) hoặc vùng "
              "(vung) có bảng",
        "en": "sheet '{sheet}' has no cell with content; choose the sheet (trang) or range (vung) "
              "that holds the table",
    },
    "table_range_too_large": {
        "vi": "vùng {value} có {rows} dòng × {columns} cột, quá giới hạn {max_rows} dòng × "
              "{max_columns} cột của một bảng trong văn bản; hãy chỉ rõ vùng bằng 'vung'",
        "en": "range {value} has {rows} rows × {columns} columns, more than the {max_rows} × "
              "{max_columns} a table in a document may have; give the range with 'vung'",
    },
    "table_header_rows": {
        "vi": "dong_tieu_de là {value} nhưng vùng chỉ có {rows} dòng",
        "en": "dong_tieu_de is {value} but the range has only {rows} row(s)",
    },
    "table_cell_error": {
        "vi": "ô có giá trị lỗi {value}; hãy sửa ô này trong Excel",
        "en": "the cell holds the error value {value}; correct it in Excel",
    },
    "table_column_unknown": {
        "vi": "cột '{value}' trong cot_so không thuộc vùng {range}; hãy ghi chữ cột như Excel (ví "
              "dụ D) hoặc số thứ tự cột trong vùng, đếm từ 1",
        "en": "column '{value}' of cot_so is not in the range {range}; write the column letter as "
              "Excel does (e.g. D) or its position in the range, counting from 1",
    },
}
