"""Importing records from CSV or XLSX: all or nothing, with a row-level report."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import select

from registry.access import permissions as perm
from registry.access.demo_accounts import in_demo, leave_demo
from registry.access.permissions import Actor
from registry.files import messages as msg
from registry.files.readers import normalise_columns, read_table
from registry.kernel.db import Registry
from registry.kernel.models import BtsSite
from registry.kernel.vocabulary import INTERNET_POINT_KINDS, PointKind, RecordType
from registry.records import messages as records_msg
from registry.records.batch import new_batch_key, store_new_records
from registry.records.province_checks import validate_frame
from registry.records.validation import RowProblem
from registry.units.divisions import Assignment, assign
from registry.units.locations import location_flags

# What the command line calls each import, and the kinds of point it accepts.
IMPORT_GROUPS: dict[str, tuple[RecordType, tuple[str, ...]]] = {
    "sites": (RecordType.SITE, ()),
    "internet-points": (RecordType.POINT, tuple(k.value for k in INTERNET_POINT_KINDS)),
    "game-points": (RecordType.POINT, (PointKind.GAME_POINT.value,)),
}


@dataclass(frozen=True)
class ImportWording:
    """How an import's summary speaks of its rows: a ``str.format`` sentence for a
    valid dry run and one for a stored import (fields of :class:`ImportReport`)."""

    valid: str
    stored: str


RECORD_WORDING = ImportWording(
    valid="{rows} row(s) valid (dry run, nothing stored)",
    stored=(
        "{stored} record(s) imported, "
        "{flagged} flagged for a declared commune that differs"
    ),
)


@dataclass
class ImportReport:
    """Outcome of an import of a file (records, schools, population): what was
    wrong, what was stored.

    Rows are counted as in the file (row 1: the header); ``row_label`` is what a
    row is called ("feature" in GeoJSON). ``group`` is the record import's group,
    ``edition`` the units' edition of a population import, ``flagged`` the records
    stored with a declared commune that differs, ``total`` a sum the import adds
    up (people).
    """

    file: str
    rows: int
    dry_run: bool
    wording: ImportWording = RECORD_WORDING
    row_label: str = "row"
    group: str | None = None
    edition: str | None = None
    errors: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    stored: int = 0
    flagged: int = 0
    total: int = 0
    # Demo accounts this import disabled (the registry's first real records).
    demo_accounts_disabled: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no row had an error."""
        return not self.errors

    def summary(self) -> str:
        """One sentence on the outcome."""
        if self.errors:
            return (
                f"{self.file}: {len(self.errors)} error(s) in {self.rows} "
                f"{self.row_label}(s); nothing was imported"
            )
        sentence = self.wording.valid if self.dry_run else self.wording.stored
        return f"{self.file}: " + sentence.format(**vars(self))


def _check_kinds(frame: pd.DataFrame, allowed: tuple[str, ...]) -> list[RowProblem]:
    if not allowed:
        return []
    wrong = frame[~frame["kind"].isin(allowed)]
    return [
        RowProblem(int(r.row), "kind", str(r.kind), msg.KIND_IN_GROUP(kinds=allowed))
        for r in wrong.itertuples()
    ]


def _check_scope(
    frame: pd.DataFrame, actor: Actor, where: Assignment
) -> list[RowProblem]:
    if actor.sees_whole_province:
        return []
    problems = []
    networks = frame.get("network_code")
    for position, row_number in enumerate(frame["row"]):
        network = None if networks is None else networks.iloc[position]
        if not perm.in_scope(actor, where.units_of(position), network):
            expected = (
                msg.OWN_NETWORK_SITE(network=actor.network_code)
                if actor.role == perm.Role.OPERATOR
                else msg.INSIDE_AREA(
                    area_level=actor.area_level,
                    area_code=actor.area_code,
                    area_name=actor.area_name,
                    edition=actor.area_edition,
                    user=actor.username,
                )
            )
            value = network if actor.role == perm.Role.OPERATOR else "coordinates"
            problems.append(
                RowProblem(int(row_number), "latitude", str(value), expected)
            )
    return problems


def _check_existing_sites(registry: Registry, frame: pd.DataFrame) -> list[RowProblem]:
    with registry.reading() as session:
        stored = pd.DataFrame(
            session.execute(
                select(BtsSite.network_code, BtsSite.site_code, BtsSite.id)
            ).all(),
            columns=["network_code", "site_code", "id"],
        )
    clash = frame.merge(stored, on=["network_code", "site_code"], how="inner")
    return [
        RowProblem(
            int(r.row),
            "site_code",
            str(r.site_code),
            records_msg.SITE_CODE_TAKEN(network=r.network_code, taken=r.id),
        )
        for r in clash.itertuples()
    ]


def import_records(
    registry: Registry,
    actor: Actor,
    group: str,
    source: str | Path | bytes,
    *,
    filename: str | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Import sites, Internet points or game points from a CSV or XLSX file.

    Every row is checked first; if any row is wrong nothing is stored and the report
    lists each problem (row, column, value, what was expected).
    """
    record_type, kinds = IMPORT_GROUPS[group]
    perm.require(actor, perm.IMPORT, record_type.value)
    name = filename or Path(str(source)).name
    defaults = {"kind": kinds[0]} if len(kinds) == 1 else {}
    table = read_table(source, filename=filename)
    table, unknown = normalise_columns(table, record_type.value, defaults=defaults)
    checked = validate_frame(registry, table, record_type.value)
    report = ImportReport(
        name,
        len(table),
        dry_run,
        group=group,
        errors=list(checked.errors),
        warnings=list(checked.warnings),
        unknown_columns=unknown,
    )
    if report.errors:
        return report
    frame = checked.records
    where = assign(registry, frame["latitude"], frame["longitude"])
    report.errors += _check_kinds(frame, kinds)
    report.errors += _check_scope(frame, actor, where)
    if record_type == RecordType.SITE:
        report.errors += _check_existing_sites(registry, frame)
    report.errors.sort(key=lambda p: (p.row, p.column))
    if report.errors or dry_run:
        return report
    declared = frame["declared_commune"].where(frame["declared_commune"].notna(), None)
    flags = location_flags(registry, list(declared), where)
    digest = _digest(source)
    with registry.transaction() as session:
        ids = store_new_records(
            session,
            actor,
            record_type,
            frame,
            where=where,
            flags=flags,
            source=f"import {name}",
            reason=f"import from {name}",
            batch_key=new_batch_key("import"),
            details={"file": name, "sha256": digest, "group": group},
        )
        # Real records make a demo registry real: its demo accounts go, for good.
        if in_demo(session):
            report.demo_accounts_disabled = leave_demo(
                session, actor.username, f"import from {name}"
            )
    report.stored = len(ids)
    report.flagged = sum(f is not None for f in flags)
    return report


def _digest(source: str | Path | bytes) -> str:
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    return hashlib.sha256(data).hexdigest()
