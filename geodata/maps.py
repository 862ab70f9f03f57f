"""Folium map builders: pure functions, frames in, ``folium.Map`` out.

Every map loads Leaflet and our scripts from the app itself (``asset_url``, by
default ``/app/static``, where Streamlit serves ``./static``; run
:func:`geodata.mapassets.install_map_assets` at start), never from a CDN, and every
string a user typed is HTML-escaped before it reaches the map.

- :func:`base_map`: an empty map fitted to a bounding box, optionally with a note
  that the boundaries are approximate.
- :func:`add_sites_layer`: coloured dots; up to ``marker_limit`` points as folium
  CircleMarkers with tooltip and popup, beyond that one canvas drawn by
  ``static/js/compact-points.js`` from a compact payload (150,000 points in about
  1.6 MB).
- :func:`add_choropleth`: units coloured by a value, with tooltip and legend.
- :func:`points_legend`, :func:`add_legend`: legends as our own HTML.
- :func:`clicked_point_id`, :func:`clicked_unit_code`: what was clicked, read from
  the value ``streamlit_folium.st_folium`` returns (ask it for
  :data:`CLICK_RETURNED_OBJECTS`).
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from geodata.errors import InvalidInputError
from geodata.map_choropleth import add_choropleth
from geodata.map_encoding import encode_points
from geodata.map_layers import element_classes
from geodata.map_legends import add_legend, note_html, points_legend
from geodata.map_points import (
    DEFAULT_COLOR,
    add_markers,
    categories,
    check_points,
    id_values,
)
from geodata.mapassets import (
    LEAFLET_CSS,
    LEAFLET_JS,
    YEAR_STEPPER_JS,
    asset_link,
    own_script_link,
)

if TYPE_CHECKING:
    import folium

__all__ = [
    "CLICK_RETURNED_OBJECTS",
    "DEFAULT_COLOR",
    "LEGEND_ROOM",
    "MARKER_LIMIT",
    "MAX_ZOOM",
    "add_choropleth",
    "add_legend",
    "add_sites_layer",
    "add_year_stepper",
    "base_map",
    "clicked_point_id",
    "clicked_unit_code",
    "focus_point",
    "points_legend",
]

LEGEND_ROOM = 280
"""Pixels kept free on the right of the fitted data when legends sit there."""

MAX_ZOOM = 18
"""The map's ``maxZoom``: cluster layers need one, and with no tiles nothing sets it."""

MARKER_LIMIT = 500
"""Up to this many points, one CircleMarker each; beyond, one compact canvas layer."""

CLICK_RETURNED_OBJECTS = ("last_active_drawing",)
"""What to ask ``st_folium`` for (``returned_objects``) to learn the clicked point."""

_ASSETS = "_geodata_asset_url"


def _check_bounds(bounds: object) -> tuple[float, float, float, float]:
    expected = "(min_lon, min_lat, max_lon, max_lat), finite, in degrees, min <= max"
    try:
        values = tuple(float(v) for v in bounds)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        raise InvalidInputError("bounds", bounds, expected) from None
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise InvalidInputError("bounds", bounds, expected)
    min_lon, min_lat, max_lon, max_lat = values
    in_range = -180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90
    if not in_range:
        raise InvalidInputError("bounds", bounds, expected)
    return values  # type: ignore[return-value]


