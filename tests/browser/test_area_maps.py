"""A district officer's maps in headless Chromium: fitted to the district with its
communes in classes, the year stepper playing, the site popups, and "Xem trên
bản đồ" opening the map on a record with its popup open.

The session's server is the 300-site demo: TP Vinh (``huyen.vinh``) has a site
or so per commune, so the class test shades by density (sites per km²), whose
values differ from commune to commune.
"""

from __future__ import annotations

import re

import pytest

from registry.access.users import find_actor
from registry.maps.area import area_units
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

pytestmark = pytest.mark.browser

OFFICER = "huyen.vinh"
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'
FRAME = 'iframe[title="streamlit_folium.st_folium"]'

# The folium map object of the frame.
MAP = (
    "window[Object.keys(window).find((k) => k.startsWith('map_')"
    " && window[k] && window[k].getBounds)]"
)

# The map's view and the area's box in container pixels, and the legends' boxes.
GEOMETRY = f"""(area) => {{
    const map = {MAP};
    const b = map.getBounds();
    const sw = map.latLngToContainerPoint([area[1], area[0]]);
    const ne = map.latLngToContainerPoint([area[3], area[2]]);
    const legends = [...document.querySelectorAll('.geodata-legend')].map((e) => {{
        const r = e.getBoundingClientRect();
        return [r.left, r.top, r.right, r.bottom];
    }});
    return {{
        view: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
        area: [sw.x, ne.y, ne.x, sw.y],
        legends: legends,
        zoom: map.getZoom(),
    }};
}}"""

# How many site markers are on the map now (the stepper takes off the younger).
DRAWN_SITES = f"""() => {{
    let drawn = 0;
    {MAP}.eachLayer((layer) => {{
        const props = layer.feature && layer.feature.properties;
        if (props && props.year !== undefined) drawn++;
    }});
    return drawn;
}}"""

# Opens the popup of the first marker whose feature is a site, returns its text.
OPEN_A_POPUP = f"""() => {{
    const map = {MAP};
    let text = null;
    map.eachLayer((layer) => {{
        const props = layer.feature && layer.feature.properties;
        const site = props && props.point_id !== undefined;
        if (text === null && site && layer.openPopup) {{
            layer.openPopup();
            text = layer.getPopup().getElement().innerText;
        }}
    }});
    return text;
}}"""


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


def _map_frame(page):
    """The map's frame, once its canvases have drawn something."""
    wait_for_script(page)
    element = page.locator(FRAME)
    element.wait_for()
    frame = element.element_handle().content_frame()
    frame.wait_for_selector(".leaflet-container")
    frame.wait_for_function(f"({DRAWN_PIXELS})() > 500", timeout=30_000)
    frame.wait_for_selector(".year-stepper[data-year]")
    return frame


def _open_bts_map(page, server, path: str = "Ban_do_BTS"):
    sign_in(page, server.url, OFFICER, path=path)
    return _map_frame(page)


def _district_box(registry) -> list[float]:
    officer = find_actor(registry, OFFICER)
    return [
        float(v)
        for v in area_units(registry, officer, "2025-06", "commune").total_bounds
    ]


def test_the_district_map_is_fitted_to_the_district_in_five_classes(
    server, page, registry
):
    frame = _open_bts_map(page, server)
    box = _district_box(registry)
    seen = frame.evaluate(GEOMETRY, box)
    west, south, east, north = seen["view"]
    # The view holds the district and is not the province (about 2.5° across).
    assert west <= box[0] and south <= box[1] and east >= box[2] and north >= box[3]
    assert east - west < 1.0 and seen["zoom"] >= 10
    # The communes of the district (2025-06, the huyện of the plan), shaded by
    # density, fall into five classes.
    page.get_by_text("Huyện/xã (trước 1/7/2025)").click()
    _map_frame(page)
    page.get_by_text("Số trạm trên km²").click()
    frame = _map_frame(page)
    legend = frame.locator(".geodata-choropleth-legend")
    assert "Số trạm trên km²" in legend.inner_text()
    rows = legend.locator("div").all_inner_texts()
    # Zero apart ("0,00", when a commune has no site), then five classes, written
    # the Vietnamese way (tests/geodata/test_map_classes.py: zero always apart).
    classes = rows[1:] if rows[0] == "0,00" else rows
    assert len(classes) == 5, rows
    assert all(re.fullmatch(r"\d+,\d\d( – \d+,\d\d)?", row) for row in classes), rows
    # No legend covers the district at first: they sit to its right.
    seen = frame.evaluate(GEOMETRY, box)
    right_of_area = seen["area"][2]
    assert seen["legends"] and all(
        left >= right_of_area - 2 for left, *_ in seen["legends"]
    )
    # A legend folds away when its title is clicked.
    legend.locator("summary").click()
    assert legend.evaluate("(e) => e.open") is False
    screenshot(page, "area_map_district_classes")
    assert page.dialogs == []


