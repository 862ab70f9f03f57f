"""Inspection plans: points due or overdue for inspection, follow-ups past their
deadline, per commune.

Each operating point should be inspected at least ``N`` times a year
(``REGISTRY_INSPECTIONS_PER_YEAR``), that is at most ``ceil(365 / N)`` days apart.
A point's next inspection falls due that long after its last inspection that counts
(submitted or reviewed, not rejected), or after the day it began operating when it
has none. It is *overdue* once that day has passed and *due* within the
:data:`DUE_WINDOW_DAYS` before it.

A follow-up deadline is met by a later inspection of the same point; an inspection
whose deadline has passed without one is listed as an overdue follow-up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.inspections.access import SUBJECT
from registry.inspections.queries import inspections_frame
from registry.inspections.vocabulary import DONE_STATES, InspectionState
from registry.kernel.clock import today as current_day
from registry.kernel.db import Registry
from registry.kernel.vocabulary import PointStatus
from registry.records.listing import list_records

DUE_WINDOW_DAYS = 30
PLAN_STATES = ("overdue", "due", "ok")
_DONE = [s.value for s in DONE_STATES]


def inspection_interval(per_year: int) -> timedelta:
    """Longest gap between two inspections of a point: ``ceil(365 / per_year)``."""
    if not isinstance(per_year, int) or per_year < 1:
        raise ValueError(f"'per_year' should be a whole number ≥ 1, got {per_year!r}")
    return timedelta(days=math.ceil(365 / per_year))


def _unit_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c.startswith(("commune", "district"))]


def _as_day(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.normalize()


def lookup(keys: pd.Series, values: pd.Series) -> pd.Series:
    """``values[key]`` for each key (missing: NA), keeping ``values``' dtype.

    Unlike ``Series.map``, safe when ``values`` is empty (pandas would make it
    float and fail on dates).
    """
    return pd.Series(values.reindex(keys.to_numpy()).to_numpy(), index=keys.index)


def plan_from(
    points: pd.DataFrame, inspections: pd.DataFrame, *, on: date, per_year: int
) -> pd.DataFrame:
    """The plan of ``points`` (rows of ``list_records``) given their inspections
    (rows of ``inspections_frame``); see :func:`inspection_plan`."""
    day = pd.Timestamp(on)
    operating = points[points["status"] == PointStatus.OPERATING.value]
    done = inspections[
        inspections["state"].isin(_DONE) & (_as_day(inspections["inspected_on"]) <= day)
    ].copy()
    done["day"] = _as_day(done["inspected_on"])
    latest = done.sort_values(["day", "id"]).groupby("point_id").tail(1)
    last_day = latest.set_index("point_id")["day"]
    last_id = latest.set_index("point_id")["id"]
    this_year = done[done["day"].dt.year == on.year].groupby("point_id").size()
    drafts = (
        inspections[inspections["state"] == InspectionState.DRAFT.value]
        .groupby("point_id")["id"]
        .max()
    )
    plan = operating[
        ["id", "name", "kind", "status", "status_since", *_unit_columns(operating)]
    ].rename(columns={"id": "point_id"})
    ids = plan["point_id"]
    plan["last_inspected_on"] = pd.to_datetime(lookup(ids, last_day))
    plan["last_inspection_id"] = lookup(ids, last_id).astype("Int64")
    plan["inspections_this_year"] = lookup(ids, this_year).fillna(0).astype("int64")
    plan["draft_inspection_id"] = lookup(ids, drafts).astype("Int64")
    base = plan["last_inspected_on"].fillna(_as_day(plan["status_since"]))
    due_on = base + inspection_interval(per_year)
    plan["next_due_on"] = due_on
    window = day + timedelta(days=DUE_WINDOW_DAYS)
    plan["plan_state"] = pd.Series(
        ["overdue" if d < day else "due" if d <= window else "ok" for d in due_on],
        index=plan.index,
        dtype=object,
    )
    plan["days_overdue"] = (day - due_on).dt.days.clip(lower=0).astype("int64")
    for name in ("last_inspected_on", "next_due_on"):
        plan[name] = plan[name].dt.date
    order = plan["plan_state"].map({s: i for i, s in enumerate(PLAN_STATES)})
    plan = plan.assign(_order=order).sort_values(["_order", "next_due_on", "point_id"])
    return plan.drop(columns="_order").reset_index(drop=True)


def inspection_plan(
    registry: Registry, actor: Actor, *, on: date | None = None
) -> pd.DataFrame:
    """Every operating point of the actor's area with its inspection plan on ``on``.

    Returns
    -------
    pandas.DataFrame
        One row per point: ``point_id``, ``name``, ``kind``, ``status``,
        ``status_since``, its unit codes and names, ``last_inspected_on``,
        ``last_inspection_id``, ``inspections_this_year`` (calendar year of
        ``on``), ``draft_inspection_id`` (an inspection under way), ``next_due_on``,
        ``plan_state`` (``overdue``, ``due`` or ``ok``) and ``days_overdue``;
        overdue points first, then by due date.
    """
    perm.require(actor, perm.READ, SUBJECT)
    on = on or current_day()
    points = list_records(registry, actor, "point")
    inspections = inspections_frame(registry, points)
    return plan_from(
        points, inspections, on=on, per_year=registry.config.inspections_per_year
    )


def points_due(
    registry: Registry, actor: Actor, *, on: date | None = None
) -> pd.DataFrame:
    """The rows of :func:`inspection_plan` that are overdue or due."""
    plan = inspection_plan(registry, actor, on=on)
    return plan[plan["plan_state"] != "ok"].reset_index(drop=True)


def follow_ups_from(inspections: pd.DataFrame, *, on: date) -> pd.DataFrame:
    """Inspections whose follow-up deadline passed before ``on`` with no later
    inspection of the point; see :func:`overdue_follow_ups`."""
    day = pd.Timestamp(on)
    done = inspections[inspections["state"].isin(_DONE)].copy()
    done["day"] = _as_day(done["inspected_on"])
    deadline = _as_day(done["follow_up_deadline"])
    late = done[deadline.notna() & (deadline < day)].copy()
    latest = done.groupby("point_id")["day"].max()
    late = late[pd.to_datetime(lookup(late["point_id"], latest)) <= late["day"]]
    late["days_overdue"] = (day - _as_day(late["follow_up_deadline"])).dt.days
    return (
        late.drop(columns="day")
        .sort_values("follow_up_deadline")
        .reset_index(drop=True)
    )


def overdue_follow_ups(
    registry: Registry, actor: Actor, *, on: date | None = None
) -> pd.DataFrame:
    """Submitted or reviewed inspections of the actor's area whose follow-up
    deadline is before ``on`` and whose point has not been inspected again since.

    Columns of :func:`registry.inspections.queries.list_inspections` plus
    ``days_overdue``; the longest overdue first.
    """
    perm.require(actor, perm.READ, SUBJECT)
    on = on or current_day()
    points = list_records(registry, actor, "point", include_retired=True)
    return follow_ups_from(inspections_frame(registry, points), on=on)


def plan_by_commune(plan: pd.DataFrame, edition: str) -> pd.DataFrame:
    """Per commune of ``edition``: points, overdue, due, ok, inspections this year."""
    suffix = edition.replace("-", "_")
    code, name = f"commune_{suffix}", f"commune_name_{suffix}"
    if plan.empty:
        return pd.DataFrame(
            columns=["commune_code", "commune_name", "points", *PLAN_STATES, "done"]
        )
    grouped = plan.groupby([code, name], dropna=False)
    table = grouped["plan_state"].value_counts().unstack(fill_value=0)
    table = table.reindex(columns=list(PLAN_STATES), fill_value=0)
    table.insert(0, "points", grouped.size())
    table["done"] = grouped["inspections_this_year"].sum()
    table = table.reset_index().rename(
        columns={code: "commune_code", name: "commune_name"}
    )
    return table.sort_values(["overdue", "due"], ascending=False).reset_index(drop=True)


@dataclass
class InspectionOverview:
    """What the inspections page lists for the actor's area on one day."""

    on: date
    per_year: int
    interval_days: int
    points: pd.DataFrame
    plan: pd.DataFrame
    inspections: pd.DataFrame
    follow_ups: pd.DataFrame


