"""Panels under the maps: the clicked record, the growth chart and tables."""

from __future__ import annotations

from collections.abc import Callable

import folium
import pandas as pd
import streamlit as st

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.maps.data import MapData, SiteOverview
from registry.maps.locate import Located
from ui.common.charts import line_chart
from ui.common.i18n import field_label, number, operator_name, t, value_label
from ui.common.markdown import literal
from ui.inspections.links import link_to_new_inspection
from ui.maps.render import load_network_years, show_map
from ui.shell.menu import link_to_record

_SITE_DETAILS = (
    "name",
    "network_code",
    "site_code",
    "address",
    "district_name_2025_06",
    "commune_name_2025_06",
    "commune_name_2025_07",
    "technologies",
    "status",
    "structure_type",
    "structure_height_m",
    "co_located",
    "permit_number",
    "radiation_cert_expiry",
    "location_flag",
)
_POINT_DETAILS = (
    "name",
    "kind",
    "address",
    "district_name_2025_06",
    "commune_name_2025_06",
    "commune_name_2025_07",
    "status",
    "certificate_number",
    "certificate_issuer",
    "certificate_expires_on",
    "opens_at",
    "closes_at",
    "location_flag",
)
_ENUM_COLUMNS = {"status", "structure_type", "kind"}


def _shown(column: str, value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    if column in _ENUM_COLUMNS:
        return value_label(value)
    if column == "network_code":
        return operator_name(value)
    if column == "co_located":
        return ", ".join(operator_name(c) for c in str(value).split(","))
    return str(value)


def selected_record(
    data: MapData, record_type: str, record_id: int | None, actor: Actor
) -> None:
    """Details of the clicked record, a link to its page in the registry and, for
    staff who inspect points, a link that starts an inspection of it.
    """
    if record_id is None:
        key = "maps.click_hint" if record_type == "site" else "maps.point_click_hint"
        st.caption(t(key))
        return
    rows = data.records[data.records["id"] == record_id]
    if rows.empty:
        return
    row = rows.iloc[0]
    columns = _SITE_DETAILS if record_type == "site" else _POINT_DETAILS
    table = pd.DataFrame(
        {
            t("maps.field"): [field_label(record_type, c) for c in columns],
            t("maps.value"): [_shown(c, row.get(c)) for c in columns],
        }
    )
    st.subheader(f"{t('maps.selected')}: {literal(row['name'])}")
    st.dataframe(table, hide_index=True, width="stretch")
    link_to_record(record_type, int(record_id))
    if record_type == "point" and perm.allowed(actor, perm.CREATE, "inspection"):
        link_to_new_inspection(int(record_id))


def unit_table(data: MapData) -> None:
    """The figure of every unit, as a sortable table beside the choropleth."""
    values = data.values.reindex(data.units["code"]).to_numpy()
    order = pd.Series(values).sort_values(ascending=False, na_position="last").index
    decimals = 0 if data.metric == "count" else 2
    # Written as the language writes numbers (0,77 in Vietnamese), largest first.
    frame = pd.DataFrame(
        {
            t("maps.growth_unit"): data.units["name"].to_numpy()[order],
            t("maps.value"): [
                "—" if pd.isna(v) else number(v, decimals) for v in values[order]
            ],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch", height=320)


def growth(overview: SiteOverview) -> None:
    """Sites on the air at the end of each year: chart and table per unit."""
    st.subheader(t("maps.growth"))
    st.caption(t("maps.growth_caption"))
    table = overview.growth.copy()
    table.columns = [str(year) for year in table.columns]
    table.index.name = t("maps.growth_unit")
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('maps.growth_total')}**")
        line_chart(
            table.iloc[-1].rename(t("maps.growth_total")),
            x_title=t("maps.year"),
            y_title=t("maps.sites_on_air"),
        )
    with right:
        st.markdown(f"**{t('maps.technology_growth')}**")
        technologies = overview.technologies.copy()
        technologies.index = technologies.index.astype(str)
        line_chart(
            technologies,
            x_title=t("maps.year"),
            y_title=t("maps.sites_on_air"),
        )
    st.dataframe(table, width="stretch")


def map_beside_units(
    data: MapData,
    build_map: Callable[[], folium.Map],
    *,
    record_type: str,
    actor: Actor,
    shown_text: str,
    key: str,
    focus: Located | None = None,
) -> None:
    """The body of a map page: how many records are shown (text key
    ``shown_text``), the warning on approximate polygons, the map (``build_map``)
    beside the units' table, then the record clicked on the map (or the one the
    URL asked to show, ``focus``)."""
    st.caption(t(shown_text, count=number(len(data.records))))
    if focus is not None:
        st.info(
            t("maps.focus", name=literal(focus.name)), icon=":material/location_on:"
        )
        if not (data.records["id"] == focus.id).any():
            st.warning(t("maps.focus_hidden"), icon=":material/filter_alt:")
    if data.approximate:
        st.warning(t("maps.approximate"), icon="⚠️")
    map_column, table_column = st.columns([3, 1])
    with map_column:
        clicked = show_map(build_map(), key=key)
    if clicked is None and focus is not None:
        clicked = focus.id
    with table_column:
        unit_table(data)
    selected_record(data, record_type, clicked, actor)


def network_years_panel(registry, actor: Actor, choice) -> None:
    """The area at 2–6 chosen years side by side, shown and downloadable."""
    st.subheader(t("maps.multiples"))
    default_years, _ = load_network_years(registry, actor, choice, None)
    options = list(range(min(default_years[0], 2005), choice.as_of.year + 1))
    chosen = st.multiselect(
        t("maps.multiples.years"),
        options,
        default=default_years,
        max_selections=6,
        key="bts_multiples_years",
        placeholder=t("maps.multiples.years"),
    )
    if not 2 <= len(chosen) <= 6:
        st.info(t("maps.multiples.too_few"))
        return
    years, png = load_network_years(registry, actor, choice, tuple(sorted(chosen)))
    st.image(png, caption=t("maps.multiples.caption"))
    st.download_button(
        t("maps.multiples.download"),
        png,
        file_name=f"mang-luoi-{years[0]}-{years[-1]}.png",
        mime="image/png",
        icon=":material/download:",
        key="bts_multiples_download",
    )
