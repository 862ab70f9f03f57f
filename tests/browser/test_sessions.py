"""Sessions that survive a reload, in Chromium: the HttpOnly cookie set after a
sign-in brings the user (and their language) back on a reload and in a new tab;
signing out ends it everywhere; another browser (context) is not signed in."""

from __future__ import annotations

import pytest

from tests.browser.support import (
    new_page,
    screenshot,
    sign_in,
    wait_for_script,
)
from ui.shell.session_cookie import COOKIE_NAME, SET

pytestmark = pytest.mark.browser
USER = "huyen.vinh"


@pytest.fixture
def page(browser, guard):
    page = new_page(browser, guard)
    yield page
    page.context.close()


def _cookie_set(page) -> None:
    """Wait until the server answered the page's hand-over with the cookie."""
    page.wait_for_function(
        f"() => document.body.dataset.registrySession === {SET!r}", timeout=30_000
    )


def _signed_in_as(page, username: str) -> None:
    page.get_by_role("button", name="Đăng xuất").wait_for()
    wait_for_script(page)
    assert page.get_by_text(username, exact=False).first.is_visible()


def _sign_in_form(page) -> None:
    page.get_by_role("button", name="Đăng nhập").wait_for()
    wait_for_script(page)
    assert page.get_by_role("button", name="Đăng xuất").count() == 0


def test_a_reload_and_a_new_tab_stay_signed_in_until_sign_out(
    server, page, browser, guard
):
    sign_in(page, server.url, USER)
    _cookie_set(page)
    cookie = next(c for c in page.context.cookies() if c["name"] == COOKIE_NAME)
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Lax"
    assert cookie["value"] not in page.url
    # English, then a reload: still signed in, still in English.
    page.get_by_text("English", exact=True).click()
    page.get_by_role("button", name="Sign out").wait_for()
    wait_for_script(page)
    page.reload()
    page.get_by_role("button", name="Sign out").wait_for()
    wait_for_script(page)
    assert page.get_by_role("button", name="Sign in").count() == 0
    screenshot(page, "sessions_reloaded_english")
    # A bookmark of another page, opened in a new tab of the same browser.
    second = page.context.new_page()
    second.goto(f"{server.url}/So_dang_ky")
    second.get_by_role("button", name="Sign out").wait_for()
    wait_for_script(second)
    assert second.get_by_text(USER, exact=False).first.is_visible()
    assert COOKIE_NAME not in second.url
    screenshot(second, "sessions_new_tab")
    # Back to Vietnamese in the second tab, then sign out there.
    second.get_by_text("Tiếng Việt", exact=True).click()
    second.get_by_role("button", name="Đăng xuất").wait_for()
    wait_for_script(second)
    second.get_by_role("button", name="Đăng xuất").click()
    second.wait_for_function(
        "() => document.body.dataset.registrySession === 'cleared'"
    )
    _sign_in_form(second)
    assert not [c for c in page.context.cookies() if c["name"] == COOKIE_NAME]
    # The first tab, reloaded, shows the sign-in form too.
    page.reload()
    page.get_by_role("button", name="Sign in").or_(
        page.get_by_role("button", name="Đăng nhập")
    ).wait_for()
    wait_for_script(page)
    assert page.get_by_role("button", name="Sign out").count() == 0
    assert page.get_by_role("button", name="Đăng xuất").count() == 0
    screenshot(page, "sessions_signed_out_reload")


def test_another_browser_is_not_signed_in(server, page, browser, guard):
    sign_in(page, server.url, USER)
    _cookie_set(page)
    other = new_page(browser, guard)
    try:
        other.goto(f"{server.url}/So_dang_ky")
        _sign_in_form(other)
        screenshot(other, "sessions_other_browser")
    finally:
        other.context.close()
    page.reload()
    _signed_in_as(page, USER)


def test_sign_out_in_one_browser_ends_the_session_in_another(
    server, page, browser, guard
):
    sign_in(page, server.url, USER)
    _cookie_set(page)
    other = new_page(browser, guard)
    try:
        sign_in(other, server.url, USER)
        _cookie_set(other)
        other.get_by_role("button", name="Đăng xuất").click()
        _sign_in_form(other)
    finally:
        other.context.close()
    # The first browser's next page load finds its session ended.
    page.get_by_role("link", name="Sổ đăng ký").click()
    _sign_in_form(page)
