"""Recent changes from the audit log, limited to what the acting user may see."""

from __future__ import annotations

import json

import pandas as pd
from sqlalchemy import select

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.db import Registry
from registry.kernel.errors import PermissionDeniedError
from registry.kernel.models import AuditEntry
from registry.kernel.vocabulary import RecordType, Role
from registry.records import messages as msg
from registry.records.listing import list_records
from registry.records.rows import ENTITY_OF

COLUMNS = (
    "at",
    "actor",
    "action",
    "record_type",
    "record_id",
    "record_name",
    "records",
    "changed",
    "new_status",
    "reason",
)
_TYPE_OF_ENTITY = {entity: kind for kind, entity in ENTITY_OF.items()}
_CHUNK = 500


class _Scope:
    """The records one actor may see, and what of the log they may read."""

    def __init__(self, registry: Registry, actor: Actor):
        self.readable = [
            kind for kind in RecordType if perm.allowed(actor, perm.READ, kind.value)
        ]
        if not self.readable:
            raise PermissionDeniedError(
                msg.NO_RECORDS_TO_READ,
                user=actor.username,
                action="read recent changes",
            )
        self.visible = {
            kind: list_records(registry, actor, kind, include_retired=True).set_index(
                "id"
            )[["name", "batch_key"]]
            for kind in self.readable
        }
        self.detailed = perm.allowed(actor, perm.READ_AUDIT, "system")
        # Entries about users and boundaries: for those who oversee the province.
        self.system = self.detailed and actor.sees_whole_province
        self.viewer = actor.role == Role.VIEWER

    def entity_types(self) -> list[str] | None:
        """Entity types to read (None: every type)."""
        if self.system:
            return None
        return [ENTITY_OF[kind] for kind in self.readable] + ["batch"]

    def row(self, entry: AuditEntry) -> dict | None:
        """The entry as a row of the result, or None when the actor may not see it."""
        before = json.loads(entry.before) if entry.before else {}
        after = json.loads(entry.after) if entry.after else {}
        row = dict.fromkeys(COLUMNS)
        row.update(at=entry.at, action=entry.action)
        kind = _TYPE_OF_ENTITY.get(entry.entity_type)
        if kind is not None:
            if kind not in self.visible or not str(entry.entity_id).isdigit():
                return None
            record_id = int(entry.entity_id)
            names = self.visible[kind]["name"]
            if record_id not in names.index:
                return None
            row.update(record_type=kind.value, record_id=record_id)
            row["record_name"] = names[record_id]
            row["changed"] = self._changed(entry.action, before, after)
            row["new_status"] = after.get("status")
        elif entry.entity_type == "batch":
            kind = after.get("record_type")
            if kind not in self.visible:
                return None
            count = int((self.visible[kind]["batch_key"] == entry.entity_id).sum())
            if not count:
                return None
            row.update(record_type=kind, records=count)
        elif self.system:
            row.update(record_type=entry.entity_type, record_name=entry.entity_id)
        else:
            return None
        if self.detailed:
            row.update(actor=entry.actor, reason=entry.reason)
        return row

    def _changed(self, action: str, before: dict, after: dict) -> list[str]:
        if action != "update":
            return []
        names = sorted(set(before) | set(after))
        if self.viewer:
            names = [n for n in names if n not in perm.PERSONAL_FIELDS]
        return names


def recent_changes(registry: Registry, actor: Actor, limit: int = 20) -> pd.DataFrame:
    """The latest audit entries about records the actor may see, newest first.

    Parameters
    ----------
    registry : Registry
    actor : Actor
        Area-bound users get entries about records of their area only; an import
        or demo batch appears with the number of its records they may see.
        Operators and viewers (no audit right) get neither who made a change nor
        why; viewers do not see which personal fields changed. Entries about
        users and boundaries are for the department and administrators.
    limit : int, default 20
        At most this many rows.

    Returns
    -------
    pandas.DataFrame
        Columns ``at`` (UTC), ``actor``, ``action``, ``record_type`` (``site``,
        ``point``, or the entity type of a system entry), ``record_id``,
        ``record_name``, ``records`` (records of a batch), ``changed`` (field
        names of an update), ``new_status``, ``reason``.
    """
    if not isinstance(limit, int) or limit < 1:
        raise ValueError(f"'limit' should be a whole number ≥ 1, got {limit!r}")
    scope = _Scope(registry, actor)
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    types = scope.entity_types()
    if types is not None:
        query = query.where(AuditEntry.entity_type.in_(types))
    rows: list[dict] = []
    offset = 0
    with registry.reading() as session:
        while len(rows) < limit:
            chunk = session.scalars(query.offset(offset).limit(_CHUNK)).all()
            if not chunk:
                break
            offset += len(chunk)
            rows += [r for r in map(scope.row, chunk) if r is not None]
    frame = pd.DataFrame(rows[:limit], columns=list(COLUMNS))
    frame["record_id"] = frame["record_id"].astype("Int64")
    frame["records"] = frame["records"].astype("Int64")
    return frame
