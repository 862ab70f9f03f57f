"""Use cases of BTS sites, by name.

The work is shared with public points in :mod:`registry.records.places`.
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

KIND = RecordType.SITE


def create_site(
    registry: Registry,
    actor: Actor,
    values: dict[str, Any],
    *,
    reason: str | None = None,
) -> dict[str, Any]:
    """Register a new BTS site."""
    return create_record(registry, actor, KIND, values, reason=reason)


def update_site(
    registry: Registry,
    actor: Actor,
    site_id: int,
    changes: dict[str, Any],
    *,
    reason: str | None = None,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Change fields of a BTS site; the audit entry keeps before and after."""
    return update_record(
        registry,
        actor,
        KIND,
        site_id,
        changes,
        reason=reason,
        expected_version=expected_version,
    )


def change_site_status(
    registry: Registry,
    actor: Actor,
    site_id: int,
    status: str,
    *,
    effective_on: date | None = None,
    reason: str,
) -> dict[str, Any]:
    """Append a dated status to a BTS site's history."""
    return change_status(
        registry, actor, KIND, site_id, status, effective_on=effective_on, reason=reason
    )


def retire_site(
    registry: Registry, actor: Actor, site_id: int, *, reason: str
) -> dict[str, Any]:
    """Withdraw a BTS site from current views; it is kept with its history."""
    return retire_record(registry, actor, KIND, site_id, reason=reason)


def get_site(registry: Registry, actor: Actor, site_id: int) -> dict[str, Any]:
    """One BTS site with its units, status history and audit trail."""
    return get_record(registry, actor, KIND, site_id)


def list_sites(
    registry: Registry,
    actor: Actor,
    *,
    as_of: date | None = None,
    include_retired: bool = False,
) -> pd.DataFrame:
    """The sites the actor may see, optionally as they stood on a past date."""
    return list_records(
        registry, actor, KIND, as_of=as_of, include_retired=include_retired
    )
