"""Turning the registry's plain values into what a person reads.

Dates day first, times in Vietnam time, enumerated values and field names by
their labels in the session's language.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pandas as pd

from registry.kernel.cells import is_missing as missing
from registry.kernel.clock import VIETNAM_TIME
from ui.common.i18n import operator_label, t, value_label

# Fields whose values are enumerations labelled in registry.kernel.vocabulary.
ENUM_FIELDS = frozenset({"status", "kind", "structure_type", "coord_source", "role"})


def local_time(value: object) -> str:
    """A stored UTC time as 'dd/mm/yyyy HH:MM' in Vietnam time."""
    if missing(value):
        return ""
    stamp = pd.Timestamp(value).to_pydatetime()
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(VIETNAM_TIME).strftime("%d/%m/%Y %H:%M")


def day_text(value: object) -> str:
    """A date as 'dd/mm/yyyy' (day first, as written in Vietnam)."""
    if missing(value):
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, datetime | pd.Timestamp):
        value = value.date()
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)


def value_text(name: str, value: object) -> str:
    """One field's value as shown on a record page."""
    if missing(value) or value == "":
        return ""
    if name == "network_code":
        return operator_label(value)
    if name == "co_located":
        return ", ".join(operator_label(c) for c in str(value).split(",") if c)
    if name in ENUM_FIELDS:
        return value_label(value)
    if name == "source":
        return source_text(value)
    if isinstance(value, datetime):
        return local_time(value)
    if isinstance(value, date):
        return day_text(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


PERMIT_SOURCE = "permit application #"


def source_text(source: object) -> str:
    """Where a record came from: typed in a form, the demo, or an imported file."""
    if missing(source):
        return ""
    source = str(source)
    if source == "manual":
        return t("source.manual")
    if source == "demo":
        return t("source.demo")
    if source.startswith("import "):
        return t("source.import", file=source.removeprefix("import "))
    # Written by registry.permits.effects when an approved application makes a record.
    if source.startswith(PERMIT_SOURCE):
        return t("source.permit", id=source.removeprefix(PERMIT_SOURCE))
    return source


def reason_text(reason: object) -> str:
    """A stored reason; the registry's default wordings in the session's language."""
    if missing(reason):
        return ""
    reason = str(reason)
    if reason == "registered":
        return t("reason.registered")
    if reason.startswith("import from "):
        return t("source.import", file=reason.removeprefix("import from "))
    return reason


def record_type_label(record_type: object) -> str:
    """'Trạm BTS', 'Điểm Internet/trò chơi', or the entity type of a system entry."""
    key = f"entity.{record_type}"
    try:
        return t(key)
    except KeyError:
        return "" if missing(record_type) else str(record_type)


def action_label(action: object) -> str:
    """Label of an audit action ('create', 'update', 'change_status', ...)."""
    try:
        return t(f"action.{action}")
    except KeyError:
        return "" if missing(action) else str(action)
