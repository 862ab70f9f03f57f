"""Changes to an inspection by the commune staff who record it.

A draft is edited directly (checklist results, details, violations, photos); a
submitted or reviewed inspection only through a correction
(:func:`registry.inspections.service.correct_inspection`), which
:func:`change_inspection` also carries out. Each function checks the permission and the
point's area, writes in one transaction with its audit entry, and returns the inspection
as
:func:`registry.inspections.queries.get_inspection` shows it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.files.uploads import check_each
from registry.inspections import messages as msg
from registry.inspections.access import (
    SUBJECT,
    load_inspection,
    require_inspection_scope,
)
from registry.inspections.changes import InspectionChanges, apply_changes
from registry.inspections.queries import get_inspection
from registry.inspections.values import clean_text
from registry.inspections.vocabulary import (
    CORRECTABLE_STATES,
    InspectionState,
    ItemResult,
    check_photo,
)
from registry.kernel.audit import record_audit
from registry.kernel.clock import now
from registry.kernel.db import Registry
from registry.kernel.errors import (
    ConflictError,
    FieldError,
    Message,
    ValidationError,
)
from registry.kernel.models import Inspection, InspectionItem, Violation
from registry.kernel.versions import check_version

ENTITY = "inspection"
REVIEW_FIELDS = ("state", "review_note", "reviewed_by", "reviewed_at")


def audit_new_version(
    session: Session,
    actor: Actor,
    inspection: Inspection,
    action: str,
    before: dict[str, Any],
    after: dict[str, Any],
    reason: str | None = None,
) -> None:
    """Count a change of the inspection as its next version and audit ``action``
    with what it was ``before`` and is ``after``."""
    inspection.version += 1
    record_audit(
        session,
        actor.username,
        action,
        ENTITY,
        inspection.id,
        before=before,
        after=after,
        reason=reason,
    )


def load_for_change(
    session: Session,
    actor: Actor,
    inspection_id: int,
    doing: str,
    expected_version: int | None,
) -> Inspection:
    """The inspection, locked for the change, inside the actor's area (``doing``
    names the action a refusal speaks of) and still at ``expected_version``
    (else :class:`~registry.kernel.versions.StaleVersionError`, naming who
    changed it and when)."""
    inspection = load_inspection(session, inspection_id, for_update=True)
    require_inspection_scope(session, actor, inspection, doing)
    check_version(session, inspection, expected_version, ENTITY)
    return inspection


def check_state(
    inspection: Inspection, state: InspectionState, refusal: Message
) -> None:
    """Refuse (``refusal``, a conflict) unless the inspection is in ``state``."""
    if inspection.state != state:
        raise ConflictError(refusal, id=inspection.id, state=inspection.state)


def check_submittable(session: Session, inspection: Inspection) -> None:
    """Every checklist item answered; every violation under a failed item."""
    rows = session.scalars(
        select(InspectionItem)
        .where(InspectionItem.inspection_id == inspection.id)
        .order_by(InspectionItem.position)
    ).all()
    items = {row.rule_id: row.result for row in rows}
    positions = {row.rule_id: row.position for row in rows}
    errors = [
        FieldError(
            f"result:{rule_id}", None, msg.UNANSWERED, position=positions[rule_id]
        )
        for rule_id, result in items.items()
        if result is None
    ]
    violations = session.scalars(
        select(Violation).where(
            Violation.inspection_id == inspection.id, Violation.withdrawn_at.is_(None)
        )
    )
    for violation in violations:
        result = items.get(violation.rule_id)
        if result is not None and result != ItemResult.FAIL:
            errors.append(
                FieldError(
                    f"result:{violation.rule_id}",
                    result,
                    msg.VIOLATION_NOT_FAILED,
                    violation=violation.id,
                    position=positions[violation.rule_id],
                    hide_value=True,
                )
            )
    if errors:
        raise ValidationError(errors)


def change_inspection(
    registry: Registry,
    actor: Actor,
    inspection_id: int,
    changes: InspectionChanges,
    *,
    action: str,
    expected_version: int | None = None,
    correction: str | None = None,
) -> dict[str, Any]:
    """Apply changes to a draft, or (with ``correction``, its reason) correct a
    submitted or reviewed inspection."""
    perm.require(actor, perm.UPDATE, SUBJECT)
    with registry.transaction() as session:
        inspection = load_for_change(
            session, actor, inspection_id, "change this inspection", expected_version
        )
        state = InspectionState(inspection.state)
        if correction is None and state != InspectionState.DRAFT:
            raise ConflictError(
                msg.CORRECTION_NEEDED, id=inspection.id, state=state.value
            )
        if correction is not None and state not in CORRECTABLE_STATES:
            raise ConflictError(msg.IS_DRAFT, id=inspection.id)
        review_before = {name: getattr(inspection, name) for name in REVIEW_FIELDS}
        before, after = apply_changes(session, actor.username, inspection, changes)
        if after:  # else nothing differs from what is stored: no new version
            if correction is not None:
                inspection.state = InspectionState.SUBMITTED.value
                inspection.review_note = inspection.reviewed_by = None
                inspection.reviewed_at = None
                session.flush()
                check_submittable(session, inspection)
                before.update(review_before)
                after["state"] = inspection.state
            inspection.updated_at = now()
            why = correction or clean_text(changes.withdraw_reason)
            audit_new_version(session, actor, inspection, action, before, after, why)
    return get_inspection(registry, actor, inspection_id)


def record_items(
    registry: Registry,
    actor: Actor,
    inspection_id: int,
    results: Mapping[str, Mapping[str, Any]],
    *,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Set checklist results of a draft: ``{rule_id: {"result": ..., "note": ...}}``.

    ``result`` is ``pass``, ``fail``, ``not_applicable`` or None (not decided yet).
    A rule that is not in the inspection's checklist is refused.
    """
    return change_inspection(
        registry,
        actor,
        inspection_id,
        InspectionChanges(items=dict(results)),
        action="record_items",
        expected_version=expected_version,
    )


