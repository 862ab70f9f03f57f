"""Vietnamese of the refusals of permit applications and of the delegation matrix.

Kinds, cases, levels, steps and states are shown by their labels
(:mod:`ui.permits.labels`), never by their stored values.
"""

from registry.kernel.numbers import vi_number
from ui.common.i18n import operator_name
from ui.permits.labels import label, level_text

_FILE_TYPE = (
    "tệp PDF, JPEG hoặc PNG (nội dung tệp không phải các loại này, dù tên tệp ghi gì)"
)


def _labels(values) -> str:
    return ", ".join(label(value) for value in values)


def _pair(kind, case) -> str:
    return f"{label(kind)} – {label(case)}"


VIETNAMESE = {
    # -- who may see and act
    "permits.application_not_found": "Không tìm thấy hồ sơ {key}.",
    "permits.not_their_network": "hồ sơ #{id} không thuộc mạng của bạn",
    "permits.outside_area": "hồ sơ nằm ngoài địa bàn của bạn",
    "permits.step_of_level": lambda c: (
        f"theo ma trận phân cấp, bước này do {level_text(c['level'])} xử lý"
    ),
    "permits.completion_by": lambda c: (
        "chỉ người nộp hồ sơ hoặc cán bộ "
        f"{level_text(c['level'])} nơi có hồ sơ mới ghi nhận bổ sung hồ sơ"
    ),
    "permits.filer_role": (
        "hồ sơ trạm BTS do doanh nghiệp viễn thông nộp; hồ sơ điểm trò chơi do cán "
        "bộ xã, huyện ghi nhận"
    ),
    "permits.not_owner": (
        "trạm #{id} không thuộc mạng của bạn: doanh nghiệp chỉ nộp hồ sơ cho trạm "
        "của mình"
    ),
    "permits.transfer_filer": (
        "hồ sơ chuyển giao trạm do chính doanh nghiệp đang sở hữu trạm nộp"
    ),
    "permits.own_filing": lambda c: (
        f"Bạn đã nộp hồ sơ #{c['id']}; người khác phải "
        + ("quyết định" if c.get("step") == "decide" else "thẩm tra")
        + " hồ sơ này."
    ),
    "permits.own_verification": (
        "Bạn đã thẩm tra hồ sơ #{id}; người khác phải quyết định hồ sơ này."
    ),
    "permits.consent_by": lambda c: (
        "chỉ người dùng của doanh nghiệp nhận chuyển giao "
        f"({operator_name(c.get('network'))}) mới ký đồng ý hồ sơ #{c['id']}"
    ),
    "permits.correction_by": "chỉ quản trị viên mới sửa ngày nộp hồ sơ",
    # -- filing
    "permits.kind": lambda c: "một trong các loại hồ sơ: " + _labels(c["kinds"]),
    "permits.applicant_name": "tên người nộp",
    "permits.site_needed": "trạm BTS mà hồ sơ thay đổi, di dời hoặc tháo dỡ",
    "permits.point_needed": "điểm trò chơi mà hồ sơ gia hạn, cấp lại hoặc thu hồi",
    "permits.game_point": "một điểm cung cấp dịch vụ trò chơi điện tử",
    "permits.set_by_decision": (
        "để trống: giá trị này do quyết định cấp phép ghi, người nộp không kê khai"
    ),
    "permits.relocation_fields": "chỉ các thông tin về vị trí (hồ sơ di dời)",
    "permits.same_position": "giữ nguyên vị trí (đổi vị trí thì nộp hồ sơ di dời)",
    "permits.no_changes_for_kind": "không kê khai thay đổi nào với loại hồ sơ này",
    "permits.new_position": "vị trí mới",
    "permits.one_change": "ít nhất một thay đổi",
    "permits.record_retired": "Bản ghi #{id} đã ngừng theo dõi từ {retired_on}.",
    "permits.open_application": (
        "Bản ghi #{id} đang có hồ sơ #{application} chưa giải quyết; cần quyết định "
        "hồ sơ đó trước."
    ),
    "permits.network_by_transfer": (
        "giữ nguyên mạng của trạm (trạm chỉ chuyển sang doanh nghiệp khác bằng hồ "
        "sơ chuyển giao)"
    ),
    "permits.receiving_network": lambda c: (
        "mã mạng của một doanh nghiệp khác: "
        + ", ".join(operator_name(code) for code in c.get("networks", []))
    ),
    "permits.correction_reason": "lý do sửa ngày nộp hồ sơ",
    "permits.corrected_day": "một ngày không sau {latest}",
    "permits.decommissioned": lambda c: (
        f"Trạm #{c['id']} đã tháo dỡ; không nộp được hồ sơ «{label(c['kind'])}» "
        "cho trạm này."
    ),
    "permits.not_in_use": (
        "Điểm #{id} đang ở trạng thái «{status}»: chỉ thu hồi giấy chứng nhận đang "
        "được sử dụng."
    ),
    "permits.no_certificate": lambda c: (
        f"Điểm #{c['id']} không có giấy chứng nhận còn hiệu lực để "
        f"«{label(c['kind'])}»."
    ),
    # -- documents
    "permits.document_bytes": _FILE_TYPE,
    "permits.document_empty": "tệp PDF, JPEG hoặc PNG (tệp rỗng)",
    "permits.document_size": "tệp tối đa {limit} (tệp này {size})",
    "permits.document_type": _FILE_TYPE,
    "permits.document_unreadable": (
        "tệp PDF, JPEG hoặc PNG mở được (tệp này có phần đầu giống nhưng nội dung"
        " bị hỏng hoặc là loại khác)"
    ),
    "permits.document_pixels": lambda c: (
        f"ảnh tối đa {vi_number(c['limit'])} điểm ảnh"
        f" (ảnh này {vi_number(c['pixels'])} điểm ảnh)"
    ),
    "permits.document_pdf": "tệp PDF mở được (tệp này không đọc được như PDF)",
    "permits.document_encrypted": "tệp PDF không đặt mật khẩu (tệp này bị mã hóa)",
    "permits.document_active": (
        "tệp PDF không chứa mã lệnh (tệp này yêu cầu chạy JavaScript"
        " hoặc mở chương trình khác)"
    ),
    "permits.one_document": "ít nhất một tệp",
    "permits.documents_closed": lambda c: (
        f"Hồ sơ #{c['id']} đang ở trạng thái «{label(c['state'])}»; tài liệu do "
        "người nộp hoặc cán bộ đang xử lý bổ sung khi hồ sơ còn mở."
    ),
    "permits.document_not_found": "Không tìm thấy tài liệu {key}.",
    # -- steps
    "permits.step_day": "một ngày từ {earliest} đến hôm nay ({today})",
    "permits.site_visit_day": "một ngày từ {start} đến {end}",
    "permits.missing_what": "hồ sơ còn thiếu gì",
    "permits.permit_number": "số giấy phép hoặc giấy chứng nhận",
    "permits.refusal_reasons": "lý do từ chối",
    "permits.referral_reason": "lý do chuyển cấp trên",
    "permits.nothing_left": lambda c: (
        f"Hồ sơ #{c['id']} đang ở trạng thái «{label(c['state'])}»; không còn bước "
        "nào cần xử lý."
    ),
    "permits.other_step": lambda c: (
        f"Hồ sơ #{c['id']} đang chờ bước {label(c['step']).lower()} ở "
        f"{level_text(c['level'])}."
    ),
    "permits.not_paused": "Hồ sơ #{id} không chờ bổ sung hồ sơ.",
    "permits.paused": (
        "Hồ sơ #{id} đang chờ bổ sung hồ sơ; hãy ghi nhận bổ sung trước."
    ),
    "permits.application_changed": (
        "Hồ sơ #{id} vừa thay đổi trong lúc đang được chấp thuận; hãy mở lại hồ sơ."
    ),
    "permits.record_changed": (
        "Bản ghi #{id} vừa thay đổi trong lúc chuẩn bị chấp thuận; hãy thử lại."
    ),
    "permits.owner_changed": lambda c: (
        f"Trạm #{c['id']} không còn thuộc {operator_name(c.get('network'))}, "
        f"doanh nghiệp đã nộp hồ sơ #{c['application']}: hồ sơ không thể có hiệu "
        "lực."
    ),
    "permits.consent_needed": lambda c: (
        f"Hồ sơ #{c['id']} đang chờ doanh nghiệp nhận chuyển giao "
        f"({operator_name(c.get('network'))}) ký đồng ý."
    ),
    "permits.no_consent_awaited": "Hồ sơ #{id} không chờ ký đồng ý.",
    "permits.filing_day_fixed": (
        "Hồ sơ #{id} đã qua bước đầu tiên; không sửa được ngày nộp nữa."
    ),
    "permits.filing_day_matrix": (
        "Ngày {day} áp dụng ma trận phân cấp phiên bản #{other}, không phải phiên "
        "bản #{matrix} của hồ sơ #{id}: hãy nộp lại hồ sơ."
    ),
    "permits.no_escalation": lambda c: (
        f"Hồ sơ #{c['id']}: ma trận phân cấp không có cấp nào trên "
        f"{level_text(c['level'])} cho «{_pair(c['kind'], c['case'])}»."
    ),
    # -- the delegation matrix
    "permits.level_required": lambda c: "một cấp: " + _labels(c["levels"]),
    "permits.level": lambda c: "một cấp: " + _labels(c["levels"]),
    "permits.step_days": "số ngày làm việc từ 1 đến {max}",
    "permits.matrix_kind": lambda c: "một trong các loại hồ sơ: " + _labels(c["kinds"]),
    "permits.matrix_case": lambda c: "một trong các trường hợp: " + _labels(c["cases"]),
    "permits.not_above_decider": lambda c: (
        f"cấp không cao hơn cấp quyết định ({level_text(c['decider'])})"
    ),
    "permits.above_decider": lambda c: (
        f"cấp cao hơn cấp quyết định ({level_text(c['decider'])})"
    ),
    "permits.case_of_kind": lambda c: (
        f"một trường hợp của loại hồ sơ «{label(c['row_kind'])}»"
    ),
    "permits.one_row": "chỉ một dòng",
    "permits.a_row": "một dòng trong ma trận",
    "permits.height_threshold": "một số mét lớn hơn 0, không quá 300",
    "permits.preset_row_keys": (
        "chỉ các khóa đã biết (dòng {number} của tệp mẫu phân cấp)"
    ),
    "permits.preset_keys": "đủ và đúng các khóa của một tệp mẫu phân cấp",
    "permits.preset_not_found": "Không tìm thấy mẫu phân cấp đã chọn.",
    "permits.matrix_row_not_found": lambda c: (
        f"Ma trận phân cấp phiên bản #{c['version']} không có dòng "
        f"«{_pair(c['row_kind'], c['row_case'])}»."
    ),
    "permits.matrix_version_not_found": (
        "Không tìm thấy phiên bản ma trận phân cấp #{key}."
    ),
    "permits.no_matrix_in_force": (
        "Chưa có ma trận phân cấp nào có hiệu lực vào ngày {day}."
    ),
    "permits.matrix_reason": "lý do thay đổi ma trận",
    "permits.first_day": "ngày đầu tiên phiên bản có hiệu lực",
    # -- the report
    "permits.period_end": "một ngày từ ngày đầu kỳ ({start}) trở đi",
    "permits.report_districts": (
        "mã của các huyện (đơn vị hành chính trước ngày 01/7/2025); không có huyện "
        "mã {unknown}"
    ),
}
