"""The area a report covers: a cluster, a district or a commune, resolved to the
communes of the chosen edition, and checked against the actor's jurisdiction.

The department and administrators report on any area; district staff on their own
district and its communes (in 2025-07: the communes that took over its communes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from geodata.editions import EDITIONS
from registry.access.permissions import Actor
from registry.kernel.db import Registry, load_row
from registry.kernel.errors import (
    Message,
    NotFoundError,
    PermissionDeniedError,
    ProblemError,
)
from registry.kernel.models import AdminUnit, Cluster, ClusterMember, UnitCrosswalk
from registry.kernel.vocabulary import Role
from registry.reports import messages as msg
from registry.units.clusters import MEMBER_EDITION

AREA_KINDS = ("cluster", "district", "commune")
KIND_LABELS = {"cluster": "Cụm", "district": "Huyện", "commune": "Xã"}


class ReportInputError(ProblemError):
    """A report was asked for with a bad area kind, edition or period.

    ``problem`` is ``kind``, ``edition`` or ``period``.
    """

    _MESSAGES = {
        "kind": msg.REPORT_KIND,
        "edition": msg.REPORT_EDITION,
        "period": msg.REPORT_PERIOD,
    }


@dataclass(frozen=True)
class ReportArea:
    """An area, the communes of ``edition`` it covers, and its 2025-06 districts."""

    kind: str
    key: str
    name: str
    edition: str
    communes: tuple[str, ...]
    districts: tuple[str, ...]
    note: str | None = None

    @property
    def title(self) -> str:
        """'Cụm I', 'Huyện Nam Đàn', 'Phường Hưng Dũng'."""
        return self.name


def successor_communes(session: Session, old_codes: Iterable[str]) -> list[str]:
    """2025-07 communes that took over any of the given 2025-06 communes."""
    old = list(old_codes)
    if not old:
        return []
    found = session.scalars(
        select(UnitCrosswalk.new_code).where(UnitCrosswalk.old_code.in_(old))
    ).all()
    return sorted(set(found))


def _communes_of_districts(
    session: Session, districts: Iterable[str], edition: str
) -> list[str]:
    old = sorted(
        session.scalars(
            select(AdminUnit.code).where(
                AdminUnit.edition == MEMBER_EDITION,
                AdminUnit.level == "commune",
                AdminUnit.parent_code.in_(list(districts)),
            )
        )
    )
    return old if edition == MEMBER_EDITION else successor_communes(session, old)


def _unit(session: Session, edition: str, level: str, code: str) -> AdminUnit:
    unit = session.get(AdminUnit, (edition, level, str(code)))
    if unit is None:
        raise NotFoundError(msg.UNIT_NOT_FOUND, level=level, code=code, edition=edition)
    return unit


def _refuse(actor: Actor, reason: Message, **context) -> None:
    raise PermissionDeniedError(
        reason, user=actor.username, action="make this report", **context
    )


def _check_edition(edition: str) -> None:
    if edition not in EDITIONS:
        raise ReportInputError("edition", edition)


def resolve_area(
    session: Session, actor: Actor, kind: str, key: str, edition: str
) -> ReportArea:
    """The area of a report, inside a read session; refuses what is not the actor's.

    ``key`` is a cluster id, a 2025-06 district code or a commune code of
    ``edition``.
    """
    _check_edition(edition)
    if kind not in AREA_KINDS:
        raise ReportInputError("kind", kind)
    bound = actor.role == Role.DISTRICT
    if not actor.sees_whole_province and not bound:
        _refuse(actor, msg.NO_AREA_REPORTS, role=actor.role.value)
    own = actor.area_code if bound else None
    if kind == "cluster":
        if bound:
            _refuse(actor, msg.CLUSTER_FOR_DISTRICT)
        cluster = load_row(session, Cluster, int(key), msg.CLUSTER_NOT_FOUND)
        districts = sorted(
            session.scalars(
                select(ClusterMember.unit_code).where(
                    ClusterMember.cluster_id == cluster.id,
                    ClusterMember.edition == MEMBER_EDITION,
                )
            )
        )
        communes = _communes_of_districts(session, districts, edition)
        return ReportArea(
            kind,
            str(cluster.id),
            cluster.name,
            edition,
            tuple(communes),
            tuple(districts),
            cluster.note,
        )
    if kind == "district":
        unit = _unit(session, MEMBER_EDITION, "district", key)
        if bound and unit.code != own:
            _refuse(actor, msg.OTHER_DISTRICT, code=unit.code, name=unit.name)
        communes = _communes_of_districts(session, [unit.code], edition)
        return ReportArea(
            kind, unit.code, unit.name, edition, tuple(communes), (unit.code,)
        )
    unit = _unit(session, edition, "commune", key)
    district = unit.parent_code
    if bound:
        mine = _communes_of_districts(session, [own], edition)
        if unit.code not in mine:
            _refuse(
                actor,
                msg.COMMUNE_ELSEWHERE,
                code=unit.code,
                name=unit.name,
                own=own,
                own_name=actor.area_name,
            )
    return ReportArea(
        kind,
        unit.code,
        unit.name,
        edition,
        (unit.code,),
        (district,) if district else (),
    )


def area_choices(
    registry: Registry, actor: Actor, kind: str, edition: str
) -> list[tuple[str, str]]:
    """(key, name) of the areas of ``kind`` the actor may report on."""
    _check_edition(edition)
    if kind not in AREA_KINDS:
        raise ReportInputError("kind", kind)
    bound = actor.role == Role.DISTRICT
    if not actor.sees_whole_province and not bound:
        return []
    with registry.reading() as session:
        if kind == "cluster":
            if bound:
                return []
            rows = session.execute(
                select(Cluster.id, Cluster.name)
                .where(Cluster.retired_on.is_(None))
                .order_by(Cluster.name)
            ).all()
            return [(str(i), n) for i, n in rows]
        level_edition = MEMBER_EDITION if kind == "district" else edition
        query = select(AdminUnit.code, AdminUnit.name).where(
            AdminUnit.edition == level_edition, AdminUnit.level == kind
        )
        if bound and kind == "district":
            query = query.where(AdminUnit.code == actor.area_code)
        if bound and kind == "commune":
            mine = _communes_of_districts(session, [actor.area_code], edition)
            query = query.where(AdminUnit.code.in_(mine))
        rows = session.execute(query.order_by(AdminUnit.name)).all()
        if kind == "commune" and edition == MEMBER_EDITION:
            # Names repeat across districts (two Minh Sơn): say which district.
            parents = dict(
                session.execute(
                    select(AdminUnit.code, AdminUnit.parent_code).where(
                        AdminUnit.edition == edition, AdminUnit.level == "commune"
                    )
                ).all()
            )
            districts = dict(
                session.execute(
                    select(AdminUnit.code, AdminUnit.name).where(
                        AdminUnit.edition == edition, AdminUnit.level == "district"
                    )
                ).all()
            )
            return [
                (c, f"{n} – {districts.get(parents.get(c), '')}".rstrip(" –"))
                for c, n in rows
            ]
    return [(c, n) for c, n in rows]
