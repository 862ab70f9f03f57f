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
    "files.unknown_form": "không có mẫu xuất '{form}'; hãy dùng một trong: {forms}",
    "files.version_missing": (
        "phiên bản của bản ghi (cột «Phiên bản»): bản ghi #{id} đã có trong sổ; hãy "
        "xuất lại dữ liệu và sửa trên tệp mới xuất"
    ),
    "files.version_not_number": "số phiên bản: một số nguyên như tệp xuất đã ghi",
    "files.version_stale": (
        "bản ghi như lúc xuất: bản ghi #{id} đã được sửa trong sổ sau khi xuất "
        "(tệp ghi phiên bản {expected}, hiện là {version}); hãy xuất lại rồi sửa lại"
    ),
    "files.unknown_record": (
        "mã của một bản ghi có trong nhóm này; #{id} không phải (để trống mã bản "
        "ghi nếu là bản ghi mới)"
    ),
    "files.retired_record": "bản ghi còn dùng: bản ghi #{id} đã ngừng từ {retired_on}",
    "files.record_outside_area": lambda c: (
        f"một bản ghi trong địa bàn của bạn ({area(c)}); bản ghi #{c['id']} "
        "nằm ngoài địa bàn"
    ),
    "files.record_other_network": (
        "một trạm của mạng {network}; bản ghi #{id} thuộc mạng {other}"
    ),
    "files.status_transition": (
        "một trạng thái bản ghi #{id} được chuyển sang từ «{current}»: {allowed}"
    ),
    "files.same_record_twice": (
        "mỗi bản ghi một dòng; dòng {first_row} đã có bản ghi #{id}"
    ),
    "files.duplicate_point_name": (
        "một điểm mới: bản ghi #{id} ({name}) là {kind} cùng tên và địa chỉ trong "
        "cùng xã; ghi mã bản ghi đó vào cột «Mã bản ghi» để cập nhật, hoặc bỏ dòng"
    ),
    "files.duplicate_point_near": (
        "một điểm mới: bản ghi #{id} ({name}) là {kind} cách {metres} m; ghi mã bản "
        "ghi đó vào cột «Mã bản ghi» để cập nhật, hoặc bỏ dòng"
    ),
    "files.duplicate_point_in_file": (
        "mỗi điểm một dòng: dòng {first_row} là cùng {kind} (cùng tên và địa chỉ "
        "trong xã, hoặc cách không quá {metres} m)"
    ),
}
