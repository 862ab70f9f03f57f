"""Storing many new records at once (imports and the demo) in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from registry.audit import to_json
from registry.bulk import bulk_insert
from registry.clock import now
from registry.domain import RecordType
from registry.models import AuditEntry, StatusEntry
from registry.permissions import Actor
from registry.records import ENTITY_OF, TABLE_OF, field_names, initial_history
from registry.units import Assignment, replace_assignments


def store_new_records(
    session: Session,
    actor: Actor,
    record_type: str,
    rows: list[dict[str, Any]],
    *,
    where: Assignment,
    flags: Sequence[str | None],
    source: str,
    reason: str,
    histories: Sequence[list[tuple[str, date]]] | None = None,
) -> list[int]:
    """Insert records with their status histories, unit assignments and audit entries.

    ``rows`` hold the entered fields; ``histories`` (one list of (status, date) per
    row) default to what the row's own status and dates imply. Returns the new ids
    in the order of ``rows``.
    """
    record_type = RecordType(record_type)
    stamp = now()
    table = TABLE_OF[record_type]
    names = field_names(record_type)
    full_rows = [
        {
            **dict.fromkeys(names),
            **row,
            "location_flag": flag,
            "source": source,
            "created_at": stamp,
            "updated_at": stamp,
            "version": 1,
        }
        for row, flag in zip(rows, flags, strict=True)
    ]
    result = session.execute(
        insert(table).returning(table.c.id, sort_by_parameter_order=True), full_rows
    )
    ids = [row_id for (row_id,) in result]
    histories = histories or [initial_history(row) for row in rows]
    bulk_insert(
        session,
        StatusEntry.__table__,
        [
            {
                "record_type": record_type.value,
                "record_id": record_id,
                "status": status,
                "effective_on": since,
                "recorded_at": stamp,
                "recorded_by": actor.username,
                "reason": reason,
            }
            for record_id, history in zip(ids, histories, strict=True)
            for status, since in history
        ],
    )
    replace_assignments(session, record_type.value, ids, where, new_records=True)
    entity = ENTITY_OF[record_type]
    bulk_insert(
        session,
        AuditEntry.__table__,
        [
            {
                "at": stamp,
                "actor": actor.username,
                "action": "create",
                "entity_type": entity,
                "entity_id": str(record_id),
                "before": None,
                "after": to_json(row),
                "reason": reason,
            }
            for record_id, row in zip(ids, full_rows, strict=True)
        ],
    )
    return ids
