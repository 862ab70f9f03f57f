"""Open the map on one record: "Xem trên bản đồ" from a record, a permit or a
search result.
"""

from __future__ import annotations

from dataclasses import dataclass

from registry.access.permissions import Actor
from registry.kernel.db import Registry
from registry.records.places import get_record

# Half the side of the box the map is fitted to around the record (~550 m).
FOCUS_DEGREES = 0.005


@dataclass(frozen=True)
class Located:
    """A record to show on the map: its id, name and coordinates."""

    record_type: str
    id: int
    name: str
    latitude: float
    longitude: float

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """``(min_lon, min_lat, max_lon, max_lat)`` of a small box around it."""
        d = FOCUS_DEGREES
        return (
            self.longitude - d,
            self.latitude - d,
            self.longitude + d,
            self.latitude + d,
        )


def locate_record(
    registry: Registry, actor: Actor, record_type: str, record_id: int
) -> Located:
    """Where a record is, for the map to zoom to it and open its popup.

    Refused like reading the record: an unknown id (``records.*_not_found``), or
    a record outside the actor's area or network (the records' scope refusals).
    """
    record = get_record(registry, actor, record_type, int(record_id))
    return Located(
        record_type,
        int(record["id"]),
        str(record["name"]),
        float(record["latitude"]),
        float(record["longitude"]),
    )
