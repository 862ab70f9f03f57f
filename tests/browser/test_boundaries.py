"""A boundary file imported through the import page in headless Chromium: the
trial report and the preview map first, then the import on confirmation.

The import changes the registry's boundaries, so the test runs on an app server
and a demo registry of its own, not on the session's shared one.
"""

from __future__ import annotations

import pytest

from registry.units.divisions import unit_polygons
from tests.browser.support import (
    DRAWN_PIXELS,
    new_page,
    screenshot,
    sign_in,
    wait_for_script,
)
from tests.units.support import code_of, communes, reshaped, write_layer

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, guard):
    page = new_page(browser, guard)
    yield page
    page.context.close()


def test_the_department_imports_a_boundary_file_after_its_preview(
    own_server, page, tmp_path
):
    registry = own_server.open_registry()
    try:
        code = code_of(registry, "2025-07", "Phường Trường Vinh")
        layer = reshaped(communes(registry, "2025-07", [code]))
        path = write_layer(layer, tmp_path / "truong_vinh.geojson")
    finally:
        registry.engine.dispose()
    sign_in(page, own_server.url, "so.tttt", path="Nhap_xuat")
    page.get_by_role("tab", name="Ranh giới hành chính").click()
    page.locator(".st-key-bnd_upload input[type=file]").set_input_files(str(path))
    page.get_by_text("Kết quả kiểm tra, chưa lưu gì").wait_for()
    wait_for_script(page)
    element = page.locator('iframe[title="streamlit_folium.st_folium"]')
    element.wait_for()
    frame = element.element_handle().content_frame()
    frame.wait_for_selector(".leaflet-container")
    frame.wait_for_function(f"({DRAWN_PIXELS})() > 5000", timeout=30_000)
    legend = frame.locator(".geodata-legend").filter(has_text="Ranh giới sau khi nhập")
    assert legend.count() == 1
    assert "Ranh giới mới từ tệp (1)" in legend.inner_text()
    assert "Giữ ranh giới gần đúng (129)" in legend.inner_text()
    assert page.get_by_text("129 đơn vị không có trong tệp").is_visible()
    screenshot(page, "boundaries_preview")
    registry = own_server.open_registry()
    try:
        before = unit_polygons(registry, "2025-07", "commune")["boundary_source"]
        assert set(before) == {"approximate"}
    finally:
        registry.engine.dispose()
    page.get_by_role("button", name="Xác nhận nhập ranh giới").click()
    page.get_by_text("Đã nhập ranh giới.").wait_for(timeout=60_000)
    wait_for_script(page)
    screenshot(page, "boundaries_imported")
    assert not page.locator('[data-testid="stException"]').count()
    registry = own_server.open_registry()
    try:
        stored = unit_polygons(registry, "2025-07", "commune").set_index("code")
        assert stored.loc[code, "boundary_source"] == "official"
        assert (stored["boundary_source"] == "official").sum() == 1
    finally:
        registry.engine.dispose()
