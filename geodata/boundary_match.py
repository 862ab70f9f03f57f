"""Matching the features of a boundary file to administrative units.

A feature is tied to a unit by a code column (GSO codes, zero-padded or not) or,
failing that, by a name column matched with :mod:`geodata.names`, within the
district a district-name column names (found by its values). Geometries are
repaired where possible, with their area before and after; everything that could
not be used is reported, never silently dropped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.boundary_fields import CodeLookup, choose_fields
from geodata.crs import WGS84
from geodata.errors import InvalidInputError
from geodata.namekeys import has_diacritics
from geodata.names import NameMatcher
from geodata.repair import MAX_REPAIR_CHANGE, area_km2_as_drawn, repair_polygon

__all__ = ["BoundaryMatch", "match_boundaries"]


class FeatureProblem(NamedTuple):
    """A feature that was not used: its row position, a label and why.

    ``problem`` says why as a key (``'no_geometry'``, ``'not_polygon'``,
    ``'beyond_repair'``, ``'bad_code'``, ``'no_code'``, or a
    :attr:`~geodata.names.NameMatch.problem`), ``candidates`` the codes of units
    it was close to (a namesake elsewhere, a spelling without diacritics).
    """

    feature_index: int
    label: str
    reason: str
    problem: str = ""
    candidates: tuple[str, ...] = ()


class Repair(NamedTuple):
    """What was done to a feature's geometry (``unit`` is its code, else its label),
    with its area as drawn and as repaired, in km²."""

    unit: str
    action: str
    before_km2: float = 0.0
    after_km2: float = 0.0
    feature_index: int = -1

    @property
    def change(self) -> float:
        """Share of the area the repair added or removed (0 when it kept it)."""
        larger = max(self.before_km2, self.after_km2)
        return abs(self.after_km2 - self.before_km2) / larger if larger else 0.0


class Duplicate(NamedTuple):
    """Several features for one unit; their union became its polygon."""

    code: str
    feature_indexes: tuple[int, ...]


class MissingUnit(NamedTuple):
    """A unit that no usable feature matched."""

    code: str
    name: str


class OtherName(NamedTuple):
    """A unit matched by its code whose feature carries another name: renamed,
    merged or split since, so the polygon may cover only part of it."""

    code: str
    feature_index: int
    feature_name: str


@dataclass
class BoundaryMatch:
    """Result of :func:`match_boundaries`.

    Attributes
    ----------
    matched : geopandas.GeoDataFrame
        One row per matched unit, sorted by code, in ``EPSG:4326``: ``code``,
        ``geometry``, ``feature_index`` (first feature used), ``matched_by``
        (``'code'`` or ``'name'``) and ``features`` (how many were joined).
    unmatched_features : list of FeatureProblem
        Features tied to no unit.
    units_without_polygon : list of MissingUnit
        ``(code, name)`` of units of the matched level that got no polygon.
    repaired : list of Repair
        Geometries that were fixed, each with its area before and after.
    oversized_repairs : list of Repair
        The repairs (of matched units) that changed the area by more than
        :data:`~geodata.repair.MAX_REPAIR_CHANGE`; also in ``repaired``.
    rejected : list of FeatureProblem
        Features whose geometry is missing, not a polygon, or beyond repair.
    duplicates : list of Duplicate
        ``(code, feature_indexes)`` of units matched by several features.
    other_names : list of OtherName
        Units matched by code whose feature names another unit or place.
    level_hits : dict of str to int
        For each level of the units, how many of its units the file's best code
        or name column names: a commune layer names hundreds of communes and a
        few dozen districts.
    level, code_field, name_field, parent_field : str or None
        The unit level matched and the columns used.
    """

    matched: gpd.GeoDataFrame
    unmatched_features: list[FeatureProblem] = field(default_factory=list)
    units_without_polygon: list[MissingUnit] = field(default_factory=list)
    repaired: list[Repair] = field(default_factory=list)
    oversized_repairs: list[Repair] = field(default_factory=list)
    rejected: list[FeatureProblem] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    other_names: list[OtherName] = field(default_factory=list)
    level_hits: dict[str, int] = field(default_factory=dict)
    level: str | None = None
    code_field: str | None = None
    name_field: str | None = None
    parent_field: str | None = None

    def summary(self) -> str:
        """One line of counts, e.g. for a page message."""
        return (
            f"{len(self.matched)} units matched, {len(self.units_without_polygon)} "
            f"without polygon; {len(self.unmatched_features)} features unmatched, "
            f"{len(self.rejected)} rejected, {len(self.repaired)} repaired, "
            f"{len(self.duplicates)} units with several features, "
            f"{len(self.other_names)} matched by code under another name"
        )


def _check_field(value: str | None, parameter: str, columns: list[str]) -> str | None:
    if value is not None and value not in columns:
        raise InvalidInputError(parameter, value, f"one of the columns {columns}")
    return value


def _check_inputs(features: object, units: object, level: object) -> None:
    if not isinstance(features, gpd.GeoDataFrame) or features.crs is None:
        raise InvalidInputError("features", features, "a GeoDataFrame with a CRS")
    if not isinstance(units, pd.DataFrame) or not {"code", "name"} <= set(units):
        raise InvalidInputError(
            "units", units, "a DataFrame with 'code' and 'name' (see load_admin_units)"
        )
    levels = set(units["level"]) if "level" in units.columns else set()
    if level is not None and level not in levels:
        raise InvalidInputError("level", level, f"one of the unit levels {levels}")


def match_boundaries(
    features: gpd.GeoDataFrame,
    units: pd.DataFrame,
    *,
    code_field: str | None = None,
    name_field: str | None = None,
    parent_field: str | None = None,
    level: str | None = None,
) -> BoundaryMatch:
    """Tie the features of a boundary file to administrative units.

    Parameters
    ----------
    features : geopandas.GeoDataFrame
        Features as read by :func:`~geodata.boundaries.read_boundary_file`; the row
        position is the feature index in every report.
    units : pandas.DataFrame
        Units of one edition (see :func:`~geodata.adminunits.load_admin_units`).
        Rows of other levels help too: district names disambiguate communes.
    code_field : str, optional
        Column of unit codes. By default the column whose values hit the most
        unit codes (at least half of them), preferring names like ``ma_xa``,
        ``MaXa``, ``code``, ``gso_code``. Codes may be int or zero-padded.
    name_field : str, optional
        Column of unit names, used for features whose code does not match. By
        default detected likewise (``ten``, ``ten_xa``, ``name``, ``NAME_3``, ...).
    parent_field : str, optional
        Column of district names that tells apart communes of the same name.
        By default a column like ``ten_huyen`` or ``NAME_2`` if there is one.
    level : str, optional
        Unit level the features describe; by default the level that most features
        match (communes on a tie).

    Returns
    -------
    BoundaryMatch

    Raises
    ------
    InvalidInputError
        If an input is of the wrong kind, a named field is not a column, or no
        column of codes or names can be found.
    """
    _check_inputs(features, units, level)
    features = features.to_crs(WGS84)
    columns = [c for c in features.columns if c != features.geometry.name]
    for value, parameter in (
        (code_field, "code_field"),
        (name_field, "name_field"),
        (parent_field, "parent_field"),
    ):
        _check_field(value, parameter, columns)
    level, code_field, name_field, parent_field, hits = choose_fields(
        features,
        columns,
        units,
        level=level,
        code_field=code_field,
        name_field=name_field,
        parent_field=parent_field,
    )
    if code_field is None and name_field is None:
        raise InvalidInputError(
            "features",
            f"columns {columns}",
            "a column of unit codes or names; pass code_field= or name_field=",
        )
    targets = units if level is None else units[units["level"] == level]
    report = _match(
        features, units, targets, level, code_field, name_field, parent_field
    )
    report.level_hits = hits
    return report


def _cell(features: gpd.GeoDataFrame, column: str | None, i: int) -> object:
    if column is None:
        return None
    value = features[column].iloc[i]
    if pd.isna(value):
        return None
    return value.item() if isinstance(value, np.generic) else value


def _repair(geometry: object, label: str, i: int):
    """(shape, Repair or None, FeatureProblem or None) of one feature."""
    shape, action, rejection = repair_polygon(geometry)
    if rejection:
        kind = (
            "no_geometry"
            if geometry is None or shapely.is_empty(geometry)
            else "beyond_repair"
            if "cannot be repaired" in rejection
            else "not_polygon"
        )
        return None, None, FeatureProblem(i, label, rejection, kind)
    if not action:
        return shape, None, None
    before = area_km2_as_drawn(geometry)
    after = area_km2_as_drawn(shape)
    return shape, Repair(label, action, before, after, i), None


def _same_name(matcher: NameMatcher, name: object, code: str) -> bool:
    """Whether a feature's name names the unit (or is empty)."""
    if name is None or not str(name).strip():
        return True
    found = matcher.match(str(name))
    return code == found.code or code in found.candidates


