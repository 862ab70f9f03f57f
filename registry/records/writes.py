"""Writing one site or point inside a caller's transaction: a new record, changed
fields, a new status, each with its status history, unit assignment, location flag
and audit entry.

Two kinds of callers share these writes: the record use cases of
:mod:`registry.records.places` (the role's record grants authorise the user) and
approved permit applications (:mod:`registry.permits.effects`: the delegation matrix
authorises the deciding officer, who may approve a site they may not edit). The
callers check permissions; this module only writes. :func:`prepare` validates and
assigns without writing, so it may run before the transaction opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.kernel.audit import changed_fields, record_audit
from registry.kernel.clock import now
from registry.kernel.db import Registry
from registry.kernel.errors import ConflictError, FieldError, ValidationError
from registry.kernel.models import BtsSite, StatusEntry
from registry.kernel.vocabulary import (
    POINT_TRANSITIONS,
    SITE_TRANSITIONS,
    PointStatus,
    RecordType,
    SiteStatus,
)
from registry.records import messages as msg
from registry.records.batch import initial_history
from registry.records.province_checks import validate_values
from registry.records.rows import ENTITY_OF, MODEL_OF, field_names, record_dict
from registry.units.divisions import Assignment, assign, replace_assignments
from registry.units.locations import location_flags


@dataclass(frozen=True)
class Prepared:
    """Validated values of a record with their unit assignment and location flag."""

    record_type: str
    typed: dict[str, Any]
    where: Assignment
    flag: str | None
    # What was accepted with a warning (a FieldError each: field, value, code).
    warnings: list[FieldError]


def prepare(registry: Registry, record_type: str, values: dict[str, Any]) -> Prepared:
    """Validate a record's values and assign its position (no transaction)."""
    typed, warnings = validate_values(registry, record_type, values)
    where = assign(registry, [typed["latitude"]], [typed["longitude"]])
    flag = location_flags(registry, [typed.get("declared_commune")], where)[0]
    return Prepared(record_type, typed, where, flag, warnings)


def current_values(record) -> dict[str, Any]:
    """The entered fields of a stored record."""
    stored = record_dict(record)
    kind = "site" if record.__tablename__ == "bts_sites" else "point"
    return {name: stored.get(name) for name in field_names(kind)}


def check_site_code_free(
    session: Session, values: dict[str, Any], exclude_id: int | None = None
) -> None:
    """Refuse a site code its network already uses (on another site)."""
    query = select(BtsSite.id).where(
        BtsSite.network_code == values["network_code"],
        BtsSite.site_code == values["site_code"],
    )
    if exclude_id is not None:
        query = query.where(BtsSite.id != exclude_id)
    taken = session.scalar(query)
    if taken is not None:
        raise ValidationError(
            [
                FieldError(
                    "site_code",
                    values["site_code"],
                    msg.SITE_CODE_TAKEN,
                    network=values["network_code"],
                    taken=taken,
                )
            ]
        )


def insert_record(
    session: Session,
    username: str,
    prepared: Prepared,
    *,
    reason: str | None,
    source: str,
):
    """Store a new record with its status history, units and audit entry."""
    record_type = RecordType(prepared.record_type)
    stamp = now()
    record = MODEL_OF[record_type](
        **prepared.typed,
        location_flag=prepared.flag,
        source=source,
        created_at=stamp,
        updated_at=stamp,
        version=1,
    )
    session.add(record)
    session.flush()
    for entry in initial_history(pd.DataFrame([prepared.typed])).itertuples():
        session.add(
            StatusEntry(
                record_type=record_type.value,
                record_id=record.id,
                status=entry.status,
                effective_on=pd.Timestamp(entry.effective_on).date(),
                recorded_at=stamp,
                recorded_by=username,
                reason=reason or "registered",
            )
        )
    replace_assignments(session, record_type.value, [record.id], prepared.where)
    record_audit(
        session,
        username,
        "create",
        ENTITY_OF[record_type],
        record.id,
        after=record_dict(record),
        reason=reason,
    )
    return record


def ensure_editable(record) -> None:
    """Refuse to change a retired record (retired records stay as they were)."""
    if record.retired_on is not None:
        raise ConflictError(msg.RETIRED, id=record.id, retired_on=record.retired_on)


def apply_changes(
    session: Session,
    username: str,
    record,
    prepared: Prepared,
    *,
    reason: str | None,
) -> dict[str, Any]:
    """Write changed fields (and new units when it moved); returns the diff."""
    ensure_editable(record)
    record_type = RecordType(prepared.record_type)
    before = record_dict(record)
    diff = changed_fields(before, prepared.typed)
    diff.pop("status", None)
    diff.pop("status_since", None)
    if not diff:
        return {}
    moved = (prepared.typed["latitude"], prepared.typed["longitude"]) != (
        record.latitude,
        record.longitude,
    )
    if moved:
        replace_assignments(session, record_type.value, [record.id], prepared.where)
    for name, value in diff.items():
        setattr(record, name, value)
    record.location_flag = prepared.flag
    record.updated_at = now()
    record.version += 1
    session.flush()
    after = record_dict(record)
    record_audit(
        session,
        username,
        "update",
        ENTITY_OF[record_type],
        record.id,
        before={k: before[k] for k in diff},
        after={k: after[k] for k in diff},
        reason=reason,
    )
    return diff


def append_status(
    session: Session, username: str, record, status: str, on: date, *, reason: str
) -> None:
    """Move a record to ``status`` from ``on``, appended to its dated history."""
    ensure_editable(record)
    site = record.__tablename__ == "bts_sites"
    statuses = SiteStatus if site else PointStatus
    transitions = SITE_TRANSITIONS if site else POINT_TRANSITIONS
    current = statuses(record.status)
    if statuses(status) not in transitions[current]:
        allowed_next = sorted(s.value for s in transitions[current]) or ["none"]
        raise ConflictError(
            msg.TRANSITION,
            id=record.id,
            current=current.value,
            new=status,
            allowed=allowed_next,
        )
    on = max(on, record.status_since)
    before = {"status": record.status, "status_since": record.status_since}
    record.status, record.status_since = status, on
    record.updated_at = now()
    record.version += 1
    record_type = RecordType.SITE if site else RecordType.POINT
    session.add(
        StatusEntry(
            record_type=record_type.value,
            record_id=record.id,
            status=status,
            effective_on=on,
            recorded_at=now(),
            recorded_by=username,
            reason=reason,
        )
    )
    record_audit(
        session,
        username,
        "change_status",
        ENTITY_OF[record_type],
        record.id,
        before=before,
        after={"status": status, "status_since": on},
        reason=reason,
    )
