"""Trạm ngoài sổ: cell observations (OpenCelliD) against the registered sites —
candidate unregistered stations, unseen sites, technology mismatches; follow-ups."""

import streamlit as st

from registry.cells.service import list_findings
from registry.kernel.errors import NotFoundError
from ui.cells import view
from ui.common.i18n import number, t
from ui.shell.menu import guard

registry, actor = guard("cells")
st.title(t("cells.title"))
st.caption(t("cells.intro"))
if view.may_import(actor):
    view.upload_panel(registry, actor)
kind = view.kind_filter()
try:
    snapshot, found = list_findings(registry, actor, kind=kind)
except NotFoundError:
    st.info(t("cells.none"))
    st.stop()
st.caption(
    t(
        "cells.snapshot",
        id=snapshot.id,
        source=snapshot.source,
        file=snapshot.file_name,
        day=f"{snapshot.observed_on:%d/%m/%Y}" if snapshot.observed_on else "–",
        match=number(snapshot.match_m),
    )
)
st.markdown(t("cells.count", count=number(len(found))))
if len(found):
    view.findings_map(registry, actor, found, view.focused_finding(found))
    view.findings_table(found)
    view.download_button(registry, actor)
view.follow_up_panel(registry, actor, found)
