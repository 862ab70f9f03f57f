"""Working days: Monday to Friday, except Vietnamese public holidays.

Holidays come from the maintained ``holidays`` package (``holidays.VN``: New Year,
Tết, Hùng Kings, 30/4, 1/5, National Day, their observed and substituted days), not
from a hand-typed list. Deadlines count working days *after* the day a step
starts: a step of 1 working day that starts on a Friday is due the next Monday.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

from registry.kernel import messages as msg
from registry.kernel.errors import FieldError


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year))


def holiday_name(day: date) -> str | None:
    """The name of the public holiday on ``day`` (English, from the package)."""
    return holidays.country_holidays("VN", years=day.year).get(day)


def is_working_day(day: date) -> bool:
    """True from Monday to Friday when the day is not a public holiday."""
    return day.weekday() < 5 and day not in _holidays_of(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself not counted).

    ``days`` = 0 gives ``start``. A negative count is refused.
    """
    if days < 0:
        raise FieldError("days", days, msg.WORKING_DAYS)
    day, left = start, days
    while left:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days fall after ``start`` up to and including ``end``.

    The inverse of :func:`add_working_days`; 0 when ``end`` is not after ``start``.
    """
    if end <= start:
        return 0
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def due_date(start: date, days: int, paused_working_days: int = 0) -> date:
    """Due date of a step of ``days`` working days started on ``start``, moved on
    by the working days it was paused (incomplete documents stop the clock)."""
    return add_working_days(start, days + paused_working_days)
