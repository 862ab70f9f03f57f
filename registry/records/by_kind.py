"""The use cases of records, one object per kind: :data:`SITES` (BTS sites) and
:data:`POINTS` (public Internet and game points).

``SITES.create(registry, actor, values)`` registers a site,
``POINTS.retire(registry, actor, point_id, reason=...)`` retires a point, and so on;
the work itself, the same for both kinds, is in :mod:`registry.records.places`.
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class RecordUseCases:
    """Create, update, change status, retire, read and list records of one kind."""

    kind: RecordType

    def create(
        self,
        registry: Registry,
        actor: Actor,
        values: dict[str, Any],
        *,
        reason: str | None = None,
    ) -> dict[str, Any]:
        """Register a new record of this kind; returns it with its warnings."""
        return create_record(registry, actor, self.kind, values, reason=reason)

    def update(
        self,
        registry: Registry,
        actor: Actor,
        record_id: int,
        changes: dict[str, Any],
        *,
        reason: str | None = None,
        expected_version: int | None = None,
    ) -> dict[str, Any]:
        """Change fields of a record; the audit entry keeps before and after."""
        return update_record(
            registry,
            actor,
            self.kind,
            record_id,
            changes,
            reason=reason,
            expected_version=expected_version,
        )

    def change_status(
        self,
        registry: Registry,
        actor: Actor,
        record_id: int,
        status: str,
        *,
        effective_on: date | None = None,
        reason: str,
    ) -> dict[str, Any]:
        """Append a dated status to a record's history."""
        return change_status(
            registry,
            actor,
            self.kind,
            record_id,
            status,
            effective_on=effective_on,
            reason=reason,
        )

    def retire(
        self, registry: Registry, actor: Actor, record_id: int, *, reason: str
    ) -> dict[str, Any]:
        """Withdraw a record from current views; it is kept with its history."""
        return retire_record(registry, actor, self.kind, record_id, reason=reason)

    def get(self, registry: Registry, actor: Actor, record_id: int) -> dict[str, Any]:
        """One record with its units, status history and audit trail."""
        return get_record(registry, actor, self.kind, record_id)

    def list(
        self,
        registry: Registry,
        actor: Actor,
        *,
        as_of: date | None = None,
        include_retired: bool = False,
    ) -> pd.DataFrame:
        """The records the actor may see, optionally as they stood on a past date."""
        return list_records(
            registry, actor, self.kind, as_of=as_of, include_retired=include_retired
        )


SITES = RecordUseCases(RecordType.SITE)
POINTS = RecordUseCases(RecordType.POINT)
