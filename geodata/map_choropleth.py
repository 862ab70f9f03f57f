"""Choropleth maps: administrative units coloured by a value.

Units are put into at most six quantile classes of a sequential palette, drawn as
one GeoJSON layer whose tooltips show the unit's (escaped) name and value, with a
legend of our own HTML. Polygons are simplified (0.0005°, about 50 m) and their
coordinates rounded to 1e-5° to keep the page small.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.crs import WGS84
from geodata.errors import InvalidInputError
from geodata.map_classes import Classes
from geodata.map_layers import element_classes
from geodata.map_legends import add_legend, choropleth_legend

if TYPE_CHECKING:
    import folium

__all__ = ["PALETTE", "SIMPLIFY_DEGREES", "add_choropleth", "class_breaks"]

PALETTE = ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494")
"""Sequential palette, lowest class first (ColorBrewer YlGnBu, 6 classes)."""

NO_DATA_COLOR = "#d9d9d9"
ZERO_COLOR = "#f7f7f7"
"""Units whose figure is 0 (a class of their own when classes come from
:func:`geodata.map_classes.classify`)."""
CLASS_PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
"""Five classes of positive values, lowest first (ColorBrewer YlGnBu, 5)."""
SIMPLIFY_DEGREES = 0.0005
"""Tolerance of the polygon simplification, in degrees (about 50 m)."""


def class_breaks(values: pd.Series, classes: int = len(PALETTE)) -> np.ndarray:
    """Quantile class edges of the finite values, lowest first, without repeats.

    Parameters
    ----------
    values
        The numbers to classify (missing values are ignored).
    classes
        The most classes wanted; fewer come out when the values have fewer
        distinct levels.

    Returns
    -------
    numpy.ndarray
        ``k + 1`` increasing edges for ``k`` classes (one edge when all finite
        values are equal, none when there are none).
    """
    finite = values.to_numpy(dtype=float)
    finite = finite[np.isfinite(finite)]
    if not len(finite):
        return np.empty(0)
    k = max(1, min(int(classes), len(np.unique(finite))))
    return np.unique(np.quantile(finite, np.linspace(0.0, 1.0, k + 1)))


def _class_of(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Class index per value, -1 when missing.

    Class i holds edges[i] <= v < edges[i + 1]; the last class also its upper edge.
    """
    out = np.full(len(values), -1, dtype=np.int64)
    finite = np.isfinite(values)
    if len(edges):
        inner = edges[1:-1]
        out[finite] = np.searchsorted(inner, values[finite], side="right")
    return out


