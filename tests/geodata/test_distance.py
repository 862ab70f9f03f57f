"""Nearest targets and straight-line distances in UTM 48N metres."""

from __future__ import annotations

import numpy as np
import pytest
from pyproj import Transformer

from geodata.crs import UTM48N, WGS84
from geodata.distance import metric_xy, nearest
from geodata.errors import InvalidInputError

TO_WGS84 = Transformer.from_crs(UTM48N, WGS84, always_xy=True)

VINH = (18.6734, 105.6813)
"""A point in the centre of Vinh (Nghệ An), well inside UTM zone 48N."""


def _offset(lat: float, lon: float, east_m: float, north_m: float):
    """The WGS 84 position ``east_m``/``north_m`` metres away in UTM 48N."""
    x, y = metric_xy([lat], [lon])
    lon2, lat2 = TO_WGS84.transform(x[0] + east_m, y[0] + north_m)
    return lat2, lon2


@pytest.mark.parametrize("metres", [0.0, 1.0, 199.0, 200.0, 5_000.0])
def test_a_target_placed_a_known_distance_away_is_found_at_that_distance(metres):
    lat, lon = _offset(*VINH, metres * 0.6, metres * 0.8)
    index, distance = nearest([VINH[0]], [VINH[1]], [lat], [lon])
    assert index.tolist() == [0]
    assert distance[0] == pytest.approx(metres, abs=1e-6)


def test_each_point_gets_the_nearest_of_many_targets_as_brute_force_says():
    rng = np.random.default_rng(7)
    points = rng.uniform([18.5, 105.3], [19.2, 105.9], size=(500, 2))
    targets = rng.uniform([18.5, 105.3], [19.2, 105.9], size=(300, 2))
    index, distance = nearest(points[:, 0], points[:, 1], targets[:, 0], targets[:, 1])
    px, py = metric_xy(points[:, 0], points[:, 1])
    tx, ty = metric_xy(targets[:, 0], targets[:, 1])
    all_pairs = np.hypot(px[:, None] - tx[None, :], py[:, None] - ty[None, :])
    assert (index == all_pairs.argmin(axis=1)).all()
    np.testing.assert_allclose(distance, all_pairs.min(axis=1))


def test_equally_near_targets_are_decided_by_their_order():
    far = _offset(*VINH, 0, 500)
    near = _offset(*VINH, 100, 0)
    lats, lons = [far[0], near[0], near[0]], [far[1], near[1], near[1]]
    for _ in range(3):  # the same answer every time
        index, distance = nearest([VINH[0]], [VINH[1]], lats, lons)
        assert index.tolist() == [1]
        assert distance[0] == pytest.approx(100.0)


def test_points_without_coordinates_and_an_empty_target_list_give_minus_one():
    index, distance = nearest([VINH[0], np.nan], [VINH[1], 105.0], [VINH[0]], [VINH[1]])
    assert index.tolist() == [0, -1] and np.isnan(distance[1])
    index, distance = nearest([VINH[0]], [VINH[1]], [], [])
    assert index.tolist() == [-1] and np.isnan(distance).all()


def test_targets_without_coordinates_are_skipped_but_keep_their_positions():
    target = _offset(*VINH, 0, 300)
    index, distance = nearest(
        [VINH[0]], [VINH[1]], [np.nan, target[0]], [np.nan, target[1]]
    )
    assert index.tolist() == [1] and distance[0] == pytest.approx(300.0)


def test_inputs_are_not_modified():
    lat, lon = np.array([VINH[0]]), np.array([VINH[1]])
    nearest(lat, lon, lat.copy(), lon.copy())
    assert lat.tolist() == [VINH[0]] and lon.tolist() == [VINH[1]]


@pytest.mark.parametrize(
    ("args", "parameter"),
    [
        ((["a"], [105.0], [18.0], [105.0]), "points_lat"),
        (([18.0], [105.0, 105.1], [18.0], [105.0]), "points_lon"),
        (([18.0], [105.0], [[18.0]], [[105.0]]), "targets_lat"),
        (([18.0], [105.0], [18.0], [105.0, 1.0]), "targets_lon"),
    ],
)
def test_bad_inputs_are_refused_naming_the_parameter(args, parameter):
    with pytest.raises(InvalidInputError) as caught:
        nearest(*args)
    assert caught.value.parameter == parameter
