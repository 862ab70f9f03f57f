"""Tables of the coverage dashboard: shares per unit, gaps, sharing, growth, radii.

Numbers are written the Vietnamese way (1.234,5; 45,3 %) as text, so the tables
show them as the department writes them in its reports.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from registry.coverage.dashboard import CoverageDashboard
from registry.coverage.model import TECH_COLUMNS, gap_reason_label
from registry.kernel.cells import is_missing
from registry.kernel.vocabulary import TECHNOLOGIES
from ui.common.charts import line_chart
from ui.common.i18n import language, number, operator_name, t

PAIRS_SHOWN = 300
_OWN_ROW = "background-color: #e8eefc"


def percent(value) -> str:
    """'45,3 %' (vi) for 0.453; '—' when there is no figure."""
    return "—" if is_missing(value) else number(value * 100, 1) + " %"


def amount(value, decimals: int = 0) -> str:
    """A number with the session's separators; '—' when there is none."""
    return "—" if is_missing(value) else number(value, decimals)


# Streamlit's default row height and the header's, in pixels, and the border.
ROW_PX, BORDER_PX = 35, 3


def fitted_height(rows: int, most: int | None) -> int | str:
    """The table's height: its rows and header, no padded blank rows, at most
    ``most`` pixels (then it scrolls); Streamlit's own choice without ``most``."""
    if most is None:
        return "auto"
    return min(most, ROW_PX * (rows + 1) + BORDER_PX)


def _table(frame: pd.DataFrame, own: pd.Series | None = None, height=None) -> None:
    """A table whose rows of the user's own area are shaded, as high as its rows
    (at most ``height`` pixels)."""
    height = fitted_height(len(frame), height)
    shown = frame.reset_index(drop=True)
    if own is not None and own.any():
        marks = own.reset_index(drop=True)
        shown = shown.style.apply(
            lambda row: [_OWN_ROW if marks[row.name] else ""] * len(row), axis=1
        )
    st.dataframe(shown, hide_index=True, width="stretch", height=height)


def headline(dashboard: CoverageDashboard) -> None:
    """Province figures of the chosen technology, gaps, sites, sharing pairs."""
    report = dashboard.coverage
    tech = report.technology
    row = report.province.set_index("technology").loc[tech]
    columns = st.columns(5)
    columns[0].metric(t("cov.metric.share", technology=tech), percent(row["share"]))
    people = row["population_share"]
    columns[1].metric(
        t("cov.metric.population", technology=tech),
        percent(people),
        help=None if not is_missing(people) else t("cov.population.none"),
    )
    columns[2].metric(t("cov.metric.gaps"), amount(len(report.gaps)))
    columns[3].metric(t("cov.metric.sites"), amount(report.units["sites"].sum()))
    columns[4].metric(t("cov.metric.pairs"), amount(len(dashboard.sharing.pairs)))


def unit_shares(dashboard: CoverageDashboard) -> None:
    """Per unit: area, sites, density, operators, share of each technology."""
    report = dashboard.coverage
    units = report.units
    st.subheader(t("cov.units.heading"))
    if units["in_area"].any() and st.checkbox(t("cov.units.own_only"), key="cov_own"):
        units = units[units["in_area"]]
    tech = report.technology
    table = {
        t("cov.col.unit"): units["name"],
        t("cov.col.area"): units["area_km2"].map(lambda v: amount(v, 1)),
        t("cov.col.sites"): units["sites"].map(amount),
        t("cov.col.density"): units["sites_per_km2"].map(lambda v: amount(v, 2)),
        t("cov.col.operators"): units["operators"].map(amount),
    }
    for name, suffix in zip(TECHNOLOGIES, TECH_COLUMNS, strict=True):
        table[t("cov.col.share", technology=name)] = units[f"share_{suffix}"].map(
            percent
        )
    table[t("cov.col.population")] = units["population"].map(amount)
    table[t("cov.col.population_share", technology=tech)] = units[
        f"population_share_{tech.lower()}"
    ].map(percent)
    _table(pd.DataFrame(table), units["in_area"], height=380)


def operator_shares(dashboard: CoverageDashboard) -> None:
    """Share of each unit's area covered by each operator (chosen technology)."""
    report = dashboard.coverage
    frame = report.by_operator
    if frame.empty:
        return
    st.subheader(t("cov.operators.heading", technology=report.technology))
    wide = frame.pivot(index="code", columns="network_code", values="share")
    wide = wide.reindex(report.units["code"])
    table = pd.DataFrame({t("cov.col.unit"): report.units["name"].to_numpy()})
    for code in wide.columns:
        table[operator_name(code)] = wide[code].map(percent).to_numpy()
    _table(table, report.units["in_area"], height=320)


def gaps(dashboard: CoverageDashboard) -> None:
    """Units below the thresholds, with the reason."""
    report = dashboard.coverage
    tech, threshold = report.gap_technology, percent(report.gap_min_share)
    st.subheader(t("cov.gaps.heading"))
    st.caption(t("cov.gaps.caption", technology=tech, threshold=threshold))
    if report.gaps.empty:
        st.info(t("cov.gaps.none"))
        return
    frame = report.gaps
    reasons = frame["reason"].map(
        lambda r: gap_reason_label(r, language(), technology=tech, threshold=threshold)
    )
    table = pd.DataFrame(
        {
            t("cov.col.unit"): frame["name"],
            t("cov.col.share", technology=tech): frame["share"].map(percent),
            t("cov.col.reason"): reasons,
        }
    )
    if frame["parent_name"].notna().any():  # communes of an edition with districts
        table.insert(1, t("cov.col.district"), frame["parent_name"].fillna(""))
    _table(table, frame["in_area"], height=300)


