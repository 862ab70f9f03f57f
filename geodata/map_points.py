"""Points for :func:`geodata.maps.add_sites_layer`: checks, ids, colours, markers.

The marker rendering (up to ``MARKER_LIMIT`` points) lives here; the compact
rendering is :mod:`geodata.map_encoding` plus ``static/js/compact-points.js``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata.crs import WGS84
from geodata.errors import InvalidInputError
from geodata.map_encoding import MAX_CATEGORIES
from geodata.map_layers import element_classes
from geodata.map_legends import check_color

if TYPE_CHECKING:
    import folium

__all__ = [
    "DEFAULT_COLOR",
    "LATITUDE",
    "LONGITUDE",
    "add_markers",
    "categories",
    "check_points",
    "id_values",
]

LATITUDE, LONGITUDE = "latitude", "longitude"
"""The coordinate columns of a points frame (degrees, WGS 84)."""

DEFAULT_COLOR = "#9e9e9e"
"""Colour of points whose category is not in ``colors``."""


def _uses_geometry(points: pd.DataFrame) -> bool:
    """A GeoDataFrame of points with a CRS and no coordinate columns."""
    return (
        isinstance(points, gpd.GeoDataFrame)
        and not {LATITUDE, LONGITUDE} & set(points.columns)
        and points.crs is not None
        and len(points) > 0
        and bool(points.geom_type.eq("Point").all())
    )


def _coordinates(points: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Latitudes and longitudes as floats; the first bad row is named."""
    if _uses_geometry(points):
        wgs84 = points.geometry.to_crs(WGS84)
        lat, lon = wgs84.y.to_numpy(dtype=float), wgs84.x.to_numpy(dtype=float)
        if not (np.isfinite(lat).all() and np.isfinite(lon).all()):
            raise InvalidInputError(
                "points.geometry", points.geometry, "no empty points"
            )
        return lat, lon
    arrays = []
    for column, limit in ((LATITUDE, 90), (LONGITUDE, 180)):
        values = pd.to_numeric(points[column], errors="coerce").to_numpy(dtype=float)
        bad = ~np.isfinite(values) | (np.abs(values) > limit)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise InvalidInputError(
                f"points['{column}'] (row {points.index[row]!r})",
                points[column].iloc[row],
                f"a finite {column} in degrees, -{limit} to {limit}",
            )
        arrays.append(values)
    return arrays[0], arrays[1]


