"""Hostile page parameters: every page, every parameter it reads, values no link
of the product makes. The page says what it can (no such record, an address it
ignored) in Vietnamese and never shows a traceback.

The parameters the pages read (``grep query_params ui pages``): ``id`` and
``kind`` (the register), ``inspection`` and ``point`` (inspections),
``application`` (permits), ``site`` and ``point`` (the maps). Every page also
gets all of them at once, unknown keys and repeated keys.
"""

from __future__ import annotations

import pytest

from tests.attack import tally
from tests.page_support import demo_app_fixture, open_app, texts
from ui.shell.menu import PAGES

app_env = demo_app_fixture()

HOSTILE_VALUES = (
    "99999999999999999999",
    "abc",
    "-1",
    "0",
    "1e9",
    " 12",
    "",
    "١٢",
    "<script>alert(1)</script>",
    "1;DROP TABLE audit_log",
    "\u202e21",
    "9" * 5000,
)
# page -> the parameters it reads, with the values that complete the address.
READ_BY_PAGE = {
    "pages/4_So_dang_ky.py": {"id": {"kind": "site"}, "kind": {"id": "1"}},
    "pages/6_Kiem_tra.py": {"inspection": {}, "point": {}},
    "pages/8_Ho_so_cap_phep.py": {"application": {}},
    "pages/2_Ban_do_BTS.py": {"site": {}},
    "pages/3_Ban_do_diem.py": {"point": {}},
}
CASES = [
    (page, name, extra)
    for page, names in READ_BY_PAGE.items()
    for name, extra in names.items()
]
# Everything at once, with keys no page reads and keys given twice.
EVERYTHING = {
    "id": ["1", "<b>2</b>"],
    "kind": ["point", "<script>"],
    "inspection": ["1e9", "1"],
    "point": "-1",
    "application": ["abc", "99999999999999999999"],
    "edition": "x",
    "year": "99999",
    "group": "../../etc/passwd",
    "lang": "<script>alert(1)</script>",
}
# Words of a traceback or an internal error shown to a user.
LEAKS = ("Traceback", "Error", 'File "', "/work/", "site-packages")


def _shown(app) -> str:
    return " ".join(
        texts(app.error) + texts(app.warning) + texts(app.info) + texts(app.markdown)
    )


def _outcome(app) -> dict[str, int]:
    shown = _shown(app)
    if app.exception or any(leak in shown for leak in LEAKS):
        return {"tried": 1, "unexplained": 1}
    return {"tried": 1, "refused": 1}


@pytest.mark.parametrize(("page", "name", "extra"), CASES)
def test_a_hostile_value_of_a_parameter_a_page_reads(app_env, page, name, extra):
    failures = []
    for value in HOSTILE_VALUES:
        app = open_app(app_env, "so.tttt", page, query={**extra, name: value})
        outcome = _outcome(app)
        tally.record("page parameters", **outcome)
        if "unexplained" in outcome:
            failures.append((value[:40], [e.value for e in app.exception]))
    assert failures == []


@pytest.mark.parametrize(
    "page", [p.path for p in PAGES if p.exists], ids=lambda path: path.split("/")[-1]
)
@pytest.mark.parametrize("username", ["so.tttt", "viettel"])
def test_every_page_takes_hostile_unknown_and_repeated_parameters(
    app_env, page, username
):
    app = open_app(app_env, username, page, query=EVERYTHING)
    outcome = _outcome(app)
    tally.record("page parameters", **outcome)
    assert not app.exception, [e.value for e in app.exception]
    assert "unexplained" not in outcome, _shown(app)


@pytest.mark.parametrize(
    ("page", "query"),
    [
        ("pages/4_So_dang_ky.py", {"id": "abc", "kind": "site"}),
        ("pages/4_So_dang_ky.py", {"id": "1", "kind": "<script>"}),
        ("pages/6_Kiem_tra.py", {"inspection": "1e9"}),
        ("pages/6_Kiem_tra.py", {"point": "-1"}),
        ("pages/8_Ho_so_cap_phep.py", {"application": "abc"}),
    ],
)
def test_an_address_the_page_cannot_use_is_said_in_vietnamese(app_env, page, query):
    app = open_app(app_env, "so.tttt", page, query=query)
    assert not app.exception
    assert "Địa chỉ trang" in " ".join(texts(app.warning)), _shown(app)
