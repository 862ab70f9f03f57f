"""Bảng theo dõi kiểm tra: số liệu của xã, huyện hoặc toàn tỉnh, kèm các bản ghi."""

import streamlit as st

from registry.inspections.dashboard import inspection_dashboard
from ui.common.flow import answer_or_stop
from ui.common.i18n import t
from ui.inspections.dashboard import choose_area, render_dashboard
from ui.inspections.messages import FIELDS
from ui.shell.menu import guard

registry, actor = guard("dashboard")
st.title(t("dash.title"))

area, day = choose_area(registry, actor)
dashboard = answer_or_stop(
    lambda: inspection_dashboard(registry, actor, on=day, **area), subject=FIELDS
)
render_dashboard(dashboard)
