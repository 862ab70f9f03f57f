"""What approving each kind of application writes to the registry.

- BTS: new site (status licensed, permit number and date), changed fields,
  relocation (new position, units reassigned), decommissioning (status
  decommissioned from the decision date, kept in the dated history), transfer
  (the receiving operator's network, its site code free there).
  Whatever the kind, the site must still belong to the network that filed the
  application (:mod:`registry.permits.ownership`), and only a transfer changes
  its network.
- Game points: new point (operating, certificate number, issuer, issue date,
  expiry 3 years on), renewal (new number, expiry 3 years after the later of the old
  expiry and the decision), reissue (new number, same expiry, changed fields),
  revocation (status revoked).
The values are validated before the approval's transaction opens
(:func:`prepare_approval`) and written inside it (:func:`apply_approval`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.access.permissions import Actor
from registry.kernel.clock import today
from registry.kernel.db import Registry
from registry.kernel.errors import ConflictError, FieldError, ValidationError
from registry.kernel.models import AdminUnit, BtsSite, PermitApplication, PublicPoint
from registry.kernel.vocabulary import PointStatus, SiteStatus
from registry.permits import messages as msg
from registry.permits.access import load_application, require_see
from registry.permits.ownership import require_still_owned
from registry.permits.vocabulary import CERTIFICATE_YEARS, ApplicationKind, permit_label
from registry.records.writes import (
    Prepared,
    append_status,
    apply_changes,
    check_site_code_free,
    current_values,
    insert_record,
    prepare,
)
from registry.units.offices import department_name


@dataclass(frozen=True)
class PreparedApproval:
    """Values checked before the approval's transaction."""

    application_version: int
    record_version: int | None
    prepared: Prepared | None


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def issuer(session: Session, actor: Actor, day: date) -> str:
    """Who issues a certificate on ``day``: the People's Committee of the actor's
    unit, or the provincial department in force that day (the Department of
    Information and Communications until its 2025 merger, then the Department of
    Science and Technology: :mod:`registry.units.offices`)."""
    if actor.area_code and actor.area_edition:
        name = session.scalar(
            select(AdminUnit.name).where(
                AdminUnit.edition == actor.area_edition,
                AdminUnit.code == actor.area_code,
            )
        )
        if name:
            return f"UBND {name}"
    return department_name(day)


def _proposal(application: PermitApplication) -> dict:
    values = json.loads(application.proposal)
    values.pop("structure_width_m", None)
    return values


def _new_values(application, kind, number, day, session, actor) -> tuple[str, dict]:
    values = _proposal(application)
    if kind == ApplicationKind.BTS_NEW:
        values.update(
            status=SiteStatus.LICENSED.value,
            status_since=day,
            permit_number=number,
            permit_date=day,
        )
        return "site", values
    values.update(
        kind="game_point",
        status=PointStatus.OPERATING.value,
        status_since=day,
        certificate_number=number,
        certificate_issuer=issuer(session, actor, day),
        certificate_issued_on=day,
        certificate_expires_on=add_years(day, CERTIFICATE_YEARS),
    )
    return "point", values


def _changed_values(record, application, kind, number, day, session, actor) -> dict:
    values = {**current_values(record), **_proposal(application)}
    if kind in (ApplicationKind.BTS_CHANGE, ApplicationKind.BTS_RELOCATION):
        values.update(permit_number=number, permit_date=day)
    elif kind == ApplicationKind.GAME_RENEWAL:
        start = max(record.certificate_expires_on or day, day)
        values.update(
            certificate_number=number,
            certificate_issuer=issuer(session, actor, day),
            certificate_expires_on=add_years(start, CERTIFICATE_YEARS),
        )
    elif kind == ApplicationKind.GAME_REISSUE:
        values.update(
            certificate_number=number,
            certificate_issuer=issuer(session, actor, day),
            certificate_issued_on=day,
        )
    return values


def _record(session: Session, application: PermitApplication, lock: bool = False):
    model = BtsSite if application.site_id is not None else PublicPoint
    key = (
        application.site_id if application.site_id is not None else application.point_id
    )
    query = select(model).where(model.id == key)
    return session.scalar(query.with_for_update() if lock else query)


def _check_network(kind: ApplicationKind, application: PermitApplication) -> None:
    """Only a transfer moves a site to another network (an application filed
    before this was checked at filing may still propose it)."""
    proposed = _proposal(application).get("network_code")
    if kind != ApplicationKind.BTS_TRANSFER and proposed not in (
        None,
        application.network_code,
    ):
        raise ValidationError(
            [FieldError("network_code", proposed, msg.NETWORK_BY_TRANSFER)]
        )


def prepare_approval(
    registry: Registry,
    actor: Actor,
    application_id: int,
    number: str | None,
    on: date | None,
) -> PreparedApproval:
    """Validate the record the approval will write (reads only)."""
    day = on or today()
    with registry.reading() as session:
        application = load_application(session, application_id)
        require_see(session, actor, application)
        kind = ApplicationKind(application.kind)
        if kind in (ApplicationKind.BTS_NEW, ApplicationKind.GAME_NEW):
            record_type, values = _new_values(
                application, kind, number, day, session, actor
            )
            return PreparedApproval(
                application.version, None, prepare(registry, record_type, values)
            )
        record = _record(session, application)
        if kind.is_bts:
            require_still_owned(record, application)
            _check_network(kind, application)
        if kind in (ApplicationKind.BTS_DECOMMISSION, ApplicationKind.GAME_REVOCATION):
            return PreparedApproval(application.version, record.version, None)
        values = _changed_values(record, application, kind, number, day, session, actor)
        record_type = "site" if kind.is_bts else "point"
    return PreparedApproval(
        application.version, record.version, prepare(registry, record_type, values)
    )


def apply_approval(
    session: Session,
    actor: Actor,
    application: PermitApplication,
    ready: PreparedApproval,
    day: date,
) -> dict:
    """Write the approval's effect on the registry; returns what was done."""
    kind = ApplicationKind(application.kind)
    why = f"Hồ sơ #{application.id} ({permit_label(kind)}) được chấp thuận" + (
        f", số {application.permit_number}" if application.permit_number else ""
    )
    if kind in (ApplicationKind.BTS_NEW, ApplicationKind.GAME_NEW):
        if kind == ApplicationKind.BTS_NEW:
            check_site_code_free(session, ready.prepared.typed)
        record = insert_record(
            session,
            actor.username,
            ready.prepared,
            reason=why,
            source=f"permit application #{application.id}",
        )
        if kind.is_bts:
            application.site_id = record.id
        else:
            application.point_id = record.id
        return {"record_id": record.id, "created": True}
    record = _record(session, application, lock=True)
    if kind.is_bts:
        require_still_owned(record, application)
    if record.version != ready.record_version:
        raise ConflictError(msg.RECORD_CHANGED, id=record.id)
    if kind == ApplicationKind.BTS_TRANSFER:
        check_site_code_free(session, ready.prepared.typed, exclude_id=record.id)
    if kind == ApplicationKind.BTS_DECOMMISSION:
        append_status(
            session, actor.username, record, SiteStatus.DECOMMISSIONED, day, reason=why
        )
        return {"record_id": record.id, "status": SiteStatus.DECOMMISSIONED.value}
    if kind == ApplicationKind.GAME_REVOCATION:
        append_status(
            session, actor.username, record, PointStatus.REVOKED, day, reason=why
        )
        return {"record_id": record.id, "status": PointStatus.REVOKED.value}
    diff = apply_changes(session, actor.username, record, ready.prepared, reason=why)
    return {"record_id": record.id, "changed": sorted(diff)}
