"""Coordinate reference systems used by the spatial layer.

Coordinates are stored as WGS 84 longitude/latitude. Distances and areas are computed
in WGS 84 / UTM zone 48N, which covers most of Vietnam (and all of Nghệ An). Official
Vietnamese maps use VN-2000; its UTM 48N projection differs from WGS 84 / UTM 48N by
about 220 m, so the two must never be mixed.
"""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
from pyproj import Transformer

from geodata.errors import InvalidInputError

__all__ = [
    "UTM48N",
    "VN2000_UTM48N",
    "WGS84",
    "metric_transformer",
    "to_metric",
    "to_wgs84",
]

WGS84 = "EPSG:4326"
"""WGS 84 longitude/latitude, the storage CRS."""

UTM48N = "EPSG:32648"
"""WGS 84 / UTM zone 48N, the metric CRS for distances and areas."""

VN2000_UTM48N = "EPSG:3405"
"""VN-2000 / UTM zone 48N, common in files from Vietnamese agencies."""


@lru_cache(maxsize=1)
def metric_transformer() -> Transformer:
    """The (cached) transformer from WGS 84 lon/lat to UTM 48N metres;
    ``transform`` takes longitudes first."""
    return Transformer.from_crs(WGS84, UTM48N, always_xy=True)


def _check_gdf(gdf: object, parameter: str) -> gpd.GeoDataFrame:
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise InvalidInputError(parameter, gdf, "a GeoDataFrame")
    if gdf.crs is None:
        raise InvalidInputError(
            parameter, gdf.crs, "a GeoDataFrame with a CRS (use .set_crs(...) first)"
        )
    return gdf


def to_metric(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return a copy of ``gdf`` in the metric CRS (WGS 84 / UTM 48N).

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Any GeoDataFrame with a CRS.

    Returns
    -------
    geopandas.GeoDataFrame
        A new GeoDataFrame in ``EPSG:32648``; ``gdf`` is not changed.

    Raises
    ------
    InvalidInputError
        If ``gdf`` is not a GeoDataFrame or has no CRS.
    """
    return _check_gdf(gdf, "gdf").to_crs(UTM48N)


def to_wgs84(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return a copy of ``gdf`` in WGS 84 longitude/latitude (``EPSG:4326``).

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Any GeoDataFrame with a CRS.

    Returns
    -------
    geopandas.GeoDataFrame
        A new GeoDataFrame in ``EPSG:4326``; ``gdf`` is not changed.
    """
    return _check_gdf(gdf, "gdf").to_crs(WGS84)
