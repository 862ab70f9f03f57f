"""Folium elements of our own, used by :mod:`geodata.maps`.

Folium's ``Tooltip`` puts its text into a JavaScript template literal without
escaping backticks or ``${``, and its ``Popup`` needs jQuery; so these elements pass
every piece of text as a JSON string (:func:`script_json`, which escapes ``<``,
``>``, ``&`` and ``'`` like Jinja's ``tojson``) and the text itself is HTML-escaped
by the caller.

Branca renders a macro's output a second time as a Jinja template (the
``Element`` it adds to the figure's script): a record named
``{{ cycler.__init__.__globals__.os.getcwd() }}`` ran that Python on the server
when a map was drawn. :func:`script_json` also writes ``{`` and ``}`` inside
strings as ``\u007b`` and ``\u007d``, so no data ever forms a Jinja tag.

- ``CompactPointsLayer``: ``L.compactPoints`` from ``static/js/compact-points.js``.
- ``PointDetails``: tooltip, popup and GeoJSON feature of folium CircleMarkers.
- ``ChoroplethLayer``: one ``L.geoJSON`` layer, styled per feature.
- ``HtmlBox``: a Leaflet control showing a piece of trusted HTML (legends, notes).
- ``MetricScale``: Leaflet's scale bar without miles.
- ``YearStepper``: ``L.yearStepper`` from ``static/js/year-stepper.js``.
- ``FocusPoint``: opens one point's popup when the map is drawn.

Importing folium imports requests and urllib3, which opens a socket (an IPv6
probe); geodata modules open none at import time, so the classes are defined on
first use by :func:`element_classes`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from types import SimpleNamespace

__all__ = ["HTML_BOX_POSITIONS", "element_classes"]

HTML_BOX_POSITIONS = ("topleft", "topright", "bottomleft", "bottomright")
"""Leaflet control positions."""


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_HTML_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"}
_BRACES = {"{": "\\u007b", "}": "\\u007d"}


def script_template_class():
    """Folium's ``Template`` class with the :func:`script_json` filter."""
    import folium.template

    class ScriptEnvironment(folium.template.Environment):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.filters["script_json"] = script_json

    class ScriptTemplate(folium.template.Template):
        environment_class = ScriptEnvironment

    return ScriptTemplate


def script_json(value: object):
    """``value`` as JSON to write inside a ``<script>``: ``<``, ``>``, ``&`` and
    ``'`` escaped (as Jinja's ``tojson`` does), and braces inside strings escaped
    so that no text forms a Jinja tag when branca renders the script again."""
    from markupsafe import Markup

    text = json.dumps(value)
    text = re.sub("[<>&']", lambda m: _HTML_SAFE[m.group()], text)
    text = _JSON_STRING.sub(
        lambda m: re.sub("[{}]", lambda b: _BRACES[b.group()], m.group()), text
    )
    return Markup(text)


