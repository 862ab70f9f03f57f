"""Refusals of inspections and what their fields expect (codes and English templates).

The interface translates each code (``ui/refusals/inspections.py``); the English is
what the command line and the tests read. Rule sets are named in the context by
their keys (the interface shows their titles), states and results by their values.
A field of one checklist item is named ``result:<rule id>`` or ``note:<rule id>``
and carries the item's ``position``; ``hide_value`` marks a value that is not what
the person typed (a rule id, a stored result) or that the label already shows (a
photo's file name).
"""

from __future__ import annotations

from registry.kernel.errors import Message

# -- not found -----------------------------------------------------------------
INSPECTION_NOT_FOUND = Message(
    "inspections.not_found", "Inspection {key!r} does not exist"
)
PHOTO_NOT_FOUND = Message("inspections.photo_not_found", "Photo {key!r} does not exist")

# -- one value -------------------------------------------------------------------
DATE_REQUIRED = Message("inspections.date_required", "a date (required)")
DATE = Message("inspections.date", "a date like 2026-03-31 (year-month-day)")
FUTURE = Message(
    "inspections.future",
    "a date not after today ({today}): an inspection is recorded after it took place",
)
FINE = Message("inspections.fine", "a whole number of đồng from 0 to {max:,}")
RESULT = Message("inspections.result", "one of {results}")
OUTCOME = Message("inspections.outcome", "one of {outcomes}")
UNKNOWN_DETAIL = Message(
    "inspections.unknown_detail", "a field of an inspection: {fields}"
)
DESCRIPTION_REQUIRED = Message(
    "inspections.description_required", "what was found (required)"
)
REVIEW_NOTE = Message(
    "inspections.review_note",
    "what is wrong (required when the inspection has issues or is rejected)",
)
WITHDRAW_REASON = Message(
    "inspections.withdraw_reason", "why it is withdrawn (required)"
)
CORRECTION_REASON = Message(
    "inspections.correction_reason",
    "why the inspection is corrected (required, at most {max} characters)",
)
CORRECTION_EMPTY = Message(
    "inspections.correction_empty",
    "at least one change: a result, a detail, a violation or a photo",
)

# -- photos ----------------------------------------------------------------------
PHOTO_BYTES = Message("inspections.photo_bytes", "the bytes of a {kinds} image")
PHOTO_EMPTY = Message("inspections.photo_empty", "a {kinds} image (the file is empty)")
PHOTO_SIZE = Message(
    "inspections.photo_size",
    "an image of at most {limit_mb:.1f} MB (this file has {size_mb:.1f} MB)",
)
PHOTO_TYPE = Message(
    "inspections.photo_type",
    "a {kinds} image (the file's content is not an image, whatever its name says)",
)
PHOTO_REQUIRED = Message("inspections.photo_required", "at least one image file")
TOO_MANY_PHOTOS = Message(
    "inspections.too_many_photos",
    "at most {max} photos per inspection (it has {count})",
)

# -- rule sets and the checklist -------------------------------------------------
NO_RULESET = Message(
    "inspections.no_ruleset", "a date covered by a rule set ({covered})"
)
RULESET_MISMATCH = Message(
    "inspections.ruleset_mismatch",
    "rule set mismatch on {day}: {found} evaluated, {in_force} in force",
)
OTHER_RULESET = Message(
    "inspections.other_ruleset",
    "a date when rule set {ruleset} was in force (on that day it is {other}); open a "
    "new inspection instead",
)
UNKNOWN_RULE = Message(
    "inspections.unknown_rule",
    "a rule of the checklist of inspection #{id}, made under rule set {ruleset}: "
    "{rules}",
)
DEADLINE_ORDER = Message(
    "inspections.deadline_order", "a date on or after the inspection date ({day})"
)
UNANSWERED = Message(
    "inspections.unanswered",
    "a result (pass, fail or not_applicable): every item needs one before the "
    "inspection is submitted",
)
VIOLATION_NOT_FAILED = Message(
    "inspections.violation_not_failed",
    "fail, since violation #{violation} is recorded under this rule",
)
NOT_WITHDRAWN = Message(
    "inspections.not_withdrawn",
    "the id of a {what} of inspection #{id} not yet withdrawn ({active})",
)
NOTHING_TO_WITHDRAW = Message(
    "inspections.nothing_to_withdraw",
    "the id of a {what} of inspection #{id} not yet withdrawn (none)",
)

# -- the workflow ------------------------------------------------------------------
STALE_VERSION = Message(
    "inspections.stale_version",
    "inspection #{id} was changed by someone else (version {version}, you edited "
    "version {expected}); reload it",
)
CORRECTION_NEEDED = Message(
    "inspections.correction_needed",
    "inspection #{id} is {state}; a submitted or reviewed inspection is changed by a "
    "correction, with its reason",
)
IS_DRAFT = Message(
    "inspections.is_draft",
    "inspection #{id} is a draft; change it directly (corrections are for submitted "
    "or reviewed inspections)",
)
SUBMIT_NOT_DRAFT = Message(
    "inspections.submit_not_draft",
    "inspection #{id} is {state}; only a draft can be submitted",
)
REVIEW_NOT_SUBMITTED = Message(
    "inspections.review_not_submitted",
    "inspection #{id} is {state}; only a submitted inspection can be reviewed",
)
OWN_INSPECTION = Message(
    "inspections.own_inspection",
    "inspection #{id} was recorded by {user}; someone else reviews it",
)
POINT_RETIRED = Message(
    "inspections.point_retired",
    "point #{id} was retired on {retired_on}; retired points are not inspected",
)
DRAFT_EXISTS = Message(
    "inspections.draft_exists",
    "point #{point} already has a draft inspection #{id}; continue that one",
)
AREA_NOT_THEIRS = Message("inspections.area_not_theirs", "{level} {code} is not theirs")
