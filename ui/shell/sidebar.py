"""The bottom of the sidebar: demo badge, who is signed in, language, sign-out."""

from __future__ import annotations

import streamlit as st

from registry.access.permissions import Actor
from registry.access.profile import Profile
from registry.kernel.db import Registry
from ui.common.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    language,
    relabel_widgets,
    set_language,
    t,
    value_label,
)
from ui.common.markdown import literal
from ui.shell.state import demo_in_use, keep_language, profile_of, sign_out

_LANGUAGE_WIDGET = "_language_choice"


def area_text(profile: Profile) -> str:
    """'Thành phố Vinh (2025-06)', 'Mạng Viettel (04)' or 'Toàn tỉnh'."""
    if profile.area_code:
        name = profile.area_name or profile.area_code
        return f"{name} ({profile.area_edition})"
    if profile.network_code:
        return t("side.network", name=profile.network_name, code=profile.network_code)
    return t("side.whole_province")


def _language_changed(registry: Registry | None) -> None:
    choice = st.session_state[_LANGUAGE_WIDGET]
    if registry is None:
        set_language(choice)
    else:
        keep_language(registry, choice)
    relabel_widgets()


def render_language_switch(registry: Registry | None = None) -> None:
    """Tiếng Việt / English, kept in the session for every page (and, with
    ``registry``, with the signed-in user's stored session)."""
    st.radio(
        t("side.language"),
        LANGUAGES,
        index=LANGUAGES.index(language()),
        format_func=LANGUAGE_NAMES.__getitem__,
        horizontal=True,
        key=_LANGUAGE_WIDGET,
        on_change=_language_changed,
        args=(registry,),
    )


def render_sidebar_footer(registry: Registry, actor: Actor | None) -> None:
    """Demo badge, the signed-in user (name, role, area), language, sign-out."""
    with st.sidebar:
        if demo_in_use(registry):
            st.badge(t("app.demo_badge"), icon=":material/science:", color="orange")
        st.divider()
        if actor is not None:
            profile = profile_of(registry, actor)
            st.markdown(f"**{literal(profile.display_name)}**")
            st.caption(
                t(
                    "side.who",
                    user=profile.username,
                    role=value_label(profile.role),
                    area=area_text(profile),
                )
            )
        render_language_switch(registry)
        if actor is not None:
            st.button(
                t("side.sign_out"),
                icon=":material/logout:",
                on_click=sign_out,
                args=(registry,),
                key="side_sign_out",
            )
