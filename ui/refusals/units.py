"""Vietnamese of the refusals about units, boundaries, urban classes and clusters."""

from registry.kernel.numbers import vi_number

_LEVELS = {"province": "tỉnh", "district": "huyện", "commune": "xã/phường"}


def _n(value, decimals: int = 0) -> str:
    return vi_number(float(value), decimals)


def _other_level(c: dict) -> str:
    level, other = (
        _LEVELS.get(c["level"], c["level"]),
        _LEVELS.get(c["other"], c["other"]),
    )
    return (
        f"{c['file']}: các đối tượng của tệp ứng với {c['other_hits']} đơn vị cấp "
        f"{other} nhưng chỉ {c['hits']} đơn vị cấp {level} của bộ {c['edition']}: "
        f"đây là lớp ranh giới cấp {other}, không phải cấp {level} (nếu nhập làm "
        f"cấp {level}, {c['grouped']} đơn vị sẽ bị ghép từ nhiều đối tượng theo cột "
        f"«{c['field']}»). Hãy nhập tệp với cấp {other}; chưa thay đổi gì."
    )


def _repair_too_large(c: dict) -> str:
    return (
        f"{c['file']}: vùng ranh giới của {c['unit']} không hợp lệ, và nếu sửa tự "
        f"động thì diện tích đổi từ {_n(c['before_km2'], 2)} km² thành "
        f"{_n(c['after_km2'], 2)} km² ({_n(c['change_percent'], 1)}%, chỉ chấp nhận "
        f"tối đa {_n(c['max_percent'], 1)}%). Đơn vị có vùng như vậy: "
        f"{', '.join(c['units'])}. Hãy sửa vùng này trong tệp; chưa thay đổi gì."
    )


def _misplaced(c: dict) -> str:
    return (
        f"{c['file']} không nằm đúng chỗ của {c['units']} đơn vị trong tệp: chỉ phủ "
        f"{_n(c['cover_percent'], 1)}% diện tích các đơn vị này đang có (cần ít "
        f"nhất {_n(c['min_cover_percent'], 1)}%), và {_n(c['outside_percent'], 1)}% "
        f"diện tích của tệp ({_n(c['outside_km2'])} km²) nằm cách ranh giới tỉnh "
        f"{c['province']} hơn {_n(c['margin_km'])} km (tối đa "
        f"{_n(c['max_outside_percent'], 1)}%); tâm của tệp lệch "
        f"{_n(c['shift_km'], 1)} km so với tâm các đơn vị. Hãy kiểm tra tọa độ và "
        "hệ tọa độ của tệp; chưa thay đổi gì."
    )


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
    "units.layer_of_other_level": _other_level,
    "units.boundary_repair_too_large": _repair_too_large,
    "units.boundary_layer_misplaced": _misplaced,
    "units.boundary_upload_kind": (
        "{file}: tệp ranh giới phải là GeoJSON, GeoPackage hoặc Shapefile nén zip, "
        "có đuôi {suffixes}"
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
