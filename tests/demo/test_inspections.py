"""The demo's inspections: across the years, mostly passed, some violations,
the same every build, on the dashboards, and gone with the demo."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import func, select

from registry.access.users import find_actor
from registry.demo.load import load_demo
from registry.demo.remove import remove_demo
from registry.inspections.dashboard import inspection_dashboard
from registry.kernel.models import (
    Inspection,
    InspectionItem,
    PublicPoint,
    StatusEntry,
    Violation,
)
from registry.rules import compliance as rules
from tests.conftest import DEMO_DAY, FULL_DEMO, full_demo

SMALL_SITES = 400


@pytest.fixture
def demo(open_world):
    """A copy of the session's full-size demo world, as of DEMO_DAY."""
    return open_world(FULL_DEMO, full_demo)


def _small_demo(registry):
    return load_demo(
        registry, find_actor(registry, "admin"), sites=SMALL_SITES, today=DEMO_DAY
    )


def _frame(registry, model) -> pd.DataFrame:
    with registry.reading() as session:
        rows = session.execute(select(model.__table__)).mappings().all()
    return pd.DataFrame([dict(r) for r in rows])


def _count(registry, model) -> int:
    with registry.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_about_one_inspection_per_point_per_year_since_2018(demo):
    registry, report = demo
    inspections = _frame(registry, Inspection)
    assert report.inspections == len(inspections)
    # ~625 points, most operating over much of the 2018-2026 period.
    assert 2500 <= len(inspections) <= 4000
    years = pd.to_datetime(inspections["inspected_on"]).dt.year
    per_year = years.value_counts()
    assert sorted(per_year.index) == list(range(2018, DEMO_DAY.year + 1))
    assert (per_year >= 150).all()
    assert inspections["inspected_on"].min() >= pd.Timestamp("2018-03-01").date()
    assert inspections["inspected_on"].max() <= DEMO_DAY


def test_each_inspection_has_the_checklist_of_the_rule_set_of_its_day(demo):
    registry, _ = demo
    inspections = _frame(registry, Inspection).set_index("id")
    items = _frame(registry, InspectionItem)
    points = _frame(registry, PublicPoint).set_index("id")
    for inspection_id, row in inspections.sample(200, random_state=1).iterrows():
        ruleset = rules.ruleset_on(row["inspected_on"])
        assert (row["ruleset_key"], row["ruleset_version"]) == (
            ruleset.key,
            ruleset.version,
        )
        kind = points.loc[row["point_id"], "kind"]
        mine = items[items["inspection_id"] == inspection_id].sort_values("position")
        assert list(mine["rule_id"]) == [r.id for r in ruleset.rules_for(kind)]
    assert set(inspections["ruleset_key"]) == {r.key for r in rules.load_rulesets()}


def test_points_are_inspected_only_while_operating(demo):
    registry, _ = demo
    inspections = _frame(registry, Inspection)
    history = _frame(registry, StatusEntry)
    history = history[history["record_type"] == "point"]
    opened = (
        history[history["status"] == "operating"].groupby("record_id")["effective_on"]
    ).min()
    first = inspections.groupby("point_id")["inspected_on"].min()
    assert (first >= opened.reindex(first.index)).all()
    pending_only = set(history["record_id"]) - set(opened.index)
    assert not pending_only & set(inspections["point_id"])


def test_a_tenth_or_so_record_violations_most_pass(demo):
    registry, _ = demo
    inspections = _frame(registry, Inspection)
    items = _frame(registry, InspectionItem)
    violations = _frame(registry, Violation)
    share = violations["inspection_id"].nunique() / len(inspections)
    assert 0.08 <= share <= 0.16
    assert (items["result"] == "pass").mean() > 0.9
    failed = set(items.loc[items["result"] == "fail", "inspection_id"])
    assert failed == set(violations["inspection_id"])
    follow_ups = set(inspections.loc[inspections["follow_up_deadline"].notna(), "id"])
    assert follow_ups and follow_ups <= failed
    assert (violations["proposed_fine_vnd"] > 0).all()
    assert violations["description"].str.contains("dữ liệu mẫu").all()


def test_past_inspections_are_reviewed_a_few_recent_ones_are_open(demo):
    registry, _ = demo
    inspections = _frame(registry, Inspection)
    states = inspections["state"].value_counts()
    assert states["approved"] > 0.9 * len(inspections)
    # None left as a draft: a draft would hold its point (one per point).
    assert "draft" not in states and 5 <= states["submitted"] <= 80
    open_ = inspections[inspections["state"] == "submitted"]
    recent = pd.Timestamp(DEMO_DAY) - pd.Timedelta(days=21)
    assert (pd.to_datetime(open_["inspected_on"]) >= recent).all()
    assert open_["submitted_at"].notna().all()
    reviewed = inspections[inspections["state"].isin(["approved", "has_issues"])]
    assert (
        reviewed["reviewed_by"].notna().all() and reviewed["reviewed_at"].notna().all()
    )
    assert open_["reviewed_by"].isna().all()


def test_the_inspector_is_the_demo_commune_user_where_there_is_one(demo):
    registry, _ = demo
    inspectors = _frame(registry, Inspection)["inspector"].value_counts()
    assert set(inspectors.index) <= {
        "so.tttt",
        "xa.hungdung",
        "xa.truongvinh",
        "xa.thanhvinh",
    }
    assert (
        inspectors.get("xa.hungdung", 0) > 0 and inspectors.get("xa.thanhvinh", 0) > 0
    )


def test_the_department_dashboard_shows_real_figures(demo):
    registry, _ = demo
    department = find_actor(registry, "so.tttt")
    board = inspection_dashboard(registry, department, on=DEMO_DAY)
    assert board.inspections_done.value > 100
    assert board.awaiting_review.value > 0
    assert sum(rate.violations for rate in board.violation_rates) > 0
    assert sum(rate.checked for rate in board.violation_rates) > 0


def test_two_builds_store_the_same_inspections(open_world):
    first, _ = open_world("demo-400-a", _small_demo)
    second, report = open_world("demo-400-b", _small_demo)
    assert report.inspections > 0
    for model in (Inspection, InspectionItem, Violation):
        a, b = _frame(first, model), _frame(second, model)
        assert len(a) > 0 or model is Violation
        pd.testing.assert_frame_equal(a, b, check_dtype=False)


def test_removing_the_demo_leaves_no_inspection(demo):
    registry, report = demo
    admin = find_actor(registry, "admin")
    removed = remove_demo(registry, admin, reason="going live")
    assert removed.inspections == report.inspections > 0
    for model in (Inspection, InspectionItem, Violation):
        assert _count(registry, model) == 0, model.__tablename__
