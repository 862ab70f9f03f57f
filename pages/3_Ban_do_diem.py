"""Bản đồ điểm Internet và trò chơi điện tử công cộng, theo trạng thái giấy phép."""

import streamlit as st

from ui.common.i18n import number, t
from ui.maps import panels, render
from ui.shell.menu import guard

registry, actor = guard("points_map")
st.title(t("maps.points.title"))

choice = render.point_controls(registry, actor)
data = render.load_point_map(registry, actor, choice)

st.caption(t("maps.points_shown", count=number(len(data.records))))
if data.approximate:
    st.warning(t("maps.approximate"), icon="⚠️")
map_column, table_column = st.columns([3, 1])
with map_column:
    clicked = render.show_map(render.point_map_figure(registry, data), key="points_map")
with table_column:
    panels.unit_table(data)
panels.selected_record(data, "point", clicked, actor)
