"""Random points inside polygons and points moved nearby, for the demo data set."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from shapely.geometry import box

from geodata.distance import distances_from
from geodata.errors import InvalidInputError
from geodata.sampling import moved_point, random_points_in_polygons
from tests.geodata.fixtures import NEAR_VINH, two_squares

X0, Y0 = NEAR_VINH


def test_every_point_lies_in_its_own_polygon_and_counts_are_kept():
    squares = two_squares()
    lat, lon, owner = random_points_in_polygons(
        squares.geometry, np.array([5, 30]), np.random.default_rng(1)
    )
    assert len(lat) == len(lon) == len(owner) == 35
    assert np.bincount(owner).tolist() == [5, 30]
    polygons = squares.geometry.to_numpy()[owner]
    assert shapely.contains_xy(polygons, lon, lat).all()
    assert np.array_equal(lat, np.round(lat, 6)) and np.array_equal(lon, lon.round(6))


def test_the_same_seed_gives_the_same_points():
    shapes = two_squares().geometry
    first = random_points_in_polygons(shapes, [3, 4], np.random.default_rng(7))
    again = random_points_in_polygons(shapes, [3, 4], np.random.default_rng(7))
    other = random_points_in_polygons(shapes, [3, 4], np.random.default_rng(8))
    for a, b in zip(first, again, strict=True):
        assert np.array_equal(a, b)
    assert not np.array_equal(first[0], other[0])


def test_a_thin_polygon_still_gets_its_points():
    sliver = box(X0, Y0, X0 + 0.05, Y0 + 0.0005)
    lat, lon, _ = random_points_in_polygons([sliver], [50], np.random.default_rng(3))
    assert len(lat) == 50 and shapely.contains_xy(sliver, lon, lat).all()


def test_polygons_with_no_count_draw_nothing():
    lat, lon, owner = random_points_in_polygons(
        [shapely.Polygon(), box(X0, Y0, X0 + 0.01, Y0 + 0.01)],
        [0, 2],
        np.random.default_rng(0),
    )
    assert owner.tolist() == [1, 1]
    lat, lon, owner = random_points_in_polygons(
        two_squares().geometry, [0, 0], np.random.default_rng(0)
    )
    assert len(lat) == len(lon) == len(owner) == 0


def test_sampling_refuses_an_empty_polygon_with_a_count_and_mismatched_counts():
    with pytest.raises(InvalidInputError, match="non-empty polygon at position 0"):
        random_points_in_polygons([shapely.Polygon()], [1], np.random.default_rng(0))
    with pytest.raises(InvalidInputError, match="one per polygon"):
        random_points_in_polygons(two_squares().geometry, [1], np.random.default_rng(0))


@pytest.mark.parametrize("bearing", [0.0, math.pi / 2, math.pi, 4.0])
def test_a_moved_point_lies_the_asked_distance_away(bearing):
    lat, lon = moved_point(Y0, X0, 185.0, bearing)
    assert distances_from(Y0, X0, [lat], [lon])[0] == pytest.approx(185.0, rel=0.01)


def test_moving_north_changes_the_latitude_and_east_the_longitude():
    north = moved_point(Y0, X0, 1_000.0, 0.0)
    east = moved_point(Y0, X0, 1_000.0, math.pi / 2)
    assert north[1] == X0 and north[0] > Y0
    assert east[0] == pytest.approx(Y0, abs=1e-12) and east[1] > X0
    assert moved_point(Y0, X0, 0.0, 1.0) == (Y0, X0)
