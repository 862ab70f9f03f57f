"""Bản đồ trạm BTS và tăng trưởng: the network as it stood on a date, by unit."""

import streamlit as st

from ui.common.i18n import t
from ui.maps import panels, render
from ui.shell.menu import guard

registry, actor = guard("bts_map")
st.title(t("maps.bts.title"))

choice = render.site_controls(registry, actor)
overview = render.load_site_overview(registry, actor, choice)
data = overview.map

panels.map_beside_units(
    data,
    lambda: render.site_map(registry, data),
    record_type="site",
    actor=actor,
    shown_text="maps.shown",
    key="bts_map",
)
panels.growth(overview)
