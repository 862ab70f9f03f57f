"""Refusals of permit applications and of the delegation matrix (codes and English
templates).

The interface translates each code (``ui/refusals/permits.py``); the English is what
the command line shows. Refusals that mean the same as another package's reuse its
message (a missing site or point, another operator's network).
"""

from __future__ import annotations

from registry.kernel.errors import Message

_DOCUMENT_KINDS = "PDF, JPEG or PNG"

# -- who may see and act -------------------------------------------------------
APPLICATION_NOT_FOUND = Message(
    "permits.application_not_found", "application {key!r} does not exist"
)
NOT_THEIR_NETWORK = Message(
    "permits.not_their_network", "application #{id} is not of their network {own}"
)
OUTSIDE_AREA = Message(
    "permits.outside_area",
    "{what} lies outside their {area_level} {area_code} ({edition})",
)
STEP_OF_LEVEL = Message(
    "permits.step_of_level",
    "the delegation matrix gives this step to the {level} level ({level_vi}), and "
    "their role is {role!r}",
)
COMPLETION_BY = Message(
    "permits.completion_by",
    "only its applicant or the staff of the step's level ({level}) in its area may",
)
FILER_ROLE = Message(
    "permits.filer_role",
    "BTS applications are filed by operators, game-point applications recorded by "
    "commune or district staff",
)

# -- filing --------------------------------------------------------------------
KIND = Message("permits.kind", "{kinds}")
FILED_NOT_FUTURE = Message(
    "permits.filed_not_future", "a date not after today ({today})"
)
APPLICANT_NAME = Message("permits.applicant_name", "a name")
SITE_NEEDED = Message("permits.site_needed", "the site it concerns")
POINT_NEEDED = Message("permits.point_needed", "the game point")
GAME_POINT = Message("permits.game_point", "a game-service point")
SET_BY_DECISION = Message("permits.set_by_decision", "a value set by the decision")
RELOCATION_FIELDS = Message(
    "permits.relocation_fields", "only position fields (relocation)"
)
SAME_POSITION = Message("permits.same_position", "the same position (use relocation)")
NO_CHANGES_FOR_KIND = Message(
    "permits.no_changes_for_kind", "no changes for this kind of application"
)
NEW_POSITION = Message("permits.new_position", "the new position")
ONE_CHANGE = Message("permits.one_change", "at least one change")
RECORD_RETIRED = Message(
    "permits.record_retired", "record #{id} was retired on {retired_on}"
)
OPEN_APPLICATION = Message(
    "permits.open_application",
    "record #{id} already has open application #{application}; it is decided first",
)
DECOMMISSIONED = Message(
    "permits.decommissioned",
    "record #{id} cannot take a {kind} application: it is decommissioned",
)
NOT_IN_USE = Message(
    "permits.not_in_use",
    "record #{id} cannot take a {kind} application: it is {status}: only a "
    "certificate in use is revoked",
)
NO_CERTIFICATE = Message(
    "permits.no_certificate",
    "record #{id} cannot take a {kind} application: it holds no certificate in force",
)

# -- documents -----------------------------------------------------------------
DOCUMENT_BYTES = Message(
    "permits.document_bytes", f"the bytes of a {_DOCUMENT_KINDS} file"
)
DOCUMENT_EMPTY = Message(
    "permits.document_empty", f"a {_DOCUMENT_KINDS} file (it is empty)"
)
DOCUMENT_SIZE = Message(
    "permits.document_size", "a file of at most {limit} (this one has {size})"
)
DOCUMENT_TYPE = Message(
    "permits.document_type",
    f"a {_DOCUMENT_KINDS} file (its content is none of them, whatever its name says)",
)
ONE_DOCUMENT = Message("permits.one_document", "at least one file")
DOCUMENTS_CLOSED = Message(
    "permits.documents_closed",
    "application #{id} is {state}: documents are added by its applicant or the "
    "staff handling it while it is open",
)
DOCUMENT_NOT_FOUND = Message(
    "permits.document_not_found", "document {key!r} does not exist"
)

# -- steps ---------------------------------------------------------------------
STEP_DAY = Message("permits.step_day", "a date from {earliest} to today ({today})")
SITE_VISIT_DAY = Message("permits.site_visit_day", "a date from {start} to {end}")
MISSING_WHAT = Message("permits.missing_what", "what is missing")
PERMIT_NUMBER = Message("permits.permit_number", "the permit or certificate number")
REFUSAL_REASONS = Message("permits.refusal_reasons", "why it is refused")
REFERRAL_REASON = Message("permits.referral_reason", "why it is referred up")
NOTHING_LEFT = Message(
    "permits.nothing_left", "application #{id} is {state}: nothing is left to do"
)
OTHER_STEP = Message(
    "permits.other_step",
    "application #{id} awaits a {step} step at the {level} level, not a {wanted}",
)
NOT_PAUSED = Message("permits.not_paused", "application #{id} awaits no completion")
PAUSED = Message(
    "permits.paused",
    "application #{id} waits for the missing documents (record completion first)",
)
APPLICATION_CHANGED = Message(
    "permits.application_changed",
    "application #{id} changed while it was being approved; open it again",
)
RECORD_CHANGED = Message(
    "permits.record_changed",
    "record #{id} changed while the approval was prepared; try again",
)
NO_ESCALATION = Message(
    "permits.no_escalation",
    "application #{id}: the delegation matrix names no level above {level} for "
    "{kind}/{case}",
)

# -- the delegation matrix -----------------------------------------------------
LEVEL_REQUIRED = Message(
    "permits.level_required", "a level (commune, district, department)"
)
LEVEL = Message("permits.level", "commune, district or department")
STEP_DAYS = Message("permits.step_days", "working days from 1 to {max}")
MATRIX_KIND = Message("permits.matrix_kind", "an application kind")
MATRIX_CASE = Message("permits.matrix_case", "a case")
NOT_ABOVE_DECIDER = Message(
    "permits.not_above_decider", "a level not above the decider ({decider})"
)
ABOVE_DECIDER = Message(
    "permits.above_decider", "a level above the decider ({decider})"
)
CASE_OF_KIND = Message("permits.case_of_kind", "a case of {row_kind}")
ONE_ROW = Message("permits.one_row", "one row")
A_ROW = Message("permits.a_row", "a row")
HEIGHT_THRESHOLD = Message("permits.height_threshold", "metres above 0, at most 300")
PRESET_ROW_KEYS = Message("permits.preset_row_keys", "known keys")
PRESET_KEYS = Message("permits.preset_keys", "the keys of a preset")
PRESET_NOT_FOUND = Message(
    "permits.preset_not_found", "delegation preset {key!r} does not exist"
)
MATRIX_ROW_NOT_FOUND = Message(
    "permits.matrix_row_not_found",
    "matrix row of version {version} {key!r} does not exist",
)
MATRIX_VERSION_NOT_FOUND = Message(
    "permits.matrix_version_not_found",
    "delegation matrix version {key!r} does not exist",
)
NO_MATRIX_IN_FORCE = Message(
    "permits.no_matrix_in_force", "delegation matrix in force on {key!r} does not exist"
)
MATRIX_REASON = Message("permits.matrix_reason", "why the matrix changes")
FIRST_DAY = Message("permits.first_day", "the first day the version applies")

# -- the report ----------------------------------------------------------------
PERIOD_END = Message("permits.period_end", "a date on or after the start ({start})")
REPORT_DISTRICTS = Message("permits.report_districts", "codes of {edition} districts")
