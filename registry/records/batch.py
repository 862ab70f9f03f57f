"""Storing many new records at once (imports and the demo) in one transaction.

A batch writes one audit entry for the whole batch (who, when, what file, why);
each record carries the batch's key, so its audit trail shows the entry that
created it. Later changes to a record are audited one by one.
"""

from __future__ import annotations

import uuid
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from registry.access.permissions import Actor
from registry.kernel.audit import record_audit
from registry.kernel.bulk import reserve_ids, write_frame
from registry.kernel.clock import now
from registry.kernel.models import StatusEntry
from registry.kernel.vocabulary import RecordType, SiteStatus
from registry.records.rows import TABLE_OF, field_names
from registry.units.divisions import Assignment, replace_assignments

_ON_AIR_COLUMNS = ("on_air_2g", "on_air_3g", "on_air_4g", "on_air_5g")


def initial_history(frame: pd.DataFrame) -> pd.DataFrame:
    """Dated statuses new records start with: columns position, status, effective_on.

    A site that declares on-air dates was on air since the earliest of them, even
    when its current status (say, suspended) began later.
    """
    status = frame["status"].astype(object).to_numpy()
    since = pd.to_datetime(frame["status_since"]).to_numpy()
    present = [c for c in _ON_AIR_COLUMNS if c in frame.columns]
    if present:
        on_air = pd.concat([pd.to_datetime(frame[c]) for c in present], axis=1)
        first = on_air.min(axis=1).to_numpy()
    else:
        first = np.full(len(frame), np.datetime64("NaT"), dtype="datetime64[ns]")
    live = ~np.isin(status, [SiteStatus.PLANNED.value, SiteStatus.LICENSED.value])
    earlier = live & ~np.isnat(first) & (first < since)
    # An on-air site simply starts earlier; any other live status gets a prior entry.
    start = np.where(earlier & (status == SiteStatus.ON_AIR.value), first, since)
    prior = earlier & (status != SiteStatus.ON_AIR.value)
    positions = np.arange(len(frame))
    main = pd.DataFrame(
        {"position": positions, "status": status, "effective_on": start}
    )
    before = pd.DataFrame(
        {
            "position": positions[prior],
            "status": SiteStatus.ON_AIR.value,
            "effective_on": first[prior],
        }
    )
    return pd.concat([before, main], ignore_index=True).sort_values(
        ["position", "effective_on"], kind="stable"
    )


def new_batch_key(kind: str) -> str:
    """A short unique key for a batch, e.g. ``import-20261127-1a2b3c4d``."""
    return f"{kind}-{now():%Y%m%d}-{uuid.uuid4().hex[:8]}"


def store_new_records(
    session: Session,
    actor: Actor,
    record_type: str,
    frame: pd.DataFrame,
    *,
    where: Assignment,
    flags: list[str | None],
    source: str,
    reason: str,
    batch_key: str,
    details: dict[str, Any] | None = None,
    history: pd.DataFrame | None = None,
) -> list[int]:
    """Insert records with their status histories, unit assignments and the batch's
    audit entry. ``frame`` holds the entered fields (typed); ``history`` (position,
    status, effective_on) defaults to what each row's status and dates imply.
    Returns the new ids in the order of the frame's rows.
    """
    record_type = RecordType(record_type)
    stamp = now()
    table = TABLE_OF[record_type]
    ids = reserve_ids(session, table, len(frame))
    records = frame[[c for c in field_names(record_type) if c in frame.columns]].copy()
    records["id"] = ids
    records["location_flag"] = flags
    records["source"] = source
    records["batch_key"] = batch_key
    records["created_at"] = stamp
    records["updated_at"] = stamp
    records["version"] = 1
    write_frame(session, table, records)

    history = initial_history(records) if history is None else history
    id_array = np.asarray(ids)
    write_frame(
        session,
        StatusEntry.__table__,
        pd.DataFrame(
            {
                "record_type": record_type.value,
                "record_id": id_array[history["position"].to_numpy()],
                "status": history["status"].to_numpy(),
                "effective_on": history["effective_on"].to_numpy(),
                "recorded_at": stamp,
                "recorded_by": actor.username,
                "reason": reason,
            }
        ),
    )
    replace_assignments(session, record_type.value, ids, where, new_records=True)
    record_audit(
        session,
        actor.username,
        "create_batch",
        "batch",
        batch_key,
        after={
            "record_type": record_type.value,
            "records": len(ids),
            "first_id": min(ids, default=None),
            "last_id": max(ids, default=None),
            "source": source,
            **(details or {}),
        },
        reason=reason,
    )
    return ids
