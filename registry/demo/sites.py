"""Demo BTS sites: operators, build dates, technologies and histories by era.

Eras follow public milestones in Vietnam: 3G from October 2009, 4G from April 2017,
commercial 5G from October 2024 (mostly in cities). Operator shares are plausible,
not measured. Every site is marked as demo data.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from registry.kernel.vocabulary import SiteStatus, StructureType

# (network code, share, first year of own sites)
OPERATOR_SHARES = (
    ("04", 0.42, 2005),
    ("02", 0.25, 2005),
    ("01", 0.23, 2005),
    ("05", 0.06, 2008),
    ("07", 0.02, 2009),
    ("08", 0.02, 2019),
)
SITE_CODE_PREFIX = {
    "04": "NAN",
    "02": "NA-VNP-",
    "01": "MBF-NA",
    "05": "VNM-NA",
    "07": "GM-NA",
    "08": "ITL-NA",
}
# Relative number of sites built per year, 2005 onwards: 3G and 4G roll-outs show.
BUILD_YEAR_WEIGHTS = {
    2005: 2, 2006: 3, 2007: 4, 2008: 5, 2009: 8, 2010: 9, 2011: 7, 2012: 5, 2013: 4,
    2014: 4, 2015: 4, 2016: 5, 2017: 8, 2018: 9, 2019: 8, 2020: 6, 2021: 5, 2022: 5,
    2023: 5, 2024: 6, 2025: 6, 2026: 4,
}  # fmt: skip
THREE_G_START = date(2009, 10, 12)
FOUR_G_START = date(2017, 4, 18)
FIVE_G_START = date(2024, 10, 15)
DEMO_NOTE = "Dữ liệu mẫu (demo) sinh tự động, không phải dữ liệu thật"


def _day_in(rng: np.random.Generator, start: date, end: date) -> date:
    span = max((end - start).days, 0)
    return start + timedelta(days=int(rng.integers(0, span + 1)))


def _build_dates(rng, urban: np.ndarray, today: date) -> list[date]:
    years = np.array(list(BUILD_YEAR_WEIGHTS))
    base = np.array(list(BUILD_YEAR_WEIGHTS.values()), dtype=float)
    # Rural communes got most of their sites later than the towns.
    rural = base * np.where(years >= 2012, 1.6, 0.6)
    out = []
    for is_urban in urban:
        weights = base if is_urban else rural
        year = int(rng.choice(years, p=weights / weights.sum()))
        end = min(date(year, 12, 31), today - timedelta(days=20))
        out.append(_day_in(rng, date(year, 1, 1), end))
    return out


def _operator(rng, built: date) -> str:
    eligible = [(c, s) for c, s, first in OPERATOR_SHARES if first <= built.year]
    shares = np.array([s for _, s in eligible])
    return eligible[int(rng.choice(len(eligible), p=shares / shares.sum()))][0]


def _structure(rng, urban: bool) -> tuple[str, float, float | None]:
    if urban:
        kinds, p = (
            ("rooftop_pole", "rooftop_small", "ground_tower", "guyed_mast"),
            (
                0.5,
                0.15,
                0.28,
                0.07,
            ),
        )
    else:
        kinds, p = ("ground_tower", "guyed_mast", "rooftop_pole"), (0.72, 0.18, 0.10)
    kind = StructureType(rng.choice(kinds, p=p))
    if kind == StructureType.ROOFTOP_SMALL:
        building = float(rng.integers(15, 40))
        return kind.value, round(min(3.0, building * 0.2), 1), building
    if kind == StructureType.ROOFTOP_POLE:
        return kind.value, float(rng.integers(6, 16)), float(rng.integers(9, 45))
    if kind == StructureType.GUYED_MAST:
        return kind.value, float(rng.integers(24, 43)), None
    return kind.value, float(rng.integers(30, 61)), None


def _technologies(rng, built: date, urban: bool, network: str, today: date) -> dict:
    tech = {"on_air_2g": None, "on_air_3g": None, "on_air_4g": None, "on_air_5g": None}
    if built < date(2021, 1, 1):
        tech["on_air_2g"] = built
    if built >= THREE_G_START:
        tech["on_air_3g"] = built if rng.random() < 0.85 else None
    elif rng.random() < 0.7:
        tech["on_air_3g"] = _day_in(rng, THREE_G_START, date(2012, 12, 31))
    if built >= FOUR_G_START:
        tech["on_air_4g"] = built
    elif rng.random() < 0.85:
        tech["on_air_4g"] = _day_in(rng, FOUR_G_START, date(2020, 12, 31))
    five_g_share = 0.35 if urban else 0.04
    if (
        network in ("04", "02", "01")
        and today > FIVE_G_START
        and rng.random() < five_g_share
    ):
        tech["on_air_5g"] = _day_in(rng, max(FIVE_G_START, built), today)
    if tech["on_air_2g"] is None and tech["on_air_4g"] is None:
        tech["on_air_4g"] = built
    return tech


def _history(rng, built: date, today: date) -> list[tuple[str, date]]:
    licensed = built - timedelta(days=int(rng.integers(20, 120)))
    recent = (today - built).days < 200
    roll = rng.random()
    if recent and roll < 0.25:
        return [(SiteStatus.PLANNED.value, licensed)]
    if recent and roll < 0.5:
        return [
            (SiteStatus.PLANNED.value, licensed),
            (SiteStatus.LICENSED.value, built),
        ]
    history = [(SiteStatus.LICENSED.value, licensed), (SiteStatus.ON_AIR.value, built)]
    if built.year < 2015 and roll < 0.04:
        history.append(
            (SiteStatus.DECOMMISSIONED.value, _day_in(rng, date(2016, 1, 1), today))
        )
    elif roll > 0.994:
        history.append((SiteStatus.SUSPENDED.value, _day_in(rng, built, today)))
    return history


def demo_sites(
    communes: pd.DataFrame, lat, lon, owner, rng: np.random.Generator, today: date
) -> tuple[list[dict], list[list[tuple[str, date]]]]:
    """Rows of demo sites at the given positions, and their status histories.

    ``communes`` (columns name, short_name, unit_type) is indexed like ``owner``,
    the commune index of each position.
    """
    urban = communes["unit_type"].isin(("Phường", "Thị trấn")).to_numpy()[owner]
    built = _build_dates(rng, urban, today)
    rows, histories, serial = [], [], {}
    for i, (when, is_urban) in enumerate(zip(built, urban, strict=True)):
        network = _operator(rng, when)
        serial[network] = serial.get(network, 0) + 1
        commune = communes.iloc[owner[i]]
        structure, height, building = _structure(rng, bool(is_urban))
        history = _history(rng, when, today)
        on_air = history[-1][0] != SiteStatus.PLANNED and any(
            s == SiteStatus.ON_AIR for s, _ in history
        )
        tech = (
            _technologies(rng, when, bool(is_urban), network, today) if on_air else {}
        )
        others = [
            c for c, _, first in OPERATOR_SHARES if c != network and first <= when.year
        ]
        shared = (
            sorted(rng.choice(others, size=int(rng.integers(1, 3)), replace=False))
            if rng.random() < 0.15
            else []
        )
        licensed = history[0][1]
        needs_permit = structure != StructureType.ROOFTOP_SMALL
        inspected = _day_in(
            rng, max(when, today - timedelta(days=5 * 365 + 200)), today
        )
        rows.append(
            {
                "network_code": network,
                "site_code": f"{SITE_CODE_PREFIX[network]}{serial[network]:05d}",
                "name": f"{commune['short_name']} {serial[network]:03d}",
                "latitude": float(lat[i]),
                "longitude": float(lon[i]),
                "coord_source": "demo",
                "coord_accuracy_m": float(rng.choice([5, 10, 30, 100])),
                "address": f"{commune['name']} (địa chỉ mẫu)",
                "declared_commune": commune["name"],
                "co_located": ",".join(shared) or None,
                "structure_type": structure,
                "structure_height_m": height,
                "building_height_m": building,
                **{
                    k: tech.get(k)
                    for k in ("on_air_2g", "on_air_3g", "on_air_4g", "on_air_5g")
                },
                "notified_on": licensed - timedelta(days=15),
                "permit_number": f"{serial[network]:04d}/GPXD-DEMO"
                if needs_permit
                else None,
                "permit_date": licensed if needs_permit else None,
                "radiation_cert_number": f"KĐ-DEMO-{i + 1:05d}" if on_air else None,
                "radiation_cert_date": inspected if on_air else None,
                "radiation_cert_expiry": inspected + timedelta(days=5 * 365)
                if on_air
                else None,
                "status": history[-1][0],
                "status_since": history[-1][1],
                "notes": DEMO_NOTE,
            }
        )
        histories.append(history)
    return rows, histories
