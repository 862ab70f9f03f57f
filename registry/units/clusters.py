"""Clusters (cụm): named groups of district-level units that reports are made for.

Members are 2025-06 districts, stored by GSO code. In the 2025-07 edition, which
has no districts, a cluster covers the communes whose 2025-06 predecessors lie in
its districts (through the stored crosswalk). The department edits clusters; every
change is audited and checked against the version the editor saw.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from geodata.names import NameMatcher, fold_name
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.audit import record_audit
from registry.kernel.clock import now
from registry.kernel.clock import today as current_day
from registry.kernel.db import Registry, load_row
from registry.kernel.errors import ConflictError, NotFoundError, ProblemError
from registry.kernel.models import AdminUnit, Cluster, ClusterMember, UnitCrosswalk
from registry.kernel.text import checked_text
from registry.kernel.versions import StaleVersionError, bump_version, check_version
from registry.units import messages as msg
from registry.units.divisions import units_frame

SUBJECT = "cluster"
MEMBER_EDITION = "2025-06"
# The seed document's Cluster I (seed/000_763baed69ffaf6d4.txt), by district name.
DEFAULT_CLUSTER = "Cụm I"
DEFAULT_DISTRICTS = (
    "Vinh",
    "Cửa Lò",
    "Yên Thành",
    "Diễn Châu",
    "Nghi Lộc",
    "Hưng Nguyên",
    "Nam Đàn",
)
DEFAULT_PROVINCE = "40"


class ClusterInputError(ProblemError):
    """A cluster's name or members are not acceptable; nothing was written.

    ``problem`` is one of ``name_empty``, ``no_members``, ``unknown_units``;
    ``value`` is what was given. A name or note too long or holding control
    characters is the kernel's :class:`FieldError` (:mod:`registry.kernel.text`).
    """

    _MESSAGES = {
        "name_empty": msg.CLUSTER_NAME_EMPTY,
        "no_members": msg.CLUSTER_NO_MEMBERS,
        "unknown_units": msg.CLUSTER_UNKNOWN_UNITS,
    }


class ClusterNameTakenError(ConflictError):
    """Another cluster already has this name (ignoring case and diacritics)."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(msg.CLUSTER_NAME_TAKEN, name=name)


class ClusterVersionError(StaleVersionError):
    """The cluster changed since the editor loaded it: the stale-version refusal
    of every versioned row, naming who changed it and when (and the cluster's
    ``name`` in its context)."""


@dataclass(frozen=True)
class ClusterView:
    """A cluster with its member districts (codes and names, in code order)."""

    id: int
    name: str
    note: str | None
    version: int
    retired_on: date | None
    district_codes: tuple[str, ...]
    district_names: tuple[str, ...]


def _districts(session: Session) -> dict[str, str]:
    rows = session.execute(
        select(AdminUnit.code, AdminUnit.name).where(
            AdminUnit.edition == MEMBER_EDITION, AdminUnit.level == "district"
        )
    ).all()
    return dict(rows)


def _view(session: Session, cluster: Cluster) -> ClusterView:
    codes = sorted(
        session.scalars(
            select(ClusterMember.unit_code).where(
                ClusterMember.cluster_id == cluster.id,
                ClusterMember.edition == MEMBER_EDITION,
            )
        )
    )
    names = _districts(session)
    return ClusterView(
        id=cluster.id,
        name=cluster.name,
        note=cluster.note,
        version=cluster.version,
        retired_on=cluster.retired_on,
        district_codes=tuple(codes),
        district_names=tuple(names.get(c, c) for c in codes),
    )


def _audit_values(view: ClusterView) -> dict:
    return {
        "name": view.name,
        "note": view.note,
        "districts": list(view.district_codes),
        "retired_on": view.retired_on,
    }


def _clean_name(session: Session, name: object, own_id: int | None) -> str:
    if not str(name or "").strip():
        raise ClusterInputError("name_empty", name)
    text = checked_text("name", name, Cluster.name)
    key = fold_name(text)
    for other_id, other in session.execute(select(Cluster.id, Cluster.name)):
        if other_id != own_id and fold_name(other) == key:
            raise ClusterNameTakenError(text)
    return text


