"""The map pages in headless Chromium, with every request off localhost aborted.

The session's server (a temp SQLite file, 300 demo sites, default OpenStreetMap
basemap) serves the module. Tiles cannot load here, so the maps must draw their own
layers from assets the app serves itself; the only requests allowed to fail are
tiles.
"""

from __future__ import annotations

import pytest

from registry.access.users import find_actor
from registry.maps.data import site_map
from registry.records.by_kind import SITES
from tests.browser.support import (
    DRAWN_PIXELS,
    new_page,
    screenshot,
    sign_in,
    wait_for_script,
)
from tests.factories import site_values
from ui.common.i18n import number

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=alert(1)>"
BTS_MENU = "Bản đồ trạm BTS"
POINTS_MENU = "Bản đồ điểm Internet, trò chơi"


# Finds the CircleMarker whose tooltip reads `name`, opens it, returns its text.
OPEN_TOOLTIP = """(name) => {
    for (const key of Object.keys(window)) {
        const layer = window[key];
        if (!key.startsWith('circle_marker_') || !layer.getTooltip) continue;
        const tip = layer.getTooltip();
        if (!tip) continue;
        const probe = document.createElement('div');
        probe.innerHTML = tip.getContent();
        if (probe.textContent.trim() === name) {
            layer.openTooltip();
            return document.querySelector('.leaflet-tooltip').textContent.trim();
        }
    }
    return null;
}"""


# Clicks (as Leaflet sees it) the CircleMarker whose tooltip reads `name`.
# Leaflet propagates a real click from the marker to its feature group, which is
# where streamlit-folium reads the clicked feature: fire it the same way.
CLICK_MARKER = OPEN_TOOLTIP.replace(
    "layer.openTooltip();",
    "layer.fire('click', {latlng: layer.getLatLng()}, true);",
)


@pytest.fixture(scope="module")
def registry(server):
    """The session server's registry, opened beside it (same SQLite file)."""
    opened = server.open_registry()
    yield opened
    opened.engine.dispose()


@pytest.fixture
def page(browser, guard):
    page = new_page(browser, guard)
    page.dialogs = []
    page.on(
        "dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss())
    )
    yield page
    page.context.close()


def _open_map(page, server, menu: str):
    """Sign in as the department, follow the menu to a map, return its frame."""
    sign_in(page, server.url, "so.tttt")
    page.get_by_role("link", name=menu).click()
    wait_for_script(page)
    frame_element = page.locator('iframe[title="streamlit_folium.st_folium"]')
    frame_element.wait_for()
    frame = frame_element.element_handle().content_frame()
    frame.wait_for_selector(".leaflet-container")
    frame.wait_for_function(f"({DRAWN_PIXELS})() > 500", timeout=30_000)
    return frame


def _sites_on_map(registry) -> int:
    """How many sites the department's BTS map shows now (the session's server is
    shared: other modules may have added sites to the 300 of the demo)."""
    return len(site_map(registry, find_actor(registry, "so.tttt")).records)


def test_the_bts_map_draws_the_demo_sites_with_the_network_cut_off(
    server, page, registry
):
    shown = _sites_on_map(registry)
    assert shown >= 300  # the demo's sites, at least
    frame = _open_map(page, server, BTS_MENU)
    assert frame.evaluate(DRAWN_PIXELS) > 500
    assert frame.locator(".leaflet-control").filter(has_text="Viettel").count()
    assert "GẦN ĐÚNG" in frame.content()
    assert page.get_by_text(f"{number(shown)} trạm trên bản đồ").is_visible()
    screenshot(page, "bts_map_offline")
    assert not page.locator('[data-testid="stException"]').count()


def test_the_points_map_draws_its_points(server, page):
    frame = _open_map(page, server, POINTS_MENU)
    assert frame.locator(".leaflet-control").filter(has_text="Đã hết hạn").count()
    screenshot(page, "points_map_offline")


def test_a_new_site_appears_on_the_map_and_a_hostile_name_stays_text(
    server, page, registry
):
    admin = find_actor(registry, "admin")
    before = _sites_on_map(registry)
    SITES.create(
        registry,
        admin,
        site_values(registry, site_code="BR-MAP1", name=HOSTILE),
    )
    frame = _open_map(page, server, BTS_MENU)
    assert page.get_by_text(f"{number(before + 1)} trạm trên bản đồ").is_visible()
    # Open the tooltip of the new site's marker: it must show the name as text.
    shown = frame.evaluate(OPEN_TOOLTIP, HOSTILE)
    assert shown == HOSTILE
    assert frame.locator(".leaflet-tooltip").filter(has_text=HOSTILE).count() == 1
    assert frame.locator('img[src="x"]').count() == 0
    page.wait_for_timeout(500)
    assert page.dialogs == []
    screenshot(page, "bts_map_hostile_name")
    # A click on the site shows its details and a link to its record.
    frame.evaluate(CLICK_MARKER, HOSTILE)
    page.get_by_text(f"Đã chọn: {HOSTILE}").wait_for()
    wait_for_script(page)
    screenshot(page, "bts_map_clicked_site")
    page.get_by_role("link", name="Mở bản ghi").click()
    wait_for_script(page)
    assert page.get_by_text("BR-MAP1").first.is_visible()
    assert page.dialogs == []
