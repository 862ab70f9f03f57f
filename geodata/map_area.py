"""Which units of an edition make up an area given in another edition (or the same).

A district officer's area is a district of the 2025-06 edition; on a map of the
2025-07 edition (no districts, merged communes) the units to draw are the new
communes that mostly lie inside it. Overlaps are measured in UTM 48N.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from geodata.crs import UTM48N
from geodata.errors import InvalidInputError

__all__ = ["MIN_SHARE", "units_in_area"]

MIN_SHARE = 0.5
"""A unit belongs to an area when this share of it lies inside, or when it holds
this share of the area (a merged commune bigger than the old one it contains)."""


def units_in_area(
    units: gpd.GeoDataFrame, area: gpd.GeoDataFrame, min_share: float = MIN_SHARE
) -> np.ndarray:
    """A mask of the ``units`` that belong to the union of the ``area`` polygons.

    Parameters
    ----------
    units
        Candidate units (GeoDataFrame with a CRS).
    area
        The polygons of the area (GeoDataFrame with a CRS), e.g. one district.
    min_share
        See :data:`MIN_SHARE`; between 0 (exclusive) and 1.

    Returns
    -------
    numpy.ndarray
        One boolean per row of ``units``.
    """
    for name, frame in (("units", units), ("area", area)):
        if not isinstance(frame, gpd.GeoDataFrame) or frame.crs is None:
            raise InvalidInputError(name, frame, "a GeoDataFrame with a CRS")
    if not 0 < float(min_share) <= 1:
        raise InvalidInputError("min_share", min_share, "a share above 0, at most 1")
    if units.empty or area.empty:
        return np.zeros(len(units), dtype=bool)
    whole = shapely.union_all(area.to_crs(UTM48N).geometry.make_valid().to_numpy())
    shapes = units.to_crs(UTM48N).geometry.make_valid().to_numpy()
    overlap = shapely.area(shapely.intersection(shapes, whole))
    own = shapely.area(shapes)
    with np.errstate(divide="ignore", invalid="ignore"):
        of_unit = np.where(own > 0, overlap / own, 0.0)
    of_area = overlap / whole.area if whole.area > 0 else np.zeros(len(units))
    return (of_unit >= min_share) | (of_area >= min_share)
