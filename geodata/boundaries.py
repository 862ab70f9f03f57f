"""Official boundary files: reading them, matching them to units, deriving districts.

The department has boundaries as GeoJSON, GeoPackage or zipped Shapefile, often in
VN-2000. :func:`read_boundary_file` turns any of them into a WGS 84 GeoDataFrame or
says precisely why it cannot; :func:`match_boundaries` (from
:mod:`geodata.boundary_match`) ties features to unit codes; :func:`dissolve_districts`
rebuilds district polygons from commune polygons.
"""

from __future__ import annotations

import warnings
import zipfile
from collections import Counter
from os import PathLike, fspath
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from geodata.boundary_match import BoundaryMatch, match_boundaries
from geodata.crs import VN2000_UTM48N, WGS84
from geodata.errors import BoundaryFileError, InvalidInputError
from geodata.repair import has_polygon

__all__ = [
    "VIETNAM_BOUNDS",
    "BoundaryMatch",
    "dissolve_districts",
    "match_boundaries",
    "read_boundary_file",
]

VIETNAM_BOUNDS = (101.5, 6.0, 118.5, 24.0)
"""Generous (min_lon, min_lat, max_lon, max_lat) of Vietnam, islands included."""

MAX_UNZIPPED_BYTES = 2**30
"""Largest total a zipped Shapefile may unpack to (1 GiB): a province's communes
take tens of megabytes; a zip that claims more is refused before it is read."""


def _source(path: Path) -> str:
    # GDAL reads zipped Shapefiles through its /vsizip/ virtual file system.
    return f"/vsizip/{path}" if path.suffix.lower() == ".zip" else str(path)


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise BoundaryFileError(
            path, "geodata.boundary.not_zip", detail=str(exc)
        ) from exc
    if unpacked > MAX_UNZIPPED_BYTES:
        raise BoundaryFileError(
            path,
            "geodata.boundary.zip_too_large",
            unpacked_mb=unpacked // 2**20,
            limit_mb=MAX_UNZIPPED_BYTES // 2**20,
        )
    if not any(m.lower().endswith(".shp") for m in members):
        listed = ", ".join(members[:10]) or "nothing"
        raise BoundaryFileError(
            path, "geodata.boundary.zip_without_shapefile", listed=listed
        )


def _pick_layer(path: Path, layers: np.ndarray, layer: str | None) -> str:
    names = [str(name) for name, _ in layers]
    described = ", ".join(f"{name} ({kind})" for name, kind in layers)
    if layer is not None:
        if layer not in names:
            raise BoundaryFileError(
                path, "geodata.boundary.no_such_layer", layer=layer, described=described
            )
        return layer
    if not names:
        what = "no Shapefile" if path.suffix.lower() == ".zip" else "no layer"
        raise BoundaryFileError(path, "geodata.boundary.no_layer", what=what)
    for name, kind in layers:
        if kind and "Polygon" in str(kind):
            return str(name)
    for name, kind in layers:  # mixed or undeclared geometry types (GeoJSON)
        if kind in (None, "Unknown", "Geometry", "GeometryCollection"):
            return str(name)
    raise BoundaryFileError(
        path, "geodata.boundary.no_polygon_layer", described=described
    )


def _is_vietnam_degrees(bounds: np.ndarray) -> bool:
    min_x, min_y, max_x, max_y = bounds
    lon0, lat0, lon1, lat1 = VIETNAM_BOUNDS
    return bool(lon0 <= min_x and max_x <= lon1 and lat0 <= min_y and max_y <= lat1)


def _check_not_swapped(path: Path, bounds: np.ndarray) -> None:
    """Refuse coordinates that are Vietnam's latitudes as x and longitudes as y."""
    min_x, min_y, max_x, max_y = (float(b) for b in bounds)
    lon0, lat0, lon1, lat1 = VIETNAM_BOUNDS
    if lat0 <= min_x and max_x <= lat1 and lon0 <= min_y and max_y <= lon1:
        raise BoundaryFileError(
            path,
            "geodata.boundary.swapped_axes",
            min_x=min_x,
            max_x=max_x,
            min_y=min_y,
            max_y=max_y,
        )


