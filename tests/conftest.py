"""Shared fixtures: real registries on SQLite files and, where reachable, PostgreSQL.

Storage and service tests take the ``registry`` fixture, which runs each test once
per backend. PostgreSQL tests skip with a reason on a machine without a server, and
fail instead under CI (CI=true), where a skipped storage test would hide a defect.
"""

from __future__ import annotations

import copy
import os
import queue
import shutil
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from registry.access.users import find_actor
from registry.bootstrap import initialise
from registry.demo.load import load_demo
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


# The world every test starts from: admin units stored and the admin user created.
INITIALISED = "initialised"


class Templates:
    """Named worlds, each built once per backend and copied for every test.

    A world is a name and a builder: ``build(registry)`` fills a copy of the
    initialised database and returns plain data about what it made (ids, actors),
    handed back with every copy. Templates live for the session (one per xdist
    worker); a copy is a SQLite file copy or a PostgreSQL ``CREATE DATABASE ...
    TEMPLATE``, after every engine on the template has been disposed (PostgreSQL
    refuses a template in use). PostgreSQL copies a test gave back are dropped in
    the background while the tests go on (a drop waits for a checkpoint); the rest,
    and the templates, at the end of the session.
    """

    def __init__(self, tmp_root):
        self.tmp_root = tmp_root
        self.created_pg: list[str] = []
        self.built: dict[tuple[str, str], tuple[str, Any]] = {}
        self._dropping: queue.Queue[str | None] = queue.Queue()
        self._dropper: threading.Thread | None = None
        self._postgres_reason: str | None | bool = False
        self._dropped: set[str] = set()
        self._stopping = False

    def copy(
        self,
        backend: str,
        world: str = INITIALISED,
        build: Callable[[Registry], Any] | None = None,
    ) -> tuple[str, Any]:
        """URL of a fresh copy of ``world`` on ``backend``, and the builder's data."""
        template, data = self._template(backend, world, build)
        return self._copy_of(backend, template), copy.deepcopy(data)

    def _template(self, backend: str, world: str, build) -> tuple[str, Any]:
        """The template of ``world`` (built on first use) and its builder's data."""
        key = (world, backend)
        if key not in self.built:
            self.built[key] = self._build(backend, world, build)
        return self.built[key]

    def sqlite(self) -> str:
        """A fresh initialised SQLite database."""
        return self.copy("sqlite")[0]

    def postgresql(self) -> str:
        """A fresh initialised PostgreSQL database."""
        return self.copy("postgresql")[0]

    def _build(self, backend: str, world: str, build) -> tuple[str, Any]:
        if world == INITIALISED:
            template = self._new(backend, "tpl", None)
            builder = initialise
        else:
            if build is None:
                raise ValueError(f"world {world!r} needs a builder")
            initialised = self._template(backend, INITIALISED, None)[0]
            template = self._new(backend, "tpl", self._url(backend, initialised))
            builder = build
        registry = open_registry(
            registry_config({"REGISTRY_DATABASE_URL": self._url(backend, template)})
        )
        try:
            data = builder(registry)
        finally:
            registry.engine.dispose()
        return template, None if world == INITIALISED else data

    def _url(self, backend: str, name: str) -> str:
        if backend == "postgresql":
            return _postgres_url(name)
        return f"sqlite:///{name}"

    def _new(self, backend: str, kind: str, source_url: str | None) -> str:
        """A new database name (PostgreSQL) or file path (SQLite), from a copy."""
        if backend == "postgresql":
            name = f"registry_{kind}_{uuid.uuid4().hex[:10]}"
            source = f' TEMPLATE "{source_url.rsplit("/", 1)[1]}"' if source_url else ""
            _admin(POSTGRES_SERVER, f'CREATE DATABASE "{name}"{source}')
            self.created_pg.append(name)
            return name
        path = self.tmp_root / f"{kind}_{uuid.uuid4().hex}.sqlite3"
        if source_url:
            _copy_sqlite(source_url.removeprefix("sqlite:///"), path)
        return str(path)

    def _copy_of(self, backend: str, template: str) -> str:
        copy = self._new(backend, "t", self._url(backend, template))
        return self._url(backend, copy)

    def discard(self, url: str) -> None:
        """Give back a copy: a PostgreSQL one is dropped in the background."""
        if not url.startswith("postgresql"):
            return
        if self._dropper is None:
            self._dropper = threading.Thread(target=self._drop_queued, daemon=True)
            self._dropper.start()
        self._dropping.put(url.rsplit("/", 1)[1])

    def _drop_queued(self) -> None:
        while (name := self._dropping.get()) is not None:
            if self._stopping:
                continue
            _drop(name)
            self._dropped.add(name)

    def postgres_unreachable(self) -> str | None:
        """Why PostgreSQL cannot be used (asked once a session), or None."""
        if self._postgres_reason is False:
            self._postgres_reason = _postgres_reachable()
        return self._postgres_reason

    def drop_all(self) -> None:
        """Drop every PostgreSQL database of the session: copies, then templates.

        PostgreSQL 15 checkpoints for every DROP DATABASE (about 2 s each here),
        so what the background thread has not dropped yet is handed to a detached
        process that drops it after the session, instead of holding the session.
        """
        if self._dropper is not None:
            self._stopping = True  # the reaper drops the rest (IF EXISTS)
            self._dropping.put(None)
        left = [n for n in reversed(self.created_pg) if n not in self._dropped]
        if left:
            subprocess.Popen(
                [sys.executable, "-c", _DROPPER, POSTGRES_SERVER, *left],
                start_new_session=True,
                stdout=subprocess.DEVNULL,
                stderr=(self.tmp_root / "drop-databases.log").open("ab"),
            )


