"""Texts of the inspections page, the inspections dashboard and their messages."""

TEXTS: dict[str, tuple[str, str]] = {
    "menu.inspections": ("Kiểm tra điểm Internet, trò chơi", "Point inspections"),
    "menu.dashboard": ("Bảng theo dõi kiểm tra", "Inspections dashboard"),
    "menu.open_inspection": ("Mở phiếu kiểm tra #{id}", "Open inspection #{id}"),
    "menu.inspect_point": ("Kiểm tra điểm #{id}", "Inspect point #{id}"),
    "entity.inspection": ("Phiếu kiểm tra", "Inspection"),
    "action.open": ("Mở phiếu kiểm tra", "Inspection opened"),
    "action.record_items": ("Ghi kết quả kiểm tra", "Checklist recorded"),
    "action.add_violation": ("Ghi vi phạm", "Violation recorded"),
    "action.withdraw_violation": ("Rút vi phạm", "Violation withdrawn"),
    "action.attach_photo": ("Đính kèm ảnh", "Photo attached"),
    "action.withdraw_photo": ("Rút ảnh", "Photo withdrawn"),
    "action.submit": ("Nộp phiếu", "Submitted"),
    "action.review": ("Duyệt phiếu", "Reviewed"),
    "action.correct": ("Đính chính", "Corrected"),
    # States, results, plan states
    "insp.state.draft": ("Nháp", "Draft"),
    "insp.state.submitted": ("Chờ duyệt", "Submitted"),
    "insp.state.approved": ("Đã duyệt", "Approved"),
    "insp.state.has_issues": ("Cần bổ sung", "Has issues"),
    "insp.state.rejected": ("Không duyệt", "Rejected"),
    "insp.result.pass": ("Đạt", "Pass"),
    "insp.result.fail": ("Không đạt", "Fail"),
    "insp.result.not_applicable": ("Không áp dụng", "Not applicable"),
    "insp.result.manual": ("Kiểm tra tại chỗ", "Checked on site"),
    "insp.result.none": ("Chưa đánh giá", "Not decided"),
    "insp.plan.overdue": ("Quá hạn kiểm tra", "Overdue"),
    "insp.plan.due": ("Sắp đến hạn", "Due soon"),
    "insp.plan.ok": ("Trong hạn", "Not due"),
    # Page: overview
    "insp.title": ("Kiểm tra điểm Internet và trò chơi điện tử", "Point inspections"),
    "insp.area": ("Địa bàn: {area}", "Area: {area}"),
    "insp.per_year": (
        "Mỗi điểm đang hoạt động cần được kiểm tra ít nhất {count} lần/năm "
        "(cách nhau không quá {days} ngày).",
        "Each operating point should be inspected at least {count} time(s) a year "
        "(at most {days} days apart).",
    ),
    "insp.tab_due": ("Đến hạn, quá hạn ({count})", "Due and overdue ({count})"),
    "insp.tab_drafts": ("Phiếu nháp ({count})", "Drafts ({count})"),
    "insp.tab_submitted": ("Chờ duyệt ({count})", "Awaiting review ({count})"),
    "insp.tab_reviewed": ("Đã duyệt ({count})", "Reviewed ({count})"),
    "insp.tab_follow_ups": (
        "Quá hạn khắc phục ({count})",
        "Follow-ups overdue ({count})",
    ),
    "insp.tab_communes": ("Theo xã/phường", "By commune"),
    "insp.none": ("Không có phiếu nào.", "No inspections."),
    "insp.no_due": ("Không có điểm nào đến hạn kiểm tra.", "No point is due."),
    "insp.pick_row": (
        "Chọn một dòng để mở phiếu (hoặc mở phiếu mới cho điểm đó).",
        "Select a row to open the inspection (or start one for that point).",
    ),
    "insp.review_queue": ("Phiếu chờ duyệt", "Inspections awaiting review"),
    "insp.queue_link": (
        "#{id} · {point} · {day} · {inspector}",
        "#{id} · {point} · {day} · {inspector}",
    ),
    "insp.more": ("… và {count} phiếu khác trong bảng.", "… and {count} more below."),
    # Opening an inspection
    "insp.new": ("Mở phiếu kiểm tra mới", "Start an inspection"),
    "insp.point": ("Điểm được kiểm tra", "Point inspected"),
    "insp.point_option": ("#{id} · {name} · {kind}", "#{id} · {name} · {kind}"),
    "insp.inspected_on": ("Ngày kiểm tra", "Inspection date"),
    "insp.open": ("Mở phiếu", "Start"),
    "insp.opened": (
        "Đã mở phiếu kiểm tra #{id}. Danh mục theo {ruleset}.",
        "Inspection #{id} started. Checklist of {ruleset}.",
    ),
    "insp.open_for_point": (
        "Mở phiếu kiểm tra cho điểm #{id}",
        "Start an inspection of point #{id}",
    ),
    "insp.point_draft": (
        "Điểm này đang có phiếu nháp #{id}.",
        "This point has a draft inspection #{id}.",
    ),
    "insp.point_history": ("Các lần kiểm tra trước", "Earlier inspections"),
    "insp.cannot_open": (
        "Vai trò của bạn không mở phiếu kiểm tra; cán bộ xã/phường mở phiếu.",
        "Your role does not start inspections; commune staff do.",
    ),
    "insp.pick_point_hint": (
        "Chọn điểm thuộc địa bàn; điểm quá hạn, đến hạn được xếp trước.",
        "Points of your area; overdue and due points first.",
    ),
    # One inspection
    "insp.heading": ("Phiếu kiểm tra #{id} · {point}", "Inspection #{id} · {point}"),
    "insp.facts": (
        "Ngày kiểm tra {day} · người kiểm tra {inspector} · {units}",
        "Inspected on {day} by {inspector} · {units}",
    ),
    "insp.ruleset_caption": (
        "Danh mục lập theo {title} (phiên bản {version}, hiệu lực từ {start}).",
        "Checklist made from {title} (version {version}, in force from {start}).",
    ),
    "insp.review_note": (
        "Ý kiến duyệt của {by} ({at}): {note}",
        "Review by {by} ({at}): {note}",
    ),
    "insp.review_no_note": ("Đã duyệt bởi {by} ({at}).", "Reviewed by {by} ({at})."),
    "insp.back": ("Về danh sách phiếu kiểm tra", "Back to the inspections"),
    "insp.tab_checklist": ("Danh mục kiểm tra", "Checklist"),
    "insp.tab_violations": ("Vi phạm ({count})", "Violations ({count})"),
    "insp.tab_details": ("Thời hạn khắc phục, ghi chú", "Follow-up and notes"),
    "insp.tab_photos": ("Ảnh ({count})", "Photos ({count})"),
    "insp.tab_workflow": ("Nộp, duyệt", "Submit, review"),
    "insp.tab_history": ("Lịch sử", "History"),
    "insp.correcting": (
        "Phiếu đã nộp: mọi thay đổi là đính chính, cần ghi lý do, được lưu vết "
        "và phiếu trở lại trạng thái «Chờ duyệt».",
        "This inspection was submitted: any change is a correction, needs a reason, "
        "is audited and sends it back to “Submitted”.",
    ),
    "insp.read_only": (
        "Bạn chỉ xem được phiếu này.",
        "You can only read this inspection.",
    ),
    "insp.correction_reason": ("Lý do đính chính *", "Reason for the correction *"),
    "insp.unchanged": ("Không có gì thay đổi.", "Nothing changed."),
    "insp.saved": ("Đã lưu phiếu #{id}.", "Inspection #{id} saved."),
    "insp.corrected": (
        "Đã đính chính phiếu #{id}; phiếu chờ duyệt lại.",
        "Inspection #{id} corrected; it awaits review again.",
    ),
    # Checklist
    "insp.item_rule": ("Mã quy định: {rule}", "Rule: {rule}"),
    "insp.auto": (
        "Kiểm tra tự động: {outcome} – {detail}",
        "Automatic: {outcome} – {detail}",
    ),
    "insp.result": ("Kết quả", "Result"),
    "insp.note": ("Ghi chú", "Note"),
    "insp.save_items": ("Lưu kết quả", "Save the results"),
    "insp.col_rule": ("Quy định", "Rule"),
    "insp.col_requirement": ("Yêu cầu", "Requirement"),
    "insp.col_result": ("Kết quả", "Result"),
    "insp.col_auto": ("Kiểm tra tự động", "Automatic check"),
    "insp.col_note": ("Ghi chú", "Note"),
    # Violations
    "insp.violation_rule": ("Quy định bị vi phạm *", "Rule violated *"),
    "insp.violation_description": ("Mô tả vi phạm *", "What was found *"),
    "insp.violation_fine": (
        "Mức phạt đề xuất (đồng)",
        "Fine proposed (VND)",
    ),
    "insp.add_violation": ("Ghi vi phạm", "Record the violation"),
    "insp.no_violations": ("Chưa ghi vi phạm nào.", "No violations recorded."),
    "insp.col_id": ("Số", "No."),
    "insp.col_description": ("Mô tả", "Description"),
    "insp.col_fine": ("Phạt đề xuất (đồng)", "Fine proposed (VND)"),
    "insp.col_recorded": ("Ghi bởi", "Recorded by"),
    "insp.col_withdrawn": ("Đã rút", "Withdrawn"),
    "insp.withdraw_violation": ("Rút vi phạm ghi nhầm", "Withdraw a violation"),
    "insp.withdraw_which": ("Vi phạm", "Violation"),
    "insp.withdraw_reason": ("Lý do rút *", "Reason *"),
    "insp.withdraw": ("Rút", "Withdraw"),
    "insp.withdrawn_note": (
        "Vi phạm và ảnh không bị xoá: khi rút, chúng được giữ lại và đánh dấu.",
        "Violations and photos are never deleted: withdrawn ones are kept, marked.",
    ),
    # Details
    "insp.follow_up_deadline": ("Hạn khắc phục", "Follow-up deadline"),
    "insp.summary": ("Nhận xét chung", "Summary"),
    "insp.save_details": ("Lưu", "Save"),
    # Photos
    "insp.photo_upload": ("Tải ảnh lên", "Upload photos"),
    "insp.photo_camera": ("Chụp ảnh bằng máy", "Take a photo"),
    "insp.photo_rules": (
        "Chỉ nhận ảnh JPEG, PNG, GIF hoặc WebP (kiểm tra theo nội dung tệp), "
        "mỗi ảnh tối đa {size} MB.",
        "JPEG, PNG, GIF or WebP images only (told by the file's content), at most "
        "{size} MB each.",
    ),
    "insp.save_photos": ("Lưu ảnh", "Save the photos"),
    "insp.no_photo_chosen": (
        "Chưa chọn ảnh nào.",
        "No photo chosen.",
    ),
    "insp.no_photos": ("Chưa có ảnh.", "No photos yet."),
    "insp.photo_caption": (
        "{name} · {size} KB · {by}, {at}",
        "{name} · {size} KB · {by}, {at}",
    ),
    "insp.photo_withdrawn": ("(đã rút: {reason})", "(withdrawn: {reason})"),
    "insp.withdraw_photo": ("Rút ảnh đính kèm nhầm", "Withdraw a photo"),
    "insp.withdraw_photo_which": ("Ảnh", "Photo"),
    "insp.camera_name": ("anh-chup-{stamp}.jpg", "camera-{stamp}.jpg"),
    # Workflow
    "insp.submit_intro": (
        "Khi nộp, phiếu được chuyển cho huyện duyệt và không sửa trực tiếp được "
        "nữa (chỉ đính chính, có lý do).",
        "Once submitted the inspection goes to the district for review and can only "
        "be corrected, with a reason.",
    ),
    "insp.submit": ("Nộp phiếu để duyệt", "Submit for review"),
    "insp.submitted": (
        "Đã nộp phiếu #{id}; phiếu chờ huyện duyệt.",
        "Inspection #{id} submitted for review.",
    ),
    "insp.review": ("Duyệt phiếu", "Review"),
    "insp.outcome": ("Kết luận *", "Decision *"),
    "insp.review_note_field": (
        "Ý kiến (bắt buộc khi cần bổ sung hoặc không duyệt)",
        "Note (required when it has issues or is rejected)",
    ),
    "insp.reviewed": (
        "Đã duyệt phiếu #{id}: {outcome}.",
        "Inspection #{id} reviewed: {outcome}.",
    ),
    "insp.pick_outcome": ("Hãy chọn kết luận.", "Choose a decision."),
    "insp.state_is": ("Trạng thái: {state}", "State: {state}"),
    "insp.waiting_review": (
        "Phiếu đang chờ huyện (hoặc Sở) duyệt.",
        "The inspection awaits review by the district (or the department).",
    ),
    "insp.own_review": (
        "Bạn là người lập phiếu này nên không duyệt được.",
        "You recorded this inspection, so someone else reviews it.",
    ),
    # Columns of the lists
    "insp.col_inspection": ("Phiếu", "Inspection"),
    "insp.col_point_id": ("Số hiệu điểm", "Point"),
    "insp.col_point": ("Tên điểm", "Point name"),
    "insp.col_kind": ("Loại điểm", "Kind"),
    "insp.col_date": ("Ngày kiểm tra", "Inspected on"),
    "insp.col_inspector": ("Người kiểm tra", "Inspector"),
    "insp.col_state": ("Trạng thái", "State"),
    "insp.col_deadline": ("Hạn khắc phục", "Follow-up by"),
    "insp.col_failed": ("Tiêu chí không đạt", "Items failed"),
    "insp.col_open": ("Chưa đánh giá", "Items open"),
    "insp.col_violations": ("Vi phạm", "Violations"),
    "insp.col_photos": ("Ảnh", "Photos"),
    "insp.col_commune": ("Xã/phường", "Commune"),
    "insp.col_last": ("Lần kiểm tra gần nhất", "Last inspected"),
    "insp.col_this_year": ("Số lần trong năm", "This year"),
    "insp.col_next_due": ("Hạn kiểm tra", "Due on"),
    "insp.col_plan": ("Tình trạng", "Plan"),
    "insp.col_days_overdue": ("Số ngày quá hạn", "Days overdue"),
    "insp.col_draft": ("Phiếu nháp", "Draft"),
    "insp.col_points": ("Số điểm", "Points"),
    "insp.col_done": ("Đã kiểm tra trong năm", "Inspections this year"),
    "insp.col_at": ("Thời gian", "When"),
    "insp.col_by": ("Người thực hiện", "By"),
    "insp.col_action": ("Thao tác", "Action"),
    "insp.col_reason": ("Lý do", "Reason"),
    "insp.col_changes": ("Nội dung", "Changes"),
    # Messages of the registry, in Vietnamese
    "insp.err.future": (
        "một ngày không sau hôm nay ({today}): phiếu được lập sau khi kiểm tra",
        "a date not after today ({today}): an inspection is recorded after it "
        "took place",
    ),
    "insp.err.no_ruleset": (
        "một ngày có bộ quy định áp dụng ({covered})",
        "a date covered by a rule set ({covered})",
    ),
    "insp.err.unknown_rule": (
        "một quy định trong danh mục của phiếu #{id}, lập theo bộ quy định "
        "{ruleset}: {rules}",
        "a rule of the checklist of inspection #{id}, made under rule set "
        "{ruleset}: {rules}",
    ),
    "insp.err.other_ruleset": (
        "một ngày thuộc thời gian hiệu lực của bộ quy định {ruleset} (ngày đó áp "
        "dụng {other}); hãy mở phiếu mới",
        "a date when rule set {ruleset} was in force (on that day it is {other}); "
        "open a new inspection instead",
    ),
    "insp.err.photo_size": (
        "ảnh tối đa {limit} (tệp này {size})",
        "an image of at most {limit} (this file has {size})",
    ),
    "insp.err.photo_type": (
        "ảnh JPEG, PNG, GIF hoặc WebP (nội dung tệp không phải ảnh, dù tên tệp là gì)",
        "a JPEG, PNG, GIF or WebP image (the file's content is not an image, "
        "whatever its name says)",
    ),
    "insp.err.photo_empty": (
        "ảnh JPEG, PNG, GIF hoặc WebP (tệp rỗng)",
        "an image (the file is empty)",
    ),
    "insp.err.unanswered": (
        "một kết quả (đạt, không đạt hoặc không áp dụng): mọi tiêu chí phải được "
        "đánh giá trước khi nộp",
        "a result (pass, fail or not applicable) for every item before submitting",
    ),
    "insp.err.violation_fail": (
        "«Không đạt», vì đã ghi vi phạm #{id} theo quy định này",
        "fail, since violation #{id} is recorded under this rule",
    ),
    "insp.err.description": ("mô tả vi phạm (bắt buộc)", "what was found (required)"),
    "insp.err.fine": (
        "một số tiền (đồng) từ 0 đến {max}",
        "a whole number of đồng from 0 to {max}",
    ),
    "insp.err.review_note": (
        "ý kiến nêu rõ điều cần bổ sung hoặc lý do không duyệt (bắt buộc)",
        "what is wrong (required when it has issues or is rejected)",
    ),
    "insp.err.reason": ("lý do (bắt buộc)", "a reason (required)"),
    "insp.err.deadline": (
        "một ngày từ ngày kiểm tra ({day}) trở đi",
        "a date on or after the inspection date ({day})",
    ),
    "insp.err.withdrawn": (
        "số của một {what} chưa rút của phiếu #{id} ({ids})",
        "the id of a {what} of inspection #{id} not yet withdrawn ({ids})",
    ),
    "insp.err.too_many_photos": (
        "tối đa {max} ảnh cho mỗi phiếu (phiếu đang có {count})",
        "at most {max} photos per inspection (it has {count})",
    ),
    "insp.err.date_required": ("một ngày (bắt buộc)", "a date (required)"),
    "insp.err.date": (
        "một ngày dạng 2026-03-31 (năm-tháng-ngày)",
        "a date like 2026-03-31 (year-month-day)",
    ),
    "insp.err.correction": (
        "ít nhất một thay đổi (kết quả, nội dung, vi phạm hoặc ảnh)",
        "at least one change (a result, a detail, a violation or a photo)",
    ),
    "insp.conflict.not_draft": (
        "Phiếu #{id} đang ở trạng thái «{state}»: chỉ sửa được bằng đính chính, "
        "có lý do.",
        "Inspection #{id} is {state}: change it through a correction, with a reason.",
    ),
    "insp.conflict.is_draft": (
        "Phiếu #{id} còn là bản nháp: sửa trực tiếp, không cần đính chính.",
        "Inspection #{id} is a draft: change it directly.",
    ),
    "insp.conflict.submit": (
        "Phiếu #{id} đang ở trạng thái «{state}»: chỉ nộp được phiếu nháp.",
        "Inspection #{id} is {state}: only a draft can be submitted.",
    ),
    "insp.conflict.review": (
        "Phiếu #{id} đang ở trạng thái «{state}»: chỉ duyệt được phiếu chờ duyệt.",
        "Inspection #{id} is {state}: only a submitted one can be reviewed.",
    ),
    "insp.conflict.own": (
        "Bạn đã lập phiếu #{id}; người khác phải duyệt phiếu này.",
        "You recorded inspection #{id}; someone else reviews it.",
    ),
    "insp.conflict.draft_exists": (
        "Điểm #{point} đang có phiếu nháp #{id}; hãy tiếp tục phiếu đó.",
        "Point #{point} already has a draft inspection #{id}; continue that one.",
    ),
    "insp.conflict.version": (
        "Phiếu #{id} vừa được người khác sửa; hãy tải lại trang.",
        "Inspection #{id} was changed by someone else; reload the page.",
    ),
    "insp.conflict.retired": (
        "Điểm #{id} đã bị thu hồi khỏi sổ; không kiểm tra điểm đã thu hồi.",
        "Point #{id} was retired; retired points are not inspected.",
    ),
    "insp.not_yours": (
        "Bạn không có quyền xem địa bàn này.",
        "You may not see this area.",
    ),
    # Fields named in messages
    "insp.field.photo": ("Ảnh {name}", "Photo {name}"),
    "insp.field.rule_id": ("Quy định", "Rule"),
    "insp.field.reason": ("Lý do", "Reason"),
    "insp.field.review_note": ("Ý kiến duyệt", "Review note"),
    "insp.field.outcome": ("Kết luận", "Decision"),
    "insp.field.description": ("Mô tả vi phạm", "Description"),
    "insp.field.proposed_fine_vnd": ("Mức phạt đề xuất", "Fine proposed"),
    "insp.field.inspected_on": ("Ngày kiểm tra", "Inspection date"),
    "insp.field.follow_up_deadline": ("Hạn khắc phục", "Follow-up deadline"),
    "insp.field.summary": ("Nhận xét chung", "Summary"),
    "insp.field.violation": ("Vi phạm", "Violation"),
    "insp.field.correction": ("Đính chính", "Correction"),
    "insp.field.item": ("Tiêu chí {rule}", "Item {rule}"),
    "insp.what.violation": ("vi phạm", "violation"),
    "insp.what.photo": ("ảnh", "photo"),
    # Dashboard
    "dash.title": ("Bảng theo dõi kiểm tra", "Inspections dashboard"),
    "dash.edition": ("Bản phân chia hành chính", "Administrative edition"),
    "dash.district": ("Huyện", "District"),
    "dash.commune": ("Xã/phường", "Commune"),
    "dash.all": ("Tất cả", "All"),
    "dash.on": ("Số liệu tại ngày", "Figures on"),
    "dash.area": ("Địa bàn: {area} · ngày {day}", "Area: {area} · on {day}"),
    "dash.whole": ("toàn bộ địa bàn được xem", "everything you may see"),
    "dash.ruleset": (
        "Bộ quy định áp dụng ngày này: {title}.",
        "Rule set in force that day: {title}.",
    ),
    "dash.points_by_kind": ("Điểm theo loại", "Points by kind"),
    "dash.inspections": ("Kiểm tra trong năm {year}", "Inspections in {year}"),
    "dash.done": ("Đã kiểm tra", "Inspections done"),
    "dash.done_of": ("cần {required} lượt", "{required} needed"),
    "dash.operating": ("Điểm đang hoạt động", "Operating points"),
    "dash.overdue": ("Điểm quá hạn kiểm tra", "Points overdue"),
    "dash.due": ("Điểm sắp đến hạn (30 ngày)", "Points due within 30 days"),
    "dash.awaiting": ("Phiếu chờ duyệt", "Awaiting review"),
    "dash.follow_ups": ("Quá hạn khắc phục", "Follow-ups overdue"),
    "dash.certificates": ("Giấy chứng nhận điểm trò chơi", "Game-point certificates"),
    "dash.expiring": ("Hết hạn trong {days} ngày", "Expiring within {days} days"),
    "dash.expired": ("Đã hết hạn", "Expired"),
    "dash.no_certificate": (
        "Đang hoạt động, chưa có giấy chứng nhận",
        "Operating without a certificate",
    ),
    "dash.near_schools": (
        "Điểm trò chơi gần cổng trường",
        "Game points near a school gate",
    ),
    "dash.no_school_rule": (
        "{ruleset} không có quy định khoảng cách đến cổng trường.",
        "{ruleset} has no school-distance rule.",
    ),
    "dash.school_note": (
        "Khoảng cách đường chim bay (giới hạn dưới của khoảng cách đường đi).",
        "Straight-line distance (a lower bound of the road distance).",
    ),
    "dash.rates": ("Tỷ lệ vi phạm theo quy định", "Violation rate by rule"),
    "dash.no_rates": (
        "Chưa có phiếu kiểm tra nào trong năm.",
        "No inspections this year yet.",
    ),
    "dash.col_rule": ("Quy định", "Rule"),
    "dash.col_requirement": ("Yêu cầu", "Requirement"),
    "dash.col_checked": ("Số lượt đánh giá", "Checked"),
    "dash.col_failed": ("Không đạt", "Failed"),
    "dash.col_rate": ("Tỷ lệ không đạt", "Failure rate"),
    "dash.col_violations": ("Vi phạm đã ghi", "Violations recorded"),
    "dash.rate_records": (
        "Phiếu không đạt quy định {rule}",
        "Inspections failing {rule}",
    ),
    "dash.by_commune": ("Kế hoạch kiểm tra theo xã/phường", "Plan by commune"),
    "dash.records": ("Xem {count} bản ghi", "Show {count} records"),
    "dash.records_more": (
        "… và {count} bản ghi khác.",
        "… and {count} more.",
    ),
    "dash.point_link": ("Điểm #{id} {name}", "Point #{id} {name}"),
    "dash.inspection_link": (
        "Phiếu #{id} · {name} · {day}",
        "Inspection #{id} · {name} · {day}",
    ),
}
