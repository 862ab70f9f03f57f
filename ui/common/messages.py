"""The registry's messages in the session's language.

The registry words its errors in English (the command line's language): what a
field expected (``FieldError.expected``, ``RowProblem.expected``) and why an action
was refused. The Vietnamese interface translates the messages people meet in forms
and imports through the patterns below; a message no pattern knows is shown as the
registry wrote it. ``tests/test_ui_messages.py`` produces the messages with the
real validator, so a reworded registry message fails a test instead of silently
appearing in English.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from registry.kernel.errors import (
    ConflictError,
    FieldError,
    ImportFileError,
    NotFoundError,
    PermissionDeniedError,
    RegistryError,
    ValidationError,
)
from ui.common.i18n import field_label, language, t, value_label
from ui.common.message_tables import translate_message

_LEVELS = {"district": "huyện", "commune": "xã/phường"}
_THINGS = {
    "BTS site": "trạm BTS",
    "public point": "điểm",
    "User": "người dùng",
    "Active user": "người dùng",
}


def _options(text: str) -> str:
    """'ground_tower (Self-supporting ground tower), …' with Vietnamese labels."""

    def one(match: re.Match) -> str:
        value, english = match.group(1), match.group(2)
        vietnamese = value_label(value)
        return f"{value} ({english if vietnamese == value else vietnamese})"

    return re.sub(r"([\w.-]+) \(([^()]*)\)", one, text)


def _statuses(text: str) -> str:
    return ", ".join(value_label(s.strip()) for s in text.split(",") if s.strip())


# (pattern matched in full, builder of the Vietnamese text from the match groups)
_EXPECTED: tuple[tuple[re.Pattern, Callable[[dict], str]], ...] = tuple(
    (re.compile(pattern, re.DOTALL), build)
    for pattern, build in (
        (
            r"a value: (?P<en>.+) \((?P<vi>.+)\) is required",
            lambda g: "nhập giá trị (trường bắt buộc)",
        ),
        (
            r"a (?P<col>latitude|longitude) \(the column is required\)",
            lambda g: "nhập giá trị (trường bắt buộc)",
        ),
        (
            r"at most (?P<max>\d+) characters \(this has (?P<n>\d+)\)",
            lambda g: f"tối đa {g['max']} ký tự (giá trị này có {g['n']})",
        ),
        (
            r"one of (?P<options>.+)",
            lambda g: "một trong các giá trị: " + _options(g["options"]),
        ),
        (r"a number like 12\.5 or 12,5", lambda g: "một số, ví dụ 12,5 hoặc 12.5"),
        (
            r"a number from (?P<low>\S+) to (?P<high>\S+)",
            lambda g: f"một số từ {g['low']} đến {g['high']}",
        ),
        (r"a whole number", lambda g: "một số nguyên"),
        (
            r"a date like 2024-03-31 or 31/03/2024 \(day first\)",
            lambda g: "một ngày dạng 31/03/2024 (ngày trước) hoặc 2024-03-31",
        ),
        (
            r"a date that exists in the calendar: month (?P<m>\d+) of (?P<y>\d+) "
            r"has no day (?P<d>\d+) .*",
            lambda g: (
                f"một ngày có thật: tháng {g['m']} năm {g['y']} không có ngày {g['d']}"
            ),
        ),
        (
            r"a date between (?P<a>\d+) and (?P<b>\d+)",
            lambda g: f"một ngày từ năm {g['a']} đến năm {g['b']}",
        ),
        (
            r"a date not after today \((?P<today>[\d-]+)\): .*",
            lambda g: (
                f"một ngày không sau hôm nay ({g['today']}): đây là việc đã xảy ra"
            ),
        ),
        (r"a date not after today", lambda g: "một ngày không sau hôm nay"),
        (
            r"a date on or after the current status date (?P<d>[\d-]+)",
            lambda g: f"một ngày từ ngày của trạng thái hiện tại ({g['d']}) trở đi",
        ),
        (
            r"a date on or after .+ \((?P<d>[\d-]+)\)",
            lambda g: f"một ngày từ {g['d']} trở đi",
        ),
        (
            r"a date from (?P<y>\d+) on: (?P<tech>\w+) was not on air in Vietnam "
            r"before \d+",
            lambda g: (
                f"một ngày từ năm {g['y']}: {g['tech']} chưa phát sóng "
                f"ở Việt Nam trước năm {g['y']}"
            ),
        ),
        (
            r"a location inside (?P<prov>.+?); latitude (?P<lat>\S+), longitude "
            r"(?P<lon>\S+) lies outside the province",
            lambda g: (
                f"một vị trí trong {g['prov']}; vĩ độ {g['lat']}, "
                f"kinh độ {g['lon']} nằm ngoài tỉnh"
            ),
        ),
        (r"a latitude from -90 to 90", lambda g: "vĩ độ từ -90 đến 90"),
        (r"a longitude from -180 to 180", lambda g: "kinh độ từ -180 đến 180"),
        (
            r"(?:write )?a decimal number like 18\.6789 or 18,6789, or "
            r"degrees-minutes-seconds like .*",
            lambda g: "một số thập phân như 18,6789 hoặc độ-phút-giây như 18°40'12\"N",
        ),
        (
            r".*; write a decimal number like .*",
            lambda g: "một số thập phân như 18,6789 hoặc độ-phút-giây như 18°40'12\"N",
        ),
        (
            r"a code not yet used by network (?P<net>\d+) \(site #(?P<id>\d+) "
            r"has it\)",
            lambda g: (
                f"một mã chưa dùng trong mạng {g['net']} "
                f"(trạm #{g['id']} đã dùng mã này)"
            ),
        ),
        (
            r"a site code used once per network; row (?P<row>\d+) has the same "
            r"network (?P<net>\d+) and site code",
            lambda g: (
                f"mã trạm chỉ dùng một lần trong mỗi mạng; dòng {g['row']} "
                f"đã có cùng mạng {g['net']} và mã trạm"
            ),
        ),
        (
            r"other operators than the site's own network \((?P<code>\d+), "
            r"(?P<name>.+)\)",
            lambda g: (
                "các doanh nghiệp khác, không gồm mạng của chính trạm "
                f"({g['code']}, {g['name']})"
            ),
        ),
        (
            r"operator codes or names separated by .*",
            lambda g: (
                "mã hoặc tên doanh nghiệp, cách nhau bởi , ; / hoặc "
                "dấu cách, ví dụ '01,02' hoặc 'MobiFone; VinaPhone'"
            ),
        ),
        (
            r"a building height only for poles on buildings .*",
            lambda g: (
                "chỉ ghi chiều cao công trình cho cột trên công trình; "
                "hãy kiểm tra loại công trình"
            ),
        ),
        (
            r"a certificate number: a game-service point needs .*",
            lambda g: (
                "số giấy chứng nhận: điểm trò chơi điện tử công cộng "
                "phải có giấy chứng nhận đủ điều kiện; chưa có thì được ghi là "
                "chờ cấp phép"
            ),
        ),
        (
            r"latitude first, then longitude; \((?P<a>\S+), (?P<b>\S+)\) lies "
            r"outside the bounding box of (?P<prov>.+) but .*",
            lambda g: (
                f"vĩ độ trước, kinh độ sau; ({g['a']}, {g['b']}) nằm ngoài "
                f"khung bao của {g['prov']} nhưng ({g['b']}, {g['a']}) nằm trong, "
                "nên hai giá trị đã được đổi chỗ"
            ),
        ),
        (
            r"a time like 08:00, 8:00 or 8h00(?P<range> \(hours 0-23, minutes 0-59\))?",
            lambda g: (
                "giờ dạng 08:00, 8:00 hoặc 8h00"
                + (" (giờ 0–23, phút 0–59)" if g["range"] else "")
            ),
        ),
        (r"why the status changes", lambda g: "lý do đổi trạng thái"),
        (r"why the record is retired", lambda g: "lý do thu hồi bản ghi"),
        (
            r"a change through change status",
            lambda g: "thay đổi qua mục «Đổi trạng thái»",
        ),
        (r"a field of this record", lambda g: "một trường của bản ghi này"),
        (
            r"a site of network (?P<net>\d+)",
            lambda g: f"một trạm của mạng {g['net']}",
        ),
        (
            r"a place inside (?P<level>district|commune) (?P<code>\S+) "
            r"\((?P<ed>[\d-]+)\), the area of (?P<user>\S+)",
            lambda g: (
                f"một vị trí trong {_LEVELS[g['level']]} {g['code']} "
                f"({g['ed']}), địa bàn của {g['user']}"
            ),
        ),
    )
)

_REASONS: tuple[tuple[re.Pattern, Callable[[dict], str]], ...] = tuple(
    (re.compile(pattern, re.DOTALL), build)
    for pattern, build in (
        (
            r"the role '(?P<role>\w+)' does not include it",
            lambda g: f"vai trò «{value_label(g['role'])}» không có quyền này",
        ),
        (
            r".+ lies outside their (?P<level>district|commune) (?P<code>\S+) "
            r"\((?P<ed>[\d-]+)\)",
            lambda g: (
                f"bản ghi nằm ngoài địa bàn của bạn ({_LEVELS[g['level']]} "
                f"{g['code']}, bản {g['ed']})"
            ),
        ),
        (
            r".+ belongs to network (?P<net>\S+), not (?P<own>\S+)",
            lambda g: f"bản ghi thuộc mạng {g['net']}, không phải mạng {g['own']}",
        ),
        (
            r"their network is (?P<own>\S+), the site's is (?P<net>\S+)",
            lambda g: f"mạng của bạn là {g['own']}, còn trạm thuộc mạng {g['net']}",
        ),
        (
            r"wrong user name or password",
            lambda g: "sai tên đăng nhập hoặc mật khẩu",
        ),
    )
)

_CONFLICTS: tuple[tuple[re.Pattern, Callable[[dict], str]], ...] = tuple(
    (re.compile(pattern, re.DOTALL), build)
    for pattern, build in (
        (
            r"record #(?P<id>\d+) was changed by someone else \(version (?P<v>\d+), "
            r"you edited version (?P<e>\d+)\); reload it",
            lambda g: (
                f"Bản ghi #{g['id']} vừa được người khác sửa (phiên bản "
                f"{g['v']}, bạn sửa phiên bản {g['e']}); hãy tải lại bản ghi."
            ),
        ),
        (
            r"record #(?P<id>\d+) is (?P<cur>\w+); it cannot become (?P<new>\w+) "
            r"\(allowed: (?P<allowed>.*)\)",
            lambda g: (
                f"Bản ghi #{g['id']} đang ở trạng thái "
                f"«{value_label(g['cur'])}», không thể chuyển sang "
                f"«{value_label(g['new'])}» (được phép: {_statuses(g['allowed'])})."
            ),
        ),
        (
            r"record #(?P<id>\d+) was retired on (?P<d>[\d-]+); .*",
            lambda g: (
                f"Bản ghi #{g['id']} đã bị thu hồi ngày {g['d']}; "
                "bản ghi đã thu hồi được giữ nguyên, không sửa được."
            ),
        ),
    )
)

_FILE_REASONS: tuple[tuple[re.Pattern, Callable[[dict], str]], ...] = tuple(
    (re.compile(pattern, re.DOTALL), build)
    for pattern, build in (
        (r"the file is empty", lambda g: "tệp rỗng"),
        (
            r"the file has a header but no data rows",
            lambda g: "tệp có dòng tiêu đề nhưng không có dòng dữ liệu",
        ),
        (
            r"missing required column\(s\): (?P<cols>.+)",
            lambda g: f"thiếu cột bắt buộc: {g['cols']}",
        ),
        (
            r"unsupported file extension (?P<ext>\S+); .*",
            lambda g: (
                f"không đọc được tệp đuôi {g['ext']}; hãy dùng .csv, .txt "
                "hoặc .xlsx (lưu tệp .xls cũ thành .xlsx)"
            ),
        ),
        (
            r"columns (?P<a>'.+') and (?P<b>'.+') both mean the field "
            r"(?P<f>'\w+'); keep one of them",
            lambda g: (
                f"hai cột {g['a']} và {g['b']} cùng là trường {g['f']}; "
                "hãy giữ lại một cột"
            ),
        ),
    )
)


def translated_expected(expected: str) -> str | None:
    """The Vietnamese of a registry 'expected' text (None when no pattern knows it)."""
    return translate_message(str(expected), _EXPECTED)


def expected_text(expected: object) -> str:
    """What a field expected, in the session's language."""
    text = "" if expected is None else str(expected)
    if language() == "en":
        return text
    return translated_expected(text) or text


def field_error_text(record_type: str, error: FieldError) -> str:
    """'Vĩ độ: một vị trí trong tỉnh Nghệ An; …' (label, then what was expected)."""
    label = field_label(record_type, error.field)
    shown = "" if error.value in (None, "") else str(error.value)
    message = t("err.field", label=label, expected=expected_text(error.expected))
    if shown and shown != "***":
        message += " " + t("err.got", value=shown)
    return message


def error_text(error: RegistryError) -> str:
    """A registry error as a sentence in the session's language."""
    if language() == "en":
        return str(error)
    if isinstance(error, ValidationError):
        return t("err.validation", count=len(error.errors))
    if isinstance(error, PermissionDeniedError):
        reason = translate_message(error.reason, _REASONS)
        return t("err.permission") + (f" ({reason})." if reason else ".")
    if isinstance(error, NotFoundError):
        thing = _THINGS.get(error.what, error.what)
        return t("err.not_found", what=thing, key=error.key)
    if isinstance(error, ImportFileError):
        reason = translate_message(error.reason, _FILE_REASONS) or error.reason
        return t("err.import_file", file=error.path, reason=reason)
    if isinstance(error, ConflictError):
        return translate_message(str(error), _CONFLICTS) or str(error)
    return str(error)
