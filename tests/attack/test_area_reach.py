"""Every public service, called by every area- or network-bound role on what lies
outside its area, on SQLite and PostgreSQL: refused, or nothing from outside in
what comes back.

The roles: district staff (Vinh), commune staff of a 2025-06 commune (Hưng Dũng)
and of a 2025-07 one (Thành Vinh), an operator (Viettel). The department,
administrators and viewers see the whole province: nothing lies outside theirs
(they serve below as the proof that the detector sees what leaks). The world and
its outside records: tests/attack/reach_world.py; the attacks per service:
tests/attack/services.py.
"""

from __future__ import annotations

import pytest

from registry.kernel.errors import (
    NotFoundError,
    PermissionDeniedError,
    RegistryError,
    ValidationError,
)
from tests.attack import tally
from tests.attack.reach_world import build_reach_world
from tests.attack.services import (
    ACTS,
    PARTS,
    REACH,
    attacks_of,
    outside_names,
    public_services,
)

BOUND_ROLES = ("district", "commune", "new_commune", "viettel")
REFUSALS = (PermissionDeniedError, NotFoundError)


@pytest.fixture
def reach(module_worlds, backend):
    """The out-of-area world, one copy per backend for the module: (registry,
    ReachWorld). Every call here is refused (and rolls back) or only reads; a call
    that changed anything would be a leak and fail its own test."""
    return module_worlds(backend, "attack-reach", build_reach_world)


def test_the_catalogue_covers_every_public_service():
    found = set(public_services())
    assert found - set(REACH) == set(), "new services need their attack"
    assert set(REACH) - found == set(), "attacks on services that are gone"
    assert len(found) >= 80
    assert sum(len(part) for part in PARTS) == len(REACH), "attacked in two parts"


def _outcome(attack, registry, actor, world, tmp_path) -> tuple[str, str]:
    """('refused' | 'leaked', what) of one call."""
    refusals = REFUSALS + ((ValidationError,) if attack.cross else ())
    try:
        result = attack.call(registry, actor, world, tmp_path)
    except refusals as refusal:
        told = outside_names([str(refusal), refusal.context])
        if told:  # refused, but saying what lies outside
            return "leaked", f"refused telling {told[:2]}"
        return "refused", ""
    except RegistryError as answer:
        # Any other answer (a conflict, a state) about an outside record tells
        # what lies there: the area is checked first.
        return "leaked", f"answered {answer.code}: {answer}"
    if attack.kind == ACTS:
        return "leaked", f"succeeded: {str(result)[:200]}"
    found = (attack.check or outside_names)(result, registry, world, actor)
    return ("leaked", "; ".join(found[:3])) if found else ("refused", "nothing")


@pytest.mark.parametrize("service", sorted(REACH))
def test_a_call_outside_the_area_is_refused_or_shows_nothing_from_there(
    reach, service, tmp_path
):
    registry, world = reach
    leaks = []
    tried = refused = 0
    for number, attack in enumerate(attacks_of(service)):
        for role in BOUND_ROLES:
            actor = getattr(world.people, role)
            where = tmp_path / f"{number}-{role}"
            where.mkdir()
            outcome, what = _outcome(attack, registry, actor, world, where)
            tried += 1
            if outcome == "refused":
                refused += 1
            else:
                leaks.append(f"{service} #{number} by {role}: {what}")
    tally.record(
        "calls outside the area", tried=tried, refused=refused, leaked=len(leaks)
    )
    assert leaks == []


# Services whose result holds every record for those who see the whole province:
# the detector must find the outside records there, or its silence above means
# nothing.
SEEN_BY_THE_PROVINCE = (
    "cells.service.export_findings",
    "cells.service.list_findings",
    "cells.service.list_follow_ups",
    "cells.service.registered_sites_near",
    "cli.cells.run_cells",
    "files.exports.export_records",
    "inspections.dashboard.inspection_dashboard",
    "inspections.plans.inspection_overview",
    "inspections.queries.list_inspections",
    "permits.queries.list_applications",
    "records.activity.recent_changes",
    "records.listing.list_records",
    "records.search.search_records",
    "rules.compliance.evaluate_points",
)


@pytest.mark.parametrize("service", SEEN_BY_THE_PROVINCE)
def test_the_detector_sees_the_outside_records_where_the_department_may(
    reach, service, tmp_path
):
    registry, world = reach
    attack = attacks_of(service)[0]
    result = attack.call(registry, world.people.department, world, tmp_path)
    assert outside_names(result, registry, world)


def test_a_refused_call_would_count_as_a_leak_when_it_succeeds(reach, tmp_path):
    registry, world = reach
    for service in ("records.places.get_record", "permits.queries.get_application"):
        for attack in attacks_of(service):
            outcome, _ = _outcome(attack, registry, world.people.admin, world, tmp_path)
            assert outcome == "leaked"


def test_the_workbook_detector_sees_the_outside_findings_site(reach, tmp_path):
    registry, world = reach
    attack = attacks_of("cells.service.findings_workbook")[0]
    result = attack.call(registry, world.people.department, world, tmp_path)
    assert attack.check(result, registry, world)
