"""Map data and growth figures, on both databases, over a small demo province."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from registry.access.users import find_actor
from registry.demo.load import load_demo
from registry.maps.data import MapFilters, certificate_states, point_map, site_map
from registry.maps.growth import TOTAL_LABEL, growth_by_year, technology_growth
from tests.conftest import DEMO_DAY


def _small_demo(registry):
    load_demo(registry, find_actor(registry, "admin"), sites=400, today=DEMO_DAY)


@pytest.fixture
def demo(open_world):
    """A registry with a 400-site demo, as of a fixed day (a copy of the session's
    demo world)."""
    return open_world("demo-400", _small_demo)[0]


def test_the_site_map_shows_the_network_as_it_stood_on_a_date(demo, admin):
    then = site_map(demo, admin, as_of=date(2010, 12, 31))
    now = site_map(demo, admin, as_of=DEMO_DAY)
    assert 0 < len(then.records) < len(now.records)
    assert then.values.sum() == then.records["district_2025_06"].notna().sum()
    assert now.approximate and now.level == "district" and len(now.units) == 20


def test_density_is_the_count_divided_by_the_unit_area(demo, admin):
    counts = site_map(demo, admin, as_of=DEMO_DAY, edition="2025-07", level="commune")
    density = site_map(
        demo,
        admin,
        as_of=DEMO_DAY,
        edition="2025-07",
        level="commune",
        metric="per_km2",
    )
    areas = counts.units.set_index("code")["area_km2"]
    assert len(counts.units) == 130
    assert (density.values - counts.values / areas).abs().max() < 1e-9


@pytest.mark.parametrize(
    ("filters", "check"),
    [
        (MapFilters(networks=("04",)), lambda r: (r["network_code"] == "04").all()),
        (
            MapFilters(technologies=("5G",)),
            lambda r: r["technologies"].str.contains("5G").all(),
        ),
        (MapFilters(statuses=("on_air",)), lambda r: (r["status"] == "on_air").all()),
        (
            MapFilters(structures=("rooftop_pole",)),
            lambda r: (r["structure_type"] == "rooftop_pole").all(),
        ),
    ],
)  # fmt: skip
def test_filters_narrow_the_sites(demo, admin, filters, check):
    everything = site_map(demo, admin, as_of=DEMO_DAY)
    narrowed = site_map(demo, admin, as_of=DEMO_DAY, filters=filters)
    assert 0 < len(narrowed.records) < len(everything.records)
    assert check(narrowed.records)


def test_a_district_officer_sees_only_the_district(demo):
    officer = find_actor(demo, "huyen.vinh")
    shown = site_map(demo, officer, as_of=DEMO_DAY)
    assert shown.records["district_name_2025_06"].eq("Thành phố Vinh").all()
    assert (shown.values > 0).sum() == 1


def test_points_are_coloured_by_certificate_state(demo, admin):
    shown = point_map(demo, admin, as_of=DEMO_DAY)
    games = shown.records[shown.records["kind"] == "game_point"]
    others = shown.records[shown.records["kind"] != "game_point"]
    assert {"valid", "expired"} <= set(games["certificate_state"])
    assert set(others["certificate_state"]) == {"none"}


@pytest.mark.parametrize(
    ("expires", "state"),
    [
        (None, "none"),
        ("2026-10-31", "expired"),
        ("2026-11-01", "expiring"),
        ("2026-12-31", "expiring"),
        ("2027-01-01", "valid"),
    ],
)
def test_certificate_state_boundaries(expires, state):
    frame = pd.DataFrame({"certificate_expires_on": [expires]})
    assert certificate_states(frame, date(2026, 11, 1)).iloc[0] == state


def test_growth_per_district_adds_up_and_grows(demo, admin):
    table = growth_by_year(demo, admin, until=DEMO_DAY)
    totals = table.loc[TOTAL_LABEL]
    assert list(table.columns) == list(range(2005, 2027))
    assert totals[2005] < totals[2015] < totals[2026]
    on_air = site_map(
        demo, admin, as_of=DEMO_DAY, filters=MapFilters(statuses=("on_air",))
    )
    assert totals[2026] == len(on_air.records)


def test_5g_appears_only_from_2024(demo, admin):
    table = technology_growth(demo, admin, until=DEMO_DAY)
    assert table.loc[2023, "5G"] == 0 and table.loc[2026, "5G"] > 0
    assert table.loc[2008, "3G"] == 0 and table.loc[2012, "3G"] > 0


def test_an_unknown_level_is_refused(demo, admin):
    with pytest.raises(ValueError, match="level"):
        site_map(demo, admin, edition="2025-07", level="district")
