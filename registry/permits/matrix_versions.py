"""Stored versions of the delegation matrix and their use cases.

A version is never changed: adopting a preset or editing rows stores a new version
(who, when, why, which version it was based on) with an audit entry. The version in
force on a day is the one with the latest ``effective_from`` not after that day
(the newest among equal dates); an application keeps the version it was filed
under, so a later edit never moves an open application to other levels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.audit import record_audit
from registry.kernel.clock import now
from registry.kernel.db import Registry, load_row
from registry.kernel.errors import FieldError, NotFoundError, ValidationError
from registry.kernel.models import AuditEntry, DelegationMatrix, DelegationRow
from registry.kernel.text import validated_text
from registry.permits import messages as msg
from registry.permits.matrix import (
    MatrixRow,
    Preset,
    check_rows,
    check_threshold,
    expected_pairs,
    load_presets,
    preset,
)

SUBJECT = "delegation"
ENTITY = "delegation_matrix"


@dataclass(frozen=True)
class MatrixVersion:
    """One stored version of the matrix, with its rows in display order."""

    id: int
    preset: str
    title: str
    effective_from: date
    height_threshold_m: float
    source: str
    unverified: str | None
    based_on: int | None
    created_at: datetime
    created_by: str
    reason: str
    rows: tuple[MatrixRow, ...]

    def row(self, kind: str, case: str) -> MatrixRow:
        """The row of one application kind and case."""
        for row in self.rows:
            if row.kind == kind and row.case == case:
                return row
        raise NotFoundError(
            msg.MATRIX_ROW_NOT_FOUND,
            version=self.id,
            key=f"{kind}/{case}",
            row_kind=kind,
            row_case=case,
        )


def _version(session: Session, matrix: DelegationMatrix) -> MatrixVersion:
    stored = session.scalars(
        select(DelegationRow).where(DelegationRow.matrix_id == matrix.id)
    ).all()
    by_pair = {(r.kind, r.case_key): r for r in stored}
    rows = tuple(
        MatrixRow(
            r.kind,
            r.case_key,
            r.verify_level,
            r.verify_days,
            r.decide_level,
            r.decide_days,
            r.escalate_level,
            r.escalate_days,
        )
        for pair in expected_pairs()
        if (r := by_pair.get(pair)) is not None
    )
    return MatrixVersion(
        matrix.id,
        matrix.preset,
        matrix.title,
        matrix.effective_from,
        matrix.height_threshold_m,
        matrix.source,
        matrix.unverified,
        matrix.based_on,
        matrix.created_at,
        matrix.created_by,
        matrix.reason,
        rows,
    )


def load_version(session: Session, matrix_id: int) -> MatrixVersion:
    """A stored version by id (inside a session), or :class:`NotFoundError`."""
    matrix = load_row(
        session, DelegationMatrix, int(matrix_id), msg.MATRIX_VERSION_NOT_FOUND
    )
    return _version(session, matrix)


def version_in_force(session: Session, day: date) -> MatrixVersion:
    """The version in force on ``day`` (inside a session), or NotFoundError."""
    matrix = session.scalar(
        select(DelegationMatrix)
        .where(DelegationMatrix.effective_from <= day)
        .order_by(DelegationMatrix.effective_from.desc(), DelegationMatrix.id.desc())
        .limit(1)
    )
    if matrix is None:
        raise NotFoundError(msg.NO_MATRIX_IN_FORCE, key=day.isoformat(), day=day)
    return _version(session, matrix)


def _store(
    session: Session,
    username: str,
    *,
    preset_key: str,
    title: str,
    effective_from: date,
    height_threshold_m: float,
    source: str,
    unverified: str | None,
    rows: Sequence[MatrixRow],
    reason: str,
    based_on: int | None,
) -> MatrixVersion:
    matrix = DelegationMatrix(
        preset=preset_key,
        title=title,
        effective_from=effective_from,
        height_threshold_m=height_threshold_m,
        source=source,
        unverified=unverified,
        based_on=based_on,
        created_at=now(),
        created_by=username,
        reason=reason,
    )
    session.add(matrix)
    session.flush()
    session.add_all(
        DelegationRow(
            matrix_id=matrix.id,
            kind=r.kind,
            case_key=r.case,
            verify_level=r.verify_level,
            verify_days=r.verify_days,
            decide_level=r.decide_level,
            decide_days=r.decide_days,
            escalate_level=r.escalate_level,
            escalate_days=r.escalate_days,
        )
        for r in rows
    )
    session.flush()
    record_audit(
        session,
        username,
        "new_version",
        ENTITY,
        matrix.id,
        after={
            "preset": preset_key,
            "effective_from": effective_from,
            "height_threshold_m": height_threshold_m,
            "based_on": based_on,
            "rows": len(rows),
        },
        reason=reason,
    )
    return _version(session, matrix)


def _store_preset(
    session: Session, username: str, chosen: Preset, effective_from: date, reason: str
) -> MatrixVersion:
    # A preset adopted again from another day says so: its own title names the
    # period it was written for.
    title = chosen.title_vi
    if effective_from != chosen.effective_from:
        title = f"{title} — áp dụng lại từ {effective_from:%d/%m/%Y}"
    return _store(
        session,
        username,
        preset_key=chosen.key,
        title=title,
        effective_from=effective_from,
        height_threshold_m=chosen.height_threshold_m,
        source=chosen.source,
        unverified=chosen.unverified,
        rows=chosen.rows,
        reason=reason,
        based_on=None,
    )


def install_presets(session: Session, username: str) -> int:
    """Store every preset from its own first day, once (a fresh database).

    Returns the number of versions stored (0 when the matrix already exists).
    """
    if session.scalar(select(DelegationMatrix.id).limit(1)) is not None:
        return 0
    presets = load_presets()
    for chosen in presets.values():
        _store_preset(
            session,
            username,
            chosen,
            chosen.effective_from,
            "Khởi tạo từ mẫu phân cấp (preset) khi khởi tạo cơ sở dữ liệu",
        )
    return len(presets)


def _reason(reason: str | None) -> str:
    return validated_text(
        "reason", reason, AuditEntry.reason, required=True, missing=msg.MATRIX_REASON
    )


def _first_day(value: object) -> date:
    if not isinstance(value, date):
        raise ValidationError([FieldError("effective_from", value, msg.FIRST_DAY)])
    return value


def adopt_preset(
    registry: Registry,
    actor: Actor,
    preset_key: str,
    *,
    effective_from: date,
    reason: str,
) -> MatrixVersion:
    """Store a preset as a new version in force from ``effective_from``."""
    perm.require(actor, perm.MANAGE, SUBJECT)
    chosen = preset(preset_key)
    day, why = _first_day(effective_from), _reason(reason)
    with registry.transaction() as session:
        return _store_preset(session, actor.username, chosen, day, why)


def edit_matrix(
    registry: Registry,
    actor: Actor,
    base_id: int,
    rows: Sequence[Mapping | MatrixRow],
    *,
    effective_from: date,
    reason: str,
    height_threshold_m: float | None = None,
) -> MatrixVersion:
    """Store edited rows (the complete matrix) as a new version based on ``base_id``.

    Every (kind, case) needs exactly one row; wrong values are refused together,
    each named. Applications already filed keep the version they were filed under.
    """
    perm.require(actor, perm.MANAGE, SUBJECT)
    checked = check_rows(rows)
    day, why = _first_day(effective_from), _reason(reason)
    with registry.transaction() as session:
        base = load_version(session, base_id)
        threshold = (
            base.height_threshold_m
            if height_threshold_m is None
            else check_threshold(height_threshold_m)
        )
        return _store(
            session,
            actor.username,
            preset_key="edited",
            title=f"{base.title} (sửa đổi)"
            if not base.title.endswith("(sửa đổi)")
            else base.title,
            effective_from=day,
            height_threshold_m=threshold,
            source=base.source,
            unverified=base.unverified,
            rows=checked,
            reason=why,
            based_on=base.id,
        )


def matrix_on(registry: Registry, actor: Actor, day: date) -> MatrixVersion:
    """The version in force on ``day``."""
    perm.require(actor, perm.READ, SUBJECT)
    with registry.reading() as session:
        return version_in_force(session, day)


def list_matrix_versions(registry: Registry, actor: Actor) -> list[MatrixVersion]:
    """Every stored version, newest first (the history of the matrix)."""
    perm.require(actor, perm.READ, SUBJECT)
    with registry.reading() as session:
        matrices = session.scalars(
            select(DelegationMatrix).order_by(DelegationMatrix.id.desc())
        ).all()
        return [_version(session, m) for m in matrices]
