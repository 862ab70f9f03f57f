"""Demo public Internet points and game-service points, mostly in towns.

Names, owners and numbers are generated and marked as demo data. Game points carry
eligibility certificates valid for three years; some have expired, some points have
none yet, so that the registry's checks have something to find.
"""

from __future__ import annotations

from datetime import date, time, timedelta

import numpy as np
import pandas as pd

from registry.demo.sites import DEMO_NOTE
from registry.kernel.vocabulary import PointKind, PointStatus

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Hồ", "Đinh")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Hữu", "Thanh", "Quốc", "Ngọc")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hòa", "Lan", "Long", "Mai",
         "Nam", "Phúc", "Quang", "Sơn", "Thủy", "Trung", "Tuấn", "Vinh")  # fmt: skip
ISPS = ("Viettel", "VNPT", "FPT Telecom")
KIND_SHARES = (
    (PointKind.INTERNET_AGENT, 0.33),
    (PointKind.ISP_POINT, 0.09),
    (PointKind.VENUE, 0.18),
    (PointKind.GAME_POINT, 0.40),
)
NAME_STEM = {
    PointKind.INTERNET_AGENT: "Đại lý Internet",
    PointKind.ISP_POINT: "Điểm Internet",
    PointKind.VENUE: "Quán cà phê",
    PointKind.GAME_POINT: "Phòng game",
}
REFORM_DAY = date(2025, 7, 1)


def _person(rng) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _certificate(rng, opened: date, today: date, district: str, commune: str) -> dict:
    """A game point's latest certificate: valid 3 years, renewed or lapsed."""
    issued = opened
    while issued + timedelta(days=3 * 365) < today and rng.random() < 0.75:
        issued = issued + timedelta(days=3 * 365 + int(rng.integers(-20, 40)))
    issued = min(issued, today)
    issuer = f"UBND {commune}" if issued >= REFORM_DAY else f"UBND {district}"
    return {
        "certificate_number": f"{int(rng.integers(1, 999)):03d}/GCN-DEMO",
        "certificate_issuer": issuer,
        "certificate_issued_on": issued,
        "certificate_expires_on": issued + timedelta(days=3 * 365),
    }


def demo_points(
    communes: pd.DataFrame, lat, lon, owner, rng: np.random.Generator, today: date
) -> tuple[list[dict], list[list[tuple[str, date]]]]:
    """Rows of demo points at the given positions, and their status histories.

    ``communes`` (name, short_name, district_name) is indexed like ``owner``.
    """
    kinds = [k for k, _ in KIND_SHARES]
    shares = np.array([s for _, s in KIND_SHARES])
    rows, histories = [], []
    for i in range(len(owner)):
        commune = communes.iloc[owner[i]]
        kind = kinds[int(rng.choice(len(kinds), p=shares))]
        opened = date(2012, 1, 1) + timedelta(
            days=int(rng.integers(0, (today - date(2012, 1, 1)).days - 30))
        )
        game = kind == PointKind.GAME_POINT
        row = {
            "kind": kind.value,
            "name": f"{NAME_STEM[kind]} {commune['short_name']} {i + 1:03d}",
            "latitude": float(lat[i]),
            "longitude": float(lon[i]),
            "coord_source": "demo",
            "coord_accuracy_m": 10.0,
            "address": f"{commune['name']} (địa chỉ mẫu)",
            "declared_commune": commune["name"],
            "owner_name": _person(rng),
            "owner_phone": f"0900 {int(rng.integers(0, 999_999)):06d}",
            "business_reg_number": f"DKKD-DEMO-{i + 1:05d}",
            "business_reg_date": opened - timedelta(days=30),
            "isp_name": str(rng.choice(ISPS)),
            "isp_contract_number": f"HĐ-DEMO-{i + 1:05d}"
            if kind != PointKind.VENUE
            else None,
            "computers": int(rng.integers(8, 61)) if kind != PointKind.VENUE else None,
            "floor_area_m2": float(rng.integers(25, 121))
            if kind != PointKind.VENUE
            else None,
            "opens_at": time(8, 0) if game or rng.random() < 0.5 else time(7, 0),
            "closes_at": time(22, 0) if rng.random() < 0.9 else time(23, 0),
            "notes": DEMO_NOTE,
        }
        history = [(PointStatus.OPERATING.value, opened)]
        if game and rng.random() < 0.06:
            history = [
                (
                    PointStatus.PENDING.value,
                    today - timedelta(days=int(rng.integers(1, 15))),
                )
            ]
        elif game:
            row.update(
                _certificate(
                    rng, opened, today, commune["district_name"], commune["name"]
                )
            )
            expired = row["certificate_expires_on"] < today
            if expired and rng.random() < 0.3:
                history.append(
                    (
                        PointStatus.REVOKED.value,
                        row["certificate_expires_on"] + timedelta(days=60),
                    )
                )
        if history[-1][0] == PointStatus.OPERATING and rng.random() < 0.1:
            history.append(
                (
                    PointStatus.CLOSED.value,
                    opened
                    + timedelta(
                        days=int(rng.integers(100, (today - opened).days + 101))
                    ),
                )
            )
        history = [(s, min(d, today)) for s, d in history]
        row["status"], row["status_since"] = history[-1]
        rows.append(row)
        histories.append(history)
    return rows, histories
