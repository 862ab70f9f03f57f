"""Shared fixtures: real registries on SQLite files and, where reachable, PostgreSQL.

Storage and service tests take the ``registry`` fixture, which runs each test once
per backend. PostgreSQL tests skip with a reason on a machine without a server, and
fail instead under CI (CI=true), where a skipped storage test would hide a defect.
"""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from registry.access.users import find_actor
from registry.bootstrap import initialise
from registry.kernel.db import Registry, open_registry
from registry.kernel.settings import INSECURE_TEST_HASHING, Config, load_config

# Password hashes at the cheapest argon2 cost: insecure, for test registries only.
# Set in the environment too, for what reads it there (AppTest pages, the browser
# tests' app server, the command line run in-process).
TEST_SETTINGS = {"REGISTRY_PASSWORD_HASHING": INSECURE_TEST_HASHING}
os.environ.update(TEST_SETTINGS)


def registry_config(settings: dict[str, str] | None = None) -> Config:
    """The settings of a test registry: ``settings`` over :data:`TEST_SETTINGS`."""
    return load_config({**TEST_SETTINGS, **(settings or {})})


POSTGRES_SERVER = os.environ.get(
    "REGISTRY_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
DEMO_DAY = date(2026, 11, 1)
BACKENDS = ("sqlite", "postgresql")


def _postgres_reachable() -> str | None:
    """None when the server answers, else the reason it does not."""
    try:
        engine = create_engine(POSTGRES_SERVER, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except Exception as exc:  # any driver or network failure means "not here"
        return (
            f"PostgreSQL not reachable at {POSTGRES_SERVER}: {exc.__class__.__name__}"
        )
    return None


def _admin(url: str, statement: str) -> None:
    engine = create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(statement))
    engine.dispose()


def _postgres_url(database: str) -> str:
    return POSTGRES_SERVER.rsplit("/", 1)[0] + "/" + database


class Templates:
    """One initialised database per backend, copied for every test (fast)."""

    def __init__(self, tmp_root):
        self.tmp_root = tmp_root
        self.created_pg: list[str] = []
        self.sqlite_template = None
        self.pg_template = None

    def _init(self, url: str) -> None:
        registry = open_registry(registry_config({"REGISTRY_DATABASE_URL": url}))
        initialise(registry)
        registry.engine.dispose()

    def sqlite(self) -> str:
        if self.sqlite_template is None:
            path = self.tmp_root / "template.sqlite3"
            self._init(f"sqlite:///{path}")
            self.sqlite_template = path
        copy = self.tmp_root / f"{uuid.uuid4().hex}.sqlite3"
        shutil.copy(self.sqlite_template, copy)
        return f"sqlite:///{copy}"

    def postgresql(self) -> str:
        if self.pg_template is None:
            name = f"registry_tpl_{uuid.uuid4().hex[:8]}"
            _admin(POSTGRES_SERVER, f'CREATE DATABASE "{name}"')
            self.created_pg.append(name)
            self._init(_postgres_url(name))
            self.pg_template = name
        name = f"registry_t_{uuid.uuid4().hex[:10]}"
        _admin(
            POSTGRES_SERVER, f'CREATE DATABASE "{name}" TEMPLATE "{self.pg_template}"'
        )
        self.created_pg.append(name)
        return _postgres_url(name)

    def drop_all(self) -> None:
        for name in reversed(self.created_pg):
            _admin(POSTGRES_SERVER, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def templates(tmp_path_factory):
    """Session-wide database templates (dropped at the end)."""
    store = Templates(tmp_path_factory.mktemp("databases"))
    yield store
    store.drop_all()


def database_url_for(backend: str, templates: Templates) -> str:
    """A fresh, initialised database of ``backend``; skips or fails without a server."""
    if backend == "postgresql":
        reason = _postgres_reachable()
        if reason:
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(f"{reason} (CI must run the PostgreSQL tests)")
            pytest.skip(reason)
        return templates.postgresql()
    return templates.sqlite()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """Each storage test runs once on SQLite and once on PostgreSQL."""
    return request.param


@pytest.fixture
def database_url(backend, templates) -> str:
    """URL of a fresh database of the current backend, with units and admin."""
    return database_url_for(backend, templates)


@pytest.fixture
def registry(database_url) -> Registry:
    """An initialised, empty registry (admin units stored, admin user created)."""
    opened = open_registry(registry_config({"REGISTRY_DATABASE_URL": database_url}))
    yield opened
    opened.engine.dispose()


@pytest.fixture
def admin(registry):
    """The command line's administrator."""
    return find_actor(registry, "admin")


@pytest.fixture(scope="module")
def browser(request):
    """Debian's Chromium for a module of browser tests.

    Skipped without it, except under CI, where the browser tests must run.
    """
    from tests.browser.support import (
        artifacts_dir,
        chromium_missing_reason,
        launch_chromium,
    )

    reason = chromium_missing_reason()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason} (CI must run the browser tests)")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():  # shown although pytest captures
        print(f"\nbrowser screenshots: {artifacts_dir()}")
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()
