"""The offices in force on a date: the provincial department, the huyện and the
xã People's Committees, read from ``offices.toml`` (with sources and
"chưa xác minh / unverified" marks).

:func:`office_on` names the office of a kind on a day (role labels, report
headers, certificate issuers, delegation presets); :func:`offices_between` lists
those in force over a period (a report across a change names both).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

OFFICES_FILE = Path(__file__).with_name("offices.toml")
KINDS = ("department", "district_committee", "commune_committee")


@dataclass(frozen=True)
class Office:
    """One office and the days it held its kind of work."""

    kind: str
    key: str
    name_vi: str
    name_en: str
    valid_from: date | None
    valid_to: date | None
    source: str
    unverified: str | None

    def in_force_on(self, day: date) -> bool:
        """Whether the office held its work on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def name(self, language: str = "vi") -> str:
        """Its name in Vietnamese (default) or English."""
        return self.name_en if language == "en" else self.name_vi


def _check(offices: tuple[Office, ...]) -> None:
    """Periods of one kind follow each other without gap or overlap."""
    for kind in {o.kind for o in offices}:
        if kind not in KINDS:
            raise ValueError(f"offices.toml: unknown kind {kind!r}")
        mine = [o for o in offices if o.kind == kind]
        for earlier, later in zip(mine, mine[1:], strict=False):
            if earlier.valid_to is None or later.valid_from is None:
                raise ValueError(f"offices.toml: {kind} periods overlap")
            if (later.valid_from - earlier.valid_to).days != 1:
                raise ValueError(f"offices.toml: {kind} periods leave a gap")


@cache
def all_offices(path: str = str(OFFICES_FILE)) -> tuple[Office, ...]:
    """Every office of the file, in the file's order (oldest first per kind)."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    offices = tuple(
        Office(
            kind=o["kind"],
            key=o["key"],
            name_vi=o["name_vi"],
            name_en=o["name_en"],
            valid_from=o.get("valid_from"),
            valid_to=o.get("valid_to"),
            source=o["source"],
            unverified=o.get("unverified"),
        )
        for o in data["offices"]
    )
    _check(offices)
    return offices


def office_on(kind: str, day: date) -> Office | None:
    """The office of ``kind`` in force on ``day`` (None when the kind had none:
    a huyện People's Committee after 30/6/2025)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of office {kind!r}; one of {KINDS}")
    return next(
        (o for o in all_offices() if o.kind == kind and o.in_force_on(day)), None
    )


def offices_between(kind: str, start: date, end: date) -> list[Office]:
    """The offices of ``kind`` in force at some day of [start, end], oldest first."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of office {kind!r}; one of {KINDS}")
    return [
        o
        for o in all_offices()
        if o.kind == kind
        and (o.valid_from is None or o.valid_from <= end)
        and (o.valid_to is None or start <= o.valid_to)
    ]


def department_name(day: date, language: str = "vi") -> str:
    """Name of the provincial department in force on ``day``."""
    office = office_on("department", day)
    return office.name(language) if office else ""
