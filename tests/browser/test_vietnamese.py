"""Every page of every role's menu in Vietnamese, read as a person sees it: no
English from Streamlit's widgets or the product's own texts, no internal names.

Each role signs in (administrator, department, district, commune, operator), opens
each page of its menu by the sidebar link and the visible text is scanned
(:mod:`tests.browser.english`); a screenshot of each page is kept.
"""

from __future__ import annotations

import pytest

from registry.access.accounts import set_password
from registry.access.users import find_actor
from tests.browser.english import (
    VISIBLE_TEXT,
    english_fragments,
    english_in,
)
from tests.browser.support import (
    DEMO_PASSWORD,
    menu_labels,
    new_page,
    screenshot,
    wait_for_script,
)

pytestmark = pytest.mark.browser

ADMIN_PASSWORD = "admin-vietnamese-password"
ROLES = {
    "admin": "admin",
    "department": "so.tttt",
    "district": "huyen.vinh",
    "commune": "xa.hungdung",
    "operator": "viettel",
}


@pytest.fixture(scope="module")
def admin_password(server) -> str:
    """The administrator (no password in the demo) gets one for this module."""
    registry = server.open_registry()
    try:
        set_password(registry, find_actor(registry, "admin"), "admin", ADMIN_PASSWORD)
    finally:
        registry.engine.dispose()
    return ADMIN_PASSWORD


@pytest.fixture(scope="module")
def fragments() -> set[str]:
    return english_fragments()


def _sign_in(page, url: str, username: str, password: str) -> None:
    page.goto(url)
    # The server's first page may take long on a busy machine: wait for the form.
    page.get_by_label("Tên đăng nhập").wait_for(timeout=120_000)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name="Đăng xuất").wait_for()
    wait_for_script(page)


def _open(page, label: str) -> None:
    links = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"]')
    links.filter(has_text=label).first.click()
    page.get_by_role("heading").first.wait_for()
    wait_for_script(page)


def test_the_scanner_finds_english_and_internal_names(fragments):
    """The detector itself: Streamlit's words, the product's English, codes."""
    text = (
        "Drag and drop file here\nBrowse files\nHạn khắc phục\n"
        "follow_up_deadline · internet.hours · bien-hieu.png\nAwaiting review"
    )
    assert english_in(text, fragments) == [
        "Awaiting review",
        "Browse files",
        "Drag and drop",
        "follow_up_deadline",
        "internet.hours",
    ]
    assert english_in("Đã lưu phiếu #12. Điểm Internet: 5.000 bản ghi", fragments) == []
    assert english_in("xa.hungdung · Cán bộ xã", fragments, ("xa.hungdung",)) == []


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_of_the_menu_is_vietnamese(
    server, browser, guard, fragments, admin_password, role
):
    username = ROLES[role]
    password = admin_password if role == "admin" else DEMO_PASSWORD
    page = new_page(browser, guard)
    try:
        _sign_in(page, server.url, username, password)
        labels = menu_labels(page)
        assert len(labels) >= 3, labels
        found = {}
        for number, label in enumerate(labels):
            _open(page, label)
            assert not page.locator('[data-testid="stException"]').count(), label
            screenshot(page, f"vietnamese_{role}_{number:02d}")
            # User names are names, not English: the signed-in user's and the
            # demo's inspectors and reviewers (the demo's inspection history).
            hits = english_in(
                page.evaluate(VISIBLE_TEXT), fragments, (username, *ROLES.values())
            )
            if hits:
                found[label] = hits
        assert found == {}, f"English or internal names seen by {role}: {found}"
    finally:
        page.context.close()


def _choices(page) -> list[str]:
    """What the page's select boxes show."""
    return [box.input_value() for box in page.locator('input[role="combobox"]').all()]


@pytest.mark.parametrize(
    ("path", "vi", "en"),
    [
        ("Bang_theo_doi", "Tất cả", "All"),
        ("Phu_song", "Tất cả doanh nghiệp", "All operators"),
    ],
)
def test_choices_follow_a_language_switch(server, browser, guard, path, vi, en):
    """'Tất cả' becomes 'All' in English and 'Tất cả' again back in Vietnamese
    (Streamlit keeps a choice's old label unless it is sent again)."""
    page = new_page(browser, guard)
    try:
        _sign_in(page, f"{server.url}/{path}", "so.tttt", DEMO_PASSWORD)
        assert vi in _choices(page)
        page.get_by_text("English", exact=True).click()
        page.get_by_role("button", name="Sign out").wait_for()
        wait_for_script(page)
        assert en in _choices(page) and vi not in _choices(page)
        screenshot(page, f"language_switch_{path}_en")
        page.get_by_text("Tiếng Việt", exact=True).click()
        page.get_by_role("button", name="Đăng xuất").wait_for()
        wait_for_script(page)
        assert vi in _choices(page) and en not in _choices(page)
    finally:
        page.context.close()


def test_a_focused_text_field_gives_no_english_hint(server, browser, guard):
    """Streamlit writes "Press Enter to submit form" under a focused field of a
    form; the Vietnamese interface hides it (the forms have their own buttons)."""
    page = new_page(browser, guard)
    page.goto(server.url)
    field = page.get_by_label("Tên đăng nhập")
    field.wait_for(timeout=120_000)
    field.fill("xa.hungdung")
    assert field.evaluate("e => e === document.activeElement")
    hint = page.locator('[data-testid="InputInstructions"]').first
    hint.wait_for(state="attached")
    assert not hint.is_visible()
    assert "Press Enter" not in page.evaluate(VISIBLE_TEXT)
    screenshot(page, "vi_focused_field")
    page.context.close()
