"""Attacks on the sessions kept behind a cookie, on both databases.

A forged, copied (the stored hash), mixed-up (a hand-over code as a token) or
hostile cookie opens nothing; an expired session or a disabled user's does not
come back; a token in the URL is ignored; the cookie routes refuse a request from
another site's page. The routes are driven as the server drives them (ASGI,
Starlette's router), the pages with AppTest.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from datetime import timedelta

import pytest
from starlette.applications import Starlette

from registry.access import messages as msg
from registry.access import sessions
from registry.access.accounts import disable_user
from registry.access.sessions import (
    claim_session,
    digest,
    open_session,
    open_sessions,
    resume_session,
)
from registry.access.users import create_user
from registry.kernel.clock import now
from registry.kernel.errors import PermissionDeniedError
from registry.kernel.models import UserSession
from tests.attack.payloads import STORED
from tests.page_support import demo_app_fixture, open_app, texts
from ui.shell import session_cookie, session_routes
from ui.shell.session_cookie import COOKIE_NAME, SESSION_PATH, SIGN_OUT_PATH

APP_ORIGIN = "http://registry.test"
HOSTILE_COOKIES = (
    *STORED,
    "",
    "A" * 42,
    "A" * 44,
    "A" * 10_000,
    "x" * 42 + "\x00",
    "' OR '1'='1' -- " + "A" * 27,
    "../../../../etc/passwd" + "A" * 21,
    "Trạm Hưng Dũng ẞ" + "A" * 27,
)

app_env = demo_app_fixture()


def _user(registry, admin, username="khach"):
    return create_user(
        registry,
        admin,
        username=username,
        display_name="Khách",
        role="viewer",
        password="secret-pass",
    )


def _token(registry, actor, language="vi") -> tuple[int, str, str]:
    opened = open_session(registry, actor, language=language)
    return opened.id, opened.handoff, claim_session(registry, opened.handoff)


def _refused_code(call) -> str:
    with pytest.raises(PermissionDeniedError) as refused:
        call()
    return refused.value.code


# --- the services -----------------------------------------------------------


def test_a_forged_token_opens_nothing(registry, admin):
    _token(registry, _user(registry, admin))
    for _ in range(20):
        forged = secrets.token_urlsafe(32)
        assert _refused_code(lambda f=forged: resume_session(registry, f)) == (
            msg.SESSION_UNKNOWN.code
        )


def test_the_stored_hash_and_the_hand_over_code_are_no_tokens(registry, admin):
    session_id, handoff, token = _token(registry, _user(registry, admin))
    with registry.reading() as session:
        stored = session.get(UserSession, session_id).token_hash
    for wrong in (stored, stored[:43], handoff, digest(token)[:43]):
        assert _refused_code(lambda w=wrong: resume_session(registry, w)) == (
            msg.SESSION_UNKNOWN.code
        )
    # Nor is a token a hand-over code (a cookie cannot be turned into a second one).
    assert _refused_code(lambda: claim_session(registry, token)) == msg.HANDOFF.code
    assert resume_session(registry, token).actor.username == "khach"


def test_one_users_token_never_gives_another_user(registry, admin):
    """Each token resumes its own user only, and signing one user out leaves the
    other's sessions alone (no session id of another user is ever taken)."""
    _, _, mine = _token(registry, _user(registry, admin, "khach.mot"))
    theirs_id, _, theirs = _token(registry, _user(registry, admin, "khach.hai"))
    assert resume_session(registry, mine).actor.username == "khach.mot"
    assert resume_session(registry, theirs).actor.username == "khach.hai"
    sessions.sign_out(registry, theirs_id)
    assert resume_session(registry, mine).actor.username == "khach.mot"
    assert open_sessions(registry, "khach.hai") == 0


