"""Small multiples: the same area drawn at several years side by side, one PNG.

Drawn with Pillow (no map server, no browser): each panel shows the units'
outlines and the points on the air by the end of its year, coloured by category,
the points new that year bigger with a dark ring; its title says the year and how
many points there were. A legend of the categories runs along the bottom.
Coordinates are WGS 84 degrees, drawn in an equirectangular projection scaled by
the cosine of the area's mid-latitude (true enough over one province).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from geodata.crs import WGS84
from geodata.errors import InvalidInputError
from geodata.map_legends import check_color

__all__ = ["MAX_PANELS", "MIN_PANELS", "small_multiples_png"]

MIN_PANELS, MAX_PANELS = 2, 6
"""How many years one picture shows."""

PANEL = 300
"""Width and height of a panel's map, in pixels."""

_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)


@lru_cache(maxsize=4)
def _font(size: int):
    """A font with Vietnamese letters, or Pillow's own (which scales) if none."""
    from PIL import ImageFont

    for path in _FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _projector(bounds: Sequence[float], size: int, margin: int = 10) -> Callable:
    min_lon, min_lat, max_lon, max_lat = bounds
    stretch = math.cos(math.radians((min_lat + max_lat) / 2))
    width = max((max_lon - min_lon) * stretch, 1e-9)
    height = max(max_lat - min_lat, 1e-9)
    scale = (size - 2 * margin) / max(width, height)
    left = margin + ((size - 2 * margin) - width * scale) / 2
    top = margin + ((size - 2 * margin) - height * scale) / 2

    def project(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x = left + (np.asarray(lon) - min_lon) * stretch * scale
        y = top + (max_lat - np.asarray(lat)) * scale
        return x, y

    return project


def _rings(geometry) -> list[np.ndarray]:
    polygons = shapely.get_parts(geometry)
    rings = []
    for polygon in polygons:
        if polygon.geom_type == "Polygon":
            rings.append(np.asarray(polygon.exterior.coords))
    return rings


def small_multiples_png(
    units: gpd.GeoDataFrame,
    latitude: Sequence[float],
    longitude: Sequence[float],
    first_years: Sequence[int],
    categories: Sequence[str],
    years: Sequence[int],
    *,
    colors: Mapping[str, str],
    title: Callable[[int, int], str],
    legend: Mapping[str, str] | None = None,
) -> bytes:
    """The area at each of ``years``, side by side (3 a row), as PNG bytes.

    Parameters
    ----------
    units
        The area's units (GeoDataFrame with a CRS): outlines, and the extent.
    latitude, longitude
        The points, in degrees.
    first_years
        Per point: the year it appeared (0: unknown, drawn in no panel).
    categories
        Per point: its category (a key of ``colors``; others are grey).
    years
        2 to 6 increasing years, one panel each.
    colors
        Category -> CSS hex colour.
    title
        The panel's title from (year, points drawn), e.g. "2015 · 1.234 trạm".
    legend
        Category -> label for the legend (default: the categories themselves).

    Raises
    ------
    InvalidInputError
        Not a GeoDataFrame with a CRS, arrays of different lengths, a number of
        years outside 2 to 6 or not increasing, bad colours.
    """
    from PIL import Image, ImageColor, ImageDraw

    if not isinstance(units, gpd.GeoDataFrame) or units.crs is None or units.empty:
        raise InvalidInputError("units", units, "a non-empty GeoDataFrame with a CRS")
    year_list = [int(y) for y in years]
    if not MIN_PANELS <= len(year_list) <= MAX_PANELS or year_list != sorted(
        set(year_list)
    ):
        raise InvalidInputError(
            "years", years, f"{MIN_PANELS} to {MAX_PANELS} increasing years"
        )
    lat = np.asarray(latitude, dtype=float)
    lon = np.asarray(longitude, dtype=float)
    born = np.asarray(first_years, dtype=np.int64)
    kinds = [str(c) for c in categories]
    if not len(lat) == len(lon) == len(born) == len(kinds):
        raise InvalidInputError(
            "latitude", len(lat), "as many as longitude, first_years, categories"
        )
    fills = {key: ImageColor.getrgb(check_color(c)) for key, c in colors.items()}
    grey = (158, 158, 158)
    shapes = units.to_crs(WGS84).geometry
    project = _projector(tuple(shapes.total_bounds), PANEL)
    columns = min(3, len(year_list))
    rows = math.ceil(len(year_list) / columns)
    head, gap, foot = 30, 10, 34
    width = columns * PANEL + (columns + 1) * gap
    height = rows * (PANEL + head) + (rows + 1) * gap + foot
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    outlines = []
    for geometry in shapes:
        for ring in _rings(geometry):
            x, y = project(ring[:, 0], ring[:, 1])
            outlines.append(list(zip(x.tolist(), y.tolist(), strict=True)))
    px, py = project(lon, lat)
    for n, year in enumerate(year_list):
        ox = gap + (n % columns) * (PANEL + gap)
        oy = gap + (n // columns) * (PANEL + head + gap)
        drawn = (born > 0) & (born <= year)
        draw.text(
            (ox + 4, oy + 4),
            title(year, int(drawn.sum())),
            fill="black",
            font=_font(15),
        )
        top = oy + head
        draw.rectangle(
            [ox, top, ox + PANEL, top + PANEL], fill="#f4f4f4", outline="#bbbbbb"
        )
        for outline in outlines:
            shifted = [(ox + x, top + y) for x, y in outline]
            if len(shifted) > 2:
                draw.polygon(shifted, fill="#ffffff", outline="#8c8c8c")
        order = np.flatnonzero(drawn)
        # The new ones last, on top of the older ones.
        order = np.concatenate([order[born[order] != year], order[born[order] == year]])
        for i in order.tolist():
            x, y = ox + px[i], top + py[i]
            fresh = born[i] == year
            r = 4.5 if fresh else 3
            draw.ellipse(
                [x - r, y - r, x + r, y + r],
                fill=fills.get(kinds[i], grey),
                outline="#111111" if fresh else "#555555",
                width=2 if fresh else 1,
            )
    x = gap
    y = height - foot + 8
    for key, label in (legend or {k: k for k in colors}).items():
        colour = fills.get(key, grey)
        draw.ellipse([x, y + 3, x + 12, y + 15], fill=colour, outline="#555555")
        draw.text((x + 16, y), str(label), fill="black", font=_font(13))
        x += 24 + int(draw.textlength(str(label), font=_font(13)))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
