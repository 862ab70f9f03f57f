"""Legends and notes drawn over maps, as our own HTML.

Branca's colour legends make streamlit-folium load d3 from a CDN, so legends are
plain HTML with inline styles (they keep their look inside streamlit-folium, which
drops the page's stylesheet links). Every piece of text is HTML-escaped here; the
results are trusted HTML for the ``HtmlBox`` of :mod:`geodata.map_layers`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from geodata.errors import InvalidInputError
from geodata.map_layers import HTML_BOX_POSITIONS, element_classes

if TYPE_CHECKING:
    import folium

__all__ = [
    "add_legend",
    "check_color",
    "choropleth_legend",
    "note_html",
    "points_legend",
]

_COLOR = re.compile(
    r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|[a-zA-Z]{3,20}"
)

_BOX = (
    "font: 12px/1.45 system-ui, sans-serif; color: #222; background: "
    "rgba(255, 255, 255, 0.92); padding: 6px 9px; border-radius: 4px; "
    "box-shadow: 0 1px 4px rgba(0, 0, 0, 0.35); max-width: 260px"
)
_TITLE = "font-weight: 600; margin-bottom: 3px; cursor: pointer"
_DOT = (
    "display: inline-block; width: 10px; height: 10px; border-radius: 50%; "
    "margin-right: 6px; vertical-align: -1px; border: 1px solid rgba(0, 0, 0, 0.55); "
    "background: {}"
)
_SWATCH = (
    "display: inline-block; width: 14px; height: 10px; margin-right: 6px; "
    "vertical-align: -1px; border: 1px solid rgba(0, 0, 0, 0.35); background: {}"
)


def check_color(color: object, parameter: str = "colors") -> str:
    """A CSS colour (``#rgb``, ``#rrggbb``, ``#rrggbbaa`` or a name), checked.

    Colours go into style attributes and onto canvases, so anything else is refused.

    Parameters
    ----------
    color
        The colour to check.
    parameter
        The parameter's name, for the error message.
    """
    if not isinstance(color, str) or not _COLOR.fullmatch(color):
        raise InvalidInputError(
            parameter, color, "CSS colours such as '#1f78b4' or 'red'"
        )
    return color


def _text(value: object) -> str:
    return html.escape(str(value), quote=True)


def _box(title: str, rows: Sequence[str], css_class: str) -> str:
    """A legend that folds away: a click on its title hides its rows (a
    ``<details>`` element, open at first), so it never has to hide the data."""
    body = "".join(f"<div>{row}</div>" for row in rows)
    return (
        f'<details open class="{css_class}" style="{_BOX}">'
        f'<summary style="{_TITLE}">{_text(title)}</summary>{body}</details>'
    )


def points_legend(
    colors: Mapping[str, str],
    *,
    title: str,
    counts: Mapping[str, int] | None = None,
    other_label: str | None = None,
    other_color: str = "#9e9e9e",
    count_format: Callable[[int], str] = "{:,}".format,
) -> str:
    """HTML legend of the dot colours of a point layer.

    Parameters
    ----------
    colors
        Category -> CSS colour, in the order to list them (the ``colors`` given to
        :func:`geodata.maps.add_sites_layer`).
    title
        The legend's heading, e.g. ``"Nhà mạng"``.
    counts
        Optional number of points per category, shown after each label; categories
        with a count of 0 are still listed.
    other_label
        When given, a last row for the points whose category has no colour.
    other_color
        The colour of those points.
    count_format
        How a count is written (default "12,345"; Vietnamese pages pass "12.345").
    """
    rows = []
    entries = list(colors.items())
    if other_label is not None:
        entries.append((other_label, other_color))
    for label, color in entries:
        check_color(color)
        count = ""
        if counts is not None and label in counts:
            count = f" ({count_format(int(counts[label]))})"
        rows.append(f'<span style="{_DOT.format(color)}"></span>{_text(label)}{count}')
    return _box(title, rows, "geodata-legend geodata-points-legend")


def choropleth_legend(
    title: str,
    classes: Sequence[tuple[str, str]],
    *,
    no_data: tuple[str, str] | None = None,
) -> str:
    """HTML legend of choropleth classes.

    Parameters
    ----------
    title
        The legend's heading (the measure, e.g. ``"Số trạm BTS"``).
    classes
        ``(colour, label)`` per class, lowest first; labels are plain text.
    no_data
        ``(colour, label)`` for units without a value, if any.
    """
    entries = [*classes, *([no_data] if no_data else [])]
    rows = [
        f'<span style="{_SWATCH.format(check_color(color))}"></span>{_text(label)}'
        for color, label in entries
    ]
    return _box(title, rows, "geodata-legend geodata-choropleth-legend")


def note_html(text: str) -> str:
    """A small boxed note (e.g. that the boundaries are approximate), escaped.

    Parameters
    ----------
    text
        The note, plain text.
    """
    style = _BOX + "; font-style: italic; border-left: 3px solid #d08c00"
    return f'<div class="geodata-map-note" style="{style}">{_text(text)}</div>'


def add_legend(
    m: folium.Map, legend_html: str, *, position: str = "bottomright"
) -> None:
    """Show a legend (or any HTML built by this module) over a map.

    Parameters
    ----------
    m
        The map.
    legend_html
        HTML from :func:`points_legend`, :func:`choropleth_legend` or
        :func:`note_html` (trusted: never pass user text here unescaped).
    position
        ``topleft``, ``topright``, ``bottomleft`` or ``bottomright``.
    """
    import folium

    if not isinstance(m, folium.Map):
        raise InvalidInputError("m", m, "a folium.Map")
    if position not in HTML_BOX_POSITIONS:
        raise InvalidInputError("position", position, " or ".join(HTML_BOX_POSITIONS))
    if not isinstance(legend_html, str):
        raise InvalidInputError("legend_html", legend_html, "an HTML string")
    box = element_classes().HtmlBox
    box(legend_html, position=position, css_class="geodata-map-box").add_to(m)
