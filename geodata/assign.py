"""Assigning points (BTS sites, Internet and game points) to unit polygons.

Vectorised: one spatial index per polygon set, one query for all points; no Python
loop over points. Containment is tested in WGS 84 longitude/latitude (where the
polygons are stored); snapping distances are measured in UTM 48N metres.
"""

from __future__ import annotations

import numbers

import geopandas as gpd
import numpy as np
import shapely

from geodata.crs import UTM48N, WGS84, metric_transformer
from geodata.distance import coordinate_arrays
from geodata.errors import InvalidInputError

__all__ = ["PointAssigner", "assign_points", "points_inside"]


def _first_per_point(point_index: np.ndarray, polygon_index: np.ndarray):
    """For each point, the lowest polygon position among its hits."""
    order = np.lexsort((polygon_index, point_index))
    points, first = np.unique(point_index[order], return_index=True)
    return points, polygon_index[order][first]


class PointAssigner:
    """Spatial index over a set of polygons, for assigning many batches of points.

    Parameters
    ----------
    polygons : geopandas.GeoDataFrame
        Unit polygons with a CRS (any; they are used in WGS 84 and UTM 48N).
        Rows with a missing or empty geometry are ignored.
    code_column : str, default "code"
        Column whose value is returned for a point in that polygon.
    """

    def __init__(
        self, polygons: gpd.GeoDataFrame, *, code_column: str = "code"
    ) -> None:
        if not isinstance(polygons, gpd.GeoDataFrame) or polygons.crs is None:
            raise InvalidInputError("polygons", polygons, "a GeoDataFrame with a CRS")
        if code_column not in polygons.columns:
            raise InvalidInputError(
                "code_column",
                code_column,
                f"one of the columns {list(polygons.columns)}",
            )
        usable = ~(polygons.geometry.isna() | polygons.geometry.is_empty)
        # Rows are kept in the caller's order: a point on an edge shared by two
        # polygons goes to the one that comes first.
        self._polygons = polygons.loc[usable.to_numpy()].to_crs(WGS84)
        self._codes = self._polygons[code_column].to_numpy(dtype=object)
        # Our own copies, prepared once: preparing changes a geometry in place.
        self._geometries = shapely.from_wkb(
            shapely.to_wkb(self._polygons.geometry.to_numpy())
        )
        shapely.prepare(self._geometries)
        self._tree = shapely.STRtree(self._geometries)
        self._metric_tree: shapely.STRtree | None = None

    def _snap_tree(self) -> shapely.STRtree:
        if self._metric_tree is None:
            self._metric_tree = shapely.STRtree(
                self._polygons.to_crs(UTM48N).geometry.values
            )
        return self._metric_tree

    def assign(self, lat: object, lon: object, *, snap_m: float = 500.0) -> np.ndarray:
        """Codes of the polygons holding the points; see :func:`assign_points`."""
        lat, lon = coordinate_arrays(lat, lon)
        if not isinstance(snap_m, numbers.Real) or not 0 <= snap_m < float("inf"):
            raise InvalidInputError("snap_m", snap_m, "a distance in metres >= 0")
        result = np.full(len(lat), None, dtype=object)
        valid = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))
        if not len(valid) or not len(self._codes):
            return result
        lon, lat = lon[valid], lat[valid]
        # Bounding boxes first, then exact tests on prepared polygons: faster
        # than a predicate query, which would prepare each point instead.
        pair_point, pair_polygon = self._tree.query(shapely.points(lon, lat))
        hit = shapely.intersects_xy(
            self._geometries[pair_polygon], lon[pair_point], lat[pair_point]
        )
        inside, polygon = _first_per_point(pair_point[hit], pair_polygon[hit])
        result[valid[inside]] = self._codes[polygon]
        outside = np.setdiff1d(np.arange(len(valid)), inside, assume_unique=True)
        if snap_m > 0 and len(outside):
            x, y = metric_transformer().transform(lon[outside], lat[outside])
            near_point, near_polygon = self._snap_tree().query_nearest(
                shapely.points(x, y), max_distance=snap_m, all_matches=True
            )
            near, polygon = _first_per_point(near_point, near_polygon)
            result[valid[outside[near]]] = self._codes[polygon]
        return result


def assign_points(
    lat: object,
    lon: object,
    polygons: gpd.GeoDataFrame,
    *,
    code_column: str = "code",
    snap_m: float = 500.0,
) -> np.ndarray:
    """Code of the unit polygon that holds each point.

    Parameters
    ----------
    lat, lon : array-like of float
        WGS 84 coordinates of the points, same length. NaN gives ``None``. Not
        modified.
    polygons : geopandas.GeoDataFrame
        Unit polygons with a CRS, e.g. from
        :func:`~geodata.approximate.approximate_unit_polygons`.
    code_column : str, default "code"
        Column of ``polygons`` whose values are returned.
    snap_m : float, default 500.0
        A point outside every polygon but within this many metres (in UTM 48N) of
        one goes to the nearest; 0 turns snapping off.

    Returns
    -------
    numpy.ndarray of object
        One code per point, ``None`` where no polygon holds or is near it. A point
        on an edge shared by several polygons (or inside overlapping ones) goes to
        the first of them in the row order of ``polygons``; equally near polygons
        are decided the same way.

    Notes
    -----
    To assign several batches to the same polygons, build a :class:`PointAssigner`
    once and call its ``assign`` method.
    """
    return PointAssigner(polygons, code_column=code_column).assign(
        lat, lon, snap_m=snap_m
    )


def points_inside(lat: object, lon: object, outline: object) -> np.ndarray:
    """Tell which points lie inside (or on the edge of) an outline.

    Parameters
    ----------
    lat, lon : array-like of float
        WGS 84 coordinates, same length; NaN gives False.
    outline : shapely.Polygon or shapely.MultiPolygon
        In WGS 84 longitude/latitude, e.g. from
        :func:`~geodata.approximate.province_outline`. Not modified.

    Returns
    -------
    numpy.ndarray of bool
    """
    lat, lon = coordinate_arrays(lat, lon)
    if not isinstance(outline, shapely.Polygon | shapely.MultiPolygon):
        raise InvalidInputError("outline", outline, "a shapely Polygon or MultiPolygon")
    if not shapely.is_prepared(outline):
        # intersects_xy prepares its geometry in place: work on a copy.
        outline = shapely.from_wkb(shapely.to_wkb(outline))
    return shapely.intersects_xy(outline, lon, lat)
