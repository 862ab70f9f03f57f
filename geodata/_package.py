"""Read-only access to the data files of the ``vietnamadminunits`` package.

Importing ``vietnamadminunits`` itself loads several JSON files (its parsers do so at
import time), so this module only locates the package folder with
:func:`importlib.util.find_spec` and reads the SQLite file and the crosswalk JSON
directly, on first use. Results are cached for the life of the process; callers get
copies.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from contextlib import closing
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geodata.errors import GeodataError

PACKAGE = "vietnamadminunits"


@lru_cache(maxsize=1)
def data_dir() -> Path:
    """Folder holding the package's ``dataset.db`` and ``converter_2025.json``."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise GeodataError("geodata.package_missing", package=PACKAGE)
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    if not (folder / "dataset.db").is_file():
        raise GeodataError(
            "geodata.package_no_data", package=PACKAGE, folder=str(folder)
        )
    return folder


def _query(sql: str, params: tuple = ()) -> pd.DataFrame:
    uri = (data_dir() / "dataset.db").as_uri() + "?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        cursor = conn.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        return pd.DataFrame(cursor.fetchall(), columns=columns)


@lru_cache(maxsize=8)
def legacy_rows(province_code: str) -> pd.DataFrame:
    """Rows of ``admin_units_legacy`` (three levels, mid-2025) for one province."""
    return _query(
        "SELECT * FROM admin_units_legacy WHERE provinceCode = ?", (province_code,)
    )


@lru_cache(maxsize=8)
def new_rows(province_code: str) -> pd.DataFrame:
    """Rows of ``admin_units`` (two levels, from 1/7/2025) for one province."""
    return _query("SELECT * FROM admin_units WHERE provinceCode = ?", (province_code,))


@lru_cache(maxsize=1)
def provinces() -> pd.DataFrame:
    """Province rows of both tables: table ('legacy'|'new'), code, name, key, ..."""
    legacy = _query(
        "SELECT DISTINCT 'legacy' AS tbl, provinceCode AS code, province AS name, "
        "provinceShort AS short_name, provinceKey AS key, provinceLat AS lat, "
        "provinceLon AS lon, provinceBounds AS bounds FROM admin_units_legacy"
    )
    new = _query(
        "SELECT DISTINCT 'new' AS tbl, provinceCode AS code, province AS name, "
        "provinceShort AS short_name, provinceKey AS key, provinceLat AS lat, "
        "provinceLon AS lon, NULL AS bounds FROM admin_units"
    )
    return pd.concat([legacy, new], ignore_index=True)


@lru_cache(maxsize=1)
def converter() -> dict:
    """The parsed ``converter_2025.json`` (old -> new crosswalk)."""
    path = data_dir() / "converter_2025.json"
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def parse_bounds(text: str) -> tuple[float, float, float, float]:
    """Parse ``'lat,lon – lat,lon'`` into ``(min_lon, min_lat, max_lon, max_lat)``."""
    try:
        first, second = text.replace("—", "–").split("–")
        lat1, lon1 = (float(v) for v in first.split(","))
        lat2, lon2 = (float(v) for v in second.split(","))
    except (AttributeError, ValueError) as exc:
        raise GeodataError(
            "geodata.package_bounds", text=text, package=PACKAGE
        ) from exc
    return (min(lon1, lon2), min(lat1, lat2), max(lon1, lon2), max(lat1, lat2))
