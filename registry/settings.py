"""Settings, declared once as data (name, default, help) and read at start-up.

Every setting is an environment variable. The README's settings table is checked
against :data:`SETTINGS` by a test, so a new setting cannot go undocumented.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time

from registry.errors import ConfigurationError


@dataclass(frozen=True)
class Setting:
    """One setting: its environment variable, default and help text."""

    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "REGISTRY_DATABASE_URL",
        "sqlite:///data/registry.sqlite3",
        "SQLAlchemy URL of the database. The default is an embedded SQLite file "
        "(WAL mode), created, migrated and filled with demo data on first start. "
        "Use postgresql+psycopg://user@host/db for PostgreSQL.",
    ),
    Setting(
        "REGISTRY_PROVINCE_CODE",
        "40",
        "GSO code of the province the registry serves (40 = Nghệ An).",
    ),
    Setting(
        "REGISTRY_DEFAULT_EDITION",
        "2025-06",
        "Administrative division edition shown by default: 2025-06 (huyện/xã, "
        "before 1/7/2025) or 2025-07 (xã/phường only).",
    ),
    Setting(
        "REGISTRY_DEMO_ON_FIRST_START",
        "true",
        "Fill an empty database with the deterministic, labelled demo data set "
        "when the app starts for the first time (true/false).",
    ),
    Setting(
        "REGISTRY_DEMO_SITES",
        "5000",
        "Number of BTS sites in the generated demo data set.",
    ),
    Setting(
        "REGISTRY_BASEMAP",
        "openstreetmap",
        "Basemap tiles under the maps: openstreetmap (needs the internet), none "
        "(closed networks: only the registry's own layers), or a tile URL template "
        "such as https://tile.example.vn/{z}/{x}/{y}.png.",
    ),
    Setting(
        "REGISTRY_INTERNET_HOURS",
        "06:00-23:00",
        "Opening hours allowed for public Internet points without games (Internet "
        "agents, ISP points), as HH:MM-HH:MM. The province's People's Committee sets "
        "them (Decree 72/2013, as amended); the default is a placeholder, not verified "
        "against Nghệ An's decision: set the province's value. Game points are held "
        "to 08:00-22:00 by the rule sets.",
    ),
    Setting(
        "REGISTRY_INSPECTIONS_PER_YEAR",
        "1",
        "How many times a year each operating Internet or game point should be "
        "inspected (1 to 52): a point is due 365/N days after its last inspection "
        "(or after it opened), listed as due 30 days before that date and as "
        "overdue after it.",
    ),
    Setting(
        "REGISTRY_ADMIN_USER",
        "admin",
        "User name the command line acts as (created by `init` with the admin role).",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Config:
    """Settings resolved from the environment (or a mapping given by a test)."""

    database_url: str
    province_code: str
    default_edition: str
    demo_on_first_start: bool
    demo_sites: int
    admin_user: str
    basemap: str | None
    # Inspections each operating public point should have a year (at least 1).
    inspections_per_year: int = 1
    # (opens, closes) allowed for Internet points without games, set by the province.
    internet_hours: tuple[time, time] = (time(6, 0), time(23, 0))


def _raw(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "").strip()
    return value or _BY_NAME[name].default


def _boolean(name: str, value: str) -> bool:
    lowered = value.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} = {value!r}: expected true or false")


def _positive_int(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise ConfigurationError(f"{name} = {value!r}: expected a whole number ≥ 0")
    return number


def _basemap(value: str) -> str | None:
    if value.lower() == "none":
        return None
    if value.lower() == "openstreetmap" or (
        value.startswith(("http://", "https://"))
        and all(part in value for part in ("{z}", "{x}", "{y}"))
    ):
        return value
    raise ConfigurationError(
        f"REGISTRY_BASEMAP = {value!r}: expected openstreetmap, none, or a tile URL "
        "with {z}, {x} and {y}"
    )


def _hours(name: str, value: str) -> tuple[time, time]:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})", value)
    hours = None
    if match:
        h1, m1, h2, m2 = (int(part) for part in match.groups())
        if h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60:
            hours = (time(h1, m1), time(h2, m2))
    if hours is None or hours[1] <= hours[0]:
        raise ConfigurationError(
            f"{name} = {value!r}: expected opening and closing times like "
            "06:00-23:00 (24-hour clock, closing after opening on the same day)"
        )
    return hours


def _inspections_per_year(value: str) -> int:
    name = "REGISTRY_INSPECTIONS_PER_YEAR"
    number = int(value) if value.isdigit() else 0
    if not 1 <= number <= 52:
        raise ConfigurationError(
            f"{name} = {value!r}: expected a whole number from 1 to 52"
        )
    return number


def load_config(env: Mapping[str, str] | None = None) -> Config:
    """Read every setting from ``env`` (default: the process environment)."""
    env = os.environ if env is None else env
    edition = _raw(env, "REGISTRY_DEFAULT_EDITION")
    if edition not in {"2025-06", "2025-07"}:
        raise ConfigurationError(
            f"REGISTRY_DEFAULT_EDITION = {edition!r}: expected 2025-06 or 2025-07"
        )
    return Config(
        database_url=_raw(env, "REGISTRY_DATABASE_URL"),
        province_code=_raw(env, "REGISTRY_PROVINCE_CODE"),
        default_edition=edition,
        demo_on_first_start=_boolean(
            "REGISTRY_DEMO_ON_FIRST_START", _raw(env, "REGISTRY_DEMO_ON_FIRST_START")
        ),
        demo_sites=_positive_int(
            "REGISTRY_DEMO_SITES", _raw(env, "REGISTRY_DEMO_SITES")
        ),
        admin_user=_raw(env, "REGISTRY_ADMIN_USER"),
        basemap=_basemap(_raw(env, "REGISTRY_BASEMAP")),
        inspections_per_year=_inspections_per_year(
            _raw(env, "REGISTRY_INSPECTIONS_PER_YEAR")
        ),
        internet_hours=_hours(
            "REGISTRY_INTERNET_HOURS", _raw(env, "REGISTRY_INTERNET_HOURS")
        ),
    )
