"""The map pages' HTML with hostile records, opened in a real headless Chromium.

Sites and points named with every payload of ``tests/attack/payloads.py`` are
created through the services (SQLite and PostgreSQL); the BTS and points maps
are built as their pages build them (``ui.maps.render``), written to a file and
served from 127.0.0.1 with the map assets. Chromium opens each map, opens the
tooltip and the popup of every marker, and listens for dialogs (``alert``) and
for requests to anything but the map and its assets (an injected image). A
dialog or such a request is a payload that ran: ``executed``, which must be 0.
"""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import urlsplit

import pytest

from geodata.mapassets import install_map_assets
from registry.kernel.clock import today
from registry.maps.data import point_map, site_overview
from registry.records.by_kind import POINTS, SITES
from tests.attack import tally
from tests.attack.payloads import STORED
from tests.factories import point_values, site_values
from ui.maps.render import point_map_figure, site_map

pytestmark = pytest.mark.browser
MEASURE = "payloads x sinks"

# Opens every marker's tooltip and popup in turn and keeps what they show.
_OPEN_ALL = """() => {
  const map = window[document.querySelector(".folium-map").id];
  const shown = [];
  map.eachLayer((layer) => {
    if (layer.getTooltip && layer.getTooltip() && layer.getPopup && layer.getPopup()) {
      layer.openTooltip();
      shown.push(layer.getTooltip().getElement().textContent);
      layer.openPopup();
      shown.push(layer.getPopup().getElement().textContent);
    }
  });
  window.__shown = shown;
  return shown.length;
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def served(tmp_path):
    """Serve ``tmp_path`` (the map assets under /app/static) from 127.0.0.1."""
    install_map_assets(tmp_path / "app" / "static")
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _maps(registry, admin) -> dict[str, str]:
    """The two map pages' HTML, with a site and a game point per payload."""
    for index, payload in enumerate(STORED):
        SITES.create(
            registry,
            admin,
            site_values(
                registry, site_code=f"MAP-{index}", name=payload, permit_number="P1"
            ),
        )
        POINTS.create(registry, admin, point_values(registry, name=payload))
    day = today()
    sites = site_map(registry, site_overview(registry, admin, as_of=day).map)
    points = point_map_figure(registry, point_map(registry, admin, as_of=day))
    return {
        "sites.html": sites.get_root().render(),
        "points.html": points.get_root().render(),
    }


# What runs in the browser is the HTML the map pages build; the text round trip
# through each database is attacked in test_hostile_text.py, so one backend here.
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_map_pages_run_no_payload_in_chromium(registry, admin, served, browser):
    folder, base = served
    maps = _maps(registry, admin)
    for name, page_html in maps.items():
        (folder / name).write_text(page_html, encoding="utf-8")
    for name in maps:
        dialogs, unexpected = [], []
        route = _guard(base, name, registry, unexpected)

        def on_dialog(dialog, dialogs=dialogs):
            dialogs.append(dialog.message)
            dialog.dismiss()

        context = browser.new_context(viewport={"width": 1000, "height": 700})
        try:
            page = context.new_page()
            page.route("**/*", route)
            page.on("dialog", on_dialog)
            page.goto(f"{base}/{name}")
            page.wait_for_function("document.querySelector('.folium-map') !== null")
            page.wait_for_function(
                "() => window[document.querySelector('.folium-map').id] !== undefined"
            )
            opened = page.evaluate(_OPEN_ALL)
            page.wait_for_function("window.__shown !== undefined")
            shown = " ".join(page.evaluate("window.__shown"))
            injected = page.evaluate(
                """() => document.querySelectorAll(
                    '.leaflet-tooltip img, .leaflet-popup img, .leaflet-tooltip svg,'
                    + '.leaflet-popup svg, .leaflet-popup script, .leaflet-popup x'
                ).length"""
            )
            page.wait_for_load_state("networkidle")
        finally:
            context.close()
        assert opened >= 2 * len(STORED), f"{name}: {opened} tooltips and popups"
        missing = [p for p in STORED if p not in shown]
        executed = len(dialogs) + len(unexpected) + injected
        tally.record(MEASURE, tried=len(STORED), executed=executed)
        assert (dialogs, unexpected, injected) == ([], [], 0), name
        assert missing == [], f"{name}: payloads not shown as text: {missing}"


def _guard(base: str, name: str, registry, unexpected: list[str]):
    """A route handler: the map page and its assets load; a base-map tile is
    aborted (offline); anything else is aborted and recorded in ``unexpected``."""

    def route(route):
        url = urlsplit(route.request.url)
        ours = f"{url.scheme}://{url.netloc}" == base and (
            url.path == f"/{name}" or url.path.startswith("/app/static/")
        )
        if ours or url.scheme in ("data", "blob"):
            route.continue_()
            return
        if not _basemap_tile(route.request.url, registry):
            unexpected.append(route.request.url)
        route.abort()

    return route


def _basemap_tile(url: str, registry) -> bool:
    """A tile of the configured base map (aborted: the test runs offline)."""
    basemap = registry.config.basemap or ""
    if basemap == "openstreetmap":
        return urlsplit(url).hostname.endswith("tile.openstreetmap.org")
    return bool(basemap) and urlsplit(url).hostname == urlsplit(basemap).hostname
