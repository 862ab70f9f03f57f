"""Public Internet and game points on both databases."""

from __future__ import annotations

from datetime import date

import pytest

from registry.kernel.errors import ConflictError, ValidationError
from registry.records.by_kind import POINTS
from tests.factories import point_values


def test_a_game_point_is_stored_with_its_certificate_and_hours(registry, admin):
    point = POINTS.create(registry, admin, point_values(registry))
    stored = POINTS.get(registry, admin, point["id"])
    assert stored["certificate_expires_on"] == date(2027, 3, 1)
    assert stored["opens_at"].strftime("%H:%M") == "08:00"
    assert stored["history"][0]["status"] == "operating"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"certificate_expires_on": "2023-01-01"}, "certificate_expires_on"),
        ({"kind": "casino"}, "kind"),
        ({"computers": "many"}, "computers"),
        ({"opens_at": "25:00"}, "opens_at"),
        ({"floor_area_m2": "-1"}, "floor_area_m2"),
    ],
)
def test_invalid_point_values_are_refused_naming_the_field(
    registry, admin, overrides, field
):
    with pytest.raises(ValidationError, match=field):
        POINTS.create(registry, admin, point_values(registry, **overrides))
    assert POINTS.list(registry, admin).empty


def test_an_internet_agent_needs_no_certificate(registry, admin):
    values = point_values(registry, kind="internet_agent")
    for name in (
        "certificate_number",
        "certificate_issuer",
        "certificate_issued_on",
        "certificate_expires_on",
    ):
        values.pop(name)
    assert POINTS.create(registry, admin, values)["kind"] == "internet_agent"


def test_a_revoked_game_point_can_apply_again_and_closing_is_final(registry, admin):
    point = POINTS.create(registry, admin, point_values(registry))
    for status in ("revoked", "pending", "closed"):
        POINTS.change_status(registry, admin, point["id"], status, reason=status)
    with pytest.raises(ConflictError):
        POINTS.change_status(registry, admin, point["id"], "operating", reason="again")
    history = [h["status"] for h in POINTS.get(registry, admin, point["id"])["history"]]
    assert history == ["operating", "revoked", "pending", "closed"]


def test_updating_the_certificate_is_audited(registry, admin):
    point = POINTS.create(registry, admin, point_values(registry))
    POINTS.update(
        registry,
        admin,
        point["id"],
        {"certificate_issued_on": "2025-03-01", "certificate_expires_on": "2028-03-01"},
        reason="renewed",
    )
    last = POINTS.get(registry, admin, point["id"])["audit"][-1]
    assert last["before"]["certificate_expires_on"] == "2027-03-01"
    assert last["after"]["certificate_expires_on"] == "2028-03-01"
