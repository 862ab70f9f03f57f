"""Bản đồ trạm BTS và tăng trưởng: the network of the user's area, year by year."""

import streamlit as st

from ui.common.i18n import t
from ui.maps import panels, render
from ui.maps.links import requested_record
from ui.shell.menu import guard

registry, actor = guard("bts_map")
st.title(t("maps.bts.title"))

choice = render.site_controls(registry, actor)
focus = requested_record(registry, actor, "site")
overview = render.load_site_overview(registry, actor, choice)
data = overview.map

st.caption(t("maps.stepper.help"))
panels.map_beside_units(
    data,
    lambda: render.site_map(registry, data, focus),
    record_type="site",
    actor=actor,
    shown_text="maps.shown",
    key="bts_map",
    focus=focus,
)
panels.growth(overview)
panels.network_years_panel(registry, actor, choice)
