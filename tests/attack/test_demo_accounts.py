"""The demo's shared password after the registry has left the demo: refused for
every demo account, through the service on both databases and through the
sign-in page, whichever way the registry left (its first real import or the
demo's removal); and a demo account cannot be switched back on with it."""

from __future__ import annotations

import pytest

from registry.access import messages as access_msg
from registry.access.accounts import enable_user
from registry.access.signin import sign_in
from registry.access.users import find_actor
from registry.demo.load import DEMO_PASSWORD, DEMO_USERS, load_demo
from registry.demo.remove import remove_demo
from registry.files.imports import import_records
from registry.kernel.errors import ConflictError, PermissionDeniedError
from tests.attack import tally
from tests.conftest import DEMO_DAY
from tests.factories import commune_centroid
from tests.page_support import open_app, texts

DEMO_NAMES = [user[0] for user in DEMO_USERS]
MEASURE = "demo password after the demo"


def _small_demo(registry):
    return load_demo(registry, find_actor(registry, "admin"), sites=200, today=DEMO_DAY)


def _import_one_site(registry, admin) -> None:
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    content = (
        "network_code,site_code,name,latitude,longitude,structure_type\n"
        f"04,REAL-1,Trạm thật,{lat},{lon},ground_tower\n"
    ).encode()
    assert import_records(registry, admin, "sites", content, filename="a.csv").stored


LEAVE = {
    "first import": _import_one_site,
    "demo removed": lambda registry, admin: remove_demo(registry, admin),
}


@pytest.mark.parametrize("how", sorted(LEAVE))
def test_the_demo_password_opens_no_account_after_the_demo(open_world, admin, how):
    registry, _ = open_world("demo-200-accounts", _small_demo)
    LEAVE[how](registry, admin)
    accepted = 0
    for number, username in enumerate(DEMO_NAMES):
        try:
            sign_in(
                registry, username, DEMO_PASSWORD, client=f"address:10.1.1.{number}"
            )
            accepted += 1
        except PermissionDeniedError as refusal:
            assert refusal.code == access_msg.WRONG_PASSWORD.code
    reopened = 0
    for username in DEMO_NAMES:
        try:
            enable_user(registry, admin, username)
            reopened += 1
        except ConflictError as refusal:
            assert refusal.code == access_msg.DEMO_ACCOUNT.code
    tried = 2 * len(DEMO_NAMES)
    leaked = accepted + reopened
    tally.record(MEASURE, tried=tried, refused=tried - leaked, leaked=leaked)
    assert (accepted, reopened) == (0, 0)


def test_the_sign_in_page_refuses_the_demo_password_after_the_demo(own_demo_app):
    registry = own_demo_app
    remove_demo(registry, find_actor(registry, "admin"))
    accepted = 0
    for username in DEMO_NAMES:
        app = open_app(registry)
        app.text_input(key="auth_username").input(username)
        app.text_input(key="auth_password").input(DEMO_PASSWORD)
        app.button(key="auth_submit").click().run()
        assert not app.exception
        signed_in = "actor" in app.session_state
        accepted += int(signed_in)
        if not signed_in:
            assert texts(app.error) == ["Sai tên đăng nhập hoặc mật khẩu."]
    tally.record(
        MEASURE,
        tried=len(DEMO_NAMES),
        refused=len(DEMO_NAMES) - accepted,
        leaked=accepted,
    )
    assert accepted == 0
