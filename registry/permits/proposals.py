"""What an application proposes: the record it concerns, the fields it changes,
and the whole record those changes give, validated like the registry's forms.

New sites and points propose the whole record (without status, permit or
certificate: the decision sets them); a change or reissue the changed fields (a
change never the site's network); a relocation the new position; a transfer the
receiving operator's network code; decommissioning, renewal and revocation nothing.
What approval could not do to the record is refused here, at filing.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from registry.access.permissions import Actor
from registry.kernel.db import Registry, load_row
from registry.kernel.errors import (
    ConflictError,
    FieldError,
    Message,
    ValidationError,
)
from registry.kernel.models import BtsSite, PermitApplication, PublicPoint
from registry.kernel.vocabulary import OPERATORS, PointKind, PointStatus, SiteStatus
from registry.permits import messages as msg
from registry.permits.ownership import require_owner
from registry.permits.vocabulary import OPEN_STATES, ApplicationKind
from registry.records import messages as records_msg
from registry.records.writes import Prepared, current_values, prepare

# Fields the registry sets on approval, never the applicant.
_DECIDED_FIELDS = {
    "status",
    "status_since",
    "permit_number",
    "permit_date",
    "certificate_number",
    "certificate_issuer",
    "certificate_issued_on",
    "certificate_expires_on",
}
_POSITION_FIELDS = {"latitude", "longitude"}
_RELOCATION_FIELDS = {
    "latitude",
    "longitude",
    "address",
    "declared_commune",
    "coord_source",
    "coord_accuracy_m",
}


def _refuse_fields(values: dict, forbidden: set[str], why: Message) -> None:
    wrong = sorted(set(values) & forbidden)
    if wrong:
        raise ValidationError([FieldError(name, values[name], why) for name in wrong])


def load_existing(session, actor: Actor, kind: ApplicationKind, site_id, point_id):
    """The site or point an application concerns, checked: exists, not retired,
    an operator's own (as stored now), in a state the application can change,
    without another open application (named only to those who may read it)."""
    if kind.is_bts:
        if site_id is None:
            raise ValidationError([FieldError("site_id", None, msg.SITE_NEEDED)])
        record = load_row(session, BtsSite, int(site_id), records_msg.SITE_NOT_FOUND)
        require_owner(actor, record, f"file a {kind.value} application")
    else:
        if point_id is None:
            raise ValidationError([FieldError("point_id", None, msg.POINT_NEEDED)])
        record = load_row(
            session, PublicPoint, int(point_id), records_msg.POINT_NOT_FOUND
        )
        if record.kind != PointKind.GAME_POINT:
            raise ValidationError([FieldError("point_id", point_id, msg.GAME_POINT)])
    if record.retired_on is not None:
        raise ConflictError(
            msg.RECORD_RETIRED, id=record.id, retired_on=record.retired_on
        )
    _check_record_state(kind, record)
    model = PermitApplication
    column = model.site_id if kind.is_bts else model.point_id
    pending = session.scalar(
        select(model)
        .where(column == record.id, model.state.in_([s.value for s in OPEN_STATES]))
        .limit(1)
    )
    if pending is not None:
        # Whoever gets here passed the area and ownership checks of the record
        # (permits.access.require_record_in_area, load_existing), so may read the
        # applications on it: the number is theirs to know.
        raise ConflictError(msg.OPEN_APPLICATION, id=record.id, application=pending.id)
    return record


def _check_record_state(kind: ApplicationKind, record) -> None:
    """Refuse at filing what approval could not do to the record."""
    problem = None
    if kind.is_bts and record.status == SiteStatus.DECOMMISSIONED:
        problem = msg.DECOMMISSIONED
    elif kind == ApplicationKind.GAME_REVOCATION and record.status not in (
        PointStatus.OPERATING,
        PointStatus.SUSPENDED,
    ):
        problem = msg.NOT_IN_USE
    elif kind in (ApplicationKind.GAME_RENEWAL, ApplicationKind.GAME_REISSUE) and (
        not record.certificate_number or record.status == PointStatus.REVOKED
    ):
        problem = msg.NO_CERTIFICATE
    if problem:
        raise ConflictError(
            problem, id=record.id, kind=kind.value, status=str(record.status)
        )


def _check_network_kept(value: object, site) -> None:
    """A change keeps the site's network: only a transfer moves it."""
    if str(value or "").strip() != site.network_code:
        raise ValidationError(
            [FieldError("network_code", value, msg.NETWORK_BY_TRANSFER)]
        )


def _check_transfer(values: dict, site) -> None:
    """A transfer proposes exactly another operator's network code."""
    _refuse_fields(values, set(values) - {"network_code"}, msg.NO_CHANGES_FOR_KIND)
    value = values.get("network_code")
    receiving = str(value or "").strip()
    if receiving not in OPERATORS or receiving == site.network_code:
        networks = sorted(code for code in OPERATORS if code != site.network_code)
        raise ValidationError(
            [
                FieldError(
                    "network_code", value, msg.RECEIVING_NETWORK, networks=networks
                )
            ]
        )
    values["network_code"] = receiving


def proposal_of(
    registry: Registry, kind: ApplicationKind, values: dict, existing, filed_on: date
) -> tuple[dict, Prepared]:
    """The proposed changes (stored) and the validated whole record they give."""
    _refuse_fields(values, _DECIDED_FIELDS, msg.SET_BY_DECISION)
    if kind in (ApplicationKind.BTS_NEW, ApplicationKind.GAME_NEW):
        whole = {**values, "status": "planned", "status_since": filed_on}
        if kind == ApplicationKind.GAME_NEW:
            whole.update(kind=PointKind.GAME_POINT.value, status="pending")
        prepared = prepare(registry, "site" if kind.is_bts else "point", whole)
        changes = {k: v for k, v in prepared.typed.items() if k not in _DECIDED_FIELDS}
        return changes, prepared
    if kind == ApplicationKind.BTS_RELOCATION:
        _refuse_fields(values, set(values) - _RELOCATION_FIELDS, msg.RELOCATION_FIELDS)
        missing = _POSITION_FIELDS - set(values)
        if missing:
            raise ValidationError(
                [FieldError(name, None, msg.NEW_POSITION) for name in sorted(missing)]
            )
    elif kind == ApplicationKind.BTS_TRANSFER:
        _check_transfer(values, existing)
    elif kind in (ApplicationKind.BTS_CHANGE, ApplicationKind.GAME_REISSUE):
        _refuse_fields(values, _POSITION_FIELDS, msg.SAME_POSITION)
        if kind.is_bts and "network_code" in values:
            _check_network_kept(values["network_code"], existing)
    elif values:
        _refuse_fields(values, set(values), msg.NO_CHANGES_FOR_KIND)
    record_type = "site" if kind.is_bts else "point"
    prepared = prepare(registry, record_type, {**current_values(existing), **values})
    changes = {k: prepared.typed.get(k) for k in values}
    if kind == ApplicationKind.BTS_CHANGE and not any(
        changes[k] != getattr(existing, k) for k in changes
    ):
        raise ValidationError(
            [FieldError("values", values, msg.ONE_CHANGE, hide_value=True)]
        )
    return changes, prepared
