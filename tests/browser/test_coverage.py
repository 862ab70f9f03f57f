"""The coverage dashboard in headless Chromium, with every request off localhost
aborted: the map must draw its coverage polygons from the app's own assets."""

from __future__ import annotations

import pytest

from tests.browser.support import (
    DRAWN_PIXELS,
    new_page,
    screenshot,
    sign_in,
    wait_for_script,
)

pytestmark = pytest.mark.browser

MENU = "Phủ sóng"


@pytest.fixture
def page(browser, guard):
    page = new_page(browser, guard)
    yield page
    page.context.close()


def open_dashboard(page, server, username: str):
    """Sign in, follow the menu to the dashboard, return the map's frame."""
    sign_in(page, server.url, username)
    page.get_by_role("link", name=MENU).click()
    wait_for_script(page)
    element = page.locator('iframe[title="streamlit_folium.st_folium"]')
    element.wait_for()
    frame = element.element_handle().content_frame()
    frame.wait_for_selector(".leaflet-container")
    frame.wait_for_function(f"({DRAWN_PIXELS})() > 20000", timeout=30_000)
    return frame


def test_the_department_sees_coverage_polygons_drawn_offline(server, page):
    frame = open_dashboard(page, server, "so.tttt")
    controls = frame.locator(".leaflet-control-layers")
    for tech in ("2G", "3G", "4G", "5G"):
        assert controls.filter(has_text=f"Vùng phủ {tech}").count() == 1
    legend = frame.locator(".geodata-legend").filter(has_text="Vùng phủ sóng")
    assert legend.count() == 1
    # Switching 4G off leaves fewer coloured pixels: the polygons are the layer.
    with_4g = frame.evaluate(DRAWN_PIXELS)
    frame.get_by_label("Vùng phủ 4G").uncheck()
    page.wait_for_timeout(500)
    assert frame.evaluate(DRAWN_PIXELS) < with_4g
    frame.get_by_label("Vùng phủ 4G").check()
    page.wait_for_timeout(500)
    assert page.get_by_text("Không có quy định nào ấn định").first.is_visible()
    screenshot(page, "coverage_department")
    assert not page.locator('[data-testid="stException"]').count()
