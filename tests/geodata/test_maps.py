"""Folium map builders, tested by rendering the maps to strings (no browser here).

The one browser test of these maps is in ``test_geodata_maps_browser.py``.
"""

from __future__ import annotations

import base64
import html
import os
import re

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from jinja2.utils import htmlsafe_json_dumps
from shapely.geometry import Polygon, box

from geodata.errors import GeodataError, InvalidInputError
from geodata.map_choropleth import class_breaks
from geodata.map_encoding import COORDINATE_SCALE
from geodata.map_layers import element_classes
from geodata.mapassets import (
    COMPACT_POINTS_JS,
    LEAFLET_CSS,
    LEAFLET_JS,
    MARKERCLUSTER_JS,
    OWN_JS_DIR,
    install_map_assets,
)
from geodata.maps import (
    CLICK_RETURNED_OBJECTS,
    MARKER_LIMIT,
    MAX_ZOOM,
    add_choropleth,
    add_legend,
    add_sites_layer,
    base_map,
    clicked_point_id,
    clicked_unit_code,
    points_legend,
)

ChoroplethLayer = element_classes().ChoroplethLayer
CompactPointsLayer = element_classes().CompactPointsLayer
PointDetails = element_classes().PointDetails

BOUNDS = (103.87, 18.55, 105.81, 19.99)
"""Nghệ An's bounding box (min_lon, min_lat, max_lon, max_lat)."""

CDN_HOSTS = (
    "cdn.jsdelivr.net",
    "unpkg.com",
    "cdnjs.cloudflare.com",
    "code.jquery.com",
    "maxcdn.bootstrapcdn.com",
    "netdna.bootstrapcdn.com",
    "d3js.org",
)
NETWORKS = {"Viettel": "#e41a1c", "VinaPhone": "#377eb8", "MobiFone": "#4daf4a"}
HOSTILE = "<img src=x onerror=alert(1)>`${alert(2)}`"
"""A name that runs script if it reaches HTML unescaped (or a JS template literal)."""


def sites(n: int, *, seed: int = 42, string_ids: bool = False) -> pd.DataFrame:
    """``n`` deterministic sites in Nghệ An's box, networks cycling through three."""
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n + 1)
    return pd.DataFrame(
        {
            "id": [f"S{i:06d}" for i in ids] if string_ids else ids,
            "latitude": rng.uniform(BOUNDS[1], BOUNDS[3], n),
            "longitude": rng.uniform(BOUNDS[0], BOUNDS[2], n),
            "network": np.array(list(NETWORKS))[ids % 3],
            "name": [f"Trạm {i}" for i in ids],
        }
    )


def squares() -> gpd.GeoDataFrame:
    """Three 0.1° squares near Vinh with codes A, B, C; B's name is hostile."""
    x0, y0 = 105.3, 18.6
    return gpd.GeoDataFrame(
        {"code": ["A", "B", "C"], "name": ["Xã Một", HOSTILE, "Phường Ba"]},
        geometry=[
            box(x0 + i * 0.1, y0, x0 + (i + 1) * 0.1, y0 + 0.1) for i in range(3)
        ],
        crs="EPSG:4326",
    )


def render(m: folium.Map) -> str:
    return m.get_root().render()


def js_string(text: str) -> str:
    """How ``text`` appears inside a JSON string literal of a rendered map
    (braces escaped too: branca renders map scripts again as Jinja)."""
    quoted = htmlsafe_json_dumps(text)[1:-1]
    return quoted.replace("{", "\\u007b").replace("}", "\\u007d")


def undelta(text: str, count: int) -> np.ndarray:
    """Decode the varint deltas of the compact payload (as compact-points.js does)."""
    data = base64.b64decode(text)
    values, value, shift = [], 0, 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            values.append((value >> 1) ^ -(value & 1))
            value, shift = 0, 0
    assert len(values) == count
    return np.cumsum(values)


def compact_layers(m: folium.Map) -> list:
    return [c for c in m._children.values() if isinstance(c, CompactPointsLayer)]


def marker_groups(m: folium.Map) -> list[folium.FeatureGroup]:
    return [c for c in m._children.values() if isinstance(c, folium.FeatureGroup)]


