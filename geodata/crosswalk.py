"""The old (2025-06) -> new (2025-07) commune crosswalk of a province.

Built from ``converter_2025.json`` of the ``vietnamadminunits`` package: for each
new province, the legacy commune keys (``province_district_ward``) that went whole
into each new commune, and the legacy communes divided between several new ones.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

import pandas as pd

from geodata import _package
from geodata.errors import GeodataError
from geodata.provinces import check_province_code, province_row

__all__ = ["load_crosswalk"]


def _old_key(row: pd.Series) -> str:
    return f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}"


@lru_cache(maxsize=16)
def _load_crosswalk(code: str) -> pd.DataFrame:
    rows = _package.legacy_rows(code)
    if rows.empty:
        province_row(code, "legacy", "2025-06")
    rows = rows[rows["wardCode"].notna()]
    conv = _package.converter()
    old_province_key = rows["provinceKey"].iloc[0]
    new_province_key = next(
        (
            new
            for new, olds in conv["DICT_PROVINCE"].items()
            if old_province_key in olds
        ),
        None,
    )
    if new_province_key is None:
        raise GeodataError(
            "geodata.crosswalk_province",
            package=_package.PACKAGE,
            code=code,
            key=old_province_key,
        )
    provinces = _package.provinces()
    new_code_of_province = provinces.loc[
        (provinces["tbl"] == "new") & (provinces["key"] == new_province_key), "code"
    ]
    new_rows = _package.new_rows(new_code_of_province.iloc[0])
    new_code = dict(zip(new_rows["wardKey"], new_rows["wardCode"], strict=True))
    undivided = {
        old: new
        for new, olds in conv["DICT_PROVINCE_WARD_NO_DIVIDED"]
        .get(new_province_key, {})
        .items()
        for old in olds
    }
    divided = conv["DICT_PROVINCE_WARD_DIVIDED"].get(new_province_key, {})
    records, missing = [], []
    for _, row in rows.iterrows():
        key = _old_key(row)
        if key in undivided:
            targets = [(undivided[key], True)]
        else:
            targets = [
                (t["newWardKey"], bool(t["isDefaultNewWard"]))
                for t in divided.get(key, [])
            ]
        targets = [(new_code.get(k), d) for k, d in targets if new_code.get(k)]
        if not targets:
            missing.append(row["wardCode"])
        records += [(row["wardCode"], new, is_default) for new, is_default in targets]
    if missing:
        warnings.warn(
            f"The crosswalk of '{_package.PACKAGE}' has no 2025-07 commune for "
            f"{len(missing)} commune(s) of province {code}: {', '.join(missing)}",
            stacklevel=3,
        )
    frame = pd.DataFrame(records, columns=["old_code", "new_code", "is_default"])
    frame = frame.astype({"old_code": "str", "new_code": "str", "is_default": "bool"})
    frame = frame.sort_values(
        ["old_code", "is_default", "new_code"], ascending=[True, False, True]
    )
    return frame.reset_index(drop=True)


def load_crosswalk(province_code: str) -> pd.DataFrame:
    """Old (2025-06) -> new (2025-07) commune crosswalk of a province.

    Parameters
    ----------
    province_code : str
        GSO code of a legacy province (e.g. ``'40'``). Its communes may map into a
        province with another code if it was merged on 1/7/2025.

    Returns
    -------
    pandas.DataFrame
        A new frame with columns ``old_code``, ``new_code`` (str) and
        ``is_default`` (bool), one row per (old, new) pair. An old commune that went
        whole into one new commune has one row with ``is_default=True``; a divided
        one has a row per new commune, the package's default flagged. Sorted by
        ``old_code``, default first.

    Raises
    ------
    UnknownProvinceError
        If the code is not a legacy province.
    """
    return _load_crosswalk(check_province_code(province_code)).copy()
