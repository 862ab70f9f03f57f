"""Phủ sóng: coverage per unit on a date, gaps, sharing, growth, the radii in force."""

import streamlit as st

from ui.common.flow import answer_or_stop
from ui.common.i18n import t
from ui.coverage import controls, population, view
from ui.shell.menu import guard

registry, actor = guard("coverage")
st.title(t("cov.title"))

choice = controls.coverage_controls(registry, actor)
dashboard = answer_or_stop(lambda: controls.load_dashboard(registry, actor, choice))

st.caption(controls.scope_caption(dashboard))
st.info(t("cov.model_note"), icon=":material/cell_tower:")
if dashboard.coverage.approximate:
    st.warning(t("cov.approximate"), icon="⚠️")
view.headline(dashboard)
controls.show_coverage_map(controls.coverage_map(registry, dashboard))
view.unit_shares(dashboard)
view.operator_shares(dashboard)
view.gaps(dashboard)
view.sharing(dashboard)
view.growth(dashboard)
view.radii(dashboard)
population.population_panel(registry, actor, dashboard)