def test_hostile_cookie_values_are_refused_before_any_query(
    registry, admin, monkeypatch
):
    _token(registry, _user(registry, admin))
    asked = []
    monkeypatch.setattr(sessions, "_checked", lambda *a: asked.append(a))
    for value in HOSTILE_COOKIES:
        assert _refused_code(lambda v=value: resume_session(registry, v)) == (
            msg.SESSION_UNKNOWN.code
        )
        assert _refused_code(lambda v=value: claim_session(registry, v)) == (
            msg.HANDOFF.code
        )
    assert asked == []


def test_an_expired_session_does_not_come_back(registry, admin, monkeypatch):
    _, _, token = _token(registry, _user(registry, admin))
    later = now() + timedelta(minutes=registry.config.session_idle_minutes, seconds=1)
    monkeypatch.setattr(sessions, "now", lambda: later)
    assert _refused_code(lambda: resume_session(registry, token)) == (
        msg.SESSION_EXPIRED.code
    )
    monkeypatch.setattr(sessions, "now", now)  # back in time: still ended
    assert _refused_code(lambda: resume_session(registry, token)) == (
        msg.SESSION_UNKNOWN.code
    )


def test_a_disabled_users_cookie_does_not_come_back(registry, admin):
    _, _, token = _token(registry, _user(registry, admin))
    disable_user(registry, admin, "khach")
    assert _refused_code(lambda: resume_session(registry, token)) == (
        msg.SESSION_UNKNOWN.code
    )


# --- the routes -------------------------------------------------------------


def _call(method, path, *, headers=(), body=b"", monkey=None):
    """One HTTP request through Starlette's router, as the server passes it."""
    app = Starlette(routes=session_routes.session_routes())
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"registry.test")]
        + [(k.lower().encode(), v.encode("utf-8")) for k, v in headers],
        "client": ("10.0.0.1", 5000),
        "server": ("registry.test", 80),
    }
    sent = []

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    content = b"".join(
        m.get("body", b"") for m in sent if m["type"] == "http.response.body"
    )
    cookies = [v.decode("latin-1") for k, v in start["headers"] if k == b"set-cookie"]
    return start["status"], content, cookies


def _post_code(code, *, origin=APP_ORIGIN, content_type="application/json", extra=()):
    headers = [("content-type", content_type), *extra]
    if origin is not None:
        headers.append(("origin", origin))
    return _call(
        "POST", SESSION_PATH, headers=headers, body=json.dumps({"code": code}).encode()
    )


@pytest.fixture
def routed(registry, monkeypatch):
    """The routes, serving the test's registry."""
    monkeypatch.setattr(session_routes, "_registry", lambda: registry)
    return registry