def base_map(
    bounds: Sequence[float],
    *,
    asset_url: str = "/app/static",
    tiles: str | None = "openstreetmap",
    tiles_name: str = "Bản đồ nền",
    approximate_note: str | None = None,
    legend_room: int = 0,
    top_room: int = 0,
    note_position: str = "bottomleft",
) -> folium.Map:
    """An empty map fitted to a bounding box, with Leaflet served by the app.

    Parameters
    ----------
    bounds
        ``(min_lon, min_lat, max_lon, max_lat)`` in degrees (``total_bounds`` order).
    asset_url
        Where the static folder is served: ``/app/static`` under Streamlit, or
        whatever a test server uses. Leaflet is loaded from
        ``{asset_url}/vendor/leaflet/``, our scripts from ``{asset_url}/js/``.
    tiles
        A folium tile name or URL template, or ``None`` for no basemap (closed
        networks, where internet tiles never load).
    tiles_name
        The basemap's name in a layer control (the user's language).
    approximate_note
        When given, a box on the map shows this text (e.g. "Ranh giới gần đúng
        (ô Thiessen), không phải ranh giới chính thức").
    legend_room
        Pixels kept free on the right when fitting the box (legends placed
        ``topright`` then never cover the data at first; e.g. :data:`LEGEND_ROOM`).
    top_room
        Pixels kept free at the top when fitting (for the year stepper).
    note_position
        Where the approximate note goes (a Leaflet control position).

    Returns
    -------
    folium.Map
        With ``prefer_canvas``, ``maxZoom`` = :data:`MAX_ZOOM` and a metric scale
        bar.
    """
    import folium
    from folium.map import FitBounds

    min_lon, min_lat, max_lon, max_lat = _check_bounds(bounds)
    if not isinstance(asset_url, str):
        raise InvalidInputError(
            "asset_url", asset_url, "a URL path such as /app/static"
        )
    if tiles is not None and not isinstance(tiles, str):
        raise InvalidInputError("tiles", tiles, "a tile name or URL, or None")
    m = folium.Map(
        location=[(min_lat + max_lat) / 2, (min_lon + max_lon) / 2],
        zoom_start=8,
        tiles=None,
        max_zoom=MAX_ZOOM,
        prefer_canvas=True,
        control_scale=False,
    )
    m.options["max_zoom"] = MAX_ZOOM
    if tiles is not None:
        # A URL template has no known attribution: name its server instead.
        attribution = (
            f"Bản đồ nền: {html.escape(tiles.split('/')[2])}"
            if "://" in tiles
            else None
        )
        folium.TileLayer(
            tiles, name=tiles_name, attr=attribution, max_zoom=MAX_ZOOM
        ).add_to(m)
    m.add_child(element_classes().MetricScale())
    # Per instance, so that no other session's maps change.
    m.default_js = [("leaflet", asset_link(asset_url, LEAFLET_JS))]
    m.default_css = [("leaflet_css", asset_link(asset_url, LEAFLET_CSS))]
    if not isinstance(legend_room, int) or not 0 <= legend_room <= 2000:
        raise InvalidInputError("legend_room", legend_room, "pixels, 0 to 2000")
    fit = FitBounds(
        [[min_lat, min_lon], [max_lat, max_lon]],
        padding_top_left=(10, 10 + int(top_room)),
        padding_bottom_right=(10 + legend_room, 10),
    )
    # No animation: layers are drawn once, at the fitted view, not at zoom_start.
    fit.options["animate"] = False
    m.add_child(fit)
    setattr(m, _ASSETS, asset_url.rstrip("/"))
    if approximate_note is not None:
        if not isinstance(approximate_note, str):
            raise InvalidInputError("approximate_note", approximate_note, "text")
        add_legend(m, note_html(approximate_note), position=note_position)
    return m


def _asset_url(m: object) -> str:
    import folium

    if not isinstance(m, folium.Map) or not hasattr(m, _ASSETS):
        raise InvalidInputError("m", m, "a folium.Map made by geodata.maps.base_map")
    return getattr(m, _ASSETS)


