"""Benchmark: a district officer's BTS map against the home page, and one step of
the year stepper at 5,000 sites, in headless Chromium.

1. Page times. The app runs (``tests/browser/support.AppServer``) on a fresh
   SQLite demo of ``--sites`` sites (default 5,000; the first page builds it and
   is not timed). ``huyen.vinh`` signs in; then, ``--runs`` times each, the home
   page and the BTS map are opened from the menu and timed from the click to the
   page being complete: the script finished running and, for the map, its
   canvases drawn and the year stepper shown. The aim: the map within 1.5x the
   home page's time.
2. Play step. A standalone map of 5,000 sites spread over the province (compact
   canvas layer with their years, the stepper of ``add_year_stepper``) is served
   from 127.0.0.1; every year is shown in turn, as play does, and the time each
   step took is read from ``window.__yearStep.ms``. The aim: under 1 s a step.

    python bench/bench_area_map.py [--runs 3] [--sites 5000]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geodata.mapassets import install_map_assets  # noqa: E402
from geodata.maps import add_sites_layer, add_year_stepper, base_map  # noqa: E402
from tests.browser.support import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    DEMO_PASSWORD,
    DRAWN_PIXELS,
    AppServer,
)

BOUNDS = (103.87, 18.55, 105.81, 19.99)
NETWORKS = {
    "Viettel": "#e41a1c",
    "VinaPhone": "#377eb8",
    "MobiFone": "#4daf4a",
    "Vietnamobile": "#984ea3",
    "Gmobile": "#ff7f00",
    "Itel": "#a65628",
}
TEXTS = {
    "year": "Năm",
    "added": "Thêm {count} trạm phát sóng",
    "none": "Không có trạm mới trong năm này",
    "play": "Chạy",
    "pause": "Dừng",
    "previous": "Năm trước",
    "next": "Năm sau",
}
FRAME = 'iframe[title="streamlit_folium.st_folium"]'
SCRIPT_DONE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"] button');
}"""


def _wait_script(page) -> None:
    # Streamlit marks the script "running" shortly after a click: wait for that,
    # then for the run to end.
    # (A very fast run may have ended before it is seen running.)
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stApp\"]')"
            ".getAttribute('data-test-script-state') === 'running'",
            timeout=3000,
        )
    page.wait_for_function(SCRIPT_DONE, timeout=300_000)


def page_times(browser, sites: int, runs: int) -> dict[str, list[float]]:
    """Seconds from the menu click to a complete page, per page."""
    folder = Path(tempfile.mkdtemp(prefix="bench-area-"))
    server = AppServer(folder, demo_sites=sites).start(timeout=900)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(600_000)
        page.goto(server.url)
        page.get_by_label("Tên đăng nhập").fill("huyen.vinh")
        page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_role("button", name="Đăng xuất").wait_for()
        _wait_script(page)
        times: dict[str, list[float]] = {"home": [], "bts_map": []}
        # A first visit of each page fills the caches, as a day's use would.
        for warm in (True, *([False] * runs)):
            started = time.perf_counter()
            page.get_by_role("link", name="Trang chủ").click()
            _wait_script(page)
            home = time.perf_counter() - started
            started = time.perf_counter()
            page.get_by_role("link", name="Bản đồ trạm BTS").click()
            _wait_script(page)
            frame = page.locator(FRAME).element_handle().content_frame()
            frame.wait_for_selector(".year-stepper[data-year]")
            frame.wait_for_function(f"({DRAWN_PIXELS})() > 500")
            bts = time.perf_counter() - started
            if not warm:
                times["home"].append(home)
                times["bts_map"].append(bts)
        page.close()
        return times
    finally:
        server.stop()


def _stepper_page(n: int) -> str:
    rng = np.random.default_rng(7)
    west, south, east, north = BOUNDS
    points = pd.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "latitude": rng.uniform(south, north, n),
            "longitude": west + (east - west) * rng.beta(2.2, 1.2, n),
            "network": rng.choice(list(NETWORKS), n),
            "name": [f"Trạm {i}" for i in range(1, n + 1)],
        }
    )
    first = rng.integers(2005, 2027, n)
    tech = {k: np.where(rng.random(n) < 0.6, first, 0) for k in ("2G", "4G", "5G")}
    m = base_map(BOUNDS, asset_url="/static", tiles=None)
    add_sites_layer(
        m,
        points,
        color_by="network",
        colors=NETWORKS,
        popup_columns=[("name", "Tên")],
        years=first.tolist(),
    )
    add_year_stepper(
        m,
        list(range(2005, 2027)),
        first=first.tolist(),
        categories=points["network"].tolist(),
        category_labels=list(NETWORKS),
        breakdown={k: v.tolist() for k, v in tech.items()},
        texts=TEXTS,
    )
    return m.get_root().render()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def step_times(browser, n: int) -> list[float]:
    """Milliseconds each year step took, over every year, at ``n`` sites."""
    root = Path(tempfile.mkdtemp(prefix="bench-stepper-"))
    install_map_assets(root / "static")
    (root / "map.html").write_text(_stepper_page(n), encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/map.html")
        page.wait_for_selector(".year-stepper[data-year]")
        steps = []
        page.get_by_role("button", name="Chạy").click()  # from the first year
        for year in range(2006, 2027):
            page.wait_for_function(
                f"document.querySelector('.year-stepper').dataset.year === '{year}'",
                timeout=10_000,
            )
            steps.append(page.evaluate("window.__yearStep.ms"))
        page.close()
        return steps
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sites", type=int, default=5_000)
    parser.add_argument("--skip-pages", action="store_true")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        steps = step_times(browser, args.sites)
        print(
            f"play step at {args.sites:,} sites: median "
            f"{statistics.median(steps):.1f} ms, max {max(steps):.1f} ms over "
            f"{len(steps)} steps (aim < 1000 ms)"
        )
        if not args.skip_pages:
            times = page_times(browser, args.sites, args.runs)
            home = statistics.median(times["home"])
            bts = statistics.median(times["bts_map"])
            print(
                f"home page {home:.2f} s, district BTS map {bts:.2f} s "
                f"(median of {args.runs}; ratio {bts / home:.2f}, aim <= 1.5)"
            )
        browser.close()


if __name__ == "__main__":
    main()
