"""Lists of records for tables, maps and exports, limited to what the actor may see."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from geodata.editions import EDITIONS
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.db import Registry
from registry.kernel.history import statuses_as_of
from registry.kernel.models import MODEL_OF, UnitAssignment
from registry.kernel.vocabulary import RecordType, Role
from registry.units.divisions import units_frame


def unit_codes(session: Session, record_type: str) -> pd.DataFrame:
    """``id`` and the ``commune_<edition>`` / ``district_<edition>`` codes of every
    record of a type, one column pair per edition (district codes are empty in an
    edition without districts; ``<edition>`` is written with "_", e.g. 2025_06)."""
    rows = session.execute(
        select(
            UnitAssignment.record_id,
            UnitAssignment.edition,
            UnitAssignment.commune_code,
            UnitAssignment.district_code,
        ).where(UnitAssignment.record_type == record_type)
    ).all()
    frame = pd.DataFrame(
        rows, columns=["record_id", "edition", "commune_code", "district_code"]
    )
    wide = pd.DataFrame(index=pd.Index(frame["record_id"].unique(), name="id"))
    for edition in EDITIONS:
        part = frame[frame["edition"] == edition].set_index("record_id")
        suffix = edition.replace("-", "_")
        wide[f"commune_{suffix}"] = part["commune_code"]
        wide[f"district_{suffix}"] = part["district_code"]
    return wide.reset_index()


def _assignment_columns(registry: Registry, record_type: str) -> pd.DataFrame:
    with registry.reading() as session:
        codes = unit_codes(session, record_type).set_index("id")
        names = {}
        for edition in EDITIONS:
            units = units_frame(session, edition)
            names[edition] = dict(zip(units["code"], units["name"], strict=True))
    wide = pd.DataFrame(index=codes.index)
    for edition in EDITIONS:
        suffix = edition.replace("-", "_")
        communes = codes[f"commune_{suffix}"]
        wide[f"commune_{suffix}"] = communes
        wide[f"commune_name_{suffix}"] = communes.map(names[edition])
        if "district" in EDITIONS[edition].levels:
            districts = codes[f"district_{suffix}"]
            wide[f"district_{suffix}"] = districts
            wide[f"district_name_{suffix}"] = districts.map(names[edition])
    return wide.reset_index()


def _in_scope(frame: pd.DataFrame, actor: Actor) -> pd.Series:
    if actor.sees_whole_province:
        return pd.Series(True, index=frame.index)
    if actor.role == Role.OPERATOR:
        if "network_code" not in frame:
            return pd.Series(False, index=frame.index)
        return frame["network_code"] == actor.network_code
    suffix = (actor.area_edition or "").replace("-", "_")
    column = f"{actor.area_level}_{suffix}"
    if column not in frame:
        return pd.Series(False, index=frame.index)
    return frame[column] == actor.area_code


def list_records(
    registry: Registry,
    actor: Actor,
    record_type: str,
    *,
    as_of: date | None = None,
    include_retired: bool = False,
) -> pd.DataFrame:
    """Every record the actor may see, with its units in every edition.

    With ``as_of``, the ``status`` column is the status on that date and records
    that did not exist yet are left out (the registry as it stood then).
    """
    record_type = RecordType(record_type)
    perm.require(actor, perm.READ, record_type.value)
    model = MODEL_OF[record_type]
    with registry.reading() as session:
        frame = pd.read_sql(select(model), session.connection())
        if as_of is not None:
            statuses = statuses_as_of(session, record_type.value, as_of)
    if not include_retired:
        frame = frame[frame["retired_on"].isna()]
    if as_of is not None:
        frame = frame[frame["id"].isin(statuses.index)].copy()
        frame["status"] = frame["id"].map(statuses)
    frame = frame.merge(_assignment_columns(registry, record_type), on="id", how="left")
    frame = frame[_in_scope(frame, actor)]
    if actor.role == Role.VIEWER:
        frame = frame.drop(columns=[c for c in perm.PERSONAL_FIELDS if c in frame])
    return frame.sort_values("id").reset_index(drop=True)
