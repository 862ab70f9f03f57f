"""What counts as an empty cell, in one place for every reader and writer."""

from __future__ import annotations

import pandas as pd


def is_missing(value: object) -> bool:
    """True for None, NaN, NaT and pandas' NA; False for any other value,
    array-likes included (an empty text is a value: the caller decides)."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # array-likes: pd.isna answers per element
        return False
