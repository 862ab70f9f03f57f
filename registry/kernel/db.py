"""Engine, sessions and migrations. Nothing here runs at import time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from registry.kernel import messages as msg
from registry.kernel.errors import ConfigurationError, Message, NotFoundError
from registry.kernel.settings import Config
from registry.kernel.versions import duplicate_of

MIGRATIONS_DIR = Path(__file__).parents[1] / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets the app read while an import writes; foreign keys are off by default.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(database_url: str) -> Engine:
    """Create the engine for ``database_url``; SQLite files get WAL mode.

    The folder of a SQLite file is created when missing.
    """
    try:
        url = make_url(database_url)
    except Exception as exc:  # sqlalchemy raises ArgumentError with a terse text
        raise ConfigurationError(
            msg.DATABASE_URL, value=database_url, detail=str(exc)
        ) from exc
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    raise ConfigurationError(msg.DATABASE_BACKEND, backend=url.get_backend_name())


def alembic_config(engine: Engine) -> AlembicConfig:
    """Alembic's configuration for ``engine`` (migrations under registry/migrations)."""
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision."""
    command.upgrade(alembic_config(engine), "head")


def is_migrated(engine: Engine) -> bool:
    """True when the database schema is at the newest revision."""
    script = ScriptDirectory.from_config(alembic_config(engine))
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current == script.get_current_head()


@dataclass
class Registry:
    """An open registry: settings plus the engine they select."""

    config: Config
    engine: Engine

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error.

        On SQLite it starts with ``BEGIN IMMEDIATE``: it holds the database's write
        lock from its first read, so what it reads cannot change before it writes
        (a deferred transaction that read first would fail with "database is
        locked" when another wrote meanwhile, whatever the busy timeout). Other
        writers wait (``busy_timeout``); readers go on (WAL). On PostgreSQL a
        use case locks the rows it changes (``load_row(..., for_update=True)``).

        A unique key taken by a write that committed at the same moment is
        refused with :class:`~registry.kernel.versions.DuplicateError` instead
        of the driver's ``IntegrityError``.
        """
        try:
            with self._sessions() as session, session.begin():
                if self.dialect == "sqlite":
                    session.execute(text("BEGIN IMMEDIATE"))
                yield session
        except IntegrityError as error:
            duplicate = duplicate_of(error)
            if duplicate is None:
                raise
            raise duplicate from error

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only; nothing is committed."""
        with self._sessions() as session:
            yield session

    @property
    def dialect(self) -> str:
        """Name of the database backend: 'sqlite' or 'postgresql'."""
        return self.engine.dialect.name


def open_registry(config: Config) -> Registry:
    """Create the engine for ``config`` and migrate the schema to the newest one."""
    engine = make_engine(config.database_url)
    migrate(engine)
    return Registry(config=config, engine=engine)


Row = TypeVar("Row")


# Ids are INTEGER columns: 32-bit on PostgreSQL, the narrower of the two databases.
MAX_ROW_ID = 2**31 - 1


def load_row(
    session: Session,
    model: type[Row],
    row_id: int,
    not_found: Message,
    *,
    for_update: bool = False,
) -> Row:
    """The row of ``model`` whose ``id`` is ``row_id``, or :class:`NotFoundError`
    with the ``not_found`` message (its context: ``key=row_id``).

    An id no row can have (below 1, or beyond the id columns' range, as a URL
    like ``?id=99999999999999999999`` asks) is not found either, on both databases,
    instead of an overflow error from the driver.

    ``for_update`` locks the row on PostgreSQL, so two people changing the same
    row at once are applied one after the other (SQLite's write transactions hold
    the database's lock from their start, see :meth:`Registry.transaction`); the
    row is read afresh then, even if the session held it already.
    """
    if not 1 <= row_id <= MAX_ROW_ID:
        raise NotFoundError(not_found, key=row_id)
    if for_update:
        row = session.scalar(
            select(model)
            .where(model.id == row_id)  # type: ignore[attr-defined]
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    else:
        row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(not_found, key=row_id)
    return row
