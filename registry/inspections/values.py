"""Reading the values people type into an inspection: texts, dates, fines."""

from __future__ import annotations

import re
from datetime import date, datetime

from registry.inspections import messages as msg
from registry.inspections.vocabulary import MAX_FINE_VND
from registry.kernel.clock import today
from registry.kernel.errors import FieldError


def clean_text(value: object) -> str | None:
    """Text as stored: stripped, None when empty."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def as_date(name: str, value: object, *, required: bool) -> date | None:
    """A date from a date or ISO text; None when allowed and empty."""
    if value is None or value == "":
        if required:
            raise FieldError(name, value, msg.DATE_REQUIRED)
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise FieldError(name, value, msg.DATE) from None


def check_inspection_date(value: object) -> date:
    """The date an inspection took place: required, not after today."""
    day = as_date("inspected_on", value, required=True)
    if day > today():
        raise FieldError("inspected_on", day, msg.FUTURE, today=today())
    return day


_GROUPED = re.compile(r"\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*|\d+")


def fine_value(value: object) -> int | None:
    """A proposed fine in VND: a whole number from 0, or None.

    Text may group thousands with dots, commas or spaces ("2.000.000").
    """
    if value is None or value == "":
        return None
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _GROUPED.fullmatch(value.strip()):
        number = int(re.sub(r"\D", "", value))
    if number is None or not 0 <= number <= MAX_FINE_VND:
        raise FieldError("proposed_fine_vnd", value, msg.FINE, max=MAX_FINE_VND)
    return number
