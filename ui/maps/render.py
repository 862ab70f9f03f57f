"""Streamlit side of the two map pages: controls, cached data, map, details.

The work is done by ``registry.maps.data`` (what to show) and ``geodata.maps``
(how to draw it); this module only arranges widgets and caches results.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

from geodata.editions import EDITIONS
from geodata.mapassets import install_map_assets
from geodata.maps import (
    CLICK_RETURNED_OBJECTS,
    LEGEND_ROOM,
    add_choropleth,
    add_legend,
    add_sites_layer,
    add_year_stepper,
    base_map,
    clicked_point_id,
    focus_point,
    points_legend,
)
from registry.access.permissions import Actor
from registry.kernel.clock import today
from registry.kernel.db import Registry
from registry.kernel.vocabulary import (
    OPERATORS,
    TECHNOLOGIES,
    PointKind,
    PointStatus,
    SiteStatus,
    StructureType,
)
from registry.maps.area import default_level
from registry.maps.data import (
    CERTIFICATE_STATES,
    MapData,
    MapFilters,
    data_version,
    point_map,
    site_overview,
    unit_options,
)
from registry.maps.locate import Located
from registry.maps.multiples import OPERATOR_COLORS, network_years
from registry.maps.timeline import site_timeline
from ui.common.flow import as_keywords
from ui.common.i18n import field_label, language, number, t, value_label
from ui.common.labels import day_text

STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
CERTIFICATE_COLORS = {
    "valid": "#1a9641",
    "expiring": "#fdae61",
    "expired": "#d7191c",
    "none": "#9e9e9e",
}
STEPPER_ROOM = 80
"""Pixels kept free above the fitted area for the year stepper."""


@st.cache_resource
def _assets_installed() -> bool:
    install_map_assets(STATIC_DIR)
    return True


@dataclass(frozen=True)
class MapChoice:
    """What the user picked in the sidebar (hashable: part of the cache key)."""

    as_of: date
    edition: str
    level: str
    metric: str
    filters: MapFilters


def _kept_index(key: str, options: list, fallback) -> int:
    """The index of the option this widget holds, else of ``fallback``.

    A language switch rewrites the options' labels; the browser then shows the
    widget's default again while the session still holds the user's choice. With
    the held choice as the default, both agree and the choice stays in view.
    """
    held = st.session_state.get(key, fallback)
    return options.index(held) if held in options else options.index(fallback)


def _multiselect(label_key: str, options, key: str, format_func=value_label) -> tuple:
    return tuple(
        st.multiselect(
            t(label_key),
            list(options),
            key=key,
            format_func=format_func,
            placeholder=t("maps.all"),
        )
    )


def _area_filters(registry: Registry, actor: Actor, edition: str, prefix: str):
    district = None
    if "district" in EDITIONS[edition].levels:
        districts = unit_options(registry, actor, edition, "district")
        names = dict(districts)
        choices = ["", *names]
        key = f"{prefix}_district_{edition}"
        district = st.selectbox(
            t("maps.filter.district"),
            choices,
            index=_kept_index(key, choices, ""),
            format_func=lambda c: names[c] if c else t("maps.all"),
            key=key,
        )
    communes = dict(
        unit_options(registry, actor, edition, "commune", parent=district or None)
    )
    choices = ["", *communes]
    key = f"{prefix}_commune_{edition}"
    commune = st.selectbox(
        t("maps.filter.commune"),
        choices,
        index=_kept_index(key, choices, ""),
        format_func=lambda c: communes[c] if c else t("maps.all"),
        key=key,
    )
    # "" rather than None for "all": Streamlit re-sends a choice on a language
    # switch, and never a None one.
    return district or None, commune or None


def _common_controls(
    prefix: str, registry: Registry, actor: Actor, metric_texts: str
) -> tuple[date, str, str, str]:
    """Day (today: the years are stepped through on the map itself), edition,
    level and metric (its labels: ``{metric_texts}{value}``) of a map page, then
    the heading of its filters."""
    day = today()
    editions = list(EDITIONS)
    edition = st.radio(
        t("maps.edition"),
        editions,
        index=_kept_index(
            f"{prefix}_edition", editions, registry.config.default_edition
        ),
        format_func=lambda e: (
            EDITIONS[e].label_en if language() == "en" else EDITIONS[e].label_vi
        ),
        key=f"{prefix}_edition",
    )
    levels = list(EDITIONS[edition].levels)
    level = st.radio(
        t("maps.level"),
        levels,
        # Area-bound users open at the units inside their area (their communes).
        index=_kept_index(
            f"{prefix}_level_{edition}", levels, default_level(actor, edition)
        ),
        format_func=lambda v: t(f"maps.level.{v}"),
        horizontal=True,
        key=f"{prefix}_level_{edition}",
    )
    metric = st.radio(
        t("maps.metric"),
        ["count", "per_km2"],
        index=_kept_index(f"{prefix}_metric", ["count", "per_km2"], "count"),
        format_func=lambda v: t(f"{metric_texts}{v}"),
        horizontal=True,
        key=f"{prefix}_metric",
    )
    st.markdown(f"**{t('maps.filters')}**")
    return day, edition, level, metric


def site_controls(registry: Registry, actor: Actor) -> MapChoice:
    """Sidebar widgets of the BTS map page."""
    with st.sidebar:
        day, edition, level, metric = _common_controls(
            "bts", registry, actor, "maps.metric."
        )
        networks = _multiselect(
            "maps.filter.network",
            OPERATORS,
            "bts_networks",
            format_func=lambda c: OPERATORS[c].name,
        )
        technologies = _multiselect(
            "maps.filter.technology", TECHNOLOGIES, "bts_tech", format_func=str
        )
        statuses = _multiselect("maps.filter.status", SiteStatus, "bts_status")
        structures = _multiselect("maps.filter.structure", StructureType, "bts_struct")
        district, commune = _area_filters(registry, actor, edition, "bts")
    filters = MapFilters(
        networks=networks,
        technologies=technologies,
        statuses=tuple(str(s) for s in statuses),
        structures=tuple(str(s) for s in structures),
        district=district,
        commune=commune,
    )
    return MapChoice(day, edition, level, metric, filters)


def point_controls(registry: Registry, actor: Actor) -> MapChoice:
    """Sidebar widgets of the points map page."""
    with st.sidebar:
        day, edition, level, metric = _common_controls(
            "pts", registry, actor, "maps.metric.points_"
        )
        kinds = _multiselect("maps.filter.kind", PointKind, "pts_kind")
        statuses = _multiselect("maps.filter.status", PointStatus, "pts_status")
        states = _multiselect(
            "maps.filter.certificate",
            CERTIFICATE_STATES,
            "pts_cert",
            format_func=lambda s: t(f"maps.certificate.{s}"),
        )
        district, commune = _area_filters(registry, actor, edition, "pts")
    filters = MapFilters(
        kinds=tuple(str(k) for k in kinds),
        statuses=tuple(str(s) for s in statuses),
        certificate_states=states,
        district=district,
        commune=commune,
    )
    return MapChoice(day, edition, level, metric, filters)


@st.cache_data(max_entries=24, show_spinner=False)
def _site_overview(_registry: Registry, actor: Actor, choice: MapChoice, version):
    return site_overview(_registry, actor, **as_keywords(choice))


@st.cache_data(max_entries=24, show_spinner=False)
def _point_map(_registry: Registry, actor: Actor, choice: MapChoice, version):
    return point_map(_registry, actor, **as_keywords(choice))


def load_site_overview(registry: Registry, actor: Actor, choice: MapChoice):
    """The BTS page's data (cached until anything in the registry changes)."""
    return _site_overview(registry, actor, choice, data_version(registry))


