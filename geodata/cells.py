"""Cell observations against registered sites: matching, clustering, confidence.

Crowd-sourced cell positions (OpenCelliD) are estimates: the centre of the places
where phones heard the cell, ``range`` metres across, from ``samples`` measurements.
The estimate of a sector lies off its mast by some hundreds of metres, less when
many samples agree. So a cell is matched to the nearest registered site of its own
operator within a tolerance that grows with the spread and shrinks with the samples:

    tolerance = min(5 * base, base + range / sqrt(max(samples, 1)))

``base`` is the registry's setting ``REGISTRY_CELL_MATCH_M``. Cells with no site
within their tolerance are grouped into candidate towers: cells of one operator
closer than ``base`` to another cell of the group (single linkage) form one
candidate, with the samples-weighted centre and the spread (the farthest cell from
the centre). All distances are straight lines in WGS 84 / UTM 48N.

Never imports ``registry``, ``streamlit`` or ``sqlalchemy``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from geodata.crs import metric_transformer
from geodata.distance import metric_xy
from geodata.errors import InvalidInputError

__all__ = [
    "cell_confidence",
    "cells_around",
    "cluster_cells",
    "match_cells",
    "match_tolerance",
    "summarise_clusters",
]

# The tolerance never exceeds this many times the base distance.
TOLERANCE_CAP = 5.0
# Samples at which a cell's confidence is 1 - 1/e; range at which it halves.
_SAMPLES_SCALE = 5.0
_RANGE_SCALE_M = 3000.0


def _positive(name: str, value: float) -> float:
    if not isinstance(value, (int, float)) or not value > 0:
        raise InvalidInputError(name, value, "a positive number of metres")
    return float(value)


def match_tolerance(range_m: object, samples: object, base_m: float) -> np.ndarray:
    """The distance within which each cell matches a site, in metres.

    Parameters
    ----------
    range_m, samples : array-like of float
        The cells' spread in metres and number of measurements (missing or
        negative values count as 0 and 1).
    base_m : float
        The base distance (``REGISTRY_CELL_MATCH_M``).

    Returns
    -------
    numpy.ndarray of float64
        ``min(5 * base, base + range / sqrt(max(samples, 1)))`` per cell.
    """
    base = _positive("base_m", base_m)
    spread = np.nan_to_num(np.asarray(range_m, dtype=float), nan=0.0).clip(min=0)
    count = np.nan_to_num(np.asarray(samples, dtype=float), nan=1.0).clip(min=1)
    return np.minimum(TOLERANCE_CAP * base, base + spread / np.sqrt(count))


def cell_confidence(range_m: object, samples: object) -> np.ndarray:
    """How much a cell's position can be trusted, from 0 to 1.

    ``(1 - exp(-samples / 5)) / (1 + range / 3000)``: one sample gives 0.18 at
    most, twenty samples 0.98; a 3 km spread halves it.

    Parameters
    ----------
    range_m
        The cells' spread in metres (OpenCelliD's ``range``), one value or an array;
        missing or negative values count as 0.
    samples
        The number of measurements behind each estimate, same shape as ``range_m``.
    """
    spread = np.nan_to_num(np.asarray(range_m, dtype=float), nan=0.0).clip(min=0)
    count = np.nan_to_num(np.asarray(samples, dtype=float), nan=0.0).clip(min=0)
    return (1.0 - np.exp(-count / _SAMPLES_SCALE)) / (1.0 + spread / _RANGE_SCALE_M)


def match_cells(
    cells: pd.DataFrame, sites: pd.DataFrame, base_m: float
) -> pd.DataFrame:
    """The nearest registered site of the same operator of each cell.

    Parameters
    ----------
    cells : pandas.DataFrame
        ``lat``, ``lon`` (WGS 84), ``network_code``, ``range_m``, ``samples``.
    sites : pandas.DataFrame
        ``lat``, ``lon`` (WGS 84), ``network_code`` of the registered sites.
    base_m : float
        The base distance of :func:`match_tolerance`.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``cells``: ``site`` (position in ``sites`` of the nearest
        site of the same operator, -1 when it has none), ``distance_m`` (NaN
        then), ``tolerance_m`` and ``matched`` (the site lies within the
        tolerance), plus ``x``, ``y``: the cell in UTM 48N metres.
    """
    tolerance = match_tolerance(cells["range_m"], cells["samples"], base_m)
    x, y = metric_xy(cells["lat"].to_numpy(), cells["lon"].to_numpy())
    sx, sy = metric_xy(sites["lat"].to_numpy(), sites["lon"].to_numpy())
    site = np.full(len(cells), -1, dtype=np.int64)
    distance = np.full(len(cells), np.nan)
    cell_net = cells["network_code"].to_numpy(dtype=object)
    site_net = sites["network_code"].to_numpy(dtype=object)
    for network in pd.unique(cell_net):
        mine = np.flatnonzero(cell_net == network)
        theirs = np.flatnonzero(
            (site_net == network) & np.isfinite(sx) & np.isfinite(sy)
        )
        if not len(theirs):
            continue
        tree = shapely.STRtree(shapely.points(sx[theirs], sy[theirs]))
        hit_cell, hit_site = tree.query_nearest(
            shapely.points(x[mine], y[mine]), all_matches=False
        )
        chosen = mine[hit_cell]
        site[chosen] = theirs[hit_site]
        distance[chosen] = np.hypot(
            x[chosen] - sx[site[chosen]], y[chosen] - sy[site[chosen]]
        )
    return pd.DataFrame(
        {
            "site": site,
            "distance_m": distance,
            "tolerance_m": tolerance,
            "matched": (site >= 0) & (distance <= tolerance),
            "x": x,
            "y": y,
        },
        index=cells.index,
    )


def cluster_cells(x: object, y: object, groups: object, link_m: float) -> np.ndarray:
    """Group cells into candidate towers by single linkage.

    Parameters
    ----------
    x, y : array-like of float
        Cells in UTM 48N metres.
    groups : array-like
        A key per cell (the operator): cells of different keys never join.
    link_m : float
        Two cells closer than this (or equal) join one group, and so do the groups
        they belong to.

    Returns
    -------
    numpy.ndarray of int64
        A group number per cell, 0..n-1, numbered in the order of the first cell.
    """
    link = _positive("link_m", link_m)
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    keys = pd.factorize(pd.Series(np.asarray(groups, dtype=object)))[0]
    count = len(x)
    if count == 0:
        return np.zeros(0, dtype=np.int64)
    points = shapely.points(x, y)
    tree = shapely.STRtree(points)
    first, second = tree.query(points, predicate="dwithin", distance=link)
    same = keys[first] == keys[second]
    first, second = first[same], second[same]
    graph = coo_matrix(
        (np.ones(len(first), dtype=np.int8), (first, second)), shape=(count, count)
    )
    labels = connected_components(graph, directed=False)[1]
    # Renumber in order of first appearance, so that results do not depend on
    # scipy's numbering.
    return pd.factorize(labels)[0].astype(np.int64)


def summarise_clusters(
    x: object, y: object, weights: object, labels: object
) -> pd.DataFrame:
    """Centre and spread of each group of cells.

    Parameters
    ----------
    x, y : array-like of float
        Cells in UTM 48N metres.
    weights : array-like of float
        Weight of each cell in the centre (its samples; at least 1 is used).
    labels : array-like of int
        Group of each cell (:func:`cluster_cells`).

    Returns
    -------
    pandas.DataFrame
        Indexed by group: ``lon``, ``lat`` (WGS 84 of the weighted centre) and
        ``spread_m`` (distance from the centre to the farthest cell).
    """
    frame = pd.DataFrame(
        {
            "x": np.asarray(x, dtype=float),
            "y": np.asarray(y, dtype=float),
            "w": np.asarray(weights, dtype=float).clip(min=1),
            "label": np.asarray(labels),
        }
    )
    frame["wx"] = frame["x"] * frame["w"]
    frame["wy"] = frame["y"] * frame["w"]
    sums = frame.groupby("label")[["wx", "wy", "w"]].sum()
    cx = sums["wx"] / sums["w"]
    cy = sums["wy"] / sums["w"]
    frame["d"] = np.hypot(
        frame["x"] - cx.loc[frame["label"]].to_numpy(),
        frame["y"] - cy.loc[frame["label"]].to_numpy(),
    )
    spread = frame.groupby("label")["d"].max()
    lon, lat = metric_transformer().transform(
        cx.to_numpy(), cy.to_numpy(), direction="INVERSE"
    )
    return pd.DataFrame(
        {"lon": lon, "lat": lat, "spread_m": spread.to_numpy()}, index=sums.index
    )


def cells_around(
    sites: pd.DataFrame, cells: pd.DataFrame, radius_m: float
) -> tuple[np.ndarray, np.ndarray]:
    """For each site, the cells of its operator within ``radius_m``, and the
    distance to the nearest one.

    Parameters
    ----------
    sites : pandas.DataFrame
        ``lat``, ``lon`` (WGS 84) and ``network_code``.
    cells : pandas.DataFrame
        ``x``, ``y`` (UTM 48N metres) and ``network_code``.
    radius_m : float
        The radius of the count.

    Returns
    -------
    counts : numpy.ndarray of int64
    nearest_m : numpy.ndarray of float64
        NaN where the operator has no cell at all.
    """
    radius = _positive("radius_m", radius_m)
    sx, sy = metric_xy(sites["lat"].to_numpy(), sites["lon"].to_numpy())
    counts = np.zeros(len(sites), dtype=np.int64)
    nearest_m = np.full(len(sites), np.nan)
    site_net = sites["network_code"].to_numpy(dtype=object)
    cell_net = cells["network_code"].to_numpy(dtype=object)
    for network in pd.unique(site_net):
        mine = np.flatnonzero(site_net == network)
        theirs = np.flatnonzero(cell_net == network)
        if not len(theirs):
            continue
        tree = shapely.STRtree(
            shapely.points(cells["x"].to_numpy()[theirs], cells["y"].to_numpy()[theirs])
        )
        places = shapely.points(sx[mine], sy[mine])
        hits, _ = tree.query(places, predicate="dwithin", distance=radius)
        counts[mine] = np.bincount(hits, minlength=len(mine))
        pairs, gap = tree.query_nearest(places, return_distance=True, all_matches=False)
        nearest_m[mine[pairs[0]]] = gap
    return counts, nearest_m
