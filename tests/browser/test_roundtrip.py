"""Export, edit in a spreadsheet, import back, through the import page in
headless Chromium: the XLSX downloaded from the page, 3 rows edited with
openpyxl, the file uploaded again shows 3 updated and the rest unchanged, and
the confirmation stores exactly those 3 changes.

The import takes the registry out of the demo, so the test runs on an app server
and a demo registry of its own.
"""

from __future__ import annotations

import openpyxl
import pytest

from registry.access.users import create_user, find_actor
from registry.demo.load import DEMO_PASSWORD
from registry.kernel.models import BtsSite
from tests.browser.support import (
    AppServer,
    new_page,
    screenshot,
    sign_in,
    wait_for_script,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, guard):
    page = new_page(browser, guard)
    yield page
    page.context.close()


EDITS = {2: ("Tên trạm", "Trạm sửa trong Excel"), 4: ("Ghi chú", "Đã đo lại"),
         7: ("Chiều cao cột (m)", 45)}  # fmt: skip


def _district_officer(server: AppServer) -> None:
    """A real (not demo) officer of Vinh: the import takes the registry out of
    the demo and disables the demo accounts, the signed-in one included."""
    registry = server.open_registry()
    try:
        vinh = find_actor(registry, "huyen.vinh")
        create_user(
            registry,
            find_actor(registry, "admin"),
            username="can.bo.vinh",
            display_name="Cán bộ Vinh",
            role="district",
            password=DEMO_PASSWORD,
            area_edition=vinh.area_edition,
            area_code=vinh.area_code,
        )
    finally:
        registry.engine.dispose()


def test_an_export_edited_in_three_rows_imports_as_three_updates(
    own_server, page, tmp_path
):
    _district_officer(own_server)
    sign_in(page, own_server.url, "can.bo.vinh", path="Nhap_xuat")
    page.get_by_role("tab", name="Xuất dữ liệu").click()
    page.get_by_role("button", name="Chuẩn bị tệp xuất").click()
    xlsx = page.get_by_role("button", name="Tải XLSX")
    xlsx.wait_for(timeout=60_000)
    with page.expect_download() as download:
        xlsx.click()
    name = download.value.suggested_filename
    assert name.startswith("sites-") and name.endswith(".xlsx")
    path = tmp_path / name
    download.value.save_as(path)

    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    headers = {cell.value: cell.column for cell in sheet[1]}
    rows = sheet.max_row - 1
    ids = []
    for row, (header, value) in EDITS.items():
        sheet.cell(row, headers[header]).value = value
        ids.append(sheet.cell(row, headers["Mã bản ghi"]).value)
    book.save(path)

    page.get_by_role("tab", name="Nhập từ tệp").click()
    page.locator(".st-key-io_file_0 input[type=file]").set_input_files(str(path))
    page.get_by_text(
        f"Tệp hợp lệ: 0 bản ghi mới, 3 cập nhật, {rows - 3} không đổi"
    ).wait_for(timeout=60_000)
    wait_for_script(page)
    assert page.get_by_text(
        f"{rows} dòng: 0 bản ghi mới, 3 cập nhật, {rows - 3} không đổi, 0 bị từ chối."
    ).is_visible()
    screenshot(page, "roundtrip_trial")
    page.get_by_role("button", name="Xác nhận nhập").click()
    done = page.get_by_text(f"Đã nhập: 0 bản ghi mới, 3 cập nhật, {rows - 3} không đổi")
    done.wait_for(timeout=60_000)
    wait_for_script(page)
    screenshot(page, "roundtrip_imported")
    assert not page.locator('[data-testid="stException"]').count()

    registry = own_server.open_registry()
    try:
        with registry.reading() as session:
            sites = [session.get(BtsSite, record_id) for record_id in ids]
            assert sites[0].name == "Trạm sửa trong Excel"
            assert sites[1].notes == "Đã đo lại"
            assert sites[2].structure_height_m == 45
            assert [site.version for site in sites] == [2, 2, 2]
    finally:
        registry.engine.dispose()
