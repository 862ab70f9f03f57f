"""An administrator's changes to existing users: disable, enable, password, role, area.

Each is one use case in one transaction with its audit entry. The registry keeps at
least one enabled administrator: disabling or demoting the last one is refused.
A demo account of a registry that left the demo stays disabled until it is given a
new password (the shared demo password is public).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.access import messages as msg
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.access.sessions import end_user_sessions
from registry.access.users import (
    PASSWORD_MIN,
    actor_of,
    check_jurisdiction,
    check_password,
    hash_password,
)
from registry.kernel.audit import record_audit
from registry.kernel.dataset import DEMO_KEY, IN_DEMO
from registry.kernel.db import Registry
from registry.kernel.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    ValidationError,
)
from registry.kernel.models import AdminUnit, DatasetInfo, User
from registry.kernel.vocabulary import Role


def _user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFoundError(msg.USER_NOT_FOUND, key=username)
    return user


def _keep_an_admin(session: Session, user: User) -> None:
    """Refuse to take the last enabled administrator away."""
    if user.role != Role.ADMIN or not user.active:
        return
    others = session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN.value, User.active, User.id != user.id)
    )
    if not others:
        raise ConflictError(msg.LAST_ADMIN, username=user.username)


def _left_demo(session: Session) -> bool:
    info = session.get(DatasetInfo, DEMO_KEY)
    return info is not None and info.value != IN_DEMO


def _change(
    registry: Registry,
    actor: Actor,
    username: str,
    action: str,
    apply,
    *,
    reason: str | None = None,
) -> bool:
    """Run ``apply(session, user) -> (before, after) | None`` on one user under the
    manage-users right; audit it when it changed something. True if it did."""
    perm.require(actor, perm.MANAGE_USERS, "system")
    with registry.transaction() as session:
        user = _user(session, username)
        changed = apply(session, user)
        if changed is None:
            return False
        before, after = changed
        record_audit(
            session,
            actor.username,
            action,
            "user",
            user.username,
            before=before,
            after=after,
            reason=reason,
        )
        return True


def disable_user(
    registry: Registry, actor: Actor, username: str, *, reason: str | None = None
) -> bool:
    """Stop a user from signing in; their open sessions end (in every browser,
    at its next page load).

    Refused for the last enabled administrator. False if already disabled.
    """

    def apply(session: Session, user: User):
        if not user.active:
            return None
        _keep_an_admin(session, user)
        user.active = False
        end_user_sessions(session, user.username, actor.username, "user disabled")
        return {"active": True}, {"active": False}

    return _change(registry, actor, username, "disable_user", apply, reason=reason)


def enable_user(
    registry: Registry, actor: Actor, username: str, *, reason: str | None = None
) -> bool:
    """Let a disabled user sign in again. False if already enabled.

    A demo account of a registry that left the demo is refused until it has a new
    password.
    """

    def apply(session: Session, user: User):
        if user.active:
            return None
        if user.demo_account and _left_demo(session):
            raise ConflictError(msg.DEMO_ACCOUNT, username=user.username)
        user.active = True
        return {"active": False}, {"active": True}

    return _change(registry, actor, username, "enable_user", apply, reason=reason)


def set_password(
    registry: Registry,
    actor: Actor,
    username: str,
    password: str,
    *,
    minimum: int = PASSWORD_MIN,
    reason: str | None = None,
) -> bool:
    """Give a user a new password (audited without the password or its hash).

    A demo account given its own password is no longer a demo account.
    """
    check_password(password, minimum)
    fresh = hash_password(registry, password)

    def apply(session: Session, user: User):
        before: dict[str, Any] = {"password": "set" if user.password_hash else None}
        after: dict[str, Any] = {"password": "changed"}
        if user.demo_account:
            before["demo_account"], after["demo_account"] = True, False
            user.demo_account = False
        user.password_hash = fresh
        return before, after

    return _change(registry, actor, username, "set_password", apply, reason=reason)


def _jurisdiction(user: User) -> dict[str, Any]:
    return {
        "role": user.role,
        "area_edition": user.area_edition,
        "area_code": user.area_code,
        "network_code": user.network_code,
    }


def _set_jurisdiction(
    registry: Registry,
    actor: Actor,
    username: str,
    action: str,
    *,
    role: str | None,
    area_edition: str | None,
    area_code: str | None,
    network_code: str | None,
    keep_area: bool,
    reason: str | None,
) -> Actor:
    """Change role and/or area (or network), checked as a new user's would be."""

    def apply(session: Session, user: User):
        before = _jurisdiction(user)
        new_role = Role(role) if role is not None else Role(user.role)
        if keep_area:
            edition, code = user.area_edition, user.area_code
            network = user.network_code
        else:
            edition, code, network = area_edition, area_code, network_code
        # Only the roles that have an area (or network) keep one.
        if new_role not in (Role.DISTRICT, Role.COMMUNE):
            edition = code = None
        if new_role != Role.OPERATOR:
            network = None
        check_jurisdiction(session, new_role, edition, code, network)
        if new_role != Role.ADMIN:
            _keep_an_admin(session, user)
        user.role = new_role.value
        user.area_edition, user.area_code, user.network_code = edition, code, network
        after = _jurisdiction(user)
        if after == before:
            return None
        return before, after

    if role is not None and role not in {r.value for r in Role}:
        raise ValidationError(
            [FieldError("role", role, msg.ROLE, roles=[r.value for r in Role])]
        )
    _change(registry, actor, username, action, apply, reason=reason)
    with registry.reading() as session:
        return actor_of(session, _user(session, username))


def set_role(
    registry: Registry,
    actor: Actor,
    username: str,
    role: str,
    *,
    area_edition: str | None = None,
    area_code: str | None = None,
    network_code: str | None = None,
    reason: str | None = None,
) -> Actor:
    """Give a user another role, with the area or network that role needs.

    Without an area or network, the user's present one is kept where the new role
    has one. Demoting the last enabled administrator is refused.
    """
    keep = area_edition is None and area_code is None and network_code is None
    return _set_jurisdiction(
        registry,
        actor,
        username,
        "set_role",
        role=role,
        area_edition=area_edition,
        area_code=area_code,
        network_code=network_code,
        keep_area=keep,
        reason=reason,
    )


def set_area(
    registry: Registry,
    actor: Actor,
    username: str,
    *,
    area_edition: str | None = None,
    area_code: str | None = None,
    network_code: str | None = None,
    reason: str | None = None,
) -> Actor:
    """Move a district or commune user to another area (or an operator to another
    network), checked against the stored units."""
    return _set_jurisdiction(
        registry,
        actor,
        username,
        "set_area",
        role=None,
        area_edition=area_edition,
        area_code=area_code,
        network_code=network_code,
        keep_area=False,
        reason=reason,
    )


def area_choices(
    registry: Registry, actor: Actor, edition: str, level: str
) -> list[tuple[str, str]]:
    """(code, name) of the stored districts or communes of an edition, by name:
    the areas an administrator may give a district or commune user."""
    perm.require(actor, perm.MANAGE_USERS, "system")
    with registry.reading() as session:
        rows = session.execute(
            select(AdminUnit.code, AdminUnit.name).where(
                AdminUnit.edition == edition, AdminUnit.level == level
            )
        ).all()
    # Sorted here: the databases' collations order Vietnamese letters differently.
    return sorted(((code, name) for code, name in rows), key=lambda row: row[1])
