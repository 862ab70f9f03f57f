"""Texts of the registry page and its forms."""

TEXTS: dict[str, tuple[str, str]] = {
    "reg.title": ("Sổ đăng ký", "Registry"),
    "reg.group": ("Loại bản ghi", "Kind of record"),
    "reg.search": ("Tìm kiếm", "Search"),
    "reg.search_hint": (
        "Tên, mã trạm, địa chỉ, xã/phường… (không cần gõ dấu)",
        "Name, site code, address, commune… (diacritics optional)",
    ),
    "reg.count": (
        "{count} bản ghi. Bấm tiêu đề cột để sắp xếp, chọn một dòng để mở bản ghi.",
        "{count} records. Click a column header to sort, select a row to open it.",
    ),
    "reg.create_site": ("Thêm trạm BTS mới", "Add a BTS site"),
    "reg.create_point": ("Thêm điểm mới", "Add a point"),
    "reg.pick_hint": (
        "Chọn một dòng trong bảng để xem chi tiết bản ghi.",
        "Select a row of the table to see the record.",
    ),
    "reg.close": ("Đóng bản ghi", "Close the record"),
    "reg.status_line": (
        "Trạng thái: **{status}** từ ngày {since}",
        "Status: **{status}** since {since}",
    ),
    "reg.retired": (
        "Bản ghi đã thu hồi ngày {day}: {reason}",
        "Record retired on {day}: {reason}",
    ),
    "reg.flagged": ("Cần kiểm tra vị trí: {flag}", "Location to check: {flag}"),
    "reg.location_ok": (
        "Vị trí khớp với xã/phường kê khai (hoặc không kê khai).",
        "The location agrees with the declared commune (or none was declared).",
    ),
    "reg.tab_details": ("Thông tin", "Details"),
    "reg.tab_audit": ("Nhật ký thay đổi", "Audit trail"),
    "reg.tab_edit": ("Sửa", "Edit"),
    "reg.tab_status": ("Đổi trạng thái", "Change status"),
    "reg.tab_retire": ("Thu hồi", "Retire"),
    "reg.units": ("Đơn vị hành chính", "Administrative units"),
    "reg.units_note": (
        "Xác định từ toạ độ theo ranh giới gần đúng cho đến khi có ranh giới chính "
        "thức.",
        "Found from the coordinates with approximate boundaries until official ones "
        "are imported.",
    ),
    "reg.history": ("Lịch sử trạng thái", "Status history"),
    "reg.no_audit": ("Chưa có nhật ký.", "No audit entries."),
    "reg.no_audit_right": (
        "Vai trò của bạn không xem nhật ký thay đổi.",
        "Your role does not read the audit trail.",
    ),
    "reg.batch": (
        "Tạo trong lô {count} bản ghi (nguồn: {source})",
        "Created in a batch of {count} records (source: {source})",
    ),
    "reg.created": ("Tạo bản ghi", "Record created"),
    "reg.col_field": ("Trường", "Field"),
    "reg.col_value": ("Giá trị", "Value"),
    "reg.col_edition": ("Phân chia hành chính", "Division edition"),
    "reg.col_commune": ("Xã/phường", "Commune"),
    "reg.col_district": ("Huyện", "District"),
    "reg.col_status": ("Trạng thái", "Status"),
    "reg.col_since": ("Từ ngày", "Since"),
    "reg.col_recorded_at": ("Ghi lúc", "Recorded at"),
    "reg.col_by": ("Người ghi", "By"),
    "reg.col_reason": ("Lý do", "Reason"),
    "reg.col_at": ("Thời gian", "When"),
    "reg.col_action": ("Thao tác", "Action"),
    "reg.col_change": ("Thay đổi", "Change"),
    "form.choose": ("Chọn…", "Choose…"),
    "form.hint_latitude": ("ví dụ 18,6789 hoặc 18°40'12\"N", "e.g. 18.6789"),
    "form.hint_longitude": ("ví dụ 105,6813", "e.g. 105.6813"),
    "form.reason_optional": ("Ghi chú thay đổi (không bắt buộc)", "Note (optional)"),
    "form.reason": ("Lý do *", "Reason *"),
    "form.create": ("Thêm mới", "Add"),
    "form.save": ("Lưu thay đổi", "Save changes"),
    "form.created": (
        "Đã thêm bản ghi #{id} «{name}».",
        "Record #{id} “{name}” added.",
    ),
    "form.saved": ("Đã lưu thay đổi của bản ghi #{id}.", "Record #{id} saved."),
    "form.unchanged": ("Không có gì thay đổi.", "Nothing changed."),
    "form.warnings": ("Lưu ý:", "Please note:"),
    "form.effective_on": ("Từ ngày", "Effective from"),
    "form.change_status": ("Đổi trạng thái", "Change status"),
    "form.pick_status": ("Hãy chọn trạng thái mới.", "Choose the new status."),
    "form.no_next_status": (
        "Trạng thái «{status}» là trạng thái cuối; không đổi được nữa.",
        "“{status}” is a final status; it cannot change any more.",
    ),
    "form.status_changed": (
        "Bản ghi #{id} chuyển sang «{status}».",
        "Record #{id} is now “{status}”.",
    ),
    "form.retire_note": (
        "Bản ghi thu hồi không bị xoá: nó được giữ cùng lịch sử và nhật ký, "
        "nhưng không còn hiện trong danh sách và bản đồ hiện tại.",
        "A retired record is not deleted: it is kept with its history and audit "
        "trail, but leaves the current lists and maps.",
    ),
    "form.retire_confirm": (
        "Tôi xác nhận thu hồi bản ghi này",
        "I confirm retiring this record",
    ),
    "form.retire_unconfirmed": (
        "Hãy đánh dấu ô xác nhận trước khi thu hồi.",
        "Tick the confirmation box first.",
    ),
    "form.retire": ("Thu hồi bản ghi", "Retire the record"),
    "form.retired": ("Đã thu hồi bản ghi #{id}.", "Record #{id} retired."),
}
