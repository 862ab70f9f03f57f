"""Inspections of public Internet and game points: the use cases that change them.

Commune staff open an inspection from a point of their commune (its checklist comes
from the rule set in force on the inspection date), fill the checklist, record
violations, a follow-up deadline and photos, and submit it; the district of the
point (or the department) reviews it: approved, has issues, or rejected. A submitted
or reviewed inspection is changed only by a correction, which names its reason, is
audited with before and after, and sends the inspection back to ``submitted``.

Every function takes the acting user, checks the permission and the area of the
point, validates, writes in one transaction with its audit entry, and returns the
inspection as :func:`registry.inspections.queries.get_inspection` shows it. This
module opens and corrects inspections and gathers the other use cases under one
name: draft edits (:mod:`registry.inspections.edits`), submit and review
(:mod:`registry.inspections.review`), reading and listing
(:mod:`registry.inspections.queries`); plans and
dashboards in :mod:`registry.inspections.plans` and
:mod:`registry.inspections.dashboard`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.inspections import messages as msg
from registry.inspections.access import (
    SUBJECT,
    require_point_scope,
)
from registry.inspections.changes import InspectionChanges
from registry.inspections.checklist import checklist_items
from registry.inspections.edits import (
    ENTITY,
    add_violation,
    attach_photo,
    attach_photos,
    change_inspection,
    checked_photos,
    record_items,
    update_inspection,
    withdraw_photo,
    withdraw_violation,
)
from registry.inspections.queries import get_inspection, list_inspections, photo_data
from registry.inspections.review import review_inspection, submit_inspection
from registry.inspections.values import check_inspection_date
from registry.inspections.vocabulary import InspectionState
from registry.kernel.audit import record_audit
from registry.kernel.clock import now, today
from registry.kernel.db import Registry, load_row
from registry.kernel.errors import (
    ConflictError,
    FieldError,
    ValidationError,
)
from registry.kernel.models import AuditEntry, Inspection, InspectionItem, PublicPoint
from registry.kernel.text import checked_text, column_limit
from registry.kernel.versions import DuplicateError
from registry.records.messages import POINT_NOT_FOUND

__all__ = [
    "add_violation",
    "attach_photo",
    "attach_photos",
    "correct_inspection",
    "get_inspection",
    "list_inspections",
    "open_inspection",
    "photo_data",
    "record_items",
    "review_inspection",
    "submit_inspection",
    "update_inspection",
    "withdraw_photo",
    "withdraw_violation",
]


def _one(error: FieldError) -> ValidationError:
    return ValidationError([error])


def open_inspection(
    registry: Registry,
    actor: Actor,
    point_id: int,
    *,
    inspected_on: date | str | None = None,
) -> dict[str, Any]:
    """Open a draft inspection of a point, dated ``inspected_on`` (default today).

    The checklist holds the rules of the rule set in force that day that apply to
    the point's kind; automatic rules are pre-filled from the registry's data.
    Refused: a date in the future or before any rule set, a point outside the
    actor's commune, a retired point, a point that already has a draft.
    """
    perm.require(actor, perm.CREATE, SUBJECT)
    try:
        day = check_inspection_date(today() if inspected_on is None else inspected_on)
    except FieldError as error:
        raise _one(error) from None
    with registry.reading() as session:
        point = load_row(session, PublicPoint, int(point_id), POINT_NOT_FOUND)
        require_point_scope(session, actor, point.id, "inspect this point")
        if point.retired_on is not None:
            raise ConflictError(
                msg.POINT_RETIRED, id=point.id, retired_on=point.retired_on
            )
    try:
        ruleset, items = checklist_items(registry, actor, point, day)
    except FieldError as error:
        raise _one(error) from None
    try:
        new_id = _store_draft(registry, actor, point.id, day, ruleset, items)
    except DuplicateError:
        # Another draft of the point was stored at the same moment (the
        # database's one-draft-per-point index refused this one): name it.
        with registry.reading() as session:
            draft = _open_draft(session, point.id)
        if draft is None:
            raise
        raise ConflictError(msg.DRAFT_EXISTS, point=point.id, id=draft) from None
    return get_inspection(registry, actor, new_id)


def _open_draft(session, point_id: int) -> int | None:
    return session.scalar(
        select(Inspection.id).where(
            Inspection.point_id == point_id,
            Inspection.state == InspectionState.DRAFT.value,
        )
    )


def _store_draft(registry: Registry, actor: Actor, point_id: int, day, ruleset, items):
    """Store a draft of the point with its checklist; its id. The point's row
    is locked first (PostgreSQL; SQLite's write transaction holds the lock), so
    of two people opening an inspection at once the second sees the first's
    draft and is refused."""
    stamp = now()
    with registry.transaction() as session:
        point = load_row(
            session, PublicPoint, point_id, POINT_NOT_FOUND, for_update=True
        )
        if point.retired_on is not None:  # retired since it was read
            raise ConflictError(
                msg.POINT_RETIRED, id=point.id, retired_on=point.retired_on
            )
        draft = _open_draft(session, point.id)
        if draft is not None:
            raise ConflictError(msg.DRAFT_EXISTS, point=point.id, id=draft)
        inspection = Inspection(
            point_id=point.id,
            inspected_on=day,
            inspector=actor.username,
            ruleset_key=ruleset.key,
            ruleset_version=ruleset.version,
            state=InspectionState.DRAFT.value,
            created_at=stamp,
            updated_at=stamp,
            version=1,
        )
        session.add(inspection)
        session.flush()
        for item in items:
            session.add(InspectionItem(inspection_id=inspection.id, **item))
        record_audit(
            session,
            actor.username,
            "open",
            ENTITY,
            inspection.id,
            after={
                "point_id": point.id,
                "inspected_on": day,
                "ruleset_key": ruleset.key,
                "ruleset_version": ruleset.version,
                "state": inspection.state,
                "prefilled": {i["rule_id"]: i["result"] for i in items if i["result"]},
            },
        )
        return inspection.id


def correct_inspection(
    registry: Registry,
    actor: Actor,
    inspection_id: int,
    *,
    reason: str,
    items: Mapping[str, Mapping[str, Any]] | None = None,
    fields: Mapping[str, Any] | None = None,
    add_violations: Sequence[Mapping[str, Any]] = (),
    withdraw_violations: Sequence[int] = (),
    photos: Sequence[tuple[str, bytes]] = (),
    withdraw_photos: Sequence[int] = (),
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Correct a submitted or reviewed inspection; it goes back to ``submitted``.

    Any of the draft's changes may be made together (checklist results, details,
    violations and photos added or withdrawn); the audit entry keeps what they
    were before, the earlier review, and ``reason``.
    """
    limit = column_limit(AuditEntry.reason)  # the reason goes to the audit entry
    try:
        text = checked_text(
            "reason",
            reason,
            AuditEntry.reason,
            required=True,
            missing=msg.CORRECTION_REASON(max=limit, length=0),
        )
    except FieldError as error:
        raise _one(error) from None
    changes = InspectionChanges(
        items=dict(items or {}),
        fields=dict(fields or {}),
        add_violations=list(add_violations),
        withdraw_violations=list(withdraw_violations),
        photos=checked_photos(photos),
        withdraw_photos=list(withdraw_photos),
        withdraw_reason=text,
    )
    if changes.is_empty():
        raise _one(FieldError("correction", None, msg.CORRECTION_EMPTY))
    return change_inspection(
        registry,
        actor,
        inspection_id,
        changes,
        action="correct",
        expected_version=expected_version,
        correction=text,
    )
