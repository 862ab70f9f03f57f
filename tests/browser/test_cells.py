"""A cell file uploaded on the cells page in headless Chromium: the report, then
the candidates drawn on the map over the registered sites.

The import stores a snapshot, so the test runs on an app server and a demo
registry of its own.
"""

from __future__ import annotations

import pytest

from tests.browser.support import (
    DRAWN_PIXELS,
    new_page,
    screenshot,
    sign_in,
    wait_for_script,
)
from tests.cells.support import file_bytes, make_world

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, guard):
    page = new_page(browser, guard)
    yield page
    page.context.close()


def test_the_department_uploads_a_cell_file_and_sees_the_candidates(
    own_server, page, tmp_path
):
    registry = own_server.open_registry()
    try:
        truth = make_world(registry)
    finally:
        registry.engine.dispose()
    path = tmp_path / "cell_towers_452.csv.gz"
    path.write_bytes(file_bytes(truth, packed=True))
    sign_in(page, own_server.url, "so.tttt", path="Tram_ngoai_so")
    page.get_by_text("Chưa nhập bản dữ liệu ô nào").wait_for()
    page.locator(".st-key-cells_file input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Nhập và đối chiếu").click()
    page.get_by_text("Đã lưu bản dữ liệu số 1.").wait_for(timeout=60_000)
    assert page.get_by_text("5 dòng lỗi", exact=False).is_visible()
    wait_for_script(page)
    element = page.locator('iframe[title="streamlit_folium.st_folium"]')
    element.wait_for()
    frame = element.element_handle().content_frame()
    frame.wait_for_selector(".leaflet-container")
    frame.wait_for_function(f"({DRAWN_PIXELS})() > 500", timeout=30_000)
    # The findings' legend counts every kind.
    legend = frame.locator(".geodata-legend").filter(has_text="Phát hiện")
    legend.wait_for()
    assert "Trạm nghi chưa đăng ký (6)" in legend.inner_text()
    assert page.get_by_text("13 phát hiện", exact=True).is_visible()
    screenshot(page, "cells_findings")
