"""The session's registry and signed-in user.

The registry is opened once per process and database (``st.cache_resource``);
the first start of an empty database creates it and loads the demo data set.
The signed-in user is kept in ``st.session_state[ACTOR_KEY]`` as a
:class:`registry.access.permissions.Actor` (a test signs in by putting one there).
"""

from __future__ import annotations

import streamlit as st

from registry.access.permissions import Actor
from registry.access.profile import Profile, actor_profile
from registry.access.users import authenticate, find_actor
from registry.bootstrap import start_registry
from registry.kernel.dataset import is_demo
from registry.kernel.db import Registry
from registry.kernel.errors import NotFoundError, RegistryError
from registry.kernel.settings import Config, load_config
from ui.common.i18n import t

ACTOR_KEY = "actor"
_PROFILE_KEY = "_profile"
# Session keys that belong to the signed-in user and go when they sign out.
_USER_PREFIXES = ("reg_", "io_", "home_", "map_", "bts_", "pts_", "insp_", "dash_")
# Reports and the cluster editor keep the made report and messages per user.
_USER_PREFIXES += ("rep_", "clu_")
# The permits page's forms, inbox selections and messages.
_USER_PREFIXES += ("pmt_",)


@st.cache_resource(show_spinner=False, max_entries=4)
def _registry_for(config: Config) -> Registry:
    return start_registry(config)


def get_registry() -> Registry:
    """The registry of the configured database, started on first use.

    A setting the registry cannot use is shown as an error and stops the page.
    """
    try:
        config = load_config()
        with st.spinner(t("app.starting")):
            return _registry_for(config)
    except RegistryError as error:
        st.error(t("app.config_error", detail=str(error)))
        st.stop()


def current_actor() -> Actor | None:
    """The signed-in user, or None."""
    actor = st.session_state.get(ACTOR_KEY)
    return actor if isinstance(actor, Actor) else None


def refresh_actor(registry: Registry, actor: Actor) -> Actor | None:
    """The signed-in user as stored now (role or area may have changed).

    A user deactivated or removed since signing in is signed out (None).
    """
    try:
        fresh = find_actor(registry, actor.username)
    except NotFoundError:
        sign_out()
        return None
    st.session_state[ACTOR_KEY] = fresh
    return fresh


def sign_in(registry: Registry, username: str, password: str) -> Actor:
    """Check the password (argon2) and keep the user in the session.

    Raises the registry's ``PermissionDeniedError`` for a wrong name or password.
    """
    actor = authenticate(registry, (username or "").strip(), password or "")
    st.session_state[ACTOR_KEY] = actor
    return actor


def sign_out() -> None:
    """Forget the signed-in user and what their pages kept in the session."""
    for key in list(st.session_state.keys()):
        if key in (ACTOR_KEY, _PROFILE_KEY) or str(key).startswith(_USER_PREFIXES):
            del st.session_state[key]


def profile_of(registry: Registry, actor: Actor) -> Profile:
    """The user's profile (display name, area, network), kept for the session."""
    cached = st.session_state.get(_PROFILE_KEY)
    if isinstance(cached, Profile) and cached.username == actor.username:
        return cached
    profile = actor_profile(registry, actor)
    st.session_state[_PROFILE_KEY] = profile
    return profile


def demo_in_use(registry: Registry) -> bool:
    """True while the stored data set is the generated demo."""
    return is_demo(registry)
