"""Plain views of applications: summaries for lists and inboxes, the whole view of
one application, and what an actor may do with it now.

Built inside a session by :mod:`registry.permits.queries` and the step use cases.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.audit import audit_trail
from registry.kernel.models import (
    AdminUnit,
    PermitApplication,
    PermitApplicationUnit,
    PermitDocument,
    PermitFinding,
    PermitPause,
    PermitStep,
)
from registry.kernel.vocabulary import Role
from registry.permits.access import ENTITY, SUBJECT, can_act, require_see
from registry.permits.documents import DocumentInfo, document_info, may_add_documents
from registry.permits.findings import Finding, shown_to
from registry.permits.four_eyes import four_eyes_problem, verifiers
from registry.permits.matrix import MatrixRow
from registry.permits.matrix_versions import MatrixVersion, load_version
from registry.permits.vocabulary import OPEN_STATES, ApplicationState, StepKind


@dataclass(frozen=True)
class ApplicationSummary:
    """One line of a list or inbox."""

    id: int
    kind: str
    case: str
    state: str
    filed_on: date
    filed_by: str
    applicant_name: str
    network_code: str | None
    site_id: int | None
    point_id: int | None
    latitude: float
    longitude: float
    commune_code: str | None
    district_code: str | None
    commune_code_new: str | None
    place_name: str
    matrix_id: int
    step_kind: str | None
    step_level: str | None
    due_on: date | None
    paused: bool
    overdue: bool
    permit_number: str | None
    decided_on: date | None


@dataclass(frozen=True)
class StepInfo:
    """One step of the trail."""

    id: int
    kind: str
    level: str
    started_on: date
    days: int
    due_on: date
    paused_since: date | None
    paused_days: int
    finished_on: date | None
    outcome: str | None
    acted_by: str | None
    site_visit_on: date | None
    neighbours_opinion: str | None
    note: str | None
    overdue: bool


@dataclass(frozen=True)
class PauseInfo:
    """An incomplete-documents notice and its completion."""

    id: int
    step_id: int
    paused_on: date
    reasons: str
    paused_by: str
    resumed_on: date | None
    resumed_by: str | None
    completion_note: str | None


@dataclass(frozen=True)
class FindingInfo:
    """A rule check run at filing."""

    check: str
    severity: str
    message_vi: str
    message_en: str
    facts: dict


@dataclass(frozen=True)
class ApplicationView:
    """Everything about one application, as one actor may see and act on it."""

    summary: ApplicationSummary
    proposal: dict
    protected_zone: bool
    conditions: str | None
    refusal_reasons: str | None
    matrix: MatrixVersion
    row: MatrixRow
    steps: list[StepInfo]
    pauses: list[PauseInfo]
    findings: list[FindingInfo]
    documents: list[DocumentInfo]
    audit: list[dict]
    actions: tuple[str, ...]
    # The message code of the four-eyes rule that withholds the running step from
    # this user, who would otherwise take it (the page says why), or None.
    withheld: str | None = None
    receiving_network: str | None = None
    consented_by: str | None = None
    consented_on: date | None = None


@dataclass(frozen=True)
class Inbox:
    """An actor's applications on a day (see the module docstring)."""

    waiting: list[ApplicationSummary]
    overdue: list[ApplicationSummary]
    filed_by_me: list[ApplicationSummary]
    overdue_below: list[ApplicationSummary]


def is_overdue(step: PermitStep, on: date) -> bool:
    return step.finished_on is None and step.paused_since is None and on > step.due_on


def _unit_names(session: Session) -> dict[tuple[str, str], str]:
    rows = session.execute(select(AdminUnit.edition, AdminUnit.code, AdminUnit.name))
    return {(edition, code): name for edition, code, name in rows}


