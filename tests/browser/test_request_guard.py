"""The request guard every browser test runs under (tests/browser/conftest.py)
fails a test whose page asked a host other than the app, and lets basemap tiles
pass (they are aborted, and the maps draw without them)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import _checked_guard
from tests.browser.support import new_page

pytestmark = pytest.mark.browser

OUTSIDE = "http://cdn.example.invalid/leaflet.js"
TILE = "https://a.tile.openstreetmap.org/10/800/450.png"


def _visit(browser, html: str) -> None:
    """Open ``html`` under a checked guard and close it the way pytest would."""
    checking = _checked_guard()
    guard = next(checking)
    page = new_page(browser, guard)
    try:
        with page.expect_event("requestfailed"):  # the guard aborts it
            page.set_content(html)
    finally:
        page.context.close()
    next(checking, None)


def test_a_page_that_asks_another_host_fails_its_test(browser):
    with pytest.raises(AssertionError, match="cdn.example.invalid"):
        _visit(browser, f'<script src="{OUTSIDE}"></script>')


def test_basemap_tiles_do_not_fail_a_test(browser):
    _visit(browser, f'<img src="{TILE}">')
