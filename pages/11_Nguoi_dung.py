"""Người dùng: administrators list users, add one, disable or enable, change role,
area or password."""

import streamlit as st

from ui.access.users import add_user_form, manage_user, users_table
from ui.common.flow import answer_or_stop
from ui.common.i18n import t
from ui.shell.menu import guard

registry, actor = guard("users")
st.title(t("usr.title"))
st.caption(t("usr.intro"))
users = answer_or_stop(lambda: users_table(registry, actor))
add_user_form(registry, actor)
manage_user(registry, actor, users)