def add_sites_layer(
    m: folium.Map,
    points: pd.DataFrame,
    *,
    color_by: str,
    colors: Mapping[str, str],
    popup_columns: Sequence[tuple[str, str]] | None = None,
    id_column: str = "id",
    name: str = "Địa điểm",
    tooltip_column: str | None = None,
    marker_limit: int = MARKER_LIMIT,
    show: bool = True,
    years: Sequence[int] | None = None,
) -> None:
    """Add points as dots coloured by a category.

    Up to ``marker_limit`` points become folium CircleMarkers, each with a tooltip
    (``tooltip_column``) and a popup (``popup_columns``). More points become one
    canvas layer (``static/js/compact-points.js``) fed by a compact payload
    (coordinates to 1e-5°, category index, id); its popup shows the id and the
    category, so the page shows the details below the map. In both cases a click
    on a point reaches ``st_folium`` as ``last_active_drawing``, a GeoJSON feature
    whose properties hold ``point_id`` and ``category`` (see
    :func:`clicked_point_id`). ``points`` is not modified.

    Parameters
    ----------
    m
        A map made by :func:`base_map`.
    points
        One row per point, with ``latitude`` and ``longitude`` (degrees, WGS 84),
        the id column and the ``color_by`` column. A GeoDataFrame of points with a
        CRS may have its geometry instead of the two coordinate columns.
    color_by
        Column whose values pick the colour.
    colors
        Value of ``color_by`` -> CSS colour; other values are drawn in
        :data:`DEFAULT_COLOR`.
    popup_columns
        ``(column, label)`` pairs shown in the markers' popups (marker rendering
        only); by default the id and the category.
    id_column
        Column of the ids reported on click (integers stay integers).
    name
        The layer's name in a layer control.
    tooltip_column
        Column shown on hover (marker rendering only); by default ``id_column``.
    marker_limit
        The most points drawn as individual markers.
    show
        Whether the layer is on when the map opens.
    years
        Optional, per point: the year it appeared (0: unknown), for
        :func:`add_year_stepper` (markers carry it in their feature's properties,
        the compact layer in its payload, where ``setYear`` uses it).

    Raises
    ------
    InvalidInputError
        Missing columns, non-finite or out-of-range coordinates (the first bad row
        is named), missing ids, bad colours, more than 256 categories.
    """
    asset_url = _asset_url(m)
    if not isinstance(colors, Mapping):
        raise InvalidInputError("colors", colors, "a mapping of category -> colour")
    if popup_columns is not None:
        popup_columns = [(str(column), str(label)) for column, label in popup_columns]
    tooltip_column = tooltip_column or id_column
    columns = [id_column, color_by, tooltip_column]
    columns += [column for column, _ in popup_columns or []]
    lat, lon = check_points(points, columns)
    ids = id_values(points[id_column])
    labels, palette, index = categories(points[color_by], colors)
    year_list = _check_years(years, len(points))
    if len(points) <= marker_limit:
        add_markers(
            m,
            points,
            lat,
            lon,
            ids=ids,
            labels=labels,
            palette=palette,
            index=index,
            popup_columns=popup_columns,
            tooltip_column=tooltip_column,
            name=name,
            show=show,
            years=year_list,
        )
        return
    payload = encode_points(lat, lon, index, ids, labels=labels, colors=palette)
    if popup_columns:
        # The popup's fields travel as plain text (the script writes them with
        # textContent), so the compact layer shows the same details as markers.
        payload["details"] = {
            "labels": [label for _, label in popup_columns],
            "rows": _text_rows(points, [column for column, _ in popup_columns]),
        }
    if year_list is not None:
        payload["years"] = year_list
    script = own_script_link(asset_url)
    layer = element_classes().CompactPointsLayer(
        payload, script_url=script, name=name, show=show
    )
    layer.add_to(m)


def _check_years(years: object, count: int) -> list[int] | None:
    if years is None:
        return None
    try:
        values = [int(y) for y in years]  # type: ignore[union-attr]
    except (TypeError, ValueError):
        raise InvalidInputError("years", years, "whole years, 0 when unknown") from None
    if len(values) != count or any(not 0 <= y <= 9999 for y in values):
        raise InvalidInputError(
            "years", len(values), f"{count} years (one per point), 0 to 9999"
        )
    return values


def _text_rows(points: pd.DataFrame, columns: Sequence[str]) -> list[list]:
    """Each point's values of ``columns`` as text (None when missing)."""
    cells = []
    for column in columns:
        values = points[column].astype(object).where(points[column].notna(), None)
        cells.append([None if v is None else str(v) for v in values.tolist()])
    return [list(row) for row in zip(*cells, strict=True)] if cells else []


