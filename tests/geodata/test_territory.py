"""The province's territory: unions of unit polygons, points in it, areas."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import box

from geodata.crs import UTM48N, VN2000_UTM48N, WGS84
from geodata.errors import InvalidInputError
from geodata.territory import (
    Territory,
    areas_km2,
    metric_outline,
    territory_of,
    units_outline,
)
from tests.geodata.fixtures import NEAR_VINH, bow_tie, two_squares

X0, Y0 = NEAR_VINH
MIDDLE_LAT = Y0 + 0.005
PACKAGE_BOX = (X0 + 0.002, Y0 + 0.002, X0 + 0.018, Y0 + 0.008)


def _land(name="Thử") -> Territory:
    return territory_of(name, PACKAGE_BOX, units_outline([two_squares()]))


# -- units_outline ---------------------------------------------------------------


def test_the_outline_of_two_squares_is_one_rectangle_without_the_shared_edge():
    outline = units_outline([two_squares()])
    assert outline.geom_type == "Polygon"
    assert outline.equals(box(X0, Y0, X0 + 0.02, Y0 + 0.01))


def test_the_outline_unites_several_sets_and_ignores_missing_geometries():
    squares = two_squares()
    west, east = squares.iloc[[0]], squares.geometry.iloc[[1]]
    far = gpd.GeoSeries([box(X0 + 1, Y0, X0 + 1.01, Y0 + 0.01), None], crs=WGS84)
    outline = units_outline([west, east, far])
    assert outline.geom_type == "MultiPolygon"
    assert outline.area == pytest.approx(3 * 0.01 * 0.01)


def test_the_outline_of_nothing_is_empty():
    assert units_outline([]).is_empty
    assert units_outline([gpd.GeoSeries([], crs=WGS84)]).is_empty


# -- Territory.inside / near -----------------------------------------------------


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        (MIDDLE_LAT, X0 + 0.005, True),  # inside the western square
        (MIDDLE_LAT, X0 + 0.01, True),  # on the edge the two squares share
        (MIDDLE_LAT, X0, True),  # on the outline itself: the border counts
        (Y0, X0, True),  # on a corner of the outline
        (MIDDLE_LAT, X0 - 0.001, False),  # just outside
        (np.nan, X0 + 0.005, False),
    ],
)
def test_inside_tells_points_in_the_outline_or_on_its_border(lat, lon, expected):
    assert _land().inside([lat], [lon]).tolist() == [expected]


def test_inside_takes_latitude_first_and_a_swapped_pair_falls_outside():
    land = _land()
    lat, lon = MIDDLE_LAT, X0 + 0.005
    assert land.inside(np.array([lat]), np.array([lon]))[0]
    assert not land.inside(np.array([lon]), np.array([lat]))[0]


def test_inside_refuses_arrays_of_different_lengths():
    with pytest.raises(InvalidInputError, match="as many values as lat"):
        _land().inside([Y0, Y0], [X0])


def test_near_takes_a_margin_in_degrees_around_the_outline():
    land = _land()
    lat = np.array([MIDDLE_LAT, MIDDLE_LAT, MIDDLE_LAT])
    lon = np.array([X0 + 0.005, X0 - 0.01, X0 - 0.03])  # inside, ~1 km, ~3 km out
    assert land.near(lat, lon, 0.02).tolist() == [True, True, False]
    assert land.near(lat, lon, 0.005).tolist() == [True, False, False]
    assert land.near(lat[[1]], lon[[1]], 0.0).tolist() == [False]
    assert land.near([MIDDLE_LAT], [X0], 0.0).tolist() == [True]  # on the border


# -- territory_of ----------------------------------------------------------------


def test_the_box_covers_both_the_package_box_and_the_outline():
    land = _land()
    assert land.name == "Thử"
    assert land.bounds == pytest.approx((X0, Y0, X0 + 0.02, Y0 + 0.01))
    wide = territory_of("x", (X0 - 1, Y0 - 1, X0 + 1, Y0 + 1), land.outline)
    assert wide.bounds == pytest.approx((X0 - 1, Y0 - 1, X0 + 1, Y0 + 1))
    assert all(isinstance(b, float) for b in wide.bounds)


def test_the_outline_is_prepared_for_point_tests():
    outline = units_outline([two_squares()])
    assert not shapely.is_prepared(outline)
    assert shapely.is_prepared(territory_of("x", PACKAGE_BOX, outline).outline)


def test_an_empty_outline_keeps_the_package_box_and_holds_no_point():
    land = territory_of("x", PACKAGE_BOX, shapely.Polygon())
    assert land.bounds == pytest.approx(PACKAGE_BOX)
    assert land.inside([MIDDLE_LAT], [X0 + 0.005]).tolist() == [False]
    assert land.near([MIDDLE_LAT], [X0 + 0.005], 0.02).tolist() == [False]


def test_territory_of_refuses_what_is_not_a_geometry():
    with pytest.raises(InvalidInputError, match="'outline'"):
        territory_of("x", PACKAGE_BOX, two_squares())


# -- metric_outline --------------------------------------------------------------


def test_the_metric_outline_is_in_utm_metres_and_leaves_its_input_alone():
    outline = units_outline([two_squares()])
    before = shapely.to_wkb(outline)
    metric = metric_outline(outline)
    assert shapely.to_wkb(outline) == before
    minx, miny, maxx, maxy = metric.bounds
    assert 560_000 < minx < 566_000 and 2_055_000 < miny < 2_060_000
    # 0.02° by 0.01° at 18.6° N: about 2.1 km by 1.1 km.
    assert maxx - minx == pytest.approx(2_110, rel=0.01)
    assert maxy - miny == pytest.approx(1_106, rel=0.01)
    expected = gpd.GeoSeries([outline], crs=WGS84).to_crs(UTM48N).iloc[0]
    assert metric.equals_exact(expected, 1e-6)


def test_the_metric_outline_is_valid_even_from_a_bow_tie():
    tie = bow_tie()
    assert not tie.is_valid
    metric = metric_outline(tie)
    assert metric.is_valid and metric.area > 0


def test_the_metric_outline_refuses_a_frame():
    with pytest.raises(InvalidInputError, match="'outline'"):
        metric_outline(two_squares())


# -- areas_km2 -------------------------------------------------------------------


def test_areas_are_square_kilometres_measured_in_utm():
    areas = areas_km2(two_squares())
    # 0.01° by 0.01° at 18.6° N: about 1.055 km by 1.106 km.
    assert areas == pytest.approx([1.167, 1.167], rel=0.01)
    assert areas_km2(two_squares().to_crs(UTM48N)) == pytest.approx(areas, rel=1e-9)


def test_areas_honour_the_declared_crs_not_the_numbers():
    # The same numbers declared as VN-2000 / UTM 48N metres: 0.01 m squares.
    metres = two_squares().set_crs(VN2000_UTM48N, allow_override=True)
    assert areas_km2(metres) == pytest.approx([1e-10, 1e-10], rel=0.01)


def test_a_frame_with_latitude_and_longitude_swapped_has_no_area():
    squares = two_squares()
    swapped = squares.set_geometry(
        shapely.transform(squares.geometry.values, lambda xy: xy[:, ::-1])
    )
    # (18.6° E, 105.6° N) is no place: no plausible figure comes out.
    with np.errstate(invalid="ignore"):
        assert np.isnan(areas_km2(swapped)).all()


def test_an_empty_geometry_has_no_area_and_a_missing_one_none():
    frame = gpd.GeoDataFrame(
        {"code": ["e", "m"]}, geometry=[shapely.Polygon(), None], crs=WGS84
    )
    areas = areas_km2(frame)
    assert areas[0] == 0 and np.isnan(areas[1])


def test_areas_refuse_a_frame_without_crs():
    with pytest.raises(InvalidInputError, match="'polygons'"):
        areas_km2(gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1)]))
