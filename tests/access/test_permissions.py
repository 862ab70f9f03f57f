"""Roles and jurisdictions: every service refuses what lies outside them."""

from __future__ import annotations

import pytest

from registry.access.users import authenticate, create_user, find_actor
from registry.kernel.errors import PermissionDeniedError, ValidationError
from registry.records.by_kind import POINTS, SITES
from tests.factories import commune_centroid, district_code, point_values, site_values


def _make_people(registry):
    """One user per role, with areas in Vinh (district) and Hưng Dũng (commune)."""
    admin = find_actor(registry, "admin")
    _, _, hung_dung = commune_centroid(registry, "Hưng Dũng")
    made = {
        "district": create_user(
            registry,
            admin,
            username="huyen.vinh",
            display_name="Vinh",
            role="district",
            area_edition="2025-06",
            area_code=district_code(registry, "Vinh"),
        ),
        "commune": create_user(
            registry,
            admin,
            username="xa.hungdung",
            display_name="Hưng Dũng",
            role="commune",
            area_edition="2025-06",
            area_code=hung_dung,
        ),
        "operator": create_user(
            registry,
            admin,
            username="viettel",
            display_name="Viettel",
            role="operator",
            network_code="04",
            password="secret-pass",
        ),
        "viewer": create_user(
            registry, admin, username="khach", display_name="Khách", role="viewer"
        ),
        "department": create_user(
            registry, admin, username="so", display_name="Sở", role="department"
        ),
    }
    return made


@pytest.fixture
def world(open_world):
    """A copy of the session's world of one user per role (see _make_people)."""
    return open_world("access-people", _make_people)


@pytest.fixture
def registry(world):
    """This test's registry: the world's copy."""
    return world[0]


@pytest.fixture
def people(world):
    """One user per role, with areas in Vinh (district) and Hưng Dũng (commune)."""
    return world[1]


def test_a_district_officer_registers_sites_in_their_district_only(registry, people):
    officer = people["district"]
    inside = SITES.create(registry, officer, site_values(registry))
    assert inside["id"]
    outside = site_values(registry, commune="Diễn Hồng", site_code="NAN-T0002")
    with pytest.raises(PermissionDeniedError, match="outside their district"):
        SITES.create(registry, officer, outside)


def test_a_district_officer_cannot_read_or_edit_a_site_of_another_district(
    registry, admin, people
):
    site = SITES.create(registry, admin, site_values(registry, commune="Diễn Hồng"))
    officer = people["district"]
    for attempt in (
        lambda: SITES.get(registry, officer, site["id"]),
        lambda: SITES.update(registry, officer, site["id"], {"name": "x"}),
        lambda: SITES.change_status(
            registry, officer, site["id"], "suspended", reason="no"
        ),
        lambda: SITES.retire(registry, officer, site["id"], reason="no"),
    ):
        with pytest.raises(PermissionDeniedError, match="outside"):
            attempt()
    assert SITES.list(registry, officer).empty
    assert len(SITES.list(registry, admin)) == 1


def test_a_record_outside_the_area_is_refused_before_its_state_is_told(
    registry, admin, people
):
    point = POINTS.create(registry, admin, point_values(registry, commune="Diễn Hồng"))
    POINTS.retire(registry, admin, point["id"], reason="closed")
    for attempt in (
        lambda: POINTS.update(registry, people["district"], point["id"], {"name": "x"}),
        lambda: POINTS.retire(registry, people["district"], point["id"], reason="x"),
    ):
        with pytest.raises(PermissionDeniedError, match="outside their district"):
            attempt()
    other = SITES.create(
        registry, admin, site_values(registry, network_code="02", site_code="VNP1")
    )
    with pytest.raises(PermissionDeniedError, match="network 02"):
        SITES.update(
            registry, people["operator"], other["id"], {"name": "x"}, expected_version=9
        )


def test_commune_staff_read_sites_but_do_not_edit_them(registry, admin, people):
    site = SITES.create(registry, admin, site_values(registry))
    clerk = people["commune"]
    assert SITES.get(registry, clerk, site["id"])["id"] == site["id"]
    with pytest.raises(PermissionDeniedError, match="role 'commune'"):
        SITES.update(registry, clerk, site["id"], {"name": "x"})


def test_commune_staff_record_points_of_their_commune_only(registry, people):
    clerk = people["commune"]
    point = POINTS.create(registry, clerk, point_values(registry))
    assert point["kind"] == "game_point"
    with pytest.raises(PermissionDeniedError, match="outside their commune"):
        POINTS.create(registry, clerk, point_values(registry, commune="Diễn Hồng"))


def test_an_operator_manages_only_its_own_network(registry, admin, people):
    operator = people["operator"]
    own = SITES.create(registry, operator, site_values(registry))
    with pytest.raises(PermissionDeniedError, match="another network"):
        SITES.create(
            registry, operator, site_values(registry, network_code="01", site_code="X1")
        )
    other = SITES.create(
        registry, admin, site_values(registry, network_code="02", site_code="VNP1")
    )
    with pytest.raises(PermissionDeniedError, match="network 02"):
        SITES.update(registry, operator, other["id"], {"name": "x"})
    assert SITES.list(registry, operator)["id"].tolist() == [own["id"]]
    with pytest.raises(PermissionDeniedError, match="role 'operator'"):
        SITES.retire(registry, operator, own["id"], reason="mine")
    with pytest.raises(PermissionDeniedError):
        POINTS.list(registry, operator)


def test_a_viewer_reads_everything_but_no_personal_data_and_writes_nothing(
    registry, admin, people
):
    point = POINTS.create(registry, admin, point_values(registry))
    viewer = people["viewer"]
    seen = POINTS.get(registry, viewer, point["id"])
    assert "owner_name" not in seen and "owner_phone" not in seen
    assert "owner_name" not in POINTS.list(registry, viewer).columns
    with pytest.raises(PermissionDeniedError):
        POINTS.update(registry, viewer, point["id"], {"name": "x"})
    with pytest.raises(PermissionDeniedError):
        SITES.create(registry, viewer, site_values(registry))


def test_the_department_acts_anywhere_but_cannot_manage_users(registry, people):
    department = people["department"]
    SITES.create(registry, department, site_values(registry, commune="Diễn Hồng"))
    with pytest.raises(PermissionDeniedError, match="manage_users"):
        create_user(registry, department, username="x", display_name="x", role="viewer")


def test_a_user_needs_a_real_area_for_an_area_role(registry, admin):
    with pytest.raises(ValidationError, match="area_code"):
        create_user(
            registry,
            admin,
            username="ghost",
            display_name="Ghost",
            role="district",
            area_edition="2025-06",
            area_code="99999",
        )
    with pytest.raises(ValidationError, match="area_edition"):
        create_user(
            registry,
            admin,
            username="ghost2",
            display_name="Ghost",
            role="district",
            area_edition="2025-07",
            area_code="412",
        )


def test_sign_in_checks_the_argon2_hash_and_says_the_same_for_unknown_users(
    registry, people
):
    assert authenticate(registry, "viettel", "secret-pass").network_code == "04"
    with pytest.raises(PermissionDeniedError, match="wrong user name or password"):
        authenticate(registry, "viettel", "wrong-pass")
    with pytest.raises(PermissionDeniedError, match="wrong user name or password"):
        authenticate(registry, "nobody", "secret-pass")