def _resolve_crs(path: Path, gdf: gpd.GeoDataFrame, crs: object) -> gpd.GeoDataFrame:
    bounds = gdf.total_bounds
    shown = f"x {bounds[0]:.6g}..{bounds[2]:.6g}, y {bounds[1]:.6g}..{bounds[3]:.6g}"
    if crs is not None:
        try:
            wanted = CRS.from_user_input(crs)
        except CRSError as exc:
            raise InvalidInputError(
                "crs", crs, f"a CRS that pyproj understands, like {VN2000_UTM48N}"
            ) from exc
        if gdf.crs is not None and not gdf.crs.equals(wanted):
            warnings.warn(
                f"'{path}' declares CRS {gdf.crs.to_string()}; using "
                f"{wanted.to_string()} as asked.",
                UserWarning,
                stacklevel=3,
            )
        return gdf.set_crs(wanted, allow_override=True)
    if gdf.crs is None:
        if not _is_vietnam_degrees(bounds):
            _check_not_swapped(path, bounds)
            raise BoundaryFileError(path, "geodata.boundary.no_crs", shown=shown)
        warnings.warn(
            f"'{path}' declares no CRS; its coordinates are degrees within Vietnam, "
            "so WGS 84 (EPSG:4326) is assumed. Give its CRS if that is wrong.",
            UserWarning,
            stacklevel=3,
        )
        return gdf.set_crs(WGS84)
    # GeoJSON without a "crs" member is WGS 84 by definition, whatever it holds.
    if gdf.crs.is_geographic:
        _check_not_swapped(path, bounds)
    if gdf.crs.is_geographic and not (
        -180 <= bounds[0] <= bounds[2] <= 180 and -90 <= bounds[1] <= bounds[3] <= 90
    ):
        raise BoundaryFileError(
            path,
            "geodata.boundary.not_degrees",
            crs=gdf.crs.to_string(),
            shown=shown,
        )
    return gdf


def _report_non_polygons(path: Path, gdf: gpd.GeoDataFrame) -> None:
    kinds = gdf.geom_type.fillna("no geometry").to_numpy()
    usable = np.array([has_polygon(g) for g in gdf.geometry.values], dtype=bool)
    if not usable.any():
        found = ", ".join(f"{k} x{n}" for k, n in Counter(kinds).items())
        raise BoundaryFileError(path, "geodata.boundary.no_polygons", found=found)
    if not usable.all():
        bad = np.flatnonzero(~usable)
        found = ", ".join(f"{k} x{n}" for k, n in Counter(kinds[bad]).items())
        warnings.warn(
            f"'{path}': {len(bad)} of {len(gdf)} features are not polygons ({found}), "
            f"e.g. feature {', '.join(map(str, bad[:5]))}; match_boundaries will "
            "reject them.",
            UserWarning,
            stacklevel=3,
        )


