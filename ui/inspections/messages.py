"""Labels of inspection values and the registry's inspection messages, in the
session's language.

The registry words its messages in English; the patterns below give the Vietnamese
of those the inspection services raise (``tests/test_pages_inspections_*`` raise
them through the real services). Anything else goes to :mod:`ui.common.messages`.
"""

from __future__ import annotations

from registry.kernel.errors import (
    ConflictError,
    FieldError,
    PermissionDeniedError,
    RegistryError,
    ValidationError,
)
from ui.common.i18n import language, t
from ui.common.labels import missing
from ui.common.message_tables import message_table, translate_message
from ui.common.messages import error_text, expected_text


def state_label(state: object) -> str:
    """'Nháp', 'Chờ duyệt', 'Đã duyệt', 'Cần bổ sung', 'Không duyệt'."""
    return "" if missing(state) else t(f"insp.state.{state}")


def result_label(result: object) -> str:
    """'Đạt', 'Không đạt', 'Không áp dụng', 'Kiểm tra tại chỗ' or 'Chưa đánh giá'."""
    return t("insp.result.none") if missing(result) else t(f"insp.result.{result}")


def plan_label(plan_state: object) -> str:
    """'Quá hạn kiểm tra', 'Sắp đến hạn' or 'Trong hạn'."""
    return "" if missing(plan_state) else t(f"insp.plan.{plan_state}")


def ruleset_title(ruleset: dict) -> str:
    """The title of a rule set (from its facts) in the session's language."""
    title = ruleset.get("title_en" if language() == "en" else "title_vi")
    return title or str(ruleset.get("key", ""))


_EXPECTED = message_table(
    (
        r"a date not after today \((?P<today>[\d-]+)\): an inspection is recorded "
        r"after it took place",
        lambda g: t("insp.err.future", today=g["today"]),
    ),
    (
        r"a date covered by a rule set \((?P<covered>.*)\)",
        lambda g: t("insp.err.no_ruleset", covered=g["covered"]),
    ),
    (
        r"a rule of the checklist of inspection #(?P<id>\d+), made under rule set "
        r"(?P<rs>\S+): (?P<rules>.*)",
        lambda g: t(
            "insp.err.unknown_rule", id=g["id"], ruleset=g["rs"], rules=g["rules"]
        ),
    ),
    (
        r"a date when rule set (?P<rs>\S+) was in force \(on that day it is "
        r"(?P<other>\S+)\); open a new inspection instead",
        lambda g: t("insp.err.other_ruleset", ruleset=g["rs"], other=g["other"]),
    ),
    (
        r"an image of at most (?P<limit>[\d.]+ MB) \(this file has "
        r"(?P<size>[\d.]+ MB)\)",
        lambda g: t("insp.err.photo_size", limit=g["limit"], size=g["size"]),
    ),
    (
        r"a JPEG, PNG, GIF or WebP image \(the file is empty\)",
        lambda g: t("insp.err.photo_empty"),
    ),
    (r"a JPEG, PNG, GIF or WebP image \(.*\)", lambda g: t("insp.err.photo_type")),
    (
        r"a result \(pass, fail or not_applicable\).*",
        lambda g: t("insp.err.unanswered"),
    ),
    (
        r"fail, since violation #(?P<id>\d+) is recorded under this rule",
        lambda g: t("insp.err.violation_fail", id=g["id"]),
    ),
    (r"what was found \(required\)", lambda g: t("insp.err.description")),
    (
        r"a whole number of đồng from 0 to (?P<max>[\d.]+)",
        lambda g: t("insp.err.fine", max=g["max"]),
    ),
    (r"what is wrong \(required .*\)", lambda g: t("insp.err.review_note")),
    (r"why .* \(required.*\)", lambda g: t("insp.err.reason")),
    (
        r"a date on or after the inspection date \((?P<day>[\d-]+)\)",
        lambda g: t("insp.err.deadline", day=g["day"]),
    ),
    (
        r"the id of a (?P<what>violation|photo) of inspection #(?P<id>\d+) not yet "
        r"withdrawn \((?P<ids>.*)\)",
        lambda g: t(
            "insp.err.withdrawn",
            what=t(f"insp.what.{g['what']}"),
            id=g["id"],
            ids=g["ids"],
        ),
    ),
    (
        r"at most (?P<max>\d+) photos per inspection \(it has (?P<n>\d+)\)",
        lambda g: t("insp.err.too_many_photos", max=g["max"], count=g["n"]),
    ),
    (r"at least one change: .*", lambda g: t("insp.err.correction")),
    (r"a date \(required\)", lambda g: t("insp.err.date_required")),
    (r"a date like 2026-03-31 \(year-month-day\)", lambda g: t("insp.err.date")),
)

