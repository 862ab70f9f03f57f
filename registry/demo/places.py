"""Where demo records go: commune weights and random positions inside communes.

Deterministic for a given seed. Nothing here claims to be real: the weights only
make the demo look like a province (dense in Vinh and the coastal plain, sparse in
the western mountains).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

URBAN_TYPES = ("Phường", "Thị trấn")


def commune_weights(communes: pd.DataFrame, *, urban: float, town: float) -> np.ndarray:
    """Relative density of demo records per commune.

    ``communes`` needs columns unit_type, lon, area_km2 and parent_code; ``urban``
    and ``town`` weigh phường and thị trấn against a rural xã (weight 1).
    """
    kind = communes["unit_type"].map({"Phường": urban, "Thị trấn": town}).fillna(1.0)
    lon = communes["lon"].to_numpy()
    # The coastal plain lies east of ~105.3°E; the mountains west of ~104.8°E.
    geography = np.where(lon >= 105.3, 2.5, np.where(lon < 104.8, 0.35, 1.0))
    size = 0.5 + np.sqrt(communes["area_km2"].fillna(20).to_numpy()) / 10
    return kind.to_numpy() * geography * size


def allocate(total: int, weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Split ``total`` records over communes: at least one each, the rest by weight."""
    count = len(weights)
    if total < count:
        picked = rng.choice(count, size=total, replace=False, p=weights / weights.sum())
        return np.bincount(picked, minlength=count)
    return 1 + rng.multinomial(total - count, weights / weights.sum())


def points_in_polygons(
    polygons: gpd.GeoSeries, counts: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Random points inside each polygon, clustered toward its centre.

    Returns (lat, lon, polygon index) arrays of length ``counts.sum()``.
    """
    lats, lons, owners = [], [], []
    for index, (polygon, count) in enumerate(zip(polygons, counts, strict=True)):
        if count == 0:
            continue
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
    return (
        np.round(np.concatenate(lats), 6),
        np.round(np.concatenate(lons), 6),
        np.concatenate(owners),
    )
