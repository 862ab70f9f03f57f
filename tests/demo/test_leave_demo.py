"""Leaving the demo, on both databases: the first real import or the demo's
removal disables the demo accounts for good, keeps the audit log, and no restart
fills the demo in again."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from registry.access.users import authenticate, find_actor, list_users
from registry.bootstrap import start_registry
from registry.demo import messages as demo_msg
from registry.demo.load import DEMO_PASSWORD, DEMO_USERS, load_demo
from registry.demo.remove import remove_demo
from registry.files.imports import import_records
from registry.kernel.dataset import has_left_demo, is_demo
from registry.kernel.errors import ConflictError, PermissionDeniedError
from registry.kernel.models import (
    AuditEntry,
    BtsSite,
    PermitApplication,
    PublicPoint,
    School,
    StatusEntry,
    UnitAssignment,
)
from tests.conftest import DEMO_DAY, registry_config
from tests.factories import commune_centroid

DEMO_NAMES = [user[0] for user in DEMO_USERS]


def _small_demo(registry):
    return load_demo(registry, find_actor(registry, "admin"), sites=200, today=DEMO_DAY)


@pytest.fixture
def demo(open_world):
    """A registry holding a 200-site demo (a copy of the session's world)."""
    registry, _ = open_world("demo-200-accounts", _small_demo)
    return registry


def _count(registry, table) -> int:
    with registry.reading() as session:
        return session.scalar(select(func.count()).select_from(table))


def _audit_ids(registry) -> list[int]:
    with registry.reading() as session:
        return list(session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))


def _demo_password_refused(registry) -> None:
    for username in DEMO_NAMES:
        with pytest.raises(PermissionDeniedError):
            authenticate(registry, username, DEMO_PASSWORD)


def test_the_demo_accounts_are_marked_and_sign_in_while_in_demo(demo, admin):
    assert is_demo(demo) and not has_left_demo(demo)
    users = {u["username"]: u for u in list_users(demo, admin)}
    assert {n for n, u in users.items() if u["demo_account"]} == set(DEMO_NAMES)
    assert not users["admin"]["demo_account"]
    assert authenticate(demo, "khach", DEMO_PASSWORD).username == "khach"


def test_removing_the_demo_deletes_its_data_keeps_the_audit_and_disables_accounts(
    demo, admin
):
    audit_before = _audit_ids(demo)
    assert _count(demo, PermitApplication) > 0 and _count(demo, School) > 0
    removed = remove_demo(demo, admin, reason="going live")
    assert removed.sites >= 200 and removed.points > 0
    assert removed.applications > 0 and removed.schools > 0
    assert sorted(removed.accounts_disabled) == sorted(DEMO_NAMES)
    for table in (BtsSite, PublicPoint, PermitApplication, School, StatusEntry):
        assert _count(demo, table) == 0, table.__tablename__
    assert _count(demo, UnitAssignment) == 0
    audit_after = _audit_ids(demo)
    assert audit_after[: len(audit_before)] == audit_before  # nothing taken away
    with demo.reading() as session:
        actions = list(
            session.scalars(
                select(AuditEntry.action).where(AuditEntry.id > audit_before[-1])
            )
        )
    assert actions.count("remove_demo") == 1 and actions.count("leave_demo") == 1
    assert actions.count("disable_user") == len(DEMO_NAMES)
    assert not is_demo(demo) and has_left_demo(demo)
    _demo_password_refused(demo)

    # Again: nothing left to remove, nothing more disabled.
    again = remove_demo(demo, admin)
    assert (again.sites, again.points, again.accounts_disabled) == (0, 0, [])


def test_a_registry_that_left_the_demo_is_not_filled_again(demo, admin):
    remove_demo(demo, admin)
    restarted = start_registry(
        registry_config(
            {
                "REGISTRY_DATABASE_URL": demo.config.database_url,
                "REGISTRY_DEMO_ON_FIRST_START": "true",
                "REGISTRY_DEMO_SITES": "50",
            }
        )
    )
    try:
        assert _count(restarted, BtsSite) == 0 and not is_demo(restarted)
        with pytest.raises(ConflictError) as refused:
            load_demo(restarted, admin, sites=50)
        assert refused.value.code == demo_msg.LEFT.code
    finally:
        restarted.engine.dispose()


def test_the_first_real_import_leaves_the_demo_and_keeps_the_records(demo, admin):
    lat, lon, _ = commune_centroid(demo, "Hưng Dũng")
    content = (
        "network_code,site_code,name,latitude,longitude,structure_type\n"
        f"04,REAL-1,Trạm thật,{lat},{lon},ground_tower\n"
    ).encode()
    trial = import_records(
        demo, admin, "sites", content, filename="that.csv", dry_run=True
    )
    assert trial.ok and trial.demo_accounts_disabled == [] and is_demo(demo)
    report = import_records(demo, admin, "sites", content, filename="that.csv")
    assert report.stored == 1
    assert sorted(report.demo_accounts_disabled) == sorted(DEMO_NAMES)
    assert _count(demo, BtsSite) == 201  # the demo's records are still there
    assert has_left_demo(demo)
    _demo_password_refused(demo)
    second = import_records(
        demo,
        admin,
        "sites",
        content.replace(b"REAL-1", b"REAL-2"),
        filename="more.csv",
    )
    assert second.stored == 1 and second.demo_accounts_disabled == []
    with demo.reading() as session:
        left = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "leave_demo")
        ).all()
    assert len(left) == 1 and left[0].reason == "import from that.csv"
