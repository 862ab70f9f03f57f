"""Changes to an inspection: checklist results, details, violations, photos.

Shared by the edits of a draft and by the correction of a submitted or reviewed
inspection. Every change is checked first (all problems reported together, nothing
written), then applied in the caller's transaction and described as before/after
for the audit entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.files.uploads import stored_filename
from registry.inspections import messages as msg
from registry.inspections.checklist import ruleset_key_on
from registry.inspections.values import (
    as_date,
    check_inspection_date,
    clean_text,
    fine_value,
)
from registry.inspections.vocabulary import (
    MAX_PHOTOS_PER_INSPECTION,
    ItemResult,
    PhotoFile,
    photo_stem,
)
from registry.kernel.clock import now
from registry.kernel.errors import FieldError, ValidationError
from registry.kernel.models import Inspection, InspectionItem, Photo, Violation
from registry.kernel.text import checked_text

DETAIL_FIELDS = ("inspected_on", "follow_up_deadline", "summary")
_RESULTS = [r.value for r in ItemResult]


@dataclass(frozen=True)
class InspectionChanges:
    """What to change; empty parts change nothing.

    ``items`` maps a rule id to ``{"result": ..., "note": ...}`` (either key may be
    left out); ``fields`` holds any of :data:`DETAIL_FIELDS`; an added violation is
    ``{"rule_id", "description", "proposed_fine_vnd"}``; withdrawals name ids and
    need ``withdraw_reason``.
    """

    items: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    fields: Mapping[str, Any] = field(default_factory=dict)
    add_violations: Sequence[Mapping[str, Any]] = ()
    withdraw_violations: Sequence[int] = ()
    photos: Sequence[PhotoFile] = ()
    withdraw_photos: Sequence[int] = ()
    withdraw_reason: str | None = None

    def is_empty(self) -> bool:
        """True when nothing would change."""
        return not (
            self.items
            or self.fields
            or self.add_violations
            or self.withdraw_violations
            or self.photos
            or self.withdraw_photos
        )


def _items_by_rule(session: Session, inspection: Inspection) -> dict:
    rows = session.scalars(
        select(InspectionItem)
        .where(InspectionItem.inspection_id == inspection.id)
        .order_by(InspectionItem.position)
    )
    return {row.rule_id: row for row in rows}


def _unknown_rule(
    inspection: Inspection, rule_id: object, known, row: int | None = None
) -> FieldError:
    return FieldError(
        "rule_id",
        rule_id,
        msg.UNKNOWN_RULE,
        row,
        id=inspection.id,
        ruleset=inspection.ruleset_key,
        rules=list(known),
        hide_value=True,
    )


def _text(
    errors: list, field: str, value: object, column, row: int | None = None, **context
) -> str | None:
    """The checked text of a field (:func:`registry.kernel.text.checked_text`),
    or None with its refusal added to ``errors`` (with the row and context)."""
    try:
        return checked_text(field, value, column)
    except FieldError as error:
        errors.append(
            FieldError(
                field, error.value, error.message, row, **error.context, **context
            )
        )
        return None


def _check_items(inspection, items, changes, errors) -> None:
    for rule_id, change in changes.items.items():
        if rule_id not in items:
            errors.append(_unknown_rule(inspection, rule_id, items))
            continue
        position = items[rule_id].position
        result = change.get("result")
        if "result" in change and result is not None and result not in _RESULTS:
            errors.append(
                FieldError(
                    f"result:{rule_id}",
                    result,
                    msg.RESULT,
                    results=_RESULTS,
                    position=position,
                    hide_value=True,
                )
            )
        _text(
            errors,
            f"note:{rule_id}",
            change.get("note"),
            InspectionItem.note,
            position=position,
        )


def _check_fields(inspection, changes, errors) -> dict[str, Any]:
    typed: dict[str, Any] = {}
    for name, value in changes.fields.items():
        try:
            if name == "inspected_on":
                typed[name] = check_inspection_date(value)
                key = ruleset_key_on(typed[name])
                if key != inspection.ruleset_key:
                    raise FieldError(
                        name,
                        typed[name],
                        msg.OTHER_RULESET,
                        ruleset=inspection.ruleset_key,
                        other=key,
                    )
            elif name == "follow_up_deadline":
                typed[name] = as_date(name, value, required=False)
            elif name == "summary":
                typed[name] = checked_text(name, value, Inspection.summary)
            else:
                raise FieldError(
                    name, value, msg.UNKNOWN_DETAIL, fields=list(DETAIL_FIELDS)
                )
        except FieldError as error:
            errors.append(error)
    deadline = typed.get("follow_up_deadline", inspection.follow_up_deadline)
    day = typed.get("inspected_on", inspection.inspected_on)
    if deadline is not None and day is not None and deadline < day:
        errors.append(
            FieldError("follow_up_deadline", deadline, msg.DEADLINE_ORDER, day=day)
        )
    return typed


def _check_violations(inspection, items, changes, errors) -> list[dict]:
    typed = []
    many = len(changes.add_violations) > 1
    for index, values in enumerate(changes.add_violations, start=1):
        row = index if many else None
        rule_id = values.get("rule_id")
        if rule_id not in items:
            errors.append(_unknown_rule(inspection, rule_id, items, row))
        raw = values.get("description")
        description = _text(errors, "description", raw, Violation.description, row)
        if clean_text(raw) is None:
            errors.append(
                FieldError("description", None, msg.DESCRIPTION_REQUIRED, row)
            )
        try:
            fine = fine_value(values.get("proposed_fine_vnd"))
        except FieldError as error:
            errors.append(
                FieldError(
                    error.field, error.value, error.message, row, **error.context
                )
            )
            fine = None
        typed.append(
            {"rule_id": rule_id, "description": description, "proposed_fine_vnd": fine}
        )
    return typed


def _active(session: Session, model, inspection: Inspection) -> dict:
    rows = session.scalars(
        select(model).where(
            model.inspection_id == inspection.id, model.withdrawn_at.is_(None)
        )
    )
    return {row.id: row for row in rows}


def _check_withdrawals(inspection, what, wanted, active, errors) -> None:
    for wanted_id in wanted:
        if wanted_id not in active:
            message = msg.NOT_WITHDRAWN if active else msg.NOTHING_TO_WITHDRAW
            errors.append(
                FieldError(
                    what,
                    wanted_id,
                    message,
                    what=what,
                    id=inspection.id,
                    active=list(active),
                )
            )


def _check_reason(changes: InspectionChanges, errors) -> None:
    if not (changes.withdraw_violations or changes.withdraw_photos):
        return
    if clean_text(changes.withdraw_reason) is None:
        errors.append(FieldError("reason", None, msg.WITHDRAW_REASON))
    else:
        _text(errors, "reason", changes.withdraw_reason, Violation.withdrawn_reason)


def apply_changes(
    session: Session, actor_name: str, inspection: Inspection, changes
) -> tuple[dict, dict]:
    """Check every change, then apply them; returns (before, after) for the audit.

    Raises :class:`ValidationError` with every problem found, before writing.
    """
    errors: list[FieldError] = []
    items = _items_by_rule(session, inspection)
    _check_items(inspection, items, changes, errors)
    fields = _check_fields(inspection, changes, errors)
    violations = _check_violations(inspection, items, changes, errors)
    active_violations = _active(session, Violation, inspection)
    active_photos = _active(session, Photo, inspection)
    _check_withdrawals(
        inspection, "violation", changes.withdraw_violations, active_violations, errors
    )
    _check_withdrawals(
        inspection, "photo", changes.withdraw_photos, active_photos, errors
    )
    _check_reason(changes, errors)
    kept = len(active_photos) - len(set(changes.withdraw_photos))
    if kept + len(changes.photos) > MAX_PHOTOS_PER_INSPECTION:
        names = ", ".join(p.filename for p in changes.photos)
        errors.append(
            FieldError(
                "photo",
                names,
                msg.TOO_MANY_PHOTOS,
                max=MAX_PHOTOS_PER_INSPECTION,
                count=kept,
                filename=names,
                hide_value=True,
            )
        )
    if errors:
        raise ValidationError(errors)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    _apply_items(items, changes, before, after)
    for name, value in fields.items():
        if getattr(inspection, name) != value:
            before[name] = getattr(inspection, name)
            after[name] = value
            setattr(inspection, name, value)
    stamp = now()
    reason = clean_text(changes.withdraw_reason)
    for values in violations:
        violation = Violation(
            inspection_id=inspection.id,
            recorded_by=actor_name,
            recorded_at=stamp,
            **values,
        )
        session.add(violation)
        after.setdefault("violations_added", []).append(values)
    held = session.scalar(
        select(func.count())
        .select_from(Photo)
        .where(Photo.inspection_id == inspection.id)
    )
    for number, photo in enumerate(changes.photos, start=held + 1):
        # The product names the stored photo; the uploader's name is not kept.
        name = stored_filename(photo_stem(inspection.id), number, photo.content_type)
        session.add(
            Photo(
                inspection_id=inspection.id,
                filename=name,
                content_type=photo.content_type,
                size=photo.size,
                sha256=photo.sha256,
                data=photo.data,
                uploaded_by=actor_name,
                uploaded_at=stamp,
            )
        )
        after.setdefault("photos_added", []).append(
            {"filename": name, "size": photo.size, "sha256": photo.sha256}
        )
    for key, wanted, active in (
        ("violations_withdrawn", changes.withdraw_violations, active_violations),
        ("photos_withdrawn", changes.withdraw_photos, active_photos),
    ):
        for wanted_id in sorted(set(wanted)):
            row = active[wanted_id]
            row.withdrawn_at, row.withdrawn_by = stamp, actor_name
            row.withdrawn_reason = reason
            after.setdefault(key, []).append(wanted_id)
    return before, after


def _apply_items(items: dict, changes, before: dict, after: dict) -> None:
    for rule_id, change in changes.items.items():
        row = items[rule_id]
        old = {"result": row.result, "note": row.note}
        new = dict(old)
        if "result" in change:
            result = change["result"]
            new["result"] = None if result is None else ItemResult(result).value
        if "note" in change:
            new["note"] = clean_text(change["note"])
        if new != old:
            row.result, row.note = new["result"], new["note"]
            before.setdefault("items", {})[rule_id] = old
            after.setdefault("items", {})[rule_id] = new
