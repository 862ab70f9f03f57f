"""The sites that serve on a date, with what the coverage model needs to know of them.

Coverage, sharing and their reports look at the whole network on a date (a site
near a district border serves both sides), so this reads every site, not only the
ones the actor may list; the services that use it return aggregated figures and
check the actor's rights themselves.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import select

from registry.access.permissions import Actor
from registry.kernel.db import Registry
from registry.kernel.history import statuses_as_of
from registry.kernel.models import BtsSite
from registry.kernel.vocabulary import TECHNOLOGIES, SiteStatus
from registry.records.listing import unit_codes
from registry.units.divisions import units_frame

URBAN_EDITION = "2025-06"
"""Edition whose commune types decide urban or rural radii. Its units are finer and
keep the thị trấn (towns); the 2025-07 merger made most towns part of a xã, which
would shrink coverage on paper without a single antenna changing."""

URBAN_TYPES = ("Phường", "Thị trấn")
"""Commune types served with the urban radius (wards and towns)."""

SITE_COLUMNS = (
    "id",
    "network_code",
    "site_code",
    "name",
    "latitude",
    "longitude",
    "co_located",
    *(f"on_air_{tech.lower()}" for tech in TECHNOLOGIES),
)


def _suffix(edition: str) -> str:
    return edition.replace("-", "_")


def urban_communes(registry: Registry) -> set[str]:
    """Codes of the 2025-06 communes that are wards or towns."""
    with registry.reading() as session:
        communes = units_frame(session, URBAN_EDITION, "commune")
    return set(communes.loc[communes["unit_type"].isin(URBAN_TYPES), "code"])


def serving_sites(registry: Registry, as_of: date) -> pd.DataFrame:
    """Every site on the air on ``as_of`` (its dated status), whoever may see it.

    Returns one row per site with :data:`SITE_COLUMNS`, the ``on_air_*`` dates as
    timestamps, ``commune_<edition>`` / ``district_<edition>`` codes of every
    edition and ``urban`` (the 2025-06 commune is a ward or town).
    """
    columns = [getattr(BtsSite, name) for name in SITE_COLUMNS]
    with registry.reading() as session:
        rows = session.execute(select(*columns)).all()
        statuses = statuses_as_of(session, "site", as_of)
        codes = unit_codes(session, "site")
    sites = pd.DataFrame(rows, columns=list(SITE_COLUMNS))
    live = statuses[statuses == SiteStatus.ON_AIR.value].index
    sites = sites[sites["id"].isin(live)]
    for tech in TECHNOLOGIES:
        column = f"on_air_{tech.lower()}"
        sites[column] = pd.to_datetime(sites[column])
    sites = sites.merge(codes, on="id", how="left")
    urban = urban_communes(registry)
    sites["urban"] = sites[f"commune_{_suffix(URBAN_EDITION)}"].isin(urban)
    return sites.sort_values("id").reset_index(drop=True)


def serves(sites: pd.DataFrame, technology: str, as_of: date) -> np.ndarray:
    """Mask of the sites whose ``technology`` was on the air on ``as_of``."""
    column = sites[f"on_air_{technology.lower()}"]
    return (column.notna() & (column <= pd.Timestamp(as_of))).to_numpy()


def in_area(
    table: pd.DataFrame, actor: Actor, edition: str, level: str, parents: dict
) -> pd.Series:
    """Mask of the rows (``code``, ``parent_code``) inside the actor's own area.

    ``parents`` maps commune code -> district code (to find a commune officer's
    district). Everyone without an area, or with one of another edition: all False.
    """
    if actor.area_level is None or actor.area_edition != edition:
        return pd.Series(False, index=table.index)
    if actor.area_level == level:
        return table["code"] == actor.area_code
    if actor.area_level == "district":  # a district officer looking at communes
        return table["parent_code"] == actor.area_code
    # Commune staff looking at districts: their commune's district.
    return table["code"] == parents.get(actor.area_code)
