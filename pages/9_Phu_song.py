"""Phủ sóng: coverage per unit on a date, gaps, sharing, growth, the radii in force."""

import streamlit as st

from registry.errors import RegistryError
from ui import coverage_controls, coverage_population, coverage_view
from ui.i18n import t
from ui.menu import guard
from ui.messages import error_text

registry, actor = guard("coverage")
st.title(t("cov.title"))

choice = coverage_controls.coverage_controls(registry, actor)
try:
    dashboard = coverage_controls.load_dashboard(registry, actor, choice)
except RegistryError as error:
    st.error(error_text(error))
    st.stop()

st.caption(coverage_controls.scope_caption(dashboard))
st.info(t("cov.model_note"), icon=":material/cell_tower:")
if dashboard.coverage.approximate:
    st.warning(t("cov.approximate"), icon="⚠️")
coverage_view.headline(dashboard)
coverage_controls.show_coverage_map(coverage_controls.coverage_map(registry, dashboard))
coverage_view.unit_shares(dashboard)
coverage_view.operator_shares(dashboard)
coverage_view.gaps(dashboard)
coverage_view.sharing(dashboard)
coverage_view.growth(dashboard)
coverage_view.radii(dashboard)
coverage_population.population_panel(registry, actor, dashboard)
