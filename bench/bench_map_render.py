"""Benchmark: how fast a map of sites is drawn in headless Chromium, and its weight.

Compares our compact canvas layer (``geodata.maps.add_sites_layer`` beyond
``MARKER_LIMIT``) with folium's stock ``plugins.FastMarkerCluster`` (the fastest
strategy measured before, see DESIGN.md section 6), for 5,000 and 150,000 sites.
Both maps are standalone HTML files from ``base_map`` (no tiles) with every asset
local, served by ``http.server`` on 127.0.0.1; any other request is aborted.

"Drawn" is measured in the page, in milliseconds since navigation started
(``performance.now()``): a ``requestAnimationFrame`` loop, installed before the page
loads, waits for the first frame in which the sites layer is complete --

- ours: the layer has finished its first full draw (it sets
  ``window.__pointsDrawn``);
- baseline: the cluster layer is on the map with its markers/cluster icons in the
  marker pane --

and the time recorded is the frame after that one, i.e. once that frame has been
painted; the main thread is then idle (neither layer has pending work). Each page is
loaded ``--runs`` times in a fresh browser context (empty cache); the median is
shown. "Transferred" is the HTML plus every file the page requested (sizes on disk:
``http.server`` does not compress).

    python bench/bench_map_render.py [--runs 3] [--sizes 5000 150000]

Aims: ours draws 5,000 sites within 1.5 s of navigation; 150,000 in at most 0.7x
the baseline's time, with under 5 MB of map payload.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import math
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
from folium.plugins import FastMarkerCluster
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geodata.mapassets import (  # noqa: E402
    MARKERCLUSTER_CSS,
    MARKERCLUSTER_DEFAULT_CSS,
    MARKERCLUSTER_JS,
    asset_link,
    install_map_assets,
)
from geodata.maps import add_sites_layer, base_map  # noqa: E402

BOUNDS = (103.87, 18.55, 105.81, 19.99)
"""Nghệ An's bounding box (min_lon, min_lat, max_lon, max_lat)."""
NETWORKS = {
    "Viettel": "#e41a1c",
    "VinaPhone": "#377eb8",
    "MobiFone": "#4daf4a",
    "Vietnamobile": "#984ea3",
    "Gmobile": "#ff7f00",
    "Itel": "#a65628",
}
ASSET_URL = "/static"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TIMEOUT_MS = 180_000

# Runs before the page's own scripts; see the module docstring for the definition.
DRAWN_PROBE = """
(() => {
  function complete() {
    if (window.__pointsDrawn) return true;
    const pane = document.querySelector(".leaflet-marker-pane");
    return Boolean(window.L && L.MarkerClusterGroup && pane && pane.children.length);
  }
  function tick() {
    if (complete()) {
      requestAnimationFrame(() => { window.__benchDrawn = performance.now(); });
      return;
    }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})();
"""


def make_sites(n: int) -> pd.DataFrame:
    """``n`` deterministic sites in the box, denser toward the east (the coast)."""
    rng = np.random.default_rng(42)
    west, south, east, north = BOUNDS
    return pd.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "latitude": rng.uniform(south, north, n),
            "longitude": west + (east - west) * rng.beta(2.2, 1.2, n),
            "network": rng.choice(
                list(NETWORKS), n, p=[0.38, 0.24, 0.2, 0.08, 0.05, 0.05]
            ),
        }
    )


def compact_map(points: pd.DataFrame) -> str:
    m = base_map(BOUNDS, asset_url=ASSET_URL, tiles=None)
    add_sites_layer(m, points, color_by="network", colors=NETWORKS, marker_limit=0)
    return m.get_root().render()


def cluster_map(points: pd.DataFrame) -> str:
    m = base_map(BOUNDS, asset_url=ASSET_URL, tiles=None)
    cluster = FastMarkerCluster(
        points[["latitude", "longitude"]].to_numpy(),
        # The default callback needs awesome-markers (from a CDN): a plain marker.
        callback="function (row) { return L.marker(new L.LatLng(row[0], row[1])); }",
    )
    cluster.default_js = [("markerclusterjs", asset_link(ASSET_URL, MARKERCLUSTER_JS))]
    cluster.default_css = [
        ("markerclustercss", asset_link(ASSET_URL, MARKERCLUSTER_CSS)),
        ("markerclusterdefaultcss", asset_link(ASSET_URL, MARKERCLUSTER_DEFAULT_CSS)),
    ]
    cluster.add_to(m)
    return m.get_root().render()


