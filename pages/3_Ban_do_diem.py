"""Bản đồ điểm Internet và trò chơi điện tử công cộng, theo trạng thái giấy phép."""

import streamlit as st

from ui import map_panels, maps
from ui.i18n import number, t
from ui.menu import guard

registry, actor = guard("points_map")
st.title(t("maps.points.title"))

choice = maps.point_controls(registry, actor)
data = maps.load_point_map(registry, actor, choice)

st.caption(t("maps.points_shown", count=number(len(data.records))))
if data.approximate:
    st.warning(t("maps.approximate"), icon="⚠️")
map_column, table_column = st.columns([3, 1])
with map_column:
    clicked = maps.show_map(maps.point_map_figure(registry, data), key="points_map")
with table_column:
    map_panels.unit_table(data)
map_panels.selected_record(data, "point", clicked, actor)
