"""Ids a URL or a hand-made call can carry, which no row has: "no such record",
never a driver error or a traceback.

``?id=99999999999999999999`` overflowed SQLite's INTEGER and PostgreSQL's int4 in
every use case that loads a row by id; ``?id=²`` passed ``str.isdigit`` and then
broke ``int()`` in the page.
"""

from __future__ import annotations

import pytest

from registry.inspections.queries import get_inspection
from registry.kernel.errors import NotFoundError
from registry.permits.queries import get_application
from registry.records.by_kind import POINTS, SITES
from registry.records.search import record_view
from tests.attack import tally
from tests.page_support import demo_app_fixture, open_app, texts

IMPOSSIBLE_IDS = (0, -1, 2**31, 2**63, 99999999999999999999)
LOOKUPS = {
    "record_view": lambda registry, actor, rid: record_view(
        registry, actor, "site", rid
    ),
    "site": lambda registry, actor, rid: SITES.get(registry, actor, rid),
    "point": lambda registry, actor, rid: POINTS.get(registry, actor, rid),
    "application": get_application,
    "inspection": get_inspection,
}

app_env = demo_app_fixture()


@pytest.mark.parametrize("lookup", sorted(LOOKUPS))
def test_an_id_no_row_can_have_is_not_found_on_both_databases(registry, admin, lookup):
    for record_id in IMPOSSIBLE_IDS:
        with pytest.raises(NotFoundError) as refused:
            LOOKUPS[lookup](registry, admin, record_id)
        assert refused.value.context["key"] == record_id
        tally.record("impossible ids", tried=1, refused=1)


@pytest.mark.parametrize(
    ("page", "query"),
    [
        ("pages/4_So_dang_ky.py", {"id": "99999999999999999999", "kind": "site"}),
        ("pages/4_So_dang_ky.py", {"id": "²", "kind": "site"}),
        ("pages/8_Ho_so_cap_phep.py", {"application": "99999999999999999999"}),
        ("pages/8_Ho_so_cap_phep.py", {"application": "١٢"}),
        ("pages/6_Kiem_tra.py", {"inspection": "99999999999999999999"}),
    ],
)
def test_a_page_asked_for_an_impossible_id_says_so_without_a_traceback(
    app_env, page, query
):
    app = open_app(app_env, "so.tttt", page, query=query)
    assert not app.exception
    shown = " ".join(texts(app.error) + texts(app.warning) + texts(app.info))
    assert "Traceback" not in shown and "Error" not in shown
    if query[next(iter(query))].isascii():  # a number: told it does not exist
        assert "Không tìm thấy" in shown
