"""Growth of the network year by year: sites and technologies, change, 5G roll-out.

Counts are of sites on the air at the end of each year (the last year: the given
day), from the dated status histories and the on-air date of each technology, with
the same functions as :mod:`registry.maps.growth`; here they come with the
year-on-year change and per unit (keyed by code), optionally for a set of communes
(a cluster, a district, a commune).
Only the sites the actor may see are counted (operators: their own network).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from geodata.editions import EDITIONS
from registry.access.permissions import Actor
from registry.kernel.clock import today as current_day
from registry.kernel.db import Registry
from registry.kernel.errors import FieldError
from registry.maps import messages as msg
from registry.maps.growth import (
    FIRST_YEAR,
    on_air_at_year_ends,
    technologies_on_air,
)
from registry.records.listing import list_records
from registry.units import messages as units_msg


@dataclass
class GrowthReport:
    """Yearly figures (see :func:`growth_report`)."""

    until: date
    edition: str
    level: str
    years: pd.DataFrame
    units: pd.DataFrame
    fiveg: pd.DataFrame


def _year_table(sites: pd.DataFrame, masks) -> pd.DataFrame:
    rows = {}
    for year, (day, on_air) in masks.items():
        counts = technologies_on_air(sites, on_air, day)
        rows[year] = {"sites": int(on_air.sum())} | {
            f"sites_{tech.lower()}": count for tech, count in counts.items()
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "year"
    table.insert(1, "change", table["sites"].diff())
    previous = table["sites"].shift()
    table.insert(2, "change_pct", table["change"] / previous.where(previous > 0))
    table["share_5g"] = table["sites_5g"] / table["sites"].where(table["sites"] > 0)
    return table


def _unit_tables(sites, masks, column, names) -> tuple[pd.DataFrame, pd.DataFrame]:
    codes = sites[column]
    per_year = {
        year: pd.Series(on_air, index=sites.index).groupby(codes).sum()
        for year, (_, on_air) in masks.items()
    }
    units = pd.DataFrame(per_year).fillna(0).astype(int)
    units.index.name = "code"
    units = units.reset_index()
    units.insert(1, "name", units["code"].map(names))
    last_day, last = masks[max(masks)]
    fiveg_dates = pd.to_datetime(sites["on_air_5g"])
    has_5g = last & (fiveg_dates <= pd.Timestamp(last_day)).to_numpy()
    live = pd.DataFrame({"code": codes, "live": last, "five": has_5g})
    live["first"] = fiveg_dates.dt.year.where(has_5g)
    grouped = live.groupby("code")
    fiveg = pd.DataFrame(
        {
            "sites": grouped["live"].sum(),
            "sites_5g": grouped["five"].sum(),
            "first_5g_year": grouped["first"].min(),
        }
    ).reset_index()
    fiveg.insert(1, "name", fiveg["code"].map(names))
    fiveg["share_5g"] = fiveg["sites_5g"] / fiveg["sites"].where(fiveg["sites"] > 0)
    fiveg["first_5g_year"] = fiveg["first_5g_year"].astype("Int64")
    return units, fiveg.sort_values("code").reset_index(drop=True)


def growth_report(
    registry: Registry,
    actor: Actor,
    *,
    edition: str = "2025-06",
    level: str = "district",
    until: date | None = None,
    first_year: int = FIRST_YEAR,
    units: Sequence[str] | None = None,
) -> GrowthReport:
    """Sites and technologies on the air at each year end, with the change.

    Parameters
    ----------
    edition, level
        The units of the per-unit tables.
    until
        The last day counted (default today); earlier years end on 31 December.
    units
        Commune codes of ``edition``: count only the sites in those communes (the
        communes of a cluster, of a district, or one commune).

    Returns
    -------
    GrowthReport
        ``years``: index year; ``sites``, ``change``, ``change_pct`` (fraction),
        ``sites_2g`` … ``sites_5g``, ``share_5g``. ``units``: ``code``, ``name``
        and one column per year. ``fiveg``: per unit ``sites``, ``sites_5g``,
        ``share_5g``, ``first_5g_year``.
    """
    if edition not in EDITIONS:
        raise FieldError("edition", edition, units_msg.EDITION, editions=list(EDITIONS))
    if level not in EDITIONS[edition].levels:
        raise FieldError("level", level, msg.LEVEL, levels=EDITIONS[edition].levels)
    until = until or current_day()
    if not FIRST_YEAR <= first_year <= until.year:
        raise FieldError(
            "first_year", first_year, msg.FIRST_YEAR, low=FIRST_YEAR, high=until.year
        )
    sites = list_records(registry, actor, "site", include_retired=True)
    suffix = edition.replace("-", "_")
    if units is not None:
        sites = sites[sites[f"commune_{suffix}"].isin(set(units))]
    sites = sites.reset_index(drop=True)
    masks = on_air_at_year_ends(registry, sites["id"].to_numpy(), first_year, until)
    names = dict(
        zip(sites[f"{level}_{suffix}"], sites[f"{level}_name_{suffix}"], strict=True)
    )
    unit_table, fiveg = _unit_tables(sites, masks, f"{level}_{suffix}", names)
    return GrowthReport(
        until, edition, level, _year_table(sites, masks), unit_table, fiveg
    )
