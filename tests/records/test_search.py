"""Finding records as people type (registry.records.search), on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from registry.access.users import create_user
from registry.kernel.errors import PermissionDeniedError
from registry.records.by_kind import POINTS, SITES
from registry.records.search import fold_text, record_view, search_records
from tests.factories import commune_centroid, point_values, site_values

SITE_ROWS = (
    ("VS-1", "Trạm Vĩnh Sơn", "Vĩnh Sơn"),  # Anh Sơn district
    ("HS-1", "Trạm Hoà Sơn", "Hòa Sơn"),  # Đô Lương; tone mark placed the old way
    ("HD-1", "Trạm Hưng Dũng", "Hưng Dũng"),  # Vinh city
    ("YH-1", "Trạm Yên Hòa", "Yên Hòa"),  # Tương Dương
)


@pytest.fixture
def sites(registry, admin) -> dict[str, int]:
    """Four sites in four communes, by code."""
    ids = {}
    for code, name, commune in SITE_ROWS:
        record = SITES.create(
            registry,
            admin,
            site_values(registry, commune, site_code=code, name=name),
        )
        ids[code] = record["id"]
    return ids


def _codes(frame) -> set[str]:
    return set(frame["site_code"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("vinh", {"VS-1", "HD-1"}),  # Vĩnh Sơn by name, Hưng Dũng by Thành phố Vinh
        ("VĨNH", {"VS-1", "HD-1"}),
        ("hoa", {"HS-1", "YH-1"}),
        ("Hòa Sơn", {"HS-1"}),  # the query's tone mark sits elsewhere than the name's
        ("son vinh", {"VS-1"}),  # every word must match, in any order
        ("hs-1", {"HS-1"}),  # site code, ignoring case and the hyphen
        ("", {"VS-1", "HS-1", "HD-1", "YH-1"}),
        ("không có", set()),
    ],
)
def test_search_ignores_case_diacritics_and_tone_mark_placement(
    registry, admin, sites, query, expected
):
    assert _codes(search_records(registry, admin, "site", query)) == expected


def test_search_is_limited_to_the_users_area(registry, admin, sites):
    _, _, commune = commune_centroid(registry, "Hưng Dũng")
    clerk = create_user(
        registry,
        admin,
        username="xa.hd",
        display_name="Hưng Dũng",
        role="commune",
        area_edition="2025-06",
        area_code=commune,
    )
    assert _codes(search_records(registry, clerk, "site", "")) == {"HD-1"}
    assert _codes(search_records(registry, clerk, "site", "vinh")) == {"HD-1"}


def test_points_can_be_limited_to_some_kinds(registry, admin):
    POINTS.create(registry, admin, point_values(registry, name="Phòng game Hoà"))
    POINTS.create(
        registry,
        admin,
        point_values(registry, kind="internet_agent", name="Đại lý Hòa"),
    )
    games = search_records(registry, admin, "point", "hoa", kinds=["game_point"])
    assert games["name"].tolist() == ["Phòng game Hoà"]
    assert len(search_records(registry, admin, "point", "hoa")) == 2


@pytest.mark.parametrize(
    ("record_type", "kinds", "message"),
    [
        ("site", ["game_point"], "'kinds' applies to points only"),
        ("point", ["cafe"], "'kinds' should hold kinds of point"),
    ],
)
def test_wrong_kinds_are_named_in_the_error(
    registry, admin, record_type, kinds, message
):
    with pytest.raises(ValueError, match=message):
        search_records(registry, admin, record_type, "", kinds=kinds)


def test_the_search_key_is_plain_ascii():
    assert fold_text("Thị xã Thái Hoà") == "thixathaihoa"
    assert fold_text("Đông Vĩnh") == fold_text("dong vinh")
    assert fold_text(None) == ""


def test_a_record_view_names_its_units_in_both_editions(registry, admin, sites):
    view = record_view(registry, admin, "site", sites["HD-1"])
    old, new = view["unit_names"]["2025-06"], view["unit_names"]["2025-07"]
    assert (old["commune"], old["district"]) == ("Phường Hưng Dũng", "Thành phố Vinh")
    assert new["commune"] and new["district"] is None
    assert view["history"][0]["recorded_by"] == "admin"


def test_a_record_view_hides_who_recorded_from_viewers(registry, admin, sites):
    viewer = create_user(
        registry, admin, username="khach", display_name="Khách", role="viewer"
    )
    view = record_view(registry, viewer, "site", sites["VS-1"])
    assert view["audit"] == []
    assert all(
        set(entry) == {"status", "effective_on", "recorded_at"}
        for entry in view["history"]
    )


def test_a_record_view_outside_the_area_is_refused(registry, admin, sites):
    _, _, commune = commune_centroid(registry, "Hưng Dũng")
    clerk = create_user(
        registry,
        admin,
        username="xa.hd",
        display_name="Hưng Dũng",
        role="commune",
        area_edition="2025-06",
        area_code=commune,
    )
    with pytest.raises(PermissionDeniedError):
        record_view(registry, clerk, "site", sites["VS-1"])
