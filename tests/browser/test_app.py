"""The app in headless Chromium: sign-in per role, URL guard, creating a site.

The session's server (a temp SQLite file, 300 demo sites) serves the module; each
test opens its own browser context, so each is a fresh session. Every request to a
host other than the app is aborted and recorded, and fails the test that made it
(tests/browser/conftest.py).
Screenshots are saved under the folder printed at the start of the module.
"""

from __future__ import annotations

import pytest

from registry.access.users import find_actor
from registry.kernel.vocabulary import Role
from registry.records.search import search_records
from tests.browser.support import (
    choose_option,
    menu_labels,
    new_page,
    screenshot,
    sign_in,
    wait_for_script,
)
from ui.common.i18n import text_in
from ui.shell.menu import pages_for

pytestmark = pytest.mark.browser

USERS = {
    Role.DEPARTMENT: "so.tttt",
    Role.DISTRICT: "huyen.vinh",
    Role.COMMUNE: "xa.hungdung",
    Role.OPERATOR: "viettel",
    Role.VIEWER: "khach",
}


@pytest.fixture
def page(browser, guard):
    page = new_page(browser, guard)
    yield page
    page.context.close()


def _menu_of(role: Role) -> list[str]:
    return [text_in(entry.text_key, "vi") for entry in pages_for(role)]


@pytest.mark.parametrize("role", list(USERS), ids=lambda role: role.value)
def test_each_role_signs_in_and_sees_the_menu_of_its_role(server, page, role):
    sign_in(page, server.url, USERS[role])
    screenshot(page, f"home_{role.value}")
    assert page.get_by_role("heading", name="Tổng quan").is_visible()
    assert menu_labels(page) == _menu_of(role)
    assert page.get_by_text("DỮ LIỆU MẪU (DEMO)").first.is_visible()
    assert not page.locator('[data-testid="stException"]').count()


def test_a_viewer_cannot_open_the_import_page_by_its_url(server, page):
    sign_in(page, server.url, "khach", path="Nhap_xuat")
    screenshot(page, "url_guard_viewer_import")
    refusal = "Vai trò của bạn không được mở trang «Nhập, xuất dữ liệu»."
    assert page.get_by_text(refusal).is_visible()
    assert not page.locator('[data-testid="stFileUploader"]').count()


def test_an_operator_opens_its_own_site_by_url_but_not_the_points_map(server, page):
    registry = server.open_registry()
    own = search_records(registry, find_actor(registry, "viettel"), "site", "")
    site_id = int(own["id"].iloc[0])
    registry.engine.dispose()
    sign_in(page, server.url, "viettel", path=f"So_dang_ky?id={site_id}&kind=site")
    screenshot(page, "url_guard_operator_record")
    assert page.get_by_role("heading", name=f"#{site_id} ").is_visible()
    if any(entry.key == "points_map" for entry in pages_for(Role.VIEWER)):
        # Typing the address: still signed in (the session cookie), still refused.
        page.goto(f"{server.url}/Ban_do_diem")
        page.get_by_text("Vai trò của bạn không được mở trang").wait_for()
        screenshot(page, "url_guard_operator_points_map")


def _choose(page, form, label: str, option: str) -> None:
    """Pick an option of a select box (its list opens outside the form)."""
    choose_option(page, form.get_by_label(label, exact=True), option)


def test_creating_a_site_through_the_form_lists_it(server, page):
    sign_in(page, server.url, "so.tttt", path="So_dang_ky")
    page.get_by_text("Thêm trạm BTS mới").click()
    form = page.locator('[data-testid="stForm"]').first
    _choose(page, form, "Mã mạng (MNC 452) *", "04 – Viettel")
    form.get_by_label("Mã trạm *").fill("BR-T0001")
    form.get_by_label("Tên trạm *").fill("Trạm trình duyệt Hưng Dũng")
    form.get_by_label("Vĩ độ *").fill("18.6717")
    form.get_by_label("Kinh độ *").fill("105.6937")
    _choose(page, form, "Loại công trình *", "Cột dây co")
    screenshot(page, "create_site_filled")
    form.get_by_role("button", name="Thêm mới").click()
    page.get_by_text("Đã thêm bản ghi").wait_for()
    wait_for_script(page)
    screenshot(page, "create_site_saved")
    assert page.get_by_text("Trạm trình duyệt Hưng Dũng · BR-T0001").is_visible()
    page.get_by_label("Tìm kiếm").fill("br-t0001")
    page.get_by_label("Tìm kiếm").press("Enter")
    wait_for_script(page)
    assert page.get_by_text("1 bản ghi.", exact=False).is_visible()
    screenshot(page, "create_site_found")


def test_a_wrong_location_is_shown_under_the_latitude(server, page):
    sign_in(page, server.url, "so.tttt", path="So_dang_ky")
    page.get_by_text("Thêm trạm BTS mới").click()
    form = page.locator('[data-testid="stForm"]').first
    _choose(page, form, "Mã mạng (MNC 452) *", "04 – Viettel")
    form.get_by_label("Mã trạm *").fill("BR-T0002")
    form.get_by_label("Tên trạm *").fill("Trạm sai vị trí")
    form.get_by_label("Vĩ độ *").fill("10.7769")
    form.get_by_label("Kinh độ *").fill("106.7009")
    _choose(page, form, "Loại công trình *", "Cột dây co")
    form.get_by_role("button", name="Thêm mới").click()
    page.get_by_text("Vĩ độ: cần một vị trí trong").wait_for()
    screenshot(page, "create_site_invalid")
