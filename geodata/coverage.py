"""Coverage arithmetic: discs around sites, their union, and the share of each unit.

A site is taken to serve a disc of a given radius around it (the radius comes from
the caller: it depends on the technology and on whether the site stands in a town).
Everything is computed in WGS 84 / UTM 48N (``EPSG:32648``), where a metre is a
metre: an area computed on longitude/latitude degrees would be wrong by a factor
that changes with the latitude. Inputs and map outputs are WGS 84.

- :func:`coverage_discs`: one disc per site (vectorised buffer), metric CRS.
- :func:`coverage_union`: the union of the discs, optionally clipped to an outline.
- :func:`covered_area_by_unit`: the covered km² and share of each unit polygon.

No Python loop runs over sites or units: discs are buffered as one array, the union
is one GEOS call, and the overlay pairs parts of the union with units through a
spatial index.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.crs import UTM48N, WGS84
from geodata.distance import metric_xy
from geodata.errors import InvalidInputError

__all__ = [
    "AREA_SCALE",
    "DISC_QUAD_SEGMENTS",
    "coverage_discs",
    "coverage_union",
    "covered_area_by_unit",
    "to_wgs84_geometry",
]

DISC_QUAD_SEGMENTS = 8
"""Segments per quarter circle of a disc (a 32-sided polygon): few enough to union
5,000 discs quickly. Its radius is stretched by :data:`AREA_SCALE` so that the
polygon's area equals π r², the area of the true disc."""

_SIDES = 4 * DISC_QUAD_SEGMENTS
AREA_SCALE = float(np.sqrt(np.pi / (_SIDES / 2 * np.sin(2 * np.pi / _SIDES))))
"""Factor applied to each radius so that the inscribed polygon keeps π r²."""


def _radii(radius_m: object, count: int) -> np.ndarray:
    try:
        radii = np.broadcast_to(np.asarray(radius_m, dtype=float), (count,))
    except (TypeError, ValueError):
        raise InvalidInputError(
            "radius_m", radius_m, f"a number or {count} numbers (metres)"
        ) from None
    if count and not (np.isfinite(radii).all() and (radii > 0).all()):
        raise InvalidInputError("radius_m", radius_m, "positive, finite metres")
    return radii


def coverage_discs(lat: object, lon: object, radius_m: object) -> np.ndarray:
    """One disc per site, in metres (``EPSG:32648``).

    Parameters
    ----------
    lat, lon : array-like of float
        WGS 84 coordinates of the sites, same length. Not modified.
    radius_m : float or array-like of float
        The radius served by each site (one number for all, or one per site), in
        metres; positive.

    Returns
    -------
    numpy.ndarray of shapely.Polygon
        The discs, in WGS 84 / UTM 48N coordinates, each a 32-sided polygon of
        area π r²; sites without coordinates are left out.
    """
    x, y = metric_xy(lat, lon)
    radii = _radii(radius_m, len(x))
    usable = np.isfinite(x) & np.isfinite(y)
    centres = shapely.points(x[usable], y[usable])
    return shapely.buffer(
        centres, radii[usable] * AREA_SCALE, quad_segs=DISC_QUAD_SEGMENTS
    )


def coverage_union(
    discs: np.ndarray, *, clip: shapely.Geometry | None = None
) -> shapely.Geometry:
    """The area covered by any of the discs, counted once.

    Parameters
    ----------
    discs : array of shapely geometries
        From :func:`coverage_discs` (metric CRS).
    clip : shapely geometry, optional
        An outline in the same metric CRS (e.g. the province) to cut the union to.

    Returns
    -------
    shapely.Geometry
        A (multi)polygon in ``EPSG:32648``; an empty polygon when there are no discs.
    """
    discs = np.asarray(discs, dtype=object)
    if not len(discs):
        return shapely.Polygon()
    covered = shapely.union_all(discs)
    if clip is not None:
        if not isinstance(clip, shapely.Geometry):
            raise InvalidInputError("clip", clip, "a shapely geometry in EPSG:32648")
        covered = shapely.intersection(covered, clip)
    return covered


def _units_in_metres(units: object) -> gpd.GeoDataFrame:
    if not isinstance(units, gpd.GeoDataFrame):
        raise InvalidInputError("units", units, "a GeoDataFrame")
    if units.crs is None:
        raise InvalidInputError("units", units.crs, "a GeoDataFrame with a CRS")
    if "code" not in units.columns:
        raise InvalidInputError("units", list(units.columns), "a 'code' column")
    return units[["code", units.geometry.name]].to_crs(UTM48N)


def covered_area_by_unit(
    units: gpd.GeoDataFrame, covered: shapely.Geometry
) -> pd.DataFrame:
    """Area of each unit and the part of it that is covered.

    Parameters
    ----------
    units : geopandas.GeoDataFrame
        Unit polygons with a ``code`` column and a CRS (reprojected to
        ``EPSG:32648`` on a copy; not modified).
    covered : shapely.Geometry
        The covered area in ``EPSG:32648`` (from :func:`coverage_union`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``code`` in the order of ``units``, with ``area_km2`` (the
        unit's area, metric), ``covered_km2`` and ``share`` (0 to 1; NaN for a
        unit of no area).

    Notes
    -----
    The union is split into its parts; a spatial index pairs each part with the
    units whose boxes it touches, and only those pairs are intersected. A part
    straddling a border is thereby split between the units on either side.
    """
    metric = _units_in_metres(units)
    shapes = metric.geometry.to_numpy()
    area = shapely.area(shapes)
    covered_m2 = np.zeros(len(shapes))
    if covered is not None and not shapely.is_empty(covered):
        parts = shapely.get_parts(covered)
        tree = shapely.STRtree(shapes)
        part_index, unit_index = tree.query(parts, predicate="intersects")
        if len(part_index):
            pieces = shapely.intersection(shapes[unit_index], parts[part_index])
            np.add.at(covered_m2, unit_index, shapely.area(pieces))
    covered_m2 = np.minimum(covered_m2, area)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(area > 0, covered_m2 / area, np.nan)
    return pd.DataFrame(
        {"area_km2": area / 1e6, "covered_km2": covered_m2 / 1e6, "share": share},
        index=pd.Index(metric["code"].to_numpy(), name="code"),
    )


def to_wgs84_geometry(geometry: shapely.Geometry) -> shapely.Geometry:
    """A metric (``EPSG:32648``) geometry reprojected to WGS 84 for maps.

    Parameters
    ----------
    geometry
        A shapely geometry in UTM 48N metres, such as :func:`coverage_union` makes.
    """
    return gpd.GeoSeries([geometry], crs=UTM48N).to_crs(WGS84).iloc[0]
