"""Texts of the registry's messages as the interface shows them."""

TEXTS: dict[str, tuple[str, str]] = {
    "err.field": ("{label}: cần {expected}.", "{label}: expected {expected}."),
    "err.got": ("(Đã nhập: {value})", "(Entered: {value})"),
    "err.validation": (
        "Có {count} trường chưa hợp lệ; xem thông báo dưới từng trường. Chưa lưu gì.",
        "{count} field(s) are not valid; see the message under each. Nothing was "
        "saved.",
    ),
    "err.permission": (
        "Bạn không có quyền thực hiện thao tác này",
        "You may not do this",
    ),
    "err.not_found": ("Không tìm thấy {what} {key}.", "{what} {key} does not exist."),
    "err.import_file": (
        "Không đọc được tệp {file}: {reason}.",
        "Cannot read the file {file}: {reason}.",
    ),
}
