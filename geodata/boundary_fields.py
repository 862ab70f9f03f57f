"""Finding which columns of a boundary file hold unit codes, names, district names.

A column is recognised by its values, not only its name: the code column is the one
whose values hit the most unit codes (``16663``, ``'016663'`` and ``16663.0`` all
count), the name column the one whose folded values hit the most unit names. Usual
column names (``ma_xa``, ``MaXa``, ``ten_xa``, ``NAME_3``, ...) break ties.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from geodata.names import build_name_index, fold_name

__all__ = ["CodeLookup", "choose_fields"]

# Column names are compared by fold_name (case, accents, '_' and spaces ignored).
CODE_FIELDS = frozenset(
    fold_name(n, strip_prefix=False)
    for n in (
        "ma", "ma_xa", "ma_phuong", "ma_huyen", "ma_dvhc", "ma_don_vi", "code",
        "gso_code", "id_xa", "id_huyen", "ward_code", "commune_code", "district_code",
    )
)  # fmt: skip
NAME_FIELDS = frozenset(
    fold_name(n, strip_prefix=False)
    for n in (
        "ten", "ten_xa", "ten_phuong", "ten_huyen", "ten_dvhc", "name", "name_3",
        "name_2", "varname_3", "ward", "commune", "district",
    )
)  # fmt: skip
PARENT_FIELDS = frozenset(
    fold_name(n, strip_prefix=False)
    for n in ("ten_huyen", "huyen", "quan_huyen", "district", "name_2")
)
MIN_HIT_RATE = 0.5
"""Share of a column's values that must hit units for it to be auto-detected."""


class CodeLookup:
    """Unit codes found from file values: '16663', 16663, 16663.0, '016663'."""

    def __init__(self, codes: pd.Series) -> None:
        self.exact = {str(c): str(c) for c in codes}
        by_number = defaultdict(list)
        for code in self.exact:
            by_number[code.lstrip("0") or "0"].append(code)
        # '001' (a district) and '00001' (a commune) are both 1: then only exact.
        self.by_number = {k: v[0] for k, v in by_number.items() if len(v) == 1}

    def __call__(self, value: object) -> str | None:
        if value is None or (isinstance(value, float) and not np.isfinite(value)):
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        if text.endswith(".0") and text[:-2].isdigit():
            text = text[:-2]
        if text in self.exact:
            return self.exact[text]
        return self.by_number.get(text.lstrip("0") or "0") if text.isdigit() else None


def _hit_rate(values: pd.Series, unit_of) -> tuple[int, float]:
    """(number of distinct units hit, share of the values that hit one)."""
    present = values.dropna()
    if present.empty:
        return 0, 0.0
    units = [unit_of(v) for v in present]
    hits = [u for u in units if u is not None]
    # Distinct units, so that a district-name column of a commune file (each
    # district repeated) does not look like a district file.
    return len(set(hits)), len(hits) / len(present)


def _best_column(frame, columns, unit_of, known) -> tuple[str | None, int]:
    best, best_score = None, (0, 0.0, False)
    for column in columns:
        hits, rate = _hit_rate(frame[column], unit_of)
        score = (hits, rate, fold_name(column, strip_prefix=False) in known)
        if rate >= MIN_HIT_RATE and score > best_score:
            best, best_score = column, score
    return best, best_score[0]


def _text_columns(frame: pd.DataFrame, columns: list[str]) -> list[str]:
    return [
        c
        for c in columns
        if frame[c].map(lambda v: isinstance(v, str)).sum() >= frame[c].notna().sum()
        and frame[c].notna().any()
    ]


def _detect_fields(features, columns, targets) -> tuple[str | None, str | None, int]:
    lookup = CodeLookup(targets["code"])
    code_field, code_hits = _best_column(features, columns, lookup, CODE_FIELDS)
    index = build_name_index(targets)
    texts = [c for c in _text_columns(features, columns) if c != code_field]

    def name_key(value: str) -> str | None:
        key = fold_name(value)
        return key if key in index else None

    name_field, name_hits = _best_column(features, texts, name_key, NAME_FIELDS)
    return code_field, name_field, max(code_hits, name_hits)


def _detect_parent(features, columns, units, taken) -> str | None:
    """The column whose values name the districts holding the communes, if any."""
    if "level" not in units.columns:
        return None
    districts = units[units["level"] == "district"]
    if districts.empty:
        return None
    index = build_name_index(districts)

    def district_key(value: str) -> str | None:
        key = fold_name(value)
        return key if key in index else None

    candidates = [c for c in _text_columns(features, columns) if c not in taken]
    return _best_column(features, candidates, district_key, PARENT_FIELDS)[0]


def choose_fields(
    features: pd.DataFrame,
    columns: list[str],
    units: pd.DataFrame,
    *,
    level: str | None,
    code_field: str | None,
    name_field: str | None,
    parent_field: str | None,
) -> tuple[str | None, str | None, str | None, str | None, dict[str, int]]:
    """Pick ``(level, code_field, name_field, parent_field)`` for a file.

    Parameters
    ----------
    features : pandas.DataFrame
        The file's features.
    columns : list of str
        The attribute columns of ``features`` to consider.
    units : pandas.DataFrame
        Admin units, possibly of several levels.
    level, code_field, name_field, parent_field : str or None
        What the caller asked for; given values are kept. Without ``level``, each
        level of ``units`` is tried and the one whose units the most features hit
        wins (communes on a tie). The parent column is found by its values: the
        text column (other than the name and code columns) whose values name
        districts, at least half of them (``gso_district_name_2019``, ``NAME_2``).

    Returns
    -------
    tuple
        ``(level, code_field, name_field, parent_field, level_hits)``; a field is
        ``None`` when no column qualifies; ``level_hits`` maps each level of
        ``units`` to the number of its units the best code or name column hits.
    """
    levels = sorted(set(units.get("level", pd.Series([None]))), key=lambda v: str(v))
    found = {}
    for candidate in sorted(levels, key=lambda v: v != "commune"):
        targets = units if candidate is None else units[units["level"] == candidate]
        found[candidate] = _detect_fields(features, columns, targets)
    if level is None:
        level = max(found, key=lambda lv: found[lv][2])  # communes first on a tie
    elif level not in found:
        found[level] = (None, None, 0)
    auto_code, auto_name, _ = found[level]
    code_field = code_field or auto_code
    if name_field is None and auto_name != code_field:
        name_field = auto_name
    if parent_field is None and name_field is not None and level == "commune":
        parent_field = _detect_parent(
            features, columns, units, {name_field, code_field}
        )
    hits = {str(lv): found[lv][2] for lv in found if lv is not None}
    return level, code_field, name_field, parent_field, hits
