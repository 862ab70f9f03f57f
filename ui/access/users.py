"""The blocks of the users page (administrators): the list of users, a form to add
one, and the changes to one user (enable or disable, role and area, password).

Every change goes through one use case of :mod:`registry.access`, which checks
the right again and writes the audit entry; refusals are shown by their code.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from registry.access.accounts import (
    area_choices,
    disable_user,
    enable_user,
    set_password,
    set_role,
)
from registry.access.permissions import Actor
from registry.access.users import create_user, list_users
from registry.kernel.db import Registry
from registry.kernel.errors import RegistryError, ValidationError
from registry.kernel.vocabulary import OPERATORS, Role
from ui.common.i18n import t, value_label
from ui.common.messages import error_text, field_error_text
from ui.shell.page_state import flash, show_flash

EDITIONS = ("2025-06", "2025-07")
_FLASH = "usr_done"
_LEVEL_OF_ROLE = {Role.DISTRICT.value: "district", Role.COMMUNE.value: "commune"}


def show_refusal(error: RegistryError) -> None:
    """A refusal in the session's language, with each field's problem."""
    if isinstance(error, ValidationError):
        for problem in error.errors:
            st.error(field_error_text("user", problem))
    else:
        st.error(error_text(error, "user"))


def _where(user: dict) -> str:
    if user["area_code"]:
        return f"{user.get('area_name') or user['area_code']} ({user['area_edition']})"
    if user["network_code"]:
        return t("usr.network", code=user["network_code"])
    return t("usr.whole_province")


def users_table(registry: Registry, actor: Actor) -> list[dict]:
    """Every user in a table (name, role, area, enabled); returns the users."""
    show_flash(_FLASH)
    users = list_users(registry, actor)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("usr.col_username"): u["username"],
                    t("usr.col_name"): u["display_name"],
                    t("usr.col_role"): value_label(u["role"]),
                    t("usr.col_area"): _where(u),
                    t("usr.col_state"): t(
                        "usr.enabled" if u["active"] else "usr.disabled"
                    ),
                    t("usr.col_demo"): t("usr.yes") if u["demo_account"] else "",
                }
                for u in users
            ]
        ),
        hide_index=True,
        key="usr_table",
    )
    return users


def _jurisdiction_inputs(registry, actor, role: str, key: str) -> dict:
    """The area (district or commune roles) or network (operators) for ``role``."""
    chosen = {"area_edition": None, "area_code": None, "network_code": None}
    level = _LEVEL_OF_ROLE.get(role)
    if level:
        editions = EDITIONS if level == "commune" else EDITIONS[:1]
        edition = st.selectbox(
            t("usr.edition"),
            editions,
            format_func=lambda e: t(f"edition.{e}"),
            key=f"{key}_edition",
        )
        areas = dict(area_choices(registry, actor, edition, level))
        chosen["area_edition"] = edition
        chosen["area_code"] = st.selectbox(
            t(f"usr.area_{level}"),
            list(areas),
            format_func=areas.__getitem__,
            key=f"{key}_area_{edition}",
        )
    elif role == Role.OPERATOR.value:
        chosen["network_code"] = st.selectbox(
            t("usr.network_label"),
            list(OPERATORS),
            format_func=lambda c: f"{OPERATORS[c].name} ({c})",
            key=f"{key}_network",
        )
    return chosen


def _role_input(key: str, current: str | None = None) -> str:
    roles = [r.value for r in Role]
    return st.selectbox(
        t("usr.role"),
        roles,
        index=roles.index(current) if current in roles else roles.index("viewer"),
        format_func=value_label,
        key=key,
    )


def add_user_form(registry: Registry, actor: Actor) -> None:
    """Add a user: name, display name, role with its area or network, password."""
    with st.expander(t("usr.add_title"), icon=":material/person_add:"):
        username = st.text_input(t("usr.username"), max_chars=60, key="usr_new_name")
        display = st.text_input(
            t("usr.display_name"), max_chars=120, key="usr_new_display"
        )
        role = _role_input("usr_new_role")
        where = _jurisdiction_inputs(registry, actor, role, "usr_new")
        password = st.text_input(
            t("usr.password"), type="password", max_chars=200, key="usr_new_password"
        )
        again = st.text_input(
            t("usr.password_again"), type="password", max_chars=200, key="usr_new_again"
        )
        if not st.button(t("usr.add"), type="primary", key="usr_add"):
            return
        if password != again:
            st.error(t("usr.mismatch"))
            return
        try:
            made = create_user(
                registry,
                actor,
                username=username,
                display_name=display or username,
                role=role,
                password=password,
                **where,
            )
        except RegistryError as error:
            show_refusal(error)
            return
        flash(_FLASH, t("usr.added", user=made.username))
        st.rerun()


def _run(action, message: str) -> None:
    """Run one change; flash its message and rerun, or show its refusal."""
    try:
        action()
    except RegistryError as error:
        show_refusal(error)
        return
    flash(_FLASH, message)
    st.rerun()


def manage_user(registry: Registry, actor: Actor, users: list[dict]) -> None:
    """Pick a user, then enable or disable them, change role and area, or give a
    new password."""
    st.subheader(t("usr.manage_title"))
    names = [u["username"] for u in users]
    chosen = st.selectbox(
        t("usr.pick"),
        names,
        index=None,
        placeholder=t("form.choose"),
        key="usr_pick",
    )
    if chosen is None:
        return
    user = next(u for u in users if u["username"] == chosen)
    state, role_tab, password_tab = st.tabs(
        [t("usr.tab_state"), t("usr.tab_role"), t("usr.tab_password")]
    )
    with state:
        st.write(t("usr.enabled" if user["active"] else "usr.disabled"))
        if user["active"]:
            if st.button(t("usr.disable"), key="usr_disable"):
                _run(
                    lambda: disable_user(registry, actor, chosen),
                    t("usr.disabled_done", user=chosen),
                )
        elif st.button(t("usr.enable"), key="usr_enable"):
            _run(
                lambda: enable_user(registry, actor, chosen),
                t("usr.enabled_done", user=chosen),
            )
    with role_tab:
        role = _role_input(f"usr_role_{chosen}", user["role"])
        where = _jurisdiction_inputs(registry, actor, role, f"usr_where_{chosen}")
        if st.button(t("usr.save_role"), key="usr_save_role"):
            _run(
                lambda: set_role(registry, actor, chosen, role, **where),
                t("usr.role_done", user=chosen),
            )
    with password_tab:
        password = st.text_input(
            t("usr.password"), type="password", max_chars=200, key="usr_pw"
        )
        again = st.text_input(
            t("usr.password_again"), type="password", max_chars=200, key="usr_pw_again"
        )
        if st.button(t("usr.save_password"), key="usr_save_password"):
            if password != again:
                st.error(t("usr.mismatch"))
            else:
                _run(
                    lambda: set_password(registry, actor, chosen, password),
                    t("usr.password_done", user=chosen),
                )
