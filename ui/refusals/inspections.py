"""Vietnamese of the refusals of inspections and of what their fields expect.

Rule sets are named by their titles (``Nghị định 147/2024/NĐ-CP``), states and
results by their labels, areas by their names: never by a key, a stored value or
a code.
"""

from registry.inspections.checklist import stored_ruleset
from registry.kernel.numbers import vi_number
from ui.common.i18n import t
from ui.refusals.access import area

_IMAGE = "ảnh JPEG, PNG, GIF hoặc WebP"
_LEVELS = {"district": "huyện", "commune": "xã/phường"}


def _ruleset(key: str) -> str:
    """The title of the rule set stored under ``key`` (the key if it is gone)."""
    return stored_ruleset(key).get("title_vi") or key


def _period(key: str) -> str:
    """'Nghị định 147/2024/NĐ-CP: từ 25/12/2024' (and 'đến …' when it ended)."""
    facts = stored_ruleset(key)
    if "effective_from" not in facts:
        return key
    text = f"{facts['title_vi']}: từ {facts['effective_from']:%d/%m/%Y}"
    if facts["effective_to"] is not None:
        text += f" đến {facts['effective_to']:%d/%m/%Y}"
    return text


def _state(context: dict) -> str:
    return t(f"insp.state.{context['state']}")


def _what(context: dict) -> str:
    return t(f"insp.what.{context['what']}")


def _labels(prefix: str, values) -> str:
    return ", ".join(t(f"{prefix}.{value}") for value in values)


def _correction_reason(context: dict) -> str:
    if not context.get("length"):
        return "lý do (bắt buộc)"
    return "lý do tối đa {max} ký tự (lý do này có {length})".format(**context["_vi"])


