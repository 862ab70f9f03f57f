"""Vietnamese of the kernel's refusals (settings, database URL, working days, a
record changed by someone else, a code taken at the same moment)."""

from ui.common.labels import local_time

# What a stale-version refusal calls the row, by the audit log's entity type.
_ROW = {
    "bts_site": "Bản ghi trạm BTS #{id}",
    "public_point": "Bản ghi điểm #{id}",
    "cluster": "Cụm #{id}",
    "inspection": "Phiếu kiểm tra #{id}",
    "permit_application": "Hồ sơ #{id}",
}


def _stale(context: dict) -> str:
    row = _ROW.get(context["entity"], "Bản ghi #{id}").format(id=context["id"])
    who = context.get("changed_by_name") or context.get("changed_by")
    if who and context.get("changed_at"):
        changed = f"đã được {who} sửa lúc {local_time(context['changed_at'])}"
    else:
        changed = "đã được người khác sửa"
    return (
        f"{row} {changed} (nay là phiên bản {context['version']}, bạn sửa từ phiên "
        f"bản {context['expected']}); chưa lưu thay đổi của bạn."
    )


VIETNAMESE = {
    "kernel.validation": "Có {count} trường chưa hợp lệ; chưa lưu gì",
    "kernel.setting_boolean": "Thiết lập {name} = «{value}»: cần true hoặc false",
    "kernel.setting_whole_number": (
        "Thiết lập {name} = «{value}»: cần một số nguyên không âm"
    ),
    "kernel.setting_whole_number_range": (
        "Thiết lập {name} = «{value}»: cần một số nguyên từ {low} đến {high}"
    ),
    "kernel.setting_number_range": (
        "Thiết lập {name} = «{value}»: cần một số từ {low} đến {high}"
    ),
    "kernel.setting_positive_up_to": (
        "Thiết lập {name} = «{value}»: cần một số lớn hơn 0, không quá {high}"
    ),
    "kernel.setting_choice": "Thiết lập {name} = «{value}»: cần {choices}",
    "kernel.setting_basemap": (
        "Thiết lập REGISTRY_BASEMAP = «{value}»: cần openstreetmap, none hoặc một "
        "địa chỉ lớp nền có {{z}}, {{x}} và {{y}}"
    ),
    "kernel.setting_hours": (
        "Thiết lập {name} = «{value}»: cần giờ mở và giờ đóng cửa dạng 06:00-23:00 "
        "(đồng hồ 24 giờ, đóng cửa sau giờ mở trong cùng ngày)"
    ),
    "kernel.setting_radius": (
        "Thiết lập {name}: «{part}» cần có dạng 4G=1/3 (bán kính đô thị/nông thôn, "
        "km, 0–50)"
    ),
    "kernel.setting_radius_missing": (
        "Thiết lập {name} = «{value}»: thiếu bán kính cho {missing}"
    ),
    "kernel.database_url": (
        "Thiết lập REGISTRY_DATABASE_URL = «{value}» không phải địa chỉ cơ sở dữ "
        "liệu: {detail}"
    ),
    "kernel.database_backend": (
        "Thiết lập REGISTRY_DATABASE_URL: không hỗ trợ loại cơ sở dữ liệu "
        "«{backend}»; dùng sqlite:///TỆP hoặc postgresql+psycopg://NGƯỜI_DÙNG@MÁY/CSDL"
    ),
    "kernel.other_province": (
        "Cơ sở dữ liệu này của tỉnh mã {stored}, nhưng thiết lập "
        "REGISTRY_PROVINCE_CODE là {code}; hãy dùng cơ sở dữ liệu khác"
    ),
    "kernel.working_days": "một số ngày làm việc nguyên, từ 0 trở lên",
    "kernel.stale_version": _stale,
    "kernel.duplicate": (
        "Một bản ghi trùng mã hoặc tên vừa được lưu cùng lúc; chưa lưu gì, hãy "
        "kiểm tra lại."
    ),
    "kernel.text_control": (
        "văn bản không có ký tự điều khiển hay ký tự đảo chiều hiển thị "
        "(có {character} ở ký tự thứ {at})"
    ),
    "kernel.text_too_long": "tối đa {limit} ký tự (giá trị này có {length})",
    "kernel.text_required": "nội dung (bắt buộc)",
}
