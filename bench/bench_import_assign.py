"""Benchmark: importing 100,000 sites from CSV, and assigning points to polygons.

Prints rows per second for the import into SQLite and PostgreSQL (if reachable),
the time pandas alone needs to parse the same file (the aim: import within 3× of
it), and seconds to assign 150,000 points to 10,000 polygons (aim: under 1 s).

    python bench/bench_import_assign.py [--rows 100000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geodata.approximate import approximate_unit_polygons, province_outline  # noqa: E402
from geodata.assign import assign_points  # noqa: E402
from registry.access.users import find_actor  # noqa: E402
from registry.bootstrap import initialise  # noqa: E402
from registry.files.imports import import_records  # noqa: E402
from registry.kernel.db import open_registry  # noqa: E402
from registry.kernel.settings import load_config  # noqa: E402

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def make_sites_csv(path: Path, rows: int) -> None:
    """A deterministic CSV of valid sites spread over Nghệ An's communes."""
    rng = np.random.default_rng(7)
    communes = approximate_unit_polygons("40", "2025-06")
    communes = communes[communes["level"] == "commune"].reset_index(drop=True)
    owner = rng.integers(0, len(communes), rows)
    lat = np.empty(rows)
    lon = np.empty(rows)
    for index, polygon in enumerate(communes.geometry):
        mine = np.flatnonzero(owner == index)
        if not len(mine):
            continue
        x0, y0, x1, y1 = polygon.bounds
        found = np.empty((0, 2))
        while len(found) < len(mine):
            xs = rng.uniform(x0, x1, 4 * len(mine))
            ys = rng.uniform(y0, y1, 4 * len(mine))
            inside = shapely.contains_xy(polygon, xs, ys)
            found = np.vstack([found, np.column_stack([xs[inside], ys[inside]])])
        lon[mine], lat[mine] = found[: len(mine), 0], found[: len(mine), 1]
    networks = rng.choice(["04", "02", "01", "05", "07", "08"], rows)
    frame = pd.DataFrame(
        {
            "network_code": networks,
            "site_code": [f"B{i:07d}" for i in range(rows)],
            "name": [
                f"Trạm {communes['short_name'].iloc[o]} {i}"
                for i, o in enumerate(owner)
            ],
            "latitude": np.round(lat, 6),
            "longitude": np.round(lon, 6),
            "structure_type": rng.choice(
                ["ground_tower", "rooftop_pole", "guyed_mast"], rows
            ),
            "structure_height_m": rng.integers(6, 60, rows),
            "on_air_2g": "2012-05-01",
            "on_air_4g": "2018-06-15",
            "declared_commune": communes["name"].to_numpy()[owner],
        }
    )
    frame.to_csv(path, index=False)


def time_import(url: str, path: Path) -> float:
    registry = open_registry(load_config({"REGISTRY_DATABASE_URL": url}))
    initialise(registry)
    admin = find_actor(registry, "admin")
    start = time.perf_counter()
    report = import_records(registry, admin, "sites", path)
    seconds = time.perf_counter() - start
    assert report.ok and report.stored > 0, report.errors[:5]
    registry.engine.dispose()
    return seconds


def bench_assignment(points: int = 150_000, polygons: int = 10_000) -> float:
    rng = np.random.default_rng(11)
    outline = province_outline("40")
    x0, y0, x1, y1 = outline.bounds
    seeds = shapely.points(rng.uniform(x0, x1, polygons), rng.uniform(y0, y1, polygons))
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(seeds)))
    cells = shapely.intersection(cells, shapely.box(x0, y0, x1, y1))
    frame = gpd.GeoDataFrame(
        {"code": [str(i) for i in range(len(cells))]}, geometry=cells, crs="EPSG:4326"
    )
    lat = rng.uniform(y0, y1, points)
    lon = rng.uniform(x0, x1, points)
    assign_points(lat[:100], lon[:100], frame)  # warm-up: imports, first index build
    start = time.perf_counter()
    codes = assign_points(lat, lon, frame)
    seconds = time.perf_counter() - start
    assert (codes != None).mean() > 0.99  # noqa: E711
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", default=POSTGRES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        csv_path = folder / "sites.csv"
        make_sites_csv(csv_path, args.rows)
        start = time.perf_counter()
        pd.read_csv(csv_path, dtype=str, keep_default_na=False)
        parse = time.perf_counter() - start
        print(f"pandas parse of {args.rows:,} rows: {parse:.2f} s")
        sqlite = time_import(f"sqlite:///{folder / 'bench.sqlite3'}", csv_path)
        print(
            f"import into SQLite:     {sqlite:.2f} s = "
            f"{args.rows / sqlite:,.0f} rows/s ({sqlite / parse:.1f}× pandas parse)"
        )
        name = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as exc:  # no server: say so and go on
            print(f"import into PostgreSQL: skipped ({exc.__class__.__name__})")
        else:
            url = args.postgres.rsplit("/", 1)[0] + "/" + name
            try:
                pg = time_import(url, csv_path)
                print(
                    f"import into PostgreSQL: {pg:.2f} s = "
                    f"{args.rows / pg:,.0f} rows/s ({pg / parse:.1f}× pandas parse)"
                )
            finally:
                with admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    seconds = bench_assignment()
    print(f"assign 150,000 points to 10,000 polygons: {seconds:.3f} s")


if __name__ == "__main__":
    main()
