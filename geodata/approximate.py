"""Approximate unit polygons, used until official boundaries are imported.

The package gives every unit a centroid and (legacy units) a bounding box, but no
boundary. This module derives:

- a province outline: the concave hull of every legacy commune's bounding-box corners
  (clipped to the province's box) and of every commune centroid of the editions
  asked for, buffered by 1 km. It is a rough shape, typically a few per cent larger
  than the real province, and it contains every centroid by construction;
- commune polygons: the Thiessen (Voronoi) cells of the commune centroids, clipped to
  the outline, so the communes of one edition tile the outline without gaps or
  overlaps;
- district polygons: the union of their communes.

Every result is tagged ``boundary_source = "approximate"``; maps must say so.
"""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely.geometry import Polygon

from geodata import _package
from geodata.adminunits import (
    UNIT_COLUMNS,
    check_province_code,
    load_admin_units,
    source_province_codes,
)
from geodata.crs import UTM48N, WGS84
from geodata.editions import EDITIONS, get_edition
from geodata.errors import UnknownProvinceError
from geodata.repair import polygonal_parts

__all__ = ["APPROXIMATE", "approximate_unit_polygons", "province_outline"]

APPROXIMATE = "approximate"
"""Value of ``boundary_source`` for derived polygons."""

HULL_RATIO = 0.1
"""shapely.concave_hull ratio (0 = most concave, 1 = convex). For Nghệ An, 0.1 gives a
hull of 16,250 km² (17,120 km² once buffered) against the official 16,489 km²;
0.2 would give 18,700 km², 1.0 (convex) 22,900 km²."""

BUFFER_M = 1000.0
"""Buffer around the hull, in metres, so that border communes keep some margin."""

DUPLICATE_TOLERANCE_M = 1.0
"""Centroids closer than this are treated as one place (the package has several)."""

SPREAD_M = 50.0
"""Radius at which duplicated centroids are spread apart (see ``_spread``)."""

LONE_DISTRICT_RADIUS_M = 2000.0
"""Radius of the disc given to a district without communes (island districts such as
Bạch Long Vĩ or Cồn Cỏ), around its package centroid."""


@lru_cache(maxsize=2)
def _transformer(source: str, target: str) -> Transformer:
    return Transformer.from_crs(source, target, always_xy=True)