STRATEGIES = {
    "compact canvas (ours)": compact_map,
    "FastMarkerCluster": cluster_map,
}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measure(browser, url: str, root: Path) -> tuple[float, int, int]:
    """(ms until drawn, bytes transferred, requests to other hosts) for one load."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    served: list[str] = []
    foreign: list[str] = []

    def route(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            served.append(urlsplit(route.request.url).path)
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.add_init_script(DRAWN_PROBE)
    page.goto(url, wait_until="commit")
    page.wait_for_function("window.__benchDrawn > 0", timeout=TIMEOUT_MS)
    drawn = page.evaluate("window.__benchDrawn")
    context.close()
    size = sum(
        (root / path.lstrip("/")).stat().st_size
        for path in served
        if (root / path.lstrip("/")).is_file()
    )
    return drawn, size, len(foreign)


class Row(NamedTuple):
    strategy: str
    sites: int
    build_seconds: float
    html_bytes: int
    transferred_bytes: int
    drawn_ms: float
    foreign_requests: int


OURS, BASELINE = STRATEGIES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 150_000])
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        install_map_assets(root / "static")
        pages = {}
        for n in args.sizes:
            points = make_sites(n)
            for name, build in STRATEGIES.items():
                started = time.perf_counter()
                text = build(points)
                seconds = time.perf_counter() - started
                path = root / f"{name.split()[0].lower()}_{n}.html"
                path.write_text(text, encoding="utf-8")
                pages[(name, n)] = (path.name, seconds, len(text.encode("utf-8")))

        handler = functools.partial(_QuietHandler, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=CHROMIUM_ARGS
                )
                for (name, n), (file, seconds, html_bytes) in pages.items():
                    runs = [
                        measure(browser, base + file, root) for _ in range(args.runs)
                    ]
                    rows.append(
                        Row(
                            strategy=name,
                            sites=n,
                            build_seconds=seconds,
                            html_bytes=html_bytes,
                            transferred_bytes=runs[0][1],
                            drawn_ms=statistics.median(r[0] for r in runs),
                            foreign_requests=max(r[2] for r in runs),
                        )
                    )
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    report(rows, args.runs)


def report(rows: list[Row], runs: int) -> None:
    baseline = {r.sites: r.drawn_ms for r in rows if r.strategy == BASELINE}
    ours = {r.sites: r for r in rows if r.strategy == OURS}
    print(f"Headless Chromium (software rendering), median of {runs} loads, no cache.")
    header = (
        f"{'strategy':<24}{'sites':>9}{'build+render s':>16}{'HTML MB':>9}"
        f"{'transferred MB':>16}{'drawn ms':>10}{'vs baseline':>13}{'foreign':>9}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        ratio = r.drawn_ms / baseline[r.sites] if baseline.get(r.sites) else math.nan
        print(
            f"{r.strategy:<24}{r.sites:>9,}{r.build_seconds:>16.2f}"
            f"{r.html_bytes / 1e6:>9.2f}{r.transferred_bytes / 1e6:>16.2f}"
            f"{r.drawn_ms:>10.0f}{ratio:>12.2f}x{r.foreign_requests:>9}"
        )
    print()
    if 5_000 in ours:
        drawn = ours[5_000].drawn_ms
        verdict = "met" if drawn <= 1_500 else "MISSED"
        print(f"aim: 5,000 drawn within 1.5 s of navigation: {drawn:.0f} ms, {verdict}")
    if 150_000 in ours and baseline.get(150_000):
        ratio = ours[150_000].drawn_ms / baseline[150_000]
        payload = ours[150_000].html_bytes / 1e6
        print(
            f"aim: 150,000 drawn in <= 0.7x the baseline's time: {ratio:.2f}x, "
            f"{'met' if ratio <= 0.7 else 'MISSED'}"
        )
        print(
            f"aim: 150,000 in under 5 MB of map payload: {payload:.2f} MB, "
            f"{'met' if payload < 5 else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
