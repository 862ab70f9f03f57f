"""Division editions: which set of administrative units a map or statistic uses.

Vietnam had three levels (province, district, commune) until 30/6/2025; from 1/7/2025
districts were abolished and communes merged. Places are stored by coordinates and
assigned to the units of a named edition, chosen by the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from geodata.errors import InvalidInputError, UnknownEditionError

__all__ = [
    "DEFAULT_EDITION",
    "EDITIONS",
    "LEVEL_LABELS",
    "Edition",
    "edition_on",
    "get_edition",
]


@dataclass(frozen=True)
class Edition:
    """One administrative division of the country, valid over a period.

    Attributes
    ----------
    key : str
        Stable identifier, e.g. ``"2025-06"``.
    label_vi, label_en : str
        Labels for menus, in Vietnamese (NFC) and English.
    valid_from : datetime.date
        First day the division is in force (for the legacy edition: the package's
        snapshot, see ``EDITIONS``).
    valid_to : datetime.date or None
        Last day in force; ``None`` while still in force.
    levels : tuple of str
        Unit levels below the province, largest first: ``"district"``, ``"commune"``.
    """

    key: str
    label_vi: str
    label_en: str
    valid_from: date
    valid_to: date | None
    levels: tuple[str, ...]

    def is_valid_on(self, day: date) -> bool:
        """Tell whether this edition is in force on ``day``."""
        return self.valid_from <= day and (
            self.valid_to is None or day <= self.valid_to
        )


LEVEL_LABELS: dict[str, tuple[str, str]] = {
    "district": ("Huyện", "District"),
    "commune": ("Xã", "Commune"),
}
"""Level key -> (Vietnamese label, English label)."""

# The legacy edition is the three-level snapshot shipped by `vietnamadminunits`
# (mid-2025). It already contains the 2023-2025 arrangements (for Nghệ An: Thị xã
# Cửa Lò merged into Thành phố Vinh), which took effect around the turn of 2025, so
# dates before that are served by it only approximately.
EDITIONS: dict[str, Edition] = {
    "2025-06": Edition(
        key="2025-06",
        label_vi="Huyện/xã (trước 1/7/2025)",
        label_en="Districts/communes (before 1/7/2025)",
        valid_from=date(2025, 1, 1),
        valid_to=date(2025, 6, 30),
        levels=("district", "commune"),
    ),
    "2025-07": Edition(
        key="2025-07",
        label_vi="Xã/phường (từ 1/7/2025)",
        label_en="Communes/wards (from 1/7/2025)",
        valid_from=date(2025, 7, 1),
        valid_to=None,
        levels=("commune",),
    ),
}

DEFAULT_EDITION = "2025-06"
"""The edition shown by default: district officers asked for huyện/xã."""


def get_edition(key: str) -> Edition:
    """Return the edition called ``key``.

    Parameters
    ----------
    key : str
        An edition key such as ``"2025-06"`` or ``"2025-07"``.

    Returns
    -------
    Edition

    Raises
    ------
    UnknownEditionError
        If no edition has that key.
    """
    try:
        return EDITIONS[key]
    except (KeyError, TypeError):
        raise UnknownEditionError(key, known=EDITIONS) from None


def edition_on(day: date) -> Edition:
    """Return the edition in force on ``day`` (the legacy one for earlier dates).

    Parameters
    ----------
    day : datetime.date
        The date that matters (inspection date, application date, ...).

    Returns
    -------
    Edition
    """
    if not isinstance(day, date):
        raise InvalidInputError("day", day, "a datetime.date")
    if isinstance(day, datetime):
        day = day.date()
    for edition in EDITIONS.values():
        if edition.is_valid_on(day):
            return edition
    return EDITIONS[DEFAULT_EDITION]
