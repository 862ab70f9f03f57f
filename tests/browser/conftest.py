"""One app server for the session's browser tests (one per xdist worker).

Every test's pages go through its own :func:`guard`, which fails the test when a
request left the app for anything but the default basemap's tiles: each browser
test is thereby also a test that the pages it opens load everything from the app.

Its database is a copy of the session's 300-site demo registry (the server would
build the same on its first page). Every test opens its own browser context and
signs in on its own; tests that write use names of their own, so that no test
depends on what another module wrote.
"""

from __future__ import annotations

import pytest

from tests.browser.support import AppServer, RequestGuard
from tests.conftest import APP_DEMO_SITES, app_demo_url


@pytest.fixture(scope="session")
def server(tmp_path_factory, browser, templates):
    """The app on a free port with its own small demo database (default basemap:
    its tiles are the only requests a map page may make beyond the app)."""
    app = AppServer(
        tmp_path_factory.mktemp("browser-app"),
        demo_sites=APP_DEMO_SITES,
        database_url=app_demo_url(templates),
    )
    app.start()
    yield app
    app.stop()


@pytest.fixture(scope="module")
def own_server(request, tmp_path_factory, browser, templates):
    """The app on the module's own copy of the small demo registry, for tests that
    write what the shared server's other tests must not see (uploads, imports)."""
    module = request.module.__name__.rsplit(".", 1)[-1]
    app = AppServer(
        tmp_path_factory.mktemp(f"browser-{module}"),
        demo_sites=APP_DEMO_SITES,
        database_url=app_demo_url(templates),
    )
    app.start()
    yield app
    app.stop()


def basemap_tile(url: str) -> bool:
    """A tile of the default basemap: the only request a page may make beyond the
    app (it is aborted here, and the map draws its own layers without it)."""
    return "tile.openstreetmap.org" in url


def _checked_guard():
    guard = RequestGuard()
    yield guard
    left = [url for url in guard.blocked if not basemap_tile(url)]
    assert left == [], f"requests that left the app: {left}"


@pytest.fixture
def guard():
    """The test's request guard; after the test, nothing but basemap tiles may
    have been asked of another host."""
    yield from _checked_guard()


@pytest.fixture(scope="module")
def module_guard():
    """The same, for pages a module's tests share (checked after the module)."""
    yield from _checked_guard()
