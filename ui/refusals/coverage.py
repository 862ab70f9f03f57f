"""Vietnamese of the refusals of the coverage model, the maps and the reports."""

_LEVELS = {"province": "tỉnh", "district": "huyện", "commune": "xã/phường"}

VIETNAMESE = {
    "coverage.technology": "một trong các công nghệ: {technologies}",
    "coverage.operator": "một mã mạng, ví dụ 04",
    "coverage.other_operator": "doanh nghiệp chỉ xem được mạng của mình ({own})",
    "coverage.sharing_distance": "số mét lớn hơn 0, không quá 10.000",
    "maps.first_year": "một năm từ {low} đến {high}",
    "maps.level": lambda c: (
        "một trong các cấp: "
        + ", ".join(_LEVELS.get(level, level) for level in c["levels"])
    ),
    "reports.kind": "Loại khu vực không hợp lệ: {value}.",
    "reports.edition": "Phiên bản đơn vị hành chính không hợp lệ: {value}.",
    "reports.period": (
        "Kỳ báo cáo không hợp lệ: ngày bắt đầu phải trước hoặc bằng ngày kết thúc."
    ),
    "reports.no_area_reports": "vai trò «{role}» không lập báo cáo khu vực",
    "reports.cluster_for_district": (
        "cụm gồm nhiều huyện; hãy lập báo cáo cho huyện của bạn"
    ),
    "reports.other_district": lambda c: (
        f"{c.get('name') or 'huyện ' + c['code']} không thuộc địa bàn của bạn"
    ),
    "reports.commune_elsewhere": lambda c: (
        f"{c.get('name') or 'xã ' + c['code']} không thuộc "
        f"{c.get('own_name') or 'huyện ' + str(c['own'])}"
    ),
    "reports.unit_not_found": lambda c: (
        f"Không tìm thấy {_LEVELS.get(c['level'], c['level'])} mã {c['code']}."
    ),
    "reports.cluster_not_found": "Không tìm thấy cụm {key}.",
    "reports.named_unit_not_found": lambda c: (
        f"Không tìm thấy {_LEVELS.get(c['level'], c['level'])} {c['key']}."
    ),
    "demo.not_empty": (
        "Sổ đã có {existing} bản ghi; bộ dữ liệu mẫu chỉ được nạp vào sổ trống."
    ),
    "demo.left": (
        "Sổ đã thôi dùng dữ liệu mẫu ({left_at}); bộ dữ liệu mẫu không được nạp lại."
    ),
}