# Drops the named databases one after the other (argv: server URL, names).
_DROPPER = """
import sys
from sqlalchemy import create_engine, text
engine = create_engine(sys.argv[1], isolation_level="AUTOCOMMIT")
for name in sys.argv[2:]:
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
engine.dispose()
"""


def _drop(name: str) -> None:
    _admin(POSTGRES_SERVER, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _copy_sqlite(source: str, target) -> None:
    """Copy a closed SQLite database with its WAL, should one be left."""
    shutil.copy(source, target)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(source + suffix):
            shutil.copy(source + suffix, str(target) + suffix)


@pytest.fixture(scope="session")
def templates(tmp_path_factory):
    """Session-wide database templates (dropped at the end)."""
    store = Templates(tmp_path_factory.mktemp("databases"))
    yield store
    store.drop_all()


def _require_backend(backend: str, templates: Templates) -> None:
    """Skip (or fail under CI) when ``backend`` is PostgreSQL and none answers."""
    if backend == "postgresql":
        reason = templates.postgres_unreachable()
        if reason:
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(f"{reason} (CI must run the PostgreSQL tests)")
            pytest.skip(reason)


def database_url_for(backend: str, templates: Templates) -> str:
    """A fresh, initialised database of ``backend``; skips or fails without a server."""
    _require_backend(backend, templates)
    return templates.copy(backend)[0]


FULL_DEMO = "demo-5000"
"""The world of the full-size demo (5,000 sites as of :data:`DEMO_DAY`), shared by
the demo and the boundary tests."""


def full_demo(registry: Registry):
    """Builder of :data:`FULL_DEMO`: the demo as the app makes it, on a fixed day."""
    return load_demo(
        registry, find_actor(registry, "admin"), sites=5000, today=DEMO_DAY
    )


# The demo the app's pages and the browser tests run on (the app would build the
# same on its first start with REGISTRY_DEMO_SITES=300, as of the day it starts).
APP_DEMO_SITES = 300


def _app_demo(registry: Registry) -> None:
    load_demo(registry, find_actor(registry, "admin"), sites=APP_DEMO_SITES)


def app_demo_url(templates: Templates) -> str:
    """URL of a fresh SQLite copy of the session's 300-site demo registry."""
    return templates.copy("sqlite", "app-demo-300", _app_demo)[0]


@pytest.fixture
def own_demo_app(templates, monkeypatch) -> Registry:
    """The app (pages, AppTest) pointed at a small demo registry of this test alone:
    for a test that takes the registry out of the demo (an import, the demo's
    removal), which disables the demo accounts other tests sign in with."""
    from registry.bootstrap import start_registry

    settings = {
        "REGISTRY_DATABASE_URL": app_demo_url(templates),
        "REGISTRY_DEMO_SITES": str(APP_DEMO_SITES),
    }
    registry = start_registry(registry_config(settings))
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    yield registry
    registry.engine.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """Each storage test runs once on SQLite and once on PostgreSQL."""
    return request.param


@pytest.fixture
def database_url(backend, templates) -> str:
    """URL of a fresh database of the current backend, with units and admin."""
    url = database_url_for(backend, templates)
    yield url
    templates.discard(url)


@pytest.fixture
def open_world(backend, templates):
    """Open a fresh copy of a named world: ``open_world(name, build)``.

    Returns ``(registry, data)``; ``build(registry)`` runs once per session and
    backend on a template (see :class:`Templates`), and its data comes back with
    every copy. The registries are closed and the copies given back after the test.
    """
    opened: list[tuple[Registry, str]] = []

    def open_(name: str, build: Callable[[Registry], Any]) -> tuple[Registry, Any]:
        _require_backend(backend, templates)
        url, data = templates.copy(backend, name, build)
        registry = open_registry(registry_config({"REGISTRY_DATABASE_URL": url}))
        opened.append((registry, url))
        return registry, data

    yield open_
    for registry, url in opened:
        registry.engine.dispose()
        templates.discard(url)


@pytest.fixture(scope="module")
def module_worlds(templates):
    """Open one copy of a named world per backend for a whole module:
    ``module_worlds(backend, name, build)`` returns the same ``(registry, data)``
    on every call of the module.

    Only for modules whose tests leave the world as they found it (reads, and
    calls that must be refused and roll back): one test's writes would be seen by
    the next.
    """
    opened: dict[tuple[str, str], tuple[Registry, Any, str]] = {}

    def open_(
        backend: str, name: str, build: Callable[[Registry], Any]
    ) -> tuple[Registry, Any]:
        if (backend, name) not in opened:
            _require_backend(backend, templates)
            url, data = templates.copy(backend, name, build)
            registry = open_registry(registry_config({"REGISTRY_DATABASE_URL": url}))
            opened[backend, name] = (registry, data, url)
        registry, data, _ = opened[backend, name]
        return registry, data

    yield open_
    for registry, _, url in opened.values():
        registry.engine.dispose()
        templates.discard(url)


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


@pytest.fixture(scope="session")
def browser(request):
    """Debian's Chromium for the session's browser tests (one per xdist worker).

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


# The attack suite's counts (tests/attack/tally.py): workers hand theirs to the
# controller, which prints the sum after the run.
def pytest_sessionfinish(session):
    from tests.attack import tally

    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput[tally.WORKER_KEY] = tally.dumps()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    from tests.attack import tally

    dumped = getattr(node, "workeroutput", {}).get(tally.WORKER_KEY)
    if dumped:
        tally.merge(dumped)


def pytest_terminal_summary(terminalreporter):
    from tests.attack import tally

    lines = tally.summary_lines()
    if lines:
        terminalreporter.section("attack suite counts")
        for line in lines:
            terminalreporter.write_line(line)


# The files that take longest (browser flows, the attack suite) are collected
# first: xdist hands whole files to workers in collection order, so these start at
# once and the many short files fill the gaps, instead of one long file running
# alone at the end while the other workers wait.
def _start_rank(item) -> int:
    path = item.nodeid.split("::", 1)[0]
    if path.startswith("tests/browser/") or item.get_closest_marker("browser"):
        return 0
    if path.startswith("tests/attack/"):
        return 1
    return 2


def pytest_collection_modifyitems(items):
    items.sort(key=_start_rank)  # stable: files keep their order within a rank
