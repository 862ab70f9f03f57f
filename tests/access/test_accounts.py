"""An administrator's changes to users, on both databases: disable, enable,
password, role, area; each audited, each refusal coded."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from registry.access import messages as msg
from registry.access.accounts import (
    area_choices,
    disable_user,
    enable_user,
    set_area,
    set_password,
    set_role,
)
from registry.access.demo_accounts import leave_demo
from registry.access.users import authenticate, create_user, find_actor, list_users
from registry.kernel.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from registry.kernel.models import AuditEntry
from tests.factories import district_code


def _user(registry, admin, username="can.bo", role="viewer", **extra):
    return create_user(
        registry,
        admin,
        username=username,
        display_name=username,
        role=role,
        password="first-password",
        **extra,
    )


def _entries(registry, username: str, action: str) -> list[AuditEntry]:
    with registry.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry)
                .where(
                    AuditEntry.entity_type == "user",
                    AuditEntry.entity_id == username,
                    AuditEntry.action == action,
                )
                .order_by(AuditEntry.id)
            )
        )


def test_a_disabled_user_cannot_sign_in_until_enabled_again(registry, admin):
    _user(registry, admin)
    assert disable_user(registry, admin, "can.bo", reason="left the office")
    with pytest.raises(PermissionDeniedError) as refused:
        authenticate(registry, "can.bo", "first-password")
    assert refused.value.code == msg.WRONG_PASSWORD.code
    with pytest.raises(NotFoundError):  # the command line's --as, a page's refresh
        find_actor(registry, "can.bo")
    assert not disable_user(registry, admin, "can.bo")  # already: nothing audited
    (entry,) = _entries(registry, "can.bo", "disable_user")
    assert (entry.actor, entry.reason) == ("admin", "left the office")
    assert json.loads(entry.after) == {"active": False}

    assert enable_user(registry, admin, "can.bo")
    assert authenticate(registry, "can.bo", "first-password").username == "can.bo"
    assert len(_entries(registry, "can.bo", "enable_user")) == 1


def test_a_new_password_replaces_the_old_and_the_audit_keeps_no_hash(registry, admin):
    _user(registry, admin)
    set_password(registry, admin, "can.bo", "second-password")
    with pytest.raises(PermissionDeniedError):
        authenticate(registry, "can.bo", "first-password")
    assert authenticate(registry, "can.bo", "second-password").username == "can.bo"
    (entry,) = _entries(registry, "can.bo", "set_password")
    assert "argon2" not in (entry.before or "") + (entry.after or "")
    assert "second-password" not in (entry.before or "") + (entry.after or "")
    with pytest.raises(ValidationError) as refused:
        set_password(registry, admin, "can.bo", "short")
    assert refused.value.errors[0].code == msg.PASSWORD.code


def test_role_and_area_changes_are_checked_and_audited(registry, admin):
    _user(registry, admin)
    vinh = district_code(registry, "Vinh")
    moved = set_role(
        registry, admin, "can.bo", "district", area_edition="2025-06", area_code=vinh
    )
    assert (moved.role.value, moved.area_code) == ("district", vinh)
    nghi_loc = district_code(registry, "Nghi Lộc")
    moved = set_area(
        registry, admin, "can.bo", area_edition="2025-06", area_code=nghi_loc
    )
    assert moved.area_code == nghi_loc
    (entry,) = _entries(registry, "can.bo", "set_area")
    assert json.loads(entry.before)["area_code"] == vinh
    assert json.loads(entry.after)["area_code"] == nghi_loc

    with pytest.raises(ValidationError) as refused:  # a district code for a commune
        set_role(registry, admin, "can.bo", "commune")
    assert refused.value.errors[0].code == msg.AREA_CODE.code
    with pytest.raises(ValidationError) as refused:
        set_role(registry, admin, "can.bo", "emperor")
    assert refused.value.errors[0].code == msg.ROLE.code
    # A role without an area drops it.
    plain = set_role(registry, admin, "can.bo", "viewer")
    assert (plain.role.value, plain.area_code) == ("viewer", None)
    listed = {u["username"]: u for u in list_users(registry, admin)}
    assert listed["can.bo"]["role"] == "viewer" and listed["can.bo"]["active"]


def test_the_last_enabled_admin_can_be_neither_disabled_nor_demoted(registry, admin):
    for refused_change in (
        lambda: disable_user(registry, admin, "admin"),
        lambda: set_role(registry, admin, "admin", "viewer"),
    ):
        with pytest.raises(ConflictError) as refused:
            refused_change()
        assert refused.value.code == msg.LAST_ADMIN.code
    _user(registry, admin, "quan.tri.2", role="admin")
    assert disable_user(registry, admin, "admin")
    second = find_actor(registry, "quan.tri.2")
    with pytest.raises(ConflictError):
        set_role(registry, second, "quan.tri.2", "department")


def test_only_administrators_manage_users(registry, admin):
    _user(registry, admin)
    _user(registry, admin, "so", role="department")
    department = find_actor(registry, "so")
    for call in (
        lambda: disable_user(registry, department, "can.bo"),
        lambda: enable_user(registry, department, "can.bo"),
        lambda: set_password(registry, department, "can.bo", "stolen-password"),
        lambda: set_role(registry, department, "so", "admin"),
        lambda: set_area(registry, department, "can.bo"),
        lambda: area_choices(registry, department, "2025-06", "district"),
    ):
        with pytest.raises(PermissionDeniedError) as refused:
            call()
        assert refused.value.code == msg.ROLE_LACKS.code
    with pytest.raises(NotFoundError) as missing:
        disable_user(registry, admin, "nobody")
    assert missing.value.code == msg.USER_NOT_FOUND.code


def test_a_demo_account_stays_disabled_after_the_demo_until_a_new_password(
    registry, admin
):
    _user(registry, admin, "khach", demo_account=True)
    with registry.transaction() as session:
        assert leave_demo(session, "admin", "test") == ["khach"]
    with pytest.raises(ConflictError) as refused:
        enable_user(registry, admin, "khach")
    assert refused.value.code == msg.DEMO_ACCOUNT.code
    set_password(registry, admin, "khach", "own-password-now")
    assert enable_user(registry, admin, "khach")
    assert authenticate(registry, "khach", "own-password-now").username == "khach"
    with pytest.raises(PermissionDeniedError):
        authenticate(registry, "khach", "first-password")


def test_area_choices_list_the_stored_units_by_name(registry, admin):
    districts = area_choices(registry, admin, "2025-06", "district")
    names = [name for _, name in districts]
    assert len(districts) == 20 and names == sorted(names)
    assert (district_code(registry, "Vinh"), "Thành phố Vinh") in districts
    assert len(area_choices(registry, admin, "2025-07", "commune")) == 130
