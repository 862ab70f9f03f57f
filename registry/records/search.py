"""Finding records by what people type, and reading one record for its page.

Search ignores case, diacritics and where the tone mark sits ("vinh" finds "Vĩnh",
"hoa" finds "Hòa" and "Hoà"), using the same folding as the admin-unit name
matching in :mod:`geodata.names`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from geodata.editions import EDITIONS
from geodata.names import fold_name
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.db import Registry
from registry.kernel.vocabulary import PointKind, RecordType, Role
from registry.records.listing import list_records
from registry.records.places import get_record
from registry.units.divisions import units_frame

# Columns searched, when the record type has them.
SEARCH_COLUMNS = (
    "name",
    "site_code",
    "address",
    "declared_commune",
    "commune_name_2025_06",
    "district_name_2025_06",
    "commune_name_2025_07",
)


def fold_text(text: object) -> str:
    """Search key of a text: lowercase ASCII letters and digits, nothing else."""
    if not isinstance(text, str):
        return ""
    return fold_name(text, strip_prefix=False)


def _check_kinds(record_type: RecordType, kinds) -> tuple[str, ...] | None:
    if kinds is None:
        return None
    if record_type != RecordType.POINT:
        raise ValueError(f"'kinds' applies to points only, got kinds for {record_type}")
    known = {k.value for k in PointKind}
    kinds = tuple(kinds)
    unknown = [k for k in kinds if k not in known]
    if unknown:
        raise ValueError(
            f"'kinds' should hold kinds of point ({', '.join(sorted(known))}), "
            f"got {unknown}"
        )
    return kinds


def _haystack(frame: pd.DataFrame) -> pd.Series:
    """One folded text per record: the searched columns joined by '|'."""
    parts = []
    for column in SEARCH_COLUMNS:
        if column not in frame:
            continue
        values = frame[column]
        folded = {v: fold_text(v) for v in values.dropna().unique()}
        parts.append(values.map(folded).fillna("").astype(str))
    if not parts:
        return pd.Series("", index=frame.index, dtype=str)
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + "|" + part
    return joined


def search_records(
    registry: Registry,
    actor: Actor,
    record_type: str,
    query: str | None,
    *,
    kinds=None,
) -> pd.DataFrame:
    """Current records the actor may see that match every word of ``query``.

    Parameters
    ----------
    registry : Registry
    actor : Actor
        The user searching; the result is limited to their area or network.
    record_type : {"site", "point"}
    query : str or None
        Words looked for in the name, site code, address, declared commune and the
        commune and district names of every edition. Case, diacritics and the
        placement of tone marks are ignored; an empty query matches everything.
    kinds : iterable of str, optional
        Only points of these kinds (``PointKind`` values).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`registry.records.listing.list_records`, sorted by id.
    """
    record_type = RecordType(record_type)
    kinds = _check_kinds(record_type, kinds)
    frame = list_records(registry, actor, record_type)
    if kinds is not None:
        frame = frame[frame["kind"].isin(kinds)]
    terms = [fold_text(word) for word in (query or "").split()]
    terms = [term for term in terms if term]
    if terms:
        haystack = _haystack(frame)
        keep = pd.Series(True, index=frame.index)
        for term in terms:
            keep &= haystack.str.contains(term, regex=False)
        frame = frame[keep]
    return frame.reset_index(drop=True)


def _unit_names(registry: Registry, units: dict) -> dict[str, dict[str, str | None]]:
    names: dict[str, dict[str, str | None]] = {}
    with registry.reading() as session:
        for edition in EDITIONS:
            commune, district = units.get(edition, (None, None))
            table = units_frame(session, edition)
            lookup = dict(zip(table["code"], table["name"], strict=True))
            names[edition] = {
                "commune_code": commune,
                "commune": lookup.get(commune),
                "district_code": district,
                "district": lookup.get(district),
            }
    return names


def record_view(
    registry: Registry, actor: Actor, record_type: str, record_id: int
) -> dict[str, Any]:
    """One record as its page shows it.

    What :func:`registry.records.places.get_record` returns (fields, units, status
    history, audit trail, each limited by the actor's rights), plus ``unit_names``: per
    edition the codes and names of the commune and district the record lies in.
    Who recorded each status is left out for users without the audit right
    (operators and viewers), as in the audit trail; viewers get no reasons either
    (free text that may name people).
    """
    record = get_record(registry, actor, RecordType(record_type), int(record_id))
    hidden = set()
    if not perm.allowed(actor, perm.READ_AUDIT, "system"):
        hidden.add("recorded_by")
    if actor.role == Role.VIEWER:
        hidden.add("reason")  # free text that may name people
    record["history"] = [
        {k: v for k, v in entry.items() if k not in hidden}
        for entry in record["history"]
    ]
    record["unit_names"] = _unit_names(registry, record["units"])
    return record