VIETNAMESE = {
    "inspections.not_found": "Không tìm thấy phiếu kiểm tra {key}.",
    "inspections.photo_not_found": "Không tìm thấy ảnh {key}.",
    # -- one value
    "inspections.date_required": "một ngày (bắt buộc)",
    "inspections.date": "một ngày dạng 2026-03-31 (năm-tháng-ngày)",
    "inspections.future": (
        "một ngày không sau hôm nay ({today}): phiếu được lập sau khi kiểm tra"
    ),
    "inspections.fine": lambda c: f"một số tiền (đồng) từ 0 đến {vi_number(c['max'])}",
    "inspections.result": lambda c: (
        "một trong các kết quả: " + _labels("insp.result", c["results"])
    ),
    "inspections.outcome": lambda c: (
        "một trong các kết luận: " + _labels("insp.state", c["outcomes"])
    ),
    "inspections.unknown_detail": lambda c: (
        "một trường của phiếu kiểm tra: " + _labels("insp.field", c["fields"])
    ),
    "inspections.description_required": "mô tả vi phạm (bắt buộc)",
    "inspections.review_note": (
        "ý kiến nêu rõ điều cần bổ sung hoặc lý do không duyệt (bắt buộc)"
    ),
    "inspections.withdraw_reason": "lý do (bắt buộc)",
    "inspections.correction_reason": _correction_reason,
    "inspections.correction_empty": (
        "ít nhất một thay đổi (kết quả, nội dung, vi phạm hoặc ảnh)"
    ),
    # -- photos (the sizes written the Vietnamese way: 5,0 MB)
    "inspections.photo_bytes": "nội dung của một " + _IMAGE,
    "inspections.photo_empty": _IMAGE + " (tệp rỗng)",
    "inspections.photo_size": lambda c: (
        f"ảnh tối đa {vi_number(c['limit_mb'], 1)} MB "
        f"(tệp này {vi_number(c['size_mb'], 1)} MB)"
    ),
    "inspections.photo_type": (
        _IMAGE + " (nội dung tệp không phải ảnh, dù tên tệp là gì)"
    ),
    "inspections.photo_unreadable": (
        _IMAGE + " mở được (tệp này có phần đầu giống ảnh nhưng nội dung bị hỏng"
        " hoặc là loại khác)"
    ),
    "inspections.photo_pixels": lambda c: (
        f"ảnh tối đa {vi_number(c['limit'])} điểm ảnh"
        f" (ảnh này {vi_number(c['pixels'])} điểm ảnh)"
    ),
    "inspections.photo_required": "ít nhất một tệp ảnh",
    "inspections.too_many_photos": (
        "tối đa {max} ảnh cho mỗi phiếu (phiếu đang có {count})"
    ),
    # -- rule sets and the checklist
    "inspections.no_ruleset": lambda c: (
        "một ngày có bộ quy định áp dụng ("
        + "; ".join(_period(key) for key in c["rulesets"])
        + ")"
    ),
    "inspections.ruleset_mismatch": lambda c: (
        f"Lỗi của bộ quy định ngày {c['_vi']['day']}: danh mục được đánh giá theo "
        f"{_ruleset(c['found'])} nhưng ngày đó áp dụng {_ruleset(c['in_force'])}; "
        "hãy báo quản trị hệ thống."
    ),
    "inspections.other_ruleset": lambda c: (
        f"một ngày thuộc thời gian hiệu lực của {_ruleset(c['ruleset'])} (ngày đó "
        f"áp dụng {_ruleset(c['other'])}); hãy mở phiếu mới"
    ),
    "inspections.unknown_rule": lambda c: (
        f"một quy định trong danh mục của phiếu #{c['id']} (lập theo "
        f"{_ruleset(c['ruleset'])})"
    ),
    "inspections.deadline_order": "một ngày từ ngày kiểm tra ({day}) trở đi",
    "inspections.unanswered": (
        "một kết quả (đạt, không đạt hoặc không áp dụng): mọi tiêu chí phải được "
        "đánh giá trước khi nộp"
    ),
    "inspections.violation_not_failed": (
        "«Không đạt», vì đã ghi vi phạm #{violation} theo quy định này"
    ),
    "inspections.not_withdrawn": lambda c: (
        f"số của một {_what(c)} chưa rút của phiếu #{c['id']} ({c['_vi']['active']})"
    ),
    "inspections.nothing_to_withdraw": lambda c: (
        f"số của một {_what(c)} chưa rút của phiếu #{c['id']} (phiếu không còn "
        f"{_what(c)} nào chưa rút)"
    ),
    # -- the workflow
    "inspections.correction_needed": lambda c: (
        f"Phiếu #{c['id']} đang ở trạng thái «{_state(c)}»: chỉ sửa được bằng đính "
        "chính, có lý do."
    ),
    "inspections.is_draft": (
        "Phiếu #{id} còn là bản nháp: sửa trực tiếp, không cần đính chính."
    ),
    "inspections.submit_not_draft": lambda c: (
        f"Phiếu #{c['id']} đang ở trạng thái «{_state(c)}»: chỉ nộp được phiếu nháp."
    ),
    "inspections.review_not_submitted": lambda c: (
        f"Phiếu #{c['id']} đang ở trạng thái «{_state(c)}»: chỉ duyệt được phiếu "
        "chờ duyệt."
    ),
    "inspections.own_inspection": (
        "Bạn đã lập phiếu #{id}; người khác phải duyệt phiếu này."
    ),
    "inspections.point_retired": (
        "Điểm #{id} đã bị thu hồi khỏi sổ ngày {retired_on}; không kiểm tra điểm "
        "đã thu hồi."
    ),
    "inspections.draft_exists": (
        "Điểm #{point} đang có phiếu nháp #{id}; hãy tiếp tục phiếu đó."
    ),
    "inspections.area_not_theirs": lambda c: (
        f"{_LEVELS.get(c['level'], 'địa bàn')} được chọn nằm ngoài địa bàn của bạn "
        f"({area(c)})"
    ),
    # -- phones offline: ODK Collect / KoBoCollect -----------------------------
    "inspections.commune_not_found": "Không có xã/phường này trong danh mục.",
    "inspections.odk_ruleset_not_in_force": lambda c: (
        f"bộ quy định áp dụng ngày {c['day']:%d/%m/%Y} ({_ruleset(c['in_force'])})"
    ),
    "inspections.odk_no_points": (
        "một xã/phường có điểm để kiểm tra ({commune} chưa có điểm nào trong sổ)"
    ),
    "inspections.odk_not_zip": (
        "tệp zip xuất CSV của ODK Central hoặc KoBoToolbox (tệp này không đọc "
        "được như một tệp zip)"
    ),
    "inspections.odk_zip_too_large": (
        "tệp xuất không quá {limit_mb} MB khi giải nén và không quá 5.000 tệp "
        "(tệp này lớn hơn)"
    ),
    "inspections.odk_no_submissions": (
        "tệp zip có đúng một tệp CSV phiếu gửi ở thư mục gốc (tệp này không có, "
        "hoặc có nhiều)"
    ),
    "inspections.odk_csv_encoding": (
        "tệp CSV mã hóa UTF-8, như ODK Central và KoBoToolbox xuất ra"
    ),
    "inspections.odk_instance_id": (
        "mã phiếu gửi (chữ, số, dấu hai chấm, gạch ngang, gạch dưới, dấu chấm; "
        "tối đa 100 ký tự)"
    ),
    "inspections.odk_unknown_submitter": (
        "tên đăng nhập của một người dùng đang hoạt động của hệ thống (tên người "
        "dùng trên điện thoại phải trùng với tên đăng nhập)"
    ),
    "inspections.odk_not_our_form": (
        "phiếu gửi từ biểu mẫu kiểm tra của hệ thống (phiếu này không ghi bộ quy định)"
    ),
    "inspections.odk_form_ruleset": lambda c: (
        f"biểu mẫu lập theo bộ quy định áp dụng ngày {c['day']:%d/%m/%Y}; phiếu "
        f"này lập theo {_ruleset(c['ruleset'])} (phiên bản khác): hãy tải biểu mẫu "
        "mới và kiểm tra lại"
    ),
    "inspections.odk_point": "mã một điểm trong danh sách của biểu mẫu",
    "inspections.odk_unknown_question": (
        "chỉ các câu hỏi trong danh mục kiểm tra của loại điểm này (câu trả lời "
        "này thuộc câu hỏi bộ quy định không đặt ra cho điểm)"
    ),
    "inspections.odk_answer": "Đạt, Không đạt hoặc Không áp dụng",
    "inspections.odk_photo_name": "tên tệp ảnh không kèm thư mục",
    "inspections.odk_photo_missing": (
        "một ảnh có trong thư mục media của tệp zip (ảnh này không có)"
    ),
    "inspections.odk_gps": (
        "một vị trí GPS: vĩ độ từ -90 đến 90, kinh độ từ -180 đến 180"
    ),
}
