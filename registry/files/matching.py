"""Which rows of an import are new records and which are records that exist.

The product's own export carries each record's ``id`` and ``version``. When such a
file comes back, a site row whose network and site code exist (or whose id is a
site) and a point row whose id is a point of the group is the stored record:
it is updated when its values differ, left alone when they do not, and refused
when the record lies outside the importer's area or network, is retired, or was
changed in the registry since the export (its version moved on; a row without a
version is refused too, since nobody can tell what it was edited from). A row
without a match is a new record; a new point that repeats a stored point or an
earlier row (same kind, same name and address in the same commune, or within
:data:`DUPLICATE_METRES`) is refused as a duplicate, never silently created.

Nothing here writes; :func:`registry.files.imports.import_records` stores the
outcome in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import select

from geodata.editions import EDITIONS
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.files import messages as msg
from registry.kernel.db import Registry
from registry.kernel.models import MODEL_OF, UnitAssignment
from registry.kernel.text import match_key
from registry.kernel.vocabulary import (
    POINT_TRANSITIONS,
    SITE_TRANSITIONS,
    PointStatus,
    RecordType,
    SiteStatus,
)
from registry.records.rows import python_value
from registry.records.validation import RowProblem, shown
from registry.units.divisions import Assignment

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
REFUSED = "refused"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, REFUSED)

# Two points of one kind this close (metres) are taken for the same place.
DUPLICATE_METRES = 5.0
# Header keys (see registry.kernel.text.match_key) of the columns that name a
# stored record: the export's own and the Vietnamese form's.
ID_KEYS = frozenset(match_key(h) for h in ("id", "Mã bản ghi", "Số hiệu bản ghi"))
VERSION_KEYS = frozenset(match_key(h) for h in ("version", "Phiên bản"))
# Stored columns compared with a row to tell an update from an unchanged row:
# status moves through its own dated history, its start day follows the status.
_NOT_COMPARED = frozenset({"status_since"})
_CHUNK = 900  # ids per IN (...) query: below SQLite's variable limit


@dataclass
class RecordKeys:
    """The ``id`` and ``version`` cells of a file, by position (row = position + 2)."""

    ids: pd.Series
    versions: pd.Series

    @classmethod
    def split(cls, table: pd.DataFrame) -> tuple[pd.DataFrame, RecordKeys]:
        """The table without its id and version columns, and those columns."""
        empty = pd.Series("", index=table.index, dtype=object)
        ids, versions, keep = empty, empty, []
        for column in table.columns:
            key = match_key(str(column))
            if key in ID_KEYS:
                ids = table[column]
            elif key in VERSION_KEYS:
                versions = table[column]
            else:
                keep.append(column)
        rest = table[keep]
        rest.attrs = dict(table.attrs)
        return rest, cls(ids, versions)


@dataclass
class Matched:
    """What each valid row of an import is, and the problems that refuse rows.

    ``record_ids`` holds the stored record of each row that matched one (by
    position in the validated frame); ``updates`` the positions to update with
    the version they were exported at; ``creates`` the positions of new records.
    """

    outcomes: dict[int, str] = field(default_factory=dict)  # file row -> outcome
    record_ids: dict[int, int] = field(default_factory=dict)  # file row -> id
    problems: list[RowProblem] = field(default_factory=list)
    creates: list[int] = field(default_factory=list)
    updates: list[tuple[int, int, int]] = field(default_factory=list)
    status_changes: set[int] = field(default_factory=set)


def _as_int(text: str) -> int | None:
    text = str(text).strip()
    if text.endswith(".0"):  # a number cell some spreadsheets write as 12.0
        text = text[:-2]
    return int(text) if text.isdigit() and len(text) < 19 else None


def _stored_rows(registry: Registry, record_type: RecordType, ids: list[int]):
    """Stored rows (every column) and unit assignments of the given ids."""
    model = MODEL_OF[record_type]
    frames, units = [], []
    with registry.reading() as session:
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            frames.append(
                pd.read_sql(
                    select(model).where(model.id.in_(chunk)), session.connection()
                )
            )
            units += session.execute(
                select(
                    UnitAssignment.record_id,
                    UnitAssignment.edition,
                    UnitAssignment.commune_code,
                    UnitAssignment.district_code,
                ).where(
                    UnitAssignment.record_type == record_type.value,
                    UnitAssignment.record_id.in_(chunk),
                )
            ).all()
    stored = pd.concat(frames) if frames else pd.DataFrame(columns=["id"])
    by_id: dict[int, dict[str, tuple]] = {}
    for record_id, edition, commune, district in units:
        by_id.setdefault(record_id, {})[edition] = (commune, district)
    return stored.set_index("id", drop=False), by_id


def _site_keys(registry: Registry) -> pd.DataFrame:
    model = MODEL_OF[RecordType.SITE]
    with registry.reading() as session:
        rows = session.execute(
            select(model.network_code, model.site_code, model.id)
        ).all()
    return pd.DataFrame(rows, columns=["network_code", "site_code", "stored_id"])


def _point_ids(registry: Registry, kinds: tuple[str, ...], ids: list[int]) -> set:
    model = MODEL_OF[RecordType.POINT]
    found: set[int] = set()
    with registry.reading() as session:
        for start in range(0, len(ids), _CHUNK):
            query = select(model.id).where(model.id.in_(ids[start : start + _CHUNK]))
            if kinds:
                query = query.where(model.kind.in_(kinds))
            found.update(session.scalars(query))
    return found


def _same(stored: Any, typed: Any) -> bool:
    stored, typed = python_value(stored), python_value(typed)
    if stored == "":
        stored = None
    if typed == "":
        typed = None
    if isinstance(stored, float) and isinstance(typed, int | float):
        return abs(stored - typed) <= 1e-9 * max(1.0, abs(stored))
    if hasattr(stored, "date") and not hasattr(typed, "hour"):
        stored = stored.date() if callable(stored.date) else stored
    return stored == typed


def _scope_problem(
    actor: Actor, row: int, record_id: int, units: dict, network: str | None
) -> RowProblem | None:
    if perm.in_scope(actor, units, network):
        return None
    if actor.role == perm.Role.OPERATOR:
        wanted = msg.RECORD_OTHER_NETWORK(
            network=actor.network_code, id=record_id, other=network
        )
    else:
        wanted = msg.RECORD_OUTSIDE_AREA(
            area_level=actor.area_level,
            area_code=actor.area_code,
            area_name=actor.area_name,
            edition=actor.area_edition,
            user=actor.username,
            id=record_id,
        )
    return RowProblem(row, "id", str(record_id), wanted)


def match_rows(
    frame: pd.DataFrame,
    where: Assignment,
    keys: RecordKeys,
    columns: list[str],
    *,
    registry: Registry,
    actor: Actor,
    record_type: RecordType,
    kinds: tuple[str, ...],
) -> Matched:
    """Sort the valid rows (``frame``, with its ``row`` column) of an import by
    ``actor`` into new records, updates, unchanged records and refusals.

    A step of :func:`registry.files.imports.import_records`, not a use case of
    its own: it reads, never writes. ``columns`` are the fields the file has:
    only they are compared and written.
    """
    matched = Matched()
    rows = frame["row"].to_numpy(dtype=np.int64)
    positions = rows - 2  # position in the file's table
    file_ids = keys.ids.to_numpy(dtype=object)[positions] if len(rows) else []
    file_versions = keys.versions.to_numpy(dtype=object)[positions] if len(rows) else []
    given = [_as_int(v) if str(v).strip() else None for v in file_ids]
    target: list[int | None] = [None] * len(frame)
    for index, text in enumerate(file_ids):
        if str(text).strip() and given[index] is None:
            matched.problems.append(
                RowProblem(
                    int(rows[index]), "id", shown(text), msg.UNKNOWN_RECORD(id=text)
                )
            )
            matched.outcomes[int(rows[index])] = REFUSED
    if record_type == RecordType.SITE:
        codes = frame[["network_code", "site_code"]].reset_index(drop=True)
        merged = codes.merge(_site_keys(registry), how="left")
        by_code = merged["stored_id"].to_numpy()
        for index, stored_id in enumerate(by_code):
            if not pd.isna(stored_id):
                target[index] = int(stored_id)
    asked = sorted({i for i in given if i is not None})
    existing = (
        set(_stored_rows(registry, record_type, asked)[0].index)
        if record_type == RecordType.SITE
        else _point_ids(registry, kinds, asked)
    )
    for index, record_id in enumerate(given):
        row = int(rows[index])
        if record_id is None or target[index] is not None or row in matched.outcomes:
            continue
        if record_id in existing:
            target[index] = record_id
        else:
            matched.problems.append(
                RowProblem(row, "id", str(record_id), msg.UNKNOWN_RECORD(id=record_id))
            )
            matched.outcomes[row] = REFUSED
    wanted_ids = sorted({t for t in target if t is not None})
    stored, units = _stored_rows(registry, record_type, wanted_ids)
    compared = [c for c in columns if c in frame.columns and c in stored.columns] + (
        ["status"] if "status" in frame.columns else []
    )
    compared = [c for c in dict.fromkeys(compared) if c not in _NOT_COMPARED]
    first_row_of: dict[int, int] = {}
    site = record_type == RecordType.SITE
    transitions = SITE_TRANSITIONS if site else POINT_TRANSITIONS
    statuses = SiteStatus if site else PointStatus
    values = frame.reset_index(drop=True)
    # Plain lists, one per column, aligned with the rows: comparing cell by cell
    # through pandas indexing would cost a millisecond a row.
    aligned = stored.reindex([-1 if t is None else t for t in target])
    needed = [*compared, "version", "retired_on", "status"]
    if site:
        needed.append("network_code")
    old = {c: aligned[c].tolist() for c in dict.fromkeys(needed) if c in aligned}
    new_values = {c: values[c].tolist() for c in compared}
    for index, record_id in enumerate(target):
        row = int(rows[index])
        if row in matched.outcomes:
            continue
        if record_id is None:
            matched.creates.append(index)
            matched.outcomes[row] = CREATED
            continue
        matched.record_ids[row] = record_id
        record = {c: column[index] for c, column in old.items()}
        problem = _existing_problem(
            actor, row, record_id, record, units.get(record_id, {}),
            file_versions[index], first_row_of,
        )  # fmt: skip
        first_row_of.setdefault(record_id, row)
        if problem is not None:
            matched.problems.append(problem)
            matched.outcomes[row] = REFUSED
            continue
        different = [c for c in compared if not _same(record[c], new_values[c][index])]
        if "status" in different:
            current = statuses(record["status"])
            new = new_values["status"][index]
            if statuses(new) not in transitions[current]:
                allowed = sorted(s.value for s in transitions[current]) or ["none"]
                matched.problems.append(
                    RowProblem(
                        row,
                        "status",
                        str(new),
                        msg.STATUS_TRANSITION(
                            id=record_id, current=current.value, allowed=allowed
                        ),
                    )
                )
                matched.outcomes[row] = REFUSED
                continue
            matched.status_changes.add(index)
        if different:
            matched.updates.append((index, record_id, int(record["version"])))
            matched.outcomes[row] = UPDATED
        else:
            matched.outcomes[row] = UNCHANGED
    if record_type == RecordType.POINT and matched.creates:
        for problem in duplicate_points(
            values, where, matched.creates, registry=registry, actor=actor
        ):
            matched.problems.append(problem)
            matched.outcomes[problem.row] = REFUSED
        refused = {p.row for p in matched.problems}
        matched.creates = [i for i in matched.creates if int(rows[i]) not in refused]
    return matched


def _existing_problem(
    actor: Actor,
    row: int,
    record_id: int,
    record: dict[str, Any],
    units: dict,
    version_text: object,
    first_row_of: dict[int, int],
) -> RowProblem | None:
    """Why a row naming a stored record is refused, or None. The area comes
    first: whether another area's record is retired, or at which version, is
    not told."""
    if record_id in first_row_of:
        return RowProblem(
            row,
            "id",
            str(record_id),
            msg.SAME_RECORD_TWICE(id=record_id, first_row=first_row_of[record_id]),
        )
    problem = _scope_problem(actor, row, record_id, units, record.get("network_code"))
    if problem is not None:
        return problem
    if not pd.isna(record["retired_on"]):
        return RowProblem(
            row,
            "id",
            str(record_id),
            msg.RETIRED_RECORD(
                id=record_id, retired_on=python_value(record["retired_on"])
            ),
        )
    text = "" if version_text is None else str(version_text).strip()
    if not text:
        return RowProblem(row, "version", "", msg.VERSION_MISSING(id=record_id))
    version = _as_int(text)
    if version is None:
        return RowProblem(row, "version", shown(text), msg.VERSION_NOT_NUMBER())
    if version != int(record["version"]):
        return RowProblem(
            row,
            "version",
            str(version),
            msg.VERSION_STALE(
                id=record_id, expected=version, version=int(record["version"])
            ),
        )
    return None


# -- duplicate points ------------------------------------------------------------


def _edition() -> str:
    """The newest edition of the units: the commune two points share."""
    return max(EDITIONS)


def _metres(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Local east/north metres (equirectangular: a few metres apart is all it
    needs to tell, and the province spans two degrees of latitude)."""
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    return lon * 111_320.0 * np.cos(np.radians(19.0)), lat * 110_574.0


