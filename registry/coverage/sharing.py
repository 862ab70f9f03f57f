"""Infrastructure sharing: co-located sites and candidates for sharing, per unit.

A site is co-located when its record names other operators sharing its structure
(``co_located``). Two on-air sites of different operators closer than the sharing
distance (setting ``REGISTRY_SHARING_DISTANCE_M``) are a candidate pair: two
structures where one might do. Pairs are found with one spatial-index query.

Who sees what: like coverage, whole-province figures for every role but operators,
who see their own sites only; in a pair the other operator's site is shown by its
operator and distance, without its code or name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from geodata.distance import close_pairs
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.coverage import messages as msg
from registry.coverage.serving import in_area, serving_sites
from registry.kernel.clock import today as current_day
from registry.kernel.db import Registry
from registry.kernel.errors import FieldError
from registry.kernel.vocabulary import Role
from registry.units.divisions import check_edition_level, units_frame

PAIR_COLUMNS = (
    "site_id_a",
    "site_code_a",
    "name_a",
    "network_a",
    "site_id_b",
    "site_code_b",
    "name_b",
    "network_b",
    "distance_m",
    "commune_code",
    "commune_name",
    "district_name",
)


@dataclass
class SharingReport:
    """Co-location and sharing candidates of one edition and level on a date."""

    as_of: date
    edition: str
    level: str
    distance_m: float
    units: pd.DataFrame
    pairs: pd.DataFrame


def _check(actor: Actor, edition: str, level: str, distance_m) -> None:
    perm.require(actor, perm.READ, "site")
    check_edition_level(edition, level)
    if distance_m is not None and not (
        isinstance(distance_m, (int, float)) and 0 < distance_m <= 10_000
    ):
        raise FieldError("distance_m", distance_m, msg.SHARING_DISTANCE)


def _pairs(sites: pd.DataFrame, distance_m: float, edition: str, names: dict):
    first, second, metres = close_pairs(
        sites["latitude"], sites["longitude"], distance_m
    )
    a, b = sites.iloc[first].reset_index(drop=True), sites.iloc[second]
    b = b.reset_index(drop=True)
    suffix = edition.replace("-", "_")
    pairs = pd.DataFrame(
        {
            "site_id_a": a["id"],
            "site_code_a": a["site_code"],
            "name_a": a["name"],
            "network_a": a["network_code"],
            "site_id_b": b["id"],
            "site_code_b": b["site_code"],
            "name_b": b["name"],
            "network_b": b["network_code"],
            "distance_m": metres,
            "commune_code": a[f"commune_{suffix}"],
            "district_code": a[f"district_{suffix}"],
        }
    )
    pairs = pairs[pairs["network_a"] != pairs["network_b"]]
    pairs["commune_name"] = pairs["commune_code"].map(names)
    pairs["district_name"] = pairs["district_code"].map(names)
    return pairs.sort_values(["distance_m", "site_id_a"]).reset_index(drop=True)


def _own_side_first(pairs: pd.DataFrame, network: str) -> pd.DataFrame:
    """Operators: pairs with one of their sites, theirs as side a, the other hidden."""
    pairs = pairs[(pairs["network_a"] == network) | (pairs["network_b"] == network)]
    swap = pairs["network_b"] == network
    for column in ("site_id", "site_code", "name", "network"):
        a, b = pairs[f"{column}_a"].copy(), pairs[f"{column}_b"].copy()
        pairs.loc[swap, f"{column}_a"] = b[swap]
        pairs.loc[swap, f"{column}_b"] = a[swap]
    pairs = pairs.astype({"site_id_b": object, "site_code_b": object, "name_b": object})
    pairs.loc[:, ["site_id_b", "site_code_b", "name_b"]] = None
    return pairs.reset_index(drop=True)


def sharing_report(
    registry: Registry,
    actor: Actor,
    *,
    as_of: date | None = None,
    edition: str = "2025-06",
    level: str = "commune",
    distance_m: float | None = None,
    units: Sequence[str] | None = None,
) -> SharingReport:
    """Co-located sites and close pairs of different operators, per unit.

    Parameters
    ----------
    as_of
        The date (default today); only sites on the air then count.
    edition, level
        The units: ``commune`` in either edition, ``district`` in 2025-06.
    distance_m
        The pair distance in metres (default: the setting).
    units
        Codes of ``level`` units to keep (rows, and pairs whose site a lies there).
    """
    _check(actor, edition, level, distance_m)
    as_of = as_of or current_day()
    distance_m = float(distance_m or registry.config.sharing_distance_m)
    sites = serving_sites(registry, as_of)
    with registry.reading() as session:
        every = units_frame(session, edition)
    names = dict(zip(every["code"], every["name"], strict=True))
    pairs = _pairs(sites, distance_m, edition, names)
    if actor.role == Role.OPERATOR:
        sites = sites[sites["network_code"] == actor.network_code]
        pairs = _own_side_first(pairs, actor.network_code)
    suffix = edition.replace("-", "_")
    table = every.loc[every["level"] == level, ["code", "name", "parent_code"]]
    table = table.reset_index(drop=True)
    column = f"{level}_{suffix}"
    shared = sites["co_located"].fillna("").str.strip() != ""
    table["sites"] = table["code"].map(sites.groupby(column).size())
    table["co_located"] = table["code"].map(sites[shared].groupby(column).size())
    pair_unit = pairs[f"{level}_code"] if level == "commune" else pairs["district_code"]
    table["candidate_pairs"] = table["code"].map(pair_unit.value_counts())
    counts = ["sites", "co_located", "candidate_pairs"]
    table[counts] = table[counts].fillna(0).astype(int)
    table["co_located_share"] = table["co_located"] / table["sites"].where(
        table["sites"] > 0
    )
    communes = every[every["level"] == "commune"]
    parents = dict(zip(communes["code"], communes["parent_code"], strict=True))
    table["in_area"] = in_area(table, actor, edition, level, parents)
    if units is not None:
        keep = set(units)
        table = table[table["code"].isin(keep)].reset_index(drop=True)
        pairs = pairs[pair_unit.isin(keep)].reset_index(drop=True)
    return SharingReport(
        as_of, edition, level, distance_m, table, pairs[list(PAIR_COLUMNS)]
    )
