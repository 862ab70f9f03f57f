"""Bảng theo dõi kiểm tra: số liệu của xã, huyện hoặc toàn tỉnh, kèm các bản ghi."""

import streamlit as st

from registry.inspections.dashboard import inspection_dashboard
from registry.kernel.errors import RegistryError
from ui.common.i18n import t
from ui.common.messages import error_text
from ui.inspections.dashboard import choose_area, render_dashboard
from ui.inspections.messages import FIELDS
from ui.shell.menu import guard

registry, actor = guard("dashboard")
st.title(t("dash.title"))

area, day = choose_area(registry, actor)
try:
    dashboard = inspection_dashboard(registry, actor, on=day, **area)
except RegistryError as error:
    st.error(error_text(error, FIELDS))
    st.stop()
render_dashboard(dashboard)
