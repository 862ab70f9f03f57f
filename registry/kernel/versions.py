"""Rows edited in place under a version: one writer at a time, the loser is told.

A change of a versioned row (a site, a point, a cluster, an inspection, a permit
application) runs in one transaction that first takes the row's write lock
(:func:`registry.kernel.db.load_row` with ``for_update``: ``SELECT … FOR UPDATE``
on PostgreSQL; on SQLite every write transaction starts with ``BEGIN IMMEDIATE``,
see :meth:`registry.kernel.db.Registry.transaction`), then compares the stored
version with the one the editor saw (:func:`check_version`) and only then reads
the values it writes and audits. Two editors of one version cannot both win, and
two writers without a version never base their "before" on the same row: the
second waits for the first to commit and reads what it wrote.

The loser gets :class:`StaleVersionError`: who changed the row last and when (from
the audit log) and its current version, so the page can show the newer values
beside the user's input.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from registry.kernel import messages as msg
from registry.kernel.errors import ConflictError
from registry.kernel.models import AuditEntry, User


class StaleVersionError(ConflictError):
    """The row changed since the editor loaded it; nothing was written.

    Context: ``entity`` (the audit log's entity type: ``bts_site``,
    ``public_point``, ``cluster``, ``inspection``, ``permit_application``),
    ``id``, ``version`` (stored now), ``expected`` (what the editor saw),
    ``changed_by`` and ``changed_by_name`` (user name and display name of the last
    change's author), ``changed_at`` (its time, UTC).
    """

    def __init__(
        self,
        entity: str,
        row_id: int,
        version: int,
        expected: int,
        changed_by: str | None,
        changed_by_name: str | None,
        changed_at: datetime | None,
        **context,
    ):
        self.entity = entity
        self.row_id = row_id
        self.version = version
        self.expected = expected
        super().__init__(
            msg.STALE_VERSION,
            entity=entity,
            id=row_id,
            version=version,
            expected=expected,
            changed_by=changed_by,
            changed_by_name=changed_by_name,
            changed_at=changed_at,
            **context,
        )


class DuplicateError(ConflictError):
    """A unique key (a code, a name) was taken by a write that committed at the
    same moment; the database refused the second one and nothing was written.

    Context: ``entity`` (the table) and ``columns`` (the key's columns).
    """

    def __init__(self, entity: str, columns: list[str]):
        super().__init__(msg.DUPLICATE, entity=entity, columns=columns)


def last_change(session: Session, entity: str, row_id: int) -> tuple:
    """(user name, display name, time) of the newest audit entry of one row;
    Nones when it has none."""
    entry = session.scalar(
        select(AuditEntry)
        .where(AuditEntry.entity_type == entity, AuditEntry.entity_id == str(row_id))
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    if entry is None:
        return None, None, None
    name = session.scalar(select(User.display_name).where(User.username == entry.actor))
    return entry.actor, name or entry.actor, entry.at


def check_version(
    session: Session,
    row,
    expected_version: int | None,
    entity: str,
    *,
    refusal: type[StaleVersionError] = StaleVersionError,
    **context,
) -> None:
    """Refuse (``refusal``, a :class:`StaleVersionError`) when ``row`` is no longer
    at ``expected_version``; None accepts any version. ``context`` is added to
    the refusal's.

    Call it with the row locked (loaded ``for_update`` in a write transaction),
    so the version cannot move between this check and the write.
    """
    if expected_version is None or row.version == int(expected_version):
        return
    by, name, at = last_change(session, entity, row.id)
    raise refusal(
        entity, row.id, row.version, int(expected_version), by, name, at, **context
    )


def bump_version(row) -> int:
    """Count a change of a locked row as its next version; returns it."""
    row.version += 1
    return row.version


def duplicate_of(error: IntegrityError) -> DuplicateError | None:
    """The refusal of a unique key taken at the same moment, or None when the
    database refused something else (a foreign key, a check).

    SQLite names the columns in its message (``UNIQUE constraint failed:
    bts_sites.network_code, bts_sites.site_code``); PostgreSQL names the
    constraint or index and its table in the error's diagnostics.
    """
    original = error.orig
    text = str(original)
    if "UNIQUE constraint failed:" in text:
        columns = text.split("UNIQUE constraint failed:", 1)[1].strip().split(", ")
        table = columns[0].partition(".")[0]
        return DuplicateError(table, [c.partition(".")[2] for c in columns])
    if getattr(original, "sqlstate", None) == "23505":
        diag = getattr(original, "diag", None)
        table = getattr(diag, "table_name", None) or "row"
        constraint = getattr(diag, "constraint_name", None) or "key"
        return DuplicateError(table, [constraint])
    return None
