"""Urban class (loại đô thị) of the place a point lies in, from a data file.

The classes, their sources and what is unverified live in ``urban_classes.toml``
next to this module. A point is matched on its commune in edition 2025-06 (and that
commune's district and unit type), so the answer does not depend on the edition a
user is looking at.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select

from registry.kernel.clock import today as current_day
from registry.kernel.db import Registry
from registry.kernel.errors import Message, RegistryError
from registry.kernel.models import UnitAssignment
from registry.units import messages as msg
from registry.units.divisions import units_frame

URBAN_CLASSES_FILE = Path(__file__).parent / "urban_classes.toml"
CLASSES = ("I", "II", "III", "IV", "V", "other")
# The groups the area rule distinguishes, by class.
BUCKET_OF = {
    "I": "class_I_III",
    "II": "class_I_III",
    "III": "class_I_III",
    "IV": "class_IV_V",
    "V": "class_IV_V",
    "other": "other",
}
_OTHER_SOURCE = "không thuộc đô thị nào trong tệp / in no urban area listed in the file"


class UrbanClassFileError(RegistryError):
    """The urban-class data file is malformed."""

    def __init__(self, path: Path, message: Message, **context):
        self.path = path
        super().__init__(message, **context)

    @property
    def reason(self) -> str:
        """What is wrong with the file, in English."""
        return self.message.text(self.context)

    def _english(self) -> str:
        return f"Urban-class file '{self.path.name}': {self.reason}"


@dataclass(frozen=True)
class UrbanClass:
    """The urban class of one place, with where the fact comes from."""

    urban_class: str  # "I" … "V" or "other"
    place: str
    source: str
    verified: bool
    commune_code: str | None

    @property
    def bucket(self) -> str:
        """ "class_I_III", "class_IV_V" or "other": the key of the area threshold."""
        return BUCKET_OF[self.urban_class]


@dataclass(frozen=True)
class _Entry:
    name: str
    urban_class: str
    district: str | None
    communes: frozenset[str]
    unit_type: str | None
    source: str
    verified: bool
    valid_from: date | None
    valid_until: date | None

    def holds_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


@dataclass(frozen=True)
class UrbanTable:
    """The parsed data file."""

    edition: str
    entries: tuple[_Entry, ...]


def _entry(path: Path, number: int, raw: Mapping) -> _Entry:
    where = f"entry {number} ({raw.get('name', 'unnamed')})"
    if raw.get("class") not in CLASSES[:-1]:
        raise UrbanClassFileError(path, msg.URBAN_CLASS, where=where)
    keys = [k for k in ("district", "communes", "unit_type") if k in raw]
    if len(keys) != 1:
        raise UrbanClassFileError(path, msg.URBAN_ONE_PLACE, where=where)
    if not str(raw.get("source", "")).strip():
        raise UrbanClassFileError(path, msg.URBAN_SOURCE, where=where)
    for name in ("valid_from", "valid_until"):
        if name in raw and not isinstance(raw[name], date):
            raise UrbanClassFileError(path, msg.URBAN_DATE, where=where, name=name)
    return _Entry(
        name=str(raw.get("name", "")),
        urban_class=raw["class"],
        district=raw.get("district"),
        communes=frozenset(raw.get("communes", ())),
        unit_type=raw.get("unit_type"),
        source=" ".join(str(raw["source"]).split()),
        verified=bool(raw.get("verified", False)),
        valid_from=raw.get("valid_from"),
        valid_until=raw.get("valid_until"),
    )


@lru_cache(maxsize=4)
def load_urban_classes(path: Path = URBAN_CLASSES_FILE) -> UrbanTable:
    """Read and check the urban-class data file (cached per path)."""
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise UrbanClassFileError(
            Path(path), msg.URBAN_UNREADABLE, detail=str(error)
        ) from None
    if raw.get("edition") != "2025-06":
        raise UrbanClassFileError(Path(path), msg.URBAN_EDITION)
    entries = tuple(
        _entry(Path(path), number, item)
        for number, item in enumerate(raw.get("places", []), start=1)
    )
    return UrbanTable(raw["edition"], entries)


def _match(table: UrbanTable, unit, day: date) -> _Entry | None:
    candidates = [e for e in table.entries if e.holds_on(day)]
    for test in (
        lambda e: unit["code"] in e.communes,
        lambda e: e.district is not None and e.district == unit["parent_code"],
        lambda e: e.unit_type is not None and e.unit_type == unit["unit_type"],
    ):
        for entry in candidates:
            if test(entry):
                return entry
    return None


def urban_classes(
    registry: Registry,
    commune_codes: Sequence[str | None],
    *,
    on: date | None = None,
) -> list[UrbanClass | None]:
    """Urban class of each 2025-06 commune code (None where the code is None)."""
    day = on or current_day()
    table = load_urban_classes()
    with registry.reading() as session:
        units = units_frame(session, table.edition, "commune")
    by_code = {row["code"]: row for row in units.to_dict("records")}
    found: dict[str, UrbanClass | None] = {}
    for code in set(c for c in commune_codes if c is not None):
        unit = by_code.get(code)
        if unit is None:
            found[code] = None
            continue
        entry = _match(table, unit, day)
        found[code] = (
            UrbanClass("other", unit["name"], _OTHER_SOURCE, False, code)
            if entry is None
            else UrbanClass(
                entry.urban_class, entry.name, entry.source, entry.verified, code
            )
        )
    return [None if c is None else found[c] for c in commune_codes]


def urban_class(
    registry: Registry, point: Mapping, *, on: date | None = None
) -> UrbanClass | None:
    """Urban class of the place a point lies in (None when it lies in no commune).

    Parameters
    ----------
    point : mapping
        A point as returned by ``POINTS.get`` (its ``units``
        are used) or any mapping with the point's ``id``.
    on : datetime.date, optional
        Day the class is wanted for (some entries are dated); default today.
    """
    units = point.get("units")
    if units is None:
        with registry.reading() as session:
            code = session.scalar(
                select(UnitAssignment.commune_code).where(
                    UnitAssignment.record_type == "point",
                    UnitAssignment.record_id == point["id"],
                    UnitAssignment.edition == load_urban_classes().edition,
                )
            )
    else:
        code = units.get(load_urban_classes().edition, (None, None))[0]
    return urban_classes(registry, [code], on=on)[0]
