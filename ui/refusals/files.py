"""Vietnamese of the refusals of files read, imported and exported."""

from ui.common.i18n import any_field_label
from ui.refusals.access import area

VIETNAMESE = {
    "files.extension": (
        "không đọc được tệp đuôi '{extension}'; hãy dùng .csv, .txt hoặc .xlsx (lưu "
        "tệp .xls cũ thành .xlsx)"
    ),
    "files.cannot_open": "không mở được tệp ({detail})",
    "files.empty": "tệp rỗng",
    "files.not_csv": "dòng {line} không đúng định dạng CSV ({detail})",
    "files.utf16_damaged": "văn bản UTF-16 bị hỏng tại byte {byte}",
    "files.nul_bytes": (
        "tệp chứa byte NUL: đây không phải tệp văn bản, hoặc là UTF-16 không có dấu "
        "thứ tự byte; hãy lưu thành CSV UTF-8"
    ),
    "files.mixed_encoding": lambda c: (
        f"tệp phần lớn là UTF-8 nhưng byte 0x{c['byte']:02X} ở dòng {c['line']} "
        "không hợp lệ (lẫn nhiều bảng mã?); hãy lưu lại thành CSV UTF-8"
    ),
    "files.unknown_encoding": lambda c: (
        f"không giải mã được văn bản: byte 0x{c['byte']:02X} ở dòng {c['line']} "
        "không thuộc UTF-8 cũng không thuộc Windows-1258; hãy lưu tệp thành CSV UTF-8"
    ),
    "files.not_xlsx": "không phải sổ tính Excel .xlsx hợp lệ ({detail})",
    "files.xlsx_unpacked": (
        "sổ tính giải nén ra {size_mb} MB; một sổ tính chỉ được giải nén tối đa"
        " {limit_mb} MB, mỗi phần tối đa {part_mb} MB: hãy chia nhỏ tệp"
    ),
    "files.sheet_unreadable": "không đọc được trang tính đầu tiên ({detail})",
    "files.too_many_rows": lambda c: (
        f"hơn {c['max_rows']:,} dòng dữ liệu".replace(",", ".")
        + "; hãy chia thành các tệp nhỏ hơn"
    ),
    "files.no_header": (
        "thiếu dòng tiêu đề: dòng đầu tiên phải là tên cột, nhưng đang trống"
    ),
    "files.numeric_header": (
        "thiếu dòng tiêu đề: dòng đầu tiên là số, không phải tên cột"
    ),
    "files.no_data_rows": "tệp có dòng tiêu đề nhưng không có dòng dữ liệu",
    "files.same_field_twice": lambda c: (
        f"hai cột «{c['first']}» và «{c['second']}» cùng là trường "
        f"«{any_field_label(c['field'])}»; hãy giữ lại một cột"
    ),
    "files.missing_columns": "thiếu cột bắt buộc: {columns}",
    "files.unknown_group": (
        "không có nhóm dữ liệu «{group}»; hãy chọn một trong: {groups}"
    ),
    "files.unknown_export_format": (
        "không có định dạng xuất «{format}»; hãy chọn một trong: {formats}"
    ),
    "files.writer_format": "không xuất được định dạng «{format}»; hãy chọn: {formats}",
    "files.no_folder": "Không ghi được {target}: thư mục {folder} không tồn tại",
    "files.write_failed": "Không ghi được {target} dạng {format}: {detail}",
    "files.no_coordinate_columns": (
        "Không xuất được dạng {format}: bảng không có cột {missing}"
    ),
    "files.kind_in_group": "một trong các loại: {kinds}",
    "files.own_network_site": "một trạm của mạng {network}",
    "files.inside_area": lambda c: f"một vị trí trong địa bàn của bạn ({area(c)})",
}