@pytest.fixture
def full_map() -> folium.Map:
    """Every kind of layer at once: markers, compact points, choropleth, legends."""
    m = base_map(BOUNDS, approximate_note="Ranh giới gần đúng")
    add_choropleth(m, squares(), pd.Series({"A": 1, "B": 5, "C": 9}), title="Số trạm")
    add_sites_layer(m, sites(20), color_by="network", colors=NETWORKS)
    add_sites_layer(m, sites(MARKER_LIMIT + 1), color_by="network", colors=NETWORKS)
    add_legend(m, points_legend(NETWORKS, title="Nhà mạng"))
    return m


# --- assets: local only ---------------------------------------------------------------


@pytest.mark.parametrize("tiles", [None, "openstreetmap"])
def test_no_rendered_map_mentions_a_cdn(full_map, tiles):
    full_map_html = render(full_map)
    other = base_map(BOUNDS, tiles=tiles)
    add_sites_layer(other, sites(10), color_by="network", colors=NETWORKS)
    for page in (full_map_html, render(other)):
        assert [host for host in CDN_HOSTS if host in page] == []


def test_a_tile_server_of_the_province_is_named_and_the_scale_is_metric():
    page = render(
        base_map(
            BOUNDS,
            tiles="https://tile.example.vn/{z}/{x}/{y}.png",
            tiles_name="Bản đồ nền",
        )
    )
    assert "https://tile.example.vn/{z}/{x}/{y}.png" in page
    assert "tile.example.vn" in page.split('"attribution"')[1][:80]
    assert "L.control.scale({imperial: false})" in page


def test_every_script_and_stylesheet_comes_from_the_asset_url(full_map):
    page = render(full_map)
    scripts = re.findall(r'<script[^>]*\bsrc="([^"]+)"', page)
    sheets = re.findall(r'<link[^>]*\bhref="([^"]+)"', page)
    assert scripts[0] == f"/app/static/{LEAFLET_JS}"
    assert sheets == [f"/app/static/{LEAFLET_CSS}"]
    assert [s.split("?")[0] for s in scripts[1:]] == [
        f"/app/static/{COMPACT_POINTS_JS}"
    ]
    assert re.fullmatch(r".*\?v=[0-9a-f]{12}", scripts[1])


def test_the_asset_url_may_be_any_prefix():
    page = render(base_map(BOUNDS, asset_url="/static/", tiles=None))
    assert f'src="/static/{LEAFLET_JS}"' in page


def test_building_a_map_leaves_folium_class_level_asset_lists_alone():
    before = (list(folium.Map.default_js), list(folium.Map.default_css))
    m = base_map(BOUNDS)
    add_sites_layer(m, sites(MARKER_LIMIT + 1), color_by="network", colors=NETWORKS)
    render(m)
    assert (folium.Map.default_js, folium.Map.default_css) == before
    assert "cdn.jsdelivr.net" in folium.Map.default_js[0][1]  # folium's own default


# --- base map -------------------------------------------------------------------------


def test_base_map_has_max_zoom_canvas_rendering_and_fits_the_bounds():
    page = render(base_map(BOUNDS, tiles=None))
    assert f'"maxZoom": {MAX_ZOOM}' in page
    assert '"preferCanvas": true' in page
    assert ".fitBounds(\n" in page and "[[18.55, 103.87], [19.99, 105.81]]" in page
    assert "L.tileLayer" not in page


def test_base_map_with_tiles_has_one_tile_layer():
    assert render(base_map(BOUNDS)).count("L.tileLayer(") == 1


def test_the_approximate_note_is_shown_only_when_asked_and_escaped():
    note = "Ranh giới gần đúng (ô Thiessen), không phải ranh giới chính thức <b>"
    with_note = render(base_map(BOUNDS, approximate_note=note))
    assert "geodata-map-note" in with_note
    assert js_string(html.escape(note)) in with_note
    assert "geodata-map-note" not in render(base_map(BOUNDS))


@pytest.mark.parametrize(
    "bounds",
    [
        (105.8, 18.5, 103.8, 20.0),  # min_lon > max_lon
        (103.8, 18.5, 105.8),  # three numbers
        (103.8, float("nan"), 105.8, 20.0),
        (103.8, -95.0, 105.8, 20.0),
        "103.8,18.5,105.8,20",
        None,
    ],
)
def test_bad_bounds_are_refused_naming_the_parameter(bounds):
    with pytest.raises(InvalidInputError, match="'bounds' should be"):
        base_map(bounds)


# --- sites layer: rendering by size ---------------------------------------------------


