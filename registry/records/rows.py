"""Conversions between validated rows, stored records and plain dictionaries."""

from __future__ import annotations

import math
from datetime import date, datetime, time
from typing import Any

import pandas as pd

from registry.kernel.models import MODEL_OF, BtsSite, PublicPoint
from registry.kernel.vocabulary import RecordType
from registry.records.fields import fields_for

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