@st.cache_data(max_entries=12, show_spinner=False)
def _network_years(
    _registry: Registry, actor: Actor, choice: MapChoice, years, version
):
    return network_years(
        _registry,
        actor,
        years=None if years is None else list(years),
        edition=choice.edition,
        as_of=choice.as_of,
    )


def load_network_years(
    registry: Registry, actor: Actor, choice: MapChoice, years: tuple | None
) -> tuple[list[int], bytes]:
    """The years drawn and the PNG of the area at those years (cached)."""
    return _network_years(registry, actor, choice, years, data_version(registry))


def load_point_map(registry: Registry, actor: Actor, choice: MapChoice) -> MapData:
    """The points page's data (cached until anything in the registry changes)."""
    return _point_map(registry, actor, choice, data_version(registry))


def _base(
    registry: Registry, data: MapData, focus: Located | None = None
) -> folium.Map:
    _assets_installed()
    bounds = focus.bounds if focus else tuple(data.units.total_bounds)
    return base_map(
        bounds,
        tiles=registry.config.basemap,
        tiles_name=t("maps.basemap"),
        approximate_note=t("maps.approximate") if data.approximate else None,
        # Every box of the map sits on its right, beside the fitted area.
        legend_room=LEGEND_ROOM,
        top_room=STEPPER_ROOM,
        note_position="topright",
    )


def _choropleth(m: folium.Map, data: MapData, title_key: str) -> None:
    decimals = 0 if data.metric == "count" else 2

    def fmt(value: float) -> str:
        return number(value, decimals)

    add_choropleth(
        m,
        data.units,
        data.values,
        title=t(title_key),
        value_format=fmt,
        no_data_label=t("maps.no_records"),
        name=t(title_key),
        legend_position="topright",
        classification=data.classes,
    )