def check_points(
    points: object, columns: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Check a points frame and return its latitudes and longitudes (degrees).

    Parameters
    ----------
    points
        A DataFrame with ``latitude`` and ``longitude`` (or a GeoDataFrame of points
        with a CRS and neither column) and ``columns``.
    columns
        Other columns that must be there.

    Raises
    ------
    InvalidInputError
        Not a DataFrame, missing columns (all named), or a coordinate that is not a
        finite number in range (the first such row is named).
    """
    if not isinstance(points, pd.DataFrame):
        raise InvalidInputError("points", points, "a pandas DataFrame")
    needed = list(dict.fromkeys(columns))
    if not _uses_geometry(points):
        needed = [LATITUDE, LONGITUDE, *needed]
    missing = [c for c in needed if c not in points.columns]
    if missing:
        raise InvalidInputError(
            "points",
            list(points.columns),
            f"a DataFrame with the columns {needed} (missing: {missing})",
        )
    return _coordinates(points)


def id_values(series: pd.Series) -> np.ndarray:
    """Integer ids as int64, anything else as strings; missing ids are refused.

    Parameters
    ----------
    series
        The id column.
    """
    missing = series.isna().to_numpy()
    if missing.any():
        row = series.index[int(np.flatnonzero(missing)[0])]
        raise InvalidInputError(f"points['{series.name}'] (row {row!r})", None, "an id")
    integers = pd.api.types.is_integer_dtype(series.dtype) or (
        series.dtype == object and pd.api.types.infer_dtype(series) == "integer"
    )
    if integers:
        return series.to_numpy(dtype=np.int64)
    return series.astype("string").to_numpy(dtype=object)


def categories(
    series: pd.Series, colors: Mapping[str, str]
) -> tuple[list[str], list[str], np.ndarray]:
    """Category labels, their colours, and each point's index into them.

    Labels are the keys of ``colors`` in order, then the other values found
    (sorted, drawn in :data:`DEFAULT_COLOR`); a missing value is the label "".

    Parameters
    ----------
    series
        The column to colour by.
    colors
        Value -> CSS colour.
    """
    text = series.astype("string").fillna("").to_numpy(dtype=object)
    labels = [str(key) for key in colors]
    if len(set(labels)) < len(labels):
        raise InvalidInputError("colors", list(colors), "keys distinct as text")
    extra = sorted(set(text.tolist()) - set(labels))
    labels += extra
    if len(labels) > MAX_CATEGORIES:
        raise InvalidInputError(
            f"points['{series.name}']",
            f"{len(labels)} distinct values",
            f"at most {MAX_CATEGORIES} categories to colour by",
        )
    palette = [check_color(colors[key]) for key in colors]
    palette += [DEFAULT_COLOR] * len(extra)
    index = pd.Categorical(text, categories=labels).codes.astype(np.uint8)
    return labels, palette, index


def _display(value: object) -> str:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return "—"
    return str(value)


def _popup_html(cells: Sequence[tuple[str, object]]) -> str:
    """A table of (label, value) rows, both escaped."""
    rows = "".join(
        '<tr><th style="text-align:left;padding-right:8px;font-weight:600">'
        f"{html.escape(label)}</th><td>{html.escape(_display(value))}</td></tr>"
        for label, value in cells
    )
    return f'<table style="font-size:12px">{rows}</table>'


def add_markers(
    m: folium.Map,
    points: pd.DataFrame,
    lat: np.ndarray,
    lon: np.ndarray,
    *,
    ids: np.ndarray,
    labels: list[str],
    palette: list[str],
    index: np.ndarray,
    popup_columns: Sequence[tuple[str, str]] | None,
    tooltip_column: str,
    name: str,
    show: bool,
    years: Sequence[int] | None = None,
) -> None:
    """Add one CircleMarker per point, in a FeatureGroup, with escaped details.

    Each marker gets a tooltip (``tooltip_column``), a popup (``popup_columns``, or
    the id and category) and a GeoJSON feature ``{point_id, category}`` that
    streamlit-folium reports as ``last_active_drawing`` when it is clicked.

    Parameters
    ----------
    m
        The map.
    points
        The checked points frame.
    lat, lon
        Their coordinates (from :func:`check_points`).
    ids, labels, palette, index
        From :func:`id_values` and :func:`categories`.
    popup_columns
        ``(column, label)`` pairs for the popup, or None.
    tooltip_column
        Column shown on hover.
    name, show
        The layer's name in a layer control, and whether it is on at first.
    years
        Optional, per point: the year it appeared (0: unknown), put in the
        feature's properties as ``year`` for the year stepper.
    """
    import folium

    group = folium.FeatureGroup(name=name, show=show)
    markers, rows = [], []
    columns = {column: points[column].tolist() for column, _ in popup_columns or []}
    tooltips = points[tooltip_column].tolist()
    for i in range(len(points)):
        category = int(index[i])
        marker = folium.CircleMarker(
            location=(float(lat[i]), float(lon[i])),
            radius=6,
            color="#333333",
            weight=1,
            fill=True,
            fill_color=palette[category],
            fill_opacity=0.9,
        )
        marker.add_to(group)
        markers.append(marker)
        point_id = ids[i].item() if hasattr(ids[i], "item") else ids[i]
        label = labels[category]
        if popup_columns:
            popup = _popup_html([(lab, columns[col][i]) for col, lab in popup_columns])
        else:
            popup = f"<strong>{html.escape(str(point_id))}</strong><br>"
            popup += html.escape(label)
        properties = {"point_id": point_id, "category": label}
        if years is not None:
            properties["year"] = int(years[i])
        rows.append((html.escape(_display(tooltips[i])), popup, properties))
    element_classes().PointDetails(markers, rows).add_to(group)
    group.add_to(m)
