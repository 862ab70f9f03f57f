"""The compact point layer in a real headless Chromium, offline.

A map of 5,000 sites is written to a standalone HTML file and served, with the
assets installed by ``install_map_assets``, by a local ``http.server``; every
request to another host is aborted. The session's Chromium (the ``browser``
fixture) draws it: skipped with a reason when Debian's Chromium is missing, except
under CI (CI=true), where a skipped browser test would hide a defect.
"""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import pytest

from geodata.mapassets import install_map_assets
from geodata.maps import add_legend, add_sites_layer, base_map, points_legend

BOUNDS = (103.87, 18.55, 105.81, 19.99)
NETWORKS = {"Viettel": "#e41a1c", "VinaPhone": "#377eb8", "MobiFone": "#4daf4a"}
HOSTILE = "<img src=x onerror=alert(1)>"

pytestmark = pytest.mark.browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def served_map(tmp_path):
    """URL of a 5,000-site map (the last site hostile) served from 127.0.0.1."""
    rng = np.random.default_rng(42)
    n = 5_000
    points = pd.DataFrame(
        {
            "id": [f"S{i:05d}" for i in range(n)],
            "latitude": rng.uniform(BOUNDS[1], BOUNDS[3], n),
            "longitude": rng.uniform(BOUNDS[0], BOUNDS[2], n),
            "network": rng.choice(list(NETWORKS), n),
        }
    )
    points.loc[n - 1, ["id", "network"]] = [HOSTILE, HOSTILE]
    m = base_map(BOUNDS, asset_url="/static", tiles=None, approximate_note="Gần đúng")
    add_sites_layer(m, points, color_by="network", colors=NETWORKS)
    add_legend(m, points_legend(NETWORKS, title="Nhà mạng"))
    install_map_assets(tmp_path / "static")
    (tmp_path / "map.html").write_text(m.get_root().render(), encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/map.html"
    server.shutdown()
    server.server_close()


# Reads the canvas back: how many pixels are drawn, and whether the pixel under
# each of a few sites (projected by Leaflet itself) is drawn.
_INSPECT = """(indexes) => {
  const map = window[document.querySelector(".folium-map").id];
  let layer = null;
  map.eachLayer((l) => { if (l instanceof L.CompactPoints) layer = l; });
  const canvas = document.querySelector("canvas.compact-points");
  const ctx = canvas.getContext("2d");
  const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let drawn = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) drawn++;
  const box = canvas.getBoundingClientRect();
  const frame = map.getContainer().getBoundingClientRect();
  const under = indexes.map((i) => {
    const p = map.latLngToContainerPoint(layer.pointAt(i).latlng);
    const x = Math.round(frame.left + p.x - box.left);
    const y = Math.round(frame.top + p.y - box.top);
    if (x < 0 || y < 0 || x >= canvas.width || y >= canvas.height) return null;
    return pixels[(y * canvas.width + x) * 4 + 3] > 0;
  });
  return {drawn: drawn, under: under, zoom: map.getZoom()};
}"""

_CLICK_TARGET = """(index) => {
  const map = window[document.querySelector(".folium-map").id];
  let layer = null;
  map.eachLayer((l) => { if (l instanceof L.CompactPoints) layer = l; });
  window.__clicks = [];
  layer.on("click", (e) => window.__clicks.push({
    feature: e.layer.toGeoJSON(),
    tooltip: e.sourceTarget.getTooltip().getContent(),
    popup: e.sourceTarget.getPopup().getContent().textContent,
  }));
  const p = map.latLngToContainerPoint(layer.pointAt(index).latlng);
  const frame = map.getContainer().getBoundingClientRect();
  return {x: frame.left + p.x, y: frame.top + p.y};
}"""

_ZOOM_IN = """() => {
  const map = window[document.querySelector(".folium-map").id];
  window.__moved = false;
  map.once("moveend", () => { window.__moved = true; });
  map.setView([19.2, 105.0], map.getZoom() + 2, {animate: false});
}"""


def test_compact_layer_draws_offline_and_a_click_reports_the_escaped_site(
    served_map, browser
):
    requests, aborted, errors, dialogs = [], [], [], []

    def route(route):
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            aborted.append(route.request.url)
            route.abort()

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    context = browser.new_context(viewport={"width": 1000, "height": 700})
    try:
        page = context.new_page()
        page.route("**/*", route)
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("dialog", on_dialog)
        page.goto(served_map)
        page.wait_for_function("window.__pointsDrawn > 0", timeout=10_000)
        sample = list(range(0, 5_000, 10))
        first = page.evaluate(_INSPECT, sample)
        boxes = [
            page.is_visible(".geodata-map-note"),
            page.is_visible(".geodata-points-legend"),
        ]

        target = page.evaluate(_CLICK_TARGET, 4_999)
        page.mouse.click(target["x"], target["y"])
        page.wait_for_selector(".leaflet-popup-content", timeout=5_000)
        popup_text = page.inner_text(".leaflet-popup-content")
        clicks = page.evaluate("window.__clicks")

        page.evaluate(_ZOOM_IN)
        page.wait_for_function("window.__moved === true", timeout=5_000)
        zoomed = page.evaluate(_INSPECT, sample)
    finally:
        context.close()

    assert errors == [] and dialogs == []
    assert aborted == []
    assert {urlsplit(url).hostname for url in requests} == {"127.0.0.1"}
    assert boxes == [True, True]  # the approximate note and the legend
    assert first["drawn"] > 20_000  # 5,000 dots of a few pixels each
    assert all(first["under"]), first["under"]
    assert zoomed["zoom"] == first["zoom"] + 2
    assert [u for u in zoomed["under"] if u is not None] != []
    assert all(u for u in zoomed["under"] if u is not None), zoomed["under"]
    assert HOSTILE in popup_text  # shown as text, not run as markup
    assert len(clicks) == 1
    assert clicks[0]["feature"]["properties"] == {
        "point_id": HOSTILE,
        "category": HOSTILE,
    }
    assert clicks[0]["tooltip"] == "&lt;img src=x onerror=alert(1)&gt;"
