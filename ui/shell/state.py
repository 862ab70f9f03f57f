"""The session's registry and signed-in user.

The registry is opened once per process and database (``st.cache_resource``);
the first start of an empty database creates it and loads the demo data set.
The signed-in user is kept in ``st.session_state[ACTOR_KEY]`` as a
:class:`registry.access.permissions.Actor` (a test signs in by putting one there).
"""

from __future__ import annotations

import time

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from registry.access.permissions import Actor
from registry.access.profile import Profile, actor_profile
from registry.access.signin import sign_in as checked_sign_in
from registry.access.users import find_actor
from registry.bootstrap import start_registry
from registry.kernel.dataset import is_demo
from registry.kernel.db import Registry
from registry.kernel.errors import NotFoundError, RegistryError
from registry.kernel.settings import Config, load_config
from ui.common.i18n import t

ACTOR_KEY = "actor"
_PROFILE_KEY = "_profile"
# When the signed-in user last loaded a page (seconds since the epoch), and the
# note that their session ended for idleness (shown on the sign-in form).
LAST_SEEN_KEY = "_last_seen"
IDLE_NOTE_KEY = "_signed_out_idle"
# Session keys that belong to the signed-in user and go when they sign out.
_USER_PREFIXES = ("reg_", "io_", "home_", "map_", "bts_", "pts_", "insp_", "dash_")
# Reports and the cluster editor keep the made report and messages per user.
_USER_PREFIXES += ("rep_", "clu_")
# The permits page's forms, inbox selections and messages.
_USER_PREFIXES += ("pmt_",)
# The users page's forms and messages.
_USER_PREFIXES += ("usr_",)


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


def client_of_session() -> str:
    """Who is asking, for the sign-in throttle: the address the nearest proxy saw
    (the last ``X-Forwarded-For`` entry, which a client cannot forge behind one),
    else the address Streamlit saw, else this browser session."""
    try:
        forwarded = st.context.headers.get("X-Forwarded-For") or ""
        address = st.context.ip_address
    except (AttributeError, RuntimeError):  # no request (e.g. a test's run)
        forwarded, address = "", None
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if hops:
        return f"address:{hops[-1]}"
    if address:
        return f"address:{address}"
    context = get_script_run_ctx()
    return f"session:{context.session_id if context else 'unknown'}"


def sign_in(registry: Registry, username: str, password: str) -> Actor:
    """Check the password (argon2, behind the throttle) and keep the user in the
    session.

    Raises the registry's ``PermissionDeniedError`` for a wrong name or password,
    or while the name or this client is throttled.
    """
    actor = checked_sign_in(
        registry,
        (username or "").strip(),
        password or "",
        client=client_of_session(),
    )
    st.session_state[ACTOR_KEY] = actor
    st.session_state[LAST_SEEN_KEY] = time.time()
    st.session_state.pop(IDLE_NOTE_KEY, None)
    return actor


def sign_out() -> None:
    """Forget the signed-in user and what their pages kept in the session."""
    for key in list(st.session_state.keys()):
        if key in (ACTOR_KEY, _PROFILE_KEY, LAST_SEEN_KEY) or str(key).startswith(
            _USER_PREFIXES
        ):
            del st.session_state[key]


def end_idle_session(registry: Registry) -> bool:
    """Sign out a user idle for longer than ``REGISTRY_SESSION_IDLE_MINUTES``
    (True if so); otherwise note this page load as their latest activity."""
    if current_actor() is None:
        return False
    stamp = time.time()
    last = st.session_state.get(LAST_SEEN_KEY)
    idle_limit = registry.config.session_idle_minutes * 60
    if isinstance(last, int | float) and stamp - last > idle_limit:
        sign_out()
        st.session_state[IDLE_NOTE_KEY] = registry.config.session_idle_minutes
        return True
    st.session_state[LAST_SEEN_KEY] = stamp
    return False


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
