"""The pages with sessions kept in the database (AppTest): a sign-in opens one
and hands its code to the browser, a cookie brings the user and their language
back without the form, an ended or idle one shows the form, sign-out ends every
session and clears the cookie.

AppTest cannot send cookies: the cookie the browser would send is put in place of
:func:`ui.shell.session_cookie.cookie_token` (the browser test sends a real one).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from registry.access import sessions
from registry.access.sessions import (
    claim_session,
    open_session,
    open_sessions,
    sign_out,
)
from registry.demo.load import DEMO_PASSWORD
from registry.kernel.clock import now
from tests.page_support import actor, demo_app_fixture, open_app, texts
from ui.shell import session_cookie
from ui.shell.state import SESSION_KEY

app_env = demo_app_fixture()


@pytest.fixture
def cookie(monkeypatch):
    """Set what the browser's cookie carries (``cookie.value = token``)."""

    class Cookie:
        value: str | None = None

    sent = Cookie()
    monkeypatch.setattr(session_cookie, "cookie_token", lambda: sent.value)
    return sent


def _token(registry, username: str, language: str = "vi") -> tuple[int, str]:
    opened = open_session(registry, actor(registry, username), language=language)
    return opened.id, claim_session(registry, opened.handoff)


def _scripts(app) -> list[str]:
    return [element.proto.body for element in app.get("html")]


def test_signing_in_opens_a_session_and_hands_its_code_to_the_browser(app_env, cookie):
    before = open_sessions(app_env, "xa.hungdung")
    app = open_app(app_env)
    app.text_input(key="auth_username").input("xa.hungdung")
    app.text_input(key="auth_password").input(DEMO_PASSWORD)
    app.button(key="auth_submit").click().run()
    assert not app.exception
    assert texts(app.title) == ["Tổng quan"]
    assert isinstance(app.session_state[SESSION_KEY], int)
    assert open_sessions(app_env, "xa.hungdung") == before + 1
    [script] = [s for s in _scripts(app) if session_cookie.SESSION_PATH in s]
    assert "fetch(" in script and "http" not in script
    # Shown once: the next run does not post the (used) code again.
    app.run()
    assert not [s for s in _scripts(app) if session_cookie.SESSION_PATH in s]


def test_a_cookie_brings_the_user_and_their_language_back(app_env, cookie):
    _, cookie.value = _token(app_env, "huyen.vinh", language="en")
    app = open_app(app_env, page="pages/4_So_dang_ky.py")
    assert not app.exception
    assert app.session_state["actor"].username == "huyen.vinh"
    assert app.session_state["lang"] == "en"
    assert texts(app.title) == ["Registry"]
    assert not [e for e in app.text_input if e.key == "auth_username"]


def test_the_language_switch_is_kept_with_the_session(app_env, cookie):
    session_id, cookie.value = _token(app_env, "khach")
    app = open_app(app_env)
    assert texts(app.title) == ["Tổng quan"]
    app.sidebar.radio[0].set_value("en").run()
    assert texts(app.title) == ["Overview"]
    again = open_app(app_env)  # a reload: a new browser session, the same cookie
    assert again.session_state["lang"] == "en"
    assert texts(again.title) == ["Overview"]


def test_an_idle_session_shows_the_form_and_says_why(app_env, cookie, monkeypatch):
    _, cookie.value = _token(app_env, "khach")
    idle = app_env.config.session_idle_minutes
    later = now() + timedelta(minutes=idle, seconds=1)
    monkeypatch.setattr(sessions, "now", lambda: later)
    app = open_app(app_env)
    assert texts(app.title) == ["Đăng nhập"]
    assert any(str(idle) in info.value for info in app.info)
    # The browser is asked to drop the refused cookie.
    assert any(session_cookie.SIGN_OUT_PATH in s for s in _scripts(app))


def test_sign_out_ends_every_session_of_the_user_and_clears_the_cookie(app_env, cookie):
    _, other_tab = _token(app_env, "viettel")
    _, cookie.value = _token(app_env, "viettel")
    app = open_app(app_env)
    assert app.session_state["actor"].username == "viettel"
    app.sidebar.button(key="side_sign_out").click().run()
    assert texts(app.title) == ["Đăng nhập"]
    assert open_sessions(app_env, "viettel") == 0
    assert any(session_cookie.SIGN_OUT_PATH in s for s in _scripts(app))
    cookie.value = other_tab
    assert texts(open_app(app_env).title) == ["Đăng nhập"]


def test_a_session_ended_elsewhere_signs_this_tab_out(app_env, cookie):
    session_id, cookie.value = _token(app_env, "so.tttt")
    app = open_app(app_env)
    assert texts(app.title) == ["Tổng quan"]
    sign_out(app_env, session_id)  # from another tab or browser
    app.run()
    assert texts(app.title) == ["Đăng nhập"]
    assert "actor" not in app.session_state


def test_the_sessions_keep_exactly_the_interface_languages():
    from ui.common.i18n import LANGUAGES

    assert tuple(sessions.LANGUAGES) == tuple(LANGUAGES)
