"""Alembic migrations create exactly the schema of the models, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from registry.kernel.db import is_migrated, open_registry
from registry.kernel.models import Base
from tests.conftest import database_url_for, registry_config


def test_the_migrated_schema_matches_the_models(registry):
    assert is_migrated(registry.engine)
    with registry.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_sqlite_files_run_in_wal_mode(templates):
    url = database_url_for("sqlite", templates)
    opened = open_registry(registry_config({"REGISTRY_DATABASE_URL": url}))
    with opened.engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    opened.engine.dispose()
    assert mode == "wal"
