"""Settings, declared once as data (name, default, help) and read at start-up.

Every setting is an environment variable. The README's settings table is checked
against :data:`SETTINGS` by a test, so a new setting cannot go undocumented.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time

from registry.kernel import clock
from registry.kernel import messages as msg
from registry.kernel.errors import ConfigurationError


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
        "auto",
        "Administrative division edition shown by default: auto (the edition in "
        "force on today's date: 2025-07 since 1/7/2025), 2025-06 (huyện/xã, "
        "before 1/7/2025) or 2025-07 (xã/phường only). Huyện views stay available "
        "in every edition chooser whatever the default.",
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
        "REGISTRY_COVERAGE_RADII",
        "2G=1.5/5, 3G=1.2/3.5, 4G=1/3, 5G=0.3/0.8",
        "Radius in km each BTS site is taken to serve, per technology, as "
        "urban/rural (urban: the site's 2025-06 commune is a phường or thị trấn). "
        "A planning model for the coverage dashboard: no regulation fixes these "
        "figures; set values measured by the operators where known.",
    ),
    Setting(
        "REGISTRY_GAP_TECHNOLOGY",
        "4G",
        "Technology whose coverage decides the coverage gaps (vùng lõm sóng): 2G, "
        "3G, 4G or 5G.",
    ),
    Setting(
        "REGISTRY_GAP_MIN_SHARE",
        "50",
        "A unit is a coverage gap when the gap technology covers less than this "
        "percentage of its area (or none of it).",
    ),
    Setting(
        "REGISTRY_SHARING_DISTANCE_M",
        "100",
        "Two on-air sites of different operators closer than this many metres are "
        "listed as candidates for sharing one structure.",
    ),
    Setting(
        "REGISTRY_MAX_DOCUMENT_MB",
        "10",
        "Largest document (PDF, JPEG or PNG) accepted with a permit application, in "
        "megabytes (1 to 100).",
    ),
    Setting(
        "REGISTRY_PERMIT_NEARBY_M",
        "500",
        "A BTS application lists the operating sites of every operator within this "
        "many metres of the proposed position (nearest first), so that sharing an "
        "existing structure can be proposed (10 to 20000).",
    ),
    Setting(
        "REGISTRY_PASSWORD_HASHING",
        "strong",
        "Cost of the argon2 password hashes: strong (RFC 9106 low-memory profile: 3 "
        "passes over 64 MiB, 4 lanes) for every real registry, or "
        "insecure-fast-for-tests-only (1 pass over 8 KiB), which only test suites "
        "may set. A strong registry rehashes a weaker stored hash when its user "
        "signs in (audited).",
    ),
    Setting(
        "REGISTRY_ADMIN_USER",
        "admin",
        "User name the command line acts as (created by `init` with the admin role).",
    ),
    Setting(
        "REGISTRY_ADMIN_PASSWORD",
        "",
        "Password `init` gives the administrator when it creates them (at least 12 "
        "characters), for installs without a terminal; without it `init` asks for "
        "the password twice, and refuses to run without a terminal. Read by `init` "
        "only: unset it afterwards.",
    ),
    Setting(
        "REGISTRY_SESSION_IDLE_MINUTES",
        "30",
        "A signed-in user who does nothing for this many minutes is signed out at "
        "their next click and told why (1 to 1440).",
    ),
    Setting(
        "REGISTRY_ODK_GPS_TOLERANCE_M",
        "200",
        "An inspection imported from ODK Collect or KoBoCollect is flagged when the "
        "phone's GPS point lies more than this many metres from the point's "
        "registered position (10 to 10000).",
    ),
    Setting(
        "REGISTRY_CELL_MATCH_M",
        "500",
        "Base distance in metres within which an observed cell (OpenCelliD) is "
        "matched to a registered site of its operator; the tolerance grows with the "
        "cell's range over the square root of its samples, up to 5 times this "
        "(50 to 5000). Unmatched cells closer than this to each other form one "
        "candidate station.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


AUTO_EDITION = "auto"
# Edition keys and the day each came into force, latest last. The kernel stands on
# nothing (not even geodata), so the two dates are repeated here; a test holds them
# equal to geodata.editions.EDITIONS.
EDITIONS_IN_FORCE: tuple[tuple[date, str], ...] = (
    (date.min, "2025-06"),
    (date(2025, 7, 1), "2025-07"),
)
EDITION_CHOICES = (AUTO_EDITION, *(key for _, key in EDITIONS_IN_FORCE))


def edition_in_force(day: date) -> str:
    """Key of the administrative division edition in force on ``day``."""
    return [key for start, key in EDITIONS_IN_FORCE if start <= day][-1]


@dataclass(frozen=True)
class Config:
    """Settings resolved from the environment (or a mapping given by a test)."""

    database_url: str
    province_code: str
    # REGISTRY_DEFAULT_EDITION as set: "auto" or an edition key; read it through
    # default_edition, which resolves "auto" on the clock's day.
    edition_setting: str
    demo_on_first_start: bool
    demo_sites: int
    admin_user: str
    basemap: str | None
    # Inspections each operating public point should have a year (at least 1).
    inspections_per_year: int = 1
    # (opens, closes) allowed for Internet points without games, set by the province.
    internet_hours: tuple[time, time] = (time(6, 0), time(23, 0))
    # Coverage model: technology -> (urban, rural) radius in metres.
    coverage_radii: tuple[tuple[str, float, float], ...] = (
        ("2G", 1500.0, 5000.0),
        ("3G", 1200.0, 3500.0),
        ("4G", 1000.0, 3000.0),
        ("5G", 300.0, 800.0),
    )
    gap_technology: str = "4G"
    gap_min_share: float = 0.5
    sharing_distance_m: float = 100.0
    # Permit applications: largest document, and the radius of the nearby-sites list.
    max_document_bytes: int = 10 * 1024 * 1024
    permit_nearby_m: float = 500.0
    # Argon2 cost profile of password hashes (see PASSWORD_HASHING).
    password_hashing: str = "strong"
    # Minutes without a page load after which a signed-in session ends.
    session_idle_minutes: int = 30
    # Metres between an ODK submission's GPS point and the point before it is flagged.
    odk_gps_tolerance_m: float = 200.0
    # Base distance of the cell-to-site matching rule (geodata.cells).
    cell_match_m: float = 500.0

    @property
    def default_edition(self) -> str:
        """The edition shown by default, today: the setting's edition, or with
        ``auto`` the one in force on the clock's day (so a server started in June
        2025 turns to the 2025-07 edition on 1/7/2025 without a restart)."""
        if self.edition_setting == AUTO_EDITION:
            return edition_in_force(clock.today())
        return self.edition_setting


# Argon2 cost profiles: (time cost, memory cost in KiB, parallelism).
STRONG_HASHING = "strong"
INSECURE_TEST_HASHING = "insecure-fast-for-tests-only"
PASSWORD_HASHING: dict[str, tuple[int, int, int]] = {
    STRONG_HASHING: (3, 65536, 4),
    INSECURE_TEST_HASHING: (1, 8, 1),
}


def _raw(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "").strip()
    return value or _BY_NAME[name].default


def _boolean(name: str, value: str) -> bool:
    lowered = value.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(msg.SETTING_BOOLEAN, name=name, value=value)


def _positive_int(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise ConfigurationError(msg.SETTING_WHOLE_NUMBER, name=name, value=value)
    return number


def _basemap(value: str) -> str | None:
    if value.lower() == "none":
        return None
    if value.lower() == "openstreetmap" or (
        value.startswith(("http://", "https://"))
        and all(part in value for part in ("{z}", "{x}", "{y}"))
    ):
        return value
    raise ConfigurationError(msg.SETTING_BASEMAP, value=value)


def _hours(name: str, value: str) -> tuple[time, time]:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})", value)
    hours = None
    if match:
        h1, m1, h2, m2 = (int(part) for part in match.groups())
        if h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60:
            hours = (time(h1, m1), time(h2, m2))
    if hours is None or hours[1] <= hours[0]:
        raise ConfigurationError(msg.SETTING_HOURS, name=name, value=value)
    return hours


def _inspections_per_year(value: str) -> int:
    name = "REGISTRY_INSPECTIONS_PER_YEAR"
    number = int(value) if value.isdigit() else 0
    if not 1 <= number <= 52:
        raise ConfigurationError(
            msg.SETTING_WHOLE_NUMBER_RANGE, name=name, value=value, low=1, high=52
        )
    return number


def _radii(value: str) -> tuple[tuple[str, float, float], ...]:
    name = "REGISTRY_COVERAGE_RADII"
    found: dict[str, tuple[float, float]] = {}
    for part in filter(None, (p.strip() for p in value.split(","))):
        match = re.fullmatch(r"([2-5]G)\s*=\s*([\d.]+)\s*/\s*([\d.]+)", part, re.I)
        try:
            urban, rural = float(match.group(2)), float(match.group(3))
        except (AttributeError, ValueError):
            urban = rural = 0.0
        if not (0 < urban <= 50 and 0 < rural <= 50):
            raise ConfigurationError(msg.SETTING_RADIUS, name=name, part=part)
        found[match.group(1).upper()] = (urban * 1000, rural * 1000)
    missing = [t for t in ("2G", "3G", "4G", "5G") if t not in found]
    if missing:
        raise ConfigurationError(
            msg.SETTING_RADIUS_MISSING, name=name, value=value, missing=missing
        )
    return tuple((t, *found[t]) for t in ("2G", "3G", "4G", "5G"))


def _coverage_settings(env: Mapping[str, str]) -> dict:
    gap_technology = _raw(env, "REGISTRY_GAP_TECHNOLOGY").upper()
    if gap_technology not in {"2G", "3G", "4G", "5G"}:
        raise ConfigurationError(
            msg.SETTING_CHOICE,
            name="REGISTRY_GAP_TECHNOLOGY",
            value=gap_technology,
            choices="2G, 3G, 4G or 5G",
        )
    numbers = {}
    for name, top in (
        ("REGISTRY_GAP_MIN_SHARE", 100.0),
        ("REGISTRY_SHARING_DISTANCE_M", 10000.0),
    ):
        raw = _raw(env, name)
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            number = -1.0
        if not 0 < number <= top:
            raise ConfigurationError(
                msg.SETTING_POSITIVE_UP_TO, name=name, value=raw, high=top
            )
        numbers[name] = number
    return {
        "coverage_radii": _radii(_raw(env, "REGISTRY_COVERAGE_RADII")),
        "gap_technology": gap_technology,
        "gap_min_share": numbers["REGISTRY_GAP_MIN_SHARE"] / 100,
        "sharing_distance_m": numbers["REGISTRY_SHARING_DISTANCE_M"],
    }


def _permit_settings(env: Mapping[str, str]) -> dict:
    values = {}
    for name, low, high in (
        ("REGISTRY_MAX_DOCUMENT_MB", 1.0, 100.0),
        ("REGISTRY_PERMIT_NEARBY_M", 10.0, 20000.0),
    ):
        raw = _raw(env, name)
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            number = -1.0
        if not low <= number <= high:
            raise ConfigurationError(
                msg.SETTING_NUMBER_RANGE, name=name, value=raw, low=low, high=high
            )
        values[name] = number
    return {
        "max_document_bytes": int(values["REGISTRY_MAX_DOCUMENT_MB"] * 1024 * 1024),
        "permit_nearby_m": values["REGISTRY_PERMIT_NEARBY_M"],
    }


def _password_hashing(value: str) -> str:
    if value not in PASSWORD_HASHING:
        raise ConfigurationError(
            msg.SETTING_CHOICE,
            name="REGISTRY_PASSWORD_HASHING",
            value=value,
            choices=" or ".join(PASSWORD_HASHING),
        )
    return value


def _idle_minutes(value: str) -> int:
    name = "REGISTRY_SESSION_IDLE_MINUTES"
    number = int(value) if value.isascii() and value.isdigit() else 0
    if not 1 <= number <= 1440:
        raise ConfigurationError(
            msg.SETTING_WHOLE_NUMBER_RANGE, name=name, value=value, low=1, high=1440
        )
    return number


def _odk_tolerance(value: str) -> float:
    name = "REGISTRY_ODK_GPS_TOLERANCE_M"
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        number = -1.0
    if not 10 <= number <= 10000:
        raise ConfigurationError(
            msg.SETTING_NUMBER_RANGE, name=name, value=value, low=10, high=10000
        )
    return number


def admin_password(env: Mapping[str, str] | None = None) -> str | None:
    """``REGISTRY_ADMIN_PASSWORD`` as set (None when unset or blank).

    Kept out of :class:`Config`, which lives as long as the app: only ``init``
    reads it, once.
    """
    env = os.environ if env is None else env
    return env.get("REGISTRY_ADMIN_PASSWORD") or None


def load_config(env: Mapping[str, str] | None = None) -> Config:
    """Read every setting from ``env`` (default: the process environment)."""
    env = os.environ if env is None else env
    edition = _raw(env, "REGISTRY_DEFAULT_EDITION")
    if edition not in EDITION_CHOICES:
        raise ConfigurationError(
            msg.SETTING_CHOICE,
            name="REGISTRY_DEFAULT_EDITION",
            value=edition,
            choices="auto, 2025-06 or 2025-07",
        )
    return Config(
        database_url=_raw(env, "REGISTRY_DATABASE_URL"),
        province_code=_raw(env, "REGISTRY_PROVINCE_CODE"),
        edition_setting=edition,
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
        **_coverage_settings(env),
        **_permit_settings(env),
        password_hashing=_password_hashing(_raw(env, "REGISTRY_PASSWORD_HASHING")),
        session_idle_minutes=_idle_minutes(_raw(env, "REGISTRY_SESSION_IDLE_MINUTES")),
        odk_gps_tolerance_m=_odk_tolerance(_raw(env, "REGISTRY_ODK_GPS_TOLERANCE_M")),
        cell_match_m=_cell_match_m(_raw(env, "REGISTRY_CELL_MATCH_M")),
    )


def _cell_match_m(raw: str) -> float:
    try:
        number = float(raw.replace(",", "."))
    except ValueError:
        number = -1.0
    if not 50.0 <= number <= 5000.0:
        raise ConfigurationError(
            msg.SETTING_NUMBER_RANGE,
            name="REGISTRY_CELL_MATCH_M",
            value=raw,
            low=50.0,
            high=5000.0,
        )
    return number
