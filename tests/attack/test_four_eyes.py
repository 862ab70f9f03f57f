"""Four eyes on every permit, on SQLite and PostgreSQL.

Reported: the same person filed, verified and approved a game certificate alone.
Here every role that files an application and could then act on it tries: the
filer to verify it, the filer to approve or refuse it (also after a referral up
brought it to the filer's level), the verifier to approve or refuse it. Refused
counts a four-eyes refusal with its code; leaked counts a step taken, or a form
the registry still offers that user (``view.actions``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from registry.kernel.errors import ConflictError
from registry.permits.queries import get_application
from registry.permits.steps import (
    approve_application,
    escalate_application,
    refuse_application,
    verify_application,
)
from tests.attack import tally
from tests.permits.support import (
    THREE_LEVEL_DAY,
    TWO_LEVEL_DAY,
    file_on,
    new_game_point,
    new_site,
    people_world,
)

MEASURE = "four eyes"
FOUR_EYES = {"permits.own_filing", "permits.own_verification"}


@pytest.fixture
def world(open_world):
    return people_world(open_world)


@dataclass(frozen=True)
class Case:
    """Who files (and on which day, what), who verifies, who then tries what."""

    name: str
    day: object
    filer: str
    kind: str
    verifier: str | None
    escalate_by: str | None
    attackers: tuple[str, ...]


CASES = (
    # The reported case: a district records a game point, the ward verifies, the
    # district would decide it (three-level era).
    Case(
        "district files, decides",
        THREE_LEVEL_DAY,
        "district",
        "game_new",
        "commune",
        None,
        ("district",),
    ),
    # Two-level era (held by the 2025-07 ward alone): one of its officers records
    # it, another verifies; neither the filer nor the verifier decides.
    Case(
        "commune files, verifier decides",
        TWO_LEVEL_DAY,
        "new_clerk",
        "game_new",
        "new_commune",
        None,
        ("new_clerk", "new_commune"),
    ),
    # The ward verifies a Viettel site and would decide it (two-level era).
    Case(
        "verifier decides",
        TWO_LEVEL_DAY,
        "viettel",
        "bts_new",
        "new_commune",
        None,
        ("new_commune",),
    ),
    # A department officer and an administrator file a high tower, which the
    # department decides.
    Case(
        "department files high tower",
        TWO_LEVEL_DAY,
        "department",
        "high_tower",
        "new_commune",
        None,
        ("department",),
    ),
    Case(
        "admin files high tower",
        TWO_LEVEL_DAY,
        "admin",
        "high_tower",
        "new_commune",
        None,
        ("admin",),
    ),
    # The department records a game point; the district refers it up to the
    # department, which filed it.
    Case(
        "department files, referred to it",
        THREE_LEVEL_DAY,
        "department",
        "game_new",
        "commune",
        "district",
        ("department",),
    ),
)


def _values(registry, kind: str) -> tuple[str, dict]:
    if kind == "game_new":
        return kind, new_game_point(registry)
    return "bts_new", new_site(
        registry, structure_height_m=60 if kind == "high_tower" else 40
    )


def _tries(registry, actor, number, day) -> dict[str, Callable]:
    return {
        "approve": lambda: approve_application(
            registry, actor, number, number="9/GP", on=day
        ),
        "refuse": lambda: refuse_application(
            registry, actor, number, reasons="Tự quyết", on=day
        ),
    }


def _attempt(call) -> str | None:
    try:
        call()
    except ConflictError as error:
        return error.code
    return None


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_nobody_decides_what_they_filed_or_verified(world, case):
    registry, people = world
    filer = getattr(people, case.filer)
    kind, values = _values(registry, case.kind)
    number = file_on(case.day, registry, filer, kind, values=values).summary.id
    tried = refused = leaked = 0
    if case.filer in ("commune", "new_clerk"):
        # The filer tries to verify what it filed.
        tried += 1
        view = get_application(registry, filer, number)
        leaked += "verify" in view.actions
        refused += (
            _attempt(lambda: verify_application(registry, filer, number, on=case.day))
            == "permits.own_filing"
        )
    verify_application(registry, getattr(people, case.verifier), number, on=case.day)
    if case.escalate_by:
        escalate_application(
            registry, getattr(people, case.escalate_by), number, reason="Lên Sở"
        )
    for who in case.attackers:
        actor = getattr(people, who)
        view = get_application(registry, actor, number)
        leaked += bool({"approve", "refuse"} & set(view.actions))
        leaked += view.withheld not in FOUR_EYES
        for _name, call in _tries(
            registry, actor, number, view.steps[-1].started_on
        ).items():
            tried += 1
            code = _attempt(call)
            refused += code in FOUR_EYES
            leaked += code is None
    state = get_application(registry, people.admin, number).summary.state
    leaked += state in ("approved", "refused")
    tally.record(MEASURE, tried=tried, refused=refused, leaked=leaked)
    assert (refused, leaked) == (tried, 0)
