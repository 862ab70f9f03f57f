"""The permits report per district and period, on a small hand-made set."""

from __future__ import annotations

import math
from datetime import date

import pytest

from registry.kernel.errors import ValidationError
from registry.permits.report import REPORT_COLUMNS, permits_report
from registry.permits.steps import (
    approve_application,
    refuse_application,
    verify_application,
)
from tests.factories import district_code
from tests.permits.support import TWO_LEVEL_DAY, file_on, new_site

YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))


def _file(registry, people, code, day, commune="Hưng Dũng", network="04"):
    who = people.viettel if network == "04" else people.mobifone
    return file_on(
        day,
        registry,
        who,
        "bts_new",
        values=new_site(registry, commune, network_code=network, site_code=code),
    ).summary.id


def test_the_report_counts_per_district_and_period(registry, admin, people):
    # A: verified in 2 working days, approved in 6: within every deadline.
    a = _file(registry, people, "A", date(2025, 3, 10))
    verify_application(registry, people.commune, a, on=date(2025, 3, 12))
    approve_application(registry, people.district, a, number="1", on=date(2025, 3, 20))
    # B: verified in 10 working days (5 allowed), refused the next day: late.
    b = _file(registry, people, "B", date(2025, 3, 10))
    verify_application(registry, people.commune, b, on=date(2025, 3, 24))
    refuse_application(registry, people.district, b, reasons="x", on=date(2025, 3, 25))
    # C: received, still open; D: Nghi Lộc, filed in 2026 (outside the period).
    _file(registry, people, "C", date(2025, 4, 1))
    _file(registry, people, "D", TWO_LEVEL_DAY, commune="Nghi Văn", network="01")

    report = permits_report(registry, people.department, *YEAR_2025)
    assert list(report.columns) == list(REPORT_COLUMNS)
    assert len(report) == 20
    vinh = report.set_index("district_code").loc[district_code(registry, "Vinh")]
    assert vinh["district_name"] == "Thành phố Vinh"
    assert (vinh["received"], vinh["decided"], vinh["decided_in_time"]) == (3, 2, 1)
    assert vinh["decided_in_time_pct"] == 50.0
    assert vinh["avg_days_verify"] == 6.0  # (2 + 10) / 2
    assert vinh["avg_days_decide"] == 3.5  # (6 + 1) / 2
    nghi_loc = report.set_index("district_code").loc[
        district_code(registry, "Nghi Lộc")
    ]
    assert nghi_loc["received"] == 0 and math.isnan(nghi_loc["decided_in_time_pct"])

    later = permits_report(
        registry, people.department, date(2026, 1, 1), date(2026, 12, 31)
    )
    assert later["received"].sum() == 1

    own = permits_report(registry, people.district, *YEAR_2025)
    assert list(own["district_code"]) == [district_code(registry, "Vinh")]
    chosen = permits_report(
        registry,
        people.department,
        *YEAR_2025,
        district_codes=[district_code(registry, "Nghi Lộc")],
    )
    assert list(chosen["received"]) == [0]
    with pytest.raises(ValidationError, match="end"):
        permits_report(registry, people.department, date(2025, 2, 1), date(2025, 1, 1))
