"""The map opened on one record (``?site=N``, ``?point=N``): ids of records in
other areas or of other operators are refused with the reason and show nothing
of the record; a hostile name of one's own record is shown as text."""

from __future__ import annotations

import pytest

from registry.access.users import find_actor
from registry.records.by_kind import SITES
from registry.records.listing import list_records
from tests.attack import tally
from tests.factories import site_values
from tests.page_support import demo_app_fixture, open_app, texts

app_env = demo_app_fixture()
BTS_PAGE = "pages/2_Ban_do_BTS.py"
POINTS_PAGE = "pages/3_Ban_do_diem.py"
HOSTILE = "<script>alert(1)</script> **đậm** [x](javascript:alert(2))"


def _everything(app) -> str:
    return " ".join(
        texts(app.error)
        + texts(app.info)
        + texts(app.subheader)
        + texts(app.markdown)
        + texts(app.caption)
    )


def _outside(registry, username: str, record_type: str):
    """A record the user may not see (by the department's listing)."""
    everyone = list_records(registry, find_actor(registry, "so.tttt"), record_type)
    own = set(list_records(registry, find_actor(registry, username), record_type)["id"])
    return everyone[~everyone["id"].isin(own)].iloc[0]


@pytest.mark.parametrize(
    ("username", "page", "record_type", "param"),
    [
        ("huyen.vinh", BTS_PAGE, "site", "site"),
        ("xa.hungdung", BTS_PAGE, "site", "site"),
        ("viettel", BTS_PAGE, "site", "site"),
        ("huyen.vinh", POINTS_PAGE, "point", "point"),
        ("xa.hungdung", POINTS_PAGE, "point", "point"),
    ],
)
def test_a_record_outside_the_user_s_reach_is_refused_on_the_map(
    app_env, username, page, record_type, param
):
    other = _outside(app_env, username, record_type)
    app = open_app(app_env, username, page, query={param: str(int(other["id"]))})
    assert not app.exception
    assert app.error, "no refusal"
    shown = _everything(app)
    secrets = [other["name"]]
    if record_type == "site":
        secrets.append(other["site_code"])
    leaked = any(secret in shown for secret in secrets)
    tally.record("map focus outside", tried=1, leaked=int(leaked), refused=1)
    assert not leaked
    assert "Traceback" not in shown


def test_a_hostile_name_of_one_s_own_site_is_shown_as_text(app_env):
    admin = find_actor(app_env, "admin")
    created = SITES.create(
        app_env, admin, site_values(app_env, site_code="ATK-FOCUS", name=HOSTILE)
    )
    app = open_app(app_env, "huyen.vinh", BTS_PAGE, query={"site": str(created["id"])})
    assert not app.exception and not app.error
    info = " ".join(texts(app.info))
    # Markdown and HTML are escaped: the name reads as typed, nothing is a link.
    assert "\\*\\*đậm\\*\\*" in info or "&ast;&ast;" in info or "\\*" in info
    assert "](javascript" not in info.replace("\\]", "")