def _signed(value) -> str:
    """'+1.234' / '-5' / '0' with the session's separators; '—' when missing."""
    if is_missing(value):
        return "—"
    return ("+" if value > 0 else "") + number(value)


def _site(code, name) -> str:
    if is_missing(code) or code is None:
        return t("cov.pairs.hidden")
    return f"{code} – {name}"


def sharing(dashboard: CoverageDashboard) -> None:
    """Co-located sites per unit and the closest pairs of different operators."""
    report = dashboard.sharing
    distance = amount(report.distance_m)
    st.subheader(t("cov.sharing.heading"))
    st.caption(t("cov.sharing.caption", distance=distance))
    units = report.units[report.units["sites"] > 0]
    table = pd.DataFrame(
        {
            t("cov.col.unit"): units["name"],
            t("cov.col.sites"): units["sites"].map(amount),
            t("cov.col.co_located"): units["co_located"].map(amount),
            t("cov.col.co_located_share"): units["co_located_share"].map(percent),
            t("cov.col.pairs"): units["candidate_pairs"].map(amount),
        }
    )
    _table(table, units["in_area"], height=280)
    st.markdown(f"**{t('cov.pairs.heading')}**")
    pairs = report.pairs
    if pairs.empty:
        st.info(t("cov.pairs.none", distance=distance))
        return
    if len(pairs) > PAIRS_SHOWN:
        st.caption(
            t("cov.pairs.more", shown=amount(PAIRS_SHOWN), total=amount(len(pairs)))
        )
    pairs = pairs.head(PAIRS_SHOWN)
    table = pd.DataFrame(
        {
            t("cov.col.site_a"): _pair_sites(pairs, "a"),
            t("cov.col.site_b"): _pair_sites(pairs, "b"),
            t("cov.col.distance"): pairs["distance_m"].map(lambda v: amount(v, 0)),
            t("cov.col.commune"): pairs["commune_name"].fillna("—"),
        }
    )
    _table(table, height=300)


def _pair_sites(pairs: pd.DataFrame, side: str) -> list[str]:
    """One side (``a`` or ``b``) of each pair of nearby sites: code, name, operator."""
    return [
        f"{_site(code, name)} ({operator_name(network)})"
        for code, name, network in zip(
            pairs[f"site_code_{side}"],
            pairs[f"name_{side}"],
            pairs[f"network_{side}"],
            strict=True,
        )
    ]


def growth(dashboard: CoverageDashboard) -> None:
    """Sites and technologies per year with the change, and the 5G roll-out."""
    report = dashboard.growth
    st.subheader(t("cov.growth.heading"))
    st.caption(t("cov.growth.caption"))
    years = report.years
    chart = years[[f"sites_{s}" for s in TECH_COLUMNS]].copy()
    chart.columns = list(TECHNOLOGIES)
    chart.index = chart.index.astype(str)
    line_chart(
        chart,
        x_title=t("cov.col.year"),
        y_title=t("cov.col.sites"),
        series_title=t("cov.col.technology"),
    )
    table = {
        t("cov.col.year"): years.index.astype(str),
        t("cov.col.sites"): years["sites"].map(amount),
        t("cov.col.change"): years["change"].map(_signed),
        t("cov.col.change_pct"): years["change_pct"].map(percent),
    }
    for name, suffix in zip(TECHNOLOGIES, TECH_COLUMNS, strict=True):
        table[t("cov.col.sites_tech", technology=name)] = years[f"sites_{suffix}"].map(
            amount
        )
    table[t("cov.col.share_5g")] = years["share_5g"].map(percent)
    _table(pd.DataFrame(table).iloc[::-1], height=300)
    st.markdown(f"**{t('cov.fiveg.heading')}**")
    five = report.fiveg
    _table(
        pd.DataFrame(
            {
                t("cov.col.unit"): five["name"].fillna("—"),
                t("cov.col.sites"): five["sites"].map(amount),
                t("cov.col.sites_tech", technology="5G"): five["sites_5g"].map(amount),
                t("cov.col.share_5g"): five["share_5g"].map(percent),
                t("cov.col.first_5g"): five["first_5g_year"].map(
                    lambda v: "—" if v is pd.NA or is_missing(v) else str(int(v))
                ),
            }
        ),
        height=280,
    )


def radii(dashboard: CoverageDashboard) -> None:
    """The radii in force, with the note that no regulation fixes them."""
    report = dashboard.coverage
    st.subheader(t("cov.radii.heading"))
    table = pd.DataFrame(
        {
            t("cov.col.technology"): list(report.radii),
            t("cov.col.urban_radius"): [
                amount(u / 1000, 1) for u, _ in report.radii.values()
            ],
            t("cov.col.rural_radius"): [
                amount(r / 1000, 1) for _, r in report.radii.values()
            ],
        }
    )
    st.dataframe(table, hide_index=True)
    st.caption(t("cov.radii.note"))
    st.caption(t("cov.urban_note"))
