"""Administrative units (names, GSO codes, centroids) of a province, per edition.

The data come from the ``vietnamadminunits`` package: its table ``admin_units_legacy``
(three levels, mid-2025) serves edition ``2025-06`` and ``admin_units`` (two levels,
from 1/7/2025) serves ``2025-07``; ``converter_2025.json`` is the old -> new crosswalk.
Nothing is read at import time; reads are cached per process.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

from geodata import _package
from geodata.crosswalk import load_crosswalk
from geodata.editions import get_edition
from geodata.provinces import (
    check_province_code,
    province_info,
    province_row,
    source_province_codes,
)

__all__ = [
    "UNIT_COLUMNS",
    "check_province_code",
    "load_admin_units",
    "load_crosswalk",
    "province_info",
    "source_province_codes",
]

UNIT_COLUMNS = (
    "edition",
    "level",
    "code",
    "name",
    "short_name",
    "unit_type",
    "parent_code",
    "lat",
    "lon",
    "area_km2",
)
"""Columns of :func:`load_admin_units`, in order."""


def _nfc(value: object) -> object:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _legacy_units(code: str, edition: str) -> pd.DataFrame:
    rows = _package.legacy_rows(code)
    if rows.empty:
        province_row(code, "legacy", edition)  # raises UnknownProvinceError
    districts = rows.drop_duplicates("districtCode")
    districts = pd.DataFrame(
        {
            "level": "district",
            "code": districts["districtCode"],
            "name": districts["district"],
            "short_name": districts["districtShort"],
            "unit_type": districts["districtType"],
            "parent_code": None,
            "lat": districts["districtLat"],
            "lon": districts["districtLon"],
        }
    )
    # Island districts (e.g. Cồn Cỏ) have a row without any commune.
    wards = rows[rows["wardCode"].notna()]
    communes = pd.DataFrame(
        {
            "level": "commune",
            "code": wards["wardCode"],
            "name": wards["ward"],
            "short_name": wards["wardShort"],
            "unit_type": wards["wardType"],
            "parent_code": wards["districtCode"],
            "lat": wards["wardLat"],
            "lon": wards["wardLon"],
        }
    )
    units = pd.concat([districts, communes], ignore_index=True)
    units["area_km2"] = np.nan
    return units


def _new_units(code: str, edition: str) -> pd.DataFrame:
    rows = _package.new_rows(code)
    if rows.empty:
        province_row(code, "new", edition)  # raises UnknownProvinceError
    return pd.DataFrame(
        {
            "level": "commune",
            "code": rows["wardCode"],
            "name": rows["ward"],
            "short_name": rows["wardShort"],
            "unit_type": rows["wardType"],
            "parent_code": None,
            "lat": rows["wardLat"],
            "lon": rows["wardLon"],
            "area_km2": rows["wardAreaKm2"],
        }
    )


@lru_cache(maxsize=16)
def _load_admin_units(code: str, edition: str) -> pd.DataFrame:
    make = _legacy_units if edition == "2025-06" else _new_units
    units = make(code, edition)
    units.insert(0, "edition", edition)
    for column in ("edition", "level", "code", "name", "short_name", "unit_type"):
        units[column] = units[column].map(_nfc).astype("str")
    # parent_code stays object so that "no parent" is None, as documented.
    parents = [v if isinstance(v, str) else None for v in units["parent_code"]]
    units["parent_code"] = pd.Series(parents, index=units.index, dtype=object)
    for column in ("lat", "lon", "area_km2"):
        units[column] = units[column].astype("float64")
    units["_order"] = units["level"].map({"district": 0, "commune": 1})
    units = units.sort_values(["_order", "code"], kind="stable")
    return units.drop(columns="_order").reset_index(drop=True)[list(UNIT_COLUMNS)]


def load_admin_units(province_code: str, edition: str) -> pd.DataFrame:
    """Administrative units of a province in one division edition.

    Parameters
    ----------
    province_code : str
        GSO province code, e.g. ``'40'``.
    edition : str
        ``'2025-06'`` (districts and communes) or ``'2025-07'`` (communes only).

    Returns
    -------
    pandas.DataFrame
        A new frame with columns ``edition, level, code, name, short_name,
        unit_type, parent_code, lat, lon, area_km2`` (see ``UNIT_COLUMNS``):
        districts first, then communes, each sorted by code. ``name`` is the full
        name (``'Huyện Nghi Lộc'``), ``unit_type`` one of ``Phường, Xã, Thị trấn,
        Huyện, Thị xã, Thành phố, Quận``; ``parent_code`` is the district code of a
        2025-06 commune and ``None`` otherwise; ``area_km2`` is the package's area
        for 2025-07 communes and NaN otherwise. Strings are NFC.

    Raises
    ------
    UnknownEditionError
        If ``edition`` is not defined.
    UnknownProvinceError
        If the province does not exist in that edition.
    """
    code = check_province_code(province_code)
    key = get_edition(edition).key
    return _load_admin_units(code, key).copy()
