"""The registry's permit messages in the session's language.

The registry words its errors in English; the patterns below give the Vietnamese
of those the permit services raise (``tests/test_pages_permits.py`` raises them
through the real services, so a reworded message fails a test). Anything else
goes to :mod:`ui.common.messages`.
"""

from __future__ import annotations

import re

from registry.kernel.errors import (
    ConflictError,
    FieldError,
    PermissionDeniedError,
    RegistryError,
    ValidationError,
)
from ui.common.i18n import all_texts, field_label, language, t, value_label
from ui.common.labels import day_text
from ui.common.message_tables import message_table, translate_message
from ui.common.messages import error_text, expected_text
from ui.permits.labels import label, level_text


def _levels(text: str) -> str:
    return ", ".join(label(w.strip()) for w in re.split(r",| or ", text) if w.strip())


_EXPECTED = message_table(
    (
        r"a date not after today \((?P<today>[\d-]+)\)",
        lambda g: t("pmt.exp.not_future", today=g["today"]),
    ),
    (r"the site it concerns", lambda g: t("pmt.f.site_needed")),
    (r"the game point", lambda g: t("pmt.f.point_needed")),
    (r"a game-service point", lambda g: t("pmt.exp.game_point")),
    (r"the new position", lambda g: t("pmt.exp.new_position")),
    (r"the same position \(use relocation\)", lambda g: t("pmt.exp.same_position")),
    (r"at least one change", lambda g: t("pmt.exp.one_change")),
    (r"a name", lambda g: t("pmt.exp.name")),
    (r"at least one file", lambda g: t("pmt.exp.one_file")),
    (
        r"a file of at most (?P<limit>[\d.,]+ MB) "
        r"\(this one has (?P<size>[\d.,]+ MB)\)",
        lambda g: t("pmt.exp.file_size", limit=g["limit"], size=g["size"]),
    ),
    (r"a PDF, JPEG or PNG file \(it is empty\)", lambda g: t("pmt.exp.file_empty")),
    (
        r"(the bytes of )?a PDF, JPEG or PNG file.*",
        lambda g: t("pmt.exp.file_type"),
    ),
    (
        r"a level \((?P<levels>[^)]*)\)|(?P<plain>commune, district or department)",
        lambda g: t("pmt.exp.level", levels=_levels(g["levels"] or g["plain"])),
    ),
    (
        r"working days from 1 to (?P<max>\d+)",
        lambda g: t("pmt.exp.days", max=g["max"]),
    ),
    (
        r"a level not above the decider \((?P<level>\w+)\)",
        lambda g: t("pmt.exp.not_above", level=level_text(g["level"])),
    ),
    (
        r"a level above the decider \((?P<level>\w+)\)",
        lambda g: t("pmt.exp.above", level=level_text(g["level"])),
    ),
    (r"a number of metres", lambda g: t("pmt.exp.metres")),
    (r"what is missing", lambda g: t("pmt.exp.missing")),
    (r"the permit or certificate number", lambda g: t("pmt.exp.number")),
    (r"why it is refused", lambda g: t("pmt.exp.why_refused")),
    (r"why it is referred up", lambda g: t("pmt.exp.why_referred")),
    (
        r"a date from (?P<start>[\d-]+) to (today \()?(?P<end>[\d-]+)\)?",
        lambda g: t(
            "pmt.exp.date_between",
            start=day_text(g["start"]),
            end=day_text(g["end"]),
        ),
    ),
    (
        r"a code not yet used by network (?P<net>\S+) \(site #(?P<id>\d+) has it\)",
        lambda g: t("pmt.exp.code_taken", network=g["net"], id=g["id"]),
    ),
    (r"one row", lambda g: t("pmt.exp.one_row")),
    (r"a row", lambda g: t("pmt.exp.a_row")),
)

_REASONS = message_table(
    (
        r"the delegation matrix gives this step to the (?P<level>\w+) level .*",
        lambda g: t("pmt.why.level", level=level_text(g["level"])),
    ),
    (
        r"(the )?application( #\d+)? lies outside their .*",
        lambda g: t("pmt.why.area"),
    ),
    (
        r"application #(?P<id>\d+) is not of their network (?P<net>\S+)",
        lambda g: t("pmt.why.network", id=g["id"]),
    ),
    (
        r"BTS applications are filed by operators, .*",
        lambda g: t("pmt.why.filer"),
    ),
)

