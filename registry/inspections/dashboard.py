"""The inspections dashboard of a commune, a district or the province.

Every figure carries the ids of the records behind it (points or inspections), so
that a page can list and link them. Figures cover the points of the chosen area
that the actor may see; inspections count when submitted or reviewed (not
rejected) in the calendar year of the dashboard's day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import func, select

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.inspections import messages as msg
from registry.inspections.access import SUBJECT
from registry.inspections.checklist import ruleset_facts, school_rule_ids
from registry.inspections.plans import follow_ups_from, plan_by_commune, plan_from
from registry.inspections.queries import inspections_frame
from registry.inspections.vocabulary import DONE_STATES, InspectionState, ItemResult
from registry.kernel.clock import today as current_day
from registry.kernel.db import Registry
from registry.kernel.errors import PermissionDeniedError
from registry.kernel.models import InspectionItem, Violation
from registry.kernel.vocabulary import PointKind, PointStatus
from registry.maps.data import EXPIRY_WINDOW_DAYS, unit_options
from registry.records.listing import list_records
from registry.rules import compliance as rules

# Statuses of points that are still in business (closed or revoked ones are not).
_IN_BUSINESS = (PointStatus.PENDING, PointStatus.OPERATING, PointStatus.SUSPENDED)


@dataclass(frozen=True)
class Figure:
    """One count and the ids of the records it counts (``point`` or ``inspection``)."""

    value: int
    record_type: str
    ids: tuple[int, ...] = ()


def _figure(ids, record_type: str) -> Figure:
    ids = tuple(sorted(int(i) for i in ids))
    return Figure(len(ids), record_type, ids)


@dataclass(frozen=True)
class RuleRate:
    """How often one rule was failed in the inspections of the period."""

    rule_id: str
    title_vi: str
    title_en: str
    checked: int
    failed: int
    violations: int
    inspection_ids: tuple[int, ...]

    @property
    def rate(self) -> float | None:
        """Failed / checked (pass or fail); None when never checked."""
        return self.failed / self.checked if self.checked else None


@dataclass(frozen=True)
class Area:
    """The area a dashboard covers: an edition and, optionally, a district or a
    commune of it (neither: everything the actor may see)."""

    edition: str
    district: str | None = None
    commune: str | None = None
    name: str | None = None


@dataclass
class Dashboard:
    """The figures of one area on one day."""

    area: Area
    on: date
    per_year: int
    ruleset: dict[str, Any]
    points_by_kind: dict[str, Figure]
    operating_points: Figure
    inspections_done: Figure
    inspections_required: int
    points_overdue: Figure
    points_due: Figure
    awaiting_review: Figure
    follow_ups_overdue: Figure
    violation_rates: list[RuleRate]
    certificates_expiring: Figure
    certificates_expired: Figure
    open_without_certificate: Figure
    # None when the rule set in force has no school-distance rule.
    near_schools: Figure | None
    by_commune: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)
    # What the ids stand for: point id -> name; inspection id -> (point name, date).
    point_names: dict[int, str] = field(repr=False, default_factory=dict)
    inspection_facts: dict[int, tuple[str, date]] = field(
        repr=False, default_factory=dict
    )


def _not_theirs(actor: Actor, level: str, code: str) -> PermissionDeniedError:
    """The refusal of a district or commune outside the actor's own area."""
    return PermissionDeniedError(
        msg.AREA_NOT_THEIRS,
        user=actor.username,
        action="see this dashboard",
        level=level,
        code=code,
        area_level=actor.area_level,
        area_code=actor.area_code,
        area_name=actor.area_name,
    )


