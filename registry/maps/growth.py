"""Growth of the BTS network: sites on the air at the end of each year, per unit
and per technology, from the dated status histories.

:func:`on_air_at_year_ends` and :func:`technologies_on_air` are the one count of
year-end sites; the map page's tables here and :mod:`registry.maps.growth_report`
both use them.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import select

from registry.access.permissions import Actor
from registry.kernel.clock import today as current_day
from registry.kernel.db import Registry
from registry.kernel.models import StatusEntry
from registry.kernel.vocabulary import TECHNOLOGIES, SiteStatus
from registry.records.listing import list_records

FIRST_YEAR = 2005
TOTAL_LABEL = "Tổng"


def on_air_at_year_ends(
    registry: Registry, ids: np.ndarray, first_year: int, until: date
) -> dict[int, tuple[date, np.ndarray]]:
    """year -> (day, mask of the site ``ids`` on the air that day), from one query.

    The day is 31 December, or ``until`` for its own year. A site's status on a day
    is its latest entry that took effect on or before it (same-day entries in the
    order they were recorded); sites with no entry yet are not on the air.
    """
    with registry.reading() as session:
        rows = session.execute(
            select(StatusEntry.record_id, StatusEntry.status, StatusEntry.effective_on)
            .where(StatusEntry.record_type == "site")
            .order_by(StatusEntry.record_id, StatusEntry.effective_on, StatusEntry.id)
        ).all()
    history = pd.DataFrame(rows, columns=["id", "status", "effective_on"])
    history["effective_on"] = pd.to_datetime(history["effective_on"])
    masks = {}
    for year in range(first_year, until.year + 1):
        day = min(date(year, 12, 31), until)
        known = history[history["effective_on"] <= pd.Timestamp(day)]
        status = known.groupby("id")["status"].last()
        live = status.index[status == SiteStatus.ON_AIR.value]
        masks[year] = (day, np.isin(ids, live))
    return masks


def technologies_on_air(
    sites: pd.DataFrame, on_air: np.ndarray, day: date
) -> dict[str, int]:
    """technology -> how many of the ``on_air`` sites carried it on ``day``
    (its ``on_air_<tech>`` date is on or before the day)."""
    end = pd.Timestamp(day)
    return {
        tech: int(
            (on_air & (pd.to_datetime(sites[f"on_air_{tech.lower()}"]) <= end)).sum()
        )
        for tech in TECHNOLOGIES
    }


def _current_sites(registry: Registry, actor: Actor) -> pd.DataFrame:
    """The sites the actor may see that are not retired, numbered from 0."""
    return list_records(registry, actor, "site").reset_index(drop=True)


def growth_by_year(
    registry: Registry,
    actor: Actor,
    *,
    edition: str = "2025-06",
    level: str = "district",
    first_year: int = FIRST_YEAR,
    until: date | None = None,
) -> pd.DataFrame:
    """Sites on the air at the end of every year (the last year: ``until``).

    One row per unit name plus a total row, one column per year; only the sites
    the actor may see are counted.
    """
    until = until or current_day()
    sites = _current_sites(registry, actor)
    names = sites[f"{level}_name_{edition.replace('-', '_')}"].fillna("—")
    masks = on_air_at_year_ends(registry, sites["id"].to_numpy(), first_year, until)
    columns = {
        year: pd.Series(on_air, index=sites.index).groupby(names).sum()
        for year, (_, on_air) in masks.items()
    }
    table = pd.DataFrame(columns).fillna(0).astype(int).sort_index()
    table.loc[TOTAL_LABEL] = table.sum()
    return table


def technology_growth(
    registry: Registry,
    actor: Actor,
    *,
    first_year: int = FIRST_YEAR,
    until: date | None = None,
) -> pd.DataFrame:
    """Sites on the air with each technology at the end of every year."""
    until = until or current_day()
    sites = _current_sites(registry, actor)
    masks = on_air_at_year_ends(registry, sites["id"].to_numpy(), first_year, until)
    rows = {
        year: technologies_on_air(sites, on_air, day)
        for year, (day, on_air) in masks.items()
    }
    return pd.DataFrame(rows).T