def _clean_members(session: Session, districts: Iterable[str]) -> list[str]:
    codes = sorted({str(c).strip() for c in districts if str(c).strip()})
    if not codes:
        raise ClusterInputError("no_members", list(districts))
    unknown = [c for c in codes if c not in _districts(session)]
    if unknown:
        raise ClusterInputError("unknown_units", unknown)
    return codes


def _set_members(session: Session, cluster_id: int, codes: list[str]) -> None:
    session.execute(delete(ClusterMember).where(ClusterMember.cluster_id == cluster_id))
    session.add_all(
        ClusterMember(cluster_id=cluster_id, edition=MEMBER_EDITION, unit_code=c)
        for c in codes
    )
    session.flush()


def _load(session: Session, cluster_id: int, *, for_update: bool = False) -> Cluster:
    return load_row(
        session, Cluster, int(cluster_id), msg.CLUSTER_NOT_FOUND, for_update=for_update
    )


def _check_version(session: Session, cluster: Cluster, expected_version: int) -> None:
    check_version(
        session,
        cluster,
        int(expected_version),
        SUBJECT,
        refusal=ClusterVersionError,
        name=cluster.name,
    )


def _serialise_names(session: Session) -> None:
    """Make cluster writes that check names wait for each other (PostgreSQL).

    Names are unique ignoring case and accents, which no index says: two
    transactions could each find "Cụm X" free and store "Cụm X" and "cụm x". A
    table lock that only writers of clusters take (reads go on) puts them one
    after the other; SQLite's write transactions are one at a time already.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE clusters IN SHARE ROW EXCLUSIVE MODE"))


def list_clusters(
    registry: Registry, actor: Actor, *, include_retired: bool = False
) -> list[ClusterView]:
    """Every cluster (retired ones on request), by name."""
    perm.require(actor, perm.READ, SUBJECT)
    with registry.reading() as session:
        query = select(Cluster).order_by(Cluster.name)
        if not include_retired:
            query = query.where(Cluster.retired_on.is_(None))
        return [_view(session, c) for c in session.scalars(query)]


def _create(
    session: Session, username: str, name: str, districts, note: str | None
) -> ClusterView:
    name = _clean_name(session, name, None)
    codes = _clean_members(session, districts)
    stamp = now()
    cluster = Cluster(
        name=name,
        note=checked_text("note", note, Cluster.note),
        created_at=stamp,
        updated_at=stamp,
        version=1,
    )
    session.add(cluster)
    session.flush()
    _set_members(session, cluster.id, codes)
    view = _view(session, cluster)
    record_audit(
        session, username, "create", SUBJECT, cluster.id, after=_audit_values(view)
    )
    return view


def create_cluster(
    registry: Registry,
    actor: Actor,
    *,
    name: str,
    districts: Iterable[str],
    note: str | None = None,
) -> ClusterView:
    """Create a cluster of 2025-06 districts (GSO codes), audited."""
    perm.require(actor, perm.CREATE, SUBJECT)
    with registry.transaction() as session:
        _serialise_names(session)
        return _create(session, actor.username, name, list(districts), note)


def _change(
    registry: Registry,
    actor: Actor,
    cluster_id: int,
    expected_version: int,
    action: str,
    change: Callable[[Session, Cluster], None],
    reason: str | None,
) -> ClusterView:
    """In one transaction, apply ``change`` to a cluster that is not retired and
    still at ``expected_version``; bump its version and audit ``action`` with
    before/after."""
    with registry.transaction() as session:
        _serialise_names(session)
        cluster = _load(session, cluster_id, for_update=True)
        _check_version(session, cluster, expected_version)
        if cluster.retired_on is not None:
            raise ConflictError(msg.CLUSTER_RETIRED, name=cluster.name)
        before = _view(session, cluster)
        change(session, cluster)
        bump_version(cluster)
        cluster.updated_at = now()
        session.flush()
        after = _view(session, cluster)
        record_audit(
            session,
            actor.username,
            action,
            SUBJECT,
            cluster.id,
            before=_audit_values(before),
            after=_audit_values(after),
            reason=reason,
        )
        return after


def update_cluster(
    registry: Registry,
    actor: Actor,
    cluster_id: int,
    *,
    expected_version: int,
    name: str | None = None,
    note: str | None = None,
    districts: Iterable[str] | None = None,
    reason: str | None = None,
) -> ClusterView:
    """Rename a cluster, change its note or its member districts.

    Arguments left as None keep their value; ``expected_version`` is the version
    the editor saw, and a cluster changed since is refused
    (:class:`ClusterVersionError`).
    """
    perm.require(actor, perm.UPDATE, SUBJECT)

    def change(session: Session, cluster: Cluster) -> None:
        if name is not None:
            cluster.name = _clean_name(session, name, cluster.id)
        if note is not None:
            cluster.note = checked_text("note", note, Cluster.note)
        if districts is not None:
            _set_members(session, cluster.id, _clean_members(session, list(districts)))

    return _change(
        registry, actor, cluster_id, expected_version, "update", change, reason
    )


def retire_cluster(
    registry: Registry,
    actor: Actor,
    cluster_id: int,
    *,
    expected_version: int,
    reason: str | None = None,
) -> ClusterView:
    """Retire a cluster: kept with its members, no longer offered for reports."""
    perm.require(actor, perm.RETIRE, SUBJECT)

    def retire(session: Session, cluster: Cluster) -> None:
        cluster.retired_on = current_day()

    return _change(
        registry, actor, cluster_id, expected_version, "retire", retire, reason
    )


def cluster_units(registry: Registry, cluster_id: int, edition: str) -> list[str]:
    """Commune codes a cluster covers in ``edition``, sorted.

    In 2025-06, the communes of its districts; in 2025-07, the communes any of whose
    2025-06 predecessors lies in its districts (a commune formed partly from
    outside the cluster is included: it serves people of the cluster).
    """
    with registry.reading() as session:
        cluster = _load(session, cluster_id)
        districts = _view(session, cluster).district_codes
        old = session.scalars(
            select(AdminUnit.code).where(
                AdminUnit.edition == MEMBER_EDITION,
                AdminUnit.level == "commune",
                AdminUnit.parent_code.in_(districts),
            )
        ).all()
        if edition == MEMBER_EDITION:
            return sorted(old)
        known = set(units_frame(session, edition, "commune")["code"])
        if not known:
            raise NotFoundError(msg.EDITION_NOT_FOUND, key=edition)
        new = session.scalars(
            select(UnitCrosswalk.new_code).where(UnitCrosswalk.old_code.in_(old))
        ).all()
    return sorted({c for c in new if c in known})


def seed_default_cluster(session: Session, province_code: str, username: str) -> None:
    """Store the seed document's Cụm I once (Nghệ An only), matched by name.

    Districts that no longer exist in 2025-06 (Cửa Lò, merged into Vinh in 2025)
    are left out and the note says which one holds them.
    """
    if province_code != DEFAULT_PROVINCE:
        return
    if session.scalar(select(Cluster.id).limit(1)) is not None:
        return
    districts = units_frame(session, MEMBER_EDITION, "district")
    matcher = NameMatcher(districts)
    codes, missing = [], []
    for name in DEFAULT_DISTRICTS:
        found = matcher.match(name, level="district")
        if found.code:
            codes.append(found.code)
        else:
            missing.append(name)
    note = "Cụm I theo báo cáo năm 2015 của Sở Thông tin và Truyền thông Nghệ An."
    for name in missing:
        if fold_name(name) == fold_name("Cửa Lò"):
            note += (
                f" Trong phiên bản {MEMBER_EDITION} không còn thị xã Cửa Lò: "
                "Cửa Lò đã nhập vào thành phố Vinh, nên nằm trong Vinh."
            )
        else:
            note += f" Không tìm thấy đơn vị cấp huyện {name} trong {MEMBER_EDITION}."
    _create(session, username, DEFAULT_CLUSTER, codes, note)
