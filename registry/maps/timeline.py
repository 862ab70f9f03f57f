"""When each site came on the air, for the map's year stepper.

A site's year is the year of its first technology on the air (the earliest of
its ``on_air_2g`` … ``on_air_5g`` dates); a site with none of them (planned,
never switched on) has no year, 0. The stepper on the map draws, for a year, the
sites of that year or before, and rings those of that year; the counts here are
the ones its caption shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from registry.kernel.vocabulary import TECHNOLOGIES
from registry.maps.growth import FIRST_YEAR

UNKNOWN_YEAR = 0
"""The year of a site with no on-air date."""


def _years(dates: pd.Series) -> np.ndarray:
    parsed = pd.to_datetime(dates, errors="coerce")
    return parsed.dt.year.fillna(UNKNOWN_YEAR).to_numpy(dtype=np.int64)


def technology_years(sites: pd.DataFrame) -> dict[str, np.ndarray]:
    """technology -> the year each site started it (0: never), in row order."""
    return {tech: _years(sites[f"on_air_{tech.lower()}"]) for tech in TECHNOLOGIES}


def first_years(sites: pd.DataFrame) -> np.ndarray:
    """The year each site first came on the air (0: never), in row order."""
    by_tech = np.stack(list(technology_years(sites).values()), axis=1)
    known = np.where(by_tech > 0, by_tech, np.iinfo(np.int64).max)
    first = known.min(axis=1) if len(sites) else np.empty(0, dtype=np.int64)
    return np.where(first == np.iinfo(np.int64).max, UNKNOWN_YEAR, first)


@dataclass(frozen=True)
class Timeline:
    """The years of the stepper and when each site of the map appeared.

    Attributes
    ----------
    years : list of int
        The stepper's years, oldest first (from 2005, or the first site's year if
        earlier, to ``last``).
    first : numpy.ndarray
        Per site (row order of the map's records): its first on-air year, or 0.
    technologies : dict of str to numpy.ndarray
        Per technology, the year each site started it, or 0.
    """

    years: list[int]
    first: np.ndarray
    technologies: dict[str, np.ndarray]


def site_timeline(sites: pd.DataFrame, last: int) -> Timeline:
    """The stepper's timeline of the map's sites, up to the year ``last``."""
    first = first_years(sites)
    known = first[first > 0]
    start = min(FIRST_YEAR, int(known.min())) if len(known) else FIRST_YEAR
    return Timeline(
        list(range(start, max(start, last) + 1)), first, technology_years(sites)
    )


def added_in(
    timeline: Timeline, operators: pd.Series, year: int
) -> tuple[int, dict[str, int], dict[str, int]]:
    """How many sites came on the air in ``year``: in all, per operator (the
    values of ``operators``, row order of the sites) and per technology started
    that year (a site adding 4G counts under 4G)."""
    new = timeline.first == year
    per_operator = pd.Series(operators.to_numpy()[new]).value_counts()
    per_technology = {
        tech: int((years == year).sum())
        for tech, years in timeline.technologies.items()
    }
    return (
        int(new.sum()),
        {str(k): int(v) for k, v in per_operator.items()},
        (per_technology),
    )
