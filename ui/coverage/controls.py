"""Streamlit side of the coverage dashboard: choices, cached data, the map.

The figures come from :func:`registry.coverage.dashboard.coverage_dashboard`; the
map layers are drawn by :mod:`geodata.map_coverage`. Panning and zooming the map
never re-run the page (``st_folium`` returns nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import folium
import streamlit as st
from streamlit_folium import st_folium

from geodata.editions import EDITIONS
from geodata.map_coverage import add_coverage_layer, add_unit_outlines, coverage_legend
from geodata.mapassets import install_map_assets
from geodata.maps import add_legend, base_map
from registry.access.permissions import Actor
from registry.coverage.dashboard import CoverageDashboard, coverage_dashboard
from registry.coverage.model import gap_reason_label
from registry.kernel.clock import today
from registry.kernel.db import Registry
from registry.kernel.vocabulary import OPERATORS, TECHNOLOGIES, Role
from registry.maps.data import data_version
from ui.common.flow import as_keywords
from ui.common.i18n import language, number, operator_name, t
from ui.maps.render import STATIC_DIR

TECH_COLORS = {"2G": "#f4a261", "3G": "#8ecae6", "4G": "#2a9d8f", "5G": "#7b2cbf"}
GAP_COLOR = "#d7191c"
OWN_AREA_COLOR = "#1d3fbb"
FIRST_YEAR = 2005


@dataclass(frozen=True)
class CoverageChoice:
    """What the user picked (hashable: part of the cache key)."""

    as_of: date
    edition: str
    level: str
    technology: str
    operator: str | None


@st.cache_resource
def _assets_installed() -> bool:
    install_map_assets(STATIC_DIR)
    return True


def _edition_label(edition: str) -> str:
    spec = EDITIONS[edition]
    return spec.label_en if language() == "en" else spec.label_vi


def _days() -> list[date]:
    """Today, then the end of every past year back to the first one."""
    now = today()
    return [now] + [date(y, 12, 31) for y in range(now.year - 1, FIRST_YEAR - 1, -1)]


def _day_label(day: date) -> str:
    if day == today():
        return t("cov.as_of.today", day=day.strftime("%d/%m/%Y"))
    return t("cov.as_of.year_end", year=day.year)


def coverage_controls(registry: Registry, actor: Actor) -> CoverageChoice:
    """Sidebar widgets: date (year ends), edition, level, technology, operator."""
    with st.sidebar:
        as_of = st.selectbox(
            t("cov.as_of"), _days(), format_func=_day_label, key="cov_as_of"
        )
        editions = list(EDITIONS)
        edition = st.radio(
            t("maps.edition"),
            editions,
            index=editions.index(registry.config.default_edition),
            format_func=_edition_label,
            key="cov_edition",
        )
        levels = list(reversed(EDITIONS[edition].levels))
        level = st.radio(
            t("maps.level"),
            levels,
            index=len(levels) - 1,
            format_func=lambda v: t(f"maps.level.{v}"),
            horizontal=True,
            key=f"cov_level_{edition}",
        )
        technology = st.radio(
            t("cov.technology"),
            list(TECHNOLOGIES),
            index=TECHNOLOGIES.index("4G"),
            horizontal=True,
            key="cov_technology",
        )
        if actor.role == Role.OPERATOR:
            operator = actor.network_code
            st.caption(t("cov.operator.own"))
        else:
            # "" is 'all operators' (a None choice would keep its old label after
            # a language switch: Streamlit sends no new value for None).
            operator = (
                st.selectbox(
                    t("cov.operator"),
                    ["", *OPERATORS],
                    format_func=lambda c: (
                        operator_name(c) if c else t("cov.operator.all")
                    ),
                    key="cov_operator",
                )
                or None
            )
    return CoverageChoice(as_of, edition, level, technology, operator)


@st.cache_data(max_entries=16, show_spinner=False)
def _dashboard(_registry: Registry, actor: Actor, choice: CoverageChoice, version):
    return coverage_dashboard(_registry, actor, **as_keywords(choice))


def load_dashboard(
    registry: Registry, actor: Actor, choice: CoverageChoice
) -> CoverageDashboard:
    """The page's figures (cached until anything in the registry changes)."""
    return _dashboard(registry, actor, choice, data_version(registry))


def scope_caption(dashboard: CoverageDashboard) -> str:
    """'Trước 1/7/2025 · theo Huyện · 31/12/2024 · Tất cả doanh nghiệp'."""
    report = dashboard.coverage
    operator = (
        operator_name(report.operator) if report.operator else t("cov.operator.all")
    )
    return t(
        "cov.scope",
        edition=_edition_label(report.edition),
        level=t(f"maps.level.{report.level}").lower(),
        day=report.as_of.strftime("%d/%m/%Y"),
        operator=operator,
    )


def _percent(value: float) -> str:
    return number(value * 100, 1) + " %"


def coverage_map(registry: Registry, dashboard: CoverageDashboard) -> folium.Map:
    """Coverage of every technology (the chosen one shown), gaps, own area."""
    _assets_installed()
    report = dashboard.coverage
    shapes = dashboard.shapes
    m = base_map(
        tuple(shapes.total_bounds),
        tiles=registry.config.basemap,
        tiles_name=t("maps.basemap"),
        approximate_note=t("maps.approximate") if report.approximate else None,
    )
    for tech in TECHNOLOGIES:
        add_coverage_layer(
            m,
            report.layers[tech],
            color=TECH_COLORS[tech],
            name=t("cov.map.layer", technology=tech),
            tooltip=t("cov.map.tooltip", technology=tech),
            show=tech == report.technology,
        )
    gap_tech = report.gap_technology
    if len(report.gaps):
        threshold = _percent(report.gap_min_share)
        details = {
            row.code: gap_reason_label(
                row.reason, language(), technology=gap_tech, threshold=threshold
            )
            for row in report.gaps.itertuples()
        }
        gaps = shapes[shapes["code"].isin(details)].assign(
            detail=lambda f: f["code"].map(details)
        )
        add_unit_outlines(
            m,
            gaps,
            name=t("cov.map.gaps", technology=gap_tech),
            detail_column="detail",
            color=GAP_COLOR,
            fill_opacity=0.04,
        )
    own = report.units.loc[report.units["in_area"], "code"]
    if len(own):
        add_unit_outlines(
            m,
            shapes[shapes["code"].isin(set(own))],
            name=t("cov.map.own_area"),
            color=OWN_AREA_COLOR,
            fill_opacity=0.0,
            weight=3,
            dashed=True,
        )
    folium.LayerControl(collapsed=False).add_to(m)
    layers = [
        (TECH_COLORS[tech], t("cov.map.layer", technology=tech))
        for tech in TECHNOLOGIES
    ]
    gap_row = (GAP_COLOR, t("cov.map.gaps", technology=gap_tech))
    legend = coverage_legend(t("cov.map.legend"), layers, gaps=gap_row)
    # Bottom left, under the boundary note: the coast (Vinh) is at the right edge.
    add_legend(m, legend, position="bottomleft")
    return m


def show_coverage_map(m: folium.Map) -> None:
    """Draw the map; nothing is returned, so panning never re-runs the page."""
    # width=None: the container's width (what st_folium's use_container_width
    # does), without the name Streamlit deprecated.
    st_folium(m, key="cov_map", height=600, width=None, returned_objects=[])
