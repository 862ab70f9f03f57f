"""Filing applications: BTS permits (operators) and game-point certificates
(recorded by commune or district staff).

Filing validates the proposed record as the registry's forms do, assigns the
position to the units of both editions, derives the case, takes the delegation
matrix version in force on the filing date (kept for good), runs the rule checks
(:mod:`registry.permits.findings`) and opens the first step with its deadline in
working days (a transfer's first step waits for the receiving operator's
signature). The filing day is the registry's today. Everything is written in one
transaction with its audit entry.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.audit import record_audit, to_json
from registry.kernel.clock import now, today
from registry.kernel.db import Registry
from registry.kernel.errors import (
    FieldError,
    PermissionDeniedError,
    ValidationError,
)
from registry.kernel.models import (
    AuditEntry,
    PermitApplication,
    PermitFinding,
)
from registry.kernel.text import validated_text
from registry.kernel.vocabulary import OPERATORS, Role
from registry.permits import messages as msg
from registry.permits.access import (
    ENTITY,
    SUBJECT,
    holding_units,
    require_record_in_area,
)
from registry.permits.documents import checked_documents, store_documents
from registry.permits.findings import (
    Finding,
    case_finding,
    game_point_findings,
    nearby_sites,
)
from registry.permits.matrix_versions import version_in_force
from registry.permits.proposals import load_existing, proposal_of
from registry.permits.queries import ApplicationView, get_application
from registry.permits.step_runner import first_step_state, start_first_step
from registry.permits.vocabulary import (
    KINDS_ON_EXISTING,
    ApplicationKind,
    ApplicationState,
    Case,
    bts_case,
)
from registry.records import messages as records_msg
from registry.records.writes import Prepared
from registry.units.application_units import store_units

_FILERS = {
    True: (Role.OPERATOR, Role.DEPARTMENT, Role.ADMIN),
    False: (Role.COMMUNE, Role.DISTRICT, Role.DEPARTMENT, Role.ADMIN),
}


def _kind(value: object) -> ApplicationKind:
    try:
        return ApplicationKind(str(value))
    except ValueError:
        kinds = [k.value for k in ApplicationKind]
        raise ValidationError(
            [FieldError("kind", value, msg.KIND, kinds=kinds)]
        ) from None


def _check_filer_role(actor: Actor, kind: ApplicationKind) -> None:
    """Refuse a role that never files this kind: told before any record is read,
    since it depends on nothing stored."""
    if actor.role not in _FILERS[kind.is_bts]:
        raise PermissionDeniedError(
            msg.FILER_ROLE,
            user=actor.username,
            action=f"file {kind.value} applications",
            kind=kind.value,
            role=actor.role.value,
        )
    if kind == ApplicationKind.BTS_TRANSFER and actor.role != Role.OPERATOR:
        raise PermissionDeniedError(
            msg.TRANSFER_FILER,
            user=actor.username,
            action="file a transfer of a site",
            role=actor.role.value,
        )


def _check_filer(actor: Actor, kind: ApplicationKind, network: str | None, units):
    _check_filer_role(actor, kind)
    if actor.role == Role.OPERATOR and network != actor.network_code:
        raise PermissionDeniedError(
            records_msg.ANOTHER_NETWORK,
            user=actor.username,
            action="file applications for another network",
            own=actor.network_code,
            network=network,
        )
    if actor.role in (Role.COMMUNE, Role.DISTRICT):
        perm.require_in_scope(actor, "record an application here", units)


def _findings(
    registry: Registry, kind, prepared: Prepared, derived, site_id, filed_on
) -> list[Finding]:
    typed = prepared.typed
    if kind.is_bts:
        found = [case_finding(derived)]
        if kind not in (ApplicationKind.BTS_DECOMMISSION, ApplicationKind.BTS_TRANSFER):
            found.append(
                nearby_sites(
                    registry,
                    typed["latitude"],
                    typed["longitude"],
                    network_code=typed.get("network_code"),
                    exclude_site=site_id,
                )
            )
        return found
    if kind == ApplicationKind.GAME_NEW:
        commune = prepared.where.units_of(0).get("2025-06", (None, None))[0]
        return game_point_findings(registry, typed, commune, filed_on)
    return []


def _plain(values: dict[str, Any]) -> str:
    return to_json(values) or "{}"


def file_application(
    registry: Registry,
    actor: Actor,
    kind: str,
    *,
    values: dict[str, Any] | None = None,
    site_id: int | None = None,
    point_id: int | None = None,
    protected_zone: bool = False,
    structure_width_m: float | None = None,
    applicant_name: str | None = None,
    documents: Sequence[tuple[str, bytes]] = (),
    note: str | None = None,
) -> ApplicationView:
    """File an application; returns it as the filer now sees it.

    ``values`` are the proposed fields: the whole record for a new site or point
    (without status, permit or certificate: the decision sets them), the changed
    fields for a change or reissue, the new position for a relocation,
    ``{"network_code": receiving operator}`` for a transfer, nothing for
    decommissioning, renewal or revocation. A BTS case is derived from the
    structure, ``structure_width_m`` and the stated ``protected_zone``. The
    filing day is today, from the registry's clock (an administrator corrects it
    with :func:`~registry.permits.corrections.correct_filing_day`). An operator
    files only for the sites its network owns now; a transfer waits for the
    receiving operator's signature before its first step starts.
    """
    kind = _kind(kind)
    perm.require(actor, perm.FILE, SUBJECT)
    _check_filer_role(actor, kind)
    day = today()
    note = validated_text("note", note, AuditEntry.reason)
    values = dict(values or {})
    docs = checked_documents(registry, documents)
    with registry.reading() as session:
        matrix = version_in_force(session, day)
        if kind in KINDS_ON_EXISTING:  # area first: nothing told of others'
            require_record_in_area(
                session,
                actor,
                "site" if kind.is_bts else "point",
                site_id if kind.is_bts else point_id,
            )
        existing = (
            load_existing(session, actor, kind, site_id, point_id)
            if kind in KINDS_ON_EXISTING
            else None
        )
    changes, prepared = proposal_of(registry, kind, values, existing, day)
    typed = prepared.typed
    # The network of a site that exists is the one stored now, never the proposal's.
    network = None
    if kind.is_bts:
        network = (
            existing.network_code if existing is not None else typed.get("network_code")
        )
    # Staff record an application only where their office holds it on that day.
    units = holding_units(day, prepared.where.units_of(0))
    _check_filer(actor, kind, network, units)
    if kind.is_bts:
        derived = bts_case(
            typed["structure_type"],
            typed.get("structure_height_m"),
            typed.get("building_height_m"),
            width_m=structure_width_m,
            protected_zone=bool(protected_zone),
            height_threshold_m=matrix.height_threshold_m,
        )
        case = derived.case
    else:
        derived, case = None, Case.CERTIFICATE
    row = matrix.row(kind.value, case.value)
    findings = _findings(registry, kind, prepared, derived, site_id, day)
    name = validated_text(
        "applicant_name", applicant_name, PermitApplication.applicant_name
    ) or (OPERATORS[network].name if network in OPERATORS else typed.get("owner_name"))
    if not name:
        raise ValidationError(
            [FieldError("applicant_name", applicant_name, msg.APPLICANT_NAME)]
        )
    transfer = kind == ApplicationKind.BTS_TRANSFER
    state = ApplicationState.AWAITING_CONSENT if transfer else first_step_state(row)
    stamp = now()
    with registry.transaction() as session:
        application = PermitApplication(
            kind=kind.value,
            case_key=case.value,
            matrix_id=matrix.id,
            filed_on=day,
            filed_by=actor.username,
            network_code=network,
            receiving_network=changes["network_code"] if transfer else None,
            applicant_name=str(name)[:200],
            site_id=existing.id if kind.is_bts and existing is not None else None,
            point_id=existing.id if not kind.is_bts and existing is not None else None,
            latitude=typed["latitude"],
            longitude=typed["longitude"],
            protected_zone=bool(protected_zone),
            proposal=_plain(
                {**changes, "structure_width_m": structure_width_m}
                if kind.is_bts and structure_width_m is not None
                else changes
            ),
            state=state.value,
            created_at=stamp,
            updated_at=stamp,
            version=1,
        )
        session.add(application)
        session.flush()
        store_units(session, [application.id], prepared.where)
        first = None if transfer else start_first_step(session, application, row, day)
        session.add_all(
            PermitFinding(
                application_id=application.id,
                check_key=f.check,
                severity=str(f.severity),
                message_vi=f.message_vi,
                message_en=f.message_en,
                facts=json.dumps(f.facts, ensure_ascii=False, default=str),
            )
            for f in findings
        )
        stored = store_documents(session, actor.username, application.id, docs)
        record_audit(
            session,
            actor.username,
            "file",
            ENTITY,
            application.id,
            after={
                "kind": kind.value,
                "case": case.value,
                "matrix_id": matrix.id,
                "filed_on": day,
                "first_step": first,
                "receiving_network": application.receiving_network,
                "documents": [d.filename for d in stored],
                "warnings": [f"{w.field}: {w.expected}" for w in prepared.warnings],
            },
            reason=note,
        )
        application_id = application.id
    return get_application(registry, actor, application_id, on=day)
