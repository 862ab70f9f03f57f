"""Who the signed-in user is, in words: name, role, area or network."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from registry.access import messages as msg
from registry.access.permissions import Actor
from registry.kernel.db import Registry
from registry.kernel.errors import NotFoundError
from registry.kernel.models import AdminUnit, User
from registry.kernel.vocabulary import OPERATORS


@dataclass(frozen=True)
class Profile:
    """What the app shows about the acting user."""

    username: str
    display_name: str
    role: str
    area_edition: str | None = None
    area_level: str | None = None
    area_code: str | None = None
    area_name: str | None = None
    network_code: str | None = None
    network_name: str | None = None


def actor_profile(registry: Registry, actor: Actor) -> Profile:
    """The acting user's own profile (display name, area name, network name)."""
    with registry.reading() as session:
        user = session.scalar(select(User).where(User.username == actor.username))
        if user is None:
            raise NotFoundError(msg.USER_NOT_FOUND, key=actor.username)
        area = None
        if actor.area_level and actor.area_edition and actor.area_code:
            area = session.get(
                AdminUnit, (actor.area_edition, actor.area_level, actor.area_code)
            )
        operator = OPERATORS.get(actor.network_code or "")
        return Profile(
            username=actor.username,
            display_name=user.display_name,
            role=actor.role.value,
            area_edition=actor.area_edition,
            area_level=actor.area_level,
            area_code=actor.area_code,
            area_name=area.name if area is not None else None,
            network_code=actor.network_code,
            network_name=operator.name if operator else None,
        )
