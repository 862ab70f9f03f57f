"""Folium layers of the coverage dashboard: covered areas, gap units, own area.

- :func:`add_coverage_layer`: one covered area (a technology) as a filled polygon
  layer that can be switched on and off.
- :func:`add_unit_outlines`: units drawn as outlines with a tooltip each: the
  coverage gaps (vùng lõm sóng) in red, or the user's own area.
- :func:`coverage_legend`: the legend of the layers, our own HTML.

Geometries are WGS 84; they are simplified (about 30 m) and their coordinates
rounded to 1e-5° to keep the page small. Every text (unit names may come from an
imported boundary file) is HTML-escaped here.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import shapely

from geodata.crs import WGS84
from geodata.errors import InvalidInputError
from geodata.map_legends import check_color, choropleth_legend

if TYPE_CHECKING:
    import folium

__all__ = [
    "COVERAGE_SIMPLIFY_DEGREES",
    "add_coverage_layer",
    "add_unit_outlines",
    "coverage_legend",
]

COVERAGE_SIMPLIFY_DEGREES = 0.0003
"""Tolerance of the simplification of covered areas, in degrees (about 30 m)."""


@lru_cache(maxsize=1)
def _layer_class():
    from folium.map import Layer

    from geodata.map_layers import script_template_class

    # Its data is written with script_json: no name in it can form a Jinja tag
    # when branca renders the script again (see geodata.map_layers).
    Template = script_template_class()

    class StyledGeoJson(Layer):
        """One GeoJSON layer styled by each feature's ``style`` property, with the
        ``tip`` property (escaped HTML) as its tooltip; kept under point layers."""

        _template = Template(
            """
            {% macro script(this, kwargs) %}
                var {{ this.get_name() }} = L.geoJSON({{ this.data|script_json }}, {
                    style: function (feature) { return feature.properties.style; },
                    onEachFeature: function (feature, layer) {
                        if (feature.properties.tip) {
                            layer.bindTooltip(feature.properties.tip, {sticky: true});
                        }
                    }
                });
                {% if this.to_back %}
                {{ this.get_name() }}.on("add", function (event) {
                    event.target.bringToBack();
                });
                {% endif %}
            {% endmacro %}
            """
        )

        def __init__(self, data: dict, *, name: str, show: bool, to_back: bool):
            super().__init__(name=name, overlay=True, control=True, show=show)
            self._name = "StyledGeoJson"
            self.data = data
            self.to_back = to_back

    return StyledGeoJson


def _check_map(m: object) -> None:
    import folium

    if not isinstance(m, folium.Map):
        raise InvalidInputError("m", m, "a folium.Map made by geodata.maps.base_map")


def _small(geometries: np.ndarray, tolerance: float) -> np.ndarray:
    simple = shapely.simplify(geometries, tolerance, preserve_topology=True)
    return shapely.transform(simple, lambda xy: np.round(xy, 5))


def add_coverage_layer(
    m: folium.Map,
    geometry: shapely.Geometry,
    *,
    color: str,
    name: str,
    tooltip: str,
    show: bool = True,
    fill_opacity: float = 0.45,
) -> None:
    """Add a covered area as a filled layer.

    Parameters
    ----------
    m
        A map made by :func:`geodata.maps.base_map`.
    geometry
        The covered area in WGS 84 (e.g. ``CoverageReport.layers["4G"]``); an empty
        geometry adds an empty layer (still listed in the layer control).
    color
        CSS colour of the fill and outline.
    name
        The layer's name in the layer control (plain text).
    tooltip
        Plain text shown on hover (escaped here).
    show
        Whether the layer is on when the map opens.
    fill_opacity
        Opacity of the fill, 0 to 1.
    """
    _check_map(m)
    if not isinstance(geometry, shapely.Geometry):
        raise InvalidInputError("geometry", geometry, "a shapely geometry (WGS 84)")
    color = check_color(color, "color")
    if not 0 <= float(fill_opacity) <= 1:
        raise InvalidInputError("fill_opacity", fill_opacity, "a number from 0 to 1")
    features = []
    if not geometry.is_empty:
        shape = _small(np.array([geometry]), COVERAGE_SIMPLIFY_DEGREES)[0]
        style = {
            "color": color,
            "weight": 0.8,
            "opacity": 0.8,
            "fillColor": color,
            "fillOpacity": float(fill_opacity),
        }
        features.append(
            {
                "type": "Feature",
                "geometry": shape.__geo_interface__,
                "properties": {"style": style, "tip": html.escape(str(tooltip))},
            }
        )
    data = {"type": "FeatureCollection", "features": features}
    _layer_class()(data, name=str(name), show=show, to_back=True).add_to(m)


def add_unit_outlines(
    m: folium.Map,
    units: gpd.GeoDataFrame,
    *,
    name: str,
    name_column: str = "name",
    detail_column: str | None = None,
    color: str = "#d7191c",
    fill_opacity: float = 0.12,
    weight: float = 2.0,
    dashed: bool = False,
    show: bool = True,
) -> None:
    """Draw units as coloured outlines (a light fill) with a tooltip each.

    Parameters
    ----------
    m
        A map made by :func:`geodata.maps.base_map`.
    units
        Polygons with a CRS, the name column and, optionally, a detail column
        (plain text such as "Không có sóng 4G"); not modified.
    name
        The layer's name in the layer control.
    color, fill_opacity, weight, dashed
        Look of the outlines.
    show
        Whether the layer is on when the map opens.
    """
    _check_map(m)
    if not isinstance(units, gpd.GeoDataFrame) or units.crs is None:
        raise InvalidInputError("units", units, "a GeoDataFrame with a CRS")
    columns: Sequence[str] = [name_column, *([detail_column] if detail_column else [])]
    missing = [c for c in columns if c not in units.columns]
    if missing:
        raise InvalidInputError("units", list(units.columns), f"columns {missing}")
    color = check_color(color, "color")
    frame = units.to_crs(WGS84)
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    shapes = _small(frame.geometry.to_numpy(), COVERAGE_SIMPLIFY_DEGREES)
    style = {
        "color": color,
        "weight": float(weight),
        "opacity": 0.95,
        "fillColor": color,
        "fillOpacity": float(fill_opacity),
        "dashArray": "6 4" if dashed else None,
    }
    names = frame[name_column].astype("string").fillna("").tolist()
    details = (
        frame[detail_column].astype("string").fillna("").tolist()
        if detail_column
        else [""] * len(frame)
    )
    features = []
    for shape, unit, detail in zip(shapes, names, details, strict=True):
        tip = f"<strong>{html.escape(unit)}</strong>"
        if detail:
            tip += f"<br>{html.escape(detail)}"
        features.append(
            {
                "type": "Feature",
                "geometry": shape.__geo_interface__,
                "properties": {"style": style, "tip": tip},
            }
        )
    data = {"type": "FeatureCollection", "features": features}
    _layer_class()(data, name=str(name), show=show, to_back=False).add_to(m)


def coverage_legend(
    title: str, layers: Sequence[tuple[str, str]], *, gaps: tuple[str, str] | None
) -> str:
    """HTML legend: one swatch per coverage layer and one for the gap units.

    Parameters
    ----------
    title
        The heading, e.g. "Vùng phủ sóng".
    layers
        ``(colour, label)`` per layer, plain text labels.
    gaps
        ``(colour, label)`` of the gap outlines, or None.
    """
    return choropleth_legend(title, list(layers), no_data=gaps)
