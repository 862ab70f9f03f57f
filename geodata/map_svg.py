"""Static SVG maps for printable reports: unit polygons coloured by a share, gap
units hatched, sites as dots by category, a legend, a scale bar and a note when the
boundaries are approximate.

The maps are drawn in WGS 84 / UTM 48N, so that a kilometre is as long east-west as
north-south and the scale bar is true; geometries are simplified to about half a
pixel to keep the page small. Every text that reaches the SVG is escaped. The
output has no external references: it can be inlined in a self-contained page.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.crs import to_metric
from geodata.distance import metric_xy
from geodata.errors import InvalidInputError

__all__ = ["SHARE_CLASSES", "choropleth_svg", "points_svg"]

# Share classes (upper bound, colour): light to dark green, as in print atlases.
SHARE_CLASSES: tuple[tuple[float, str], ...] = (
    (0.2, "#edf8e9"),
    (0.4, "#bae4b3"),
    (0.6, "#74c476"),
    (0.8, "#31a354"),
    (1.0001, "#006d2c"),
)
NO_DATA = "#d9d9d9"
GAP_COLOUR = "#d7301f"
_LEGEND_WIDTH = 190
_MARGIN = 10
_NICE_KM = (1, 2, 5, 10, 20, 25, 50, 100)


def _check_units(units: object) -> gpd.GeoDataFrame:
    if not isinstance(units, gpd.GeoDataFrame):
        raise InvalidInputError("units", units, "a GeoDataFrame of unit polygons")
    if units.crs is None:
        raise InvalidInputError("units", units.crs, "a GeoDataFrame with a CRS")
    if units.empty:
        raise InvalidInputError("units", "0 rows", "at least one unit polygon")
    return units


class _Frame:
    """Metric bounds of the units and their mapping to SVG pixels."""

    def __init__(self, metric: gpd.GeoDataFrame, width: int):
        x0, y0, x1, y1 = metric.total_bounds
        self.x0, self.y1 = x0, y1
        self.map_width = width - _LEGEND_WIDTH - 2 * _MARGIN
        self.scale = self.map_width / max(x1 - x0, 1.0)  # pixels per metre
        self.map_height = max((y1 - y0) * self.scale, 40.0)
        self.height = int(self.map_height + 2 * _MARGIN + 30)

    def xy(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        px = _MARGIN + (np.asarray(x) - self.x0) * self.scale
        py = _MARGIN + (self.y1 - np.asarray(y)) * self.scale
        return px, py

    def path(self, geometry) -> str:
        """SVG path data of a (multi)polygon, rings closed, holes kept."""
        parts = []
        for polygon in getattr(geometry, "geoms", [geometry]):
            if polygon.is_empty or polygon.geom_type != "Polygon":
                continue
            for ring in (polygon.exterior, *polygon.interiors):
                coords = np.asarray(ring.coords)
                px, py = self.xy(coords[:, 0], coords[:, 1])
                pairs = zip(px, py, strict=True)
                points = " ".join(f"{a:.1f},{b:.1f}" for a, b in pairs)
                parts.append(f"M{points}Z")
        return " ".join(parts)


def _metric_units(
    units: gpd.GeoDataFrame, width: int
) -> tuple[gpd.GeoDataFrame, _Frame]:
    metric = to_metric(units)
    frame = _Frame(metric, width)
    # Half a pixel of simplification: invisible, and keeps 400 communes small.
    metric = metric.set_geometry(
        shapely.simplify(metric.geometry.to_numpy(), 0.5 / frame.scale)
    )
    return metric, frame


def share_colour(share: float | None) -> str:
    """Fill colour of a share between 0 and 1 (grey when unknown)."""
    if share is None or not np.isfinite(share):
        return NO_DATA
    for upper, colour in SHARE_CLASSES:
        if share < upper:
            return colour
    return SHARE_CLASSES[-1][1]


def _scale_bar(frame: _Frame) -> str:
    metres_wanted = frame.map_width / 4 / frame.scale
    km = max([k for k in _NICE_KM if k * 1000 <= metres_wanted] or [_NICE_KM[0]])
    length = km * 1000 * frame.scale
    y = frame.height - 12
    return (
        f'<g class="scale"><line x1="{_MARGIN}" y1="{y}" x2="{_MARGIN + length:.1f}" '
        f'y2="{y}" stroke="#000" stroke-width="2"/>'
        f'<text x="{_MARGIN}" y="{y - 4}" font-size="10">{km} km</text></g>'
    )


def _legend(x: int, title: str, rows: list[tuple[str, str]], note: str | None) -> str:
    """Legend rows of (swatch SVG fragment, escaped label)."""
    parts = [
        f'<g class="legend"><text x="{x}" y="20" font-size="12" '
        f'font-weight="bold">{escape(title)}</text>'
    ]
    y = 34
    for swatch, label in rows:
        parts.append(
            f'<g transform="translate({x},{y})">{swatch}'
            f'<text x="22" y="11" font-size="11">{label}</text></g>'
        )
        y += 18
    if note:
        parts.append(
            f'<text x="{x}" y="{y + 12}" font-size="10" '
            f'font-style="italic">{escape(note)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _svg(frame: _Frame, width: int, body: str, title: str, svg_id: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(svg_id)}" '
        f'width="{width}" height="{frame.height}" viewBox="0 0 {width} {frame.height}" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f"{body}{_scale_bar(frame)}</svg>"
    )


def choropleth_svg(
    units: gpd.GeoDataFrame,
    *,
    share_column: str,
    title: str,
    legend_title: str,
    gap_column: str | None = None,
    gap_label: str = "vùng lõm sóng",
    no_data_label: str = "không có số liệu",
    approximate_note: str | None = None,
    name_column: str = "name",
    width: int = 680,
    svg_id: str = "map",
) -> str:
    """Units coloured by a share (0 to 1) in five classes, gaps hatched in red.

    Parameters
    ----------
    units : geopandas.GeoDataFrame
        Unit polygons (any CRS) with ``share_column`` (float, NaN when unknown),
        ``name_column`` (shown as each unit's tooltip) and optionally
        ``gap_column`` (bool). Not modified.
    share_column, gap_column, name_column : str
        Columns to read.
    title, legend_title, gap_label, no_data_label : str
        Texts (escaped here).
    approximate_note : str, optional
        Shown under the legend, e.g. ``'ranh giới gần đúng'`` when the polygons are
        derived rather than official.
    width : int
        Width in pixels; the height follows the units' shape.
    svg_id : str
        Element id, also the prefix of the hatch pattern (unique per page).

    Returns
    -------
    str
        A standalone ``<svg>`` element.
    """
    units = _check_units(units)
    for column in (share_column, name_column, gap_column):
        if column is not None and column not in units.columns:
            raise InvalidInputError(
                "units", list(units.columns), f"a {column!r} column"
            )
    metric, frame = _metric_units(units, width)
    hatch = f"{svg_id}-gap"
    body = [
        f'<defs><pattern id="{escape(hatch)}" width="6" height="6" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{GAP_COLOUR}" stroke-width="2"/>'
        "</pattern></defs>"
    ]
    gaps = (
        metric[gap_column].fillna(False).astype(bool)
        if gap_column
        else pd.Series(False, index=metric.index)
    )
    for geometry, share, name, gap in zip(
        metric.geometry, metric[share_column], metric[name_column], gaps, strict=True
    ):
        path = frame.path(geometry)
        tip = escape(str(name))
        body.append(
            f'<path d="{path}" fill="{share_colour(share)}" stroke="#636363" '
            f'stroke-width="0.4" fill-rule="evenodd"><title>{tip}</title></path>'
        )
        if gap:
            body.append(
                f'<path class="gap" d="{path}" fill="url(#{escape(hatch)})" '
                f'stroke="{GAP_COLOUR}" stroke-width="1.2" fill-rule="evenodd"/>'
            )
    rows, lower = [], 0
    for upper, colour in SHARE_CLASSES:
        top = min(round(upper * 100), 100)
        rows.append(
            (
                f'<rect width="18" height="12" fill="{colour}" stroke="#636363"/>',
                f"{lower}–{top} %",
            )
        )
        lower = top
    rows.append(
        (
            f'<rect width="18" height="12" fill="{NO_DATA}" stroke="#636363"/>',
            escape(no_data_label),
        )
    )
    if gap_column:
        rows.append(
            (
                f'<rect width="18" height="12" fill="url(#{escape(hatch)})" '
                f'stroke="{GAP_COLOUR}"/>',
                escape(gap_label),
            )
        )
    body.append(
        _legend(width - _LEGEND_WIDTH + 4, legend_title, rows, approximate_note)
    )
    return _svg(frame, width, "".join(body), title, svg_id)


def points_svg(
    units: gpd.GeoDataFrame,
    points: pd.DataFrame,
    *,
    category_column: str,
    colours: dict[str, str],
    labels: dict[str, str],
    title: str,
    legend_title: str,
    approximate_note: str | None = None,
    width: int = 680,
    svg_id: str = "points",
    count_format: Callable[[int], str] = "{:,}".format,
) -> str:
    """Points (``latitude``, ``longitude``) as dots coloured by category over the
    unit outlines, with a legend counting each category.

    Categories are drawn in the order of ``colours`` (later ones on top); points
    of a category missing from ``colours`` are left out. Inputs are not modified.

    Parameters
    ----------
    units : geopandas.GeoDataFrame
        Unit polygons (any CRS) drawn as grey outlines under the points.
    points : pandas.DataFrame
        ``latitude``, ``longitude`` (WGS 84) and ``category_column``.
    category_column : str
        The column whose value picks a point's colour.
    colours, labels : dict
        Category -> CSS colour, and category -> legend text.
    title, legend_title, approximate_note : str
        Texts (escaped here); the note says when the outlines are derived.
    width : int
        Width in pixels; the height follows the units' shape.
    svg_id : str
        Element id (unique per page).
    count_format : callable
        How a count is written in the legend ("1.234" in Vietnamese reports).

    Returns
    -------
    str
        A standalone ``<svg>`` element.
    """
    units = _check_units(units)
    missing = {"latitude", "longitude", category_column} - set(points.columns)
    if missing:
        raise InvalidInputError("points", list(points.columns), f"columns {missing}")
    metric, frame = _metric_units(units, width)
    body = [
        f'<path d="{frame.path(geometry)}" fill="#f7f7f7" stroke="#969696" '
        'stroke-width="0.4" fill-rule="evenodd"/>'
        for geometry in metric.geometry
    ]
    rows = []
    for category, colour in colours.items():
        chosen = points[points[category_column] == category]
        x, y = metric_xy(chosen["latitude"], chosen["longitude"])
        px, py = frame.xy(x, y)
        dots = "".join(
            f'<circle cx="{a:.1f}" cy="{b:.1f}" r="1.8"/>'
            for a, b in zip(px, py, strict=True)
            if np.isfinite(a) and np.isfinite(b)
        )
        body.append(f'<g fill="{escape(colour)}" fill-opacity="0.85">{dots}</g>')
        label = escape(
            f"{labels.get(category, category)} ({count_format(len(chosen))})"
        )
        rows.append(
            (
                f'<circle cx="9" cy="6" r="5" fill="{escape(colour)}"/>',
                label,
            )
        )
    body.append(
        _legend(width - _LEGEND_WIDTH + 4, legend_title, rows, approximate_note)
    )
    return _svg(frame, width, "".join(body), title, svg_id)