@pytest.mark.parametrize(
    ("n", "limit", "compact"),
    [
        (0, MARKER_LIMIT, False),
        (MARKER_LIMIT, MARKER_LIMIT, False),
        (MARKER_LIMIT + 1, MARKER_LIMIT, True),
        (50, 10, True),
        (50, 50, False),
    ],
)
def test_up_to_the_limit_points_are_markers_and_beyond_one_compact_layer(
    n, limit, compact
):
    m = base_map(BOUNDS, tiles=None)
    add_sites_layer(
        m, sites(n), color_by="network", colors=NETWORKS, marker_limit=limit
    )
    assert len(compact_layers(m)) == int(compact)
    assert len(marker_groups(m)) == int(not compact)
    page = render(m)
    assert page.count("L.circleMarker(") == (0 if compact else n)
    assert ("L.compactPoints(" in page) == compact


def test_markers_carry_escaped_tooltips_popups_and_a_feature_with_the_id():
    points = sites(3)
    points.loc[1, ["name", "network"]] = [HOSTILE, HOSTILE]
    m = base_map(BOUNDS, tiles=None)
    add_sites_layer(
        m,
        points,
        color_by="network",
        colors=NETWORKS,
        tooltip_column="name",
        popup_columns=[("name", "Tên <trạm>"), ("network", "Nhà mạng")],
    )
    page = render(m)
    assert "<img" not in page
    # Every copy of the name sits inside a JSON string literal, never in markup,
    # in a JavaScript template literal or in a Jinja tag (its braces escaped).
    assert "${alert(2)}" not in page
    copies = page.count(js_string(HOSTILE)) + page.count(
        js_string(html.escape(HOSTILE))
    )
    assert copies >= 3
    details = next(
        c for c in marker_groups(m)[0]._children.values() if isinstance(c, PointDetails)
    )
    tooltip, popup, properties = details.rows[1]
    assert tooltip == html.escape(HOSTILE)
    assert html.escape(HOSTILE) in popup and "Tên &lt;trạm&gt;" in popup
    assert properties == {"point_id": 2, "category": HOSTILE}
    assert js_string(html.escape(HOSTILE)) in page


@pytest.mark.parametrize("many", [False, True])
def test_a_name_shaped_like_a_jinja_tag_is_never_rendered_as_one(many):
    """Branca renders every map script a second time as a Jinja template: a name
    like this one ran Python on the server and put its answer on the map."""
    # 7*1117 = 7819: a number no site's name holds (the compact layer's popups
    # carry the names "Trạm 1" … "Trạm 6000").
    gadget = "{{ cycler.__init__.__globals__.os.getcwd() }} {{ 7*1117 }} {% if 1 %}x"
    points = sites(6000 if many else 3, string_ids=True)
    points.loc[1, ["id", "name", "network"]] = [gadget, gadget, gadget]
    m = base_map(BOUNDS, tiles=None)
    add_sites_layer(
        m,
        points,
        color_by="network",
        colors=NETWORKS,
        tooltip_column="name",
        popup_columns=[("name", "Tên")],
    )
    add_legend(m, points_legend({gadget: "#ff0000"}, title=gadget))
    page = render(m)
    assert os.getcwd() not in page and "7819" not in page
    assert js_string(gadget) in page or js_string(html.escape(gadget)) in page


def test_marker_colours_follow_the_category_and_unknown_ones_are_grey():
    points = sites(4)
    points.loc[3, "network"] = "Itel"
    m = base_map(BOUNDS, tiles=None)
    add_sites_layer(m, points, color_by="network", colors=NETWORKS)
    markers = [
        c
        for c in marker_groups(m)[0]._children.values()
        if isinstance(c, folium.CircleMarker)
    ]
    fills = [marker.options["fillColor"] for marker in markers]
    assert fills[:3] == [NETWORKS[v] for v in points["network"][:3]]
    assert fills[3] == "#9e9e9e"


# --- sites layer: the compact payload -------------------------------------------------


def test_compact_payload_decodes_to_the_points_ids_and_categories():
    points = sites(MARKER_LIMIT + 7)
    m = base_map(BOUNDS, tiles=None)
    add_sites_layer(m, points, color_by="network", colors=NETWORKS)
    payload = compact_layers(m)[0].payload
    n = len(points)
    lat = undelta(payload["lat"], n) / COORDINATE_SCALE
    lon = undelta(payload["lng"], n) / COORDINATE_SCALE
    assert np.abs(lat - points["latitude"]).max() <= 0.5 / COORDINATE_SCALE + 1e-12
    assert np.abs(lon - points["longitude"]).max() <= 0.5 / COORDINATE_SCALE + 1e-12
    assert payload["idKind"] == "int"
    assert undelta(payload["ids"], n).tolist() == points["id"].tolist()
    categories = np.frombuffer(base64.b64decode(payload["cat"]), dtype=np.uint8)
    labels = np.array(payload["labels"])[categories]
    assert labels.tolist() == points["network"].tolist()
    assert payload["colors"][:3] == list(NETWORKS.values())


