"""Demo inspections: the demo's Internet and game points inspected across the years.

About one inspection per operating point per year, from the first day a rule set
covers (1/3/2018) to the demo's today, each with the checklist of the rule set in
force on its date. Most answers are "pass"; about one inspection in eight fails an
item and records a violation (some with a follow-up deadline). Past inspections are
reviewed; a few recent ones await review (none is a draft), so inboxes and
dashboards show real figures out of the box. Written in bulk in one transaction
(thousands of service calls would make the demo slow to build); the demo is
labelled through its points (``source = "demo"``) and removed with them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import numpy as np
from sqlalchemy import insert, select

from registry.demo.points import REFORM_DAY
from registry.inspections.vocabulary import InspectionState, ItemResult
from registry.kernel.models import (
    Inspection,
    InspectionItem,
    PublicPoint,
    StatusEntry,
    UnitAssignment,
    User,
    Violation,
)
from registry.kernel.vocabulary import PointStatus
from registry.rules import compliance as rules

INSPECTION_SEED = 2018
# Share of inspections that fail an item and record a violation.
VIOLATION_SHARE = 0.12
# Share of those with a follow-up deadline.
FOLLOW_UP_SHARE = 0.5
# A point's latest inspection within this many days of today may still be open.
RECENT_DAYS = 21
DEPARTMENT = "so.tttt"
REFORM_EDITION = "2025-07"
FINES_VND = (1_000_000, 2_000_000, 5_000_000, 10_000_000)
DEMO_SUMMARY = "Kiểm tra mẫu (demo)"


def _first_day() -> date:
    return min(r.effective_from for r in rules.load_rulesets())


def _periods(session, today: date) -> dict[int, tuple[str, date, date]]:
    """point id -> (kind, first operating day, last operating day) of demo points."""
    points = dict(
        session.execute(
            select(PublicPoint.id, PublicPoint.kind).where(PublicPoint.source == "demo")
        ).all()
    )
    history = session.execute(
        select(StatusEntry.record_id, StatusEntry.status, StatusEntry.effective_on)
        .where(StatusEntry.record_type == "point")
        .order_by(StatusEntry.record_id, StatusEntry.effective_on, StatusEntry.id)
    ).all()
    periods: dict[int, tuple[str, date, date]] = {}
    for point_id, status, since in history:
        if point_id not in points:
            continue
        if status == PointStatus.OPERATING.value and point_id not in periods:
            periods[point_id] = (points[point_id], since, today)
        elif point_id in periods and periods[point_id][2] == today:
            kind, start, _ = periods[point_id]
            periods[point_id] = (kind, start, min(since, today))
    return periods


def _people(session) -> tuple[dict, dict, dict]:
    """Demo commune users and district users by (edition, area code), and the
    units of every point by edition."""
    users = session.execute(
        select(User.username, User.role, User.area_edition, User.area_code).where(
            User.demo_account, User.role.in_(("commune", "district"))
        )
    ).all()
    communes = {
        (u.area_edition, u.area_code): u.username for u in users if u.role == "commune"
    }
    districts = {
        (u.area_edition, u.area_code): u.username for u in users if u.role == "district"
    }
    units: dict[int, list[tuple[str, str | None, str | None]]] = {}
    for row in session.execute(
        select(
            UnitAssignment.record_id,
            UnitAssignment.edition,
            UnitAssignment.commune_code,
            UnitAssignment.district_code,
        ).where(UnitAssignment.record_type == "point")
    ):
        units.setdefault(row.record_id, []).append(
            (row.edition, row.commune_code, row.district_code)
        )
    return communes, districts, units


def _who(point_units, communes, districts, day: date) -> tuple[str, str]:
    """(inspector, reviewer) of a point on ``day``: its demo commune user and demo
    district user where one exists, else the department. The division edition in
    force that day is preferred (communes merged on 1/7/2025; districts ended)."""
    current = day >= REFORM_DAY
    inspector = reviewer = DEPARTMENT
    # The edition in force that day comes last, so its user wins.
    for edition, commune, district in sorted(
        point_units, key=lambda u: ((u[0] >= REFORM_EDITION) == current, u[0])
    ):
        inspector = communes.get((edition, commune), inspector)
        reviewer = districts.get((edition, district), reviewer)
    return inspector, reviewer


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0))


def load_demo_inspections(registry, today: date) -> int:
    """Store the demo's inspections (seeded, so the same on the same day); how many."""
    rng = np.random.default_rng(INSPECTION_SEED)
    first = _first_day()
    with registry.transaction() as session:
        periods = _periods(session, today)
        communes, districts, units = _people(session)
        plans = []
        for point_id in sorted(periods):
            kind, start, end = periods[point_id]
            start = max(start, first)
            if end <= start:
                continue
            days = (end - start).days
            count = int(rng.poisson(days / 365.25))
            offsets = sorted(int(d) for d in rng.integers(0, days + 1, count))
            for number, offset in enumerate(offsets):
                day = start + timedelta(days=offset)
                latest = number == len(offsets) - 1
                inspector, reviewer = _who(
                    units.get(point_id, []), communes, districts, day
                )
                plans.append(
                    _plan(rng, point_id, kind, day, today, latest, inspector, reviewer)
                )
        inspections = [plan["row"] for plan in plans]
        if not inspections:
            return 0
        ids = session.scalars(
            insert(Inspection).returning(Inspection.id, sort_by_parameter_order=True),
            inspections,
        ).all()
        items, violations = [], []
        for inspection_id, plan in zip(ids, plans, strict=True):
            for item in plan["items"]:
                items.append({"inspection_id": inspection_id, **item})
            for violation in plan["violations"]:
                violations.append({"inspection_id": inspection_id, **violation})
        session.execute(insert(InspectionItem), items)
        if violations:
            session.execute(insert(Violation), violations)
    return len(ids)


