"""The demo province: deterministic, labelled, shaped like Nghệ An's network."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geodata.approximate import province_outline
from geodata.assign import points_inside
from geodata.land import on_land
from registry.access.users import authenticate, find_actor
from registry.demo.load import DEMO_USERS, load_demo
from registry.kernel.dataset import is_demo
from registry.kernel.db import open_registry
from registry.records.by_kind import POINTS, SITES
from tests.conftest import (
    DEMO_DAY,
    FULL_DEMO,
    database_url_for,
    full_demo,
    registry_config,
)


@pytest.fixture
def demo(open_world):
    """A registry with the full-size demo data set, as of a fixed day (a copy of
    the session's demo world)."""
    return open_world(FULL_DEMO, full_demo)


def test_the_demo_has_five_thousand_sites_in_every_commune_and_is_labelled(demo, admin):
    registry, report = demo
    sites = SITES.list(registry, admin)
    assert report.sites == len(sites) == 5000
    assert sites["commune_2025_06"].nunique() == 412
    assert (sites["source"] == "demo").all() and (sites["coord_source"] == "demo").all()
    assert sites["notes"].str.contains("demo").all()
    assert is_demo(registry)


def test_every_demo_site_and_point_stands_on_land(demo, admin):
    """Not at sea nor across the Lao border (377 of 5,000 sites and 43 points were,
    before the demo drew on land only), and inside the province's outline."""
    registry, _ = demo
    outline = province_outline("40")
    for frame in (SITES.list(registry, admin), POINTS.list(registry, admin)):
        lat, lon = frame["latitude"].to_numpy(), frame["longitude"].to_numpy()
        assert on_land(lat, lon).all()
        assert points_inside(lat, lon, outline).all()


def test_sites_are_dense_in_vinh_and_sparse_in_the_western_mountains(demo, admin):
    registry, _ = demo
    sites = SITES.list(registry, admin)
    per_district = sites.groupby("district_name_2025_06").size()
    assert per_district["Thành phố Vinh"] > 4 * per_district["Huyện Kỳ Sơn"]


def test_the_network_grew_from_2005_with_3g_4g_and_5g_in_their_eras(demo, admin):
    registry, _ = demo
    counts = [
        len(SITES.list(registry, admin, as_of=date(year, 12, 31)))
        for year in (2005, 2010, 2015, 2020, 2025)
    ]
    assert counts == sorted(counts) and counts[0] > 0 and counts[-1] > 4000
    sites = SITES.list(registry, admin)
    assert pd.to_datetime(sites["on_air_3g"]).min() >= pd.Timestamp("2009-10-12")
    assert pd.to_datetime(sites["on_air_4g"]).min() >= pd.Timestamp("2017-04-18")
    five_g = sites[sites["on_air_5g"].notna()]
    assert pd.to_datetime(five_g["on_air_5g"]).min() >= pd.Timestamp("2024-10-15")
    urban = five_g["commune_name_2025_06"].str.startswith(("Phường", "Thị trấn"))
    assert urban.mean() > 0.5


def test_operator_shares_and_co_location_are_plausible(demo, admin):
    registry, _ = demo
    sites = SITES.list(registry, admin)
    shares = sites["network_code"].value_counts(normalize=True)
    assert shares.index[0] == "04" and 0.35 < shares["04"] < 0.5
    assert 0.1 < sites["co_located"].notna().mean() < 0.2


def test_points_include_expired_and_missing_certificates_and_some_flags(demo, admin):
    registry, report = demo
    points = POINTS.list(registry, admin)
    games = points[points["kind"] == "game_point"]
    assert 300 <= len(points) == report.points
    assert (
        pd.to_datetime(games["certificate_expires_on"]) < pd.Timestamp(DEMO_DAY)
    ).any()
    assert games["certificate_number"].isna().any()
    assert 0 < report.flagged < 0.05 * (report.sites + report.points)


def test_every_demo_user_can_sign_in(demo):
    registry, report = demo
    assert report.users == [u[0] for u in DEMO_USERS]
    for username in report.users:
        assert authenticate(registry, username, "demo-2025").username == username


def test_the_demo_is_the_same_every_time(templates, admin, registry):
    other_url = database_url_for("sqlite", templates)
    other = open_registry(registry_config({"REGISTRY_DATABASE_URL": other_url}))
    load_demo(registry, admin, sites=300, today=DEMO_DAY)
    load_demo(other, find_actor(other, "admin"), sites=300, today=DEMO_DAY)
    columns = [
        "network_code",
        "site_code",
        "latitude",
        "longitude",
        "on_air_4g",
        "status",
    ]
    first = SITES.list(registry, admin)[columns]
    second = SITES.list(other, find_actor(other, "admin"))[columns]
    pd.testing.assert_frame_equal(first, second)
    other.engine.dispose()
