"""Geometry as the rest of the application holds it: stored bytes and frames.

The registry keeps unit polygons as WKB in its database and hands frames of them
to the interface; it never computes with geometry (that is this package's work).
The functions here are the round trips between those plain forms and geometry:

- :func:`geometry_to_wkb` / :func:`frame_from_wkb`: a polygon to the bytes stored
  and a table of stored rows back to a WGS 84 GeoDataFrame.
- :func:`with_replaced_geometries`: a polygon set with some units' polygons
  swapped for new ones (a boundary import, before it is committed).
- :func:`attribute_table`: the columns of a GeoDataFrame without its geometry.
- :func:`point_layer` / :func:`is_geometry_column`: a WGS 84 point layer made from
  latitude/longitude columns, for GIS exports.

:data:`Geometry` and :data:`GeoFrame` name, for annotations, the types that callers
receive from this package and pass back to it.
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.crs import WGS84
from geodata.errors import InvalidInputError

__all__ = [
    "GeoFrame",
    "Geometry",
    "attribute_table",
    "frame_from_wkb",
    "geometry_to_wkb",
    "is_geometry_column",
    "point_layer",
    "with_replaced_geometries",
]

Geometry = shapely.Geometry
"""A shapely geometry (e.g. a covered area); the type of geometry values."""

GeoFrame = gpd.GeoDataFrame
"""A geopandas GeoDataFrame (e.g. unit polygons); the type of geometry tables."""


def geometry_to_wkb(geometry: object) -> bytes | None:
    """The well-known binary of one geometry, as stored in the database.

    Parameters
    ----------
    geometry : shapely geometry or None
        Any geometry; an empty one gives the WKB of an empty geometry, None
        (no geometry) gives None, which :func:`frame_from_wkb` reads back as a
        missing geometry.

    Returns
    -------
    bytes or None
        ``shapely.to_wkb`` of the geometry (coordinates unchanged, no CRS).

    Raises
    ------
    InvalidInputError
        If ``geometry`` is neither a shapely geometry nor None.
    """
    if geometry is None:
        return None
    if not isinstance(geometry, shapely.Geometry):
        raise InvalidInputError("geometry", geometry, "a shapely geometry")
    return shapely.to_wkb(geometry)


def frame_from_wkb(
    frame: pd.DataFrame, column: str = "wkb", *, crs: str = WGS84
) -> gpd.GeoDataFrame:
    """A table whose ``column`` holds WKB, as a GeoDataFrame.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows read from storage; not modified.
    column : str, default "wkb"
        The column of WKB bytes (``None`` gives a missing geometry). It becomes
        the geometry; the other columns keep their order.
    crs : str, default WGS 84
        The CRS the coordinates were stored in.

    Returns
    -------
    geopandas.GeoDataFrame
        The other columns and a ``geometry`` column, in ``crs``.

    Raises
    ------
    InvalidInputError
        If ``frame`` has no such column.
    """
    if not isinstance(frame, pd.DataFrame) or column not in frame.columns:
        raise InvalidInputError("frame", frame, f"a DataFrame with a {column!r} column")
    attributes = frame.drop(columns=column)
    geometry = shapely.from_wkb(frame[column].to_numpy())
    return gpd.GeoDataFrame(attributes, geometry=geometry, crs=crs)


def with_replaced_geometries(
    polygons: gpd.GeoDataFrame,
    replacements: gpd.GeoDataFrame,
    *,
    key: str = "code",
) -> gpd.GeoDataFrame:
    """A copy of ``polygons`` where the rows named in ``replacements`` get theirs.

    Parameters
    ----------
    polygons : geopandas.GeoDataFrame
        The current polygons, with a ``key`` column and a CRS; not modified.
    replacements : geopandas.GeoDataFrame
        New geometries with a ``key`` column (e.g. ``BoundaryMatch.matched``);
        reprojected to the CRS of ``polygons`` if it differs. Keys that
        ``polygons`` lacks are ignored.
    key : str, default "code"
        The column that ties a replacement to a row.

    Returns
    -------
    geopandas.GeoDataFrame
        Same rows, index, columns and CRS as ``polygons``; rows without a
        replacement keep their geometry.
    """
    for name, frame in (("polygons", polygons), ("replacements", replacements)):
        if not isinstance(frame, gpd.GeoDataFrame) or frame.crs is None:
            raise InvalidInputError(name, frame, "a GeoDataFrame with a CRS")
        if key not in frame.columns:
            raise InvalidInputError(name, list(frame.columns), f"a {key!r} column")
    if replacements.crs != polygons.crs:
        replacements = replacements.to_crs(polygons.crs)
    updated = polygons.copy()
    new = dict(zip(replacements[key], replacements.geometry, strict=True))
    # Look each key up (Series.map would give NaN, not the old polygon, for a key
    # without a replacement).
    updated[updated.geometry.name] = gpd.GeoSeries(
        [
            new.get(code, old)
            for code, old in zip(updated[key], updated.geometry, strict=True)
        ],
        crs=polygons.crs,
        index=updated.index,
    )
    return updated


def attribute_table(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """The columns of a GeoDataFrame other than its geometry, as a DataFrame.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        Not modified.

    Returns
    -------
    pandas.DataFrame
        A copy with the same index, without the active geometry column.
    """
    if not isinstance(frame, gpd.GeoDataFrame):
        raise InvalidInputError("frame", frame, "a GeoDataFrame")
    return pd.DataFrame(frame.drop(columns=frame.geometry.name))


def is_geometry_column(column: object) -> bool:
    """Tell whether a column (Series) holds geometries.

    Parameters
    ----------
    column : pandas.Series
        Any column.

    Returns
    -------
    bool
        True for a GeoSeries or a column of geopandas' geometry dtype.
    """
    return isinstance(getattr(column, "dtype", None), gpd.array.GeometryDtype)


def point_layer(
    columns: Mapping[str, object], lat: object, lon: object
) -> gpd.GeoDataFrame:
    """A WGS 84 point layer: the given columns and a point per latitude/longitude.

    Parameters
    ----------
    columns : mapping of str to array-like
        The attribute columns, in order, each as long as ``lat``.
    lat, lon : array-like of float
        WGS 84 latitude and longitude of each row (in that order: a point is made
        as x = longitude, y = latitude). NaN in either gives a row without a
        geometry.

    Returns
    -------
    geopandas.GeoDataFrame
        In ``EPSG:4326``, with the columns and a ``geometry`` column.
    """
    lat = np.asarray(lat, dtype="float64")
    lon = np.asarray(lon, dtype="float64")
    if lat.ndim != 1 or lat.shape != lon.shape:
        raise InvalidInputError(
            "lon", f"{lon.size} values", f"as many values as lat ({lat.size})"
        )
    points = shapely.points(lon, lat)
    points[~(np.isfinite(lat) & np.isfinite(lon))] = None
    return gpd.GeoDataFrame(dict(columns), geometry=points, crs=WGS84)
