"""Use cases of public Internet and game points, by name.

The work is shared with BTS sites in :mod:`registry.records.places`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from registry.access.permissions import Actor
from registry.kernel.db import Registry
from registry.kernel.vocabulary import RecordType
from registry.records.listing import list_records
from registry.records.places import (
    change_status,
    create_record,
    get_record,
    retire_record,
    update_record,
)

KIND = RecordType.POINT


def create_point(
    registry: Registry,
    actor: Actor,
    values: dict[str, Any],
    *,
    reason: str | None = None,
) -> dict[str, Any]:
    """Register a new public point."""
    return create_record(registry, actor, KIND, values, reason=reason)


def update_point(
    registry: Registry,
    actor: Actor,
    point_id: int,
    changes: dict[str, Any],
    *,
    reason: str | None = None,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Change fields of a public point; the audit entry keeps before and after."""
    return update_record(
        registry,
        actor,
        KIND,
        point_id,
        changes,
        reason=reason,
        expected_version=expected_version,
    )


def change_point_status(
    registry: Registry,
    actor: Actor,
    point_id: int,
    status: str,
    *,
    effective_on: date | None = None,
    reason: str,
) -> dict[str, Any]:
    """Append a dated status to a public point's history."""
    return change_status(
        registry,
        actor,
        KIND,
        point_id,
        status,
        effective_on=effective_on,
        reason=reason,
    )


def retire_point(
    registry: Registry, actor: Actor, point_id: int, *, reason: str
) -> dict[str, Any]:
    """Withdraw a public point from current views; it is kept with its history."""
    return retire_record(registry, actor, KIND, point_id, reason=reason)


def get_point(registry: Registry, actor: Actor, point_id: int) -> dict[str, Any]:
    """One public point with its units, status history and audit trail."""
    return get_record(registry, actor, KIND, point_id)


def list_points(
    registry: Registry,
    actor: Actor,
    *,
    as_of: date | None = None,
    include_retired: bool = False,
) -> pd.DataFrame:
    """The points the actor may see, optionally as they stood on a past date."""
    return list_records(
        registry, actor, KIND, as_of=as_of, include_retired=include_retired
    )
