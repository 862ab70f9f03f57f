"""Conversions between validated rows, stored records and plain dictionaries."""

from __future__ import annotations

import math
from datetime import date, datetime, time
from typing import Any

import pandas as pd

from registry.domain import RecordType, SiteStatus
from registry.fields import fields_for
from registry.models import BtsSite, PublicPoint

MODEL_OF = {RecordType.SITE: BtsSite, RecordType.POINT: PublicPoint}
TABLE_OF = {kind: model.__table__ for kind, model in MODEL_OF.items()}
ENTITY_OF = {RecordType.SITE: "bts_site", RecordType.POINT: "public_point"}

# Stored columns that are not entered through fields (set by the registry itself).
SYSTEM_COLUMNS = (
    "id",
    "location_flag",
    "source",
    "retired_on",
    "retired_reason",
    "created_at",
    "updated_at",
    "version",
)


def field_names(record_type: str) -> list[str]:
    """Names of the fields a person enters for this kind of record."""
    return [spec.name for spec in fields_for(record_type)]


def python_value(value: Any) -> Any:
    """Turn pandas/numpy scalars into plain Python values (missing → None)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item") and not isinstance(value, str | date | time):
        return value.item()
    return value


def rows_from_frame(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    """Plain dictionaries of the given columns, one per row of a validated frame."""
    present = [c for c in columns if c in frame.columns]
    records = frame[present].to_dict("records")
    return [{k: python_value(v) for k, v in row.items()} for row in records]


def to_text(value: Any) -> str:
    """Render a stored value the way a person would type it in a file or form."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return repr(value)
    return str(value)


def record_dict(record: BtsSite | PublicPoint) -> dict[str, Any]:
    """Every stored column of a record as a plain dictionary."""
    return {c.name: getattr(record, c.name) for c in record.__table__.columns}


def initial_history(values: dict[str, Any]) -> list[tuple[str, date]]:
    """Dated statuses a new record starts with.

    A site that declares on-air dates was on air since the earliest of them, even
    when its current status (say, suspended) began later.
    """
    status, since = values["status"], values["status_since"]
    on_air = [values.get(f"on_air_{t}") for t in ("2g", "3g", "4g", "5g")]
    on_air = [d for d in on_air if d is not None]
    if on_air and status != SiteStatus.PLANNED and status != SiteStatus.LICENSED:
        first = min(on_air)
        if status == SiteStatus.ON_AIR:
            return [(status, min(first, since))]
        if first < since:
            return [(SiteStatus.ON_AIR.value, first), (status, since)]
    return [(status, since)]
