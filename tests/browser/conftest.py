"""One app server for the session's browser tests (one per xdist worker).

Its database is a copy of the session's 300-site demo registry (the server would
build the same on its first page). Every test opens its own browser context and
signs in on its own; tests that write use names of their own, so that no test
depends on what another module wrote.
"""

from __future__ import annotations

import pytest

from tests.browser.support import AppServer
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
