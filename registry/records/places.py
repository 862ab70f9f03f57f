"""Use cases shared by BTS sites and public points: create, update, change status,
retire, read. :mod:`registry.records.by_kind` exposes them per kind (``SITES``,
``POINTS``).

Each function takes the acting user, checks permission and area, validates, writes
in one transaction together with its audit entry, and returns plain dictionaries.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.audit import audit_trail, record_audit
from registry.kernel.clock import now, today
from registry.kernel.db import Registry, load_row
from registry.kernel.errors import (
    ConflictError,
    FieldError,
    ValidationError,
)
from registry.kernel.history import status_history
from registry.kernel.models import AuditEntry, BtsSite, StatusEntry, UnitAssignment
from registry.kernel.text import validated_text
from registry.kernel.vocabulary import PointStatus, RecordType, SiteStatus
from registry.records import messages as msg
from registry.records.rows import ENTITY_OF, MODEL_OF, record_dict
from registry.records.writes import (
    append_status,
    apply_changes,
    check_site_code_free,
    current_values,
    ensure_editable,
    insert_record,
    prepare,
)

_NOT_FOUND = {
    RecordType.SITE: msg.SITE_NOT_FOUND,
    RecordType.POINT: msg.POINT_NOT_FOUND,
}


def _subject(record_type: str) -> str:
    return RecordType(record_type).value


def _load(session: Session, record_type: str, record_id: int):
    return load_row(
        session,
        MODEL_OF[RecordType(record_type)],
        record_id,
        _NOT_FOUND[RecordType(record_type)],
    )


def _units(session: Session, record_type: str, record_id: int) -> dict:
    rows = session.scalars(
        select(UnitAssignment).where(
            UnitAssignment.record_type == record_type,
            UnitAssignment.record_id == record_id,
        )
    )
    return {r.edition: (r.commune_code, r.district_code) for r in rows}


def _network(record) -> str | None:
    return getattr(record, "network_code", None)


def _check_operator_network(actor: Actor, values: dict) -> None:
    if (
        actor.role == perm.Role.OPERATOR
        and values.get("network_code") != actor.network_code
    ):
        raise perm.PermissionDeniedError(
            msg.ANOTHER_NETWORK,
            user=actor.username,
            action="register sites of another network",
            own=actor.network_code,
            network=values.get("network_code"),
        )


def _load_for_change(
    session: Session,
    actor: Actor,
    record_type: str,
    record_id: int,
    doing: str,
    expected_version: int | None = None,
):
    """The record, refused when it is retired, changed since ``expected_version``
    (when given) or outside the actor's area and network (``doing`` names the
    action the refusal speaks of)."""
    record = _load(session, record_type, record_id)
    ensure_editable(record)
    if expected_version is not None and record.version != expected_version:
        raise ConflictError(
            msg.STALE_VERSION,
            id=record_id,
            version=record.version,
            expected=expected_version,
        )
    perm.require_in_scope(
        actor, doing, _units(session, record_type, record_id), _network(record)
    )
    return record


def create_record(
    registry: Registry,
    actor: Actor,
    record_type: str,
    values: dict[str, Any],
    *,
    reason: str | None = None,
    source: str = "manual",
) -> dict[str, Any]:
    """Register a new site or point; returns the stored record with its warnings."""
    perm.require(actor, perm.CREATE, _subject(record_type))
    reason = validated_text("reason", reason, AuditEntry.reason)
    prepared = prepare(registry, record_type, values)
    if record_type == RecordType.SITE:
        _check_operator_network(actor, prepared.typed)
    perm.require_in_scope(
        actor,
        "register a record here",
        prepared.where.units_of(0),
        prepared.typed.get("network_code"),
    )
    with registry.transaction() as session:
        if record_type == RecordType.SITE:
            check_site_code_free(session, prepared.typed)
        record = insert_record(
            session, actor.username, prepared, reason=reason, source=source
        )
        after = record_dict(record)
    return {**after, "warnings": prepared.warnings}


def update_record(
    registry: Registry,
    actor: Actor,
    record_type: str,
    record_id: int,
    changes: dict[str, Any],
    *,
    reason: str | None = None,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Change fields of a record (status has its own use case); audited with a diff."""
    perm.require(actor, perm.UPDATE, _subject(record_type))
    reason = validated_text("reason", reason, AuditEntry.reason)
    if "status" in changes or "status_since" in changes:
        raise ValidationError(
            [FieldError("status", changes.get("status"), msg.STATUS_THROUGH_CHANGE)]
        )
    with registry.transaction() as session:
        record = _load_for_change(
            session, actor, record_type, record_id, "edit this record", expected_version
        )
        prepared = prepare(registry, record_type, {**current_values(record), **changes})
        typed = prepared.typed
        if record_type == RecordType.SITE:
            _check_operator_network(actor, typed)
            check_site_code_free(session, typed, exclude_id=record_id)
        if (typed["latitude"], typed["longitude"]) != (
            record.latitude,
            record.longitude,
        ):
            perm.require_in_scope(
                actor,
                "move a record here",
                prepared.where.units_of(0),
                typed.get("network_code"),
            )
        apply_changes(session, actor.username, record, prepared, reason=reason)
        return {**record_dict(record), "warnings": prepared.warnings}


