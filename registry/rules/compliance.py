"""Compliance rules: which rule set is in force on a day, and how points fare.

The rules are data (``registry/rules/sets/*.toml``, one file per legal regime, read by
:mod:`registry.rules.rulesets`); the checks are in :mod:`registry.rules.checks`. This
module holds the use cases: :func:`evaluate_point` for one point (inspection
checklists) and :func:`evaluate_points` for every point an actor may see
(dashboards), each against the rule set in force on the day that matters.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import select

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.db import Registry, load_row
from registry.kernel.models import PublicPoint, UnitAssignment
from registry.records.listing import list_records
from registry.records.rows import record_dict
from registry.rules import messages as msg
from registry.rules.checks import evaluate_frame
from registry.rules.rulesets import (
    CHECKS,
    OUTCOMES,
    RULESETS_DIR,
    NoRuleSetError,
    Rule,
    RuleResult,
    RuleSet,
    RuleSetError,
    check_day,
    load_rulesets,
    ruleset_by_key,
    ruleset_on,
)

__all__ = [
    "CHECKS",
    "OUTCOMES",
    "RULESETS_DIR",
    "NoRuleSetError",
    "Rule",
    "RuleResult",
    "RuleSet",
    "RuleSetError",
    "evaluate_point",
    "evaluate_points",
    "load_rulesets",
    "ruleset_by_key",
    "ruleset_on",
]


def evaluate_point(
    registry: Registry, actor: Actor, point_id: int, *, on: date
) -> tuple[RuleSet, list[RuleResult]]:
    """Check one public point against the rule set in force on ``on``.

    Needs the right to read points and the point inside the actor's area (as
    ``POINTS.get``). Returns the rule set and one result per
    rule that applies to the point's kind, in the rule set's order.
    """
    check_day(on)
    perm.require(actor, perm.READ, "point")
    with registry.reading() as session:
        record = load_row(session, PublicPoint, point_id, msg.POINT_NOT_FOUND)
        units = {
            row.edition: (row.commune_code, row.district_code)
            for row in session.scalars(
                select(UnitAssignment).where(
                    UnitAssignment.record_type == "point",
                    UnitAssignment.record_id == point_id,
                )
            )
        }
        perm.require_in_scope(actor, "read this record", units)
        values = record_dict(record)
    ruleset = ruleset_on(on)
    values["commune_2025_06"] = units.get("2025-06", (None, None))[0]
    points = pd.DataFrame([values], dtype=object)
    return ruleset, [
        result for _, result in evaluate_frame(registry, points, ruleset, on)
    ]


def _with_checked_fields(registry: Registry, points: pd.DataFrame) -> pd.DataFrame:
    # Viewers' lists leave out personal fields; the checks need to know whether a
    # number is recorded (they never show it).
    hidden = [name for name in perm.PERSONAL_FIELDS if name not in points]
    if not hidden or points.empty:
        return points
    columns = [getattr(PublicPoint, name) for name in hidden]
    with registry.reading() as session:
        extra = pd.read_sql(
            select(PublicPoint.id, *columns), session.connection()
        ).set_index("id")
    return points.join(extra, on="id")


def evaluate_points(
    registry: Registry, actor: Actor, *, on: date, language: str = "vi"
) -> pd.DataFrame:
    """Check every current point the actor may see against the rule set of ``on``.

    Returns
    -------
    pandas.DataFrame
        One row per point and applicable rule: point_id, kind, district_2025_06,
        commune_2025_06, commune_2025_07, rule_id, check, automatic, outcome, detail (in
        ``language``, "vi" or "en") and facts (a dict). ``attrs`` holds the rule
        set's key and version.
    """
    check_day(on)
    ruleset = ruleset_on(on)
    points = _with_checked_fields(
        registry, list_records(registry, actor, "point")
    ).astype(object)
    columns = ["point_id", "kind", "district_2025_06", "commune_2025_06"]
    columns += ["commune_2025_07"]
    columns += ["rule_id", "check", "automatic", "outcome", "detail", "facts"]
    rows = []
    for row, result in evaluate_frame(registry, points, ruleset, on):
        rule = ruleset.rule(result.rule_id)
        rows.append(
            (
                int(row["id"]),
                row["kind"],
                row.get("district_2025_06"),
                row.get("commune_2025_06"),
                row.get("commune_2025_07"),
                result.rule_id,
                rule.check,
                rule.automatic,
                result.outcome,
                result.detail_en if language == "en" else result.detail_vi,
                result.facts,
            )
        )
    frame = pd.DataFrame(rows, columns=columns)
    frame.attrs.update(ruleset=ruleset.key, ruleset_version=ruleset.version)
    return frame
