"""Deterministic people, points and photos for the inspection tests.

:func:`make_world` adds, to an initialised registry, one user per role and area
that the jurisdiction tests need and three points: a game point and an Internet
agent in Vinh's Hưng Dũng ward, and a game point in Nghi Văn (Nghi Lộc district).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date

from PIL import Image

from registry.access.permissions import Actor
from registry.access.users import create_user, find_actor
from registry.inspections.service import (
    open_inspection,
    record_items,
    review_inspection,
    submit_inspection,
)
from registry.kernel.db import Registry
from registry.records.by_kind import POINTS
from tests.factories import commune_centroid, district_code, point_values

# A day under Decree 72/2013 as amended (school distance, floor area) and under
# Decree 147/2024.
OLD_REGIME_DAY = date(2024, 6, 3)
NEW_REGIME_DAY = date(2025, 3, 10)


@dataclass(frozen=True)
class World:
    """The users and points of an inspection test."""

    registry: Registry | None  # None in the session's template data
    admin: Actor
    clerk: Actor  # commune staff of Hưng Dũng (Vinh)
    neighbour: Actor  # commune staff of Hưng Bình (Vinh)
    outsider: Actor  # commune staff of Nghi Văn (Nghi Lộc)
    new_commune: Actor  # commune staff of the 2025-07 commune Hưng Dũng went into
    district: Actor  # Vinh
    other_district: Actor  # Nghi Lộc
    department: Actor
    operator: Actor
    viewer: Actor
    game: int  # game point in Hưng Dũng
    agent: int  # Internet agent in Hưng Dũng
    far_game: int  # game point in Nghi Văn


def _user(registry, admin, name, role, edition=None, code=None, network=None):
    return create_user(
        registry,
        admin,
        username=name,
        display_name=name,
        role=role,
        area_edition=edition,
        area_code=code,
        network_code=network,
    )


def make_world(registry: Registry, admin: Actor) -> World:
    """Users of every role and area, and the three points (see the module)."""
    communes = {
        name: commune_centroid(registry, name)[2]
        for name in ("Hưng Dũng", "Hưng Bình", "Nghi Văn")
    }
    new_code = commune_centroid(registry, "Thành Vinh", "2025-07")[2]
    game = POINTS.create(registry, admin, point_values(registry))
    agent = POINTS.create(
        registry,
        admin,
        point_values(
            registry,
            kind="internet_agent",
            name="Đại lý Internet Hưng Dũng",
            opens_at="07:00",
            closes_at="22:30",
            certificate_number=None,
            certificate_issuer=None,
            certificate_issued_on=None,
            certificate_expires_on=None,
            isp_name="VNPT",
            isp_contract_number="HĐ-01",
        ),
    )
    far = POINTS.create(
        registry,
        admin,
        point_values(registry, "Nghi Văn", name="Phòng game Nghi Văn"),
    )
    return World(
        registry=registry,
        admin=admin,
        clerk=_user(
            registry, admin, "xa.a", "commune", "2025-06", communes["Hưng Dũng"]
        ),
        neighbour=_user(
            registry, admin, "xa.b", "commune", "2025-06", communes["Hưng Bình"]
        ),
        outsider=_user(
            registry, admin, "xa.c", "commune", "2025-06", communes["Nghi Văn"]
        ),
        new_commune=_user(registry, admin, "xa.moi", "commune", "2025-07", new_code),
        district=_user(
            registry,
            admin,
            "huyen.a",
            "district",
            "2025-06",
            district_code(registry, "Vinh"),
        ),
        other_district=_user(
            registry,
            admin,
            "huyen.b",
            "district",
            "2025-06",
            district_code(registry, "Nghi Lộc"),
        ),
        department=_user(registry, admin, "so", "department"),
        operator=_user(registry, admin, "nhamang", "operator", network="04"),
        viewer=_user(registry, admin, "khach", "viewer"),
        game=int(game["id"]),
        agent=int(agent["id"]),
        far_game=int(far["id"]),
    )


def _world_template(registry: Registry) -> World:
    return replace(make_world(registry, find_actor(registry, "admin")), registry=None)


def world_copy(open_world) -> World:
    """A fresh copy of the inspection world (built once a session, see
    ``open_world`` in tests/conftest.py)."""
    registry, world = open_world("inspections", _world_template)
    return replace(world, registry=registry)


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (8, 8)) -> bytes:
    """A small image made with Pillow, in ``fmt`` (PNG, JPEG, GIF, WEBP)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def answered(view: dict, result: str = "pass") -> dict[str, dict]:
    """A result for every item of the checklist that has none yet."""
    return {
        item["rule_id"]: {"result": result}
        for item in view["items"]
        if item["result"] is None
    }


def submitted(
    world: World, point: int | None = None, *, on: date | None = None, by=None
) -> dict:
    """An inspection opened, fully answered and submitted by a commune clerk."""
    clerk = by or world.clerk
    view = open_inspection(world.registry, clerk, point or world.game, inspected_on=on)
    view = record_items(world.registry, clerk, view["id"], answered(view))
    return submit_inspection(world.registry, clerk, view["id"])


def reviewed(world: World, outcome: str, **kwargs) -> dict:
    """An inspection submitted and reviewed by the district with ``outcome``."""
    view = submitted(world, **kwargs)
    note = None if outcome == "approved" else "Thiếu ảnh biển hiệu"
    return review_inspection(
        world.registry, world.district, view["id"], outcome, note=note
    )
