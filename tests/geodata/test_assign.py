"""Assigning points to unit polygons, and testing points against an outline."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geodata.approximate import approximate_unit_polygons, province_outline
from geodata.assign import PointAssigner, assign_points, points_inside
from geodata.errors import InvalidInputError
from tests.geodata.fixtures import (
    NEAR_VINH,
    PROVINCE,
    far_point,
    random_cells,
    random_points,
    two_squares,
)

X0, Y0 = NEAR_VINH
SHARED_EDGE_LON = X0 + 0.01
MIDDLE_LAT = Y0 + 0.005


@pytest.mark.parametrize(
    ("lon", "lat", "expected"),
    [
        (X0 + 0.005, MIDDLE_LAT, "A"),  # inside the western square
        (X0 + 0.015, MIDDLE_LAT, "B"),  # inside the eastern square
        (X0 + 0.02 + 0.002, MIDDLE_LAT, "B"),  # ~210 m east of B: snapped
        (X0 - 0.003, MIDDLE_LAT, "A"),  # ~320 m west of A: snapped
        (X0 + 0.02 + 0.006, MIDDLE_LAT, None),  # ~630 m away: too far
        (X0, Y0, "A"),  # on A's outer corner
    ],
)
def test_a_point_goes_to_the_polygon_holding_it_or_the_nearest_within_500_m(
    lon, lat, expected
):
    assert assign_points([lat], [lon], two_squares())[0] == expected


@pytest.mark.parametrize("order", ["AB", "BA"])
def test_a_point_on_a_shared_edge_goes_to_the_first_polygon_in_row_order(order):
    codes = assign_points(
        [MIDDLE_LAT, Y0, Y0 + 0.01],
        [SHARED_EDGE_LON] * 3,
        two_squares(order),
    )
    assert codes.tolist() == [order[0]] * 3


def test_snapping_can_be_turned_off_or_widened():
    lat, lon = [MIDDLE_LAT], [X0 + 0.02 + 0.006]
    assert assign_points(lat, lon, two_squares(), snap_m=0)[0] is None
    assert assign_points(lat, lon, two_squares(), snap_m=1000)[0] == "B"


def test_missing_coordinates_get_none():
    codes = assign_points([np.nan, MIDDLE_LAT], [X0 + 0.005, np.nan], two_squares())
    assert codes.tolist() == [None, None]


def test_result_is_an_object_array_with_one_entry_per_point():
    codes = assign_points(np.array([]), np.array([]), two_squares())
    assert codes.dtype == object and codes.shape == (0,)
    lat, lon = random_points(50, (X0 - 0.1, Y0 - 0.1, X0 + 0.1, Y0 + 0.1))
    codes = assign_points(lat, lon, two_squares())
    assert codes.dtype == object and codes.shape == (50,)
    assert set(codes) <= {"A", "B", None}


def test_inputs_are_not_modified():
    lat, lon = random_points(100, (X0, Y0, X0 + 0.02, Y0 + 0.01))
    lat_before, lon_before = lat.copy(), lon.copy()
    squares = two_squares()
    squares_before = squares.copy()
    assign_points(lat, lon, squares)
    assert np.array_equal(lat, lat_before) and np.array_equal(lon, lon_before)
    assert squares.equals(squares_before)
    assert not shapely.is_prepared(squares.geometry.values).any()


def test_polygons_in_another_crs_are_used_in_wgs84():
    metric = two_squares().to_crs("EPSG:3405")
    assert assign_points([MIDDLE_LAT], [X0 + 0.015], metric)[0] == "B"


def test_another_code_column_can_be_returned():
    squares = two_squares().assign(ma=["X1", "X2"])
    codes = assign_points([MIDDLE_LAT], [X0 + 0.015], squares, code_column="ma")
    assert codes[0] == "X2"


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"lat": [1.0, 2.0], "lon": [1.0]}, "lon"),
        ({"lat": [[1.0]], "lon": [[1.0]]}, "lat"),
        ({"lat": ["north"], "lon": [1.0]}, "lat"),
        ({"polygons": "squares"}, "polygons"),
        ({"polygons": two_squares().set_crs(None, allow_override=True)}, "polygons"),
        ({"code_column": "ma_xa"}, "code_column"),
        ({"snap_m": -1}, "snap_m"),
        ({"snap_m": float("nan")}, "snap_m"),
    ],
)
def test_bad_arguments_are_refused_naming_the_parameter(kwargs, parameter):
    arguments = {"lat": [MIDDLE_LAT], "lon": [X0], "polygons": two_squares()}
    arguments.update(kwargs)
    with pytest.raises(InvalidInputError, match=f"'{parameter}'"):
        assign_points(**arguments)


@pytest.mark.parametrize("edition", ["2025-06", "2025-07"])
def test_every_commune_centroid_is_assigned_to_its_own_approximate_commune(edition):
    polygons = approximate_unit_polygons(PROVINCE, edition)
    communes = polygons[polygons["level"] == "commune"]
    distinct = ~communes.duplicated(["lat", "lon"], keep=False)
    codes = assign_points(communes["lat"], communes["lon"], communes)
    assert (codes[distinct.to_numpy()] == communes.loc[distinct, "code"]).all()


def test_province_points_land_in_exactly_the_unit_sjoin_finds():
    outline = province_outline(PROVINCE)
    cells = random_cells(2000, outline)
    lat, lon = random_points(20000, outline.bounds)
    codes = assign_points(lat, lon, cells, snap_m=0)
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs=4326)
    joined = gpd.sjoin(points, cells, predicate="within")
    assert len(joined) > 5000
    assert (codes[joined.index.to_numpy()] == joined["code"].to_numpy()).all()
    outside = np.setdiff1d(np.arange(len(lat)), joined.index.to_numpy())
    inside_outline = points_inside(lat[outside], lon[outside], outline)
    assert (codes[outside][~inside_outline] == None).all()  # noqa: E711


def test_a_point_assigner_serves_several_batches():
    assigner = PointAssigner(two_squares())
    assert assigner.assign([MIDDLE_LAT], [X0 + 0.005])[0] == "A"
    assert assigner.assign([MIDDLE_LAT], [X0 + 0.015], snap_m=0)[0] == "B"


def test_polygons_without_geometry_are_ignored():
    squares = two_squares()
    squares.loc[0, "geometry"] = None
    assert assign_points([MIDDLE_LAT], [X0 + 0.005], squares, snap_m=0)[0] is None


# points_inside


def test_points_inside_the_outline_are_told_apart_from_points_outside():
    outline = province_outline(PROVINCE)
    polygons = approximate_unit_polygons(PROVINCE, "2025-07")
    far = far_point()
    lat = np.append(polygons["lat"].to_numpy(), [far.y, np.nan])
    lon = np.append(polygons["lon"].to_numpy(), [far.x, 105.0])
    inside = points_inside(lat, lon, outline)
    assert inside.dtype == bool
    assert inside[:-2].all() and not inside[-2:].any()


def test_points_inside_does_not_prepare_the_callers_outline():
    outline = province_outline(PROVINCE)
    points_inside([19.0], [105.0], outline)
    assert not shapely.is_prepared(outline)


def test_points_inside_needs_a_polygon():
    with pytest.raises(InvalidInputError, match="'outline'"):
        points_inside([19.0], [105.0], far_point())
