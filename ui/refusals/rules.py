"""Vietnamese of the refusals of rule-set files and lookups.

Rule-set files are kept by the department's technical staff; the messages name the
file's own keys (they are what has to be corrected in the file).
"""

_FILE = "Tệp bộ quy tắc {file}: "

VIETNAMESE = {
    "rules.missing_text": _FILE + "mục {name} bị thiếu hoặc để trống",
    "rules.threshold_table": _FILE + "ngưỡng phải là một bảng, ví dụ {{metres = 200}}",
    "rules.threshold_shape": _FILE + "phép kiểm tra {check} nhận {shapes}",
    "rules.threshold_time": _FILE + "ngưỡng {name} = «{value}»: cần giờ dạng 08:00",
    "rules.threshold_setting": _FILE
    + "ngưỡng {name} = «{value}»: cần một trong {settings}",
    "rules.threshold_years": _FILE
    + "ngưỡng {name} = «{value}»: cần số năm nguyên dương",
    "rules.threshold_number": _FILE + "ngưỡng {name} = «{value}»: cần một số dương",
    "rules.threshold_hours": _FILE + "giờ đóng cửa phải sau giờ mở cửa",
    "rules.rule_not_table": _FILE + "quy tắc thứ {number} không phải là một bảng",
    "rules.rule_id": _FILE + "quy tắc thứ {number}: mã quy tắc «{given_id}» chỉ được "
    "gồm chữ thường, chữ số, dấu chấm, gạch dưới, gạch ngang",
    "rules.rule_id_twice": _FILE + "hai quy tắc dùng chung một mã",
    "rules.unknown_fields": _FILE + "có mục không được biết: {fields}",
    "rules.unknown_check": _FILE
    + "phép kiểm tra «{check}» không có; các phép có: {checks}",
    "rules.applies_to": _FILE + "danh sách loại điểm áp dụng không hợp lệ",
    "rules.automatic": _FILE + "mục automatic phải là true hoặc false",
    "rules.on_site_only": _FILE
    + "phép kiểm tra {check} làm tại chỗ, không tự động được",
    "rules.date": _FILE + "mục {name} = «{value}»: cần một ngày dạng 2024-12-25",
    "rules.not_toml": _FILE + "không phải TOML (UTF-8) hợp lệ: {detail}",
    "rules.key_not_file_name": _FILE + "khóa «{key}» phải trùng tên tệp «{stem}»",
    "rules.version": _FILE + "phiên bản «{version}»: cần một số nguyên từ 1 trở lên",
    "rules.period": _FILE + "ngày hết hiệu lực {end} trước ngày có hiệu lực {start}",
    "rules.no_rules": _FILE + "không có quy tắc nào",
    "rules.overlap": _FILE + "thời gian hiệu lực {period} trùng với {other_period} của "
    "tệp {other_file}; bộ quy tắc trước phải hết hiệu lực trước khi bộ sau bắt đầu",
    "rules.empty_folder": "Thư mục bộ quy tắc không có tệp nào (*.toml)",
    "rules.day": "một ngày (không kèm giờ)",
    "rules.no_ruleset": (
        "Không có bộ quy tắc nào có hiệu lực ngày {day}; các bộ quy tắc áp dụng cho: "
        "{covered}"
    ),
    "rules.rule_not_found": "Bộ quy tắc {ruleset} không có quy tắc {key}.",
    "rules.ruleset_version_not_found": (
        "Không có phiên bản {key} của bộ quy tắc {ruleset} (tệp đang ở phiên bản "
        "{current})."
    ),
    "rules.ruleset_not_found": "Không có bộ quy tắc {key}.",
    "rules.point_not_found": "Không tìm thấy điểm {key}.",
}
