"""The area a map shows and its classes, on both databases, over a small demo."""

from __future__ import annotations

import numpy as np
import pytest

from registry.access.users import find_actor
from registry.maps.area import area_units, default_level
from registry.maps.data import point_map, site_map
from registry.units.divisions import unit_polygons
from tests.conftest import DEMO_DAY
from tests.maps.test_data import demo  # noqa: F401 (the fixture)


def test_a_district_officer_sees_the_communes_of_the_district_in_classes(demo):  # noqa: F811
    officer = find_actor(demo, "huyen.vinh")
    assert default_level(officer, "2025-06") == "commune"
    shown = site_map(demo, officer, as_of=DEMO_DAY, level="commune")
    communes = unit_polygons(demo, "2025-06", "commune")
    own = communes[communes["parent_code"] == officer.area_code]
    assert sorted(shown.units["code"]) == sorted(own["code"]) and len(own) > 5
    # The communes' counts add up to the district's sites, and they differ.
    assert shown.values.sum() == len(shown.records) > 0
    classes = shown.classes
    assert 1 <= classes.count <= 5
    assert set(classes.index[shown.values.to_numpy() == 0]) <= {0}
    assert (classes.index[shown.values.to_numpy() > 0] >= 1).all()


def test_the_province_s_communes_make_five_classes_and_a_zero_class(demo):  # noqa: F811
    admin = find_actor(demo, "admin")
    # Density: the small demo puts about one site in each commune.
    shown = site_map(demo, admin, as_of=DEMO_DAY, level="commune", metric="per_km2")
    classes = shown.classes
    assert classes.count == 5 and classes.has_zero
    values = shown.values.to_numpy()
    assert (classes.index[values == 0] == 0).all()
    assert (classes.index[values > 0] >= 1).all()
    highs = [high for _, high in classes.bounds]
    lows = [low for low, _ in classes.bounds]
    assert all(h < nxt for h, nxt in zip(highs, lows[1:], strict=False))


def test_the_area_bounds_are_the_district_not_the_province(demo):  # noqa: F811
    officer = find_actor(demo, "huyen.vinh")
    admin = find_actor(demo, "admin")
    own = site_map(demo, officer, as_of=DEMO_DAY, level="commune").units.total_bounds
    whole = site_map(demo, admin, as_of=DEMO_DAY, level="commune").units.total_bounds
    own_size = (own[2] - own[0]) * (own[3] - own[1])
    whole_size = (whole[2] - whole[0]) * (whole[3] - whole[1])
    assert own_size < whole_size / 20


def test_in_the_new_edition_the_area_is_the_new_communes_inside_it(demo):  # noqa: F811
    officer = find_actor(demo, "huyen.vinh")
    units = area_units(demo, officer, "2025-07", "commune")
    everything = unit_polygons(demo, "2025-07", "commune")
    assert 0 < len(units) < len(everything) / 10
    shown = site_map(demo, officer, as_of=DEMO_DAY, edition="2025-07", level="commune")
    # Nearly every site of the district lies in one of those communes.
    inside = shown.records["commune_2025_07"].isin(units["code"]).mean()
    assert inside > 0.9


def test_a_commune_officer_sees_the_commune(demo):  # noqa: F811
    officer = find_actor(demo, "xa.hungdung")
    shown = point_map(demo, officer, as_of=DEMO_DAY, level="commune")
    assert shown.units["code"].tolist() == [officer.area_code]
    district = area_units(demo, officer, "2025-06", "district")
    assert len(district) == 1


@pytest.mark.parametrize("username", ["so.tttt", "khach", "viettel"])
def test_whole_province_users_see_every_unit(demo, username):  # noqa: F811
    actor = find_actor(demo, username)
    assert default_level(actor, "2025-06") == "district"
    units = area_units(demo, actor, "2025-06", "district")
    assert len(units) == len(unit_polygons(demo, "2025-06", "district"))


def test_the_network_over_the_years_is_one_png_of_the_area(demo):  # noqa: F811
    from io import BytesIO

    from PIL import Image

    from registry.maps.multiples import network_years, pick_years

    assert pick_years(2005, 2026) == [2005, 2009, 2013, 2018, 2022, 2026]
    assert pick_years(2020, 2022) == [2020, 2021, 2022]
    officer = find_actor(demo, "huyen.vinh")
    years, png = network_years(demo, officer, as_of=DEMO_DAY)
    assert 4 <= len(years) <= 6 and years[-1] == DEMO_DAY.year
    image = Image.open(BytesIO(png))
    assert image.format == "PNG" and image.width > 600
    # Later years hold more sites: more coloured (non-grey, non-white) pixels.
    pixels = np.asarray(image.convert("RGB")).astype(int)
    coloured = (pixels.max(axis=2) - pixels.min(axis=2)) > 60
    half = image.height // 2
    assert coloured[half:].sum() > coloured[:half].sum() > 0
    few, two = network_years(demo, officer, years=[2010, 2020], as_of=DEMO_DAY)
    assert few == [2010, 2020] and two[:4] == b"\x89PNG"
