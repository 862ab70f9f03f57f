"""Bản đồ trạm BTS và tăng trưởng: the network as it stood on a date, by unit."""

import streamlit as st

from ui.common.i18n import number, t
from ui.maps import panels, render
from ui.shell.menu import guard

registry, actor = guard("bts_map")
st.title(t("maps.bts.title"))

choice = render.site_controls(registry, actor)
overview = render.load_site_overview(registry, actor, choice)
data = overview.map

st.caption(t("maps.shown", count=number(len(data.records))))
if data.approximate:
    st.warning(t("maps.approximate"), icon="⚠️")
map_column, table_column = st.columns([3, 1])
with map_column:
    clicked = render.show_map(render.site_map(registry, data), key="bts_map")
with table_column:
    panels.unit_table(data)
panels.selected_record(data, "site", clicked, actor)
panels.growth(overview)
