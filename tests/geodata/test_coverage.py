"""Coverage arithmetic on small hand-made cases (no database).

Units are squares laid out in WGS 84 / UTM 48N (so their true areas are known
exactly) around a point in Nghệ An; sites are given in WGS 84 like stored records.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod, Transformer

from geodata.coverage import coverage_discs, coverage_union, covered_area_by_unit
from geodata.crs import UTM48N, WGS84
from geodata.errors import InvalidInputError

# Easting/northing of a point near Vinh (about 18.68 N, 105.68 E).
X0, Y0 = 572_000.0, 2_065_000.0
TO_WGS84 = Transformer.from_crs(UTM48N, WGS84, always_xy=True)


def lat_lon(x: float, y: float) -> tuple[float, float]:
    """WGS 84 (lat, lon) of a UTM 48N point."""
    lon, lat = TO_WGS84.transform(x, y)
    return lat, lon


def squares(*corners: tuple[float, float], side: float) -> gpd.GeoDataFrame:
    """Square units of ``side`` metres with their lower-left corners, in UTM 48N,
    coded A, B, C… in order."""
    boxes = [shapely.box(x, y, x + side, y + side) for x, y in corners]
    codes = [chr(ord("A") + i) for i in range(len(boxes))]
    return gpd.GeoDataFrame({"code": codes}, geometry=boxes, crs=UTM48N)


def covered(units, lats, lons, radius, clip=None):
    discs = coverage_discs(lats, lons, radius)
    return covered_area_by_unit(units, coverage_union(discs, clip=clip))


def test_one_disc_in_a_square_commune_covers_pi_r_squared_over_the_side_squared():
    side, radius = 10_000.0, 1_500.0
    units = squares((X0, Y0), side=side)
    lat, lon = lat_lon(X0 + side / 2, Y0 + side / 2)
    result = covered(units, [lat], [lon], radius)
    expected = math.pi * radius**2 / side**2
    assert result.loc["A", "share"] == pytest.approx(expected, rel=1e-4)
    assert result.loc["A", "area_km2"] == pytest.approx(100.0, rel=1e-9)
    assert result.loc["A", "covered_km2"] == pytest.approx(math.pi * 1.5**2, rel=1e-4)


def test_two_overlapping_discs_are_counted_once():
    side, radius, apart = 10_000.0, 1_000.0, 1_000.0
    units = squares((X0, Y0), side=side)
    centre = (X0 + side / 2, Y0 + side / 2)
    a = lat_lon(centre[0] - apart / 2, centre[1])
    b = lat_lon(centre[0] + apart / 2, centre[1])
    result = covered(units, [a[0], b[0]], [a[1], b[1]], radius)
    lens = 2 * radius**2 * math.acos(apart / (2 * radius)) - (apart / 2) * math.sqrt(
        4 * radius**2 - apart**2
    )
    union = 2 * math.pi * radius**2 - lens
    assert result.loc["A", "covered_km2"] * 1e6 == pytest.approx(union, rel=5e-3)
    # Counting each disc whole would give 2πr², about 24 % more.
    assert result.loc["A", "covered_km2"] * 1e6 < 0.85 * 2 * math.pi * radius**2


def test_the_same_disc_twice_covers_what_one_covers():
    units = squares((X0, Y0), side=10_000.0)
    lat, lon = lat_lon(X0 + 5_000, Y0 + 5_000)
    once = covered(units, [lat], [lon], 2_000.0)
    twice = covered(units, [lat, lat], [lon, lon], 2_000.0)
    assert twice.loc["A", "covered_km2"] == pytest.approx(once.loc["A", "covered_km2"])


def test_a_disc_crossing_a_commune_border_is_split_between_the_two():
    side, radius = 6_000.0, 2_000.0
    units = squares((X0, Y0), (X0 + side, Y0), side=side)
    # On the shared border, 1 km into B's half: not symmetric on purpose.
    lat, lon = lat_lon(X0 + side + 1_000, Y0 + side / 2)
    result = covered(units, [lat], [lon], radius)
    # Part of the disc west of the border (circular segment at distance d = 1 km).
    d = 1_000.0
    segment = radius**2 * math.acos(d / radius) - d * math.sqrt(radius**2 - d**2)
    total = math.pi * radius**2
    assert result.loc["A", "covered_km2"] * 1e6 == pytest.approx(segment, rel=1e-2)
    assert result.loc["B", "covered_km2"] * 1e6 == pytest.approx(
        total - segment, rel=1e-2
    )
    assert result["covered_km2"].sum() * 1e6 == pytest.approx(total, rel=1e-4)


def test_areas_are_measured_in_metres_not_degrees():
    """A 0.1° square near 18.7° N is about 117 km², not 0.01 "square degrees";
    a 1 km disc in it covers π km² of it."""
    lon0, lat0 = 105.6, 18.7
    square = shapely.box(lon0, lat0, lon0 + 0.1, lat0 + 0.1)
    units = gpd.GeoDataFrame({"code": ["A"]}, geometry=[square], crs=WGS84)
    geodesic_m2 = abs(Geod(ellps="WGS84").geometry_area_perimeter(square)[0])
    result = covered(units, [lat0 + 0.05], [lon0 + 0.05], 1_000.0)
    assert result.loc["A", "area_km2"] * 1e6 == pytest.approx(geodesic_m2, rel=2e-3)
    assert result.loc["A", "covered_km2"] == pytest.approx(math.pi, rel=2e-3)
    assert result.loc["A", "share"] == pytest.approx(
        math.pi * 1e6 / geodesic_m2, rel=3e-3
    )


def test_the_union_is_clipped_to_the_outline():
    units = squares((X0, Y0), side=10_000.0)
    outline = shapely.box(X0, Y0, X0 + 10_000, Y0 + 10_000)
    lat, lon = lat_lon(X0, Y0 + 5_000)  # on the west edge: half outside
    discs = coverage_discs([lat], [lon], 1_000.0)
    clipped = coverage_union(discs, clip=outline)
    assert shapely.area(clipped) == pytest.approx(math.pi * 1e6 / 2, rel=1e-3)
    result = covered_area_by_unit(units, clipped)
    assert result.loc["A", "covered_km2"] == pytest.approx(math.pi / 2, rel=1e-3)


def test_per_site_radii_and_no_sites():
    units = squares((X0, Y0), side=20_000.0)
    a = lat_lon(X0 + 5_000, Y0 + 5_000)
    b = lat_lon(X0 + 15_000, Y0 + 15_000)
    result = covered(units, [a[0], b[0]], [a[1], b[1]], [1_000.0, 2_000.0])
    assert result.loc["A", "covered_km2"] == pytest.approx(math.pi * 5, rel=1e-4)
    empty = covered(units, [], [], 1_000.0)
    assert empty.loc["A", "covered_km2"] == 0 and empty.loc["A", "share"] == 0


@pytest.mark.parametrize("radius", [0, -5, float("nan"), "far"])
def test_a_bad_radius_is_refused_with_its_name(radius):
    with pytest.raises(InvalidInputError, match="radius_m"):
        coverage_discs([18.7], [105.6], radius)


def test_units_without_a_crs_are_refused():
    units = gpd.GeoDataFrame({"code": ["A"]}, geometry=[shapely.box(0, 0, 1, 1)])
    with pytest.raises(InvalidInputError, match="units"):
        covered_area_by_unit(units, shapely.Polygon())


def test_discs_are_built_in_one_vectorised_call_for_many_sites():
    rng = np.random.default_rng(3)
    lat = 18.5 + rng.random(2000) * 0.5
    lon = 105.2 + rng.random(2000) * 0.5
    discs = coverage_discs(lat, lon, 800.0)
    assert len(discs) == 2000
    assert shapely.area(discs) == pytest.approx(np.full(2000, math.pi * 640_000))


def test_map_layers_escape_names_and_draw_polygons():
    from geodata.map_coverage import (
        add_coverage_layer,
        add_unit_outlines,
        coverage_legend,
    )
    from geodata.maps import add_legend, base_map

    hostile = "<img src=x onerror=alert(1)>"
    m = base_map((105.5, 18.6, 105.8, 18.8), tiles=None)
    lat, lon = lat_lon(X0, Y0)
    disc = coverage_union(coverage_discs([lat], [lon], 1_000.0))
    from geodata.coverage import to_wgs84_geometry

    add_coverage_layer(
        m, to_wgs84_geometry(disc), color="#2a9d8f", name="Vùng phủ 4G", tooltip=hostile
    )
    units = squares((X0, Y0), side=5_000.0).assign(name=[hostile], detail=["x < y"])
    add_unit_outlines(m, units, name="Vùng lõm sóng 4G", detail_column="detail")
    add_legend(m, coverage_legend("Vùng phủ sóng", [("#2a9d8f", hostile)], gaps=None))
    page = m.get_root().render()
    assert hostile not in page
    # HTML-escaped, then JSON-escaped by the template (& is written \u0026).
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in page
    assert "x \\u0026lt; y" in page and page.count('"Polygon"') == 2
    with pytest.raises(InvalidInputError, match="color"):
        add_coverage_layer(m, disc, color="red;x", name="a", tooltip="b")
