"""Demo permit applications: a few deterministic cases around Vinh, labelled demo.

Made through the real use cases by the demo users, each filed on its day (the registry's
clock is set to it, :func:`registry.kernel.clock.living_on`): Viettel files BTS
applications, the department records the game-point owners' applications, the Hưng
Dũng ward verifies and the Vinh district decides before 1/7/2025; since then the
2025-07 ward the positions lie in (Thành Vinh, with the approximate polygons) holds
the cases filed, alone; the department settles what is referred to it and the high
towers. Nobody verifies what they filed nor decides what they filed or verified
(four eyes), so every open application can be taken on by a demo user. Every inbox,
state and the report have something to show: approved, refused, referred up,
awaiting verification (one overdue), awaiting a decision, awaiting missing
documents.
Permit and certificate numbers start with ``DEMO-``; applicants say "(demo)".
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from pypdf import PdfWriter
from sqlalchemy import select

from geodata.names import match_unit
from registry.access.users import find_actor
from registry.kernel.clock import living_on
from registry.kernel.db import Registry
from registry.kernel.models import BtsSite, UnitAssignment
from registry.kernel.workdays import is_working_day
from registry.permits.filing import file_application
from registry.permits.steps import (
    approve_application,
    escalate_application,
    refuse_application,
    report_incomplete,
    verify_application,
)
from registry.units.divisions import assign, units_frame

DEMO_NOTE = "Hồ sơ mẫu (demo)"
# Small offsets (degrees) from the ward's centroid, one per application, so the
# positions differ but stay inside the ward.
_OFFSETS = (
    (0.0004, 0.0003),
    (-0.0004, 0.0002),
    (0.0002, -0.0004),
    (-0.0003, -0.0003),
    (0.0005, -0.0001),
    (-0.0001, 0.0005),
)


def _demo_pdf() -> bytes:
    """A one-page PDF titled as a demo file (documents must parse as PDF)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": "Ho so mau (demo)"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _centroid(registry: Registry, name: str) -> tuple[float, float]:
    with registry.reading() as session:
        communes = units_frame(session, "2025-06", "commune")
    row = communes[communes["code"] == match_unit(name, communes)].iloc[0]
    return float(row["lat"]), float(row["lon"])


def _site(lat: float, lon: float, number: int, **extra) -> dict:
    return {
        "network_code": "04",
        "site_code": f"DEMO-P{number:03d}",
        "name": f"Trạm đề nghị mẫu {number} (demo)",
        "latitude": round(lat, 6),
        "longitude": round(lon, 6),
        "coord_source": "demo",
        "address": "Phường Hưng Dũng, thành phố Vinh",
        "declared_commune": "Hưng Dũng",
        "structure_type": "ground_tower",
        "structure_height_m": 36,
        **extra,
    }


def _game(lat: float, lon: float, number: int) -> dict:
    return {
        "name": f"Phòng game mẫu {number} (demo)",
        "latitude": round(lat, 6),
        "longitude": round(lon, 6),
        "coord_source": "demo",
        "address": "Phường Hưng Dũng, thành phố Vinh",
        "declared_commune": "Hưng Dũng",
        "owner_name": f"Chủ điểm mẫu {number} (demo)",
        "owner_phone": "0900 000 000",
        "computers": 20,
        "floor_area_m2": 60,
        "opens_at": "08:00",
        "closes_at": "22:00",
    }


