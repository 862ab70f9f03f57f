"""The demo province: a deterministic, clearly labelled data set for Nghệ An.

``load_demo`` fills an empty registry with about 5,000 BTS sites (grown from 2005
to today), several hundred Internet and game points, their histories, demo schools
(some within 200 m of game points), one demo user per role and inspections of the
points since 2018 (:mod:`registry.demo.inspections`). The same seed
always gives the same data on the same day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import func, select

from geodata.land import clip_to_land
from geodata.names import match_unit
from geodata.sampling import random_points_in_polygons
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.access.users import create_user
from registry.demo import messages as msg
from registry.demo.inspections import load_demo_inspections
from registry.demo.permits import load_demo_permits
from registry.demo.places import allocate, commune_weights
from registry.demo.points import demo_points
from registry.demo.schools import demo_schools
from registry.demo.sites import demo_sites
from registry.kernel.clock import today as current_day
from registry.kernel.dataset import DEMO_KEY, DEMO_LEFT_AT_KEY, IN_DEMO, LEFT_DEMO
from registry.kernel.db import Registry
from registry.kernel.errors import ConflictError
from registry.kernel.models import BtsSite, DatasetInfo, PublicPoint
from registry.records.batch import new_batch_key, store_new_records
from registry.reference.schools import store_schools
from registry.units.divisions import assign, unit_polygons, units_frame
from registry.units.locations import location_flags

DEMO_SEED = 42
DEMO_SOURCE = "demo"
DEMO_PASSWORD = "demo-2025"

# One demo user per role. Areas are named (Nghệ An units) and their codes looked up
# in the stored units when the demo is loaded.
DEMO_USERS = (
    ("so.tttt", "Sở (demo)", "department", None, None, None),
    ("huyen.vinh", "TP Vinh (demo)", "district", "2025-06", "Vinh", None),
    ("huyen.nghiloc", "Huyện Nghi Lộc (demo)", "district", "2025-06", "Nghi Lộc", None),
    ("xa.hungdung", "Phường Hưng Dũng (demo)", "commune", "2025-06", "Hưng Dũng", None),
    (
        "xa.truongvinh",
        "Phường Trường Vinh (demo)",
        "commune",
        "2025-07",
        "Trường Vinh",
        None,
    ),
    # The 2025-07 ward where the demo applications near Hưng Dũng's centre lie
    # (approximate polygons): it alone holds those filed since 1/7/2025.
    (
        "xa.thanhvinh",
        "Phường Thành Vinh (demo)",
        "commune",
        "2025-07",
        "Thành Vinh",
        None,
    ),
    ("viettel", "Viettel Nghệ An (demo)", "operator", None, None, "04"),
    ("khach", "Người xem (demo)", "viewer", None, None, None),
)


@dataclass(frozen=True)
class DemoReport:
    """What the demo loader stored."""

    sites: int
    points: int
    users: list[str]
    flagged: int
    schools: int = 0
    inspections: int = 0


def _communes_with_polygons(registry: Registry):
    polygons = unit_polygons(registry, "2025-06", "commune")
    with registry.reading() as session:
        units = units_frame(session, "2025-06")
    names = dict(zip(units["code"], units["name"], strict=True))
    frame = polygons.merge(
        units[["code", "short_name", "unit_type", "lon"]], on="code", how="left"
    )
    frame["district_name"] = frame["parent_code"].map(names)
    return frame


def _demo_users(registry: Registry, actor: Actor, communes) -> list[str]:
    made = []
    for username, display, role, edition, area_name, network in DEMO_USERS:
        area_code = None
        if edition:
            level = "district" if role == "district" else "commune"
            with registry.reading() as session:
                units = units_frame(session, edition, level)
            area_code = match_unit(area_name, units)
        create_user(
            registry,
            actor,
            username=username,
            display_name=display,
            role=role,
            password=DEMO_PASSWORD,
            area_edition=edition,
            area_code=area_code,
            network_code=network,
            demo_account=True,
        )
        made.append(username)
    return made


def _store(registry, actor, record_type, rows, histories) -> int:
    frame = pd.DataFrame(rows)
    where = assign(registry, frame["latitude"], frame["longitude"])
    flags = location_flags(registry, list(frame["declared_commune"]), where)
    history = pd.DataFrame(
        [
            {"position": position, "status": status, "effective_on": since}
            for position, entries in enumerate(histories)
            for status, since in entries
        ]
    )
    with registry.transaction() as session:
        store_new_records(
            session,
            actor,
            record_type,
            frame,
            where=where,
            flags=flags,
            source=DEMO_SOURCE,
            reason="Dữ liệu mẫu (demo)",
            batch_key=new_batch_key("demo"),
            history=history,
        )
    return sum(f is not None for f in flags)


def load_demo(
    registry: Registry, actor: Actor, *, sites: int = 5000, today: date | None = None
) -> DemoReport:
    """Fill an empty registry with the demo data set (refused if it has records, or
    once the registry has left the demo)."""
    perm.require(actor, perm.MANAGE_USERS, "system")
    today = today or current_day()
    with registry.reading() as session:
        state = session.get(DatasetInfo, DEMO_KEY)
        if state is not None and state.value == LEFT_DEMO:
            left = session.get(DatasetInfo, DEMO_LEFT_AT_KEY)
            raise ConflictError(msg.LEFT, left_at=left.value if left else "")
        existing = session.scalar(select(func.count()).select_from(BtsSite)) + (
            session.scalar(select(func.count()).select_from(PublicPoint))
        )
    if existing:
        raise ConflictError(msg.NOT_EMPTY, existing=existing)
    rng = np.random.default_rng(DEMO_SEED)
    communes = _communes_with_polygons(registry)

    # Draw on land only: the approximate cells reach into the sea and across the
    # border, and records drawn there lose their commune once official
    # boundaries are imported (377 of 5,000 sites and 43 of 625 points before).
    on_land = clip_to_land(communes.geometry)
    site_counts = allocate(sites, commune_weights(communes, urban=9, town=4), rng)
    lat, lon, owner = random_points_in_polygons(on_land, site_counts, rng)
    site_rows, site_histories = demo_sites(communes, lat, lon, owner, rng, today)
    _misdeclare(site_rows, communes, owner, rng)

    point_total = max(60, sites // 8)
    point_counts = allocate(
        point_total, commune_weights(communes, urban=40, town=15), rng
    )
    plat, plon, powner = random_points_in_polygons(on_land, point_counts, rng)
    point_rows, point_histories = demo_points(communes, plat, plon, powner, rng, today)

    flagged = _store(registry, actor, "site", site_rows, site_histories)
    flagged += _store(registry, actor, "point", point_rows, point_histories)
    with registry.reading() as session:
        units = units_frame(session, "2025-06")
    schools = demo_schools(
        units, point_rows, communes.iloc[powner][["unit_type", "short_name"]]
    )
    users = _demo_users(registry, actor, communes)
    with registry.transaction() as session:
        store_schools(
            session, actor, schools, source=DEMO_SOURCE, reason="Dữ liệu mẫu (demo)"
        )
        session.merge(DatasetInfo(key=DEMO_KEY, value=IN_DEMO))
    load_demo_permits(registry, today)
    inspections = load_demo_inspections(registry, today)
    return DemoReport(
        len(site_rows), len(point_rows), users, flagged, len(schools), inspections
    )


def _misdeclare(rows: list[dict], communes, owner, rng) -> None:
    """Give 2 % of sites a neighbouring commune as declared, to exercise the flags."""
    for index in np.flatnonzero(rng.random(len(rows)) < 0.02):
        wrong = (owner[index] + 1) % len(communes)
        rows[index]["declared_commune"] = communes.iloc[wrong]["name"]
