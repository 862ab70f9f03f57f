"""Bản đồ trạm BTS và tăng trưởng: the network as it stood on a date, by unit."""

import streamlit as st

from ui import map_panels, maps
from ui.i18n import number, t
from ui.menu import guard

registry, actor = guard("bts_map")
st.title(t("maps.bts.title"))

choice = maps.site_controls(registry, actor)
overview = maps.load_site_overview(registry, actor, choice)
data = overview.map

st.caption(t("maps.shown", count=number(len(data.records))))
if data.approximate:
    st.warning(t("maps.approximate"), icon="⚠️")
map_column, table_column = st.columns([3, 1])
with map_column:
    clicked = maps.show_map(maps.site_map(registry, data), key="bts_map")
with table_column:
    map_panels.unit_table(data)
map_panels.selected_record(data, "site", clicked, actor)
map_panels.growth(overview)