def _to_metric_xy(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    x, y = _transformer(WGS84, UTM48N).transform(lon, lat)
    return np.column_stack([x, y])


def _outline_points(province_code: str, edition: str) -> np.ndarray:
    """Longitude/latitude pairs whose hull outlines a province in an edition."""
    lonlat = []
    for code in source_province_codes(province_code, edition):
        rows = _package.legacy_rows(code)
        min_lon, min_lat, max_lon, max_lat = _package.parse_bounds(
            rows["provinceBounds"].iloc[0]
        )
        wards = rows[rows["wardBounds"].notna()]
        boxes = np.array([_package.parse_bounds(b) for b in wards["wardBounds"]])
        boxes = boxes.reshape(-1, 4)
        # Some ward boxes of the geocoder spill over the province: keep them inside.
        lons = np.clip(boxes[:, [0, 0, 2, 2]].ravel(), min_lon, max_lon)
        lats = np.clip(boxes[:, [1, 3, 1, 3]].ravel(), min_lat, max_lat)
        lonlat.append(np.column_stack([lons, lats]))
    units = load_admin_units(province_code, edition)
    lonlat.append(units[["lon", "lat"]].to_numpy(dtype=float))
    points = np.concatenate(lonlat)
    return points[np.isfinite(points).all(axis=1)]


@lru_cache(maxsize=16)
def _outline_metric(province_code: str, editions: tuple[str, ...]) -> Polygon:
    points = np.concatenate([_outline_points(province_code, e) for e in editions])
    xy = _to_metric_xy(points[:, 0], points[:, 1])
    hull = shapely.concave_hull(shapely.multipoints(xy), ratio=HULL_RATIO)
    outline = shapely.make_valid(hull.buffer(BUFFER_M))
    if not isinstance(outline, Polygon):  # never seen; keep every point inside
        outline = shapely.convex_hull(shapely.multipoints(xy)).buffer(BUFFER_M)
    return outline


def _outline_editions(province_code: str, edition: str | None) -> tuple[str, ...]:
    """Editions whose centroids shape the outline of a province (in an edition).

    Editions in which the province covers the same legacy provinces share one
    outline, so that a place inside a unit of one is inside a unit of the other.
    """
    land = {}
    for key in EDITIONS:
        try:
            land[key] = source_province_codes(province_code, key)
        except UnknownProvinceError:
            continue
    if edition is None:
        if not land:  # raise the error of the default edition
            source_province_codes(province_code, next(iter(EDITIONS)))
        return tuple(land)
    key = get_edition(edition).key
    wanted = source_province_codes(province_code, key)  # raises if unknown there
    return tuple(e for e, codes in land.items() if codes == wanted)


def province_outline(province_code: str, *, edition: str | None = None) -> Polygon:
    """Approximate outline of a province, in WGS 84 longitude/latitude.

    This is **not** an official boundary: it is the concave hull (ratio
    ``HULL_RATIO``) of the legacy communes' bounding-box corners and of the commune
    centroids, buffered by ``BUFFER_M`` metres in UTM 48N. It contains every
    commune centroid of the editions used.

    Parameters
    ----------
    province_code : str
        GSO province code, e.g. ``'40'``.
    edition : str, optional
        Outline the province's territory in this edition (editions in which its
        territory is the same, as for Nghệ An, share one outline). By default
        every edition in which the province exists is used (for a province merged
        on 1/7/2025 that is the merged territory).

    Returns
    -------
    shapely.Polygon
        Coordinates are (longitude, latitude).

    Raises
    ------
    UnknownProvinceError, UnknownEditionError
    """
    code = check_province_code(province_code)
    outline = _outline_metric(code, _outline_editions(code, edition))
    return shapely.transform(
        outline,
        lambda xy: np.column_stack(_transformer(UTM48N, WGS84).transform(*xy.T)),
    )


def _spread(xy: np.ndarray) -> np.ndarray:
    """Move apart centroids that coincide, so every unit gets its own cell.

    The k points of a group are put on a circle around their shared place, at most
    ``SPREAD_M`` metres away (less if another centroid is near). The Thiessen cells
    of points on a circle all meet at its centre, so the shared place stays on the
    edge of every one of their cells.
    """
    keys = np.round(xy / DUPLICATE_TOLERANCE_M).astype(np.int64)
    _, group, counts = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
    group = group.ravel()
    if counts.max() == 1:
        return xy
    spread = xy.copy()
    for g in np.flatnonzero(counts > 1):
        members = np.flatnonzero(group == g)
        centre = xy[members[0]]
        distance = np.hypot(*(xy - centre).T)
        distance[group == g] = np.inf
        radius = min(SPREAD_M, distance.min() / 4)
        angles = np.pi / 2 + 2 * np.pi * np.arange(len(members)) / len(members)
        spread[members] = centre + radius * np.column_stack(
            [np.cos(angles), np.sin(angles)]
        )
    return spread


def _commune_cells(xy: np.ndarray, outline: Polygon) -> np.ndarray:
    points = shapely.points(_spread(xy))
    diagram = shapely.voronoi_polygons(
        shapely.multipoints(points), extend_to=outline, ordered=True
    )
    cells = shapely.get_parts(diagram)
    if len(cells) != len(points):  # ordered=True keeps one cell per input point
        raise AssertionError("Voronoi diagram lost a cell")
    # Clipping can leave a zero-area point or line beside a cell: drop it.
    return polygonal_parts(shapely.make_valid(shapely.intersection(cells, outline)))


def _district_shapes(communes: gpd.GeoDataFrame, districts: pd.DataFrame) -> list:
    groups = communes.groupby("parent_code").geometry
    unions = {code: shapely.union_all(list(geoms)) for code, geoms in groups}
    shapes = []
    columns = (districts["code"], districts["lon"], districts["lat"])
    for code, lon, lat in zip(*columns, strict=True):
        if code in unions:
            shapes.append(unions[code])
        else:
            centre = shapely.Point(_to_metric_xy(np.array([lon]), np.array([lat]))[0])
            shapes.append(centre.buffer(LONE_DISTRICT_RADIUS_M))
    return shapes


@lru_cache(maxsize=16)
def _approximate(code: str, edition: str) -> gpd.GeoDataFrame:
    units = load_admin_units(code, edition)
    outline = _outline_metric(code, _outline_editions(code, edition))
    is_commune = units["level"] == "commune"
    communes = units[is_commune]
    xy = _to_metric_xy(communes["lon"].to_numpy(), communes["lat"].to_numpy())
    geometry = np.empty(len(units), dtype=object)
    geometry[is_commune.to_numpy()] = _commune_cells(xy, outline)
    gdf = gpd.GeoDataFrame(units, geometry=list(geometry), crs=UTM48N)
    if (~is_commune).any():
        districts = units.index[~is_commune]
        shapes = _district_shapes(gdf[is_commune], units.loc[districts])
        gdf.loc[districts, "geometry"] = gpd.GeoSeries(shapes, index=districts)
    gdf["official_area_km2"] = gdf["area_km2"]
    gdf["area_km2"] = gdf.geometry.area / 1e6
    gdf["boundary_source"] = APPROXIMATE
    columns = [*UNIT_COLUMNS, "official_area_km2", "boundary_source", "geometry"]
    gdf = gdf[columns].to_crs(WGS84)
    broken = ~gdf.geometry.is_valid  # rounding in the reprojection, rarely
    if broken.any():
        gdf.loc[broken, "geometry"] = polygonal_parts(
            shapely.make_valid(gdf.geometry[broken].to_numpy())
        )
    return gdf


def approximate_unit_polygons(province_code: str, edition: str) -> gpd.GeoDataFrame:
    """Approximate polygons of every unit of a province in one edition.

    Communes are the Thiessen cells of their centroids (computed in UTM 48N) clipped
    to :func:`province_outline` of that edition, so they tile it: no gaps, no
    overlaps. Centroids that coincide in the package are spread apart first (see
    ``SPREAD_M``), so every commune gets a non-empty cell and its package centroid
    lies in or on the edge of that cell. Districts (edition ``2025-06``) are the
    union of their communes (a commune whose centroid the package put in another
    district makes that district multipart); a district without any commune (an
    island district) gets a disc of ``LONE_DISTRICT_RADIUS_M`` around its centroid.

    Parameters
    ----------
    province_code : str
        GSO province code, e.g. ``'40'``.
    edition : str
        ``'2025-06'`` or ``'2025-07'``.

    Returns
    -------
    geopandas.GeoDataFrame
        A new frame in ``EPSG:4326`` with the columns of
        :func:`~geodata.adminunits.load_admin_units` plus ``official_area_km2``
        (the package's area, 2025-07 communes only, else NaN), ``boundary_source``
        (``"approximate"``) and ``geometry``. ``area_km2`` is the area of the
        approximate polygon, computed in UTM 48N.

    Raises
    ------
    UnknownProvinceError, UnknownEditionError
    """
    code = check_province_code(province_code)
    return _approximate(code, get_edition(edition).key).copy()
