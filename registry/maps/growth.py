"""Growth of the BTS network: sites on the air at the end of each year, per unit
and per technology, from the dated status histories.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pandas as pd

from registry.access.permissions import Actor
from registry.kernel.clock import today as current_day
from registry.kernel.db import Registry
from registry.kernel.history import statuses_as_of
from registry.kernel.vocabulary import TECHNOLOGIES, SiteStatus
from registry.records.listing import list_records

FIRST_YEAR = 2005
TOTAL_LABEL = "Tổng"


def _year_ends(
    registry: Registry, sites: pd.DataFrame, first_year: int, until: date
) -> Iterator[tuple[int, date, pd.Series]]:
    """(year, day, on-air mask) for the end of each year up to ``until``."""
    with registry.reading() as session:
        for year in range(first_year, until.year + 1):
            day = min(date(year, 12, 31), until)
            status = sites["id"].map(statuses_as_of(session, "site", day))
            yield year, day, status == SiteStatus.ON_AIR.value


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
    sites = list_records(registry, actor, "site")
    names = sites[f"{level}_name_{edition.replace('-', '_')}"].fillna("—")
    columns = {
        year: on_air.groupby(names).sum()
        for year, _, on_air in _year_ends(registry, sites, first_year, until)
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
    sites = list_records(registry, actor, "site")
    rows = {}
    for year, day, on_air in _year_ends(registry, sites, first_year, until):
        end = pd.Timestamp(day)
        rows[year] = {
            tech: int(
                (
                    on_air & (pd.to_datetime(sites[f"on_air_{tech.lower()}"]) <= end)
                ).sum()
            )
            for tech in TECHNOLOGIES
        }
    return pd.DataFrame(rows).T
