"""Turning the geometries of boundary files into valid polygons, or rejecting them."""

from __future__ import annotations

import numpy as np
import shapely

from geodata.crs import metric_transformer

__all__ = [
    "MAX_REPAIR_CHANGE",
    "area_km2_as_drawn",
    "has_polygon",
    "polygonal_parts",
    "repair_polygon",
]

MAX_REPAIR_CHANGE = 0.02
"""Largest share of a unit's area a repair may add or remove (2 %).

Repairs of official layers are normally tiny: a ring touching itself, a sliver
where a vertex was doubled, an inner ring crossing the outer one by a few metres;
they change a unit's area by well under 1 %. A larger change means the outline
itself is wrong (a bow-tie, a ring that turns back on itself) and no repair can
say what was meant: a bow-tie turned a 16 km² ward into 5 km² and left thousands
of sites outside every unit. Above this share the import is refused, naming the
unit and both areas."""

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


def area_km2_as_drawn(geometry: object) -> float:
    """Area of a geometry's polygonal parts as its rings are drawn, in km².

    For a valid polygon this is its area; for an invalid one it is what a GIS
    shows for it: each ring's enclosed area (by the shoelace formula, so the two
    lobes of a bow-tie cancel), holes subtracted. Computed in UTM 48N from WGS 84
    longitude/latitude.

    Parameters
    ----------
    geometry : shapely geometry or None
        In WGS 84 longitude/latitude.

    Returns
    -------
    float
        0.0 for no geometry or no polygonal part.
    """
    if geometry is None or shapely.is_empty(geometry):
        return 0.0
    transformer = metric_transformer()

    def metric(coordinates: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coordinates[:, 0], coordinates[:, 1])
        return np.column_stack([x, y])

    parts = [
        p
        for p in shapely.get_parts(shapely.force_2d(geometry))
        if p.geom_type in _POLYGONAL
    ]
    polygons = [q for p in parts for q in shapely.get_parts(p)]
    area = sum(shapely.area(shapely.transform(p, metric)) for p in polygons)
    return float(area) / 1e6
