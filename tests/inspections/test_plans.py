"""Inspection plans: when a point falls due, which inspections count, overdue
follow-ups, figures per commune. SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import pytest

from registry.inspections.plans import (
    DUE_WINDOW_DAYS,
    inspection_interval,
    inspection_plan,
    overdue_follow_ups,
    plan_by_commune,
    points_due,
)
from registry.inspections.service import (
    correct_inspection,
    open_inspection,
    review_inspection,
    update_inspection,
)
from registry.kernel.db import Registry
from tests.inspections.support import NEW_REGIME_DAY, submitted, world_copy

# The game point of the world has operated since 2024-03-01: with one inspection a
# year and none recorded, it falls due on 2025-03-01.
FIRST_DUE = date(2025, 3, 1)


@pytest.fixture
def world(open_world):
    return world_copy(open_world)


def _row(plan, point_id):
    return plan[plan["point_id"] == point_id].iloc[0]


@pytest.mark.parametrize(
    ("per_year", "days"), [(1, 365), (2, 183), (4, 92), (12, 31), (52, 8)]
)
def test_the_interval_is_a_year_shared_by_the_inspections(per_year, days):
    assert inspection_interval(per_year) == timedelta(days=days)


@pytest.mark.parametrize("bad", [0, -1, 1.5, "2"])
def test_a_wrong_number_of_inspections_is_refused(bad):
    with pytest.raises(ValueError, match="'per_year' should be a whole number"):
        inspection_interval(bad)


@pytest.mark.parametrize(
    ("on", "state", "late"),
    [
        (FIRST_DUE - timedelta(days=DUE_WINDOW_DAYS + 1), "ok", 0),
        (FIRST_DUE - timedelta(days=DUE_WINDOW_DAYS), "due", 0),
        (FIRST_DUE, "due", 0),
        (FIRST_DUE + timedelta(days=1), "overdue", 1),
        (FIRST_DUE + timedelta(days=40), "overdue", 40),
    ],
    ids=["31-days-before", "30-days-before", "on-the-day", "day-after", "40-days"],
)
def test_a_point_never_inspected_falls_due_a_year_after_it_opened(
    world, on, state, late
):
    row = _row(inspection_plan(world.registry, world.clerk, on=on), world.game)
    assert row["next_due_on"] == FIRST_DUE
    assert row["plan_state"] == state
    assert row["days_overdue"] == late
    assert pd.isna(row["last_inspected_on"])


def test_a_submitted_inspection_resets_the_clock(world):
    view = submitted(world, on=NEW_REGIME_DAY)
    plan = inspection_plan(world.registry, world.clerk, on=date(2025, 6, 1))
    row = _row(plan, world.game)
    assert row["last_inspected_on"] == NEW_REGIME_DAY
    assert row["last_inspection_id"] == view["id"]
    assert row["next_due_on"] == NEW_REGIME_DAY + timedelta(days=365)
    assert row["plan_state"] == "ok"
    assert row["inspections_this_year"] == 1
    next_year = _row(
        inspection_plan(world.registry, world.clerk, on=date(2026, 1, 5)), world.game
    )
    assert next_year["inspections_this_year"] == 0


def test_drafts_and_rejected_inspections_do_not_count(world):
    draft = open_inspection(
        world.registry, world.clerk, world.game, inspected_on=NEW_REGIME_DAY
    )
    rejected = submitted(world, point=world.agent, on=NEW_REGIME_DAY)
    review_inspection(
        world.registry, world.district, rejected["id"], "rejected", note="Sai điểm"
    )
    plan = inspection_plan(world.registry, world.clerk, on=date(2025, 6, 1))
    game, agent = _row(plan, world.game), _row(plan, world.agent)
    assert game["plan_state"] == agent["plan_state"] == "overdue"
    assert game["draft_inspection_id"] == draft["id"]
    assert agent["inspections_this_year"] == 0


def test_more_inspections_a_year_bring_the_due_date_closer(world):
    twice = Registry(
        config=replace(world.registry.config, inspections_per_year=2),
        engine=world.registry.engine,
    )
    submitted(world, on=NEW_REGIME_DAY)
    row = _row(inspection_plan(twice, world.clerk, on=date(2025, 8, 20)), world.game)
    assert row["next_due_on"] == NEW_REGIME_DAY + timedelta(days=183)
    assert row["plan_state"] == "due"


def test_points_due_leaves_out_the_points_not_due(world):
    submitted(world, on=NEW_REGIME_DAY)
    due = points_due(world.registry, world.clerk, on=date(2025, 6, 1))
    assert list(due["point_id"]) == [world.agent]
    assert list(due["plan_state"]) == ["overdue"]


def test_points_not_operating_have_no_plan(world):
    plan = inspection_plan(world.registry, world.department, on=date(2025, 6, 1))
    assert set(plan["status"]) == {"operating"}


def test_overdue_follow_ups_wait_for_a_new_inspection(world):
    view = submitted(world, on=NEW_REGIME_DAY)
    correct_inspection(
        world.registry,
        world.clerk,
        view["id"],
        reason="Thêm hạn khắc phục",
        fields={"follow_up_deadline": date(2025, 4, 10)},
    )
    assert overdue_follow_ups(world.registry, world.clerk, on=date(2025, 4, 10)).empty
    late = overdue_follow_ups(world.registry, world.clerk, on=date(2025, 4, 15))
    assert list(late["id"]) == [view["id"]]
    assert list(late["days_overdue"]) == [5]
    submitted(world, on=date(2025, 4, 20))
    assert overdue_follow_ups(world.registry, world.clerk, on=date(2025, 5, 1)).empty


def test_a_draft_with_a_deadline_is_no_follow_up_yet(world):
    draft = open_inspection(
        world.registry, world.clerk, world.game, inspected_on=NEW_REGIME_DAY
    )
    update_inspection(
        world.registry,
        world.clerk,
        draft["id"],
        {"follow_up_deadline": date(2025, 3, 20)},
    )
    assert overdue_follow_ups(world.registry, world.clerk, on=date(2025, 5, 1)).empty


def test_the_plan_is_summed_per_commune(world):
    submitted(world, on=NEW_REGIME_DAY)
    plan = inspection_plan(world.registry, world.department, on=date(2025, 6, 1))
    table = plan_by_commune(plan, "2025-06").set_index("commune_name")
    hung_dung = table.loc["Phường Hưng Dũng"]
    assert (hung_dung["points"], hung_dung["ok"], hung_dung["overdue"]) == (2, 1, 1)
    assert hung_dung["done"] == 1
    assert table.loc["Xã Nghi Văn", "overdue"] == 1
    assert list(plan_by_commune(plan.iloc[0:0], "2025-06").columns)[:3] == [
        "commune_code",
        "commune_name",
        "points",
    ]
