"""Random places inside polygons (for demo data), deterministic for a generator.

- :func:`random_points_in_polygons`: a given number of points inside each polygon,
  clustered toward its centre, drawn from a caller's ``numpy`` generator so the
  same seed gives the same points.
- :func:`moved_point`: a point a short distance away in a direction (to place a
  demo place near another).
"""

from __future__ import annotations

import math

import numpy as np
import shapely

from geodata.errors import InvalidInputError

__all__ = ["METRES_PER_DEGREE", "moved_point", "random_points_in_polygons"]

METRES_PER_DEGREE = 111_320.0
"""Metres per degree of latitude (and of longitude at the equator), roughly."""


def random_points_in_polygons(
    polygons: object, counts: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Random points inside each polygon, clustered toward its centre.

    Parameters
    ----------
    polygons : GeoSeries or sequence of shapely polygons
        In WGS 84 longitude/latitude; not modified.
    counts : array-like of int
        How many points to draw in each polygon (same length as ``polygons``); a
        polygon with 0 draws nothing.
    rng : numpy.random.Generator
        The source of randomness; the same state gives the same points.

    Returns
    -------
    lat, lon, owner : numpy.ndarray
        Arrays of length ``counts.sum()``: latitude and longitude rounded to 6
        decimals, and the position of the polygon each point lies in, polygon by
        polygon in order. Points are drawn around the polygon's representative
        point (normal, a quarter of its extent as spread) and kept when strictly
        inside.
    """
    counts = np.asarray(counts)
    if len(counts) != len(polygons):
        raise InvalidInputError(
            "counts", f"{len(counts)} values", f"one per polygon ({len(polygons)})"
        )
    lats, lons, owners = [], [], []
    for index, (polygon, count) in enumerate(zip(polygons, counts, strict=True)):
        if count == 0:
            continue
        if polygon is None or shapely.is_empty(polygon):
            raise InvalidInputError(
                "polygons", polygon, f"a non-empty polygon at position {index}"
            )
        centre = polygon.representative_point()
        min_x, min_y, max_x, max_y = polygon.bounds
        spread = np.array([max_x - min_x, max_y - min_y]) / 4
        found_x, found_y = np.empty(0), np.empty(0)
        while len(found_x) < count:
            size = max(4 * count, 16)
            xs = rng.normal(centre.x, spread[0], size)
            ys = rng.normal(centre.y, spread[1], size)
            inside = shapely.contains_xy(polygon, xs, ys)
            found_x = np.concatenate([found_x, xs[inside]])
            found_y = np.concatenate([found_y, ys[inside]])
        lons.append(found_x[:count])
        lats.append(found_y[:count])
        owners.append(np.full(count, index))
    if not owners:
        empty = np.empty(0)
        return empty, empty.copy(), np.empty(0, dtype=int)
    return (
        np.round(np.concatenate(lats), 6),
        np.round(np.concatenate(lons), 6),
        np.concatenate(owners),
    )


def moved_point(
    lat: float, lon: float, metres: float, bearing: float
) -> tuple[float, float]:
    """A point ``metres`` away from (lat, lon) in the direction ``bearing``.

    Parameters
    ----------
    lat, lon : float
        WGS 84 latitude and longitude of the start.
    metres : float
        How far to move; meant for short distances (up to a few km), where the
        earth may be taken as flat: a degree of latitude is
        :data:`METRES_PER_DEGREE` metres and a degree of longitude that times
        the cosine of the latitude.
    bearing : float
        Direction in radians clockwise from north (0 north, π/2 east).

    Returns
    -------
    lat, lon : float
        The moved point (not rounded).
    """
    north = metres * math.cos(bearing) / METRES_PER_DEGREE
    east = (
        metres * math.sin(bearing) / (METRES_PER_DEGREE * math.cos(math.radians(lat)))
    )
    return lat + north, lon + east
