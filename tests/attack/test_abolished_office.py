"""An abolished office acting on a case filed after the 2025 reform, by its id, on
SQLite and PostgreSQL.

Reported: the old ward (Hưng Dũng, 2025-06) and the new ward that took it in
(Thành Vinh, 2025-07) both held an application filed after 1/7/2025, so two
offices could act on one file. Here the old ward and the old district try every
step on such a case by its id (read, verify, pause, refuse, approve, refer up,
add documents, file on a point of its old area); each must be refused with a code and
leave the case as it was, while the new ward still acts on it.
"""

from __future__ import annotations

import pytest

from registry.permits.documents import add_documents
from registry.permits.filing import file_application
from registry.permits.queries import get_application, inbox, list_applications
from registry.permits.steps import (
    approve_application,
    escalate_application,
    refuse_application,
    report_incomplete,
    verify_application,
)
from registry.records.by_kind import POINTS
from tests import samples
from tests.attack import tally
from tests.factories import point_values
from tests.permits.support import (
    TWO_LEVEL_DAY,
    file_on,
    new_site,
    people_world,
    refusal_of,
)

MEASURE = "abolished offices acting by id"


@pytest.fixture
def world(open_world):
    return people_world(open_world)


def _attempts(registry, actor, number: int, point: int) -> dict:
    return {
        "read": lambda: get_application(registry, actor, number),
        "verify": lambda: verify_application(registry, actor, number, on=TWO_LEVEL_DAY),
        "pause": lambda: report_incomplete(
            registry, actor, number, reasons="Thiếu", on=TWO_LEVEL_DAY
        ),
        "refuse": lambda: refuse_application(
            registry, actor, number, reasons="Không", on=TWO_LEVEL_DAY
        ),
        "approve": lambda: approve_application(
            registry, actor, number, number='=HYPERLINK("x")', on=TWO_LEVEL_DAY
        ),
        "refer up": lambda: escalate_application(
            registry, actor, number, reason="<script>x</script>", on=TWO_LEVEL_DAY
        ),
        "add documents": lambda: add_documents(
            registry, actor, number, [("ho-so.pdf", samples.PDF)]
        ),
        "file on a point of its old area": lambda: file_application(
            registry, actor, "game_renewal", point_id=point
        ),
    }


def test_the_old_ward_and_district_cannot_act_on_a_case_filed_after_the_reform(
    world,
):
    registry, people = world
    number = file_on(
        TWO_LEVEL_DAY,
        registry,
        people.viettel,
        "bts_new",
        values=new_site(registry),
    ).summary.id
    point = POINTS.create(registry, people.admin, point_values(registry))["id"]
    before = get_application(registry, people.department, number)
    tried = refused = leaked = 0
    for old in (people.commune, people.district):
        for name, call in _attempts(registry, old, number, point).items():
            tried += 1
            error = refusal_of(call)
            if error is not None and error.code.startswith("permits."):
                refused += 1
            else:
                leaked += 1
                print("not refused:", old.username, name, error)
        if number in [s.id for s in list_applications(registry, old)]:
            leaked += 1
        if any(s.id == number for s in inbox(registry, old).waiting):
            leaked += 1
    after = get_application(registry, people.department, number)
    if (after.summary.state, len(after.steps), len(after.documents)) != (
        before.summary.state,
        len(before.steps),
        len(before.documents),
    ):
        leaked += 1
    tally.record(MEASURE, tried=tried, refused=refused, leaked=leaked)
    assert tried == 16 and leaked == 0
    # The office in force still holds it: it verifies, nobody else was asked.
    assert "verify" in get_application(registry, people.new_commune, number).actions
    verify_application(registry, people.new_commune, number, on=TWO_LEVEL_DAY)
