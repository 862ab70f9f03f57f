"""Vietnamese of the refusals of school and population imports."""

VIETNAMESE = {
    "reference.population_columns": "thiếu cột {missing}; tệp có các cột: {found}",
    "reference.commune_code": "một mã xã/phường có trong tỉnh",
    "reference.one_row_per_commune": (
        "mỗi xã/phường một dòng (trùng với dòng {other_row})"
    ),
    "reference.population": lambda c: (
        f"số dân là số nguyên từ 0 đến {c['max']:,}".replace(",", ".")
    ),
    "reference.year": "một năm từ {low} đến {high}",
    "reference.no_rows": "tệp không có dòng dữ liệu",
    "reference.school_column_twice": (
        "hai cột cùng có nghĩa là «{target}»; hãy giữ một cột (cột thứ hai là "
        "«{column}»)"
    ),
    "reference.school_columns": (
        "thiếu cột {missing}; tệp trường học cần tên, cấp học, vĩ độ và kinh độ "
        "(địa chỉ không bắt buộc)"
    ),
    "reference.not_geojson": "không phải GeoJSON hợp lệ ({detail})",
    "reference.no_features": "cần một GeoJSON FeatureCollection có các đối tượng",
    "reference.geojson_crs": (
        "tệp khai báo hệ tọa độ «{crs}»; tệp GeoJSON trường học phải dùng kinh độ/vĩ "
        "độ WGS 84 (RFC 7946)"
    ),
    "reference.school_extension": (
        "không đọc được tệp đuôi '{extension}'; hãy dùng .csv, .txt, .xlsx hoặc "
        ".geojson"
    ),
    "reference.school_name": "tên trường",
    "reference.too_long": "tối đa {limit} ký tự",
    "reference.school_level": "Tiểu học, THCS, THPT hoặc liên cấp",
    "reference.school_swapped": "vĩ độ trước, kinh độ sau; hai giá trị đã được đổi chỗ",
    "reference.school_near_border": (
        "một trường trong {province}; trường này nằm sát ngoài ranh giới tỉnh và vẫn "
        "được giữ (tính cho các điểm gần biên giới tỉnh)"
    ),
    "reference.school_outside": (
        "một vị trí trong {province} hoặc cách tỉnh không quá 2 km"
    ),
    "reference.school_twice_in_file": (
        "mỗi trường một dòng; dòng {first_row} đã có cùng tên và vị trí"
    ),
    "reference.school_stored": (
        "một trường chưa có trong sổ (trường #{id} đã có tên và vị trí này)"
    ),
    "reference.point_geometry": "một đối tượng dạng điểm (Point)",
}
