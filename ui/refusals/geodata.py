"""Vietnamese of the spatial layer's refusals (boundary files, admin-unit data)."""

_PASS_CRS = (
    "hãy chỉ rõ hệ tọa độ, ví dụ EPSG:3405 cho VN-2000 / UTM 48N hoặc EPSG:32648 cho "
    "WGS 84 / UTM 48N"
)

VIETNAMESE = {
    "geodata.unknown_province": "Không có tỉnh mã {province_code}.",
    "geodata.unknown_edition": "Không có bộ đơn vị hành chính {edition}.",
    "geodata.invalid_input": "Giá trị của tham số «{parameter}» không dùng được.",
    "geodata.package_missing": (
        "Chưa cài gói {package} (cung cấp danh mục đơn vị hành chính)."
    ),
    "geodata.package_no_data": "Gói {package} thiếu dữ liệu trong {folder}.",
    "geodata.package_bounds": "Dữ liệu khung bao «{text}» của gói {package} bị lỗi.",
    "geodata.crosswalk_province": (
        "Bảng chuyển đổi của gói {package} không cho biết tỉnh cũ {code} thuộc tỉnh "
        "nào từ 1/7/2025."
    ),
    "geodata.assets_package": (
        "Bản đồ cần gói Python {package}; hãy cài đủ các gói của ứng dụng."
    ),
    "geodata.map_script_missing": "Thiếu tệp mã bản đồ {path}: {detail}",
    "geodata.boundary.not_zip": "tệp {path} không phải tệp zip đọc được: {detail}",
    "geodata.boundary.zip_too_large": (
        "tệp {path} giải nén ra {unpacked_mb} MB, quá {limit_mb} MB cho phép"
    ),
    "geodata.boundary.zip_without_shapefile": (
        "tệp {path} không chứa Shapefile (.shp); trong tệp có: {listed}"
    ),
    "geodata.boundary.no_such_layer": (
        "tệp {path} không có lớp «{layer}»; các lớp có: {described}"
    ),
    "geodata.boundary.no_layer": "tệp {path} không có lớp dữ liệu nào",
    "geodata.boundary.no_polygon_layer": (
        "tệp {path} không có lớp vùng (polygon); các lớp có: {described}"
    ),
    "geodata.boundary.no_crs": (
        "tệp {path} không khai báo hệ tọa độ và tọa độ ({shown}) không phải độ "
        "trong lãnh thổ Việt Nam; " + _PASS_CRS
    ),
    "geodata.boundary.not_degrees": (
        "tệp {path} khai báo hệ tọa độ địa lý {crs} nhưng tọa độ ({shown}) không "
        "phải độ; " + _PASS_CRS
    ),
    "geodata.boundary.no_polygons": "tệp {path} không có vùng nào (chỉ có {found})",
    "geodata.boundary.no_such_file": "không có tệp {path}",
    "geodata.boundary.unreadable": (
        "tệp {path} không đọc được như dữ liệu bản đồ: {detail}"
    ),
    "geodata.boundary.malformed": "tệp {path} bị lỗi cấu trúc: {detail}",
    "geodata.boundary.no_features": "lớp «{layer}» của tệp {path} không có đối tượng",
    "geodata.boundary.cannot_reproject": (
        "không chuyển được tệp {path} từ hệ tọa độ {crs}: {detail}"
    ),
    "geodata.boundary.swapped_axes": (
        "kinh độ và vĩ độ trong tệp {path} bị đảo chỗ: trục x là vĩ độ, trục y là "
        "kinh độ của Việt Nam; hãy ghi kinh độ ở x, vĩ độ ở y"
    ),
    "geodata.boundary.outside_vietnam": (
        "các đối tượng của tệp {path} nằm ngoài Việt Nam khi đọc theo hệ tọa độ "
        "{crs}; hãy kiểm tra hệ tọa độ hoặc " + _PASS_CRS
    ),
}
