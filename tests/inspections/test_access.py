"""Who may read and change which inspections: commune staff their commune, the
district its communes, the department everything; operators and viewers nothing.
Every service is tried, and a refusal writes nothing. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from registry.inspections.dashboard import inspection_dashboard
from registry.inspections.plans import (
    inspection_overview,
    inspection_plan,
    overdue_follow_ups,
    points_due,
)
from registry.inspections.service import (
    add_violation,
    attach_photo,
    attach_photos,
    correct_inspection,
    get_inspection,
    list_inspections,
    open_inspection,
    photo_data,
    record_items,
    review_inspection,
    submit_inspection,
    update_inspection,
    withdraw_photo,
    withdraw_violation,
)
from registry.kernel.errors import PermissionDeniedError
from registry.kernel.models import AuditEntry
from tests.inspections.support import image_bytes, submitted, world_copy


@pytest.fixture
def world(open_world):
    return world_copy(open_world)


@pytest.fixture
def draft(world):
    """A draft of the Hưng Dũng clerk with one violation and one photo."""
    view = open_inspection(world.registry, world.clerk, world.game)
    view = add_violation(
        world.registry, world.clerk, view["id"], rule_id="game.sign", description="x"
    )
    return attach_photo(world.registry, world.clerk, view["id"], "a.png", image_bytes())


def _audit_count(registry) -> int:
    with registry.reading() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))


# Every service that takes an inspection, called on the draft by someone else.
SERVICES = {
    "get_inspection": lambda r, a, v: get_inspection(r, a, v["id"]),
    "record_items": lambda r, a, v: record_items(
        r, a, v["id"], {"game.sign": {"result": "fail"}}
    ),
    "update_inspection": lambda r, a, v: update_inspection(
        r, a, v["id"], {"summary": "x"}
    ),
    "add_violation": lambda r, a, v: add_violation(
        r, a, v["id"], rule_id="game.sign", description="y"
    ),
    "withdraw_violation": lambda r, a, v: withdraw_violation(
        r, a, v["id"], v["violations"][0]["id"], reason="z"
    ),
    "attach_photo": lambda r, a, v: attach_photo(r, a, v["id"], "b.png", image_bytes()),
    "attach_photos": lambda r, a, v: attach_photos(
        r, a, v["id"], [("b.png", image_bytes())]
    ),
    "withdraw_photo": lambda r, a, v: withdraw_photo(
        r, a, v["id"], v["photos"][0]["id"], reason="z"
    ),
    "photo_data": lambda r, a, v: photo_data(r, a, v["photos"][0]["id"]),
    "submit_inspection": lambda r, a, v: submit_inspection(r, a, v["id"]),
    "correct_inspection": lambda r, a, v: correct_inspection(
        r, a, v["id"], reason="x", fields={"summary": "y"}
    ),
    "review_inspection": lambda r, a, v: review_inspection(r, a, v["id"], "approved"),
}


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_no_one_outside_the_commune_reads_or_writes_its_inspection(
    world, draft, service
):
    before = _audit_count(world.registry)
    for who in ("neighbour", "outsider", "other_district", "operator", "viewer"):
        with pytest.raises(PermissionDeniedError):
            SERVICES[service](world.registry, getattr(world, who), draft)
    assert _audit_count(world.registry) == before
    stored = get_inspection(world.registry, world.clerk, draft["id"])
    assert stored["version"] == draft["version"]


@pytest.mark.parametrize("who", ["neighbour", "outsider", "district", "operator"])
def test_only_the_points_commune_opens_an_inspection_of_it(world, who):
    with pytest.raises(PermissionDeniedError):
        open_inspection(world.registry, getattr(world, who), world.game)
    assert list_inspections(world.registry, world.admin).empty


@pytest.mark.parametrize(
    "listing",
    [
        lambda r, a: list_inspections(r, a)["point_id"],
        lambda r, a: inspection_plan(r, a)["point_id"],
        lambda r, a: points_due(r, a)["point_id"],
        lambda r, a: inspection_overview(r, a).points["id"],
        lambda r, a: inspection_overview(r, a).inspections["point_id"],
    ],
    ids=["list", "plan", "due", "overview_points", "overview_inspections"],
)
def test_lists_hold_only_the_points_of_the_users_area(world, listing):
    submitted(world)
    submitted(world, point=world.far_game, by=world.outsider)
    registry = world.registry
    clerk = set(listing(registry, world.clerk))
    outsider = set(listing(registry, world.outsider))
    assert clerk and clerk <= {world.game, world.agent}
    assert outsider <= {world.far_game}
    assert set(listing(registry, world.neighbour)) == set()
    assert world.far_game not in set(listing(registry, world.district))
    assert clerk | outsider <= set(listing(registry, world.department))


def test_the_district_reads_and_reviews_its_communes_inspections(world):
    view = submitted(world)
    assert (
        get_inspection(world.registry, world.district, view["id"])["id"] == view["id"]
    )
    with pytest.raises(PermissionDeniedError, match="outside their district"):
        review_inspection(world.registry, world.other_district, view["id"], "approved")
    done = review_inspection(world.registry, world.district, view["id"], "approved")
    assert done["state"] == "approved"


def test_the_district_does_not_record_or_correct_inspections(world):
    view = submitted(world)
    with pytest.raises(PermissionDeniedError, match="'district' does not include"):
        correct_inspection(
            world.registry,
            world.district,
            view["id"],
            reason="x",
            fields={"summary": "y"},
        )


def test_commune_staff_do_not_review(world):
    view = submitted(world)
    with pytest.raises(PermissionDeniedError, match="'commune' does not include"):
        review_inspection(world.registry, world.clerk, view["id"], "approved")


def test_a_clerk_of_the_new_commune_sees_the_points_it_took_over(world):
    view = submitted(world)
    seen = get_inspection(world.registry, world.new_commune, view["id"])
    assert seen["id"] == view["id"]
    assert world.far_game not in set(
        list_inspections(world.registry, world.new_commune)["point_id"]
    )


def test_follow_ups_of_another_commune_are_not_listed(world):
    view = submitted(world)
    update = correct_inspection(
        world.registry,
        world.clerk,
        view["id"],
        reason="Hạn khắc phục",
        fields={"follow_up_deadline": view["inspected_on"]},
    )
    later = update["inspected_on"].replace(year=update["inspected_on"].year + 1)
    assert len(overdue_follow_ups(world.registry, world.clerk, on=later)) == 1
    assert overdue_follow_ups(world.registry, world.outsider, on=later).empty


@pytest.mark.parametrize("who", ["clerk", "district"])
def test_a_dashboard_of_another_area_is_refused(world, who):
    with pytest.raises(PermissionDeniedError, match="is not theirs"):
        inspection_dashboard(
            world.registry,
            getattr(world, who),
            commune=world.outsider.area_code,
        )


@pytest.mark.parametrize("who", ["operator", "viewer"])
def test_operators_and_viewers_have_no_inspections_or_dashboards(world, who):
    actor = getattr(world, who)
    for call in (list_inspections, inspection_plan, inspection_dashboard):
        with pytest.raises(PermissionDeniedError, match="does not include it"):
            call(world.registry, actor)