def update_inspection(
    registry: Registry,
    actor: Actor,
    inspection_id: int,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Change a draft's date, follow-up deadline or summary.

    The date may move only within the period of the inspection's rule set.
    """
    return change_inspection(
        registry,
        actor,
        inspection_id,
        InspectionChanges(fields=dict(changes)),
        action="update",
        expected_version=expected_version,
    )


def add_violation(
    registry: Registry,
    actor: Actor,
    inspection_id: int,
    *,
    rule_id: str,
    description: str,
    proposed_fine_vnd: int | str | None = None,
) -> dict[str, Any]:
    """Record a violation of a checklist rule in a draft, with the fine proposed."""
    violation = {
        "rule_id": rule_id,
        "description": description,
        "proposed_fine_vnd": proposed_fine_vnd,
    }
    return change_inspection(
        registry,
        actor,
        inspection_id,
        InspectionChanges(add_violations=[violation]),
        action="add_violation",
    )


def withdraw_violation(
    registry: Registry,
    actor: Actor,
    inspection_id: int,
    violation_id: int,
    *,
    reason: str,
) -> dict[str, Any]:
    """Withdraw a violation recorded by mistake in a draft (it is kept, marked)."""
    return change_inspection(
        registry,
        actor,
        inspection_id,
        InspectionChanges(withdraw_violations=[violation_id], withdraw_reason=reason),
        action="withdraw_violation",
    )


def checked_photos(files: Sequence[tuple[str, bytes]]) -> list:
    """Every photo checked; all are refused together, each named."""
    return check_each(files, check_photo)


def attach_photos(
    registry: Registry,
    actor: Actor,
    inspection_id: int,
    files: Sequence[tuple[str, bytes]],
) -> dict[str, Any]:
    """Store photos (name, bytes) with a draft: all of them or, if one is refused,
    none. Images only (JPEG, PNG, GIF, WebP, told by their bytes), at most
    :data:`registry.inspections.vocabulary.MAX_PHOTO_BYTES` each."""
    if not files:
        raise ValidationError([FieldError("photo", None, msg.PHOTO_REQUIRED)])
    return change_inspection(
        registry,
        actor,
        inspection_id,
        InspectionChanges(photos=checked_photos(files)),
        action="attach_photo",
    )


def attach_photo(
    registry: Registry, actor: Actor, inspection_id: int, filename: str, data: bytes
) -> dict[str, Any]:
    """Store one photo with a draft (see :func:`attach_photos`)."""
    return attach_photos(registry, actor, inspection_id, [(filename, data)])


def withdraw_photo(
    registry: Registry, actor: Actor, inspection_id: int, photo_id: int, *, reason: str
) -> dict[str, Any]:
    """Withdraw a photo attached by mistake to a draft (kept, marked withdrawn)."""
    return change_inspection(
        registry,
        actor,
        inspection_id,
        InspectionChanges(withdraw_photos=[photo_id], withdraw_reason=reason),
        action="withdraw_photo",
    )
