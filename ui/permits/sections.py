"""The sections of the permits page and the control that picks one."""

from __future__ import annotations

import streamlit as st

from ui.common.i18n import t
from ui.permits.filing import kinds_for

SECTION_KEY = "pmt_section"


def sections_for(actor) -> list[str]:
    """The sections the actor's role sees: inbox, filing (filers), matrix, report."""
    names = ["inbox"]
    if kinds_for(actor):
        names.append("file")
    return [*names, "matrix", "report"]


def pick_section(actor) -> str:
    """A row of buttons choosing the section (the inbox by default)."""
    names = sections_for(actor)
    if st.session_state.get(SECTION_KEY) not in names:
        st.session_state[SECTION_KEY] = names[0]
    chosen = st.segmented_control(
        t("pmt.section"),
        names,
        format_func=lambda name: t(f"pmt.section.{name}"),
        required=True,
        label_visibility="collapsed",
        key=SECTION_KEY,
    )
    return chosen or names[0]