def read_boundary_file(
    path: str | PathLike[str], *, crs: object = None, layer: str | None = None
) -> gpd.GeoDataFrame:
    """Read a boundary file into a GeoDataFrame in WGS 84.

    Parameters
    ----------
    path : str or path-like
        A GeoJSON, a GeoPackage, a zipped Shapefile (``.zip``) or any other vector
        format GDAL reads.
    crs : str or pyproj.CRS, optional
        The CRS of the coordinates, overriding the file's (a warning says so when
        they differ), e.g. ``'EPSG:3405'`` for VN-2000 / UTM 48N. Without it the
        file's CRS is used; a file without one is taken as WGS 84 only if all its
        coordinates are degrees within Vietnam.
    layer : str, optional
        Layer to read (GeoPackage, or a zip with several Shapefiles). By default
        the first polygon layer.

    Returns
    -------
    geopandas.GeoDataFrame
        All features in file order (the row position is the feature index used by
        :func:`match_boundaries`), in ``EPSG:4326``. Features that are not polygons
        are kept and reported in a ``UserWarning``.

    Raises
    ------
    BoundaryFileError
        If the file is missing, unreadable or malformed, has no features or no
        polygons, has no usable CRS, or lands outside Vietnam.
    InvalidInputError
        If ``path`` or ``crs`` is not usable.
    """
    if not isinstance(path, str | PathLike):
        raise InvalidInputError("path", path, "a file path (str or os.PathLike)")
    file = Path(fspath(path))
    if not file.is_file():
        raise BoundaryFileError(file, "geodata.boundary.no_such_file")
    if file.suffix.lower() == ".zip":
        _check_zip(file)
    try:
        layers = pyogrio.list_layers(_source(file))
        name = _pick_layer(file, layers, layer)
        gdf = gpd.read_file(_source(file), layer=name, engine="pyogrio")
    except BoundaryFileError:
        raise
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise BoundaryFileError(
            file, "geodata.boundary.unreadable", detail=str(exc)
        ) from exc
    except (
        pyogrio.errors.FeatureError,
        pyogrio.errors.FieldError,
        pyogrio.errors.GeometryError,
        pyogrio.errors.CRSError,
        OSError,
    ) as exc:
        raise BoundaryFileError(
            file, "geodata.boundary.malformed", detail=str(exc)
        ) from exc
    if gdf.empty:
        raise BoundaryFileError(file, "geodata.boundary.no_features", layer=name)
    gdf = gdf.reset_index(drop=True)
    _report_non_polygons(file, gdf)
    gdf = _resolve_crs(file, gdf, crs)
    source_crs = gdf.crs.to_string()
    try:
        gdf = gdf.to_crs(WGS84)
    except (CRSError, ValueError) as exc:
        raise BoundaryFileError(
            file, "geodata.boundary.cannot_reproject", crs=source_crs, detail=str(exc)
        ) from exc
    bounds = gdf.total_bounds
    lon0, lat0, lon1, lat1 = VIETNAM_BOUNDS
    overlaps = bounds[0] <= lon1 and bounds[2] >= lon0
    if not (overlaps and bounds[1] <= lat1 and bounds[3] >= lat0):
        raise BoundaryFileError(
            file,
            "geodata.boundary.outside_vietnam",
            crs=source_crs,
            min_lon=float(bounds[0]),
            max_lon=float(bounds[2]),
            min_lat=float(bounds[1]),
            max_lat=float(bounds[3]),
        )
    gdf.attrs.update(source_path=str(file), source_crs=source_crs, layer=name)
    return gdf


def dissolve_districts(
    commune_polygons: gpd.GeoDataFrame, units: pd.DataFrame
) -> gpd.GeoDataFrame:
    """District polygons as the union of their communes' polygons.

    Parameters
    ----------
    commune_polygons : geopandas.GeoDataFrame
        Commune polygons with a ``code`` column (e.g. ``BoundaryMatch.matched``).
    units : pandas.DataFrame
        Units of edition ``2025-06`` (see
        :func:`~geodata.adminunits.load_admin_units`): communes carry
        ``parent_code``; district rows, if present, give names.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per district, sorted by code, in ``EPSG:4326``: ``code``, ``name``,
        ``communes`` (its number of communes), ``communes_with_polygon``,
        ``complete`` (every commune had a polygon) and ``geometry`` (``None`` when
        no commune had one).

    Raises
    ------
    InvalidInputError
        If an input lacks the columns needed or has no CRS.
    """
    if (
        not isinstance(commune_polygons, gpd.GeoDataFrame)
        or commune_polygons.crs is None
    ):
        raise InvalidInputError(
            "commune_polygons", commune_polygons, "a GeoDataFrame with a CRS"
        )
    if "code" not in commune_polygons.columns:
        raise InvalidInputError(
            "commune_polygons", list(commune_polygons.columns), "a 'code' column"
        )
    if not isinstance(units, pd.DataFrame) or not {"code", "parent_code"} <= set(
        units.columns
    ):
        raise InvalidInputError(
            "units",
            units,
            "a DataFrame with 'code' and 'parent_code' (edition 2025-06)",
        )
    communes = units[units["parent_code"].notna()]
    if communes.empty:
        raise InvalidInputError(
            "units", "no unit with a parent_code", "units of edition 2025-06"
        )
    polygons = commune_polygons.to_crs(WGS84)
    shape_of = dict(zip(polygons["code"].astype(str), polygons.geometry, strict=True))
    names = dict(zip(units["code"].astype(str), units["name"], strict=True))
    rows = []
    for district, members in communes.groupby("parent_code", sort=True):
        shapes = [shape_of[c] for c in members["code"].astype(str) if c in shape_of]
        shapes = [s for s in shapes if s is not None and not s.is_empty]
        rows.append(
            {
                "code": str(district),
                "name": names.get(str(district)),
                "communes": len(members),
                "communes_with_polygon": len(shapes),
                "complete": len(shapes) == len(members),
                "geometry": shapely.union_all(shapes) if shapes else None,
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)
