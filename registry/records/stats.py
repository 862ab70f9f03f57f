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
NO_DISTRICT = "(no district)"
"""Key of :attr:`RegistryStats.sites_by_district` counting on-air sites that lie in
no district (outside every polygon after a boundary import): counted, not dropped."""


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
    records_without_unit: dict[str, int]


def _counts(series: pd.Series) -> dict[str, int]:
    return {str(k): int(v) for k, v in series.value_counts().sort_index().items()}


def _by_district(sites: pd.DataFrame) -> dict[str, int]:
    """On-air sites per 2025-06 district, those in none under :data:`NO_DISTRICT`."""
    names = sites.get("district_name_2025_06", pd.Series(dtype=object))
    counts = _counts(names)
    missing = int(names.isna().sum())
    if missing:
        counts[NO_DISTRICT] = missing
    return counts


def _without_unit(frame: pd.DataFrame) -> int:
    """Records that lie in no commune of at least one edition."""
    columns = [c for c in frame.columns if c.startswith("commune_20")]
    if frame.empty or not columns:
        return 0
    return int(frame[columns].isna().any(axis=1).sum())


def compute_stats(
    registry: Registry, actor: Actor, *, on: date | None = None
) -> RegistryStats:
    """Counts over the records the actor may see (retired records left out).

    Records in no unit (after a boundary import, outside every polygon) are
    counted: under :data:`NO_DISTRICT` in the sites per district, and per kind in
    ``records_without_unit`` (no commune in at least one edition).
    """
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
        sites_by_district=_by_district(on_air),
        records_without_unit={
            "site": _without_unit(sites),
            "point": _without_unit(points),
        },
    )
