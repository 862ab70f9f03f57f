"""The registry's notion of now, in one place so tests and the demo agree on it.

:func:`living_on` sets the day the registry believes it is, for the code inside
its ``with`` block only (a context variable: other sessions and threads keep the
real day). The demo uses it to play its history day by day through the real use
cases; services never take "today" from their callers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime, timedelta, timezone

# Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact.
VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")
_LIVING_ON: ContextVar[date | None] = ContextVar("registry_living_on", default=None)


def now() -> datetime:
    """Current time in UTC, without tzinfo (stored naive UTC on every backend)."""
    return datetime.now(UTC).replace(tzinfo=None)


def real_today() -> date:
    """The real day in Vietnam, whatever :func:`living_on` says."""
    return datetime.now(VIETNAM_TIME).date()


def today() -> date:
    """Today's date in Vietnam: what a clerk in the province would write down
    (the day :func:`living_on` sets, inside its block)."""
    return _LIVING_ON.get() or real_today()


@contextmanager
def living_on(day: date) -> Iterator[date]:
    """Inside the block, :func:`today` is ``day``, a day not after the real one."""
    if not isinstance(day, date) or day > real_today():
        raise ValueError(f"living_on needs a day not after today, not {day!r}")
    token = _LIVING_ON.set(day)
    try:
        yield day
    finally:
        _LIVING_ON.reset(token)
