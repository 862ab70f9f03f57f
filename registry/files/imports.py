"""Importing records from CSV or XLSX: all or nothing, with a row-level report."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from registry.access import permissions as perm
from registry.access.demo_accounts import in_demo, leave_demo
from registry.access.permissions import Actor
from registry.files import messages as msg
from registry.files.forms import drop_export_columns, unprotect
from registry.files.matching import (
    CREATED,
    OUTCOMES,
    REFUSED,
    UNCHANGED,
    UPDATED,
    RecordKeys,
    match_rows,
)
from registry.files.readers import normalise_columns, read_table
from registry.kernel.clock import today
from registry.kernel.db import Registry
from registry.kernel.models import MODEL_OF
from registry.kernel.versions import check_version
from registry.kernel.vocabulary import INTERNET_POINT_KINDS, PointKind, RecordType
from registry.records.batch import new_batch_key, store_new_records
from registry.records.province_checks import validate_frame
from registry.records.rows import ENTITY_OF, python_value
from registry.records.validation import RowProblem
from registry.records.writes import Prepared, append_status, apply_changes
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
    valid=(
        "{rows} row(s) valid (dry run, nothing stored): {created} to create, "
        "{updated} to update, {unchanged} unchanged"
    ),
    stored=(
        "{stored} record(s) created, {updated} updated, {unchanged} unchanged, "
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
    # A record import's outcome of each row (file row -> created, updated,
    # unchanged or refused; see registry.files.matching) and the stored record
    # each row names or created.
    outcomes: dict[int, str] = field(default_factory=dict)
    record_ids: dict[int, int] = field(default_factory=dict)
    updated: int = 0

    def outcome_counts(self) -> dict[str, int]:
        """How many rows were (or, in a dry run, would be) created, updated, left
        unchanged and refused."""
        counts = dict.fromkeys(OUTCOMES, 0)
        for outcome in self.outcomes.values():
            counts[outcome] += 1
        return counts

    @property
    def created(self) -> int:
        """Rows that are (or would be) new records."""
        return self.outcome_counts()[CREATED]

    @property
    def unchanged(self) -> int:
        """Rows whose record stays as it was."""
        return self.outcome_counts()[UNCHANGED]

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
        counts = self.outcome_counts() if self.outcomes else {}
        fields = {**vars(self), **counts}
        if self.outcomes and self.dry_run:
            fields["updated"] = counts[UPDATED]
        return f"{self.file}: " + sentence.format(**fields)


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


def _subset(where: Assignment, positions: list[int]) -> Assignment:
    """The assignment of some of the frame's rows."""
    index = np.asarray(positions, dtype=np.int64)
    return Assignment(
        {edition: codes[index] for edition, codes in where.communes.items()},
        {edition: codes[index] for edition, codes in where.districts.items()},
    )


def _typed(frame: pd.DataFrame, position: int, columns: list[str]) -> dict:
    """One row's values of the file's fields, as plain Python values."""
    row = frame.iloc[position]
    return {name: python_value(row[name]) for name in columns}


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
    lists every problem (row, column, value, what was expected). A row naming a
    stored record (a site's network and code, a record's id) updates it, or
    leaves it alone when nothing changed (see :mod:`registry.files.matching`);
    the report tells each row's outcome.
    """
    record_type, kinds = IMPORT_GROUPS[group]
    perm.require(actor, perm.IMPORT, record_type.value)
    name = filename or Path(str(source)).name
    defaults = {"kind": kinds[0]} if len(kinds) == 1 else {}
    table = read_table(source, filename=filename)
    table, keys = RecordKeys.split(unprotect(drop_export_columns(table)))
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
    # The rows that passed validation are checked against the registry too, so
    # that the report lists every problem of the file at once.
    frame = checked.records.reset_index(drop=True)
    where = assign(registry, frame["latitude"], frame["longitude"])
    report.errors += _check_kinds(frame, kinds)
    report.errors += _check_scope(frame, actor, where)
    columns = [c for c in table.columns if c in frame.columns]
    matched = match_rows(
        frame,
        where,
        keys,
        columns,
        registry=registry,
        actor=actor,
        record_type=record_type,
        kinds=kinds,
    )
    report.errors += matched.problems
    report.errors.sort(key=lambda p: (p.row, p.column))
    report.outcomes = dict(matched.outcomes)
    for problem in report.errors:
        report.outcomes[problem.row] = REFUSED
    report.record_ids = matched.record_ids
    if matched.updates and not perm.allowed(actor, perm.UPDATE, record_type.value):
        perm.require(actor, perm.UPDATE, record_type.value)
    if report.errors or dry_run:
        return report
    declared = frame["declared_commune"].where(frame["declared_commune"].notna(), None)
    flags = location_flags(registry, list(declared), where)
    digest = _digest(source)
    reason = f"import from {name}"
    with registry.transaction() as session:
        ids = []
        if matched.creates:
            ids = store_new_records(
                session,
                actor,
                record_type,
                frame.iloc[matched.creates],
                where=_subset(where, matched.creates),
                flags=[flags[i] for i in matched.creates],
                source=f"import {name}",
                reason=reason,
                batch_key=new_batch_key("import"),
                details={"file": name, "sha256": digest, "group": group},
            )
        for position, record_id, version in matched.updates:
            _update(
                session,
                actor,
                record_type,
                record_id,
                version,
                Prepared(
                    record_type.value,
                    _typed(frame, position, columns),
                    _subset(where, [position]),
                    flags[position],
                    [],
                ),
                status_changed=position in matched.status_changes,
                reason=reason,
            )
        # Real records make a demo registry real: its demo accounts go, for good.
        if in_demo(session):
            report.demo_accounts_disabled = leave_demo(
                session, actor.username, f"import from {name}"
            )
    file_rows = frame["row"].to_numpy()[matched.creates].tolist()
    report.record_ids.update(zip(file_rows, ids, strict=True))
    report.stored = len(ids)
    report.updated = len(matched.updates)
    report.flagged = sum(flags[i] is not None for i in matched.creates)
    return report


def _update(
    session,
    actor: Actor,
    record_type: RecordType,
    record_id: int,
    version: int,
    prepared: Prepared,
    *,
    status_changed: bool,
    reason: str,
) -> None:
    """Change one stored record as its row says, under its lock and version."""
    model = MODEL_OF[record_type]
    record = session.get(model, record_id, with_for_update=True)
    check_version(session, record, version, ENTITY_OF[record_type])
    typed = dict(prepared.typed)
    status, since = typed.pop("status", None), typed.pop("status_since", None)
    apply_changes(
        session,
        actor.username,
        record,
        Prepared(prepared.record_type, typed, prepared.where, prepared.flag, []),
        reason=reason,
    )
    if status_changed:
        append_status(
            session, actor.username, record, status, since or today(), reason=reason
        )


def _digest(source: str | Path | bytes) -> str:
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    return hashlib.sha256(data).hexdigest()
