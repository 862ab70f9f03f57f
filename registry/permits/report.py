"""Applications per district and period: received, decided, decided within the
deadline, average working days per step kind.

Districts are those of edition 2025-06 (huyện), also for applications filed in
the two-level era: every application is assigned from its coordinates to the
units of both editions, so the district its commune belonged to is known.
An application is decided within the deadline when every one of its steps ended
on or before its due date (moved on by the days it was paused). The days of a
step are the working days from its start to its end, less the paused ones.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import select

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.db import Registry
from registry.kernel.errors import FieldError, ValidationError
from registry.kernel.models import PermitApplication, PermitStep
from registry.kernel.vocabulary import Role
from registry.kernel.workdays import working_days_between
from registry.permits import messages as msg
from registry.permits.access import SUBJECT, may_see
from registry.permits.views import LoadedApplications
from registry.permits.vocabulary import StepKind
from registry.units.divisions import units_frame

EDITION = "2025-06"
REPORT_COLUMNS: dict[str, tuple[str, str]] = {
    "district_code": ("Mã huyện", "District code"),
    "district_name": ("Huyện", "District"),
    "received": ("Hồ sơ tiếp nhận", "Applications received"),
    "decided": ("Hồ sơ đã giải quyết", "Applications decided"),
    "decided_in_time": ("Giải quyết đúng hạn", "Decided within the deadline"),
    "decided_in_time_pct": ("Tỷ lệ đúng hạn (%)", "Within the deadline (%)"),
    "avg_days_verify": (
        "Số ngày làm việc trung bình: thẩm tra",
        "Average working days: verification",
    ),
    "avg_days_decide": (
        "Số ngày làm việc trung bình: quyết định",
        "Average working days: decision",
    ),
}


def _period(start: object, end: object) -> None:
    if not isinstance(start, date) or not isinstance(end, date) or end < start:
        raise ValidationError([FieldError("end", end, msg.PERIOD_END, start=start)])


def _districts(registry: Registry, actor: Actor, wanted) -> pd.DataFrame:
    with registry.reading() as session:
        districts = units_frame(session, EDITION, "district")[["code", "name"]]
    if actor.role == Role.DISTRICT and actor.area_edition == EDITION:
        districts = districts[districts["code"] == actor.area_code]
    if wanted is not None:
        unknown = sorted(set(wanted) - set(districts["code"]))
        if unknown and actor.role != Role.DISTRICT:
            raise ValidationError(
                [
                    FieldError(
                        "district_codes",
                        unknown,
                        msg.REPORT_DISTRICTS,
                        edition=EDITION,
                        unknown=unknown,
                        hide_value=True,
                    )
                ]
            )
        districts = districts[districts["code"].isin(list(wanted))]
    return districts.rename(columns={"code": "district_code", "name": "district_name"})


def _step_days(step: PermitStep) -> int:
    return max(
        working_days_between(step.started_on, step.finished_on) - step.paused_days, 0
    )


def permits_report(
    registry: Registry,
    actor: Actor,
    start: date,
    end: date,
    district_codes: list[str] | None = None,
) -> pd.DataFrame:
    """One row per 2025-06 district (the actor's own, for district staff), over the
    applications the actor may see, for the period ``start``–``end`` (inclusive).

    Columns: see :data:`REPORT_COLUMNS` (Vietnamese and English labels); the
    percentages are 0–100 and NaN where nothing was decided, the averages NaN where
    no step of the kind ended in the period.
    """
    perm.require(actor, perm.READ, SUBJECT)
    _period(start, end)
    districts = _districts(registry, actor, district_codes)
    rows: list[dict] = []
    with registry.reading() as session:
        applications = session.scalars(select(PermitApplication)).all()
        loaded = LoadedApplications(session, list(applications))
        seen = [a for a in applications if may_see(actor, a, loaded.units[a.id])]
        steps = session.scalars(
            select(PermitStep).where(
                PermitStep.application_id.in_([a.id for a in seen] or [-1])
            )
        ).all()
    by_application: dict[int, list[PermitStep]] = {}
    for step in steps:
        by_application.setdefault(step.application_id, []).append(step)
    for application in seen:
        district = loaded.units[application.id].get(EDITION, (None, None))[1]
        own = by_application.get(application.id, [])
        decided = application.decided_on is not None and (
            start <= application.decided_on <= end
        )
        rows.append(
            {
                "district_code": district,
                "received": start <= application.filed_on <= end,
                "decided": decided,
                "decided_in_time": decided
                and all(s.finished_on and s.finished_on <= s.due_on for s in own),
            }
        )
    frame = pd.DataFrame(
        rows, columns=["district_code", "received", "decided", "decided_in_time"]
    )
    counts = frame.groupby("district_code")[
        ["received", "decided", "decided_in_time"]
    ].sum()
    step_rows = [
        {
            "district_code": loaded.units[s.application_id].get(EDITION, (None, None))[
                1
            ],
            "kind": s.kind,
            "days": _step_days(s),
        }
        for s in steps
        if s.finished_on is not None and start <= s.finished_on <= end
    ]
    step_frame = pd.DataFrame(step_rows, columns=["district_code", "kind", "days"])
    averages = step_frame.pivot_table(
        index="district_code", columns="kind", values="days", aggfunc="mean"
    )
    result = districts.set_index("district_code")
    for column in ("received", "decided", "decided_in_time"):
        result[column] = counts[column].reindex(result.index).fillna(0).astype(int)
    with np.errstate(divide="ignore", invalid="ignore"):
        result["decided_in_time_pct"] = np.where(
            result["decided"] > 0,
            100.0
            * result["decided_in_time"]
            / result["decided"].where(result["decided"] > 0, 1),
            np.nan,
        )
    for kind in StepKind:
        column = f"avg_days_{kind.value}"
        values = averages[kind.value] if kind.value in averages else pd.Series()
        result[column] = values.reindex(result.index).astype(float)
    return result.reset_index()[list(REPORT_COLUMNS)]
