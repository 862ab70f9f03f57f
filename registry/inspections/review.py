"""Moving an inspection on: the commune submits a complete draft, the district of
the point (or the department) reviews it. One transaction and one audit entry each.
"""

from __future__ import annotations

from typing import Any

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.inspections import messages as msg
from registry.inspections.access import (
    SUBJECT,
)
from registry.inspections.edits import (
    REVIEW_FIELDS,
    audit_new_version,
    check_state,
    check_submittable,
    load_for_change,
)
from registry.inspections.queries import get_inspection
from registry.inspections.values import clean_text
from registry.inspections.vocabulary import REVIEW_OUTCOMES, InspectionState
from registry.kernel.clock import now
from registry.kernel.db import Registry
from registry.kernel.errors import ConflictError, FieldError, ValidationError
from registry.kernel.models import Inspection
from registry.kernel.text import checked_text


def submit_inspection(
    registry: Registry,
    actor: Actor,
    inspection_id: int,
    *,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Send a complete draft to the district for review."""
    perm.require(actor, perm.SUBMIT, SUBJECT)
    with registry.transaction() as session:
        inspection = load_for_change(
            session, actor, inspection_id, "submit this inspection", expected_version
        )
        check_state(inspection, InspectionState.DRAFT, msg.SUBMIT_NOT_DRAFT)
        check_submittable(session, inspection)
        inspection.state = InspectionState.SUBMITTED.value
        inspection.submitted_at = inspection.updated_at = now()
        before = {"state": InspectionState.DRAFT.value}
        after = {"state": inspection.state}
        audit_new_version(session, actor, inspection, "submit", before, after)
    return get_inspection(registry, actor, inspection_id)


def _review_note(outcome: str, note: object) -> str | None:
    errors = []
    if outcome not in {o.value for o in REVIEW_OUTCOMES}:
        errors.append(
            FieldError(
                "outcome",
                outcome,
                msg.OUTCOME,
                outcomes=[o.value for o in REVIEW_OUTCOMES],
            )
        )
    text = None
    try:
        text = checked_text("review_note", note, Inspection.review_note)
    except FieldError as error:
        errors.append(error)
    if outcome != InspectionState.APPROVED and clean_text(note) is None:
        errors.append(FieldError("review_note", None, msg.REVIEW_NOTE))
    if errors:
        raise ValidationError(errors)
    return text


def review_inspection(
    registry: Registry,
    actor: Actor,
    inspection_id: int,
    outcome: str,
    *,
    note: str | None = None,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """The district's decision on a submitted inspection.

    ``outcome`` is ``approved``, ``has_issues`` or ``rejected``; the last two need
    a note saying what is wrong. Nobody reviews an inspection they recorded.
    """
    perm.require(actor, perm.REVIEW, SUBJECT)
    text = _review_note(outcome, note)
    with registry.transaction() as session:
        inspection = load_for_change(
            session, actor, inspection_id, "review this inspection", expected_version
        )
        check_state(inspection, InspectionState.SUBMITTED, msg.REVIEW_NOT_SUBMITTED)
        if inspection.inspector == actor.username:
            raise ConflictError(
                msg.OWN_INSPECTION, id=inspection.id, user=actor.username
            )
        before = {name: getattr(inspection, name) for name in REVIEW_FIELDS}
        inspection.state = outcome
        inspection.review_note = text
        inspection.reviewed_by = actor.username
        inspection.reviewed_at = inspection.updated_at = now()
        after = {name: getattr(inspection, name) for name in REVIEW_FIELDS}
        audit_new_version(session, actor, inspection, "review", before, after, text)
    return get_inspection(registry, actor, inspection_id)