def _records_layer(
    m: folium.Map,
    records,
    color_by: str,
    colors: dict[str, str],
    popup_columns: list[tuple[str, str]],
    *,
    name: str,
    legend_title: str,
    legend_position: str = "topright",
    years=None,
) -> None:
    """The records as one layer coloured by ``color_by`` (when there are any) and
    a legend of the colours with how many records have each."""
    if not records.empty:
        add_sites_layer(
            m,
            records,
            color_by=color_by,
            colors=colors,
            tooltip_column="name",
            popup_columns=popup_columns,
            name=name,
            years=years,
        )
    counts = records[color_by].value_counts().to_dict()
    legend = points_legend(
        colors, title=legend_title, counts=counts, count_format=number
    )
    add_legend(m, legend, position=legend_position)


def _day(value) -> str | None:
    """dd/mm/yyyy, or None (the popup writes a dash) when there is no date."""
    return day_text(value) or None


def _site_popup_records(data: MapData):
    """The sites with the popup's columns as the user reads them."""
    records = data.records
    first_day = records[[f"on_air_{tech.lower()}" for tech in TECHNOLOGIES]].min(axis=1)
    return records.assign(
        operator=records["network_code"].map(lambda c: OPERATORS[c].name),
        status_label=records["status"].map(value_label),
        structure_label=records["structure_type"].map(value_label),
        first_on_air=first_day.map(_day),
        status_since_text=records["status_since"].map(_day),
        permit_date_text=records["permit_date"].map(_day),
        technologies=records["technologies"].where(records["technologies"] != "", None),
    )


def _site_popup_columns() -> list[tuple[str, str]]:
    return [
        ("site_code", field_label("site", "site_code")),
        ("name", field_label("site", "name")),
        ("operator", t("maps.filter.network")),
        ("technologies", t("maps.filter.technology")),
        ("status_label", t("maps.filter.status")),
        ("structure_label", t("maps.filter.structure")),
        ("first_on_air", t("maps.popup.first_on_air")),
        ("status_since_text", t("maps.popup.status_since")),
        ("permit_number", field_label("site", "permit_number")),
        ("permit_date_text", t("maps.popup.permit_date")),
    ]


def _stepper_texts() -> dict[str, str]:
    keys = ("year", "added", "none", "play", "pause", "previous", "next")
    # "{count}" stays a placeholder: the script writes the number in.
    return {key: t(f"maps.stepper.{key}", count="{count}") for key in keys}


def site_map(
    registry: Registry, data: MapData, focus: Located | None = None
) -> folium.Map:
    """The BTS map: units shaded by the figure, sites coloured by operator, a
    year stepper above, and (``focus``) one site's popup open."""
    m = _base(registry, data, focus)
    _choropleth(m, data, f"maps.metric.{data.metric}")
    timeline = site_timeline(data.records, data.as_of.year)
    records = _site_popup_records(data)
    colors = {OPERATORS[c].name: color for c, color in OPERATOR_COLORS.items()}
    _records_layer(
        m,
        records,
        "operator",
        colors,
        _site_popup_columns(),
        name=t("maps.bts.title"),
        legend_title=t("maps.legend.operators"),
        years=timeline.first.tolist(),
    )
    add_year_stepper(
        m,
        timeline.years,
        first=timeline.first.tolist(),
        categories=records["operator"].tolist(),
        category_labels=list(colors),
        breakdown={k: v.tolist() for k, v in timeline.technologies.items()},
        texts=_stepper_texts(),
        thousands="," if language() == "en" else ".",
    )
    if focus is not None:
        focus_point(m, focus.id)
    return m


def point_map_figure(
    registry: Registry, data: MapData, focus: Located | None = None
) -> folium.Map:
    """The points map: units shaded by the figure, points by certificate state,
    and (``focus``) one point's popup open."""
    m = _base(registry, data, focus)
    _choropleth(m, data, f"maps.metric.points_{data.metric}")
    records = data.records.assign(
        certificate=data.records["certificate_state"].map(
            lambda s: t(f"maps.certificate.{s}")
        ),
        kind_label=data.records["kind"].map(value_label),
        status_label=data.records["status"].map(value_label),
    )
    colors = {t(f"maps.certificate.{s}"): c for s, c in CERTIFICATE_COLORS.items()}
    _records_layer(
        m,
        records,
        "certificate",
        colors,
        [
            ("name", field_label("point", "name")),
            ("kind_label", t("maps.filter.kind")),
            ("status_label", t("maps.filter.status")),
            ("certificate", t("maps.filter.certificate")),
        ],
        name=t("maps.points.title"),
        legend_title=t("maps.legend.certificates"),
    )
    if focus is not None:
        focus_point(m, focus.id)
    return m


def show_map(m: folium.Map, key: str) -> int | None:
    """Draw the map; returns the id of the record last clicked (or None).

    Only a click on a feature re-runs the page: panning and zooming return nothing.
    """
    value = st_folium(
        m,
        key=key,
        height=620,
        # The component's own "fill the column" (width None), not Streamlit's.
        width=None,
        returned_objects=list(CLICK_RETURNED_OBJECTS),
    )
    clicked = clicked_point_id(value)
    return None if clicked is None else int(clicked)
