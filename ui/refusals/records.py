"""Vietnamese of the refusals of records and of what their fields expect."""

from ui.common.i18n import any_field_label, value_label

_COORDINATE = "một số thập phân như 18,6789 hoặc độ-phút-giây như 18°40'12\"N"


def _choices(context: dict) -> str:
    """'04 (Viettel), …' or 'ground_tower (Cột tự đứng trên mặt đất), …'."""
    shown = []
    for value, english in zip(context["choices"], context["options"], strict=True):
        label = value_label(value)
        shown.append(english if label == value else f"{value} ({label})")
    return ", ".join(shown)


def _allowed(context: dict) -> str:
    allowed = [value for value in context["allowed"] if value != "none"]
    return ", ".join(value_label(value) for value in allowed) or "không có"


VIETNAMESE = {
    "records.required": "nhập giá trị (trường bắt buộc)",
    "records.choice": lambda c: "một trong các giá trị: " + _choices(c),
    "records.networks": (
        "mã hoặc tên doanh nghiệp, cách nhau bởi , ; / hoặc dấu cách, ví dụ "
        "'01,02' hoặc 'MobiFone; VinaPhone'; «{token}» không phải là doanh nghiệp "
        "viễn thông"
    ),
    "records.number": "một số, ví dụ 12,5 hoặc 12.5",
    "records.number_range": "một số từ {low} đến {high}",
    "records.whole_number": "một số nguyên",
    "records.date": "một ngày dạng 31/03/2024 (ngày trước) hoặc 2024-03-31",
    "records.date_in_calendar": (
        "một ngày có thật: tháng {month} năm {year} không có ngày {day}"
    ),
    "records.date_range": "một ngày từ năm {low} đến năm {high}",
    "records.past_event": "một ngày không sau hôm nay ({today}): đây là việc đã xảy ra",
    "records.time": "giờ dạng 08:00, 8:00 hoặc 8h00",
    "records.time_range": "giờ dạng 08:00, 8:00 hoặc 8h00 (giờ 0–23, phút 0–59)",
    "records.coordinate": _COORDINATE,
    "records.coordinate_required": "nhập giá trị (trường bắt buộc)",
    "records.coordinate_empty": _COORDINATE + "; ô này đang trống",
    "records.coordinate_two_hemispheres": (
        "chỉ một chữ chỉ bán cầu (N, S, E, W), không phải hai; ghi " + _COORDINATE
    ),
    "records.coordinate_sign_and_hemisphere": (
        "dấu hoặc chữ chỉ bán cầu, không dùng cả hai; ghi " + _COORDINATE
    ),
    "records.coordinate_minutes": "phút và giây nhỏ hơn 60; ghi " + _COORDINATE,
    "records.coordinate_order": "độ, rồi phút, rồi giây; ghi " + _COORDINATE,
    "records.coordinate_decimals": (
        "chỉ phần cuối cùng có số thập phân; ghi " + _COORDINATE
    ),
    "records.latitude_range": "vĩ độ từ -90 đến 90",
    "records.longitude_range": "kinh độ từ -180 đến 180",
    "records.swapped": (
        "vĩ độ trước, kinh độ sau; ({lat}, {lon}) nằm ngoài khung bao của {province} "
        "nhưng ({lon}, {lat}) nằm trong, nên hai giá trị đã được đổi chỗ"
    ),
    "records.outside_province": (
        "một vị trí trong {province}; vĩ độ {lat}, kinh độ {lon} nằm ngoài tỉnh"
    ),
    "records.building_height": (
        "chỉ ghi chiều cao công trình cho cột trên công trình; hãy kiểm tra loại "
        "công trình"
    ),
    "records.no_certificate": (
        "số giấy chứng nhận: điểm trò chơi điện tử công cộng phải có giấy chứng nhận "
        "đủ điều kiện; chưa có thì được ghi là chờ cấp phép"
    ),
    "records.duplicate_in_file": (
        "mã trạm chỉ dùng một lần trong mỗi mạng; dòng {first_row} đã có cùng mạng "
        "{network} và mã trạm"
    ),
    "records.co_located_own": (
        "các doanh nghiệp khác, không gồm mạng của chính trạm ({network}, {operator})"
    ),
    "records.date_order": lambda c: (
        f"một ngày từ {any_field_label(c['start_field']).lower()} "
        f"({c['_vi']['start']}) trở đi"
    ),
    "records.technology_year": (
        "một ngày từ năm {year}: {technology} chưa phát sóng ở Việt Nam trước năm "
        "{year}"
    ),
    "records.unknown_field": "một trường của bản ghi này",
    "records.site_code_taken": (
        "một mã chưa dùng trong mạng {network} (trạm #{taken} đã dùng mã này)"
    ),
    "records.status_through_change": "thay đổi qua mục «Đổi trạng thái»",
    "records.status": lambda c: "một trong các trạng thái: " + _allowed(c),
    "records.status_reason": "lý do đổi trạng thái",
    "records.retire_reason": "lý do thu hồi bản ghi",
    "records.not_future": "một ngày không sau hôm nay",
    "records.after_status_date": (
        "một ngày từ ngày của trạng thái hiện tại ({status_since}) trở đi"
    ),
    "records.site_not_found": "Không tìm thấy trạm BTS {key}.",
    "records.point_not_found": "Không tìm thấy điểm {key}.",
    "records.retired": (
        "Bản ghi #{id} đã bị thu hồi ngày {retired_on}; bản ghi đã thu hồi được giữ "
        "nguyên, không sửa được."
    ),
    "records.transition": lambda c: (
        f"Bản ghi #{c['id']} đang ở trạng thái «{c['_vi']['current']}», không thể "
        f"chuyển sang «{c['_vi']['new']}» (được phép: {_allowed(c)})."
    ),
    "records.another_network": "mạng của bạn là {own}, còn trạm thuộc mạng {network}",
    "records.no_records_to_read": "vai trò của bạn không được xem bản ghi nào",
}
