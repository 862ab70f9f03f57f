"""The session's registry and signed-in user.

The registry is opened once per process and database (``st.cache_resource``);
the first start of an empty database creates it and loads the demo data set.
The signed-in user is kept in ``st.session_state[ACTOR_KEY]`` as a
:class:`registry.access.permissions.Actor` (a test signs in by putting one there).

A sign-in also opens a session in the database (:mod:`registry.access.sessions`),
whose id is kept under ``SESSION_KEY`` and whose token the browser keeps in an
HttpOnly cookie (:mod:`ui.shell.session_cookie`): a reload, a new tab or a
bookmark brings the cookie, and :func:`restore_session` resumes the user and
their language without the sign-in form.
"""

from __future__ import annotations

import time

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from registry.access import messages as access_msg
from registry.access import sessions
from registry.access.permissions import Actor
from registry.access.profile import Profile, actor_profile
from registry.access.signin import sign_in as checked_sign_in
from registry.access.users import find_actor
from registry.bootstrap import start_registry
from registry.kernel.dataset import is_demo
from registry.kernel.db import Registry
from registry.kernel.errors import NotFoundError, PermissionDeniedError, RegistryError
from registry.kernel.settings import Config, load_config
from ui.common.i18n import language, set_language, t
from ui.shell import session_cookie

ACTOR_KEY = "actor"
_PROFILE_KEY = "_profile"
# When the signed-in user last loaded a page (seconds since the epoch), and the
# note that their session ended for idleness (shown on the sign-in form).
LAST_SEEN_KEY = "_last_seen"
IDLE_NOTE_KEY = "_signed_out_idle"
# The database session of the signed-in user (its id), the one-time code the
# browser is to trade for its cookie, the request to clear the cookie, and the
# hash of a cookie already refused (not asked about again in this tab).
SESSION_KEY = "_session_id"
HANDOFF_KEY = "_session_handoff"
CLEAR_COOKIE_KEY = "_session_clear_cookie"
_REFUSED_COOKIE_KEY = "_session_refused_cookie"
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


def registry_for(config: Config) -> Registry:
    """The registry of ``config``'s database, the same object the pages use (the
    session routes, outside any page, share it)."""
    return _registry_for(config)


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
    opened = sessions.open_session(registry, actor, language=language())
    st.session_state[ACTOR_KEY] = actor
    st.session_state[SESSION_KEY] = opened.id
    st.session_state[HANDOFF_KEY] = opened.handoff
    st.session_state[LAST_SEEN_KEY] = time.time()
    st.session_state.pop(IDLE_NOTE_KEY, None)
    return actor


def sign_out(registry: Registry | None = None) -> None:
    """Forget the signed-in user and what their pages kept in the session.

    With ``registry``, the user's sessions end in the database too (every tab
    and browser of theirs); the browser is asked to drop its cookie either way.
    """
    session_id = st.session_state.get(SESSION_KEY)
    if registry is not None and isinstance(session_id, int):
        sessions.sign_out(registry, session_id)
    if session_id is not None:
        st.session_state[CLEAR_COOKIE_KEY] = True
    for key in list(st.session_state.keys()):
        if key in (
            ACTOR_KEY,
            _PROFILE_KEY,
            LAST_SEEN_KEY,
            SESSION_KEY,
            HANDOFF_KEY,
        ) or str(key).startswith(_USER_PREFIXES):
            del st.session_state[key]


def _ended(registry: Registry, refusal: PermissionDeniedError) -> None:
    """Note why a stored session was refused: idleness is said on the form."""
    if refusal.code == access_msg.SESSION_EXPIRED.code:
        st.session_state[IDLE_NOTE_KEY] = registry.config.session_idle_minutes


def _resume_from_cookie(registry: Registry) -> Actor | None:
    """The user of the session the browser's cookie names, with their language;
    None without a cookie or for one refused (then the cookie is cleared)."""
    token = session_cookie.cookie_token()
    if token is None:
        return None
    hashed = sessions.digest(token)
    if st.session_state.get(_REFUSED_COOKIE_KEY) == hashed:
        return None
    try:
        resumed = sessions.resume_session(registry, token)
    except PermissionDeniedError as refusal:
        st.session_state[_REFUSED_COOKIE_KEY] = hashed
        st.session_state[CLEAR_COOKIE_KEY] = True
        _ended(registry, refusal)
        return None
    st.session_state[ACTOR_KEY] = resumed.actor
    st.session_state[SESSION_KEY] = resumed.id
    st.session_state[LAST_SEEN_KEY] = time.time()
    st.session_state.pop(IDLE_NOTE_KEY, None)
    set_language(resumed.language)
    return resumed.actor


def restore_session(registry: Registry) -> Actor | None:
    """The signed-in user for this page load, or None.

    A tab signed in through the database session checks it (signed out
    elsewhere, disabled or idle: signed out here too); a tab not signed in is
    resumed from the browser's cookie. A user put in the session without a
    stored session (a test) keeps the session-only idle check.
    """
    actor = current_actor()
    session_id = st.session_state.get(SESSION_KEY)
    if actor is None:
        return _resume_from_cookie(registry)
    if not isinstance(session_id, int):
        if end_idle_session(registry):
            return None
        return refresh_actor(registry, actor)
    try:
        resumed = sessions.check_session(registry, session_id)
    except PermissionDeniedError as refusal:
        sign_out()
        _ended(registry, refusal)
        return None
    st.session_state[ACTOR_KEY] = resumed.actor
    st.session_state[LAST_SEEN_KEY] = time.time()
    return resumed.actor


def keep_language(registry: Registry, code: str) -> None:
    """Switch the interface language and keep it with the database session."""
    set_language(code)
    session_id = st.session_state.get(SESSION_KEY)
    if isinstance(session_id, int):
        sessions.set_session_language(registry, session_id, code)


def talk_to_cookie() -> None:
    """Send the browser the script its cookie needs now, if any: trade a new
    session's code for the cookie, or drop the cookie after a sign-out.

    The script goes into a placeholder drawn on every run, so that its coming
    and going moves no other element (an open expander would close).
    """
    slot = st.empty()
    handoff = st.session_state.pop(HANDOFF_KEY, None)
    if st.session_state.pop(CLEAR_COOKIE_KEY, False) and handoff is None:
        session_cookie.clear_cookie(slot)
    if handoff is not None:
        session_cookie.hand_over(handoff, slot)


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