def _colors_for(count: int) -> list[str]:
    if count <= 1:
        return [PALETTE[len(PALETTE) // 2]]
    steps = np.linspace(0, len(PALETTE) - 1, count)
    return [PALETTE[int(round(step))] for step in steps]


def _formatter(value_format: object) -> Callable[[float], str]:
    """A ``str.format`` pattern or a callable, as one function of a number."""
    if isinstance(value_format, str):
        return value_format.format
    if callable(value_format):
        return value_format
    raise InvalidInputError(
        "value_format", value_format, "a format such as '{:,.0f}' or a function"
    )


def _label(low: float, high: float, shown: Callable[[float], str]) -> str:
    if low == high:
        return shown(low)
    return f"{shown(low)} – {shown(high)}"


def _geometries(frame: gpd.GeoDataFrame) -> np.ndarray:
    simple = shapely.simplify(
        frame.geometry.to_numpy(), SIMPLIFY_DEGREES, preserve_topology=True
    )
    return shapely.transform(simple, lambda xy: np.round(xy, 5))


def _check_inputs(
    polygons: object,
    values: object,
    columns: Sequence[str],
    value_format: object,
) -> None:
    if not isinstance(polygons, gpd.GeoDataFrame):
        raise InvalidInputError("polygons", polygons, "a GeoDataFrame")
    if polygons.crs is None:
        raise InvalidInputError("polygons", polygons.crs, "a GeoDataFrame with a CRS")
    missing = [c for c in columns if c not in polygons.columns]
    if missing:
        raise InvalidInputError(
            "polygons", list(polygons.columns), f"columns {list(columns)}"
        )
    if not isinstance(values, pd.Series):
        raise InvalidInputError("values", values, "a pandas Series indexed by code")
    if not values.index.is_unique:
        raise InvalidInputError("values", values.index, "a Series with unique codes")
    try:
        str(_formatter(value_format)(1234.5))
    except (TypeError, ValueError, IndexError, KeyError) as exc:
        raise InvalidInputError(
            "value_format", value_format, "a format such as '{:,.0f}'"
        ) from exc


def add_choropleth(
    m: folium.Map,
    polygons: gpd.GeoDataFrame,
    values: pd.Series,
    *,
    title: str,
    value_format: str | Callable[[float], str] = "{:,.0f}",
    name_column: str = "name",
    code_column: str = "code",
    classes: int = len(PALETTE),
    no_data_label: str = "Không có số liệu",
    name: str | None = None,
    legend_position: str = "bottomright",
    classification: Classes | None = None,
) -> None:
    """Colour units by a value, with tooltips and a legend.

    Parameters
    ----------
    m
        The map (from :func:`geodata.maps.base_map`).
    polygons
        The units: a GeoDataFrame with a CRS and the code and name columns; it is
        reprojected to WGS 84, simplified and rounded on a copy.
    values
        The value per unit, indexed by the units' codes; units without one are
        drawn grey and said to have no data.
    title
        What the value is (legend heading and tooltip label), e.g. "Số trạm BTS".
    value_format
        ``str.format`` pattern of the values in tooltips and legend, or a function
        of the value (e.g. one that writes Vietnamese thousands separators).
    name_column, code_column
        Columns of ``polygons`` with the unit's name and code.
    classes
        The most colour classes (quantiles), at most 6.
    no_data_label
        Legend and tooltip text for units without a value.
    name
        The layer's name in a layer control (default: ``title``).
    legend_position
        Where the legend goes (a Leaflet control position).
    classification
        Classes from :func:`geodata.map_classes.classify` of ``values`` (in the
        order of ``values``): zero drawn apart, then up to five classes. Without
        it, quantile classes of the values (``classes``).

    Raises
    ------
    InvalidInputError
        Wrong types, a frame without CRS or columns, a bad format, or values whose
        index matches none of the codes.
    """
    import folium

    if not isinstance(m, folium.Map):
        raise InvalidInputError("m", m, "a folium.Map made by geodata.maps.base_map")
    _check_inputs(polygons, values, [code_column, name_column], value_format)
    shown_value = _formatter(value_format)
    frame = polygons[[code_column, name_column, polygons.geometry.name]].to_crs(WGS84)
    frame = frame[~frame.geometry.is_empty & frame.geometry.notna()]
    codes = frame[code_column].astype("string").fillna("")
    keyed = values.copy()
    keyed.index = keyed.index.astype("string")
    numbers = pd.to_numeric(codes.map(keyed), errors="coerce").to_numpy(dtype=float)
    if len(values) and not np.isfinite(numbers).any():
        raise InvalidInputError(
            "values",
            list(values.index[:5]),
            f"a Series indexed by the codes in polygons['{code_column}']",
        )
    if classification is not None:
        klass, palette, rows = _given_classes(
            classification, values, codes, shown_value
        )
    else:
        klass, palette, rows = _quantile_classes(numbers, classes, shown_value)
    features = []
    geometries = _geometries(frame)
    names = frame[name_column].astype("string").fillna("").tolist()
    for i, geometry in enumerate(geometries):
        shown = shown_value(numbers[i]) if klass[i] >= 0 else no_data_label
        tip = (
            f"<strong>{html.escape(names[i])}</strong><br>"
            f"{html.escape(title)}: {html.escape(shown)}"
        )
        fill = palette[klass[i]] if klass[i] >= 0 else NO_DATA_COLOR
        features.append(
            {
                "type": "Feature",
                "geometry": geometry.__geo_interface__,
                "properties": {"unit_code": codes.iloc[i], "fill": fill, "tip": tip},
            }
        )
    data = {"type": "FeatureCollection", "features": features}
    element_classes().ChoroplethLayer(data, name=name or title).add_to(m)
    no_data = (NO_DATA_COLOR, no_data_label) if (klass < 0).any() else None
    add_legend(
        m, choropleth_legend(title, rows, no_data=no_data), position=legend_position
    )


def _quantile_classes(
    numbers: np.ndarray, classes: int, shown_value: Callable[[float], str]
) -> tuple[np.ndarray, list[str], list[tuple[str, str]]]:
    """Class per unit (-1: no data), colour per class, legend rows: quantiles."""
    edges = class_breaks(pd.Series(numbers), min(int(classes), len(PALETTE)))
    klass = _class_of(numbers, edges)
    count = max(len(edges) - 1, 1 if len(edges) else 0)
    palette = _colors_for(count)
    rows = []
    for c in range(count):
        members = numbers[klass == c]
        if len(members):
            rows.append((palette[c], _label(members.min(), members.max(), shown_value)))
    return klass, palette, rows


def _given_classes(
    classification: Classes,
    values: pd.Series,
    codes: pd.Series,
    shown_value: Callable[[float], str],
) -> tuple[np.ndarray, list[str], list[tuple[str, str]]]:
    """Class per unit (-1: no data), colour per class, legend rows: the zero
    class first, then the positive classes of ``classification``."""
    if not isinstance(classification, Classes) or len(classification.index) != len(
        values
    ):
        raise InvalidInputError(
            "classification", classification, "the Classes of these values"
        )
    # Colour index: 0 for zero, 1..k for the positive classes; -1 no data.
    by_code = pd.Series(classification.index, index=values.index.astype("string"))
    klass = codes.map(by_code).fillna(-1).to_numpy(dtype=np.int64)
    count = classification.count
    steps = np.linspace(0, len(CLASS_PALETTE) - 1, count) if count > 1 else [2]
    palette = [ZERO_COLOR] + [CLASS_PALETTE[int(round(s))] for s in steps]
    rows = []
    if classification.has_zero:
        rows.append((ZERO_COLOR, shown_value(0)))
    for c, (low, high) in enumerate(classification.bounds, start=1):
        rows.append((palette[c], _label(low, high, shown_value)))
    return klass, palette, rows