def test_compact_payload_carries_hostile_ids_and_categories_only_as_json_data():
    points = sites(MARKER_LIMIT + 2, string_ids=True)
    points.loc[5, ["id", "network"]] = [HOSTILE, HOSTILE]
    m = base_map(BOUNDS, tiles=None)
    add_sites_layer(m, points, color_by="network", colors=NETWORKS)
    payload = compact_layers(m)[0].payload
    assert payload["idKind"] == "str" and payload["ids"][5] == HOSTILE
    assert HOSTILE in payload["labels"]
    page = render(m)
    assert "<img" not in page
    assert js_string(HOSTILE) in page  # a JSON string: data, never markup


def test_compact_payload_for_150000_points_is_well_under_5_mb():
    m = base_map(BOUNDS, tiles=None)
    add_sites_layer(m, sites(150_000), color_by="network", colors=NETWORKS)
    size = len(render(m).encode("utf-8"))
    assert size < 2.5e6, f"{size / 1e6:.2f} MB"


def test_points_may_come_as_a_geodataframe_of_points_in_any_crs():
    frame = sites(5)
    points = gpd.GeoDataFrame(
        frame.drop(columns=["latitude", "longitude"]),
        geometry=gpd.points_from_xy(frame["longitude"], frame["latitude"]),
        crs="EPSG:4326",
    ).to_crs("EPSG:32648")
    m = base_map(BOUNDS, tiles=None)
    add_sites_layer(m, points, color_by="network", colors=NETWORKS, marker_limit=0)
    lat = undelta(compact_layers(m)[0].payload["lat"], 5) / COORDINATE_SCALE
    assert np.allclose(lat, frame["latitude"], atol=1e-5)


@pytest.mark.parametrize("n", [20, MARKER_LIMIT + 1])
def test_the_points_frame_is_not_modified(n):
    points = sites(n)
    points["network"] = points["network"].astype("category")
    before = points.copy(deep=True)
    add_sites_layer(
        base_map(BOUNDS),
        points,
        color_by="network",
        colors=NETWORKS,
        popup_columns=[("name", "Tên")],
    )
    pd.testing.assert_frame_equal(points, before)


# --- sites layer: bad input -----------------------------------------------------------


def _with(column: str, row: int, value) -> pd.DataFrame:
    points = sites(5)
    points[column] = points[column].astype(object)
    points.loc[row, column] = value
    return points


@pytest.mark.parametrize(
    ("points", "message"),
    [
        (sites(3).drop(columns="latitude"), r"missing: \['latitude'\]"),
        (sites(3).drop(columns="network"), r"missing: \['network'\]"),
        (_with("latitude", 2, float("nan")), r"'points\['latitude'\] \(row 2\)'"),
        (_with("longitude", 4, float("inf")), r"'points\['longitude'\] \(row 4\)'"),
        (_with("latitude", 0, 91.0), r"-90 to 90, got 91.0"),
        (_with("latitude", 1, "north"), r"got 'north'"),
        (_with("id", 3, None), r"'points\['id'\] \(row 3\)' should be an id"),
        (
            [{"latitude": 19, "longitude": 105}],
            r"'points' should be a pandas DataFrame",
        ),
    ],
)
@pytest.mark.parametrize("limit", [0, MARKER_LIMIT])
def test_bad_points_are_refused_with_the_column_and_row(points, message, limit):
    with pytest.raises(InvalidInputError, match=message):
        add_sites_layer(
            base_map(BOUNDS),
            points,
            color_by="network",
            colors=NETWORKS,
            marker_limit=limit,
        )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"colors": {"Viettel": "red; background:url(x)"}}, "'colors' should be CSS"),
        ({"colors": ["#ff0000"]}, "'colors' should be a mapping"),
        ({"popup_columns": [("missing", "X")]}, r"missing: \['missing'\]"),
    ],
)
def test_bad_options_are_refused(kwargs, message):
    options = {"color_by": "network", "colors": NETWORKS, **kwargs}
    with pytest.raises(InvalidInputError, match=message):
        add_sites_layer(base_map(BOUNDS), sites(3), **options)