def _state(rng, day: date, today: date, latest: bool) -> str:
    # Recent ones await review, none is left as a draft: a draft holds its point
    # (one draft per point), and people trying the demo open inspections there.
    if latest and (today - day).days <= RECENT_DAYS and rng.random() < 0.8:
        return InspectionState.SUBMITTED.value
    if rng.random() < 0.03:
        return InspectionState.HAS_ISSUES.value
    return InspectionState.APPROVED.value


def _plan(rng, point_id, kind, day, today, latest, inspector, reviewer) -> dict:
    """One inspection row, its checklist and its violations (if any)."""
    ruleset = rules.ruleset_on(day)
    checklist = ruleset.rules_for(kind)
    failed = bool(checklist) and rng.random() < VIOLATION_SHARE
    failing = int(rng.integers(0, len(checklist))) if failed else -1
    state = _state(rng, day, today, latest)
    stamp = _at(day, 9)
    submitted = _at(day, 17)
    reviewed = state != InspectionState.SUBMITTED.value
    reviewed_on = min(day + timedelta(days=int(rng.integers(1, 15))), today)
    follow_up = None
    if failed and rng.random() < FOLLOW_UP_SHARE:
        follow_up = day + timedelta(days=int(rng.choice((15, 30, 60))))
    row = {
        "point_id": point_id,
        "inspected_on": day,
        "inspector": inspector,
        "ruleset_key": ruleset.key,
        "ruleset_version": ruleset.version,
        "state": state,
        "summary": DEMO_SUMMARY,
        "follow_up_deadline": follow_up,
        "submitted_at": submitted,
        "review_note": None,
        "reviewed_by": reviewer if reviewed else None,
        "reviewed_at": _at(reviewed_on, 10) if reviewed else None,
        "created_at": stamp,
        "updated_at": _at(reviewed_on, 10) if reviewed else (submitted or stamp),
        "version": 1,
    }
    items = [
        {
            "rule_id": rule.id,
            "position": position,
            "title_vi": rule.message_vi,
            "title_en": rule.message_en,
            "automatic": bool(rule.automatic),
            "auto_outcome": None,
            "auto_detail_vi": None,
            "auto_detail_en": None,
            "result": (
                ItemResult.FAIL.value
                if position - 1 == failing
                else ItemResult.PASS.value
            ),
            "note": None,
        }
        for position, rule in enumerate(checklist, start=1)
    ]
    violations = []
    if failed:
        rule = checklist[failing]
        violations.append(
            {
                "rule_id": rule.id,
                "description": f"Không đạt: {rule.message_vi} (dữ liệu mẫu)",
                "proposed_fine_vnd": int(rng.choice(FINES_VND)),
                "recorded_by": inspector,
                "recorded_at": stamp,
            }
        )
    return {"row": row, "items": items, "violations": violations}
