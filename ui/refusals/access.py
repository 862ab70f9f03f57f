"""Vietnamese of the refusals about users and permissions."""

from datetime import UTC

from registry.kernel.clock import VIETNAM_TIME
from ui.common.i18n import value_label

_LEVELS = {"district": "huyện", "commune": "xã/phường"}


def vietnam_time(context: dict) -> str:
    """The moment to try again (stored UTC), as a clock in Vietnam shows it."""
    moment = context["retry_at"].replace(tzinfo=UTC).astimezone(VIETNAM_TIME)
    return moment.strftime("%H:%M:%S %d/%m/%Y")


def area(context: dict) -> str:
    """'Phường Nghi Phú' (the unit's own name), or 'xã/phường 17200' without it."""
    if context.get("area_name"):
        return context["area_name"]
    level = _LEVELS.get(context.get("area_level") or "", "")
    return f"{level} {context['_vi'].get('area_code', '')}".strip()


VIETNAMESE = {
    "access.session_unknown": (
        "phiên đăng nhập không còn (đã đăng xuất, đã kết thúc hoặc không có)"
    ),
    "access.session_expired": (
        "phiên đăng nhập đã kết thúc sau {minutes} phút không hoạt động"
    ),
    "access.handoff": (
        "mã đăng nhập dùng một lần không đúng, đã dùng hoặc quá {seconds} giây"
    ),
    "access.language": "một trong các ngôn ngữ {languages}",
    "access.role_lacks": "vai trò «{role}» không có quyền này",
    "access.outside_area": lambda c: f"bản ghi nằm ngoài địa bàn của bạn ({area(c)})",
    "access.other_network": "bản ghi thuộc mạng {network}, không phải mạng {own}",
    "access.wrong_password": "sai tên đăng nhập hoặc mật khẩu",
    "access.user_not_found": "Không tìm thấy người dùng {key}.",
    "access.active_user_not_found": "Không tìm thấy người dùng đang hoạt động {key}.",
    "access.edition_with_level": lambda c: (
        f"một bộ đơn vị hành chính có cấp {_LEVELS.get(c['level'], c['level'])}"
    ),
    "access.area_code": lambda c: (
        f"mã của một {_LEVELS.get(c['level'], c['level'])} "
        f"trong bộ đơn vị hành chính {c['edition']}"
    ),
    "access.network_code": "một mã mạng (MNC): {codes}",
    "access.role": lambda c: (
        "một trong các vai trò: " + ", ".join(value_label(role) for role in c["roles"])
    ),
    "access.username": "từ 1 đến 60 chữ cái, chữ số hoặc dấu chấm",
    "access.password": "ít nhất {minimum} ký tự",
    "access.username_taken": "một tên đăng nhập chưa có ai dùng",
    "access.throttled": lambda c: (
        "đăng nhập sai quá nhiều lần với tên này hoặc từ máy này; hãy thử lại sau "
        f"{vietnam_time(c)} (còn {c['seconds']} giây)"
    ),
    "access.last_admin": (
        "{username} là quản trị viên cuối cùng đang hoạt động: hãy bật hoặc bổ "
        "nhiệm một quản trị viên khác trước"
    ),
    "access.demo_account": (
        "{username} là tài khoản dùng thử và hệ thống đã thôi chạy dữ liệu mẫu: "
        "hãy đặt mật khẩu mới cho tài khoản trước"
    ),
    "access.password_mismatch": "hai mật khẩu không giống nhau",
    "access.admin_password_needed": (
        "lệnh init tạo quản trị viên {username} và cần mật khẩu của họ: đặt biến "
        "môi trường REGISTRY_ADMIN_PASSWORD hoặc chạy lệnh trong cửa sổ dòng lệnh"
    ),
}