def _name_key(names, addresses) -> list[str]:
    return [
        f"{match_key(str(n or ''))}|{match_key(str(a or ''))}"
        for n, a in zip(names, addresses, strict=True)
    ]


def _close_pairs(new: pd.DataFrame, old: pd.DataFrame) -> pd.DataFrame:
    """Pairs (new index ``i``, old index ``j``, ``metres``) of one kind within
    :data:`DUPLICATE_METRES`, found through a grid of cells that size."""
    size = DUPLICATE_METRES
    found = []
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            shifted = old.assign(cx=old["cx"] + dx, cy=old["cy"] + dy)
            pairs = new.merge(shifted, on=["kind", "cx", "cy"], suffixes=("", "_old"))
            found.append(pairs)
    pairs = pd.concat(found, ignore_index=True)
    metres = np.hypot(pairs["x"] - pairs["x_old"], pairs["y"] - pairs["y_old"])
    pairs = pairs.assign(metres=metres)
    return pairs[pairs["metres"] <= size]


def _visible(registry: Registry, actor: Actor, ids) -> np.ndarray:
    """Which of the stored points ``ids`` lie in the actor's area: a refusal
    names a stored point only when its importer may see it."""
    ids = np.asarray(ids, dtype=np.int64)
    if actor.sees_whole_province:
        return np.ones(len(ids), dtype=bool)
    if actor.role == perm.Role.OPERATOR:
        return np.zeros(len(ids), dtype=bool)  # points have no network
    column = (
        UnitAssignment.district_code
        if actor.role == perm.Role.DISTRICT
        else UnitAssignment.commune_code
    )
    with registry.reading() as session:
        inside = set(
            session.scalars(
                select(UnitAssignment.record_id).where(
                    UnitAssignment.record_type == RecordType.POINT.value,
                    UnitAssignment.edition == actor.area_edition,
                    column == actor.area_code,
                )
            )
        )
    return np.isin(ids, list(inside))


