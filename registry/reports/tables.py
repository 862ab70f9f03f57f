"""The parts a report is made of: headline figures and titled tables.

Reports are documents in Vietnamese (the department hands them out), so titles and
column headers are Vietnamese here; each column has a format the writers apply
(``int``, ``pct`` for a fraction shown as a percentage, ``dec``, ``date``, ``text``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from geodata.storage import GeoFrame
from registry.kernel.numbers import vi_number
from registry.reports.area import KIND_LABELS, ReportArea

FORMATS = ("int", "pct", "dec", "date", "text")


@dataclass(frozen=True)
class Headline:
    """One headline figure: label, value (None: not available) and format."""

    label: str
    value: object
    fmt: str = "int"


@dataclass(frozen=True)
class ReportTable:
    """A titled table; ``formats`` maps column headers to a format (default text)."""

    key: str
    title: str
    frame: pd.DataFrame
    formats: dict[str, str] = field(default_factory=dict)
    note: str | None = None

    def __post_init__(self) -> None:
        unknown = {c: f for c, f in self.formats.items() if f not in FORMATS}
        if unknown:
            raise ValueError(f"'formats' should use {FORMATS}, got {unknown}")
        missing = [c for c in self.formats if c not in self.frame.columns]
        if missing:
            raise ValueError(f"'formats' names columns not in the table: {missing}")

    def fmt(self, column: str) -> str:
        """Format of a column (``text`` when not declared)."""
        return self.formats.get(column, "text")


@dataclass
class Report:
    """Everything a report file shows, in Vietnamese."""

    area: ReportArea
    start: date
    end: date
    made_at: datetime
    made_by: str
    demo: bool
    approximate: bool
    headline: list[Headline]
    tables: list[ReportTable]
    notes: list[str]
    # Communes of the area with ``share`` (of the gap technology) and ``gap``.
    coverage_map: GeoFrame = field(repr=False)
    # On-air sites: latitude, longitude and their newest technology.
    sites_map: pd.DataFrame = field(repr=False)
    map_technology: str = "4G"
    # "Mạng lưới qua các năm": the years drawn and the PNG (None: no sites).
    network_years: tuple[list[int], bytes] | None = field(default=None, repr=False)
    # The offices in charge over the period, one line each, with their dates and
    # unverified marks (registry.units.offices).
    offices: list[str] = field(default_factory=list)

    def table(self, key: str) -> ReportTable:
        """The table stored under ``key`` (``sites``, ``coverage``, ``gaps``, ...)."""
        for found in self.tables:
            if found.key == key:
                return found
        raise KeyError(f"no table {key!r}; tables: {[t.key for t in self.tables]}")


def table(
    key: str,
    title: str,
    frame: pd.DataFrame,
    formats: dict[str, str] | None = None,
    note: str | None = None,
) -> ReportTable:
    """A :class:`ReportTable` with a fresh index and only the declared columns' types
    touched (integers as Python-friendly int64, fractions as float)."""
    frame = frame.reset_index(drop=True).copy()
    for column, fmt in (formats or {}).items():
        if fmt == "int":
            frame[column] = (
                pd.to_numeric(frame[column], errors="coerce").round().astype("Int64")
            )
        elif fmt in ("pct", "dec"):
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    return ReportTable(key, title, frame, dict(formats or {}), note)


def format_number(value: object, fmt: str) -> str:
    """Vietnamese rendering: '1.234', '45,6 %', '12,35'; '—' for a missing value."""
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    if value is pd.NA:
        return "—"
    if fmt == "int":
        return vi_number(int(value))
    if fmt == "pct":
        return vi_number(float(value) * 100, 1) + " %"
    if fmt == "dec":
        return vi_number(float(value), 2)
    if fmt == "date" and hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def period_text(report) -> str:
    """'Cụm Cụm I · 01/01/2026 – 30/06/2026 · phiên bản 2025-06'."""
    area = report.area
    return (
        f"{KIND_LABELS[area.kind]}: {area.name} · từ {report.start:%d/%m/%Y} "
        f"đến {report.end:%d/%m/%Y} · đơn vị hành chính phiên bản {area.edition}"
    )
