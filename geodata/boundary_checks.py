"""Does a boundary layer lie where its units are? Figures to accept or refuse it.

A layer read in the wrong CRS, shifted, or of another province can match every unit
by code or name and still lie somewhere else: a copy moved 1° north matched 130 of
130 communes and would have left 4,978 sites outside every commune.
:func:`layer_placement` compares the layer with where its units lie now (their
official or approximate polygons) and with the province's outline, in UTM 48N.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely

from geodata.crs import UTM48N, WGS84
from geodata.errors import InvalidInputError

__all__ = [
    "MIN_COVER_SHARE",
    "MAX_OUTSIDE_SHARE",
    "OUTSIDE_MARGIN_M",
    "Placement",
    "layer_placement",
]

MIN_COVER_SHARE = 0.10
"""Least share of the area its units cover now that a layer must cover (10 %).

The units' current polygons may be approximate (Thiessen cells of their centroids):
for one commune alone such a cell and the real outline can share as little as a
fifth of their area (measured: Thiessen cells of the 2025-06 communes against those
of the 2025-07 communes they formed share 20 % at worst, 73 % on median), and for
many units together most of it. A layer in the right place always covers more than
this; one moved by a degree covers almost none of it (5 % for the whole province
moved 1° north, 0 % for a commune)."""

MAX_OUTSIDE_SHARE = 0.05
"""Largest share of a layer's area that may lie beyond the margin around the
province's outline (5 %). The outline is the union of the units' current
polygons; official layers stay inside it but for their edges and islets."""

OUTSIDE_MARGIN_M = 5000.0
"""Margin around the province's outline, in metres, within which a layer's area
still counts as inside: the approximate outline is a hull of bounding boxes and
may miss a border commune's edge by a few kilometres."""


@dataclass(frozen=True)
class Placement:
    """Where a layer lies, against its units and the province.

    Attributes
    ----------
    layer_km2 : float
        Area of the union of the layer's polygons.
    current_km2 : float
        Area of the union of the same units' current polygons.
    cover_share : float
        Share of ``current_km2`` the layer covers (0 to 1).
    outside_km2 : float
        Area of the layer beyond :data:`OUTSIDE_MARGIN_M` of the outline.
    outside_share : float
        ``outside_km2`` over ``layer_km2``.
    shift_km : float
        Distance between the centre of the layer and that of the units' current
        polygons, in km.
    """

    layer_km2: float
    current_km2: float
    cover_share: float
    outside_km2: float
    outside_share: float
    shift_km: float

    @property
    def fits(self) -> bool:
        """True when the layer covers enough of its units and stays in the province."""
        return (
            self.cover_share >= MIN_COVER_SHARE
            and self.outside_share <= MAX_OUTSIDE_SHARE
        )


def _union_metric(geometries) -> shapely.Geometry:
    series = gpd.GeoSeries(list(geometries), crs=WGS84).dropna()
    series = series[~series.is_empty]
    if series.empty:
        return shapely.Polygon()
    return shapely.make_valid(shapely.union_all(series.to_crs(UTM48N).to_numpy()))


def layer_placement(
    layer: gpd.GeoDataFrame, current: gpd.GeoDataFrame, outline: object
) -> Placement:
    """Compare a layer's polygons with its units' current ones and the outline.

    Parameters
    ----------
    layer : geopandas.GeoDataFrame
        The new polygons (e.g. ``BoundaryMatch.matched``), with a CRS.
    current : geopandas.GeoDataFrame
        The same units' polygons as they are now, with a CRS.
    outline : shapely Polygon or MultiPolygon
        The province's outline in WGS 84 longitude/latitude.

    Returns
    -------
    Placement
    """
    for name, frame in (("layer", layer), ("current", current)):
        if not isinstance(frame, gpd.GeoDataFrame) or frame.crs is None:
            raise InvalidInputError(name, frame, "a GeoDataFrame with a CRS")
    if not isinstance(outline, shapely.Polygon | shapely.MultiPolygon):
        raise InvalidInputError("outline", outline, "a shapely Polygon or MultiPolygon")
    new = _union_metric(layer.to_crs(WGS84).geometry)
    old = _union_metric(current.to_crs(WGS84).geometry)
    province = _union_metric([outline])
    layer_m2, current_m2 = new.area, old.area
    covered = new.intersection(old).area if current_m2 else 0.0
    outside = new.difference(province.buffer(OUTSIDE_MARGIN_M)).area
    shift = new.centroid.distance(old.centroid) if current_m2 and layer_m2 else 0.0
    return Placement(
        layer_km2=float(layer_m2) / 1e6,
        current_km2=float(current_m2) / 1e6,
        cover_share=float(covered / current_m2) if current_m2 else 1.0,
        outside_km2=float(outside) / 1e6,
        outside_share=float(outside / layer_m2) if layer_m2 else 0.0,
        shift_km=float(np.round(shift / 1000.0, 3)),
    )
