"""The reports page in headless Chromium: the department makes the Cụm I report,
downloads the workbook (opened with openpyxl) and the printable page (shown in the
browser, with its maps); a viewer cannot open the page by its URL.

The session's server (temp SQLite file, 300 demo sites) serves the module. Requests
off localhost are aborted, and each test fails if one was asked for
(tests/browser/conftest.py).
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from registry.units.clusters import DEFAULT_CLUSTER
from tests.browser.support import (
    artifacts_dir,
    new_page,
    screenshot,
    sign_in,
    wait_for_script,
)

pytestmark = pytest.mark.browser


def _make_report(server, browser, guard):
    """A department page with the Cụm I report made (the default choices)."""
    page = new_page(browser, guard)
    sign_in(page, server.url, "so.tttt", path="Bao_cao")
    area = page.get_by_role("combobox", name="Khu vực")
    assert area.input_value() == DEFAULT_CLUSTER
    page.get_by_role("button", name="Lập báo cáo").click()
    page.get_by_text(f"Báo cáo: {DEFAULT_CLUSTER}").wait_for(timeout=90_000)
    wait_for_script(page)
    return page


def _printable(made, browser, guard, folder):
    """The printable page, downloaded from ``made`` and opened in a new context."""
    with made.expect_download() as info:
        made.get_by_role("button", name="Tải trang in").click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    printable = new_page(browser, guard)
    printable.set_content(path.read_text(encoding="utf-8"))
    return printable


@pytest.fixture(scope="module")
def made(server, browser, module_guard):
    """A department page with the Cụm I report made (the default choices)."""
    page = _make_report(server, browser, module_guard)
    yield page
    page.context.close()


def test_the_department_downloads_the_cluster_workbook(made, tmp_path):
    screenshot(made, "reports_page_cluster_one")
    with made.expect_download() as info:
        made.get_by_role("button", name="Tải bảng tính (xlsx)").click()
    download = info.value
    assert download.suggested_filename.startswith("bao-cao-cum-i-")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    book = load_workbook(path)
    assert book.sheetnames[:4] == [
        "Tổng quan",
        "Trạm BTS",
        "Phủ sóng theo xã",
        "Phủ sóng theo nhà mạng",
    ]
    overview = book["Tổng quan"]
    assert DEFAULT_CLUSTER in overview["A1"].value
    figures = {
        overview.cell(row, 1).value: overview.cell(row, 2).value
        for row in range(6, overview.max_row + 1)
    }
    shown = made.locator('[data-testid="stMetric"]').filter(
        has=made.get_by_text("Trạm BTS đang phát sóng", exact=True)
    )
    value = shown.locator('[data-testid="stMetricValue"]').inner_text()
    assert figures["Trạm BTS đang phát sóng"] == int(value.replace(".", ""))
    assert figures["Trạm BTS đang phát sóng"] > 0


def test_the_printable_page_shows_tables_and_maps(made, browser, guard, tmp_path):
    printable = _printable(made, browser, guard, tmp_path)
    assert printable.locator("svg").count() == 2
    assert printable.locator("table").count() >= 10
    assert printable.locator("path.gap").count() > 0
    assert printable.get_by_text("ranh giới gần đúng").first.is_visible()
    shot = artifacts_dir() / "reports_printable.png"
    printable.screenshot(path=str(shot), full_page=True)
    printable.context.close()


def test_a_viewer_cannot_open_the_reports_by_their_url(server, browser, guard):
    page = new_page(browser, guard)
    sign_in(page, server.url, "khach", path="Bao_cao")
    assert page.get_by_text(
        "Vai trò của bạn không được mở trang «Báo cáo»."
    ).is_visible()
    page.context.close()
