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
from registry.kernel.errors import FieldError, ValidationError
from registry.kernel.history import status_history
from registry.kernel.models import AuditEntry, BtsSite, StatusEntry, UnitAssignment
from registry.kernel.text import validated_text
from registry.kernel.versions import DuplicateError, check_version
from registry.kernel.vocabulary import PointStatus, RecordType, SiteStatus
from registry.records import messages as msg
from registry.records.rows import ENTITY_OF, MODEL_OF, record_dict
from registry.records.writes import (
    Prepared,
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


def _load(
    session: Session, record_type: str, record_id: int, *, for_update: bool = False
):
    return load_row(
        session,
        MODEL_OF[RecordType(record_type)],
        record_id,
        _NOT_FOUND[RecordType(record_type)],
        for_update=for_update,
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
    """The record, locked for the change, refused when it lies outside the actor's
    area and network (``doing`` names the action the refusal speaks of), is retired
    or changed since ``expected_version`` (when given: a
    :class:`~registry.kernel.versions.StaleVersionError` naming who changed it).

    The lock comes first, so the version compared and the values the change
    starts from are the newest: a concurrent change of the same record waits. The
    area comes next: whether another area's record is retired, or at which
    version, is not told."""
    record = _load(session, record_type, record_id, for_update=True)
    perm.require_in_scope(
        actor, doing, _units(session, record_type, record_id), _network(record)
    )
    ensure_editable(record)
    check_version(session, record, expected_version, ENTITY_OF[RecordType(record_type)])
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
    try:
        with registry.transaction() as session:
            if record_type == RecordType.SITE:
                check_site_code_free(session, prepared.typed)
            record = insert_record(
                session, actor.username, prepared, reason=reason, source=source
            )
            after = record_dict(record)
    except DuplicateError:
        _refuse_taken_code(registry, record_type, prepared.typed)
        raise
    return {**after, "warnings": prepared.warnings}


def _refuse_taken_code(
    registry: Registry,
    record_type: str,
    typed: dict[str, Any],
    exclude_id: int | None = None,
) -> None:
    """After the database refused a duplicate key, give the refusal a sequential
    write gets: the site code, taken by the site that was stored at the same
    moment (PostgreSQL lets two transactions both find it free)."""
    if record_type == RecordType.SITE:
        with registry.reading() as session:
            check_site_code_free(session, typed, exclude_id=exclude_id)


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
    tried: dict[str, Any] = {}
    for attempt in range(_PREPARED_ATTEMPTS + 1):
        # Validating and placing a record takes a while: done before the lock
        # when possible, so other writers do not wait for it; the last attempt
        # does it under the lock, when others kept changing the record meanwhile.
        ahead = (
            _prepare_ahead(
                registry, actor, record_type, record_id, changes, expected_version
            )
            if attempt < _PREPARED_ATTEMPTS
            else None
        )
        try:
            return _update(
                registry,
                actor,
                record_type,
                record_id,
                changes,
                reason,
                expected_version,
                ahead,
                tried,
            )
        except _BaseMoved:
            continue
        except DuplicateError:
            if tried:
                _refuse_taken_code(registry, record_type, tried, exclude_id=record_id)
            raise
    raise AssertionError("the last attempt prepares under the lock")  # unreachable


# Times an update prepares its values before taking the lock, then finds the
# record changed meanwhile, before it prepares them under the lock.
_PREPARED_ATTEMPTS = 3


class _BaseMoved(Exception):
    """The record changed between preparing the values and taking the lock."""


def _prepare_ahead(
    registry: Registry,
    actor: Actor,
    record_type: str,
    record_id: int,
    changes: dict[str, Any],
    expected_version: int | None,
) -> tuple[int, Prepared] | None:
    """(version read, values prepared from it) before the lock, or None when the
    record is refused anyway (retired, outside the actor's area, not at
    ``expected_version``: the locked transaction says so, in that order)."""
    with registry.reading() as session:
        record = _load(session, record_type, record_id)
        units = _units(session, record_type, record_id)
        if (
            record.retired_on is not None
            or not perm.in_scope(actor, units, _network(record))
            or (expected_version is not None and record.version != expected_version)
        ):
            return None
        version, values = record.version, current_values(record)
    return version, prepare(registry, record_type, {**values, **changes})


def _update(
    registry: Registry,
    actor: Actor,
    record_type: str,
    record_id: int,
    changes: dict[str, Any],
    reason: str | None,
    expected_version: int | None,
    ahead: tuple[int, Prepared] | None,
    tried: dict[str, Any],
) -> dict[str, Any]:
    """:func:`update_record`'s transaction, with the values prepared ``ahead``
    from a version (:class:`_BaseMoved` when the record is no longer at it) or,
    without, prepared under the lock; ``tried`` receives the validated values it
    writes (to name a code taken at the same moment)."""
    with registry.transaction() as session:
        record = _load_for_change(
            session, actor, record_type, record_id, "edit this record", expected_version
        )
        if ahead is None:
            prepared = prepare(
                registry, record_type, {**current_values(record), **changes}
            )
        elif record.version != ahead[0]:
            raise _BaseMoved
        else:
            prepared = ahead[1]
        typed = prepared.typed
        tried.update(typed)
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
