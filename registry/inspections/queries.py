"""Reading inspections: one with everything recorded, lists for the user's area,
a photo's bytes. Nothing outside the actor's jurisdiction is returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.files.decoding import UndecodableUpload, reencoded_image, served_type
from registry.files.uploads import made_by_product, served_name
from registry.inspections import messages as msg
from registry.inspections.access import (
    SUBJECT,
    load_inspection,
    require_inspection_scope,
)
from registry.inspections.checklist import stored_ruleset
from registry.inspections.vocabulary import (
    CORRECTABLE_STATES,
    InspectionState,
    ItemResult,
    photo_stem,
)
from registry.kernel.audit import audit_trail
from registry.kernel.db import Registry, load_row
from registry.kernel.models import (
    AdminUnit,
    Inspection,
    InspectionItem,
    OdkSubmission,
    Photo,
    PublicPoint,
    Violation,
)
from registry.records.listing import list_records
from registry.records.rows import record_dict

# What an inspection's page shows about its point.
POINT_FIELDS = (
    "id",
    "name",
    "kind",
    "address",
    "status",
    "owner_name",
    "owner_phone",
    "business_reg_number",
    "opens_at",
    "closes_at",
    "floor_area_m2",
    "certificate_number",
    "certificate_issuer",
    "certificate_expires_on",
    "retired_on",
)
PHOTO_FIELDS = (
    "id",
    "filename",
    "content_type",
    "size",
    "sha256",
    "uploaded_by",
    "uploaded_at",
    "withdrawn_at",
    "withdrawn_by",
    "withdrawn_reason",
)
# Columns of an inspection list besides those of the point's units.
LIST_COLUMNS = (
    "id",
    "point_id",
    "point_name",
    "kind",
    "inspected_on",
    "inspector",
    "state",
    "ruleset_key",
    "follow_up_deadline",
    "failed_items",
    "open_items",
    "violations",
    "photos",
    "submitted_at",
    "reviewed_by",
    "reviewed_at",
    "updated_at",
    "version",
)


def inspection_actions(actor: Actor, state: str, inspector: str) -> list[str]:
    """What the actor may do with an inspection they can read, in its state:
    ``edit`` and ``submit`` a draft, ``review`` a submitted one, ``correct``."""
    state = InspectionState(state)
    actions = []
    if state == InspectionState.DRAFT:
        if perm.allowed(actor, perm.UPDATE, SUBJECT):
            actions.append("edit")
        if perm.allowed(actor, perm.SUBMIT, SUBJECT):
            actions.append("submit")
    if (
        state == InspectionState.SUBMITTED
        and perm.allowed(actor, perm.REVIEW, SUBJECT)
        and actor.username != inspector
    ):
        actions.append("review")
    if state in CORRECTABLE_STATES and perm.allowed(actor, perm.UPDATE, SUBJECT):
        actions.append("correct")
    return actions


def _unit_names(session: Session, units: dict) -> dict[str, dict[str, str | None]]:
    names = {}
    for edition, (commune, district) in sorted(units.items()):
        found = {}
        for level, code in (("commune", commune), ("district", district)):
            unit = session.get(AdminUnit, (edition, level, code)) if code else None
            found[level] = unit.name if unit is not None else None
        names[edition] = found
    return names


def _rows(session: Session, model, inspection_id: int, columns=None) -> list[dict]:
    if columns is None:
        query = select(model).where(model.inspection_id == inspection_id)
        return [record_dict(row) for row in session.scalars(query.order_by(model.id))]
    selected = [getattr(model, name) for name in columns]
    query = select(*selected).where(model.inspection_id == inspection_id)
    return [dict(row._mapping) for row in session.execute(query.order_by(model.id))]


def get_inspection(
    registry: Registry, actor: Actor, inspection_id: int
) -> dict[str, Any]:
    """One inspection with its point, checklist, violations, photos (without their
    bytes), rule set, audit trail and the ``actions`` the actor may take."""
    perm.require(actor, perm.READ, SUBJECT)
    with registry.reading() as session:
        inspection = load_inspection(session, inspection_id)
        units = require_inspection_scope(
            session, actor, inspection, "read this inspection"
        )
        point = session.get(PublicPoint, inspection.point_id)
        view = record_dict(inspection)
        view["point"] = {name: getattr(point, name) for name in POINT_FIELDS}
        view["units"] = units
        view["unit_names"] = _unit_names(session, units)
        items = _rows(session, InspectionItem, inspection.id)
        view["items"] = sorted(items, key=lambda item: item["position"])
        view["violations"] = _rows(session, Violation, inspection.id)
        view["photos"] = [
            _served(photo, inspection.id)
            for photo in _rows(session, Photo, inspection.id, PHOTO_FIELDS)
        ]
        view["odk"] = _odk_record(session, inspection.id)
        view["audit"] = (
            audit_trail(session, "inspection", inspection.id)
            if perm.allowed(actor, perm.READ_AUDIT, "system")
            else []
        )
    view["ruleset"] = stored_ruleset(inspection.ruleset_key)
    view["actions"] = inspection_actions(actor, inspection.state, inspection.inspector)
    return view


def _odk_record(session: Session, inspection_id: int) -> dict[str, Any] | None:
    """What the ODK import kept of the inspection's submission (its GPS point,
    distance to the point and flag), or None for one recorded in the app."""
    row = session.scalar(
        select(OdkSubmission).where(OdkSubmission.inspection_id == inspection_id)
    )
    return None if row is None else record_dict(row)


def _served(photo: dict[str, Any], inspection_id: int) -> dict[str, Any]:
    """The photo named and typed as it is shown and served (the product's name,
    also for a photo stored under its uploader's name before)."""
    stem = photo_stem(inspection_id)
    return photo | {
        "filename": served_name(
            photo["filename"], stem, photo["id"], photo["content_type"]
        ),
        "content_type": served_type(photo["content_type"]),
    }


def photo_data(registry: Registry, actor: Actor, photo_id: int) -> dict[str, Any]:
    """A stored photo with its bytes (``data``), if its inspection is readable.

    A photo stored before uploads were re-encoded is decoded again here: its
    re-encoding is served, or ``data`` is None and ``unreadable`` True when its
    bytes are not an image a browser may be given."""
    perm.require(actor, perm.READ, SUBJECT)
    with registry.reading() as session:
        photo = load_row(session, Photo, int(photo_id), msg.PHOTO_NOT_FOUND)
        inspection = load_inspection(session, photo.inspection_id)
        require_inspection_scope(session, actor, inspection, "see this photo")
        stored = record_dict(photo)
    served = _served(stored, stored["inspection_id"]) | {"unreadable": False}
    if made_by_product(stored["filename"], photo_stem(stored["inspection_id"])):
        return served
    try:
        content_type, data = reencoded_image(bytes(stored["data"]))
    except UndecodableUpload:
        return served | {"data": None, "unreadable": True}
    return served | {"data": data, "content_type": content_type}


def _counts(session: Session, model, condition, name: str) -> pd.Series:
    rows = session.execute(
        select(model.inspection_id, func.count())
        .where(condition)
        .group_by(model.inspection_id)
    ).all()
    return pd.Series(dict(rows), name=name, dtype="int64")


def inspections_frame(registry: Registry, points: pd.DataFrame) -> pd.DataFrame:
    """Every inspection of the given points (rows of ``list_records``), with its
    counts and the point's name, kind and units; newest first."""
    columns = [c for c in LIST_COLUMNS if c not in ("point_name", "kind")]
    counted = ("failed_items", "open_items", "violations", "photos")
    stored = [c for c in columns if c not in counted]
    with registry.reading() as session:
        frame = pd.read_sql(
            select(*[getattr(Inspection, c) for c in stored]), session.connection()
        )
        counts = [
            _counts(
                session,
                InspectionItem,
                InspectionItem.result == ItemResult.FAIL.value,
                "failed_items",
            ),
            _counts(
                session, InspectionItem, InspectionItem.result.is_(None), "open_items"
            ),
            _counts(session, Violation, Violation.withdrawn_at.is_(None), "violations"),
            _counts(session, Photo, Photo.withdrawn_at.is_(None), "photos"),
        ]
    frame = frame[frame["point_id"].isin(points["id"])]
    for series in counts:
        found = series.reindex(frame["id"].to_numpy()).fillna(0).to_numpy()
        frame[series.name] = pd.Series(found, index=frame.index).astype("int64")
    unit_columns = [c for c in points.columns if c.startswith(("commune", "district"))]
    point_columns = points[["id", "name", "kind", "status", *unit_columns]].rename(
        columns={"id": "point_id", "name": "point_name", "status": "point_status"}
    )
    frame = frame.merge(point_columns, on="point_id", how="left")
    for name in ("inspected_on", "follow_up_deadline"):
        frame[name] = pd.to_datetime(frame[name]).dt.date
    frame = frame.sort_values(["inspected_on", "id"], ascending=False)
    return frame.reset_index(drop=True)


def list_inspections(
    registry: Registry,
    actor: Actor,
    *,
    states: Iterable[str] | None = None,
    point_id: int | None = None,
) -> pd.DataFrame:
    """The inspections of the points in the actor's area, newest first.

    Parameters
    ----------
    registry, actor
    states : iterable of str, optional
        Keep these states only (``draft``, ``submitted``, ``approved``,
        ``has_issues``, ``rejected``).
    point_id : int, optional
        Keep the inspections of one point.

    Returns
    -------
    pandas.DataFrame
        :data:`LIST_COLUMNS` plus ``point_status`` and the point's unit codes and
        names in every edition (``commune_2025_06``, ``commune_name_2025_06``, ...).
    """
    perm.require(actor, perm.READ, SUBJECT)
    if states is not None:
        states = list(states)
        known = {s.value for s in InspectionState}
        unknown = [s for s in states if s not in known]
        if unknown:
            raise ValueError(
                f"'states' should hold states of inspections ({', '.join(known)}), "
                f"got {unknown}"
            )
    points = list_records(registry, actor, "point", include_retired=True)
    frame = inspections_frame(registry, points)
    if states is not None:
        frame = frame[frame["state"].isin(states)]
    if point_id is not None:
        frame = frame[frame["point_id"] == int(point_id)]
    return frame.reset_index(drop=True)
