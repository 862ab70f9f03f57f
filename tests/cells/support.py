"""A demo registry and OpenCelliD-format files built from it, with known truths:
planted unregistered towers (several cells each), moved sites (cells far from the
registered place), on-air sites with no cells, sites with an unregistered 4G."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy import select

from geodata.distance import metric_xy
from registry.access.users import find_actor
from registry.demo.load import load_demo
from registry.kernel.db import Registry
from registry.kernel.models import BtsSite
from registry.units.divisions import units_frame
from tests.conftest import DEMO_DAY

HEADER = (
    "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,"
    "updated,averageSignal"
)
RADIO = {"2G": "GSM", "3G": "UMTS", "4G": "LTE", "5G": "NR"}
CELLS_PER_TOWER = 6
WORLD = "cells-demo-300"


@dataclass
class CellWorld:
    """What the files hold and what the findings must say."""

    rows: list[str]
    towers: list[tuple[str, float, float]]  # (network, lon, lat) planted
    moved: list[int]  # site ids whose cells are 4 km away
    silent: list[int]  # on-air site ids with no cells
    mismatched: list[int]  # site ids registered without 4G that show LTE
    foreign: int = 0
    broken: int = 0
    registered_ids: set[int] = field(default_factory=set)


def build_world(registry: Registry) -> None:
    """The builder of :data:`WORLD`: the 300-site demo as of the demo day."""
    load_demo(registry, find_actor(registry, "admin"), sites=300, today=DEMO_DAY)


def _sites(registry: Registry) -> pd.DataFrame:
    with registry.reading() as session:
        rows = session.execute(
            select(
                BtsSite.id,
                BtsSite.network_code,
                BtsSite.latitude,
                BtsSite.longitude,
                BtsSite.status,
                BtsSite.on_air_2g,
                BtsSite.on_air_3g,
                BtsSite.on_air_4g,
                BtsSite.on_air_5g,
                BtsSite.retired_on,
            ).order_by(BtsSite.id)
        ).all()
    return pd.DataFrame(
        rows,
        columns=["id", "net", "lat", "lon", "status", "g2", "g3", "g4", "g5", "ret"],
    )


def _row(radio, net, cell, lon, lat, rng=800, samples=15, mcc="452"):
    return (
        f"{radio},{mcc},{int(net)},{4000 + cell % 50},{cell},0,{lon:.6f},{lat:.6f},"
        f"{rng},{samples},1,1600000000,1761955200,0"
    )


def make_world(registry: Registry, seed: int = 7) -> CellWorld:
    """Cells for every on-air site (but the silent ones), planted towers, moved
    sites, mismatches, other countries' rows and broken rows, shuffled."""
    rng = np.random.default_rng(seed)
    sites = _sites(registry)
    standing = sites[sites["ret"].isna() & (sites["status"] == "on_air")]
    standing = standing.reset_index(drop=True)
    silent = standing["id"].iloc[[0, 1, 2]].tolist()
    moved = standing["id"].iloc[[3, 4]].tolist()
    no_4g = standing[standing["g4"].isna() & standing.index.isin(range(5, 400))]
    mismatched = no_4g["id"].iloc[:2].tolist()
    rows, cell = [], 1000
    x, y = metric_xy(sites["lat"], sites["lon"])
    for site in standing.itertuples():
        if site.id in silent:
            continue
        lat, lon = site.lat, site.lon
        if site.id in moved:
            lat += 0.036  # about 4 km north
        techs = [t for t, c in zip(RADIO, ("g2", "g3", "g4", "g5"), strict=True)
                 if getattr(site, c) is not None]  # fmt: skip
        if site.id in mismatched:
            techs.append("4G")
        for tech in techs:
            for _ in range(3):
                cell += 1
                d_lat, d_lon = rng.normal(0, 0.0008, 2)  # about 90 m
                rows.append(_row(RADIO[tech], site.net, cell, lon + d_lon, lat + d_lat))
    # Planted towers at commune centres far (> 6 km) from every site and each other.
    with registry.reading() as session:
        communes = units_frame(session, "2025-06", "commune")
    cx, cy = metric_xy(communes["lat"], communes["lon"])
    towers: list[tuple[str, float, float]] = []
    taken: list[tuple[float, float]] = [
        (float(a), float(b)) for a, b in zip(x, y, strict=True)
    ]
    for position in rng.permutation(len(communes)):
        px, py = cx[position], cy[position]
        if min(np.hypot(px - a, py - b) for a, b in taken) < 6000:
            continue
        network = ("04", "01", "02", "04")[len(towers)]
        lat, lon = communes["lat"].iat[position], communes["lon"].iat[position]
        towers.append((network, float(lon), float(lat)))
        taken.append((px, py))
        for k in range(CELLS_PER_TOWER):
            cell += 1
            d_lat, d_lon = rng.normal(0, 0.001, 2)
            radio = "LTE" if k % 2 else "GSM"
            rows.append(_row(radio, network, cell, lon + d_lon, lat + d_lat, 1200, 8))
        if len(towers) == 4:
            break
    foreign = [
        _row("LTE", 260, 1, 105.7, 18.7, mcc="310"),  # another country, same place
        _row("GSM", 1, 2, 2.35, 48.85, mcc="208"),
        _row("UMTS", 4, 3, 106.7, 10.8),  # Vietnam, but Hồ Chí Minh City
    ]
    broken = [
        "LTE,452,4,1,2",  # too few fields
        _row("LTE", 4, 5, 105.7, 18.7).replace(",105.700000,", ",abc,"),
        _row("WIMAX", 4, 6, 105.7, 18.7),
        '=HYPERLINK("http://x"),452,4,1,7,0,105.7,18.7,1,1,1,1,1,0',
        "<script>alert(1)</script>,452,4,1,8,0,105.7,18.7,1,1,1,1,1,0",
    ]
    rows = rows + foreign + broken
    order = rng.permutation(len(rows))
    return CellWorld(
        rows=[rows[i] for i in order],
        towers=towers,
        moved=moved,
        silent=silent,
        mismatched=mismatched,
        foreign=2,
        broken=len(broken),
    )


def file_bytes(world: CellWorld, *, header: bool = True, packed: bool = False) -> bytes:
    """The rows as an OpenCelliD CSV (with or without header, gzipped or not)."""
    text = ((HEADER + "\n") if header else "") + "\n".join(world.rows) + "\n"
    data = text.encode()
    return gzip.compress(data) if packed else data
