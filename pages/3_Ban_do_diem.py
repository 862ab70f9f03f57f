"""Bản đồ điểm Internet và trò chơi điện tử công cộng, theo trạng thái giấy phép."""

import streamlit as st

from ui.common.i18n import t
from ui.maps import panels, render
from ui.maps.links import requested_record
from ui.shell.menu import guard

registry, actor = guard("points_map")
st.title(t("maps.points.title"))

choice = render.point_controls(registry, actor)
focus = requested_record(registry, actor, "point")
data = render.load_point_map(registry, actor, choice)

panels.map_beside_units(
    data,
    lambda: render.point_map_figure(registry, data, focus),
    record_type="point",
    actor=actor,
    shown_text="maps.points_shown",
    key="points_map",
    focus=focus,
)
