"""BTS site use cases on both databases: create, update, status, retire, read."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from registry.kernel.errors import ConflictError, NotFoundError, ValidationError
from registry.kernel.models import AuditEntry, BtsSite, StatusEntry, UnitAssignment
from registry.kernel.versions import StaleVersionError
from registry.records.by_kind import SITES
from tests.factories import commune_centroid, district_code, site_values


def _count(registry, model) -> int:
    with registry.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_creating_a_site_stores_history_units_of_both_editions_and_an_audit_entry(
    registry, admin
):
    site = SITES.create(registry, admin, site_values(registry), reason="survey 2026")
    with registry.reading() as session:
        units = {
            u.edition: u
            for u in session.scalars(
                select(UnitAssignment).where(UnitAssignment.record_id == site["id"])
            )
        }
        history = session.scalars(select(StatusEntry)).all()
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "create"))
        audit = [a for a in audit if a.entity_type == "bts_site"]
    _, _, hung_dung = commune_centroid(registry, "Hưng Dũng")
    assert units["2025-06"].commune_code == hung_dung
    assert units["2025-06"].district_code == district_code(registry, "Vinh")
    assert units["2025-07"].commune_code is not None
    assert units["2025-07"].district_code is None
    assert [(h.status, h.effective_on) for h in history] == [
        ("on_air", date(2012, 3, 1))
    ]
    assert len(audit) == 1 and audit[0].actor == "admin"
    assert audit[0].reason == "survey 2026"
    assert site["location_flag"] is None


def test_a_declared_commune_that_differs_from_the_coordinates_is_flagged_not_moved(
    registry, admin
):
    values = site_values(registry, declared_commune="Phường Trường Thi")
    site = SITES.create(registry, admin, values)
    _, _, hung_dung = commune_centroid(registry, "Hưng Dũng")
    assert "Trường Thi" in site["location_flag"]
    assert SITES.get(registry, admin, site["id"])["units"]["2025-06"][0] == hung_dung


def test_an_unknown_declared_commune_is_flagged(registry, admin):
    site = SITES.create(
        registry, admin, site_values(registry, declared_commune="Xã Atlantis")
    )
    assert "Atlantis" in site["location_flag"]


def test_a_second_site_with_the_same_operator_code_is_refused_and_nothing_changes(
    registry, admin
):
    SITES.create(registry, admin, site_values(registry))
    before = (_count(registry, BtsSite), _count(registry, AuditEntry))
    with pytest.raises(ValidationError, match="site_code"):
        SITES.create(registry, admin, site_values(registry, name="Another"))
    assert (_count(registry, BtsSite), _count(registry, AuditEntry)) == before


def test_the_same_site_code_is_allowed_for_another_operator(registry, admin):
    SITES.create(registry, admin, site_values(registry))
    other = SITES.create(registry, admin, site_values(registry, network_code="01"))
    assert other["network_code"] == "01"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("latitude", "abc", "latitude"),
        ("latitude", 21.03, "latitude"),  # Hà Nội: outside Nghệ An
        ("network_code", "99", "network_code"),
        ("structure_type", "balloon", "structure_type"),
        ("on_air_5g", "2015-01-01", "on_air_5g"),
        ("structure_height_m", "-3", "structure_height_m"),
        ("name", "", "name"),
    ],
)
def test_invalid_site_values_are_refused_naming_the_field(
    registry, admin, field, value, expected
):
    overrides = {field: value}
    if field == "latitude" and value == 21.03:
        overrides["longitude"] = 105.85
    with pytest.raises(ValidationError) as caught:
        SITES.create(registry, admin, site_values(registry, **overrides))
    assert expected in str(caught.value)
    assert _count(registry, BtsSite) == 0
    assert _count(registry, StatusEntry) == 0


def test_updating_a_site_keeps_before_and_after_in_the_audit(registry, admin):
    site = SITES.create(registry, admin, site_values(registry))
    updated = SITES.update(
        registry, admin, site["id"], {"structure_height_m": 45}, reason="re-measured"
    )
    trail = SITES.get(registry, admin, site["id"])["audit"]
    assert updated["version"] == 2
    assert trail[-1]["action"] == "update"
    assert trail[-1]["before"] == {"structure_height_m": 42.0}
    assert trail[-1]["after"] == {"structure_height_m": 45.0}
    assert trail[-1]["reason"] == "re-measured"


def test_an_update_from_a_stale_version_is_refused(registry, admin):
    site = SITES.create(registry, admin, site_values(registry))
    SITES.update(registry, admin, site["id"], {"name": "Tên mới"})
    with pytest.raises(StaleVersionError, match="was changed by admin at") as refused:
        SITES.update(registry, admin, site["id"], {"name": "Khác"}, expected_version=1)
    assert refused.value.context["version"] == 2
    assert refused.value.context["expected"] == 1
    assert SITES.get(registry, admin, site["id"])["name"] == "Tên mới"


def test_moving_a_site_reassigns_its_units(registry, admin):
    site = SITES.create(registry, admin, site_values(registry))
    lat, lon, code = commune_centroid(registry, "Diễn Hồng")
    SITES.update(registry, admin, site["id"], {"latitude": lat, "longitude": lon})
    assert SITES.get(registry, admin, site["id"])["units"]["2025-06"][0] == code


def test_status_changes_are_appended_and_the_past_can_be_reconstructed(registry, admin):
    site = SITES.create(registry, admin, site_values(registry))
    SITES.change_status(
        registry,
        admin,
        site["id"],
        "suspended",
        effective_on=date(2020, 6, 1),
        reason="tower repair",
    )
    SITES.change_status(
        registry,
        admin,
        site["id"],
        "on_air",
        effective_on=date(2020, 9, 1),
        reason="repaired",
    )
    history = SITES.get(registry, admin, site["id"])["history"]
    assert [h["status"] for h in history] == ["on_air", "suspended", "on_air"]
    assert SITES.list(registry, admin, as_of=date(2011, 1, 1)).empty
    assert SITES.list(registry, admin, as_of=date(2020, 7, 1))["status"].tolist() == [
        "suspended"
    ]
    assert SITES.list(registry, admin, as_of=date(2021, 1, 1))["status"].tolist() == [
        "on_air"
    ]


def test_an_illegal_status_transition_is_refused(registry, admin):
    site = SITES.create(registry, admin, site_values(registry))
    SITES.change_status(registry, admin, site["id"], "decommissioned", reason="removed")
    with pytest.raises(ConflictError, match="cannot become on_air"):
        SITES.change_status(registry, admin, site["id"], "on_air", reason="back")


def test_a_status_change_needs_a_reason_and_a_date_not_in_the_future(registry, admin):
    site = SITES.create(registry, admin, site_values(registry))
    with pytest.raises(ValidationError, match="reason"):
        SITES.change_status(registry, admin, site["id"], "suspended", reason=" ")
    with pytest.raises(ValidationError, match="effective_on"):
        SITES.change_status(
            registry,
            admin,
            site["id"],
            "suspended",
            effective_on=date(2999, 1, 1),
            reason="later",
        )


def test_retired_sites_are_kept_hidden_and_frozen(registry, admin):
    site = SITES.create(registry, admin, site_values(registry))
    SITES.retire(registry, admin, site["id"], reason="entered twice")
    assert SITES.list(registry, admin).empty
    kept = SITES.list(registry, admin, include_retired=True)
    assert kept["retired_reason"].tolist() == ["entered twice"]
    with pytest.raises(ConflictError, match="retired"):
        SITES.update(registry, admin, site["id"], {"name": "x"})
    assert _count(registry, BtsSite) == 1


def test_reading_a_missing_site_names_it(registry, admin):
    with pytest.raises(NotFoundError, match="12345"):
        SITES.get(registry, admin, 12345)


def test_hostile_strings_are_stored_as_text(registry, admin):
    hostile = "<img src=x onerror=alert(1)>'; DROP TABLE bts_sites; --"
    site = SITES.create(registry, admin, site_values(registry, name=hostile))
    assert SITES.get(registry, admin, site["id"])["name"] == hostile
    assert _count(registry, BtsSite) == 1