_CONFLICTS = message_table(
    (
        r"record #(?P<id>\d+) already has open application #(?P<app>\d+); .*",
        lambda g: t("pmt.conflict.pending", id=g["id"], app=g["app"]),
    ),
    (
        r"record #(?P<id>\d+) was retired on (?P<day>[\d-]+).*",
        lambda g: t("pmt.conflict.retired", id=g["id"], day=g["day"]),
    ),
    (
        r"application #(?P<id>\d+) awaits a (?P<step>\w+) step at the "
        r"(?P<level>\w+) level, not a \w+",
        lambda g: t(
            "pmt.conflict.step",
            id=g["id"],
            step=label(g["step"]).lower(),
            level=level_text(g["level"]),
        ),
    ),
    (
        r"application #(?P<id>\d+) awaits no completion",
        lambda g: t("pmt.conflict.not_paused", id=g["id"]),
    ),
    (
        r"application #(?P<id>\d+) waits for the missing documents .*",
        lambda g: t("pmt.conflict.paused", id=g["id"]),
    ),
    (
        r"record #(?P<id>\d+) cannot take a (?P<kind>\w+) application: "
        r"it is decommissioned",
        lambda g: t("pmt.conflict.decommissioned", id=g["id"], kind=label(g["kind"])),
    ),
    (
        r"record #(?P<id>\d+) cannot take a (?P<kind>\w+) application: it is "
        r"(?P<status>\w+): only a certificate in use is revoked",
        lambda g: t(
            "pmt.conflict.not_in_use",
            id=g["id"],
            status=value_label(g["status"]),
        ),
    ),
    (
        r"record #(?P<id>\d+) cannot take a (?P<kind>\w+) application: it holds no "
        r"certificate in force",
        lambda g: t("pmt.conflict.no_certificate", id=g["id"], kind=label(g["kind"])),
    ),
    (
        r"record #(?P<id>\d+) changed while the approval was prepared; try again",
        lambda g: t("pmt.conflict.changed", id=g["id"]),
    ),
    (
        r"application #(?P<id>\d+) is (?P<state>\w+)[:;] .*",
        lambda g: t("pmt.conflict.state", id=g["id"], state=label(g["state"])),
    ),
)


def permit_expected(expected: object) -> str:
    """What a field of an application or matrix expected, in the session's language."""
    text = "" if expected is None else str(expected)
    if language() == "en":
        return text
    return translate_message(text, _EXPECTED) or expected_text(text)


def _column_name(name: str, record_type: str) -> str:
    key = f"pmt.field.{name}"
    if key in all_texts():
        return t(key)
    return field_label(record_type, name)


def field_name(error: FieldError, record_type: str) -> str:
    """The label of the field an error names (a matrix row names its pair)."""
    name = error.field
    if "/" in name:  # "bts_new/ground_tower verify_level": a matrix row
        pair, _, column = name.partition(" ")
        kind, _, case = pair.partition("/")
        row = f"{label(kind)} – {label(case)}"
        return f"{row}: {_column_name(column, record_type)}" if column else row
    return _column_name(name, record_type)


def field_error(error: FieldError, record_type: str = "site") -> str:
    """'Tài liệu bien-ban.doc: cần tệp PDF, JPEG hoặc PNG.' and the like."""
    message = t(
        "err.field",
        label=field_name(error, record_type),
        expected=permit_expected(error.expected),
    )
    shown = "" if error.value in (None, "") else str(error.value)
    if shown and not isinstance(error.value, dict):
        message += " " + t("err.got", value=shown)
    return message


def permit_error(error: RegistryError) -> str:
    """A registry error met on the permits page, as one sentence."""
    if language() == "en":
        return str(error)
    if isinstance(error, PermissionDeniedError):
        reason = translate_message(error.reason, _REASONS)
        if reason:
            return t("err.permission") + f" ({reason})."
    if isinstance(error, ConflictError):
        return translate_message(str(error), _CONFLICTS) or error_text(error)
    if isinstance(error, FieldError):
        return field_error(error)
    if isinstance(error, ValidationError):
        return t("pmt.err.validation", count=len(error.errors))
    return error_text(error)


def permit_error_lines(error: RegistryError, record_type: str = "site") -> list[str]:
    """The error's sentence, then one line per field a validation error names."""
    lines = [permit_error(error)]
    if isinstance(error, ValidationError):
        lines += [field_error(problem, record_type) for problem in error.errors]
    return lines