def add_year_stepper(
    m: folium.Map,
    years: Sequence[int],
    *,
    first: Sequence[int],
    categories: Sequence[str],
    category_labels: Sequence[str],
    breakdown: Mapping[str, Sequence[int]],
    texts: Mapping[str, str],
    thousands: str = ".",
    start: int | None = None,
) -> None:
    """A year stepper above the map: previous / next / play, and a caption.

    Choosing a year draws the points of that year or before on every layer made
    with ``years`` (the compact layer's ``setYear``, markers hidden or ringed),
    the points of that year ringed; the caption says how many appeared that year,
    per category (e.g. operator) and per ``breakdown`` (e.g. the year each point
    started each technology). All of it runs in the browser
    (``static/js/year-stepper.js``): a step redraws, it never asks the server.

    Parameters
    ----------
    m
        A map made by :func:`base_map`, with its point layers already added.
    years
        The stepper's years, oldest first.
    first
        Per point: the year it appeared (0: unknown), as given to the layers.
    categories
        Per point: its category label (e.g. the operator's name).
    category_labels
        The categories in the order the caption lists them.
    breakdown
        Label -> per point, the year of that event (0: never).
    texts
        ``year`` (e.g. "Năm"), ``added`` (a template with ``{count}``), ``play``,
        ``pause``, ``previous``, ``next``, ``none`` (the caption when nothing was
        added): plain text, written with textContent.
    thousands
        The thousands separator of the caption's numbers ("." in Vietnamese).
    start
        The year shown first (default: the last).
    """
    url = _asset_url(m)
    year_list = [int(y) for y in years]
    if not year_list or year_list != sorted(set(year_list)):
        raise InvalidInputError("years", years, "increasing years, at least one")
    n = len(first)
    if len(categories) != n or any(len(v) != n for v in breakdown.values()):
        raise InvalidInputError(
            "categories", len(categories), f"{n} values, one per point"
        )
    needed = {"year", "added", "play", "pause", "previous", "next", "none"}
    if not isinstance(texts, Mapping) or needed - set(texts):
        raise InvalidInputError("texts", texts, f"the texts {sorted(needed)}")
    shown = year_list[-1] if start is None else int(start)
    if shown not in year_list:
        raise InvalidInputError("start", start, "one of the years")
    label_index = {label: i for i, label in enumerate(category_labels)}
    payload = {
        "years": year_list,
        "start": shown,
        "first": [int(y) for y in first],
        "cat": [label_index.get(str(c), -1) for c in categories],
        "labels": [str(label) for label in category_labels],
        "breakdown": [[str(k), [int(y) for y in v]] for k, v in breakdown.items()],
        "texts": {key: str(texts[key]) for key in needed},
        "thousands": str(thousands),
    }
    script = own_script_link(url, YEAR_STEPPER_JS)
    element_classes().YearStepper(payload, script_url=script).add_to(m)


def focus_point(m: folium.Map, point_id: int | str) -> None:
    """Open the popup of one point (by its id) once the map is drawn; add it after
    the point layers. The view is the caller's (fit the map around the point).

    Parameters
    ----------
    m
        A map made by :func:`base_map`, its point layers already added.
    point_id
        The id the point carries in its layer (the ``id_column`` value).
    """
    if not isinstance(point_id, (int, str)) or isinstance(point_id, bool):
        raise InvalidInputError("point_id", point_id, "an id (number or text)")
    _asset_url(m)
    element_classes().FocusPoint(point_id).add_to(m)


def _feature_properties(value: object) -> Mapping:
    if not isinstance(value, Mapping):
        return {}
    feature = value.get("last_active_drawing")
    if not isinstance(feature, Mapping):
        return {}
    properties = feature.get("properties")
    return properties if isinstance(properties, Mapping) else {}


def clicked_point_id(value: object) -> int | str | None:
    """The id of the point last clicked, from what ``st_folium`` returned.

    Parameters
    ----------
    value
        The dict returned by ``st_folium(m, returned_objects=[
        "last_active_drawing", ...])`` (see :data:`CLICK_RETURNED_OBJECTS`), or None.

    Returns
    -------
    int, str or None
        The id as given in the id column (integers as ``int``), or None when no
        point was clicked (or the last click was on something else, e.g. a unit).
    """
    return _feature_properties(value).get("point_id")


def clicked_unit_code(value: object) -> str | None:
    """The code of the choropleth unit last clicked, from ``st_folium``'s value.

    Parameters
    ----------
    value
        As for :func:`clicked_point_id`.
    """
    return _feature_properties(value).get("unit_code")
