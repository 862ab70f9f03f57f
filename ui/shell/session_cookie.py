"""The session cookie as the pages see it: read on a new page load, set and
cleared by the browser through the routes of :mod:`ui.shell.session_routes`.

Streamlit gives a page the cookies of the request that opened its WebSocket
(``st.context.cookies``), read-only; setting an HttpOnly cookie takes an HTTP
response, hence the two routes and the small script that posts to them. The
script marks the page (``data-registry-session`` on ``<body>``) when the server
answered, which is what the browser tests wait for.
"""

from __future__ import annotations

import json

import streamlit as st

from registry.access.sessions import well_formed

COOKIE_NAME = "registry_session"
SESSION_PATH = "/auth/session"
SIGN_OUT_PATH = "/auth/sign-out"
# What the script writes on <body data-registry-session=...> once answered.
SET, CLEARED, FAILED = "set", "cleared", "failed"


def cookie_token() -> str | None:
    """The session token the browser sent with this page's request, if it has
    the shape of one (a hostile value is never passed on)."""
    try:
        value = st.context.cookies.get(COOKIE_NAME)
    except (AttributeError, RuntimeError):  # no request (a test's run)
        return None
    return value if well_formed(value) else None


def _post_script(path: str, body: dict, done: str) -> str:
    """A script that posts ``body`` (JSON) to ``path`` of this app and marks the
    page with ``done`` (or :data:`FAILED`) when the server answered."""
    return (
        "<script>(() => {"
        f"fetch({json.dumps(path)}, {{method: 'POST', credentials: 'same-origin',"
        " headers: {'Content-Type': 'application/json'},"
        f" body: {json.dumps(json.dumps(body))}}})"
        ".then(r => { document.body.dataset.registrySession ="
        f" r.ok ? {json.dumps(done)} : {json.dumps(FAILED)}; }})"
        f".catch(() => {{ document.body.dataset.registrySession = {json.dumps(FAILED)};"
        " });"
        "})();</script>"
    )


def hand_over(code: str, where=st) -> None:
    """Have the browser trade a new session's one-time code for its cookie (the
    script goes into ``where``, e.g. a placeholder)."""
    if not well_formed(code):
        raise ValueError("'code' should be a hand-over code from open_session")
    where.html(
        _post_script(SESSION_PATH, {"code": code}, SET),
        unsafe_allow_javascript=True,
    )


def clear_cookie(where=st) -> None:
    """Have the browser drop its session cookie (and end the cookie's session)."""
    where.html(_post_script(SIGN_OUT_PATH, {}, CLEARED), unsafe_allow_javascript=True)
