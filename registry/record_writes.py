"""What an approved application does to the registry, inside the approval's
transaction: a new site or point, changed fields, new coordinates, a new status.

The records go through the same validator, status history, unit assignment,
location flags and audit entries as :mod:`registry.places`; only the role grants
differ, because the delegation matrix, not the record's grants, authorises the
deciding officer (a commune may approve a BTS site it may not edit itself).
Validation and unit assignment run before the transaction opens (they read only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from registry.audit import changed_fields, record_audit
from registry.batch import initial_history
from registry.checks import validate_values
from registry.clock import now
from registry.db import Registry
from registry.domain import (
    POINT_TRANSITIONS,
    SITE_TRANSITIONS,
    PointStatus,
    RecordType,
    SiteStatus,
)
from registry.errors import ConflictError
from registry.locations import location_flags
from registry.models import StatusEntry
from registry.records import ENTITY_OF, MODEL_OF, field_names, record_dict
from registry.units import Assignment, assign, replace_assignments


@dataclass(frozen=True)
class Prepared:
    """Validated values of a record with their unit assignment and location flag."""

    record_type: str
    typed: dict[str, Any]
    where: Assignment
    flag: str | None
    warnings: list[str]


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


def insert_record(
    session: Session, username: str, prepared: Prepared, *, reason: str, source: str
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
                reason=reason,
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


def _editable(record) -> None:
    if record.retired_on is not None:
        raise ConflictError(
            f"record #{record.id} was retired on {record.retired_on}; an application "
            "cannot change it"
        )


def apply_changes(
    session: Session, username: str, record, prepared: Prepared, *, reason: str
) -> dict[str, Any]:
    """Write changed fields (and new units when it moved); returns the diff."""
    _editable(record)
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
    _editable(record)
    site = record.__tablename__ == "bts_sites"
    statuses = SiteStatus if site else PointStatus
    transitions = SITE_TRANSITIONS if site else POINT_TRANSITIONS
    current = statuses(record.status)
    if statuses(status) not in transitions[current]:
        raise ConflictError(
            f"record #{record.id} is {current.value}; it cannot become {status}"
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