def inspection_overview(
    registry: Registry, actor: Actor, *, on: date | None = None
) -> InspectionOverview:
    """The points, plan, inspections and overdue follow-ups of the actor's area.

    ``points`` holds every current point (id, name, kind, status, units) in plan
    order: overdue first, then due, then the rest (points that are not operating
    last); the other frames are those of :func:`inspection_plan`,
    :func:`registry.inspections.queries.list_inspections` and
    :func:`overdue_follow_ups`.
    """
    perm.require(actor, perm.READ, SUBJECT)
    on = on or current_day()
    per_year = registry.config.inspections_per_year
    everything = list_records(registry, actor, "point", include_retired=True)
    current = everything[everything["retired_on"].isna()]
    inspections = inspections_frame(registry, everything)
    plan = plan_from(current, inspections, on=on, per_year=per_year)
    rank = {point: i for i, point in enumerate(plan["point_id"])}
    order = current["id"].map(rank).fillna(len(rank))
    columns = ["id", "name", "kind", "status", *_unit_columns(current)]
    points = (
        current.assign(_rank=order)
        .sort_values(["_rank", "id"])[columns]
        .reset_index(drop=True)
    )
    return InspectionOverview(
        on=on,
        per_year=per_year,
        interval_days=inspection_interval(per_year).days,
        points=points,
        plan=plan,
        inspections=inspections,
        follow_ups=follow_ups_from(inspections, on=on),
    )