def test_a_map_not_made_by_base_map_is_refused_since_it_would_load_cdn_assets():
    with pytest.raises(GeodataError, match="made by geodata.maps.base_map"):
        add_sites_layer(folium.Map(), sites(3), color_by="network", colors=NETWORKS)


# --- legends --------------------------------------------------------------------------


def test_points_legend_lists_each_colour_with_escaped_labels_and_counts():
    legend = points_legend(
        {**NETWORKS, HOSTILE: "#000"},
        title="Nhà <mạng>",
        counts={"Viettel": 12_345},
        other_label="Khác",
    )
    assert legend.count("border-radius: 50%") == 5
    assert "Viettel (12,345)" in legend and "Nhà &lt;mạng&gt;" in legend
    assert html.escape(HOSTILE) in legend and "<img" not in legend
    assert "background: #9e9e9e" in legend  # the "other" row


def test_points_legend_writes_counts_as_the_caller_asks():
    legend = points_legend(
        NETWORKS,
        title="Nhà mạng",
        counts={"Viettel": 12_345},
        count_format=lambda n: f"{n:,}".replace(",", "."),
    )
    assert "Viettel (12.345)" in legend


def test_the_legend_is_drawn_over_the_map_as_our_own_html(full_map):
    page = render(full_map)
    assert page.count("L.control({position:") == 3  # note, choropleth, points
    assert "geodata-points-legend" in page and "geodata-choropleth-legend" in page
    assert "branca" not in page and "d3" not in re.findall(r'src="([^"]+)"', page)


def test_a_legend_in_an_unknown_position_is_refused():
    with pytest.raises(InvalidInputError, match="'position' should be"):
        add_legend(base_map(BOUNDS), "<b>x</b>", position="middle")


# --- choropleth -----------------------------------------------------------------------


def test_choropleth_is_one_geojson_layer_with_escaped_tooltips_and_a_legend():
    m = base_map(BOUNDS, tiles=None)
    add_choropleth(m, squares(), pd.Series({"A": 1, "B": 5}), title="Số trạm BTS")
    layers = [c for c in m._children.values() if isinstance(c, ChoroplethLayer)]
    assert len(layers) == 1
    features = layers[0].data["features"]
    tips = {f["properties"]["unit_code"]: f["properties"]["tip"] for f in features}
    assert tips["B"] == f"<strong>{html.escape(HOSTILE)}</strong><br>Số trạm BTS: 5"
    assert tips["C"].endswith("Số trạm BTS: Không có số liệu")
    fills = {f["properties"]["unit_code"]: f["properties"]["fill"] for f in features}
    assert fills["C"] == "#d9d9d9" and fills["A"] != fills["B"]
    page = render(m)
    assert "<img" not in page and js_string("Không có số liệu") in page
    assert page.count("L.geoJSON(") == 1 and "geodata-choropleth-legend" in page


def test_choropleth_polygons_are_simplified_and_rounded():
    ring = [
        (105.3 + 0.05 * np.cos(a), 18.6 + 0.05 * np.sin(a))
        for a in np.linspace(0, 2 * np.pi, 2000)
    ]
    polygons = gpd.GeoDataFrame(
        {"code": ["R"], "name": ["Tròn"]}, geometry=[Polygon(ring)], crs="EPSG:4326"
    )
    m = base_map(BOUNDS, tiles=None)
    add_choropleth(m, polygons, pd.Series({"R": 3}), title="x")
    layer = next(c for c in m._children.values() if isinstance(c, ChoroplethLayer))
    coordinates = layer.data["features"][0]["geometry"]["coordinates"][0]
    assert len(coordinates) < 200
    assert all(round(x, 5) == x and round(y, 5) == y for x, y in coordinates)


def test_choropleth_classes_are_at_most_six_quantiles_without_repeats():
    values = pd.Series(np.arange(100.0))
    assert len(class_breaks(values)) == 7
    assert class_breaks(pd.Series([3.0, 3.0, np.nan])).tolist() == [3.0]
    assert len(class_breaks(pd.Series([1.0, 2.0]))) == 3
    assert len(class_breaks(pd.Series([np.nan]))) == 0


