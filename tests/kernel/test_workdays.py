"""Working-day arithmetic: weekends and Vietnamese public holidays (holidays.VN)."""

from __future__ import annotations

from datetime import date

import pytest

from registry.kernel.errors import FieldError
from registry.kernel.workdays import (
    add_working_days,
    due_date,
    holiday_name,
    is_working_day,
    working_days_between,
)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Tết 2026: Monday 16 to Friday 20 February are holidays, so 15 working
        # days from Tuesday 10 February skip them and two weekends.
        (date(2026, 2, 10), 15, date(2026, 3, 10)),
        # A Friday plus one working day is the next Monday.
        (date(2026, 3, 6), 1, date(2026, 3, 9)),
        # 30/4 and 1/5/2026 fall on Thursday and Friday: Wednesday 29/4 + 1 is
        # Monday 4/5.
        (date(2026, 4, 29), 1, date(2026, 5, 4)),
        # 2025: 30/4 Wed, 1/5 Thu and the substituted 2/5 Fri are all off.
        (date(2025, 4, 29), 2, date(2025, 5, 6)),
        # Hùng Kings' day 2026 (Sunday 26/4) is observed on Monday 27/4.
        (date(2026, 4, 24), 1, date(2026, 4, 28)),
        (date(2026, 2, 10), 0, date(2026, 2, 10)),
    ],
)
def test_add_working_days_skips_weekends_and_holidays(start, days, due):
    assert add_working_days(start, days) == due
    assert working_days_between(start, due) == days


def test_tet_2026_days_are_holidays_named_by_the_package():
    tet = [date(2026, 2, day) for day in range(16, 21)]
    assert not any(is_working_day(day) for day in tet)
    assert all(holiday_name(day) for day in tet)
    assert is_working_day(date(2026, 2, 13)) and is_working_day(date(2026, 2, 23))
    assert holiday_name(date(2026, 2, 23)) is None


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1
    assert working_days_between(date(2026, 2, 23), date(2026, 2, 13)) == 0
    assert working_days_between(date(2026, 2, 23), date(2026, 2, 23)) == 0


def test_due_date_moves_on_by_the_paused_working_days():
    # Paused from 11/2 to 2/3/2026: 8 working days (Tết and weekends not counted).
    paused = working_days_between(date(2026, 2, 11), date(2026, 3, 2))
    assert paused == 8
    assert due_date(date(2026, 2, 10), 5, paused) == date(2026, 3, 6)
    assert due_date(date(2026, 2, 10), 5) == date(2026, 2, 24)


def test_a_negative_number_of_days_is_refused():
    with pytest.raises(FieldError, match="days"):
        add_working_days(date(2026, 2, 10), -1)
