"""The audit log is append-only in the database itself: whatever connects to it
(a script, a console, a bug) can add entries but not change or remove one.

Triggers of migration 0010 refuse UPDATE and DELETE on ``audit_log`` on SQLite
and PostgreSQL (and TRUNCATE on PostgreSQL); the rows stay as written.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from registry.kernel.audit import record_audit
from registry.kernel.models import AuditEntry
from tests.attack import tally

CHANGES = {
    "update one": "UPDATE audit_log SET reason = 'sửa lén' WHERE id = :id",
    "update actor": "UPDATE audit_log SET actor = 'ai-do', at = at WHERE id = :id",
    "update all": "UPDATE audit_log SET after = NULL",
    "delete one": "DELETE FROM audit_log WHERE id = :id",
    "delete all": "DELETE FROM audit_log",
}


def _entries(registry) -> list[tuple]:
    with registry.reading() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(AuditEntry.id, AuditEntry.actor, AuditEntry.reason).order_by(
                    AuditEntry.id
                )
            )
        ]


def _one_entry(registry) -> int:
    with registry.transaction() as session:
        entry = record_audit(
            session, "admin", "note", "system", None, after={"x": 1}, reason="gốc"
        )
        session.flush()
        return entry.id


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_raw_sql_cannot_change_or_remove_an_audit_entry(registry, change):
    entry_id = _one_entry(registry)
    before = _entries(registry)
    with (
        pytest.raises(DBAPIError, match="append-only"),
        registry.engine.begin() as connection,
    ):
        connection.execute(text(CHANGES[change]), {"id": entry_id})
    assert _entries(registry) == before
    tally.record("audit log changes", tried=1, refused=1)


def test_the_orm_cannot_change_an_audit_entry_either(registry):
    entry_id = _one_entry(registry)
    with (
        pytest.raises(DBAPIError, match="append-only"),
        registry.transaction() as session,
    ):
        session.get(AuditEntry, entry_id).reason = "đã sửa"
    with (
        pytest.raises(DBAPIError, match="append-only"),
        registry.transaction() as session,
    ):
        session.delete(session.get(AuditEntry, entry_id))
    assert (entry_id, "admin", "gốc") in _entries(registry)
    tally.record("audit log changes", tried=2, refused=2)


# TRUNCATE is PostgreSQL's (SQLite has none; its DELETE trigger covers the rest).
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_postgresql_refuses_truncate(registry):
    assert registry.engine.dialect.name == "postgresql"
    _one_entry(registry)
    before = _entries(registry)
    with (
        pytest.raises(DBAPIError, match="append-only"),
        registry.engine.begin() as connection,
    ):
        connection.execute(text("TRUNCATE audit_log"))
    assert _entries(registry) == before
    tally.record("audit log changes", tried=1, refused=1)


def test_raw_sql_can_still_add_an_entry(registry):
    with registry.reading() as session:
        count = session.scalar(select(func.count()).select_from(AuditEntry))
    with registry.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_log (at, actor, action, entity_type, entity_id)"
                " VALUES (:at, 'admin', 'note', 'system', NULL)"
            ),
            {"at": datetime(2026, 1, 2, 3, 4, 5)},
        )
    with registry.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == count + 1
