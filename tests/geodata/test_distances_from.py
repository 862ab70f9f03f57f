"""Distances from one point to many targets, in UTM 48N metres."""

from __future__ import annotations

import numpy as np
import pytest
from pyproj import Transformer

from geodata.crs import UTM48N, WGS84
from geodata.distance import distances_from, metric_xy
from geodata.errors import InvalidInputError

TO_WGS84 = Transformer.from_crs(UTM48N, WGS84, always_xy=True)
VINH = (18.6734, 105.6813)


def _moved(east_m: float, north_m: float) -> tuple[float, float]:
    x, y = metric_xy([VINH[0]], [VINH[1]])
    lon, lat = TO_WGS84.transform(x[0] + east_m, y[0] + north_m)
    return lat, lon


def test_targets_placed_known_distances_away_are_found_at_those_distances():
    targets = [_moved(0, 0), _moved(120, 160), _moved(-3_000, 4_000)]
    lat, lon = np.array(targets).T
    assert distances_from(*VINH, lat, lon) == pytest.approx([0, 200, 5_000], abs=1e-6)


def test_targets_without_coordinates_give_nan_and_keep_their_place():
    lat, lon = _moved(300, 400)
    metres = distances_from(*VINH, [np.nan, lat], [105.7, lon])
    assert np.isnan(metres[0]) and metres[1] == pytest.approx(500, abs=1e-6)
    assert np.isnan(distances_from(np.nan, VINH[1], [lat], [lon])).all()


def test_no_target_gives_no_distance():
    assert distances_from(*VINH, [], []).shape == (0,)


def test_latitude_comes_first_and_a_swapped_point_is_far_away():
    lat, lon = _moved(30, 40)
    assert distances_from(*VINH, [lat], [lon])[0] == pytest.approx(50, abs=1e-6)
    swapped = distances_from(VINH[1], VINH[0], [lat], [lon])[0]
    assert not swapped < 1_000_000  # thousands of km, or no figure at all


def test_targets_of_different_lengths_are_refused():
    with pytest.raises(InvalidInputError, match="'targets_lon'"):
        distances_from(*VINH, [18.6, 18.7], [105.6])
