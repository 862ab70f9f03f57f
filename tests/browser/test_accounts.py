"""The users page in Chromium: an administrator signs in with their own password
and sees every user; a viewer typing the page's address is refused."""

from __future__ import annotations

import pytest

from registry.access.accounts import set_password
from registry.access.users import find_actor
from tests.browser.support import (
    menu_labels,
    new_page,
    screenshot,
    sign_in,
    wait_for_script,
)

pytestmark = pytest.mark.browser
ADMIN_PASSWORD = "admin-browser-password"


@pytest.fixture
def page(browser, guard):
    page = new_page(browser, guard)
    yield page
    page.context.close()


def test_an_administrator_opens_the_users_page(server, page):
    registry = server.open_registry()
    try:
        set_password(registry, find_actor(registry, "admin"), "admin", ADMIN_PASSWORD)
    finally:
        registry.engine.dispose()
    page.goto(f"{server.url}/Nguoi_dung")
    page.get_by_label("Tên đăng nhập").fill("admin")
    page.get_by_label("Mật khẩu").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Người dùng").first.wait_for()
    wait_for_script(page)
    screenshot(page, "users_page_admin")
    assert "Người dùng" in menu_labels(page)
    assert page.get_by_text("Thêm người dùng").first.is_visible()
    table = page.locator('[data-testid="stDataFrame"]').first
    assert table.is_visible()
    assert not page.locator('[data-testid="stException"]').count()


def test_a_viewer_cannot_open_the_users_page_by_its_url(server, page):
    sign_in(page, server.url, "khach", path="Nguoi_dung")
    screenshot(page, "url_guard_viewer_users")
    refusal = "Vai trò của bạn không được mở trang «Người dùng»."
    assert page.get_by_text(refusal).is_visible()
    assert "Người dùng" not in menu_labels(page)
    assert not page.locator('[data-testid="stDataFrame"]').count()