def duplicate_points(
    values: pd.DataFrame,
    where: Assignment,
    creates: list[int],
    *,
    registry: Registry,
    actor: Actor,
) -> list[RowProblem]:
    """Refusals of new point rows that repeat a stored point of the same kind
    (that the actor may see) or an earlier new row (same name and address in the
    same commune, or within :data:`DUPLICATE_METRES`). A step of
    :func:`match_rows`, not a use case of its own: it only reads."""
    edition = _edition()
    new = values.iloc[creates].reset_index(drop=True)
    x, y = _metres(new["latitude"], new["longitude"])
    new = pd.DataFrame(
        {
            "row": new["row"].to_numpy(),
            "cell": new["name"].astype(object).to_numpy(),
            "kind": new["kind"].astype(object).to_numpy(),
            "key": _name_key(new["name"], new.get("address", [None] * len(new))),
            "commune": where.communes[edition][creates],
            "x": x,
            "y": y,
        }
    )
    new["cx"] = np.floor(new["x"] / DUPLICATE_METRES).astype(np.int64)
    new["cy"] = np.floor(new["y"] / DUPLICATE_METRES).astype(np.int64)
    model = MODEL_OF[RecordType.POINT]
    kinds = sorted(set(new["kind"]))
    with registry.reading() as session:
        old = pd.DataFrame(
            session.execute(
                select(
                    model.id,
                    model.kind,
                    model.name,
                    model.address,
                    model.latitude,
                    model.longitude,
                    UnitAssignment.commune_code,
                )
                .outerjoin(
                    UnitAssignment,
                    (UnitAssignment.record_id == model.id)
                    & (UnitAssignment.record_type == RecordType.POINT.value)
                    & (UnitAssignment.edition == edition),
                )
                .where(model.kind.in_(kinds), model.retired_on.is_(None))
            ).all(),
            columns=["id", "kind", "name", "address", "lat", "lon", "commune"],
        )
    old = old[_visible(registry, actor, old["id"])].reset_index(drop=True)
    ox, oy = _metres(old["lat"], old["lon"])
    old = old.assign(
        key=_name_key(old["name"], old["address"]),
        x=ox,
        y=oy,
        cx=np.floor(ox / DUPLICATE_METRES).astype(np.int64),
        cy=np.floor(oy / DUPLICATE_METRES).astype(np.int64),
    )
    problems: dict[int, RowProblem] = {}
    named = new.merge(old, on=["kind", "key", "commune"], suffixes=("", "_old"))
    for pair in named.itertuples():
        problems.setdefault(
            int(pair.row),
            RowProblem(
                int(pair.row),
                "name",
                shown(pair.cell),
                msg.DUPLICATE_POINT_NAME(
                    id=int(pair.id), name=pair.name, kind=pair.kind
                ),
            ),
        )
    near = _close_pairs(new, old[["id", "kind", "name", "x", "y", "cx", "cy"]])
    for pair in near.sort_values("metres").itertuples():
        problems.setdefault(
            int(pair.row),
            RowProblem(
                int(pair.row),
                "latitude",
                shown(pair.cell),
                msg.DUPLICATE_POINT_NEAR(
                    id=int(pair.id),
                    name=pair.name,
                    kind=pair.kind,
                    metres=round(float(pair.metres), 1),
                ),
            ),
        )
    # Rows of the file that repeat an earlier row.
    inside = new[["row", "cell", "kind", "key", "commune", "x", "y", "cx", "cy"]]
    same = inside.merge(inside, on=["kind", "key", "commune"], suffixes=("", "_old"))
    same = same[same["row_old"] < same["row"]]
    close = _close_pairs(inside, inside.drop(columns=["cell", "key", "commune"]))
    close = close[close["row_old"] < close["row"]]
    for pair in pd.concat([same, close]).sort_values("row_old").itertuples():
        problems.setdefault(
            int(pair.row),
            RowProblem(
                int(pair.row),
                "name",
                shown(pair.cell),
                msg.DUPLICATE_POINT_IN_FILE(
                    first_row=int(pair.row_old), kind=pair.kind, metres=DUPLICATE_METRES
                ),
            ),
        )
    return list(problems.values())
