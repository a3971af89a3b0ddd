"""Labels and help of every form field, Vietnamese and English, in ONE table keyed by field name.

A field keeps its ND30 name everywhere (``trich_yeu`` in the YAML, the model and the template); what
a clerk reads next to it is here. The same texts become the JSON Schema's ``title`` and
``description`` (:func:`labelled_schema`, used by ``vanban schema`` and the web app's forms), so an
editor that reads the schema shows "Trích yếu" instead of "Trich Yeu" — without editing the kinds.
A field missing from the table keeps pydantic's title (``tests/web/test_labels.py`` fails then).
"""

from __future__ import annotations

import copy
from typing import Any

# name: (Vietnamese label, Vietnamese help, English label, English help)
LABELS: dict[str, tuple[str, str, str, str]] = {
    # --- header (ô 1–5) ------------------------------------------------------------------------
    "loai": ("Loại văn bản", "Tên loại theo mẫu, ví dụ ke-hoach, quyet-dinh.",
             "Document kind", "The kind of form, e.g. ke-hoach, quyet-dinh."),
    "co_quan": ("Hồ sơ cơ quan", "Tệp hồ sơ cơ quan dùng chung (ví dụ co-quan.yaml): tên cơ quan, người ký, nơi nhận.",
                "Agency profile", "The shared agency profile file (e.g. co-quan.yaml): names, signers, recipients."),
    "co_quan_chu_quan": ("Cơ quan chủ quản", "Tên cơ quan cấp trên trực tiếp (ô 1, có thể để trống).",
                         "Parent agency", "The supervising agency (box 1, may be empty)."),
    "co_quan_ban_hanh": ("Cơ quan ban hành", "Tên cơ quan ban hành văn bản (ô 1).",
                         "Issuing agency", "The agency issuing the document (box 1)."),
    "ma_co_quan": ("Chữ viết tắt cơ quan", "Dùng trong ký hiệu, ví dụ BQL trong 12/KH-BQL.",
                   "Agency code", "Used in the reference, e.g. BQL in 12/KH-BQL."),
    "dia_danh": ("Địa danh", "Nơi ban hành, in trước ngày tháng (ô 4), ví dụ Hải Phòng.",
                 "Place", "Place of issue, printed before the date (box 4), e.g. Hải Phòng."),
    "don_vi": ("Đơn vị", "Các đơn vị của cơ quan: chữ viết tắt và tên đầy đủ.",
               "Units", "The agency's units: code and full name."),
    "don_vi_soan_thao": ("Đơn vị soạn thảo", "Chữ viết tắt đơn vị soạn thảo (thêm vào ký hiệu khi cần).",
                         "Drafting unit", "Code of the drafting unit (added to the reference when needed)."),
    "so": ("Số", "Số văn bản; để trống khi là dự thảo hoặc khi lấy số từ sổ văn bản đi.",
           "Number", "Document number; empty for a draft or when the register gives it."),
    "ky_hieu": ("Ký hiệu", "Tự tính từ loại văn bản và chữ viết tắt cơ quan, ví dụ KH-BQL.",
                "Reference code", "Computed from the kind and the agency code, e.g. KH-BQL."),
    "ngay": ("Ngày ban hành", "Ngày/tháng/năm, ví dụ 13/4/2023; bản chính thức bắt buộc.",
             "Date", "Day/month/year, e.g. 13/4/2023; required for a final document."),
    "nam": ("Năm", "Năm in trên dòng ngày của dự thảo chưa có ngày.",
            "Year", "The year on a draft's date line when there is no date yet."),
    "ten_loai": ("Tên loại", "Tên loại văn bản in trên đầu, ví dụ Kế hoạch.",
                 "Kind name", "The kind's name printed as the title, e.g. Kế hoạch."),
    "trich_yeu": ("Trích yếu", "Trích yếu nội dung (ô 5a): một câu ngắn nói văn bản về việc gì.",
                  "Subject", "The subject line (box 5a): one short sentence on what the document is about."),
    "kinh_gui": ("Kính gửi", "Nơi nhận chính, mỗi dòng một nơi.",
                 "To", "Main addressees, one per line."),
    "can_cu": ("Căn cứ", "Mỗi dòng một căn cứ pháp lý, theo thứ tự hiệu lực.",
               "Legal bases", "One legal basis per line, in order of authority."),
    # --- body --------------------------------------------------------------------------------------
    "mo_dau": ("Mở đầu", "Đoạn mở đầu, ví dụ \"Thực hiện …, Ban … như sau:\".",
               "Opening", "The opening paragraph, e.g. \"Pursuant to …\"."),
    "noi_dung": ("Nội dung", "\"# I. MỤC\" mục lớn, \"## 1. Khoản\", \"- \" liệt kê, **đậm**, *nghiêng*.",
                 "Content", "\"# I. SECTION\", \"## 1. Clause\", \"- \" lists, **bold**, *italic*."),
    "loi_ket": ("Lời kết", "Câu kết thúc văn bản.", "Closing line", "The document's closing sentence."),
    "ghi_chu": ("Ghi chú", "Ghi chú thêm.", "Note", "An additional note."),
    "giai_doan": ("Giai đoạn", "Các giai đoạn của kế hoạch: tên, thời gian, hạn báo cáo.",
                  "Phases", "The plan's phases: name, period, report deadline."),
    "ten": ("Tên", "Tên gọi.", "Name", "The name."),
    "tu_ngay": ("Từ ngày", "Ngày bắt đầu (dd/mm/yyyy).", "From", "Start date (dd/mm/yyyy)."),
    "den_ngay": ("Đến ngày", "Ngày kết thúc (dd/mm/yyyy).", "To date", "End date (dd/mm/yyyy)."),
    "han_bao_cao": ("Hạn báo cáo", "Báo cáo gửi trước ngày này (dd/mm/yyyy).",
                    "Report deadline", "Reports are due before this date (dd/mm/yyyy)."),
    "mo_ta": ("Mô tả", "Đoạn mở đầu của phần này.", "Description", "The opening paragraph of this part."),
    "ke_hoach": ("Kế hoạch", "Tệp mẫu điền của kế hoạch mà báo cáo này báo cáo (ví dụ ke-hoach.yaml).",
                 "Plan", "The form file of the plan this report reports on."),
    "chi_dao": ("Công tác chỉ đạo", "Việc chỉ đạo, triển khai.", "Direction", "How the work was directed."),
    "ket_qua": ("Kết quả", "Kết quả đạt được.", "Results", "What was achieved."),
    "danh_gia": ("Đánh giá", "Đánh giá chung.", "Assessment", "Overall assessment."),
    "phuong_huong": ("Phương hướng", "Phương hướng, nhiệm vụ tiếp theo.", "Next steps", "Direction and next tasks."),
    "kien_nghi": ("Kiến nghị", "Kiến nghị, đề xuất.", "Recommendations", "Recommendations and proposals."),
    "chi_tieu": ("Chỉ tiêu", "Các chỉ tiêu: kế hoạch và thực hiện.", "Targets", "Targets: planned and achieved."),
    "thuc_hien": ("Thực hiện", "Số thực hiện được.", "Achieved", "The figure achieved."),
    "tom_tat": ("Tóm tắt", "Tóm tắt kết quả phong trào, cách bình xét.", "Summary",
                "Summary of the campaign's results and how awardees were chosen."),
    # --- decisions and articles ----------------------------------------------------------------------
    "dieu": ("Điều", "Các điều của văn bản, mỗi điều một mục.", "Articles", "The articles, one item each."),
    "dieu_1": ("Điều 1", "Thay nội dung Điều 1 do chương trình soạn.", "Article 1", "Replaces the built Article 1."),
    "dieu_2": ("Điều 2", "Thay nội dung Điều 2 (mức thưởng, nguồn kinh phí).", "Article 2",
               "Replaces the built Article 2 (amounts, fund)."),
    "dieu_3": ("Điều 3", "Thay nội dung Điều 3 (trách nhiệm thi hành).", "Article 3",
               "Replaces the built Article 3 (who executes)."),
    "tieu_de": ("Tiêu đề", "Tiêu đề (in hoa khi là tên phụ lục).", "Heading", "The heading (in capitals for an annex)."),
    "thi_hanh": ("Điều thi hành", "Điều này giao trách nhiệm thi hành (Nơi nhận mở đầu \"Như Điều …\").",
                 "Execution article", "This article names who executes (Nơi nhận opens with \"Như Điều …\")."),
    "hieu_luc": ("Hiệu lực", "Câu về hiệu lực thi hành.", "Entry into force", "The sentence on entry into force."),
    "cong_thuc": ("Thể thức ban hành", "Ví dụ \"Ủy ban nhân dân ban hành Quyết định …\" (thay dòng QUYẾT ĐỊNH:).",
                  "Enacting formula", "E.g. \"The People's Committee decides …\" (replaces the QUYẾT ĐỊNH: line)."),
    "tham_quyen": ("Thẩm quyền ban hành", "Chức danh có thẩm quyền, in hoa dưới tên loại (ví dụ Bộ trưởng Bộ Tài chính).",
                   "Issuing authority", "The authority, printed in capitals under the title."),
    "nhu_dieu": ("Nơi nhận \"Như Điều\"", "Nơi nhận mở đầu bằng \"Như Điều N\".",
                 "\"As Article\" recipient", "Nơi nhận opens with \"As Article N\"."),
    "quy_che": ("Quy chế", "Văn bản quy chế ban hành kèm theo quyết định.", "Regulation",
                "The regulation issued with the decision."),
    "quyet_dinh": ("Quyết định", "Quyết định liên quan.", "Decision", "The related decision."),
    "khen_thuong": ("Khen thưởng", "Bảng mức thưởng (hồ sơ cơ quan).", "Bonus tables", "Bonus tables (agency profile)."),
    "danh_sach": ("Danh sách", "Danh sách khen thưởng, hoặc tệp Excel chứa danh sách.",
                  "Awardees", "The list of awardees, or the Excel file holding it."),
    "stt": ("STT", "Số thứ tự.", "No.", "Sequence number."),
    "ho_ten": ("Họ và tên", "Họ và tên đầy đủ.", "Full name", "Full name."),
    "hinh_thuc": ("Hình thức khen thưởng", "Ví dụ Giấy khen, Bằng khen.", "Award", "E.g. Giấy khen, Bằng khen."),
    "doi_tuong": ("Đối tượng", "Cá nhân, tập thể hay hộ gia đình.", "Awardee type", "Individual, collective or household."),
    "ca_nhan": ("Cá nhân", "Mức cho cá nhân.", "Individual", "Amount for an individual."),
    "tap_the": ("Tập thể", "Mức cho tập thể.", "Collective", "Amount for a collective."),
    "ho_gia_dinh": ("Hộ gia đình", "Mức cho hộ gia đình.", "Household", "Amount for a household."),
    "so_tien": ("Số tiền", "Số tiền thưởng (đồng); để trống là khen không kèm tiền thưởng.",
                "Amount", "Bonus in đồng; empty for an honorary award."),
    "so_tien_tinh": ("Số tiền tính", "Số tiền do chương trình tính.", "Computed amount", "The amount computed."),
    "luong_co_so": ("Lương cơ sở", "Mức lương cơ sở dùng để tính tiền thưởng.", "Base salary",
                    "The base salary bonuses are computed from."),
    "lam_tron": ("Làm tròn", "Cách làm tròn số tiền.", "Rounding", "How amounts are rounded."),
    "thanh_tich": ("Thành tích", "Ví dụ \"đã có thành tích xuất sắc trong …\".", "Achievement",
                   "E.g. \"for outstanding achievement in …\"."),
    "nguon_kinh_phi": ("Nguồn kinh phí", "Nguồn chi tiền thưởng.", "Funding", "Where the bonus is paid from."),
    "cot_nhom": ("Cột nhóm", "Cột của bảng Excel chia các quyết định (ví dụ \"Quyết định\").",
                 "Group column", "The sheet column that splits decisions (e.g. \"Quyết định\")."),
    "nhom": ("Nhóm", "Nhóm nơi nhận: thực hiện, báo cáo hay để biết; hoặc giá trị của cột nhóm.",
             "Group", "Recipient group (carry out, report, for information), or the group column's value."),
    "de_xuat": ("Đề xuất", "Quyết định được đề xuất (tự lập từ bảng Excel).", "Proposal",
                "The proposed decision (built from the sheet)."),
    "tien_thuong": ("Tiền thưởng", "theo-quy-dinh (tính theo bảng mức thưởng), theo-danh-sach (số ghi trong danh sách) "
                    "hoặc khong (khen không kèm tiền thưởng).", "Bonus rule",
                    "theo-quy-dinh (from the award table), theo-danh-sach (as listed) or khong (no bonus)."),
    "danh_sach_kem_theo": ("Danh sách kèm theo", "Cách trình bày danh sách kèm theo: tiêu đề, dòng kèm theo, cột, đánh số.",
                           "Attached list", "How the attached list is written: title, reference line, columns, numbering."),
    "bo_dong_an": ("Bỏ dòng ẩn", "Bỏ các dòng bị ẩn trong bảng Excel (mặc định vẫn đọc, có cảnh báo).",
                   "Skip hidden rows", "Leave out rows hidden in the sheet (read with a warning by default)."),
    "danh_hieu": ("Là danh hiệu", "Hình thức này là danh hiệu (\"tặng danh hiệu …\").", "Is a title",
                  "This form is a title (\"awarded the title …\")."),
    "ten_khac": ("Tên khác", "Các cách viết khác của hình thức khen thưởng.", "Other names",
                 "Other spellings of the award form."),
    "theo_luat": ("Theo bảng của luật", "Dùng bảng mức thưởng theo quy định (false: chỉ bảng của hồ sơ).",
                  "Law's table", "Use the law's award table (false: only the profile's)."),
    "thuong": ("Mức thưởng", "Hệ số mức thưởng theo lương cơ sở.", "Bonus", "Bonus coefficients of the base salary."),
    "danh_so": ("Đánh số", "lien-tuc (liên tục cả danh sách) hoặc theo-nhom (từ 1 trong mỗi nhóm).", "Numbering",
                "lien-tuc (through the list) or theo-nhom (from 1 in each group)."),
    "phu_de": ("Dòng kèm theo", "Thay dòng \"(Kèm theo …)\" của danh sách.", "Reference line",
               "Replaces the list's \"(Kèm theo …)\" line."),
    "loi_trinh": ("Lời trình", "Cả câu kết, ví dụ \"Sở Tư pháp kính trình … xem xét, quyết định\".", "Submission line",
                  "The whole closing sentence of the submission."),
    "kinh_trinh": ("Kính trình", "Người có thẩm quyền xem xét, ví dụ Trưởng ban.", "Submitted to",
                   "Who decides, e.g. Trưởng ban."),
    # --- signer, recipients ----------------------------------------------------------------------------
    "nguoi_ky": ("Người ký", "Chọn người ký trong hồ sơ cơ quan, hoặc điền quyền hạn, chức vụ, họ tên.",
                 "Signer", "Pick a signer of the agency profile, or fill authority, title and name."),
    "quyen_han": ("Quyền hạn", "Để trống (thủ trưởng ký), TM., KT., Q., TL., TUQ.", "Authority",
                  "Empty (head signs), TM., KT., Q., TL., TUQ."),
    "chuc_vu": ("Chức vụ", "Mỗi dòng một chức vụ; với KT. dòng 2 là chức vụ cấp phó.", "Title",
                "One title per line; with KT. line 2 is the deputy's title."),
    "ky": ("Ký riêng", "Phần này có khối chữ ký riêng.", "Signed", "This part has its own signature block."),
    "chu_toa": ("Chủ tọa", "Người chủ trì cuộc họp.", "Chair", "Who chaired the meeting."),
    "thu_ky": ("Thư ký", "Người ghi biên bản.", "Secretary", "Who took the minutes."),
    "noi_nhan": ("Nơi nhận", "Mỗi dòng một nơi; \"@tên\" là danh sách có tên trong hồ sơ. Dòng cuối: \"Lưu: VT, …\".",
                 "Recipients", "One per line; \"@name\" is a named list of the profile. Last: \"Lưu: VT, …\"."),
    "muc": ("Mục", "Các mục của danh sách.", "Items", "The list's items."),
    "so_ban_luu": ("Số bản lưu", "Số bản lưu (in cạnh \"Lưu\").", "Archived copies", "Number of archived copies."),
    "so_van_ban": ("Sổ văn bản đi", "Thiết lập sổ đăng ký văn bản đi.", "Register", "Settings of the register."),
    # --- meetings and invitations ------------------------------------------------------------------------
    "thoi_gian": ("Thời gian", "Ví dụ \"14 giờ 00 phút, ngày 20 tháng 12 năm 2025\".", "Time",
                  "E.g. \"14 giờ 00 phút, ngày 20 tháng 12 năm 2025\"."),
    "ket_thuc": ("Kết thúc", "Ví dụ \"16 giờ 30 phút cùng ngày\".", "Ended", "E.g. \"16 giờ 30 phút cùng ngày\"."),
    "dia_diem": ("Địa điểm", "Nơi họp.", "Venue", "Where the meeting is held."),
    "thanh_phan": ("Thành phần", "Thành phần tham dự (một dòng hoặc danh sách \"- \").", "Attendees",
                   "Who attended (a line or a \"- \" list)."),
    "kinh_moi": ("Kính mời", "Những người được mời, mỗi dòng một người.", "Invited", "Who is invited, one per line."),
    "su_kien": ("Sự kiện", "Mời đến dự việc gì, ví dụ \"dự Hội nghị sơ kết …\".", "Event",
                "What they are invited to."),
    "chuong_trinh": ("Chương trình", "Chương trình làm việc.", "Agenda", "The agenda."),
    "gio": ("Giờ", "Giờ họp, ví dụ 08:30.", "Time", "Meeting time, e.g. 08:30."),
    "ngay_hop": ("Ngày họp", "Ngày/tháng/năm.", "Meeting date", "Day/month/year."),
    # --- annexes ---------------------------------------------------------------------------------------
    "phu_luc": ("Phụ lục", "Các phụ lục sau chữ ký.", "Annexes", "Annexes after the signature."),
    "van_ban": ("Văn bản", "Văn bản mà phụ lục kèm theo.", "Parent document", "The document the annexes belong to."),
    "cum_tu": ("Cụm từ", "Ví dụ \"Kèm theo\" hoặc \"Ban hành kèm theo\".", "Phrase", "E.g. \"Kèm theo\"."),
    "cua": ("Của", "Cơ quan trong dòng \"(Kèm theo … của …)\"; mặc định là cơ quan ban hành.", "Of",
            "The agency in \"(Attached to … of …)\"; by default the issuing agency."),
    "kem_theo": ("Dòng kèm theo", "Cả dòng \"(Kèm theo …)\" gõ sẵn; để trống khi không in.", "Attachment line",
                 "The whole \"(Kèm theo …)\" line typed; empty for none."),
    "ngang": ("Trang ngang", "In phần này trên trang khổ ngang.", "Landscape", "Print this part on landscape pages."),
    "bieu_mau": ("Biểu mẫu", "Ví dụ \"Biểu mẫu số 01\" ở góc trên bên phải.", "Form label",
                 "E.g. \"Biểu mẫu số 01\", top right."),
    "don_vi_tinh": ("Đơn vị tính", "Ví dụ \"Đơn vị tính: triệu đồng\".", "Unit", "E.g. \"Unit: million đồng\"."),
    "ngat_trang": ("Ngắt trang", "Sang trang mới tại đây.", "Page break", "Start a new page here."),
    "trang_ngang": ("Các trang ngang", "Nội dung in trên trang khổ ngang.", "Landscape pages",
                    "Content printed on landscape pages."),
    # --- tables ----------------------------------------------------------------------------------------
    "bang": ("Bảng", "Bảng: cột và dòng gõ ở đây, hoặc một vùng của tệp Excel.", "Table",
             "A table: columns and rows typed here, or a range of an Excel file."),
    "cot": ("Cột", "Các cột của bảng; cột có cột con thì tiêu đề trải ngang.", "Columns",
            "The table's columns; a column with sub-columns spans them."),
    "dong": ("Dòng", "Các dòng của bảng, mỗi dòng một danh sách ô.", "Rows", "The table's rows, each a list of cells."),
    "canh": ("Căn lề", "trai, giua hoặc phai.", "Alignment", "trai (left), giua (centre) or phai (right)."),
    "rong": ("Độ rộng", "Độ rộng cột (cm).", "Width", "Column width (cm)."),
    "kieu": ("Kiểu", "chu (chữ) hoặc so (số).", "Type", "chu (text) or so (number)."),
    "so_le": ("Số chữ số thập phân", "Từ 0 đến 6.", "Decimals", "From 0 to 6."),
    "gop_cot": ("Gộp cột", "Số cột ô này trải ngang.", "Column span", "How many columns the cell spans."),
    "gop_dong": ("Gộp dòng", "Số dòng ô này trải dọc.", "Row span", "How many rows the cell spans."),
    "dam": ("Đậm", "Chữ đậm.", "Bold", "Bold text."),
    "nghieng": ("Nghiêng", "Chữ nghiêng.", "Italic", "Italic text."),
    "cong": ("Dòng cộng", "Dòng cộng của một nhóm.", "Subtotal row", "A group's subtotal row."),
    "tong": ("Dòng tổng cộng", "Dòng tổng cộng của bảng.", "Total row", "The table's total row."),
    "co_chu": ("Cỡ chữ", "Cỡ chữ của bảng (11–14).", "Font size", "The table's font size (11–14)."),
    "danh_so_cot": ("Đánh số cột", "In dòng số thứ tự cột (1), (2), … dưới tiêu đề.", "Column numbers",
                    "Print the (1), (2), … row under the header."),
    "tu_tep": ("Từ tệp", "Tệp Excel (.xlsx) trong thư mục làm việc.", "From file", "The Excel (.xlsx) file."),
    "trang": ("Trang tính", "Tên trang tính (sheet) của tệp Excel.", "Sheet", "The workbook's sheet name."),
    "vung": ("Vùng", "Vùng ô, ví dụ A1:M40.", "Range", "Cell range, e.g. A1:M40."),
    "dong_tieu_de": ("Số dòng tiêu đề", "Số dòng đầu của vùng là tiêu đề.", "Header rows",
                     "How many first rows of the range are the header."),
    "cot_so": ("Cột số", "Các cột chứa số.", "Numeric columns", "Columns holding numbers."),
    # --- layout choices (trinh_bay) ---------------------------------------------------------------------
    "trinh_bay": ("Trình bày", "Lựa chọn trình bày Nghị định 30 cho phép: lề, cỡ chữ, giãn dòng.",
                  "Layout", "Layout choices ND30 allows: margins, font sizes, spacing."),
    "le_tren_mm": ("Lề trên (mm)", "20–25 mm.", "Top margin (mm)", "20–25 mm."),
    "le_duoi_mm": ("Lề dưới (mm)", "20–25 mm.", "Bottom margin (mm)", "20–25 mm."),
    "le_trai_mm": ("Lề trái (mm)", "30–35 mm.", "Left margin (mm)", "30–35 mm."),
    "le_phai_mm": ("Lề phải (mm)", "15–20 mm.", "Right margin (mm)", "15–20 mm."),
    "co_chu_noi_dung": ("Cỡ chữ nội dung", "13 hoặc 14.", "Body font size", "13 or 14."),
    "co_chu_co_quan": ("Cỡ chữ tên cơ quan", "12 hoặc 13.", "Agency font size", "12 or 13."),
    "co_chu_quoc_hieu": ("Cỡ chữ Quốc hiệu", "12 hoặc 13.", "National title font size", "12 or 13."),
    "co_chu_tieu_ngu": ("Cỡ chữ Tiêu ngữ", "13 hoặc 14.", "Motto font size", "13 or 14."),
    "co_chu_ngay_thang": ("Cỡ chữ ngày tháng", "13 hoặc 14.", "Date font size", "13 or 14."),
    "gian_dong": ("Giãn dòng", "Từ 1 đến 1,5 lần.", "Line spacing", "From single to 1.5 lines."),
    "thut_dau_dong_cm": ("Thụt đầu dòng (cm)", "1–1,27 cm.", "First-line indent (cm)", "1–1.27 cm."),
    "cach_doan_pt": ("Cách đoạn (pt)", "Tối thiểu 6 pt.", "Paragraph spacing (pt)", "At least 6 pt."),
}


def label(name: str, lang: str = "vi") -> str | None:
    entry = LABELS.get(name)
    if entry is None:
        return None
    return entry[2] if lang == "en" else entry[0]


def help_text(name: str, lang: str = "vi") -> str | None:
    entry = LABELS.get(name)
    if entry is None:
        return None
    return entry[3] if lang == "en" else entry[1]


def labelled_schema(schema: dict[str, Any], lang: str = "vi") -> dict[str, Any]:
    """A copy of a JSON Schema whose properties carry the table's title and description.

    Every ``properties`` mapping (top level, ``$defs``, nested) is visited; a property that is a
    ``$ref`` gets its title beside it (JSON Schema draft 2020-12 allows siblings of ``$ref``)."""
    result = copy.deepcopy(schema)

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                for name, prop in properties.items():
                    if isinstance(prop, dict) and name in LABELS:
                        prop["title"] = label(name, lang)
                        prop["description"] = help_text(name, lang)
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(result)
    return result


def kind_schema(model, lang: str = "vi") -> dict[str, Any]:
    """The labelled JSON Schema of a kind's form model (``vanban schema``, ``GET /api/schema``)."""
    return labelled_schema(model.model_json_schema(mode="validation"), lang)