class LoadedApplications:
    """Applications with their units and open steps, loaded in a few queries."""

    def __init__(self, session: Session, applications: list[PermitApplication]):
        ids = [a.id for a in applications]
        self.applications = applications
        self.units: dict[int, dict] = {i: {} for i in ids}
        self.open: dict[int, PermitStep] = {}
        for chunk in range(0, len(ids), 2000):
            part = ids[chunk : chunk + 2000]
            for u in session.scalars(
                select(PermitApplicationUnit).where(
                    PermitApplicationUnit.application_id.in_(part)
                )
            ):
                self.units[u.application_id][u.edition] = (
                    u.commune_code,
                    u.district_code,
                )
            for step in session.scalars(
                select(PermitStep)
                .where(
                    PermitStep.application_id.in_(part),
                    PermitStep.finished_on.is_(None),
                )
                .order_by(PermitStep.id)
            ):
                self.open[step.application_id] = step
        self.names = _unit_names(session)

    def summary(self, application: PermitApplication, on: date) -> ApplicationSummary:
        units = self.units.get(application.id, {})
        commune, district = units.get("2025-06", (None, None))
        commune_new = units.get("2025-07", (None, None))[0]
        step = self.open.get(application.id)
        place = ", ".join(
            name
            for name in (
                self.names.get(("2025-06", commune or "")),
                self.names.get(("2025-06", district or "")),
            )
            if name
        )
        return ApplicationSummary(
            application.id,
            application.kind,
            application.case_key,
            application.state,
            application.filed_on,
            application.filed_by,
            application.applicant_name,
            application.network_code,
            application.site_id,
            application.point_id,
            application.latitude,
            application.longitude,
            commune,
            district,
            commune_new,
            place,
            application.matrix_id,
            step.kind if step else None,
            step.level if step else None,
            step.due_on if step else None,
            bool(step and step.paused_since is not None),
            bool(step and is_overdue(step, on)),
            application.permit_number,
            application.decided_on,
        )


def _step_info(step: PermitStep, on: date) -> StepInfo:
    return StepInfo(
        step.id,
        step.kind,
        step.level,
        step.started_on,
        step.days,
        step.due_on,
        step.paused_since,
        step.paused_days,
        step.finished_on,
        step.outcome,
        step.acted_by,
        step.site_visit_on,
        step.neighbours_opinion,
        step.note,
        is_overdue(step, on),
    )


def _may_sign(actor: Actor, application: PermitApplication) -> bool:
    """A user of the receiving operator, while a transfer waits for it."""
    return (
        application.state == ApplicationState.AWAITING_CONSENT
        and actor.role == Role.OPERATOR
        and actor.network_code is not None
        and actor.network_code == application.receiving_network
        and perm.allowed(actor, perm.FILE, SUBJECT)
    )


def _acting(actor: Actor, step: PermitStep, units: dict) -> bool:
    return can_act(actor, step.level, units) and perm.allowed(
        actor, perm.DECIDE if step.kind == StepKind.DECIDE else perm.VERIFY, SUBJECT
    )


def withheld_step(
    actor: Actor,
    application: PermitApplication,
    units: dict,
    step: PermitStep | None,
    verified_by: set[str],
) -> str | None:
    """The four-eyes rule (its message code) that keeps the actor from the
    running step they could otherwise take, or None."""
    if step is None or step.paused_since is not None:
        return None
    if not _acting(actor, step, units):
        return None
    problem = four_eyes_problem(actor, application, step.kind, verified_by)
    return problem.code if problem else None


