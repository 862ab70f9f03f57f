"""The catalogue of public services, and how each is called on what lies outside
the caller's area (see tests/attack/reach_world.py).

A public service is a public function of a ``registry`` module whose first two
parameters are ``registry, actor`` (:func:`public_services` finds them all);
:data:`REACH` says, for each, how to call it on the outside world and how to tell
a leak:

- ``ACTS``: the call names an outside record (or area) and acts on it or returns
  it; any success is a leak, the only right answer a refusal.
- ``SHOWS``: a listing, aggregate, export or import for the caller; its result
  (searched through, files read back) must hold nothing from outside, or a
  ``check`` says what a leak is.

A service missing from :data:`REACH` fails the suite: a new use case joins the
catalogue with its attack.
"""

from tests.attack.catalogue import (  # noqa: F401 (the suite's names for them)
    ACTS,
    SHOWS,
    Attack,
    outside_names,
    public_services,
)
from tests.attack.reach_access import REACH_ACCESS
from tests.attack.reach_areas import REACH_AREAS
from tests.attack.reach_cells import REACH_CELLS
from tests.attack.reach_inspections import REACH_INSPECTIONS
from tests.attack.reach_permits import REACH_PERMITS
from tests.attack.reach_records import REACH_RECORDS

PARTS = (
    REACH_ACCESS,
    REACH_AREAS,
    REACH_RECORDS,
    REACH_INSPECTIONS,
    REACH_PERMITS,
    REACH_CELLS,
)
# service -> its attack. ``w`` is the ReachWorld, ``t`` a temporary directory.
REACH: dict[str, Attack | tuple[Attack, ...]] = {
    service: attack for part in PARTS for service, attack in part.items()
}


def attacks_of(service: str) -> tuple[Attack, ...]:
    """The attacks on one service."""
    found = REACH[service]
    return found if isinstance(found, tuple) else (found,)
