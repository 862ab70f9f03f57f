"""The sign-in form, and the demo users while the demo data set is in use."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from registry.access import messages as access_msg
from registry.demo.load import DEMO_PASSWORD, DEMO_USERS
from registry.kernel.db import Registry
from registry.kernel.errors import PermissionDeniedError
from ui.common.i18n import t, value_label
from ui.common.messages import refusal_text
from ui.shell.state import IDLE_NOTE_KEY, demo_in_use, sign_in


def demo_users_table() -> pd.DataFrame:
    """The demo users with their role, area and password, for the sign-in page."""
    rows = []
    for username, display, role, edition, area, network in DEMO_USERS:
        where = area or (network and t("auth.network", code=network)) or ""
        if edition:
            where = f"{where} ({edition})"
        rows.append(
            {
                t("auth.col_username"): username,
                t("auth.col_password"): DEMO_PASSWORD,
                t("auth.col_role"): value_label(role),
                t("auth.col_area"): where or t("auth.whole_province"),
                t("auth.col_name"): display,
            }
        )
    return pd.DataFrame(rows)


def sign_in_view(registry: Registry) -> None:
    """Title, sign-in form and (demo only) the table of demo users.

    A session just ended for idleness says so; a throttled sign-in says when to
    try again.
    """
    st.title(t("auth.title"))
    st.caption(t("auth.intro"))
    idle_minutes = st.session_state.get(IDLE_NOTE_KEY)
    if idle_minutes:
        st.info(t("auth.idle_signed_out", minutes=idle_minutes), icon="⏱️")
    with st.form("auth_form"):
        username = st.text_input(t("auth.username"), key="auth_username")
        password = st.text_input(
            t("auth.password"), type="password", key="auth_password"
        )
        submitted = st.form_submit_button(
            t("auth.submit"), type="primary", key="auth_submit"
        )
    if submitted:
        try:
            sign_in(registry, username, password)
        except PermissionDeniedError as refusal:
            if refusal.code == access_msg.THROTTLED.code:
                st.error(t("auth.throttled", reason=refusal_text(refusal)))
            else:
                st.error(t("auth.refused"))
        else:
            st.rerun()
    if demo_in_use(registry):
        st.subheader(t("auth.demo_title"))
        st.caption(t("auth.demo_note", password=DEMO_PASSWORD))
        st.dataframe(demo_users_table(), hide_index=True)