def actions_for(
    actor: Actor,
    application: PermitApplication,
    units: dict,
    step: PermitStep | None,
    row: MatrixRow,
    verified_by: set[str] = frozenset(),
    first_step_only: bool = False,
) -> tuple[str, ...]:
    """What the actor may do with the application now (never a step the
    four-eyes rules withhold from them); an administrator corrects the filing day
    while ``first_step_only`` (no step finished, at most one started)."""
    found: list[str] = []
    if _may_sign(actor, application):
        found += ["consent", "decline"]
    if step is not None:
        acting = _acting(actor, step, units)
        withheld = withheld_step(actor, application, units, step, verified_by)
        if step.paused_since is not None:
            applicant = application.filed_by == actor.username or (
                actor.role == Role.OPERATOR
                and application.network_code == actor.network_code
            )
            if acting or applicant:
                found.append("complete")
        elif acting and step.kind == StepKind.VERIFY:
            found += ["incomplete"] if withheld else ["verify", "incomplete"]
        elif acting:
            found += ["incomplete"] if withheld else ["approve", "refuse", "incomplete"]
            if escalation_level(row, step) is not None:
                found.append("escalate")
    if may_add_documents(actor, application, units, step.level if step else None):
        found.append("add_documents")
    if actor.role == Role.ADMIN and first_step_only:
        found.append("correct_filing_day")
    return tuple(found)


def escalation_level(row: MatrixRow, step: PermitStep) -> str | None:
    """Where a decision step may be referred: the matrix's level above the
    decider, once (a referred step is not referred again)."""
    if step.kind != StepKind.DECIDE or row.escalate_level is None:
        return None
    return row.escalate_level if step.level == row.decide_level else None


def build_view(
    session: Session, actor: Actor, application: PermitApplication, on: date
) -> ApplicationView:
    """The view of one application (inside a session; visibility checked)."""
    units = require_see(session, actor, application)
    loaded = LoadedApplications(session, [application])
    steps = session.scalars(
        select(PermitStep)
        .where(PermitStep.application_id == application.id)
        .order_by(PermitStep.id)
    ).all()
    step_ids = [s.id for s in steps]
    pauses = session.scalars(
        select(PermitPause)
        .where(PermitPause.step_id.in_(step_ids))
        .order_by(PermitPause.id)
    ).all()
    findings = session.scalars(
        select(PermitFinding)
        .where(PermitFinding.application_id == application.id)
        .order_by(PermitFinding.id)
    ).all()
    documents = session.scalars(
        select(PermitDocument)
        .where(PermitDocument.application_id == application.id)
        .order_by(PermitDocument.id)
    ).all()
    matrix = load_version(session, application.matrix_id)
    row = matrix.row(application.kind, application.case_key)
    open_step = loaded.open.get(application.id)
    verified_by = verifiers(steps)
    return ApplicationView(
        summary=loaded.summary(application, on),
        proposal=json.loads(application.proposal),
        protected_zone=application.protected_zone,
        conditions=application.conditions,
        refusal_reasons=application.refusal_reasons,
        matrix=matrix,
        row=row,
        steps=[_step_info(s, on) for s in steps],
        pauses=[
            PauseInfo(
                p.id,
                p.step_id,
                p.paused_on,
                p.reasons,
                p.paused_by,
                p.resumed_on,
                p.resumed_by,
                p.completion_note,
            )
            for p in pauses
        ],
        findings=[_finding_info(actor, f) for f in findings],
        documents=[document_info(d) for d in documents],
        audit=audit_trail(session, ENTITY, application.id),
        actions=actions_for(
            actor,
            application,
            units,
            open_step,
            row,
            verified_by,
            first_step_only=application.state in OPEN_STATES
            and len(steps) <= 1
            and all(s.finished_on is None for s in steps),
        ),
        withheld=withheld_step(actor, application, units, open_step, verified_by),
        receiving_network=application.receiving_network,
        consented_by=application.consented_by,
        consented_on=application.consented_on,
    )


def _finding_info(actor: Actor, stored: PermitFinding) -> FindingInfo:
    """A stored finding as the actor may read it (other operators' sites hidden
    from operators, :func:`registry.permits.findings.shown_to`)."""
    finding = shown_to(
        actor,
        Finding(
            stored.check_key,
            stored.severity,
            stored.message_vi,
            stored.message_en,
            json.loads(stored.facts) if stored.facts else {},
        ),
    )
    return FindingInfo(
        finding.check,
        finding.severity,
        finding.message_vi,
        finding.message_en,
        finding.facts,
    )
