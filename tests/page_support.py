"""Running the app's pages with Streamlit's AppTest against a real demo database.

The database (SQLite file, small demo of 300 sites) is a copy, made once per test
module, of the session's demo registry (see ``app_demo_url`` in tests/conftest.py),
and the app finds it through the environment, as in production
(``REGISTRY_DATABASE_URL``). A test signs in the way :mod:`ui.shell.state` does: by
putting the user's :class:`~registry.access.permissions.Actor` in the session state.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from registry.access.permissions import Actor
from registry.access.users import find_actor
from registry.bootstrap import start_registry
from registry.kernel.db import Registry
from tests.conftest import app_demo_url, registry_config
from ui.shell.state import ACTOR_KEY

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
DEMO_SITES = "300"
# One demo user per role (registry.demo.load.DEMO_USERS) and the admin.
DEMO_USERNAMES = (
    "so.tttt",
    "huyen.vinh",
    "xa.hungdung",
    "xa.truongvinh",
    "xa.thanhvinh",
    "viettel",
    "khach",
)


def demo_environment(url: str) -> dict[str, str]:
    """The settings of a small demo registry in ``url``."""
    return {"REGISTRY_DATABASE_URL": url, "REGISTRY_DEMO_SITES": DEMO_SITES}


def demo_app_fixture():
    """A module fixture: the app pointed at a fresh small demo registry.

    Use it as ``app_env = demo_app_fixture()`` in a test module. The registry is
    a copy for the module of the session's 300-site demo (a SQLite file) and the
    environment names it for the module's tests, as it would in production.
    """

    @pytest.fixture(scope="module")
    def app_env(templates) -> Registry:
        settings = demo_environment(app_demo_url(templates))
        registry = start_registry(registry_config(settings))
        with pytest.MonkeyPatch.context() as patch:
            for name, value in settings.items():
                patch.setenv(name, value)
            yield registry
        registry.engine.dispose()

    return app_env


def actor(registry: Registry, username: str) -> Actor:
    """The stored user of this name, as the session would hold it."""
    return find_actor(registry, username)


def open_app(
    registry: Registry,
    username: str | None = None,
    page: str | None = None,
    *,
    query: dict[str, str] | None = None,
    language: str | None = None,
) -> AppTest:
    """Run the app (or one page) as ``username``; None is a visitor.

    The first run may open the database: hence the generous timeout.
    """
    app = AppTest.from_file(str(APP), default_timeout=60)
    if username is not None:
        app.session_state[ACTOR_KEY] = actor(registry, username)
    if language is not None:
        app.session_state["lang"] = language
    if page is not None:
        app.switch_page(page)
    for name, value in (query or {}).items():
        app.query_params[name] = value
    return app.run()


def texts(elements) -> list[str]:
    """The ``value`` of each element of an AppTest element list."""
    return [element.value for element in elements]


def menu(app: AppTest) -> list[str]:
    """Labels of the sidebar's page links."""
    return [link.proto.label for link in app.get("page_link")]