def dashboard_area(
    registry: Registry,
    actor: Actor,
    *,
    edition: str | None = None,
    district: str | None = None,
    commune: str | None = None,
) -> Area:
    """The area asked for, checked against the actor's jurisdiction.

    Area-bound users get their own district or commune by default and may narrow a
    district to one of its communes; asking for another area is refused, and so is
    anyone whose role reads no inspections.
    """
    perm.require(actor, perm.READ, SUBJECT)
    if actor.area_level:
        edition = actor.area_edition
        if actor.area_level == "commune":
            commune = commune or actor.area_code
        else:
            district = district or actor.area_code
    # Huyện exist in the 2025-06 edition only: a district asked for without an
    # edition is read there, whatever edition is shown by default today.
    edition = edition or ("2025-06" if district else registry.config.default_edition)
    name = None
    if district:
        if actor.area_level and edition != "2025-06":
            # Staff of a 2025-07 commune asking for a district: not theirs.
            raise _not_theirs(actor, "district", district)
        if edition != "2025-06":
            raise ValueError(f"districts exist in edition 2025-06 only, got {edition}")
        found = dict(unit_options(registry, actor, edition, "district"))
        if district not in found:
            raise _not_theirs(actor, "district", district)
        name = found[district]
    if commune:
        found = dict(unit_options(registry, actor, edition, "commune", district))
        if commune not in found:
            raise _not_theirs(actor, "commune", commune)
        name = found[commune]
    return Area(edition, district, commune, name)


def in_area(frame: pd.DataFrame, area: Area) -> pd.DataFrame:
    """Rows (points, or inspections with their point's units) inside ``area``."""
    suffix = area.edition.replace("-", "_")
    keep = pd.Series(True, index=frame.index)
    if area.district:
        keep &= frame[f"district_{suffix}"] == area.district
    if area.commune:
        keep &= frame[f"commune_{suffix}"] == area.commune
    return frame[keep]


def _items(registry: Registry, inspection_ids: list[int]) -> pd.DataFrame:
    columns = ["inspection_id", "rule_id", "title_vi", "title_en", "result"]
    if not inspection_ids:
        return pd.DataFrame(columns=columns)
    with registry.reading() as session:
        rows = session.execute(
            select(*[getattr(InspectionItem, c) for c in columns]).where(
                InspectionItem.inspection_id.in_(inspection_ids)
            )
        ).all()
    return pd.DataFrame(rows, columns=columns)


def _violations_by_rule(registry: Registry, inspection_ids: list[int]) -> dict:
    if not inspection_ids:
        return {}
    with registry.reading() as session:
        rows = session.execute(
            select(Violation.rule_id, func.count())
            .where(
                Violation.inspection_id.in_(inspection_ids),
                Violation.withdrawn_at.is_(None),
            )
            .group_by(Violation.rule_id)
        ).all()
    return dict(rows)


def violation_rates(registry: Registry, inspection_ids: list[int]) -> list[RuleRate]:
    """Per rule: checked (pass or fail), failed, violations, failing inspections;
    the rules failed most often first."""
    items = _items(registry, inspection_ids)
    violations = _violations_by_rule(registry, inspection_ids)
    rates = []
    for rule_id, group in items.groupby("rule_id", sort=True):
        decided = group[group["result"].isin([ItemResult.PASS, ItemResult.FAIL])]
        failed = group[group["result"] == ItemResult.FAIL]
        latest = group.iloc[-1]
        rates.append(
            RuleRate(
                rule_id=str(rule_id),
                title_vi=str(latest["title_vi"]),
                title_en=str(latest["title_en"]),
                checked=len(decided),
                failed=len(failed),
                violations=int(violations.get(rule_id, 0)),
                inspection_ids=tuple(sorted(int(i) for i in failed["inspection_id"])),
            )
        )
    return sorted(rates, key=lambda r: (-(r.rate or 0), -r.failed, r.rule_id))


def _certificates(points: pd.DataFrame, on: date) -> dict[str, Figure]:
    games = points[points["kind"] == PointKind.GAME_POINT.value]
    held = games[
        games["status"].isin([PointStatus.OPERATING.value, PointStatus.SUSPENDED.value])
    ]
    expires = pd.to_datetime(held["certificate_expires_on"])
    day = pd.Timestamp(on)
    horizon = pd.Timestamp(on + timedelta(days=EXPIRY_WINDOW_DAYS))
    operating = games[games["status"] == PointStatus.OPERATING.value]
    number = operating["certificate_number"].fillna("").astype(str).str.strip()
    return {
        "expiring": _figure(
            held["id"][(expires >= day) & (expires <= horizon)], "point"
        ),
        "expired": _figure(held["id"][expires < day], "point"),
        "missing": _figure(operating["id"][number == ""], "point"),
    }