@lru_cache(maxsize=1)
def element_classes() -> SimpleNamespace:
    """The element classes (imports folium on the first call).

    Returns
    -------
    types.SimpleNamespace
        With ``CompactPointsLayer``, ``PointDetails``, ``ChoroplethLayer``,
        ``HtmlBox`` and ``MetricScale``.
    """
    import folium
    from folium.elements import JSCSSMixin
    from folium.map import Layer

    Template = script_template_class()

    class CompactPointsLayer(JSCSSMixin, Layer):
        """Many points on one canvas, drawn by our ``L.compactPoints``.

        Parameters
        ----------
        payload
            The dict made by :func:`geodata.map_encoding.encode_points`.
        script_url
            URL of ``compact-points.js`` (the only script this layer needs).
        name
            The layer's name in a layer control.
        show
            Whether the layer is on when the map opens.
        """

        _template = Template(
            """
            {% macro script(this, kwargs) %}
                var {{ this.get_name() }} = L.compactPoints(
                    {{ this.payload|script_json }},
                    {{ this.layer_options|script_json }}
                );
            {% endmacro %}
            """
        )

        def __init__(
            self,
            payload: dict,
            *,
            script_url: str,
            name: str | None = None,
            show: bool = True,
        ) -> None:
            super().__init__(name=name, overlay=True, control=True, show=show)
            self._name = "CompactPoints"
            self.payload = payload
            self.layer_options: dict = {}
            # Per instance: folium's class-level lists are shared by every session.
            self.default_js = [("compact_points_js", script_url)]
            self.default_css = []

    class PointDetails(folium.MacroElement):
        """Binds a tooltip, a popup and a GeoJSON feature to each of some markers.

        Parameters
        ----------
        markers
            The folium markers (CircleMarkers), in the order of ``rows``.
        rows
            For each marker: tooltip HTML, popup HTML (both already escaped) and the
            feature's properties (JSON values), which streamlit-folium reports as
            ``last_active_drawing`` when the marker is clicked.
        """

        _template = Template(
            """
            {% macro script(this, kwargs) %}
                (function () {
                    var rows = {{ this.rows|script_json }};
                    var markers = [
                        {%- for marker in this.markers %}
                        {{ marker.get_name() }},
                        {%- endfor %}
                    ];
                    markers.forEach(function (marker, i) {
                        var box = document.createElement("div");
                        box.innerHTML = rows[i][1];
                        marker.feature = {type: "Feature", properties: rows[i][2]};
                        marker.bindTooltip(rows[i][0], {sticky: true});
                        // Clear of the year stepper at the top left.
                        marker.bindPopup(box, {autoPanPaddingTopLeft: [60, 110]});
                    });
                })();
            {% endmacro %}
            """
        )

        def __init__(
            self,
            markers: Sequence[folium.MacroElement],
            rows: Sequence[tuple[str, str, dict]],
        ) -> None:
            super().__init__()
            self._name = "PointDetails"
            self.markers = list(markers)
            self.rows = [list(row) for row in rows]

    class ChoroplethLayer(Layer):
        """One GeoJSON layer whose features carry their fill colour and tooltip HTML.

        Parameters
        ----------
        data
            A GeoJSON FeatureCollection; each feature's properties hold ``fill`` (a CSS
            colour) and ``tip`` (escaped HTML).
        name
            The layer's name in a layer control.
        fill_opacity
            Opacity of the fills.
        show
            Whether the layer is on when the map opens.
        """

        _template = Template(
            """
            {% macro script(this, kwargs) %}
                var {{ this.get_name() }} = L.geoJSON({{ this.data|script_json }}, {
                    style: function (feature) {
                        return {color: "#4d4d4d", weight: 0.6, opacity: 0.9,
                                fillColor: feature.properties.fill,
                                fillOpacity: {{ this.fill_opacity|tojson }}};
                    },
                    onEachFeature: function (feature, layer) {
                        layer.bindTooltip(feature.properties.tip, {sticky: true});
                        layer.on("mouseover", function () {
                            layer.setStyle({weight: 2});
                        });
                        layer.on("mouseout", function () {
                            layer.setStyle({weight: 0.6});
                        });
                    }
                });
                // Keep the units under any points added before or after them.
                {{ this.get_name() }}.on("add", function (event) {
                    event.target.bringToBack();
                });
            {% endmacro %}
            """
        )

        def __init__(
            self,
            data: dict,
            *,
            name: str | None = None,
            fill_opacity: float = 0.7,
            show: bool = True,
        ) -> None:
            super().__init__(name=name, overlay=True, control=True, show=show)
            self._name = "Choropleth"
            self.data = data
            self.fill_opacity = float(fill_opacity)

    class HtmlBox(folium.MacroElement):
        """A Leaflet control that shows a piece of HTML over the map.

        The HTML is trusted: build it with :mod:`geodata.map_legends`, which escapes
        every piece of text.

        Parameters
        ----------
        html
            The box's content.
        position
            A Leaflet control position: ``topleft``, ``topright``, ``bottomleft``,
            ``bottomright``.
        css_class
            Class of the box's element.
        """

        _template = Template(
            """
            {% macro script(this, kwargs) %}
                (function () {
                    var control = L.control({position: {{ this.position|tojson }}});
                    control.onAdd = function () {
                        var box = L.DomUtil.create("div", {{ this.css_class|tojson }});
                        box.innerHTML = {{ this.html|script_json }};
                        // Clicks stay in the box (folding a legend does not
                        // click the map); the wheel goes on to the map, so a
                        // legend never stops scroll-zoom.
                        L.DomEvent.disableClickPropagation(box);
                        return box;
                    };
                    control.addTo({{ this._parent.get_name() }});
                })();
            {% endmacro %}
            """
        )

        POSITIONS = HTML_BOX_POSITIONS

        def __init__(self, html: str, *, position: str, css_class: str) -> None:
            super().__init__()
            self._name = "HtmlBox"
            self.html = html
            self.position = position
            self.css_class = css_class

    class YearStepper(JSCSSMixin, folium.MacroElement):
        """The year stepper of ``static/js/year-stepper.js`` over the map.

        Parameters
        ----------
        payload
            The dict made by :func:`geodata.maps.add_year_stepper`.
        script_url
            URL of ``year-stepper.js``.
        """

        _template = Template(
            """
            {% macro script(this, kwargs) %}
                L.yearStepper({{ this.payload|script_json }})
                    .addTo({{ this._parent.get_name() }});
            {% endmacro %}
            """
        )

        def __init__(self, payload: dict, *, script_url: str) -> None:
            super().__init__()
            self._name = "YearStepper"
            self.payload = payload
            # Per instance: folium's class-level lists are shared by every session.
            self.default_js = [("year_stepper_js", script_url)]
            self.default_css = []

    class FocusPoint(folium.MacroElement):
        """Opens the popup of the point with an id (a marker whose feature has
        that ``point_id``, or a dot of a compact layer) when the map is drawn."""

        _template = Template(
            """
            {% macro script(this, kwargs) %}
                (function (map, wanted) {
                    var done = false;
                    map.eachLayer(function (layer) {
                        if (done) return;
                        var props = layer.feature && layer.feature.properties;
                        if (props && props.point_id === wanted && layer.openPopup) {
                            layer.openPopup();
                            done = true;
                        } else if (layer.indexOf && layer.select) {
                            var index = layer.indexOf(wanted);
                            if (index >= 0) {
                                layer.select(index, null, true);
                                done = true;
                            }
                        }
                    });
                    window.__focusOpened = done;
                })({{ this._parent.get_name() }}, {{ this.point_id|script_json }});
            {% endmacro %}
            """
        )

        def __init__(self, point_id: int | str) -> None:
            super().__init__()
            self._name = "FocusPoint"
            self.point_id = point_id

    class MetricScale(folium.MacroElement):
        """Leaflet's scale bar in kilometres and metres only (no miles)."""

        _template = Template(
            """
            {% macro script(this, kwargs) %}
                L.control.scale({imperial: false}).addTo({{ this._parent.get_name() }});
            {% endmacro %}
            """
        )

        def __init__(self) -> None:
            super().__init__()
            self._name = "MetricScale"

    return SimpleNamespace(
        CompactPointsLayer=CompactPointsLayer,
        PointDetails=PointDetails,
        ChoroplethLayer=ChoroplethLayer,
        HtmlBox=HtmlBox,
        MetricScale=MetricScale,
        YearStepper=YearStepper,
        FocusPoint=FocusPoint,
    )