def test_choropleth_reprojects_and_leaves_its_inputs_alone():
    polygons = squares().to_crs("EPSG:32648")
    values = pd.Series({"A": 1.5, "B": 2.5, "C": 3.5})
    before = (polygons.copy(), values.copy())
    m = base_map(BOUNDS, tiles=None)
    add_choropleth(m, polygons, values, title="Mật độ", value_format="{:.1f}")
    pd.testing.assert_frame_equal(polygons, before[0])
    pd.testing.assert_series_equal(values, before[1])
    layer = next(c for c in m._children.values() if isinstance(c, ChoroplethLayer))
    x, y = layer.data["features"][0]["geometry"]["coordinates"][0][0]
    assert 103 < x < 106 and 18 < y < 20


def test_choropleth_values_can_be_written_by_a_function():
    m = base_map(BOUNDS, tiles=None)
    values = pd.Series({"A": 1234.5, "B": 2500.0, "C": 3500.0})
    add_choropleth(
        m,
        squares(),
        values,
        title="Mật độ",
        value_format=lambda v: f"{v:,.1f}".translate(str.maketrans(",.", ".,")),
    )
    layer = next(c for c in m._children.values() if isinstance(c, ChoroplethLayer))
    tips = [f["properties"]["tip"] for f in layer.data["features"]]
    assert any("Mật độ: 1.234,5" in tip for tip in tips)


@pytest.mark.parametrize(
    ("polygons", "values", "message"),
    [
        (squares(), pd.Series({"X": 1, "Y": 2}), "indexed by the codes"),
        (squares(), {"A": 1}, "'values' should be a pandas Series"),
        (
            squares().set_crs(None, allow_override=True),
            pd.Series({"A": 1}),
            "with a CRS",
        ),
        (squares().drop(columns="name"), pd.Series({"A": 1}), "columns"),
        (pd.DataFrame({"code": ["A"]}), pd.Series({"A": 1}), "a GeoDataFrame"),
    ],
)
def test_bad_choropleth_input_is_refused(polygons, values, message):
    with pytest.raises(InvalidInputError, match=message):
        add_choropleth(base_map(BOUNDS), polygons, values, title="x")


def test_a_bad_value_format_is_refused():
    with pytest.raises(InvalidInputError, match="'value_format' should be"):
        add_choropleth(
            base_map(BOUNDS),
            squares(),
            pd.Series({"A": 1}),
            title="x",
            value_format="{:d}",
        )


# --- clicks as st_folium reports them -------------------------------------------------


def _returned(properties: dict | None) -> dict:
    feature = None
    if properties is not None:
        feature = {"type": "Feature", "properties": properties, "geometry": None}
    return {"last_active_drawing": feature}


@pytest.mark.parametrize(
    ("value", "point", "unit"),
    [
        (_returned({"point_id": 42, "category": "Viettel"}), 42, None),
        (_returned({"point_id": "S000007"}), "S000007", None),
        (_returned({"unit_code": "17200", "fill": "#fff", "tip": ""}), None, "17200"),
        (_returned(None), None, None),
        (None, None, None),
        ({"last_active_drawing": "junk"}, None, None),
    ],
)
def test_the_clicked_point_or_unit_is_read_from_st_folium_value(value, point, unit):
    assert clicked_point_id(value) == point
    assert clicked_unit_code(value) == unit
    assert CLICK_RETURNED_OBJECTS == ("last_active_drawing",)


# --- installing the assets ------------------------------------------------------------


def test_install_map_assets_copies_once_and_repairs_a_changed_file(tmp_path):
    static = tmp_path / "static"
    install_map_assets(static)
    files = sorted(
        p.relative_to(static).as_posix() for p in static.rglob("*") if p.is_file()
    )
    assert LEAFLET_JS in files and MARKERCLUSTER_JS in files
    assert "vendor/leaflet/images/marker-icon.png" in files
    assert COMPACT_POINTS_JS in files  # our own script, since this is not the repo's
    stamps = {f: (static / f).stat().st_mtime_ns for f in files}
    install_map_assets(static)
    assert {f: (static / f).stat().st_mtime_ns for f in files} == stamps
    (static / LEAFLET_JS).write_text("truncated")
    install_map_assets(static)
    assert (static / LEAFLET_JS).stat().st_size > 100_000
    assert (static / COMPACT_POINTS_JS).read_bytes() == (
        OWN_JS_DIR / "compact-points.js"
    ).read_bytes()


def test_install_map_assets_refuses_a_file_as_folder(tmp_path):
    target = tmp_path / "static"
    target.write_text("not a folder")
    with pytest.raises(InvalidInputError, match="'static_dir' should be a folder"):
        install_map_assets(target)
