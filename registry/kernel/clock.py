"""The registry's notion of now, in one place so tests and the demo agree on it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

# Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact.
VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")


def now() -> datetime:
    """Current time in UTC, without tzinfo (stored naive UTC on every backend)."""
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    """Today's date in Vietnam: what a clerk in the province would write down."""
    return datetime.now(VIETNAM_TIME).date()
