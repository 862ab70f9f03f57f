"""Coverage of the mobile network per commune and district, on any date.

The model: each site on the air serves a disc whose radius depends on the
technology and on whether the site stands in a town (settings
``REGISTRY_COVERAGE_RADII``; no regulation fixes these figures, they are a
planning model). Covered area is the union of the discs, clipped to the province,
computed in WGS 84 / UTM 48N. Where a population was imported, the people of a
commune are assumed to be spread evenly over its area, so the covered population is
the population times the covered share; districts add up their communes.

Who sees what: department, administrators and viewers the whole province; district
and commune staff also see whole-province figures (they are aggregates, and
coverage does not stop at a border), with their own area marked ``in_area``;
operators only their own network's coverage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from geodata.storage import Geometry
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.coverage import messages as msg
from registry.coverage.cache import commune_coverage
from registry.coverage.serving import URBAN_TYPES, in_area
from registry.kernel.clock import today as current_day
from registry.kernel.db import Registry
from registry.kernel.errors import FieldError, PermissionDeniedError
from registry.kernel.vocabulary import OPERATORS, TECHNOLOGIES, Role
from registry.reference.population import commune_populations
from registry.units.divisions import check_edition_level

TECH_COLUMNS = tuple(tech.lower() for tech in TECHNOLOGIES)
GAP_REASONS: dict[str, tuple[str, str]] = {
    "no_service": ("Không có sóng {technology}", "No {technology} at all"),
    "below_share": (
        "Sóng {technology} phủ dưới {threshold} diện tích",
        "{technology} covers under {threshold} of the area",
    ),
}


def gap_reason_label(reason: str, language: str = "vi", **fmt: object) -> str:
    """The label of a gap reason in Vietnamese (default) or English.

    ``fmt`` fills ``{technology}`` and ``{threshold}`` (e.g. ``"50 %"``).
    """
    vi, en = GAP_REASONS[reason]
    return (en if language == "en" else vi).format(**fmt)


@dataclass
class CoverageReport:
    """Coverage figures of one edition and level on a date (see the module doc)."""

    as_of: date
    edition: str
    level: str
    operator: str | None
    technology: str
    radii: dict[str, tuple[float, float]]
    gap_technology: str
    gap_min_share: float
    approximate: bool
    population_year: int | None
    units: pd.DataFrame
    by_operator: pd.DataFrame
    gaps: pd.DataFrame
    province: pd.DataFrame
    layers: dict[str, Geometry]


def _check(actor, edition, level, technology, operator) -> str | None:
    perm.require(actor, perm.READ, "site")
    check_edition_level(edition, level)
    if technology not in TECHNOLOGIES:
        raise FieldError(
            "technology", technology, msg.TECHNOLOGY, technologies=list(TECHNOLOGIES)
        )
    if operator is not None and operator not in OPERATORS:
        raise FieldError("operator", operator, msg.OPERATOR)
    if actor.role == Role.OPERATOR:
        if operator not in (None, actor.network_code):
            raise PermissionDeniedError(
                msg.OTHER_OPERATOR,
                user=actor.username,
                action="read coverage of another operator",
                own=actor.network_code,
            )
        return actor.network_code
    return operator


def _commune_table(computed, edition: str) -> pd.DataFrame:
    communes = computed.communes[["code", "name", "parent_code"]].copy()
    sites = computed.sites
    column = f"commune_{edition.replace('-', '_')}"
    counts = sites.groupby(column).size()
    communes["sites"] = communes["code"].map(counts).fillna(0).astype(int)
    for tech, suffix in zip(TECHNOLOGIES, TECH_COLUMNS, strict=True):
        frame = computed.piece(tech, None)
        communes["area_km2"] = frame["area_km2"].to_numpy()
        communes[f"covered_km2_{suffix}"] = frame["covered_km2"].to_numpy()
    return communes


def _operators_present(sites: pd.DataFrame, column: str) -> pd.Series:
    return sites.groupby(column)["network_code"].nunique()


def _with_population(table: pd.DataFrame, populations: pd.DataFrame) -> pd.DataFrame:
    table["population"] = table["code"].map(populations["population"]).astype(float)
    for suffix in TECH_COLUMNS:
        share = table[f"covered_km2_{suffix}"] / table["area_km2"].where(
            table["area_km2"] > 0
        )
        table[f"covered_population_{suffix}"] = table["population"] * share
    return table


def _aggregate(communes: pd.DataFrame) -> pd.DataFrame:
    sums = [c for c in communes.columns if c.startswith(("covered_", "sites", "area"))]
    grouped = communes.groupby("parent_code")
    table = grouped[sums].sum()
    # A district has a population only when every one of its communes has one.
    table["population"] = (
        grouped["population"]
        .sum(min_count=1)
        .where(grouped["population"].count() == grouped.size())
    )
    for suffix in TECH_COLUMNS:
        column = f"covered_population_{suffix}"
        table[column] = table[column].where(table["population"].notna())
    return table


def _shares(table: pd.DataFrame) -> pd.DataFrame:
    area = table["area_km2"].where(table["area_km2"] > 0)
    table["sites_per_km2"] = table["sites"] / area
    for suffix in TECH_COLUMNS:
        table[f"share_{suffix}"] = (table[f"covered_km2_{suffix}"] / area).clip(0, 1)
        table[f"population_share_{suffix}"] = (
            table[f"covered_population_{suffix}"]
            / table["population"].where(table["population"] > 0)
        ).clip(0, 1)
    return table


def _units_of(computed, registry, edition, level, actor) -> pd.DataFrame:
    communes = _commune_table(computed, edition)
    communes = _with_population(communes, commune_populations(registry, edition))
    sites = computed.sites
    suffix = edition.replace("-", "_")
    if level == "commune":
        table = communes
        present = _operators_present(sites, f"commune_{suffix}")
        urban = computed.communes.set_index("code")["unit_type"]
        table["urban"] = table["code"].map(urban).isin(URBAN_TYPES)
        districts = computed.districts.set_index("code")["name"]
        table["parent_name"] = table["parent_code"].map(districts)
    else:
        table = _aggregate(communes).reset_index(names="code")
        names = computed.districts.set_index("code")["name"]
        table.insert(1, "name", table["code"].map(names))
        table.insert(2, "parent_code", None)
        table["parent_name"] = None
        table["urban"] = np.nan
        present = _operators_present(sites, f"district_{suffix}")
    table["operators"] = table["code"].map(present).fillna(0).astype(int)
    table = _shares(table)
    parents = dict(zip(communes["code"], communes["parent_code"], strict=True))
    table["in_area"] = in_area(table, actor, edition, level, parents)
    return table.sort_values("code").reset_index(drop=True)


def _by_operator(computed, units, level, technology) -> pd.DataFrame:
    rows = []
    parents = computed.communes.set_index("code")["parent_code"]
    for network in sorted(computed.sites["network_code"].unique()):
        frame = computed.piece(technology, network)
        covered = frame["covered_km2"]
        if level == "district":
            covered = covered.groupby(parents.reindex(covered.index)).sum()
        part = pd.DataFrame(
            {"code": units["code"], "covered_km2": units["code"].map(covered)}
        )
        part["network_code"] = network
        rows.append(part)
    columns = ["code", "network_code", "technology", "covered_km2", "share"]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.concat(rows, ignore_index=True)
    area = frame["code"].map(units.set_index("code")["area_km2"])
    frame["technology"] = technology
    frame["share"] = (frame["covered_km2"] / area.where(area > 0)).clip(0, 1)
    return frame[columns]


def _gaps(units: pd.DataFrame, technology: str, threshold: float) -> pd.DataFrame:
    share = units[f"share_{technology.lower()}"]
    reason = np.select(
        [share.fillna(0) <= 0, share < threshold], ["no_service", "below_share"], ""
    )
    gaps = units.assign(share=share, reason=reason)[reason != ""]
    columns = ["code", "name", "parent_code", "parent_name", "share", "reason"]
    return gaps[[*columns, "in_area"]]


def _province(units: pd.DataFrame) -> pd.DataFrame:
    area = units["area_km2"].sum()
    population = units["population"].sum(min_count=1)
    if units["population"].isna().any():
        population = np.nan
    rows = []
    for tech, suffix in zip(TECHNOLOGIES, TECH_COLUMNS, strict=True):
        covered = units[f"covered_km2_{suffix}"].sum()
        people = units[f"covered_population_{suffix}"].sum()
        rows.append(
            {
                "technology": tech,
                "area_km2": area,
                "covered_km2": covered,
                "share": covered / area if area else np.nan,
                "population": population,
                "covered_population": people if population == population else np.nan,
                "population_share": people / population if population else np.nan,
            }
        )
    return pd.DataFrame(rows)


def coverage_report(
    registry: Registry,
    actor: Actor,
    *,
    as_of: date | None = None,
    edition: str = "2025-06",
    level: str = "commune",
    operator: str | None = None,
    technology: str = "4G",
    units: Sequence[str] | None = None,
) -> CoverageReport:
    """Coverage per unit on a date, per technology and per operator, with gaps.

    Parameters
    ----------
    as_of
        The date (default today): sites on the air then, technologies on the air
        then (their ``on_air_*`` dates).
    edition, level
        The units: ``commune`` in either edition, ``district`` in 2025-06.
    operator
        A network code to look at one operator (operators: only their own).
    technology
        The technology of the per-operator table (and the map's focus).
    units
        Codes of units of ``level`` to keep in the unit tables (e.g. the districts
        of a cluster); the province totals stay whole-province.
    """
    network = _check(actor, edition, level, technology, operator)
    as_of = as_of or current_day()
    computed = commune_coverage(registry, as_of, edition, network)
    table = _units_of(computed, registry, edition, level, actor)
    by_operator = _by_operator(computed, table, level, technology)
    province = _province(table)
    if units is not None:
        keep = set(units)
        table = table[table["code"].isin(keep)].reset_index(drop=True)
        by_operator = by_operator[by_operator["code"].isin(keep)]
    by_operator = by_operator.reset_index(drop=True)
    populations = commune_populations(registry, edition)
    years = populations["reference_year"].dropna()
    gap_technology = registry.config.gap_technology
    threshold = registry.config.gap_min_share
    return CoverageReport(
        as_of=as_of,
        edition=edition,
        level=level,
        operator=network,
        technology=technology,
        radii=dict(computed.radii),
        gap_technology=gap_technology,
        gap_min_share=threshold,
        approximate=bool((computed.communes["boundary_source"] == "approximate").any()),
        population_year=int(years.max()) if len(years) else None,
        units=table,
        by_operator=by_operator,
        gaps=_gaps(table, gap_technology, threshold).reset_index(drop=True),
        province=province,
        layers={tech: computed.layer(tech, None) for tech in TECHNOLOGIES},
    )
