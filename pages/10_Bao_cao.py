"""Báo cáo: số liệu của một cụm, huyện hoặc xã trong một kỳ; tải bảng tính, trang in."""

import streamlit as st

from registry.kernel.errors import RegistryError
from registry.reports.build import make_report
from ui.common.i18n import t
from ui.common.messages import error_text
from ui.reports.clusters import render_clusters
from ui.reports.form import choose_report
from ui.reports.view import render_report
from ui.shell.menu import guard

RESULT_KEY = "rep_result"

registry, actor = guard("reports")
st.title(t("rep.title"))
st.caption(t("rep.intro"))

request = choose_report(registry, actor)
if request is not None:
    try:
        with st.spinner(t("rep.making")):
            st.session_state[RESULT_KEY] = make_report(registry, actor, **request)
    except RegistryError as error:
        st.session_state.pop(RESULT_KEY, None)
        st.error(error_text(error))
report = st.session_state.get(RESULT_KEY)
if report is not None:
    render_report(report)
st.divider()
render_clusters(registry, actor)