def change_status(
    registry: Registry,
    actor: Actor,
    record_type: str,
    record_id: int,
    status: str,
    *,
    effective_on: date | None = None,
    reason: str,
) -> dict[str, Any]:
    """Move a record to a new status from a date; appended to its history."""
    perm.require(actor, perm.CHANGE_STATUS, _subject(record_type))
    effective_on = effective_on or today()
    allowed_statuses = SiteStatus if record_type == RecordType.SITE else PointStatus
    if status not in {s.value for s in allowed_statuses}:
        raise ValidationError(
            [
                FieldError(
                    "status",
                    status,
                    msg.STATUS,
                    allowed=[s.value for s in allowed_statuses],
                )
            ]
        )
    reason = validated_text(
        "reason", reason, StatusEntry.reason, required=True, missing=msg.STATUS_REASON
    )
    if effective_on > today():
        raise ValidationError(
            [FieldError("effective_on", effective_on, msg.NOT_FUTURE)]
        )
    with registry.transaction() as session:
        record = _load_for_change(
            session, actor, record_type, record_id, "change the status of this record"
        )
        if effective_on < record.status_since:
            raise ValidationError(
                [
                    FieldError(
                        "effective_on",
                        effective_on,
                        msg.AFTER_STATUS_DATE,
                        status_since=record.status_since,
                    )
                ]
            )
        append_status(
            session, actor.username, record, status, effective_on, reason=reason
        )
        return record_dict(record)


def retire_record(
    registry: Registry, actor: Actor, record_type: str, record_id: int, *, reason: str
) -> dict[str, Any]:
    """Withdraw a record from the registry (kept, hidden from current views)."""
    perm.require(actor, perm.RETIRE, _subject(record_type))
    reason = validated_text(
        "reason",
        reason,
        BtsSite.retired_reason,
        required=True,
        missing=msg.RETIRE_REASON,
    )
    with registry.transaction() as session:
        record = _load_for_change(
            session, actor, record_type, record_id, "retire this record"
        )
        record.retired_on = today()
        record.retired_reason = reason
        record.updated_at = now()
        record.version += 1
        record_audit(
            session,
            actor.username,
            "retire",
            ENTITY_OF[RecordType(record_type)],
            record_id,
            before={"retired_on": None},
            after={"retired_on": record.retired_on, "retired_reason": reason},
            reason=reason,
        )
        return record_dict(record)


def get_record(
    registry: Registry, actor: Actor, record_type: str, record_id: int
) -> dict[str, Any]:
    """One record with its units, status history and audit trail."""
    perm.require(actor, perm.READ, _subject(record_type))
    with registry.reading() as session:
        record = _load(session, record_type, record_id)
        units = _units(session, record_type, record_id)
        perm.require_in_scope(actor, "read this record", units, _network(record))
        values = record_dict(record)
        if actor.role == perm.Role.VIEWER:
            for name in perm.PERSONAL_FIELDS:
                values.pop(name, None)
        return {
            **values,
            "units": units,
            "history": status_history(session, record_type, record_id),
            "audit": audit_trail(
                session,
                ENTITY_OF[RecordType(record_type)],
                record_id,
                batch_key=record.batch_key,
            )
            if perm.allowed(actor, perm.READ_AUDIT, "system")
            else [],
        }
