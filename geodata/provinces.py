"""Provinces: codes, names, centroids, bounding boxes, and their territory per edition.

Data from the ``vietnamadminunits`` package, read on first use and cached.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from geodata import _package
from geodata.editions import DEFAULT_EDITION, get_edition
from geodata.errors import InvalidInputError, UnknownProvinceError

__all__ = ["check_province_code", "province_info", "source_province_codes"]


def _nfc(value: object) -> object:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def check_province_code(province_code: object) -> str:
    """Return ``province_code`` stripped if it looks like a GSO province code.

    Parameters
    ----------
    province_code : str
        A string of digits such as ``'40'``.

    Returns
    -------
    str

    Raises
    ------
    InvalidInputError
        If it is not a string of digits.
    """
    if not isinstance(province_code, str) or not province_code.strip().isdigit():
        raise InvalidInputError(
            "province_code", province_code, "a GSO province code string such as '40'"
        )
    return province_code.strip()


def province_row(province_code: str, table: str, edition: str) -> pd.Series:
    """Province row of the package table ``'legacy'`` or ``'new'``, else raise."""
    provinces = _package.provinces()
    rows = provinces[provinces["tbl"] == table]
    match = rows[rows["code"] == province_code]
    if match.empty:
        raise UnknownProvinceError(
            province_code, edition=edition, known=sorted(rows["code"].unique())
        )
    return match.iloc[0]


def source_province_codes(province_code: str, edition: str) -> tuple[str, ...]:
    """Codes of the legacy provinces whose territory makes up a province.

    For edition ``2025-06`` this is the province itself; for ``2025-07`` it is every
    legacy province merged into it on 1/7/2025 (Nghệ An was not merged: ``('40',)``).

    Parameters
    ----------
    province_code : str
        GSO province code in that edition.
    edition : str
        Edition key.

    Returns
    -------
    tuple of str
        Legacy province codes, sorted.

    Raises
    ------
    UnknownProvinceError
        If the province does not exist in that edition.
    """
    code = check_province_code(province_code)
    if get_edition(edition).key == "2025-06":
        province_row(code, "legacy", edition)
        return (code,)
    new_key = province_row(code, "new", edition)["key"]
    old_keys = set(_package.converter()["DICT_PROVINCE"].get(new_key, [new_key]))
    legacy = _package.provinces()
    legacy = legacy[(legacy["tbl"] == "legacy") & legacy["key"].isin(old_keys)]
    return tuple(sorted(legacy["code"].unique()))


def province_info(province_code: str, *, edition: str = DEFAULT_EDITION) -> dict:
    """Name, centroid and bounding box of a province.

    Parameters
    ----------
    province_code : str
        GSO province code, e.g. ``'40'`` (Nghệ An).
    edition : str, default ``DEFAULT_EDITION``
        Edition whose territory is described. For ``2025-07`` the bounds are the
        union of the bounds of the legacy provinces merged into it.

    Returns
    -------
    dict
        ``code``, ``name`` (e.g. ``'Tỉnh Nghệ An'``), ``short_name``, ``lat``,
        ``lon`` and ``bounds = (min_lon, min_lat, max_lon, max_lat)`` in WGS 84.

    Raises
    ------
    UnknownProvinceError
        If the code is not a province of that edition.
    """
    code = check_province_code(province_code)
    key = get_edition(edition).key
    table = "legacy" if key == "2025-06" else "new"
    row = province_row(code, table, key)
    provinces = _package.provinces()
    legacy = provinces[
        (provinces["tbl"] == "legacy")
        & provinces["code"].isin(source_province_codes(code, key))
    ]
    boxes = np.array([_package.parse_bounds(b) for b in legacy["bounds"]])
    bounds = (*boxes[:, :2].min(axis=0), *boxes[:, 2:].max(axis=0))
    return {
        "code": code,
        "name": _nfc(row["name"]),
        "short_name": _nfc(row["short_name"]),
        "lat": float(row["lat"]),
        "lon": float(row["lon"]),
        "bounds": tuple(float(v) for v in bounds),
    }
