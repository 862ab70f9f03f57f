"""Benchmark: 1,000,000 OpenCelliD rows imported and matched, against a bare
``pandas.read_csv`` of the same file plus a ``geopandas.sjoin_nearest``.

Builds the labelled demo registry (SQLite file in a temporary folder) with
``--sites`` BTS sites, writes a generated cell file of ``--rows`` rows (a national
file's size): ``--province-share`` of them cells of the demo's sites (scattered
about 100 m around them, 3 per site and technology, plus planted towers), the rest
elsewhere in Vietnam (about 2 %% of them of other countries). Then times:

- the baseline: ``pandas.read_csv`` of the file, its points into UTM 48N and a
  ``geopandas.sjoin_nearest`` of every row to the sites (no filtering, storing or
  findings);
- :func:`registry.cells.service.import_cells`: reading, sorting out other
  countries, the province and broken rows, matching, clustering, findings, and
  storing the snapshot with its cells and findings in one transaction.

    python bench/bench_cells.py [--rows 1000000] [--sites 5000] [--province-share 0.1]

Aim: the import within 3 times the baseline.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from registry.access.users import find_actor  # noqa: E402
from registry.bootstrap import start_registry  # noqa: E402
from registry.cells.service import import_cells  # noqa: E402
from registry.kernel.models import BtsSite  # noqa: E402
from registry.kernel.settings import load_config  # noqa: E402

HEADER = (
    "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,"
    "updated,averageSignal"
)
# Vietnam without Nghệ An, roughly: (min_lon, min_lat, max_lon, max_lat).
ELSEWHERE = (105.9, 8.6, 109.4, 17.0)
NETWORKS = np.array([1, 2, 4, 5, 7, 8])
RADIOS = np.array(["GSM", "UMTS", "LTE", "NR"])


def _sites(registry) -> pd.DataFrame:
    with registry.reading() as session:
        rows = session.execute(
            select(BtsSite.network_code, BtsSite.latitude, BtsSite.longitude)
        ).all()
    return pd.DataFrame(rows, columns=["net", "lat", "lon"])


def write_file(path: Path, sites: pd.DataFrame, rows: int, share: float) -> None:
    """A generated national-size cell file (deterministic)."""
    rng = np.random.default_rng(2026)
    local = int(rows * share)
    pick = rng.integers(0, len(sites), local)
    lat = sites["lat"].to_numpy()[pick] + rng.normal(0, 0.001, local)
    lon = sites["lon"].to_numpy()[pick] + rng.normal(0, 0.001, local)
    net = sites["net"].astype(int).to_numpy()[pick]
    far = rows - local
    lon = np.concatenate([lon, rng.uniform(ELSEWHERE[0], ELSEWHERE[2], far)])
    lat = np.concatenate([lat, rng.uniform(ELSEWHERE[1], ELSEWHERE[3], far)])
    net = np.concatenate([net, rng.choice(NETWORKS, far)])
    mcc = np.where(rng.random(rows) < 0.02 * (np.arange(rows) >= local), 310, 452)
    frame = pd.DataFrame(
        {
            "radio": rng.choice(RADIOS, rows, p=[0.3, 0.2, 0.45, 0.05]),
            "mcc": mcc,
            "net": net,
            "area": rng.integers(1, 60000, rows),
            "cell": np.arange(rows) + 10_000,
            "unit": 0,
            "lon": lon.round(6),
            "lat": lat.round(6),
            "range": rng.integers(100, 4000, rows),
            "samples": rng.integers(1, 60, rows),
            "changeable": 1,
            "created": 1_500_000_000,
            "updated": rng.integers(1_600_000_000, 1_760_000_000, rows),
            "averageSignal": 0,
        }
    )
    frame.to_csv(path, index=False)


def baseline(path: Path, sites: pd.DataFrame) -> float:
    """read_csv + sjoin_nearest of every row to the sites, in UTM 48N."""
    start = time.perf_counter()
    table = pd.read_csv(path)
    cells = gpd.GeoDataFrame(
        table, geometry=gpd.points_from_xy(table["lon"], table["lat"]), crs=4326
    ).to_crs(32648)
    towers = gpd.GeoDataFrame(
        sites, geometry=gpd.points_from_xy(sites["lon"], sites["lat"]), crs=4326
    ).to_crs(32648)
    joined = gpd.sjoin_nearest(cells, towers, distance_col="metres")
    assert len(joined) >= len(table)
    return time.perf_counter() - start


def main() -> None:
    """Build, generate, time, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sites", type=int, default=5000)
    parser.add_argument("--province-share", type=float, default=0.1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        config = load_config(
            {
                "REGISTRY_DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
                "REGISTRY_DEMO_SITES": str(args.sites),
                "REGISTRY_PASSWORD_HASHING": "insecure-fast-for-tests-only",
            }
        )
        registry = start_registry(config)
        sites = _sites(registry)
        path = Path(folder) / "cell_towers.csv"
        write_file(path, sites, args.rows, args.province_share)
        size = path.stat().st_size / 2**20
        print(f"{args.rows:,} rows ({size:.0f} MB), {len(sites):,} sites, "
              f"{args.province_share:.0%} of the rows in the province")  # fmt: skip
        base = baseline(path, sites)
        print(f"{'read_csv + sjoin_nearest (baseline)':<44} {base:6.2f} s")
        admin = find_actor(registry, "admin")
        start = time.perf_counter()
        report = import_cells(registry, admin, path)
        ours = time.perf_counter() - start
        print(f"{'import_cells (read, match, findings, store)':<44} {ours:6.2f} s")
        print(f"{'ratio':<44} {ours / base:6.2f} x")
        print(
            f"kept {report.rows_kept:,}, other countries "
            f"{report.rows_other_country:,}, outside {report.rows_outside:,}, "
            f"matched {report.cells_matched:,}, findings {report.findings}"
        )
        registry.engine.dispose()


if __name__ == "__main__":
    main()
