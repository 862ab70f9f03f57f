"""Users, roles and jurisdictions; passwords are stored as argon2 hashes.

The hashes' cost is the ``REGISTRY_PASSWORD_HASHING`` setting. A registry on the
strong profile rehashes a stored hash of weaker parameters when its user signs in,
and audits it.
"""

from __future__ import annotations

import secrets
from functools import cache

from argon2 import PasswordHasher, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from geodata.editions import EDITIONS
from registry.access import messages as msg
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.audit import record_audit
from registry.kernel.clock import now
from registry.kernel.db import Registry
from registry.kernel.errors import (
    FieldError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from registry.kernel.models import AdminUnit, User
from registry.kernel.settings import PASSWORD_HASHING, STRONG_HASHING
from registry.kernel.text import validated_text
from registry.kernel.vocabulary import OPERATORS, Role


@cache
def _hasher(profile: str) -> PasswordHasher:
    time_cost, memory_cost, parallelism = PASSWORD_HASHING[profile]
    return PasswordHasher(
        time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism
    )


def _registry_hasher(registry: Registry) -> PasswordHasher:
    return _hasher(registry.config.password_hashing)


@cache
def _dummy_hash(profile: str) -> str:
    """A hash of the profile's cost that no typed password matches: an unknown
    user's sign-in is checked against it, so that it takes as long as a wrong
    password."""
    return _hasher(profile).hash(secrets.token_urlsafe(32))


# Shortest password a user may be given (the command line asks more of the
# administrator's: ADMIN_PASSWORD_MIN).
PASSWORD_MIN = 8
ADMIN_PASSWORD_MIN = 12


def check_password(password: str | None, minimum: int = PASSWORD_MIN) -> None:
    """Refuse a password shorter than ``minimum`` (the value is never shown)."""
    if password is None or len(password) < minimum:
        raise ValidationError(
            [FieldError("password", "***", msg.PASSWORD, minimum=minimum)]
        )


def hash_password(registry: Registry, password: str) -> str:
    """The argon2 hash of ``password`` at the registry's cost."""
    return _registry_hasher(registry).hash(password)


def _hash_parameters(password_hash: str) -> dict:
    """The argon2 cost stored in a hash (never the hash itself), for the audit."""
    parameters = extract_parameters(password_hash)
    return {
        "time_cost": parameters.time_cost,
        "memory_cost_kib": parameters.memory_cost,
        "parallelism": parameters.parallelism,
    }


def actor_of(session: Session, user: User) -> Actor:
    """The permission view of a stored user, with the name of their area."""
    area = None
    if user.area_edition and user.area_code:
        level = "district" if user.role == Role.DISTRICT else "commune"
        area = session.get(AdminUnit, (user.area_edition, level, user.area_code))
    return Actor(
        username=user.username,
        role=Role(user.role),
        area_edition=user.area_edition,
        area_code=user.area_code,
        network_code=user.network_code,
        area_name=area.name if area is not None else None,
    )


def check_jurisdiction(
    session: Session, role: Role, edition, area_code, network
) -> None:
    """Refuse an area or network that does not fit the role (or is not stored)."""
    errors = []
    if role in (Role.DISTRICT, Role.COMMUNE):
        level = "district" if role == Role.DISTRICT else "commune"
        if edition not in EDITIONS or level not in EDITIONS[edition].levels:
            errors.append(
                FieldError("area_edition", edition, msg.EDITION_WITH_LEVEL, level=level)
            )
        elif session.get(AdminUnit, (edition, level, area_code or "")) is None:
            errors.append(
                FieldError(
                    "area_code", area_code, msg.AREA_CODE, level=level, edition=edition
                )
            )
    if role == Role.OPERATOR and network not in OPERATORS:
        errors.append(
            FieldError("network_code", network, msg.NETWORK_CODE, codes=list(OPERATORS))
        )
    if errors:
        raise ValidationError(errors)


def create_user(
    registry: Registry,
    actor: Actor | None,
    *,
    username: str,
    display_name: str,
    role: str,
    password: str | None = None,
    area_edition: str | None = None,
    area_code: str | None = None,
    network_code: str | None = None,
    demo_account: bool = False,
    password_min: int = PASSWORD_MIN,
) -> Actor:
    """Add a user with a role and jurisdiction.

    ``actor`` None is the bootstrap case (the command line creating the first
    administrator); otherwise the actor needs the manage-users right.
    ``demo_account`` marks the demo loader's users, disabled when the registry
    leaves the demo.
    """
    if actor is not None:
        perm.require(actor, perm.MANAGE_USERS, "system")
    try:
        role_value = Role(role)
    except ValueError:
        raise ValidationError(
            [FieldError("role", role, msg.ROLE, roles=[r.value for r in Role])]
        ) from None
    username = (username or "").strip()
    if not username or len(username) > 60 or not username.replace(".", "").isalnum():
        raise ValidationError([FieldError("username", username, msg.USERNAME)])
    display_name = validated_text(
        "display_name", display_name, User.display_name, required=True
    )
    if password is not None:
        check_password(password, password_min)
    with registry.transaction() as session:
        if session.scalar(select(User.id).where(User.username == username)):
            raise ValidationError(
                [FieldError("username", username, msg.USERNAME_TAKEN)]
            )
        check_jurisdiction(session, role_value, area_edition, area_code, network_code)
        user = User(
            username=username,
            display_name=display_name,
            role=role_value.value,
            area_edition=area_edition,
            area_code=area_code,
            network_code=network_code,
            password_hash=hash_password(registry, password) if password else None,
            active=True,
            created_at=now(),
            demo_account=demo_account,
        )
        session.add(user)
        session.flush()
        record_audit(
            session,
            actor.username if actor else username,
            "create",
            "user",
            username,
            after={
                "role": user.role,
                "area_edition": area_edition,
                "area_code": area_code,
                "network_code": network_code,
                **({"demo_account": True} if demo_account else {}),
            },
        )
        return actor_of(session, user)


def find_actor(registry: Registry, username: str) -> Actor:
    """The active user of this name, as an actor (the command line's ``--as``)."""
    with registry.reading() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None or not user.active:
            raise NotFoundError(msg.ACTIVE_USER_NOT_FOUND, key=username)
        return actor_of(session, user)


def authenticate(registry: Registry, username: str, password: str) -> Actor:
    """Check a password; the same refusal, after the same work, for an unknown user,
    a disabled one and a wrong password.

    The password is always checked against an argon2 hash of the registry's cost:
    the user's own, or a dummy one for a name without a usable hash. On the strong
    hashing profile, a correct password whose stored hash has other (weaker)
    parameters is rehashed with the strong ones, and the change audited. Callers
    facing the network use :func:`registry.access.signin.sign_in`, which adds the
    throttle.
    """
    refusal = PermissionDeniedError(msg.WRONG_PASSWORD, user=username, action="sign in")
    profile = registry.config.password_hashing
    hasher = _hasher(profile)
    with registry.reading() as session:
        user = session.scalar(select(User).where(User.username == username))
        stored = user.password_hash if user is not None else None
        usable = user is not None and user.active and bool(stored)
        try:
            hasher.verify(stored or _dummy_hash(profile), password)
        except (VerificationError, InvalidHashError):
            raise refusal from None
        if not usable:
            raise refusal
        actor = actor_of(session, user)
    if profile == STRONG_HASHING and hasher.check_needs_rehash(stored):
        _rehash(registry, username, stored, hasher.hash(password))
    return actor


def _rehash(registry: Registry, username: str, stored: str, fresh: str) -> None:
    """Replace ``stored`` by ``fresh`` unless another sign-in did it first."""
    with registry.transaction() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None or user.password_hash != stored:
            return
        user.password_hash = fresh
        record_audit(
            session,
            username,
            "rehash_password",
            "user",
            username,
            before=_hash_parameters(stored),
            after=_hash_parameters(fresh),
            reason="sign-in: stored hash weaker than the strong profile",
        )


def list_users(registry: Registry, actor: Actor) -> list[dict]:
    """Every user with role, jurisdiction (and its name) and state (for
    administrators)."""
    perm.require(actor, perm.MANAGE_USERS, "system")
    with registry.reading() as session:
        users = session.scalars(select(User).order_by(User.username)).all()
        return [
            {
                "username": u.username,
                "display_name": u.display_name,
                "role": u.role,
                "area_edition": u.area_edition,
                "area_code": u.area_code,
                "area_name": actor_of(session, u).area_name,
                "network_code": u.network_code,
                "active": u.active,
                "demo_account": u.demo_account,
            }
            for u in users
        ]