def _written_with_diacritics(features, name_field) -> bool:
    """Whether most names of the column carry diacritics: then every one of them
    is matched as spelled ('Nghi Hoa' is not 'Nghi Hòa')."""
    if name_field is None:
        return False
    names = [v for v in features[name_field] if isinstance(v, str) and v.strip()]
    return bool(names) and sum(map(has_diacritics, names)) * 2 >= len(names)


def _match(features, units, targets, level, code_field, name_field, parent_field):
    lookup = CodeLookup(targets["code"])
    spelled = _written_with_diacritics(features, name_field)
    matcher = NameMatcher(units)
    unit_names = NameMatcher(targets)
    report = BoundaryMatch(
        matched=gpd.GeoDataFrame(),
        level=level,
        code_field=code_field,
        name_field=name_field,
        parent_field=parent_field,
    )
    hits: dict[str, list[tuple[int, str]]] = defaultdict(list)
    shapes, repairs = {}, {}
    for i, geometry in enumerate(features.geometry.values):
        name, code_value = (
            _cell(features, name_field, i),
            _cell(features, code_field, i),
        )
        label = str(name if name is not None else code_value or f"feature {i}")
        shape, repair, rejection = _repair(geometry, label, i)
        if rejection:
            report.rejected.append(rejection)
            continue
        shapes[i], repairs[i] = shape, repair
        code, reasons, problem, candidates = lookup(code_value), [], "", ()
        if code:
            hits[code].append((i, "code"))
            if name_field and not _same_name(unit_names, name, code):
                report.other_names.append(OtherName(code, i, str(name)))
            continue
        if code_field:
            problem = "no_code" if code_value is None else "bad_code"
            reasons.append(
                f"{code_field} is empty"
                if code_value is None
                else f"{code_field}={code_value!r} is not a code of the units"
            )
        if name_field:
            parent = _cell(features, parent_field, i)
            found = matcher.match(
                str(name or ""),
                parent_name=None if parent is None else str(parent),
                level=level,
                spelled=spelled,
            )
            if found.code and found.code in lookup.exact:
                hits[found.code].append((i, "name"))
                continue
            problem = found.problem or "unknown"
            candidates = found.candidates
            reasons.append(found.reason or f"{name!r} is not a unit of this level")
        report.unmatched_features.append(
            FeatureProblem(i, label, "; ".join(reasons), problem, tuple(candidates))
        )
        if repairs.pop(i):
            report.repaired.append(repair)

    rows = []
    for code in sorted(hits):
        used = hits[code]
        indexes = tuple(i for i, _ in used)
        geometry = shapes[indexes[0]]
        if len(used) > 1:
            geometry = shapely.union_all([shapes[i] for i in indexes])
            report.duplicates.append(Duplicate(code, indexes))
        rows.append((code, geometry, indexes[0], used[0][1], len(used)))
        for i in indexes:
            if repairs[i]:
                fixed = repairs[i]._replace(unit=code)
                report.repaired.append(fixed)
                if fixed.change > MAX_REPAIR_CHANGE:
                    report.oversized_repairs.append(fixed)
    report.matched = gpd.GeoDataFrame(
        pd.DataFrame(
            rows,
            columns=["code", "geometry", "feature_index", "matched_by", "features"],
        ),
        geometry="geometry",
        crs=WGS84,
    )
    names = dict(zip(targets["code"].astype(str), targets["name"], strict=True))
    report.units_without_polygon = [
        MissingUnit(code, names[code]) for code in names if code not in hits
    ]
    return report
