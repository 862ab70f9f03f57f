"""Audit entries: who changed what, when, before and after, and why."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from registry.kernel.clock import now
from registry.kernel.models import AuditEntry
from registry.kernel.text import validated_text


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def to_json(values: dict[str, Any] | None) -> str | None:
    """Serialise a record's values for the audit log (dates as ISO text)."""
    if values is None:
        return None
    return json.dumps({k: _plain(v) for k, v in values.items()}, ensure_ascii=False)


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The subset of ``after`` whose values differ from ``before``."""
    return {k: v for k, v in after.items() if before.get(k) != v}


def record_audit(
    session: Session,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: object,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
) -> AuditEntry:
    """Add one audit entry to the current transaction.

    The reason is checked like any typed text (its column's length, no control
    characters): a use case checks its user's reason first, this is the net.
    """
    reason = validated_text("reason", reason, AuditEntry.reason)
    entry = AuditEntry(
        at=now(),
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=None if entity_id is None else str(entity_id),
        before=to_json(before),
        after=to_json(after),
        reason=reason,
    )
    session.add(entry)
    return entry


def audit_trail(
    session: Session,
    entity_type: str,
    entity_id: object,
    *,
    batch_key: str | None = None,
) -> list[dict]:
    """Every audit entry of one entity, oldest first, as plain dictionaries.

    ``batch_key`` adds the entry of the import (or demo) batch that created it.
    """
    own = and_(
        AuditEntry.entity_type == entity_type, AuditEntry.entity_id == str(entity_id)
    )
    if batch_key:
        own = or_(
            own,
            and_(AuditEntry.entity_type == "batch", AuditEntry.entity_id == batch_key),
        )
    rows = session.scalars(select(AuditEntry).where(own).order_by(AuditEntry.id))
    return [
        {
            "at": row.at,
            "actor": row.actor,
            "action": row.action,
            "before": json.loads(row.before) if row.before else None,
            "after": json.loads(row.after) if row.after else None,
            "reason": row.reason,
        }
        for row in rows
    ]
