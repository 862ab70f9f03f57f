"""Deterministic people and proposals for the permit tests.

:func:`make_people` adds, to an initialised registry, one user per level and area
the delegation tests need: staff of Vinh's Hưng Dũng ward (2025-06) and of the
2025-07 commune it went into (Thành Vinh), of Nghi Văn (Nghi Lộc district), the
districts of Vinh and Nghi Lộc, the department, Viettel and MobiFone, a viewer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from registry.access.permissions import Actor
from registry.access.users import create_user, find_actor
from registry.kernel.clock import living_on
from registry.kernel.db import Registry
from registry.kernel.errors import RegistryError
from registry.permits.filing import file_application
from registry.records.by_kind import SITES
from registry.units.divisions import assign
from tests import samples
from tests.factories import commune_centroid, district_code, point_values, site_values

# Filing days of each era (the three-level matrix until 30/6/2025).
THREE_LEVEL_DAY = date(2025, 3, 10)  # a Monday, Decree 147/2024 in force
OLD_RULES_DAY = date(2024, 6, 3)  # Decree 72/2013 as amended: school distance
TWO_LEVEL_DAY = date(2026, 2, 10)  # a Tuesday before Tết 2026 (16–20 February)
# Communes of the 2025-07 edition alone hold the cases filed since this day.
REFORM_DAY = date(2025, 7, 1)

# Valid files: documents must decode as what they claim.
PDF, PNG = samples.PDF, samples.PNG


@dataclass(frozen=True)
class People:
    """The users of a permit test."""

    admin: Actor
    commune: Actor  # Hưng Dũng (2025-06), in Vinh
    new_commune: Actor  # Thành Vinh (2025-07), which Hưng Dũng went into
    # A second Thành Vinh officer: a case filed since 1/7/2025 is held by Thành Vinh
    # alone, and four eyes need two of its people (one verifies, one decides).
    new_clerk: Actor
    other_commune: Actor  # Nghi Văn (2025-06), in Nghi Lộc
    other_new_commune: Actor  # the 2025-07 commune Nghi Văn went into
    district: Actor  # Vinh
    other_district: Actor  # Nghi Lộc
    department: Actor
    viettel: Actor
    mobifone: Actor
    viewer: Actor


def add_user(registry, admin, name, role, edition=None, code=None, network=None):
    return create_user(
        registry,
        admin,
        username=name,
        display_name=name,
        role=role,
        area_edition=edition,
        area_code=code,
        network_code=network,
    )


def make_people(registry: Registry, admin: Actor) -> People:
    """One user per role and area (see the module docstring)."""
    hung_dung = commune_centroid(registry, "Hưng Dũng")[2]
    nghi_van_lat, nghi_van_lon, nghi_van = commune_centroid(registry, "Nghi Văn")
    nghi_van_new = assign(registry, [nghi_van_lat], [nghi_van_lon]).units_of(0)
    thanh_vinh = commune_centroid(registry, "Thành Vinh", "2025-07")[2]
    return People(
        admin=admin,
        commune=add_user(registry, admin, "xa.hd", "commune", "2025-06", hung_dung),
        new_commune=add_user(
            registry, admin, "xa.tv", "commune", "2025-07", thanh_vinh
        ),
        new_clerk=add_user(
            registry, admin, "xa.tv.vt", "commune", "2025-07", thanh_vinh
        ),
        other_commune=add_user(
            registry, admin, "xa.nv", "commune", "2025-06", nghi_van
        ),
        other_new_commune=add_user(
            registry,
            admin,
            "xa.nv.moi",
            "commune",
            "2025-07",
            nghi_van_new["2025-07"][0],
        ),
        district=add_user(
            registry,
            admin,
            "huyen.vinh",
            "district",
            "2025-06",
            district_code(registry, "Vinh"),
        ),
        other_district=add_user(
            registry,
            admin,
            "huyen.nl",
            "district",
            "2025-06",
            district_code(registry, "Nghi Lộc"),
        ),
        department=add_user(registry, admin, "so", "department"),
        viettel=add_user(registry, admin, "viettel", "operator", network="04"),
        mobifone=add_user(registry, admin, "mobifone", "operator", network="01"),
        viewer=add_user(registry, admin, "khach", "viewer"),
    )


def verifier(people: People, filed_on: date) -> Actor:
    """The commune officer who verifies a Hưng Dũng case filed on ``filed_on``:
    the Hưng Dũng ward before 1/7/2025, a Thành Vinh officer since."""
    return people.commune if filed_on < REFORM_DAY else people.new_clerk


def _people_template(registry: Registry) -> People:
    return make_people(registry, find_actor(registry, "admin"))


def people_world(open_world) -> tuple[Registry, People]:
    """A fresh copy of an initialised registry with :func:`make_people`'s people
    (built once a session, see ``open_world`` in tests/conftest.py)."""
    return open_world("permit-people", _people_template)


def new_site(registry: Registry, commune: str = "Hưng Dũng", **overrides) -> dict:
    """Proposed values of a new Viettel ground tower (no status: the decision sets
    it), 40 m high, in a commune."""
    values = site_values(registry, commune, **overrides)
    for name in ("status", "status_since", "on_air_2g", "on_air_4g"):
        values.pop(name, None)
    values.setdefault("structure_height_m", 40)
    values.update(
        {k: v for k, v in overrides.items() if k not in ("status", "status_since")}
    )
    return values


def new_game_point(registry: Registry, commune: str = "Hưng Dũng", **overrides) -> dict:
    """Proposed values of a new game point (no status or certificate)."""
    values = point_values(registry, commune, **overrides)
    for name in (
        "kind",
        "status",
        "status_since",
        "certificate_number",
        "certificate_issuer",
        "certificate_issued_on",
        "certificate_expires_on",
    ):
        values.pop(name, None)
    return values


def file_on(day: date, registry: Registry, actor: Actor, kind: str, **arguments):
    """File an application as if on ``day``: the service takes the filing day
    from the registry's clock, which :func:`living_on` sets."""
    with living_on(day):
        return file_application(registry, actor, kind, **arguments)


def on_air_site(registry: Registry, admin: Actor, network: str, code: str, **values):
    """Id of a new on-air site of ``network`` (in Hưng Dũng unless ``values`` say
    otherwise), created by the administrator."""
    return SITES.create(
        registry,
        admin,
        site_values(
            registry, network_code=network, site_code=code, status="on_air", **values
        ),
    )["id"]


def refusal_of(call) -> RegistryError | None:
    """The registry's refusal of ``call()``, or None when it went through."""
    try:
        call()
    except RegistryError as error:
        return error
    return None
