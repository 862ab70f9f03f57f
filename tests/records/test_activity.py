"""Recent changes, the user's profile, trial imports and figures for each role."""

from __future__ import annotations

import pytest

from registry.access.profile import actor_profile
from registry.access.users import create_user
from registry.files.preview import preview_import
from registry.records.activity import recent_changes
from registry.records.by_kind import POINTS, SITES
from registry.records.stats import compute_stats
from tests.factories import commune_centroid, point_values, site_values


def _clerk(registry, admin, commune: str = "Hưng Dũng"):
    _, _, code = commune_centroid(registry, commune)
    return create_user(
        registry,
        admin,
        username="xa.clerk",
        display_name=f"Cán bộ {commune}",
        role="commune",
        area_edition="2025-06",
        area_code=code,
    )


@pytest.fixture
def changes(registry, admin):
    """A site and a point in Hưng Dũng, a site in Vĩnh Sơn, each edited once."""
    here = SITES.create(registry, admin, site_values(registry, site_code="H-1"))
    there = SITES.create(
        registry, admin, site_values(registry, "Vĩnh Sơn", site_code="V-1")
    )
    point = POINTS.create(registry, admin, point_values(registry))
    SITES.update(registry, admin, here["id"], {"name": "Trạm mới"}, reason="Đổi tên")
    SITES.update(registry, admin, there["id"], {"name": "Trạm xa"})
    POINTS.update(registry, admin, point["id"], {"owner_phone": "0911 000 111"})
    return {"here": here["id"], "there": there["id"], "point": point["id"]}


def test_the_department_sees_the_latest_changes_first(registry, admin, changes):
    frame = recent_changes(registry, admin, limit=4)
    assert len(frame) == 4
    assert frame["at"].is_monotonic_decreasing
    latest = frame.iloc[0]
    assert (latest["action"], latest["record_type"]) == ("update", "point")
    assert latest["changed"] == ["owner_phone"]
    assert latest["actor"] == "admin"


def test_a_commune_user_sees_only_changes_of_their_commune(registry, admin, changes):
    clerk = _clerk(registry, admin)
    frame = recent_changes(registry, clerk)
    assert set(frame["record_id"]) == {changes["here"], changes["point"]}
    rename = frame[frame["changed"].map(lambda c: c == ["name"])].iloc[0]
    assert (rename["record_name"], rename["reason"]) == ("Trạm mới", "Đổi tên")
    assert "user" not in set(frame["record_type"])


def test_viewers_see_neither_who_nor_why_nor_personal_fields(registry, admin, changes):
    viewer = create_user(
        registry, admin, username="khach", display_name="Khách", role="viewer"
    )
    frame = recent_changes(registry, viewer)
    assert frame["actor"].isna().all() and frame["reason"].isna().all()
    point = frame[frame["record_type"] == "point"]
    assert point["record_id"].tolist() == [changes["point"], changes["point"]]
    assert point["changed"].tolist() == [[], []]  # the phone number changed


def test_an_operator_sees_changes_of_their_network_only(registry, admin, changes):
    other = create_user(
        registry,
        admin,
        username="mobifone",
        display_name="MobiFone",
        role="operator",
        network_code="01",
    )
    assert recent_changes(registry, other).empty
    viettel = create_user(
        registry,
        admin,
        username="viettel",
        display_name="Viettel",
        role="operator",
        network_code="04",
    )
    frame = recent_changes(registry, viettel)
    assert set(frame["record_type"]) == {"site"}
    assert frame["actor"].isna().all()


def test_a_batch_counts_only_the_records_the_user_may_see(registry, admin):
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    far_lat, far_lon, _ = commune_centroid(registry, "Vĩnh Sơn")
    content = (
        "network_code,site_code,name,latitude,longitude,structure_type\n"
        f"04,B-1,Một,{lat},{lon},ground_tower\n"
        f"04,B-2,Hai,{far_lat},{far_lon},ground_tower\n"
    ).encode()
    from registry.files.imports import import_records

    import_records(registry, admin, "sites", content, filename="lo.csv")
    batch = recent_changes(registry, _clerk(registry, admin)).iloc[0]
    assert (batch["action"], batch["records"]) == ("create_batch", 1)


def test_the_limit_is_checked(registry, admin):
    with pytest.raises(ValueError, match="'limit' should be a whole number"):
        recent_changes(registry, admin, limit=0)


def test_a_profile_names_the_users_area(registry, admin):
    profile = actor_profile(registry, _clerk(registry, admin))
    assert (profile.display_name, profile.area_name) == (
        "Cán bộ Hưng Dũng",
        "Phường Hưng Dũng",
    )
    assert actor_profile(registry, admin).area_name is None


def test_a_trial_import_returns_the_first_rows_and_the_report(registry, admin):
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    content = (
        "Mã mạng,Mã trạm,Tên trạm,Vĩ độ,Kinh độ,Loại công trình\n"
        f"04,P-1,Một,{lat},{lon},ground_tower\n"
        "04,P-2,Hai,10.7,106.7,ground_tower\n"
    ).encode()
    trial = preview_import(registry, admin, "sites", content, filename="a.csv", rows=1)
    assert trial.preview["row"].tolist() == [2]
    assert [(p.row, p.column) for p in trial.report.errors] == [(3, "latitude")]
    assert trial.report.dry_run and trial.report.stored == 0


def test_an_operator_gets_figures_without_points(registry, admin):
    SITES.create(registry, admin, site_values(registry))
    viettel = create_user(
        registry,
        admin,
        username="viettel",
        display_name="Viettel",
        role="operator",
        network_code="04",
    )
    stats = compute_stats(registry, viettel)
    assert stats.sites_by_operator == {"Viettel": 1}
    assert stats.points_by_kind == {} and stats.certificates_expired == 0
