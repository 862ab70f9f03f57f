"""The province's territory: its outline, whether points lie in it, unit areas.

- :func:`units_outline`: the union of unit polygons (e.g. the communes of every
  edition), which is the territory the registry accepts places in.
- :class:`Territory` / :func:`territory_of`: a named outline with the bounding box
  that covers both it and the package's box; it tells which points lie inside
  (or on its border) and which lie within a margin of it.
- :func:`metric_outline`: an outline reprojected to UTM 48N metres, made valid,
  for clipping coverage.
- :func:`areas_km2`: the area of each polygon of a frame, in km² (UTM 48N).

Outlines and points are WGS 84 longitude/latitude; callers pass latitude first
(``lat, lon``), as the registry stores them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely

from geodata.crs import UTM48N, WGS84
from geodata.errors import InvalidInputError

__all__ = [
    "Territory",
    "areas_km2",
    "metric_outline",
    "territory_of",
    "units_outline",
]


def units_outline(parts: Iterable[object]) -> shapely.Geometry:
    """The union of every polygon of several polygon sets.

    Parameters
    ----------
    parts : iterable of GeoSeries, GeoDataFrames or arrays of shapely geometries
        Polygons in one CRS (WGS 84 for a province outline), e.g. the communes of
        each edition. Missing geometries are ignored.

    Returns
    -------
    shapely.Geometry
        A Polygon or MultiPolygon in the same CRS; an empty geometry when there is
        no polygon at all.
    """
    arrays = []
    for part in parts:
        if isinstance(part, gpd.GeoDataFrame):
            part = part.geometry
        arrays.append(np.asarray(part, dtype=object).ravel())
    if not arrays:
        return shapely.GeometryCollection()
    return shapely.union_all(np.concatenate(arrays))


def _coordinates(lat: object, lon: object) -> tuple[np.ndarray, np.ndarray]:
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    if lat.shape != lon.shape:
        raise InvalidInputError(
            "lon", f"{lon.size} values", f"as many values as lat ({lat.size})"
        )
    return lat, lon


@dataclass(frozen=True)
class Territory:
    """A named outline (WGS 84) and the bounding box that holds it.

    Attributes
    ----------
    name : str
        The province's name, for messages.
    bounds : tuple of float
        ``(min_lon, min_lat, max_lon, max_lat)``.
    outline : shapely.Geometry
        The territory in WGS 84 longitude/latitude (prepared for fast tests).
    """

    name: str
    bounds: tuple[float, float, float, float]
    outline: shapely.Geometry

    def inside(self, lat: object, lon: object) -> np.ndarray:
        """Whether each point lies in the outline or on its edge.

        Parameters
        ----------
        lat, lon : array-like of float
            WGS 84 latitude and longitude, same length.

        Returns
        -------
        numpy.ndarray of bool
            True for a point exactly on the border (as
            :func:`geodata.assign.assign_points` assigns it to a unit); False for
            NaN.
        """
        lat, lon = _coordinates(lat, lon)
        return shapely.intersects_xy(self.outline, lon, lat)

    def near(self, lat: object, lon: object, margin_degrees: float) -> np.ndarray:
        """Whether each point lies within ``margin_degrees`` of the outline.

        Parameters
        ----------
        lat, lon : array-like of float
            WGS 84 latitude and longitude, same length.
        margin_degrees : float
            The margin in degrees of longitude/latitude (0.02° is about 2 km in
            Vietnam); the outline is buffered by it.

        Returns
        -------
        numpy.ndarray of bool
            True inside the outline too (the buffer holds it), and on the edge of
            the margin.
        """
        lat, lon = _coordinates(lat, lon)
        margin = shapely.buffer(self.outline, margin_degrees)
        return shapely.intersects_xy(margin, lon, lat)


def territory_of(
    name: str, bounds: Iterable[float], outline: shapely.Geometry
) -> Territory:
    """A :class:`Territory` whose box covers both ``bounds`` and the outline.

    Parameters
    ----------
    name : str
        The province's name.
    bounds : sequence of 4 floats
        ``(min_lon, min_lat, max_lon, max_lat)`` of the province from the
        admin-unit package. Unit polygons may reach past it (the approximate
        outline is buffered; official polygons are what they are), so the box of
        the result covers both.
    outline : shapely.Geometry
        The territory in WGS 84 (e.g. from :func:`units_outline`); prepared in
        place for fast point tests.

    Returns
    -------
    Territory
    """
    if not isinstance(outline, shapely.Geometry):
        raise InvalidInputError("outline", outline, "a shapely geometry in WGS 84")
    shapely.prepare(outline)
    box = np.array([tuple(bounds), outline.bounds], dtype=float)
    merged = (*np.nanmin(box[:, :2], axis=0), *np.nanmax(box[:, 2:], axis=0))
    return Territory(name, tuple(float(b) for b in merged), outline)


def metric_outline(outline: shapely.Geometry) -> shapely.Geometry:
    """A WGS 84 outline in UTM 48N metres (``EPSG:32648``), made valid.

    Parameters
    ----------
    outline : shapely.Geometry
        In WGS 84 longitude/latitude; not modified.

    Returns
    -------
    shapely.Geometry
        The same area in metres, fit to clip :func:`geodata.coverage.coverage_union`.
    """
    if not isinstance(outline, shapely.Geometry):
        raise InvalidInputError("outline", outline, "a shapely geometry in WGS 84")
    metric = gpd.GeoSeries([outline], crs=WGS84).to_crs(UTM48N).iloc[0]
    return shapely.make_valid(metric)


def areas_km2(polygons: gpd.GeoDataFrame) -> np.ndarray:
    """The area of each polygon in km², measured in UTM 48N.

    Parameters
    ----------
    polygons : geopandas.GeoDataFrame or GeoSeries
        With a CRS (any: reprojected on a copy); not modified.

    Returns
    -------
    numpy.ndarray of float
        One area per row, in order; 0 for an empty geometry, NaN for a missing
        one and for coordinates that cannot be projected (e.g. latitude and
        longitude swapped).
    """
    if not isinstance(polygons, gpd.GeoDataFrame | gpd.GeoSeries) or (
        polygons.crs is None
    ):
        raise InvalidInputError("polygons", polygons, "a GeoDataFrame with a CRS")
    return polygons.to_crs(UTM48N).area.to_numpy() / 1e6
