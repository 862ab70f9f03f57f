"""Dated status histories: a record's past, and the registry as it stood on a date."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.kernel.models import StatusEntry


def status_history(session: Session, record_type: str, record_id: int) -> list[dict]:
    """Every status entry of one record, in the order they took effect."""
    rows = session.scalars(
        select(StatusEntry)
        .where(
            StatusEntry.record_type == record_type, StatusEntry.record_id == record_id
        )
        .order_by(StatusEntry.effective_on, StatusEntry.id)
    )
    return [
        {
            "status": r.status,
            "effective_on": r.effective_on,
            "recorded_at": r.recorded_at,
            "recorded_by": r.recorded_by,
            "reason": r.reason,
        }
        for r in rows
    ]


def statuses_as_of(session: Session, record_type: str, as_of: date) -> pd.Series:
    """Status of every record on ``as_of`` (records that did not exist yet are absent).

    The latest entry that took effect on or before the date wins; entries of the same
    date are ordered by when they were recorded.
    """
    rows = session.execute(
        select(StatusEntry.record_id, StatusEntry.status)
        .where(
            StatusEntry.record_type == record_type, StatusEntry.effective_on <= as_of
        )
        .order_by(StatusEntry.record_id, StatusEntry.effective_on, StatusEntry.id)
    ).all()
    if not rows:
        return pd.Series(dtype=object, name="status")
    frame = pd.DataFrame(rows, columns=["record_id", "status"])
    return frame.groupby("record_id")["status"].last()
