"""Distances between points, in metres, measured in WGS 84 / UTM 48N.

Used for the game-point rule "at least 200 m from a school gate". The figures are
straight lines between the stored coordinates: a lower bound of any road distance.
One spatial index over the targets and one query for all points; no Python loop.
"""

from __future__ import annotations

import numpy as np
import shapely

from geodata.crs import metric_transformer
from geodata.errors import InvalidInputError

__all__ = ["close_pairs", "distances_from", "metric_xy", "nearest"]


def coordinate_arrays(
    lat: object, lon: object, names: tuple[str, str] = ("lat", "lon")
) -> tuple[np.ndarray, np.ndarray]:
    """``lat`` and ``lon`` as one-dimensional float arrays of the same length;
    InvalidInputError naming the parameter (from ``names``) otherwise."""
    arrays = []
    for name, values in zip(names, (lat, lon), strict=True):
        try:
            array = np.asarray(values, dtype=float)
        except (TypeError, ValueError):
            raise InvalidInputError(name, values, "an array of numbers") from None
        if array.ndim != 1:
            raise InvalidInputError(name, values, "a one-dimensional array")
        arrays.append(array)
    if len(arrays[0]) != len(arrays[1]):
        raise InvalidInputError(
            names[1],
            f"{len(arrays[1])} values",
            f"as many values as {names[0]} ({len(arrays[0])})",
        )
    return arrays[0], arrays[1]


def metric_xy(lat: object, lon: object) -> tuple[np.ndarray, np.ndarray]:
    """Project WGS 84 latitude/longitude to UTM 48N easting/northing in metres.

    Parameters
    ----------
    lat, lon : array-like of float
        WGS 84 coordinates, same length. Not modified.

    Returns
    -------
    x, y : numpy.ndarray of float64
        ``EPSG:32648`` coordinates; NaN where an input is NaN.
    """
    lat, lon = coordinate_arrays(lat, lon)
    x, y = metric_transformer().transform(lon, lat)
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def distances_from(
    lat: float, lon: float, targets_lat: object, targets_lon: object
) -> np.ndarray:
    """The straight-line distance from one point to each target, in metres.

    Parameters
    ----------
    lat, lon : float
        WGS 84 latitude and longitude of the point.
    targets_lat, targets_lon : array-like of float
        WGS 84 coordinates of the targets (e.g. standing BTS sites), same length.
        Not modified.

    Returns
    -------
    numpy.ndarray of float64
        One distance per target, in order, measured in WGS 84 / UTM 48N
        (``EPSG:32648``); NaN where the point or a target has no coordinates.
    """
    px, py = metric_xy(*coordinate_arrays([lat], [lon]))
    tx, ty = metric_xy(
        *coordinate_arrays(targets_lat, targets_lon, ("targets_lat", "targets_lon"))
    )
    return np.hypot(tx - px[0], ty - py[0])


def nearest(
    points_lat: object,
    points_lon: object,
    targets_lat: object,
    targets_lon: object,
) -> tuple[np.ndarray, np.ndarray]:
    """For each point, the nearest target and the straight-line distance to it.

    Parameters
    ----------
    points_lat, points_lon : array-like of float
        WGS 84 coordinates of the points, same length. Not modified.
    targets_lat, targets_lon : array-like of float
        WGS 84 coordinates of the targets (e.g. schools), same length.

    Returns
    -------
    index : numpy.ndarray of int64
        Position of the nearest target in the target arrays; ``-1`` where a point
        has no coordinates or there is no target with coordinates. Among equally
        near targets the first (lowest position) is returned.
    metres : numpy.ndarray of float64
        Distance in metres measured in WGS 84 / UTM 48N (``EPSG:32648``); NaN
        where ``index`` is -1.

    Notes
    -----
    The distance is a straight line between the coordinates, so it can only be
    shorter than the way along roads.

    Examples
    --------
    >>> index, metres = nearest([18.67], [105.68], [18.671, 18.70], [105.68, 105.7])
    >>> int(index[0]), round(float(metres[0]))
    (0, 111)
    """
    px, py = metric_xy(
        *coordinate_arrays(points_lat, points_lon, ("points_lat", "points_lon"))
    )
    tx, ty = metric_xy(
        *coordinate_arrays(targets_lat, targets_lon, ("targets_lat", "targets_lon"))
    )
    index = np.full(len(px), -1, dtype=np.int64)
    metres = np.full(len(px), np.nan, dtype=float)
    usable_points = np.flatnonzero(np.isfinite(px) & np.isfinite(py))
    usable_targets = np.flatnonzero(np.isfinite(tx) & np.isfinite(ty))
    if not len(usable_points) or not len(usable_targets):
        return index, metres
    tree = shapely.STRtree(shapely.points(tx[usable_targets], ty[usable_targets]))
    # all_matches=True returns every equally near target: keep the first one, so
    # that ties are decided the same way on every run.
    hit_point, hit_target = tree.query_nearest(
        shapely.points(px[usable_points], py[usable_points]), all_matches=True
    )
    order = np.lexsort((hit_target, hit_point))
    hit_point, hit_target = hit_point[order], hit_target[order]
    first = np.unique(hit_point, return_index=True)[1]
    chosen_point = usable_points[hit_point[first]]
    chosen_target = usable_targets[hit_target[first]]
    index[chosen_point] = chosen_target
    metres[chosen_point] = np.hypot(
        px[chosen_point] - tx[chosen_target], py[chosen_point] - ty[chosen_target]
    )
    return index, metres


def close_pairs(lat: object, lon: object, within_m: float) -> tuple[np.ndarray, ...]:
    """Every pair of points closer than ``within_m`` metres to each other.

    Parameters
    ----------
    lat, lon : array-like of float
        WGS 84 coordinates, same length. Not modified.
    within_m : float
        The distance in metres (positive); pairs at exactly this distance count.

    Returns
    -------
    first, second : numpy.ndarray of int64
        Positions of the two points of each pair, ``first < second``, sorted.
    metres : numpy.ndarray of float64
        Their straight-line distance in WGS 84 / UTM 48N (``EPSG:32648``).

    Notes
    -----
    One spatial index over the points and one ``dwithin`` query: no Python loop
    over pairs, so 5,000 sites take milliseconds.
    """
    if not isinstance(within_m, (int, float)) or not within_m > 0:
        raise InvalidInputError("within_m", within_m, "a positive number of metres")
    x, y = metric_xy(lat, lon)
    usable = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    points = shapely.points(x[usable], y[usable])
    tree = shapely.STRtree(points)
    first, second = tree.query(points, predicate="dwithin", distance=float(within_m))
    keep = first < second
    first, second = usable[first[keep]], usable[second[keep]]
    order = np.lexsort((second, first))
    first, second = first[order], second[order]
    metres = np.hypot(x[first] - x[second], y[first] - y[second])
    return first.astype(np.int64), second.astype(np.int64), metres