_CONFLICTS = message_table(
    (
        r"inspection #(?P<id>\d+) is (?P<state>\w+); a submitted or reviewed "
        r"inspection is changed by a correction, with its reason",
        lambda g: t(
            "insp.conflict.not_draft", id=g["id"], state=state_label(g["state"])
        ),
    ),
    (
        r"inspection #(?P<id>\d+) is a draft; change it directly .*",
        lambda g: t("insp.conflict.is_draft", id=g["id"]),
    ),
    (
        r"inspection #(?P<id>\d+) is (?P<state>\w+); only a draft can be submitted",
        lambda g: t("insp.conflict.submit", id=g["id"], state=state_label(g["state"])),
    ),
    (
        r"inspection #(?P<id>\d+) is (?P<state>\w+); only a submitted inspection "
        r"can be reviewed",
        lambda g: t("insp.conflict.review", id=g["id"], state=state_label(g["state"])),
    ),
    (
        r"inspection #(?P<id>\d+) was recorded by \S+; someone else reviews it",
        lambda g: t("insp.conflict.own", id=g["id"]),
    ),
    (
        r"point #(?P<point>\d+) already has a draft inspection #(?P<id>\d+); .*",
        lambda g: t("insp.conflict.draft_exists", point=g["point"], id=g["id"]),
    ),
    (
        r"inspection #(?P<id>\d+) was changed by someone else .*",
        lambda g: t("insp.conflict.version", id=g["id"]),
    ),
    (
        r"point #(?P<id>\d+) was retired on .*",
        lambda g: t("insp.conflict.retired", id=g["id"]),
    ),
)


def inspection_expected(expected: object) -> str:
    """What a field of an inspection expected, in the session's language."""
    text = "" if expected is None else str(expected)
    if language() == "en":
        return text
    return translate_message(text, _EXPECTED) or expected_text(text)


def field_name(error: FieldError) -> str:
    """The label of the field an inspection error names."""
    name = error.field
    if name == "photo":
        return t("insp.field.photo", name=error.value or "").strip()
    if ":" in name:
        return t("insp.field.item", rule=name.split(":", 1)[1])
    key = f"insp.field.{name}"
    try:
        label = t(key)
    except KeyError:
        label = name
    return f"{label} ({error.row})" if error.row is not None else label


def field_error(error: FieldError) -> str:
    """'Ảnh tai-lieu.pdf: cần ảnh JPEG, PNG, …' (the field, then what it expected)."""
    message = t(
        "err.field",
        label=field_name(error),
        expected=inspection_expected(error.expected),
    )
    shown = "" if error.value in (None, "") else str(error.value)
    if shown and error.field not in ("photo",) and ":" not in error.field:
        message += " " + t("err.got", value=shown)
    return message


def inspection_error(error: RegistryError) -> str:
    """A registry error met on the inspection pages, as a sentence."""
    if language() == "en":
        return str(error)
    if isinstance(error, ConflictError):
        return translate_message(str(error), _CONFLICTS) or error_text(error)
    if isinstance(error, PermissionDeniedError) and "is not theirs" in error.reason:
        return t("insp.not_yours")
    return error_text(error)


def validation_lines(error: ValidationError) -> list[str]:
    """Each field error of a validation error as its own line."""
    return [field_error(problem) for problem in error.errors]
