"""Turning the geometries of boundary files into valid polygons, or rejecting them."""

from __future__ import annotations

import numpy as np
import shapely

__all__ = ["has_polygon", "polygonal_parts", "repair_polygon"]

_POLYGONAL = ("Polygon", "MultiPolygon")


def has_polygon(geometry: object) -> bool:
    """Tell whether a geometry is, or contains, a non-empty polygon.

    Parameters
    ----------
    geometry : shapely geometry or None

    Returns
    -------
    bool
    """
    if geometry is None or shapely.is_empty(geometry):
        return False
    if geometry.geom_type in _POLYGONAL:
        return True
    return any(p.geom_type in _POLYGONAL for p in shapely.get_parts(geometry))


def polygonal_parts(geometries: object) -> object:
    """Keep only the polygonal parts of each geometry (points and lines are dropped).

    Parameters
    ----------
    geometries : shapely geometry or array of them

    Returns
    -------
    Same shape as the input: Polygon or MultiPolygon, empty where nothing is left.
    """
    array = np.asarray(geometries, dtype=object)
    result = array.ravel().copy()
    for i, geometry in enumerate(result):
        if geometry is None or geometry.geom_type in _POLYGONAL:
            continue
        parts = [p for p in shapely.get_parts(geometry) if p.geom_type in _POLYGONAL]
        result[i] = shapely.union_all(parts) if parts else shapely.Polygon()
    return result.reshape(array.shape) if array.ndim else result[0]


def repair_polygon(geometry: object) -> tuple[object, str | None, str | None]:
    """Make a feature's geometry a valid (multi)polygon, or say why it cannot be.

    Z values are dropped; a collection keeps its polygonal parts; an invalid
    polygon goes through ``shapely.make_valid(method="structure")`` and keeps the
    polygonal parts of the result (a bow-tie becomes two triangles).

    Parameters
    ----------
    geometry : shapely geometry or None

    Returns
    -------
    (geometry, repair, rejection) : tuple
        The usable geometry (``None`` if rejected), a sentence saying what was
        repaired (``None`` if nothing), and the reason for a rejection (``None`` if
        usable).
    """
    if geometry is None or shapely.is_empty(geometry):
        return None, None, "the feature has no geometry"
    geometry = shapely.force_2d(geometry)
    actions = []
    if geometry.geom_type not in _POLYGONAL:
        parts = [p for p in shapely.get_parts(geometry) if p.geom_type in _POLYGONAL]
        if not parts:
            return None, None, f"its geometry is a {geometry.geom_type}, not a polygon"
        actions.append(f"kept the polygonal parts of a {geometry.geom_type}")
        geometry = shapely.union_all(parts)
    if not shapely.is_valid(geometry):
        reason = shapely.is_valid_reason(geometry)
        fixed = shapely.make_valid(geometry, method="structure", keep_collapsed=False)
        parts = [p for p in shapely.get_parts(fixed) if p.geom_type in _POLYGONAL]
        fixed = shapely.union_all(parts) if parts else None
        if fixed is None or fixed.is_empty or fixed.area == 0:
            return None, None, f"invalid geometry ({reason}) that cannot be repaired"
        actions.append(
            f"made valid ({reason}): now a {fixed.geom_type} of "
            f"{shapely.get_num_geometries(fixed)} part(s)"
        )
        geometry = fixed
    return geometry, "; ".join(actions) or None, None