def test_the_route_sets_an_httponly_lax_cookie_for_a_fresh_code(routed, admin):
    opened = open_session(routed, _user(routed, admin), language="vi")
    status, _, cookies = _post_code(opened.handoff)
    assert status == 204
    [cookie] = cookies
    assert cookie.startswith(f"{COOKIE_NAME}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    assert resume_session(routed, token).actor.username == "khach"
    # The code is used up.
    assert _post_code(opened.handoff)[0] == 403


@pytest.mark.parametrize(
    ("origin", "extra"),
    [
        ("http://evil.example", ()),
        (None, ()),
        ("null", ()),
        ("https://registry.test", ()),  # another scheme is another origin
        ("http://registry.test.evil.example", ()),
        (APP_ORIGIN, (("sec-fetch-site", "cross-site"),)),
        (APP_ORIGIN, (("sec-fetch-site", "same-site"),)),
    ],
)
def test_a_cross_origin_post_is_refused(routed, admin, origin, extra):
    opened = open_session(routed, _user(routed, admin), language="vi")
    status, content, cookies = _post_code(opened.handoff, origin=origin, extra=extra)
    assert (status, cookies) == (403, [])
    assert json.loads(content) == {"refused": "origin"}
    # Refused before the code was looked at: it still works from the app.
    assert _post_code(opened.handoff)[0] == 204


def test_a_form_post_or_a_large_body_is_refused(routed, admin):
    opened = open_session(routed, _user(routed, admin), language="vi")
    # A cross-site form can send text/plain without a preflight: not accepted.
    assert _post_code(opened.handoff, content_type="text/plain")[0] == 400
    status, _, _ = _call(
        "POST",
        SESSION_PATH,
        headers=[("content-type", "application/json"), ("origin", APP_ORIGIN)],
        body=json.dumps({"code": opened.handoff, "pad": "x" * 2000}).encode(),
    )
    assert status == 400
    for payload in (b"[1]", b"not json", b'{"code": 7}', b"\xff\xfe"):
        status, _, _ = _call(
            "POST",
            SESSION_PATH,
            headers=[("content-type", "application/json"), ("origin", APP_ORIGIN)],
            body=payload,
        )
        assert status == 400
    for value in HOSTILE_COOKIES:
        too_large = len(json.dumps({"code": value})) > 1024
        assert _post_code(value)[0] == (400 if too_large else 403)


def test_a_get_sets_no_cookie(routed):
    status, _, cookies = _call("GET", SESSION_PATH)
    assert status == 405 and cookies == []


def test_sign_out_route_ends_the_session_and_clears_the_cookie(routed, admin):
    _, _, token = _token(routed, _user(routed, admin))
    headers = [("origin", APP_ORIGIN), ("cookie", f"{COOKIE_NAME}={token}")]
    status, _, cookies = _call("POST", SIGN_OUT_PATH, headers=headers)
    assert status == 204
    assert any("Max-Age=0" in c for c in cookies)
    assert open_sessions(routed, "khach") == 0


def test_a_cross_origin_sign_out_ends_nothing(routed, admin):
    _, _, token = _token(routed, _user(routed, admin))
    headers = [("origin", "http://evil.example"), ("cookie", f"{COOKIE_NAME}={token}")]
    status, _, cookies = _call("POST", SIGN_OUT_PATH, headers=headers)
    assert (status, cookies) == (403, [])
    assert open_sessions(routed, "khach") == 1


@pytest.mark.parametrize("value", HOSTILE_COOKIES[:6])
def test_a_hostile_cookie_at_sign_out_only_clears_it(routed, admin, value):
    _token(routed, _user(routed, admin))
    headers = [("origin", APP_ORIGIN), ("cookie", f"{COOKIE_NAME}={value!r}")]
    status, _, cookies = _call("POST", SIGN_OUT_PATH, headers=headers)
    assert status == 204 and any("Max-Age=0" in c for c in cookies)
    assert open_sessions(routed, "khach") == 1


# --- the pages --------------------------------------------------------------


def test_a_token_in_the_url_is_ignored(app_env, monkeypatch):
    monkeypatch.setattr(session_cookie, "cookie_token", lambda: None)
    opened = open_session(app_env, sessions_actor(app_env, "huyen.vinh"), language="vi")
    token = claim_session(app_env, opened.handoff)
    for name in ("token", "session", COOKIE_NAME, "code"):
        for value in (token, opened.handoff):
            app = open_app(app_env, query={name: value})
            assert texts(app.title) == ["Đăng nhập"]
            assert "actor" not in app.session_state


@pytest.mark.parametrize("value", HOSTILE_COOKIES[:8])
def test_a_page_with_a_hostile_cookie_shows_the_form(app_env, monkeypatch, value):
    # The value as the browser would send it, read through st.context.cookies.
    monkeypatch.setattr(
        session_cookie.st, "context", type("C", (), {"cookies": {COOKIE_NAME: value}})
    )
    assert session_cookie.cookie_token() is None
    monkeypatch.undo()
    monkeypatch.setattr(session_cookie, "cookie_token", lambda: value)
    app = open_app(app_env)
    assert not app.exception
    assert texts(app.title) == ["Đăng nhập"]


def sessions_actor(registry, username):
    from registry.access.users import find_actor

    return find_actor(registry, username)
