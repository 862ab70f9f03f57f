"""The network of an area at several years side by side ("Mạng lưới qua các
năm"): one PNG for the BTS map page and the print report.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from geodata.map_multiples import MAX_PANELS, MIN_PANELS, small_multiples_png
from geodata.storage import GeoFrame
from registry.access.permissions import Actor
from registry.kernel.db import Registry
from registry.kernel.vocabulary import OPERATORS
from registry.maps.data import site_map
from registry.maps.timeline import first_years

OPERATOR_COLORS = {
    "04": "#d7191c",
    "02": "#2c7bb6",
    "01": "#1a9641",
    "05": "#fdae61",
    "07": "#7b3294",
    "08": "#e66101",
}
"""Dot colour per operator code (the same on the map and in the pictures)."""

PANELS = 6


def pick_years(first: int, last: int, count: int = PANELS) -> list[int]:
    """``count`` years spread evenly from ``first`` to ``last`` (both included;
    fewer when the span is shorter)."""
    if last <= first:
        return [first - 1, first] if count >= MIN_PANELS else [first]
    count = max(MIN_PANELS, min(MAX_PANELS, count, last - first + 1))
    return sorted({int(round(y)) for y in np.linspace(first, last, count)})


def _vi_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def multiples_png(units: GeoFrame, sites: pd.DataFrame, years: list[int]) -> bytes:
    """The picture of ``sites`` (with on-air dates and operator) over ``units``."""
    return small_multiples_png(
        units,
        sites["latitude"].to_numpy(dtype=float),
        sites["longitude"].to_numpy(dtype=float),
        first_years(sites),
        sites["network_code"].astype(str).tolist(),
        years,
        colors=OPERATOR_COLORS,
        legend={code: OPERATORS[code].name for code in OPERATOR_COLORS},
        title=lambda year, count: f"{year} · {_vi_number(count)} trạm",
    )


def network_years(
    registry: Registry,
    actor: Actor,
    *,
    years: list[int] | None = None,
    edition: str = "2025-06",
    level: str = "commune",
    as_of: date | None = None,
) -> tuple[list[int], bytes]:
    """The actor's area at 2–6 years (default: six spread from the first site's
    year to ``as_of``'s), the sites on the air by the end of each: the years
    drawn and the PNG."""
    shown = site_map(registry, actor, edition=edition, level=level, as_of=as_of)
    first = first_years(shown.records)
    known = first[first > 0]
    if years is None:
        start = int(known.min()) if len(known) else shown.as_of.year - 1
        years = pick_years(start, shown.as_of.year)
    return years, multiples_png(shown.units, shown.records, list(years))
