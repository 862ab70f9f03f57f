"""Vietnamese of the refusals about units, boundaries, urban classes and clusters."""

_LEVELS = {"province": "tỉnh", "district": "huyện", "commune": "xã/phường"}


def _levels(context: dict) -> str:
    return ", ".join(_LEVELS.get(level, level) for level in context["levels"])


VIETNAMESE = {
    "units.cluster_name_empty": "Tên cụm không được để trống.",
    "units.cluster_no_members": "Cụm phải có ít nhất một huyện.",
    "units.cluster_unknown_units": "Không có huyện mang mã {value}.",
    "units.cluster_name_taken": (
        "Đã có cụm tên «{name}» (không phân biệt hoa thường, dấu)."
    ),
    "units.cluster_retired": "Cụm «{name}» đã ngừng sử dụng, không sửa được.",
    "units.cluster_not_found": "Không tìm thấy cụm {key}.",
    "units.edition_not_found": "Không có bộ đơn vị hành chính {key}.",
    "units.level": lambda c: "một trong các cấp: " + _levels(c),
    "units.level_in_edition": lambda c: (
        f"một trong các cấp: {_levels(c)} (bộ đơn vị hành chính {c['edition']})"
    ),
    "units.edition": "một trong các bộ đơn vị hành chính: {editions}",
    "units.boundary_file": "Không dùng được tệp ranh giới: {cause}",
    "units.no_boundary_matched": lambda c: (
        f"{c['file']}: không đối tượng nào khớp với một "
        f"{_LEVELS.get(c['level'], c['level'])} của bộ {c['edition']} theo mã hoặc "
        "tên; chưa thay đổi gì"
    ),
    "units.urban_class": "{where}: loại đô thị phải là I, II, III, IV hoặc V",
    "units.urban_one_place": (
        "{where}: ghi đúng một trong ba mục: huyện, danh sách xã, loại đơn vị"
    ),
    "units.urban_source": "{where}: thiếu nguồn (văn bản công nhận loại đô thị)",
    "units.urban_date": "{where}: ngày hiệu lực không đúng dạng ngày",
    "units.urban_unreadable": "tệp loại đô thị không đọc được: {detail}",
    "units.urban_edition": "tệp loại đô thị phải theo bộ đơn vị hành chính 2025-06",
}
