"""A site passes to another operator only by a transfer application that both
operators sign: the current owner files it naming the receiving operator
(:func:`~registry.permits.filing.file_application`, kind ``bts_transfer``); a
user of the receiving operator signs it here (or declines it). Only once signed
does its first step start, from the day of the signature, at the levels of the
matrix version it was filed under; approval moves the site to the receiving
network (:mod:`registry.permits.effects`). Both operators see the application;
other operators do not.
"""

from __future__ import annotations

from sqlalchemy import select

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.audit import record_audit
from registry.kernel.clock import now, today
from registry.kernel.db import Registry
from registry.kernel.errors import ConflictError, PermissionDeniedError
from registry.kernel.models import AuditEntry, BtsSite
from registry.kernel.vocabulary import Role
from registry.permits import messages as msg
from registry.permits.access import ENTITY, SUBJECT, load_application, require_see
from registry.permits.matrix_versions import load_version
from registry.permits.ownership import require_still_owned
from registry.permits.step_runner import clean_text, start_first_step
from registry.permits.views import ApplicationView, build_view
from registry.permits.vocabulary import ApplicationKind, ApplicationState


def _load_to_sign(session, actor: Actor, application_id: int, doing: str):
    """The transfer, locked, checked: visible, waiting, the actor of the receiver."""
    perm.require(actor, perm.FILE, SUBJECT)
    application = load_application(session, application_id, for_update=True)
    require_see(session, actor, application)
    if (
        application.kind != ApplicationKind.BTS_TRANSFER
        or application.state != ApplicationState.AWAITING_CONSENT
    ):
        raise ConflictError(msg.NO_CONSENT_AWAITED, id=application.id)
    if actor.role != Role.OPERATOR or actor.network_code != (
        application.receiving_network
    ):
        raise PermissionDeniedError(
            msg.CONSENT_BY,
            user=actor.username,
            action=f"{doing} the transfer of application #{application.id}",
            id=application.id,
            network=application.receiving_network,
        )
    site = session.scalar(
        select(BtsSite).where(BtsSite.id == application.site_id).with_for_update()
    )
    require_still_owned(site, application)
    return application


def consent_to_transfer(
    registry: Registry, actor: Actor, application_id: int, *, note: str | None = None
) -> ApplicationView:
    """The receiving operator signs the transfer: its first step starts today."""
    remark = clean_text("note", note, AuditEntry.reason, required=False)
    with registry.transaction() as session:
        application = _load_to_sign(session, actor, application_id, "sign")
        day = today()
        row = load_version(session, application.matrix_id).row(
            application.kind, application.case_key
        )
        first = start_first_step(session, application, row, day)
        application.consented_by = actor.username
        application.consented_on = day
        application.updated_at = now()
        application.version += 1
        session.flush()
        record_audit(
            session,
            actor.username,
            "consent",
            ENTITY,
            application.id,
            before={"state": ApplicationState.AWAITING_CONSENT.value},
            after={
                "state": application.state,
                "consented_on": day,
                "network": actor.network_code,
                "first_step": first,
            },
            reason=remark,
        )
        return build_view(session, actor, application, day)


def decline_transfer(
    registry: Registry, actor: Actor, application_id: int, *, reasons: str
) -> ApplicationView:
    """The receiving operator declines: the application ends refused, with why."""
    why = clean_text(
        "reasons", reasons, AuditEntry.reason, required=True, what=msg.REFUSAL_REASONS
    )
    with registry.transaction() as session:
        application = _load_to_sign(session, actor, application_id, "decline")
        day = today()
        application.state = ApplicationState.REFUSED.value
        application.decided_on = day
        application.refusal_reasons = why
        application.updated_at = now()
        application.version += 1
        session.flush()
        record_audit(
            session,
            actor.username,
            "decline_transfer",
            ENTITY,
            application.id,
            before={"state": ApplicationState.AWAITING_CONSENT.value},
            after={"state": application.state, "on": day},
            reason=why,
        )
        return build_view(session, actor, application, day)
