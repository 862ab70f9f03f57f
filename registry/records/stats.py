"""Counts for the actor's area: sites, points, certificates, flags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.clock import today as current_day
from registry.kernel.db import Registry
from registry.kernel.vocabulary import OPERATORS, TECHNOLOGIES, PointKind
from registry.records.listing import list_records

EXPIRY_WARNING_DAYS = 60


@dataclass(frozen=True)
class RegistryStats:
    """Figures of one area on one day."""

    sites_by_operator: dict[str, int]
    sites_by_technology: dict[str, int]
    sites_by_status: dict[str, int]
    points_by_kind: dict[str, int]
    points_by_status: dict[str, int]
    certificates_expiring: int
    certificates_expired: int
    game_points_without_certificate: int
    flagged_records: int
    sites_by_district: dict[str, int]


def _counts(series: pd.Series) -> dict[str, int]:
    return {str(k): int(v) for k, v in series.value_counts().sort_index().items()}


def compute_stats(
    registry: Registry, actor: Actor, *, on: date | None = None
) -> RegistryStats:
    """Counts over the records the actor may see (retired records left out)."""
    on = on or current_day()
    sites = list_records(registry, actor, "site")
    points = (
        list_records(registry, actor, "point")
        if perm.allowed(actor, perm.READ, "point")
        else pd.DataFrame(
            columns=["kind", "status", "location_flag", "certificate_expires_on"]
        )
    )
    on_air = sites[sites["status"] == "on_air"]
    technology = {
        t: int(on_air[f"on_air_{t.lower()}"].notna().sum()) for t in TECHNOLOGIES
    }
    games = points[points["kind"] == PointKind.GAME_POINT.value]
    open_games = games[games["status"].isin(["operating", "suspended"])]
    expires = pd.to_datetime(open_games.get("certificate_expires_on")).dt.date
    horizon = on + timedelta(days=EXPIRY_WARNING_DAYS)
    return RegistryStats(
        sites_by_operator={
            OPERATORS[k].name: v for k, v in _counts(on_air["network_code"]).items()
        },
        sites_by_technology=technology,
        sites_by_status=_counts(sites["status"]),
        points_by_kind=_counts(points["kind"]),
        points_by_status=_counts(points["status"]),
        certificates_expiring=int(((expires >= on) & (expires <= horizon)).sum()),
        certificates_expired=int((expires < on).sum()),
        game_points_without_certificate=int(expires.isna().sum()),
        flagged_records=int(
            sites["location_flag"].notna().sum() + points["location_flag"].notna().sum()
        ),
        sites_by_district=_counts(on_air.get("district_name_2025_06", pd.Series())),
    )
