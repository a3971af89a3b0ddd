"""The starter awardee workbook ``vanban new quyet-dinh-khen-thuong --xlsx`` writes: the headers
of ``sheets.COLUMNS`` with a "Quyết định" column to group rows into decisions (the README's
``--group-by "Quyết định"``), drop-down lists for the fixed choices, two example rows and an
instructions sheet, in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .bonus import RECIPIENT_LABELS, BonusConfig
from .sheets import COLUMNS, GROUP_COLUMN, REQUIRED

_LAST_ROW = 1000
_GROUP_GUIDE = (30, "Tên nhóm: các dòng cùng tên nhóm thành một quyết định kèm danh sách "
                    "(dùng với --group-by \"Quyết định\"); có một quyết định thì ghi cùng một tên "
                    "cho mọi dòng. Không dùng --group-by thì cột này được bỏ qua.")
_EXAMPLE_GROUP = "Hoàn thành xuất sắc nhiệm vụ năm 2025"
_GUIDE = {  # field -> (column width, what to type)
    "stt": (6, "Số thứ tự 1, 2, 3... không trùng nhau; cũng là số sổ vàng in trên Giấy khen."),
    "ho_ten": (32, "Họ và tên cá nhân (Nguyễn Văn An), tên tập thể (Phòng Quản lý đầu tư) "
                   "hoặc hộ gia đình (Hộ ông Nguyễn Văn Bình)."),
    "chuc_vu": (20, "Chức vụ của cá nhân, ví dụ Chuyên viên; tập thể để trống."),
    "don_vi": (30, "Đơn vị công tác của cá nhân, hoặc cơ quan chủ quản / địa chỉ của tập thể."),
    "doi_tuong": (14, "Chọn trong danh sách: Cá nhân, Tập thể hoặc Hộ gia đình."),
    "hinh_thuc": (28, "Chọn trong danh sách hình thức khen thưởng của cơ quan."),
    "thanh_tich": (50, "Ví dụ: Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025."),
    "so_tien": (16, "Để trống để tự tính: hệ số × mức lương cơ sở, làm tròn lên hàng chục nghìn "
                    "đồng; số đã gõ được dùng (có cảnh báo khi khác số tính được)."),
    "ghi_chu": (20, "Ghi chú thêm (không bắt buộc)."),
}
_NOTES = (
    "Mỗi cá nhân, tập thể, hộ gia đình ghi trên một dòng của trang 'Danh sách'; không gộp ô.",
    "Có thể bỏ cột không bắt buộc; cột 'Quyết định' chia danh sách thành nhiều quyết định khi "
    "tạo văn bản với --group-by \"Quyết định\" (có thể đổi tên cột, rồi ghi đúng tên đó sau "
    "--group-by).",
    "Dòng trống được bỏ qua. Không gõ dòng 'Tổng cộng' hay các mục I, II: chúng được tạo tự động.",
    "Gõ bằng Unicode; chữ gõ bằng bảng mã cũ (TCVN3, VNI) được tự chuyển và có cảnh báo.",
)
_EXAMPLES = (("ca-nhan", "Nguyễn Văn An", "Chuyên viên", "Phòng Quản lý đầu tư"),
             ("tap-the", "Phòng Quản lý doanh nghiệp", None, "Ban Quản lý Khu kinh tế"))


def write_starter_workbook(path: str | Path, config: BonusConfig) -> Path:
    """Write an awardee list to fill in: headers, drop-downs, two example rows, instructions.

    The drop-down choices live on the hidden sheet "Danh mục" (no 255-character limit, commas
    allowed in names)."""
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    names = list(COLUMNS)
    layout = [names[0], GROUP_COLUMN, *names[1:]]  # STT, then the group, as offices lay it out
    letter = {name: get_column_letter(i + 1) for i, name in enumerate(layout)}
    ws.append([COLUMNS[name][0] if name in COLUMNS else name for name in layout])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for name in layout:
        ws.column_dimensions[letter[name]].width = _GUIDE[name][0] if name in _GUIDE else _GROUP_GUIDE[0]
    ws.freeze_panes = "A2"
    for kind, name, title, unit in _EXAMPLES:
        if forms := config.forms_for(kind):
            ws.append([ws.max_row, _EXAMPLE_GROUP, name, title, unit, RECIPIENT_LABELS[kind],
                       "Giấy khen" if "Giấy khen" in forms else forms[0],
                       "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025", None, None])

    guide = wb.create_sheet("Hướng dẫn")
    guide.append(["HƯỚNG DẪN ĐIỀN DANH SÁCH KHEN THƯỞNG"])
    guide.append([])
    guide.append(["Cột", "Bắt buộc", "Cách ghi"])
    for cell in (guide["A1"], *guide[3]):
        cell.font = Font(bold=True)
    for name in layout:
        if name == GROUP_COLUMN:
            guide.append([GROUP_COLUMN, "không", _GROUP_GUIDE[1]])
        else:
            guide.append([COLUMNS[name][0], "có" if name in REQUIRED else "không", _GUIDE[name][1]])
    guide.append([])
    for note in _NOTES:
        guide.append([note])
    for column, width in zip("ABC", (26, 10, 100)):
        guide.column_dimensions[column].width = width

    lists = wb.create_sheet("Danh mục")
    lists.sheet_state = "hidden"
    choices = {"doi_tuong": list(RECIPIENT_LABELS.values()), "hinh_thuc": list(config.forms_on())}
    for column, (name, values) in enumerate(choices.items(), 1):
        for row, value in enumerate(values, 1):
            lists.cell(row, column, value)
        col = get_column_letter(column)
        validation = DataValidation(
            type="list", formula1=f"'Danh mục'!${col}$1:${col}${len(values)}", allow_blank=True,
            showErrorMessage=True, errorTitle=COLUMNS[name][0],
            error="Hãy chọn một giá trị trong danh sách.")
        validation.add(f"{letter[name]}2:{letter[name]}{_LAST_ROW}")
        ws.add_data_validation(validation)
    wb.properties.creator = "vanban"
    wb.properties.created = wb.properties.modified = dt.datetime(2020, 1, 1)
    wb.save(path)
    return path
