"""The inspections dashboard: every figure counted right, with the ids of the
records behind it, for a commune, a district and the province. SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from registry.inspections.dashboard import inspection_dashboard
from registry.inspections.service import (
    add_violation,
    correct_inspection,
    open_inspection,
    record_items,
    review_inspection,
    submit_inspection,
)
from registry.records.by_kind import POINTS
from registry.reference.schools import import_schools
from tests.factories import commune_centroid, point_values
from tests.inspections.support import (
    NEW_REGIME_DAY,
    OLD_REGIME_DAY,
    answered,
    submitted,
    world_copy,
)

ON = date(2025, 6, 2)
METRES_PER_DEGREE_LATITUDE = 111_320


@pytest.fixture
def world(open_world):
    return world_copy(open_world)


def test_points_are_counted_by_kind_with_their_ids(world):
    board = inspection_dashboard(world.registry, world.clerk, on=ON)
    assert board.area.commune == world.clerk.area_code
    assert board.area.name == "Phường Hưng Dũng"
    assert board.points_by_kind["game_point"].ids == (world.game,)
    assert board.points_by_kind["internet_agent"].ids == (world.agent,)
    assert board.points_by_kind["venue"].value == 0
    assert board.point_names[world.game] == "Phòng game Ánh Dương"
    province = inspection_dashboard(world.registry, world.department, on=ON)
    assert province.points_by_kind["game_point"].ids == (world.game, world.far_game)


def test_inspections_done_are_set_against_those_due(world):
    before = inspection_dashboard(world.registry, world.clerk, on=ON)
    assert before.inspections_done.value == 0
    assert before.inspections_required == 2
    assert before.points_overdue.ids == (world.game, world.agent)
    view = submitted(world, on=NEW_REGIME_DAY)
    after = inspection_dashboard(world.registry, world.clerk, on=ON)
    assert after.inspections_done.ids == (view["id"],)
    assert after.inspections_done.record_type == "inspection"
    assert after.points_overdue.ids == (world.agent,)
    assert after.awaiting_review.ids == (view["id"],)
    assert after.inspection_facts[view["id"]] == (
        "Phòng game Ánh Dương",
        NEW_REGIME_DAY,
    )
    next_year = inspection_dashboard(world.registry, world.clerk, on=date(2026, 1, 2))
    assert next_year.inspections_done.value == 0


def test_a_rejected_inspection_is_not_done(world):
    view = submitted(world, on=NEW_REGIME_DAY)
    review_inspection(world.registry, world.district, view["id"], "rejected", note="x")
    board = inspection_dashboard(world.registry, world.district, on=ON)
    assert board.inspections_done.value == 0
    assert board.awaiting_review.value == 0


def test_the_violation_rate_is_counted_per_rule(world):
    registry, clerk = world.registry, world.clerk
    failed = submitted(world, on=NEW_REGIME_DAY)
    other = open_inspection(registry, clerk, world.agent, inspected_on=NEW_REGIME_DAY)
    record_items(registry, clerk, other["id"], answered(other))
    submit_inspection(registry, clerk, other["id"])
    game = open_inspection(registry, clerk, world.game, inspected_on=date(2025, 5, 5))
    results = answered(game)
    results["game.sign"] = {"result": "fail"}
    record_items(registry, clerk, game["id"], results)
    add_violation(
        registry, clerk, game["id"], rule_id="game.sign", description="Không biển"
    )
    submit_inspection(registry, clerk, game["id"])
    rates = {
        r.rule_id: r
        for r in inspection_dashboard(registry, world.clerk, on=ON).violation_rates
    }
    sign = rates["game.sign"]
    assert (sign.checked, sign.failed, sign.violations) == (2, 1, 1)
    assert sign.rate == 0.5
    assert sign.inspection_ids == (game["id"],)
    assert failed["id"] not in sign.inspection_ids
    assert rates["game.hours"].rate == 0
    assert next(iter(rates.values())).rule_id == "game.sign"  # worst first


@pytest.mark.parametrize(
    ("expires", "figure"),
    [
        (ON - timedelta(days=1), "expired"),
        (ON, "expiring"),
        (ON + timedelta(days=60), "expiring"),
        (ON + timedelta(days=61), None),
    ],
    ids=["yesterday", "today", "in-60-days", "in-61-days"],
)
def test_certificates_expiring_within_60_days_and_expired(world, expires, figure):
    point = POINTS.create(
        world.registry,
        world.admin,
        point_values(
            world.registry,
            name="Phòng game hết hạn",
            certificate_issued_on=expires - timedelta(days=3 * 365),
            certificate_expires_on=expires,
        ),
    )
    board = inspection_dashboard(world.registry, world.clerk, on=ON)
    found = {
        "expired": board.certificates_expired.ids,
        "expiring": board.certificates_expiring.ids,
    }
    for name, ids in found.items():
        assert (point["id"] in ids) == (name == figure)


def test_operating_game_points_without_a_certificate_are_listed(world):
    bare = dict.fromkeys(
        (
            "certificate_number",
            "certificate_issuer",
            "certificate_issued_on",
            "certificate_expires_on",
        )
    )
    open_point = POINTS.create(
        world.registry, world.admin, point_values(world.registry, **bare)
    )
    POINTS.create(
        world.registry,
        world.admin,
        point_values(world.registry, name="Chờ cấp phép", status="pending", **bare),
    )
    board = inspection_dashboard(world.registry, world.clerk, on=ON)
    assert board.open_without_certificate.ids == (open_point["id"],)


def _school_csv(registry, metres_north: float) -> bytes:
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    lat += metres_north / METRES_PER_DEGREE_LATITUDE
    return (
        "name,level,latitude,longitude\n"
        f"Trường Tiểu học Thử,primary,{lat:.7f},{lon:.7f}\n"
    ).encode()


@pytest.mark.parametrize(("metres", "near"), [(150, True), (260, False)])
def test_game_points_within_the_school_distance_under_decree_72(world, metres, near):
    import_schools(
        world.registry,
        world.admin,
        _school_csv(world.registry, metres),
        filename="truong.csv",
    )
    board = inspection_dashboard(world.registry, world.district, on=OLD_REGIME_DAY)
    assert board.ruleset["key"] == "nd72-2013-nd27-2018"
    assert (world.game in board.near_schools.ids) is near
    assert world.agent not in board.near_schools.ids


def test_no_school_figure_where_the_rule_set_has_no_distance_rule(world):
    board = inspection_dashboard(world.registry, world.district, on=NEW_REGIME_DAY)
    assert board.ruleset["key"] == "nd147-2024"
    assert board.near_schools is None


def test_a_district_narrows_its_dashboard_to_one_commune(world):
    whole = inspection_dashboard(world.registry, world.district, on=ON)
    assert whole.area.district == world.district.area_code
    assert world.far_game not in whole.operating_points.ids
    one = inspection_dashboard(
        world.registry, world.district, commune=world.neighbour.area_code, on=ON
    )
    assert one.operating_points.value == 0
    assert one.area.name == "Phường Hưng Bình"


def test_the_department_chooses_any_district(world):
    other = inspection_dashboard(
        world.registry, world.department, district=world.other_district.area_code, on=ON
    )
    assert other.operating_points.ids == (world.far_game,)
    assert list(other.by_commune["commune_name"]) == ["Xã Nghi Văn"]


def test_a_clerk_of_a_2025_07_commune_sees_its_points(world):
    board = inspection_dashboard(world.registry, world.new_commune, on=ON)
    assert board.area.edition == "2025-07"
    assert set(board.operating_points.ids) == {world.game, world.agent}


def test_overdue_follow_ups_are_a_figure(world):
    view = submitted(world, on=NEW_REGIME_DAY)
    correct_inspection(
        world.registry,
        world.clerk,
        view["id"],
        reason="Hạn khắc phục",
        fields={"follow_up_deadline": date(2025, 4, 1)},
    )
    board = inspection_dashboard(world.registry, world.clerk, on=ON)
    assert board.follow_ups_overdue.ids == (view["id"],)
