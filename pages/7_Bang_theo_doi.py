"""Bảng theo dõi kiểm tra: số liệu của xã, huyện hoặc toàn tỉnh, kèm các bản ghi."""

import streamlit as st

from registry.inspections.dashboard import inspection_dashboard
from registry.kernel.errors import RegistryError
from ui.common.i18n import t
from ui.inspections.dashboard import choose_area, render_dashboard
from ui.inspections.messages import inspection_error
from ui.shell.menu import guard

registry, actor = guard("dashboard")
st.title(t("dash.title"))

area, day = choose_area(registry, actor)
try:
    dashboard = inspection_dashboard(registry, actor, on=day, **area)
except RegistryError as error:
    st.error(inspection_error(error))
    st.stop()
render_dashboard(dashboard)
