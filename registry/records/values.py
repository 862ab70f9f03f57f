"""Parsing single values of imported rows: choices, numbers, dates, times.

Constants that say what the registry accepts (date range, technology start years,
past-event fields) live here with the parsers, so that the row validator in
:mod:`registry.records.validation` only arranges the work.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date, time

import numpy as np
import pandas as pd

from registry.kernel.errors import Expected, ValueExpectedError
from registry.kernel.text import clean_text, match_key
from registry.kernel.vocabulary import (
    OPERATORS,
    CoordinateSource,
    PointKind,
    PointStatus,
    SiteStatus,
    StructureType,
    label,
)
from registry.records import messages as msg
from registry.records.fields import FieldSpec

MAX_SHOWN = 80
# Fields that record an event that has happened: they cannot lie in the future.
PAST_EVENT_FIELDS = frozenset(
    {
        "on_air_2g",
        "on_air_3g",
        "on_air_4g",
        "on_air_5g",
        "permit_date",
        "status_since",
        "certificate_issued_on",
        "business_reg_date",
        "radiation_cert_date",
        "notified_on",
    }
)
# First year each technology was on air in Vietnam: MobiFone's GSM network (1993),
# VinaPhone's 3G launch (October 2009), the first 4G licences (2016), the first
# 5G trial licences (2019). An earlier date is a typing error.
TECHNOLOGY_START_YEAR = {"2g": 1993, "3g": 2009, "4g": 2016, "5g": 2019}
ROOFTOP_STRUCTURES = (StructureType.ROOFTOP_POLE, StructureType.ROOFTOP_SMALL)
DATE_RANGE = (1900, 2100)
# Other names people use for the operators, besides their own.
OPERATOR_ALIASES = {"vnpt": "02", "mobi": "01", "vietnamobile": "05", "beeline": "07"}
NETWORK_SEPARATORS = re.compile(r"[,;/\s]+")
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?")
_DAY_FIRST_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_TIME = re.compile(r"(\d{1,2})\s*(?::|h|H)\s*(\d{2})(?::(\d{2}))?")


# -- value parsers (one value at a time, used for the leftovers) ---------------


def choice_lookup(spec: FieldSpec) -> dict[str, str]:
    """Accepted spellings (as :func:`match_key` keys) of a choice field's values."""
    lookup: dict[str, str] = {}
    for value in spec.choices:
        spellings = [value]
        if spec.name == "network_code":
            spellings += [str(int(value)), f"452{value}", OPERATORS[value].name]
        else:
            member = enum_member(value)
            if member is not None:
                spellings += [label(member, "vi"), label(member, "en")]
        for spelling in spellings:
            lookup.setdefault(match_key(spelling), value)
    if spec.name == "network_code":
        lookup.update(OPERATOR_ALIASES)
    return lookup


def enum_member(value: str):
    for enum in (StructureType, SiteStatus, PointStatus, PointKind, CoordinateSource):
        try:
            return enum(value)
        except ValueError:
            continue
    return None


def choice_options(spec: FieldSpec) -> list[str]:
    """The values of a choice field with their English labels, for messages."""
    if spec.name == "network_code":
        return [f"{code} ({OPERATORS[code].name})" for code in spec.choices]
    return [f"{value} ({label(enum_member(value), 'en')})" for value in spec.choices]


def expected_choice(spec: FieldSpec) -> Expected:
    """What a choice field expects: one of its values."""
    return msg.CHOICE(options=choice_options(spec), choices=list(spec.choices))


def degrees_text(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def to_float(text: pd.Series, empty: np.ndarray) -> np.ndarray:
    """Numbers with a decimal point or comma; NaN where a cell is not a number."""
    try:
        return text.mask(empty).astype("float64").to_numpy(copy=True)
    except (ValueError, TypeError):
        pass
    dotted = text.mask(empty).str.replace(",", ".", n=1, regex=False)
    numbers = pd.to_numeric(dotted, errors="coerce").to_numpy(
        dtype="float64", na_value=np.nan, copy=True
    )
    for position in np.flatnonzero(np.isnan(numbers) & ~empty):
        with contextlib.suppress(ValueError):
            numbers[position] = float(
                clean_text(text.iat[position]).replace(",", ".", 1)
            )
    return numbers


def parse_date(text: str) -> date:
    """'2024-03-31', '31/03/2024' or '31-03-2024' (day first, as in Vietnam)."""
    match = _ISO_DATE.fullmatch(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _DAY_FIRST_DATE.fullmatch(text)
        if not match:
            raise ValueExpectedError(msg.DATE())
        day, month, year = (int(part) for part in match.groups())
    try:
        value = date(year, month, day)
    except ValueError:
        raise ValueExpectedError(
            msg.DATE_IN_CALENDAR(day=day, month=month, year=year)
        ) from None
    if not DATE_RANGE[0] <= value.year <= DATE_RANGE[1]:
        raise ValueExpectedError(msg.DATE_RANGE(low=DATE_RANGE[0], high=DATE_RANGE[1]))
    return value


def parse_time(text: str) -> time:
    """'08:00', '8:00', '8h00' or '08:00:00'."""
    match = _TIME.fullmatch(text)
    if not match:
        raise ValueExpectedError(msg.TIME())
    hour, minute, second = (int(part or 0) for part in match.groups())
    if hour > 23 or minute > 59 or second > 59:
        raise ValueExpectedError(msg.TIME_RANGE())
    return time(hour, minute, second)