def load_demo_permits(registry: Registry, today: date) -> int:
    """File and walk the demo applications; returns how many were filed.

    Needs the demo users (registry.demo.load); the cases dated from the demo day are
    left out when it lies before September 2025.
    """
    viettel, ward = find_actor(registry, "viettel"), find_actor(registry, "xa.hungdung")
    district = find_actor(registry, "huyen.vinh")
    # Cases filed since 1/7/2025 are held by the 2025-07 ward only.
    new_ward = find_actor(registry, "xa.thanhvinh")
    department = find_actor(registry, "so.tttt")
    lat, lon = _centroid(registry, "Hưng Dũng")
    spots = [(lat + dy, lon + dx) for dy, dx in _OFFSETS]
    docs = [("ho-so-mau-demo.pdf", _demo_pdf())]

    def bts(number: int, day: date, **extra) -> int:
        values = _site(*spots[number - 1], number, **extra)
        with living_on(day):
            return file_application(
                registry,
                viettel,
                "bts_new",
                values=values,
                documents=docs,
                note=DEMO_NOTE,
            ).summary.id

    # Three-level era: a change of a Viettel site of the ward, approved by the
    # district (when the demo has one there); a new tower referred up.
    site_id = _viettel_site_in(registry, lat, lon, date(2025, 5, 5))
    if site_id is not None:
        with living_on(date(2025, 5, 5)):
            filed = file_application(
                registry,
                viettel,
                "bts_change",
                site_id=site_id,
                values={"structure_height_m": 42, "name": "Trạm nâng cột (demo)"},
                documents=docs,
                note=DEMO_NOTE,
            )
        first = filed.summary.id
        # The site's structure decides the case, hence who decides.
        decider = district if filed.row.decide_level == "district" else department
        verify_application(
            registry,
            ward,
            first,
            site_visit_on=date(2025, 5, 7),
            neighbours_opinion="Các hộ liền kề đồng ý (demo)",
            on=date(2025, 5, 7),
        )
        approve_application(
            registry,
            decider,
            first,
            number="DEMO-GP-001/2025",
            conditions="Treo biển cảnh báo (demo)",
            on=date(2025, 5, 14),
        )
    second = bts(2, date(2025, 6, 2))
    verify_application(registry, ward, second, on=date(2025, 6, 4))
    escalate_application(
        registry,
        district,
        second,
        reason="Gần khu di tích, đề nghị Sở xem xét (demo)",
        on=date(2025, 6, 9),
    )
    # Settled within its 10 working days: an application of 2025 left open would
    # be overdue in every inbox for ever after (the demo is relative to today).
    if today >= date(2025, 6, 20):
        refuse_application(
            registry,
            department,
            second,
            reasons="Nằm trong khu vực bảo vệ di tích (demo)",
            on=date(2025, 6, 20),
        )
    # Game point recorded by the department, refused by the district in the
    # three-level era.
    with living_on(date(2025, 3, 3)):
        game = file_application(
            registry,
            department,
            "game_new",
            values=_game(*spots[4], 5),
            note=DEMO_NOTE,
        ).summary.id
    verify_application(registry, ward, game, on=date(2025, 3, 5))
    refuse_application(
        registry,
        district,
        game,
        reasons="Diện tích phòng máy không đúng hồ sơ (demo)",
        on=date(2025, 3, 12),
    )
    if today < date(2025, 9, 1):
        return 3 if site_id is not None else 2
    # Two-level era, relative to the demo day: one awaiting verification and
    # overdue, a high tower verified by the ward and awaiting the department's
    # decision (the ward, which verified it, may not decide it), one awaiting
    # documents.
    bts(3, _before(today, 12))
    fourth = bts(4, _before(today, 4), structure_height_m=60)
    verify_application(registry, new_ward, fourth, on=_before(today, 2))
    with living_on(_before(today, 6)):
        waiting = file_application(
            registry,
            department,
            "game_new",
            values=_game(*spots[5], 6),
            note=DEMO_NOTE,
        ).summary.id
    report_incomplete(
        registry,
        new_ward,
        waiting,
        reasons="Thiếu giấy đăng ký kinh doanh (demo)",
        on=_before(today, 5),
    )
    return 6 if site_id is not None else 5


def _viettel_site_in(
    registry: Registry, lat: float, lon: float, on: date
) -> int | None:
    """A Viettel site on air in the ward of (lat, lon) whose recorded events all
    happened by ``on`` (a change filed that day re-validates them), the lowest id,
    or None."""
    happened_by = [
        (column.is_(None) | (column <= on))
        for column in (
            BtsSite.on_air_2g,
            BtsSite.on_air_3g,
            BtsSite.on_air_4g,
            BtsSite.on_air_5g,
            BtsSite.permit_date,
            BtsSite.radiation_cert_date,
            BtsSite.notified_on,
        )
    ]
    where = assign(registry, [lat], [lon]).units_of(0)["2025-06"][0]
    with registry.reading() as session:
        return session.scalar(
            select(BtsSite.id)
            .join(
                UnitAssignment,
                (UnitAssignment.record_type == "site")
                & (UnitAssignment.record_id == BtsSite.id),
            )
            .where(
                UnitAssignment.edition == "2025-06",
                UnitAssignment.commune_code == where,
                BtsSite.network_code == "04",
                BtsSite.status == "on_air",
                BtsSite.retired_on.is_(None),
                BtsSite.status_since <= on,
                *happened_by,
            )
            .order_by(BtsSite.id)
            .limit(1)
        )


def _before(day: date, working_days: int) -> date:
    """The working day ``working_days`` working days before ``day``."""
    left, current = working_days, day
    while left:
        current -= timedelta(days=1)
        if is_working_day(current):
            left -= 1
    return current