def _near_schools(
    registry: Registry, actor: Actor, points: pd.DataFrame, ruleset, on: date
) -> Figure | None:
    school_rules = school_rule_ids(ruleset)
    if not school_rules:
        return None
    results = rules.evaluate_points(registry, actor, on=on)
    failing = results[
        results["rule_id"].isin(school_rules) & (results["outcome"] == "fail")
    ]
    current = points[points["status"].isin([s.value for s in _IN_BUSINESS])]
    return _figure(set(failing["point_id"]) & set(current["id"]), "point")


def inspection_dashboard(
    registry: Registry,
    actor: Actor,
    *,
    edition: str | None = None,
    district: str | None = None,
    commune: str | None = None,
    on: date | None = None,
) -> Dashboard:
    """Figures of an area (see :func:`dashboard_area`) on ``on`` (default today).

    Points by kind; operating points; inspections done this year against the
    ``N`` a year each operating point needs; points overdue and due; inspections
    awaiting review; follow-ups past their deadline; the violation rate of each
    rule; game-point certificates expiring within 60 days and expired; operating
    game points without a certificate; game points nearer a school gate than the
    rule set in force allows (None when it has no such rule).
    """
    perm.require(actor, perm.READ, SUBJECT)
    on = on or current_day()
    area = dashboard_area(
        registry, actor, edition=edition, district=district, commune=commune
    )
    per_year = registry.config.inspections_per_year
    points = in_area(list_records(registry, actor, "point"), area)
    everything = list_records(registry, actor, "point", include_retired=True)
    inspections = in_area(inspections_frame(registry, everything), area)
    plan = plan_from(points, inspections, on=on, per_year=per_year)
    year = pd.to_datetime(inspections["inspected_on"]).dt.year
    done = inspections[
        inspections["state"].isin([s.value for s in DONE_STATES])
        & (year == on.year)
        & (pd.to_datetime(inspections["inspected_on"]) <= pd.Timestamp(on))
    ]
    ruleset = rules.ruleset_on(on)
    certificates = _certificates(points, on)
    operating = points[points["status"] == PointStatus.OPERATING.value]
    return Dashboard(
        area=area,
        on=on,
        per_year=per_year,
        ruleset=ruleset_facts(ruleset),
        points_by_kind={
            kind.value: _figure(points["id"][points["kind"] == kind.value], "point")
            for kind in PointKind
        },
        operating_points=_figure(operating["id"], "point"),
        inspections_done=_figure(done["id"], "inspection"),
        inspections_required=per_year * len(operating),
        points_overdue=_figure(
            plan["point_id"][plan["plan_state"] == "overdue"], "point"
        ),
        points_due=_figure(plan["point_id"][plan["plan_state"] == "due"], "point"),
        awaiting_review=_figure(
            inspections["id"][inspections["state"] == InspectionState.SUBMITTED],
            "inspection",
        ),
        follow_ups_overdue=_figure(
            follow_ups_from(inspections, on=on)["id"], "inspection"
        ),
        violation_rates=violation_rates(registry, [int(i) for i in done["id"]]),
        certificates_expiring=certificates["expiring"],
        certificates_expired=certificates["expired"],
        open_without_certificate=certificates["missing"],
        near_schools=_near_schools(registry, actor, points, ruleset, on),
        by_commune=plan_by_commune(plan, area.edition),
        point_names={
            int(i): str(n)
            for i, n in zip(everything["id"], everything["name"], strict=True)
        },
        inspection_facts={
            int(row.id): (str(row.point_name), row.inspected_on)
            for row in inspections.itertuples()
        },
    )