def test_the_year_stepper_plays_through_the_years(server, page, registry):
    frame = _open_bts_map(page, server)
    stepper = frame.locator(".year-stepper")
    last = int(stepper.get_attribute("data-year"))
    now = frame.evaluate(DRAWN_SITES)
    # Back to 2012: fewer sites on the air, the label and caption say the year.
    for _ in range(last - 2012):
        frame.get_by_role("button", name="Năm trước").click()
    frame.wait_for_function(
        "document.querySelector('.year-stepper').dataset.year === '2012'"
    )
    assert "Năm 2012" in stepper.inner_text()
    then = frame.evaluate(DRAWN_SITES)
    assert 0 < then < now
    caption = frame.locator(".year-stepper-caption").inner_text()
    assert caption.startswith("Thêm ") or caption == "Không có trạm mới trong năm này"
    screenshot(page, "area_map_year_2012")
    # Play: the year moves on by itself, and the map is redrawn.
    frame.get_by_role("button", name="Chạy").click()
    frame.wait_for_function(
        "Number(document.querySelector('.year-stepper').dataset.year) >= 2014"
    )
    assert frame.evaluate("window.__yearStep.ms") < 1000
    frame.get_by_role("button", name="Dừng").click()
    assert frame.evaluate(DRAWN_SITES) > then
    # The caption agrees with the registry: the sites first on the air that year.
    year = int(stepper.get_attribute("data-year"))
    officer = find_actor(registry, OFFICER)
    records = site_map(registry, officer).records
    first = records[[c for c in records if c.startswith("on_air_")]].min(axis=1)
    added = int((first.dt.year == year).sum()) if hasattr(first, "dt") else None
    caption = frame.locator(".year-stepper-caption").inner_text()
    if added:
        assert caption.startswith(f"Thêm {added} trạm"), (year, caption)
    screenshot(page, "area_map_playing")
    assert page.dialogs == []


def test_a_site_popup_shows_its_fields(server, page):
    frame = _open_bts_map(page, server)
    text = frame.evaluate(OPEN_A_POPUP)
    for label in (
        "Mã trạm",
        "Doanh nghiệp",
        "Công nghệ",
        "Trạng thái",
        "Loại công trình",
        "Phát sóng từ",
        "Số giấy phép",
    ):
        assert label in text, (label, text)
    screenshot(page, "area_map_popup")


def test_see_it_on_the_map_opens_the_record_with_its_popup(server, page, registry):
    admin = find_actor(registry, "admin")
    # In Hưng Dũng, a ward of TP Vinh (the factory's default).
    created = SITES.create(
        registry, admin, site_values(registry, site_code="BR-FOCUS1", name=HOSTILE)
    )
    site_id = int(created["id"])
    sign_in(page, server.url, OFFICER, path=f"So_dang_ky?id={site_id}&kind=site")
    page.get_by_role("link", name="Xem trên bản đồ").click()
    frame = _map_frame(page)
    frame.wait_for_selector(".leaflet-popup-content")
    popup = frame.locator(".leaflet-popup-content").inner_text()
    assert "BR-FOCUS1" in popup and HOSTILE in popup
    assert frame.evaluate("window.__focusOpened") is True
    assert frame.evaluate(f"{MAP}.getZoom()") >= 14
    assert frame.locator(".leaflet-popup img, .leaflet-popup script").count() == 0
    page.get_by_text("Đang xem trên bản đồ").wait_for()
    screenshot(page, "area_map_focus_popup")
    assert page.dialogs == []


def test_a_site_of_another_district_is_refused_on_the_map(server, page, registry):
    officer = find_actor(registry, OFFICER)
    everyone = site_map(registry, find_actor(registry, "so.tttt")).records
    other = everyone[everyone["district_2025_06"] != officer.area_code].iloc[0]
    sign_in(page, server.url, OFFICER, path=f"Ban_do_BTS?site={int(other['id'])}")
    _map_frame(page)
    refusal = page.locator('[data-testid="stAlertContentError"]').inner_text()
    assert "Vinh" in refusal
    assert other["name"] not in page.content()
    screenshot(page, "area_map_refused_site")
