"""Demo schools: a primary and a lower secondary school in every town (phường,
thị trấn), an upper secondary school in every district, and a few schools placed
close to demo game points, so that the 200 m rule has something to find.

Every name ends in "(mẫu)" and every row is stored with source "demo". Generated
from its own seed, so the other demo records do not change when this does.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from geodata.sampling import moved_point
from registry.demo.places import URBAN_TYPES
from registry.kernel.vocabulary import PointKind, PointStatus

SCHOOL_SEED = 4242
# How many demo game points get a school within the 200 m of Decree 72/2013.
NEAR_GAME_POINTS = 8
NEAR_METRES = (60.0, 185.0)
CENTRE_METRES = (150.0, 500.0)
_NEAR_LEVELS = (
    ("primary", "Trường Tiểu học {} số 2 (mẫu)"),
    ("lower_secondary", "Trường THCS {} số 2 (mẫu)"),
    ("multi_level", "Trường TH và THCS {} (mẫu)"),
)


def _moved(
    lat: float, lon: float, metres: float, bearing: float
) -> tuple[float, float]:
    """A point ``metres`` away in direction ``bearing`` (radians from north)."""
    moved_lat, moved_lon = moved_point(lat, lon, metres, bearing)
    return round(moved_lat, 6), round(moved_lon, 6)


def _near(rng, lat, lon, metres) -> tuple[float, float]:
    return _moved(lat, lon, rng.uniform(*metres), rng.uniform(0, 2 * math.pi))


def demo_schools(
    units: pd.DataFrame, points: list[dict], point_communes: pd.DataFrame
) -> pd.DataFrame:
    """The demo schools (name, level, latitude, longitude, address).

    Parameters
    ----------
    units : pandas.DataFrame
        Units of edition 2025-06 (:func:`registry.units.divisions.units_frame`): level,
        code, name, short_name, unit_type, lat, lon.
    points : list of dict
        The demo points (kind, status, latitude, longitude, name).
    point_communes : pandas.DataFrame
        The commune of each point (in order): unit_type ("Phường", "Xã", …) and
        short_name.
    """
    rng = np.random.default_rng(SCHOOL_SEED)
    rows = []
    communes = units[units["level"] == "commune"].sort_values("code")
    for town in communes[communes["unit_type"].isin(URBAN_TYPES)].itertuples():
        for level, stem in (("primary", "Tiểu học"), ("lower_secondary", "THCS")):
            lat, lon = _near(rng, town.lat, town.lon, CENTRE_METRES)
            rows.append((f"Trường {stem} {town.short_name} (mẫu)", level, lat, lon,
                         f"{town.name} (địa chỉ mẫu)"))  # fmt: skip
    for district in (
        units[units["level"] == "district"].sort_values("code").itertuples()
    ):
        lat, lon = _near(rng, district.lat, district.lon, CENTRE_METRES)
        rows.append((f"Trường THPT {district.short_name} (mẫu)", "upper_secondary",
                     lat, lon, f"{district.name} (địa chỉ mẫu)"))  # fmt: skip
    candidates = [
        position
        for position, point in enumerate(points)
        if point["kind"] == PointKind.GAME_POINT
        and point["status"] == PointStatus.OPERATING
        and point_communes["unit_type"].iat[position] in URBAN_TYPES
    ]
    count = min(NEAR_GAME_POINTS, len(candidates))
    chosen = sorted(rng.choice(candidates, size=count, replace=False)) if count else []
    for number, position in enumerate(chosen):
        point = points[position]
        level, template = _NEAR_LEVELS[number % len(_NEAR_LEVELS)]
        place = point_communes["short_name"].iat[position]
        lat, lon = _near(rng, point["latitude"], point["longitude"], NEAR_METRES)
        rows.append((template.format(place), level, lat, lon,
                     f"Gần {point['name']} (địa chỉ mẫu)"))  # fmt: skip
    return pd.DataFrame(
        rows, columns=["name", "level", "latitude", "longitude", "address"]
    )
