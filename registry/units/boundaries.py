"""Importing official boundary polygons for one edition and level.

An import is all or nothing. It refuses, with the figures, a layer that is of
another level (a commune layer imported as districts), that does not lie where its
units are (shifted, another CRS, another province), or whose invalid polygons a
repair would change by more than a small share of their area. Otherwise matched
units get their official polygons, units not in the file keep the polygon they had
(official or approximate), and every record and application is assigned again;
the report says what was matched, how (by code or name, from how many features),
what was left out, what was repaired, and how many records change unit or are left
without one, by kind. ``dry_run`` computes the same report and writes nothing.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from geodata.boundaries import match_boundaries, read_boundary_file
from geodata.boundary_checks import (
    MAX_OUTSIDE_SHARE,
    MIN_COVER_SHARE,
    OUTSIDE_MARGIN_M,
    Placement,
    layer_placement,
)
from geodata.boundary_match import BoundaryMatch, FeatureProblem
from geodata.editions import get_edition
from geodata.errors import BoundaryFileError, GeodataError
from geodata.repair import MAX_REPAIR_CHANGE
from geodata.storage import GeoFrame, geometry_to_wkb, with_replaced_geometries
from geodata.territory import areas_km2
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.audit import record_audit
from registry.kernel.clock import now
from registry.kernel.db import Registry
from registry.kernel.errors import FieldError, RegistryError, ValidationError
from registry.kernel.models import (
    MODEL_OF,
    AdminUnit,
    PermitApplicationUnit,
    UnitAssignment,
)
from registry.kernel.vocabulary import RecordType
from registry.units import messages as msg
from registry.units.application_units import plan_applications, store_units
from registry.units.divisions import (
    Assignment,
    assign,
    bump_boundaries_version,
    province,
    province_outline,
    replace_assignments,
    unit_polygons,
    units_frame,
)
from registry.units.locations import location_flags

APPLICATION = "application"
"""Kind of the permit applications in :class:`RecordChanges`."""

UPLOAD_SUFFIXES = (".geojson", ".json", ".gpkg", ".zip")
"""Kinds of boundary file an upload may be: GeoJSON, GeoPackage, zipped Shapefile."""


class BoundaryImportError(RegistryError):
    """A boundary file could not be used; nothing was changed."""


@dataclass(frozen=True)
class UnitKept:
    """A unit the file does not cover: it keeps its polygon, of this source."""

    code: str
    name: str
    source: str  # "official" or "approximate"


@dataclass(frozen=True)
class MultiFeatureUnit:
    """A unit whose polygon is the union of several features of the file."""

    code: str
    name: str
    features: int


@dataclass(frozen=True)
class OtherNamedUnit:
    """A unit matched by its code whose feature bears another name: renamed,
    merged or split since the file was made, so its polygon may be partial."""

    code: str
    name: str
    feature_name: str


@dataclass(frozen=True)
class RepairDone:
    """A geometry made valid: the unit (or the feature's label when it matched
    none), what was done, and its area as drawn and as repaired, in km²."""

    code: str | None
    name: str
    action: str
    before_km2: float
    after_km2: float


@dataclass(frozen=True)
class RecordChanges:
    """What the import does to the records of one kind (``site``, ``point`` or
    ``application``) in the edition imported.

    ``moved``: in a unit before and in another one after; ``gained``: in none
    before, in one after; ``lost``: in one before, in none after;
    ``without_unit``: in none after (``lost`` included).
    """

    kind: str
    records: int
    moved: int
    gained: int
    lost: int
    without_unit: int


@dataclass
class BoundaryReport:
    """What a boundary import matched, left out, repaired and changed."""

    file: str
    edition: str
    level: str
    features: int
    dry_run: bool = False
    matched: list[tuple[str, str, str]] = field(default_factory=list)
    multi_feature: list[MultiFeatureUnit] = field(default_factory=list)
    other_names: list[OtherNamedUnit] = field(default_factory=list)
    unmatched_features: list[FeatureProblem] = field(default_factory=list)
    units_without_polygon: list[UnitKept] = field(default_factory=list)
    repaired: list[RepairDone] = field(default_factory=list)
    rejected: list[FeatureProblem] = field(default_factory=list)
    columns: dict[str, str | None] = field(default_factory=dict)
    placement: Placement | None = None
    changes: list[RecordChanges] = field(default_factory=list)
    reassigned: int = 0
    preview: GeoFrame | None = field(default=None, repr=False)

    def kept(self, source: str) -> list[UnitKept]:
        """The units not in the file whose kept polygon is of ``source``."""
        return [u for u in self.units_without_polygon if u.source == source]

    def changes_of(self, kind: str) -> RecordChanges | None:
        """The changes of one kind of record, if the import reassigns any."""
        return next((c for c in self.changes if c.kind == kind), None)

    def lines(self) -> list[str]:
        """The report as English text lines, for the command line."""
        by = {
            how: sum(1 for *_, m in self.matched if m == how)
            for how in ("code", "name")
        }
        out = [
            f"{self.file}: {self.features} feature(s); {len(self.matched)} unit(s) "
            f"of {self.edition}/{self.level} matched ({by['code']} by code, "
            f"{by['name']} by name)"
            + ("; dry run, nothing was written" if self.dry_run else "")
        ]
        shown = [f"{k} {v!r}" for k, v in self.columns.items() if v]
        if shown:
            out.append("  columns used: " + ", ".join(shown))
        out += [
            f"  unmatched feature #{p.feature_index} {p.label!r}: {p.reason}"
            for p in self.unmatched_features
        ]
        out += [
            f"  rejected feature #{p.feature_index} {p.label!r}: {p.reason}"
            for p in self.rejected
        ]
        out += [
            f"  {u.code} {u.name}: built from {u.features} features"
            for u in self.multi_feature
        ]
        out += [
            f"  {u.code} {u.name}: matched by code, but its feature is named "
            f"{u.feature_name!r}; possibly partial (renamed, merged or split since)"
            for u in self.other_names
        ]
        out += [
            f"  repaired {r.name}: {r.action} (area {r.before_km2:,.2f} km² as "
            f"drawn, {r.after_km2:,.2f} km² repaired)"
            for r in self.repaired
        ]
        if self.placement is not None:
            out.append(
                f"  placement: covers {self.placement.cover_share:.0%} of the area "
                f"its units have now; {self.placement.outside_share:.1%} of it lies "
                f"more than {OUTSIDE_MARGIN_M / 1000:.0f} km outside the province"
            )
        if self.units_without_polygon:
            official, approximate = self.kept("official"), self.kept("approximate")
            out.append(
                f"  {len(self.units_without_polygon)} unit(s) not in the file keep "
                f"the polygon they had: {len(official)} official, "
                f"{len(approximate)} approximate"
            )
            out += [
                f"    {u.code} {u.name} ({u.source})"
                for u in self.units_without_polygon
            ]
        for c in self.changes:
            out.append(
                f"  {c.kind}: {c.records} assigned again; {c.moved} change "
                f"{self.level}, {c.gained} gain one, {c.lost} lose theirs; "
                f"{c.without_unit} without a {self.level} of {self.edition}"
            )
        if not self.changes:
            out.append(f"  {self.reassigned} record(s) reassigned to units")
        return out


def import_boundaries(
    registry: Registry,
    actor: Actor,
    path: str | Path,
    *,
    edition: str,
    level: str,
    crs: str | None = None,
    code_field: str | None = None,
    name_field: str | None = None,
    parent_field: str | None = None,
    dry_run: bool = False,
    file_name: str | None = None,
) -> BoundaryReport:
    """Replace the polygons of one edition and level with those of a file.

    Features are matched to units by GSO code or by name (a district-name column,
    found by its values or given as ``parent_field``, keeps namesake communes of
    different districts apart). The layer is refused when it is of another level,
    does not lie where its units are, or needs a repair that changes a unit's area
    by more than :data:`~geodata.repair.MAX_REPAIR_CHANGE`. In one transaction the
    matched units get their official polygons and every record is reassigned;
    with ``dry_run`` nothing is written and the report is the same.
    ``path`` may be the bytes of an upload, then named by ``file_name``, whose
    suffix says its kind (one of :data:`UPLOAD_SUFFIXES`).
    ``file_name`` names the file in the report and the audit (an upload's name).
    """
    perm.require(actor, perm.MANAGE_BOUNDARIES, "system")
    spec = get_edition(edition)
    if level not in spec.levels:
        raise ValidationError(
            [FieldError("level", level, msg.LEVEL, levels=list(spec.levels))]
        )
    if isinstance(path, bytes | bytearray):
        return _import_upload(
            registry,
            actor,
            bytes(path),
            file_name or "",
            edition=edition,
            level=level,
            crs=crs,
            code_field=code_field,
            name_field=name_field,
            parent_field=parent_field,
            dry_run=dry_run,
        )
    name = file_name or Path(path).name
    try:
        features = read_boundary_file(path, crs=crs)
        with registry.reading() as session:
            every_level = units_frame(session, edition)
        match = match_boundaries(
            features,
            every_level,
            code_field=code_field,
            name_field=name_field,
            parent_field=parent_field,
            level=level,
        )
    except GeodataError as exc:
        raise BoundaryImportError(msg.BOUNDARY_FILE, cause=exc) from exc
    if match.matched.empty:
        raise BoundaryImportError(
            msg.NO_BOUNDARY_MATCHED, file=name, level=level, edition=edition
        )
    names = dict(zip(every_level["code"], every_level["name"], strict=True))
    parents = dict(zip(every_level["code"], every_level["parent_code"], strict=True))
    match.unmatched_features = [
        p._replace(
            candidates=tuple(_described(c, names, parents) for c in p.candidates)
        )
        for p in match.unmatched_features
    ]
    _refuse_other_level(match, name, edition, level)
    _refuse_large_repairs(match, name, names)
    current = unit_polygons(registry, edition, level)
    placement = _check_placement(registry, match, current, name)
    report = _report(match, current, names, name, edition, level, len(features))
    report.placement, report.dry_run = placement, dry_run
    polygons = with_replaced_geometries(current, match.matched)
    matched_codes = set(match.matched["code"])
    polygons["boundary_source"] = [
        "official" if c in matched_codes else s
        for c, s in zip(polygons["code"], polygons["boundary_source"], strict=True)
    ]
    report.preview = polygons.assign(
        state=[
            "new" if c in matched_codes else s
            for c, s in zip(current["code"], current["boundary_source"], strict=True)
        ]
    )[["code", "name", "state", "geometry"]]
    replacing = {edition: polygons} if level == "commune" else {}
    if dry_run:
        if replacing:
            with registry.reading() as session:
                plans = _plan(registry, session, replacing, edition)
            report.changes = [p.changes for p in plans]
            report.reassigned = sum(
                p.changes.records for p in plans if p.kind != APPLICATION
            )
        return report
    _store(registry, actor, match, report, replacing)
    return report


def _described(code: str, names: dict, parents: dict) -> str:
    """'Xã Hồng Sơn (Huyện Đô Lương)': a unit by its name and its district's."""
    parent = parents.get(code)
    inside = (
        f" ({names[parent]})" if isinstance(parent, str) and parent in names else ""
    )
    return f"{names.get(code, code)}{inside}"


def _import_upload(registry, actor, data: bytes, file_name: str, **options):
    """An uploaded file, kept in a temporary folder under a name of our own."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise BoundaryImportError(
            msg.BOUNDARY_UPLOAD_KIND, file=file_name, suffixes=list(UPLOAD_SUFFIXES)
        )
    with tempfile.TemporaryDirectory(prefix="registry-boundaries-") as folder:
        target = Path(folder) / f"ranh-gioi{suffix}"
        target.write_bytes(data)
        try:
            return import_boundaries(
                registry, actor, target, file_name=file_name, **options
            )
        except BoundaryImportError as refused:
            cause = refused.context.get("cause")
            if not isinstance(cause, BoundaryFileError):
                raise
            # Name the upload, not the temporary file it was read from.
            context = {
                k: v.replace(str(target), file_name) if isinstance(v, str) else v
                for k, v in cause.context.items()
                if k != "path"
            }
            named = BoundaryFileError(file_name, cause.code, **context)
            raise BoundaryImportError(msg.BOUNDARY_FILE, cause=named) from refused


def _refuse_other_level(match: BoundaryMatch, file: str, edition: str, level: str):
    """A layer whose features name more units of another level is of that level
    (grouped on a label, 480 communes became 16 'districts')."""
    hits = match.level_hits.get(level, 0)
    others = {lv: n for lv, n in match.level_hits.items() if lv != level}
    if not others:
        return
    other = max(others, key=others.get)
    if others[other] > hits:
        raise BoundaryImportError(
            msg.LAYER_OF_OTHER_LEVEL,
            file=file,
            edition=edition,
            level=level,
            other=other,
            hits=hits,
            other_hits=others[other],
            grouped=len(match.duplicates),
            field=match.name_field or match.code_field,
        )


def _refuse_large_repairs(match: BoundaryMatch, file: str, names: dict) -> None:
    if not match.oversized_repairs:
        return
    worst = max(match.oversized_repairs, key=lambda r: r.change)
    raise BoundaryImportError(
        msg.BOUNDARY_REPAIR_TOO_LARGE,
        file=file,
        unit=names.get(worst.unit, worst.unit),
        before_km2=round(worst.before_km2, 2),
        after_km2=round(worst.after_km2, 2),
        change_percent=round(worst.change * 100, 1),
        max_percent=round(MAX_REPAIR_CHANGE * 100, 1),
        units=[names.get(r.unit, r.unit) for r in match.oversized_repairs],
    )


def _check_placement(registry, match, current, file) -> Placement:
    mine = current[current["code"].isin(set(match.matched["code"]))]
    placement = layer_placement(match.matched, mine, province_outline(registry))
    if not placement.fits:
        raise BoundaryImportError(
            msg.BOUNDARY_LAYER_MISPLACED,
            file=file,
            province=province(registry).name,
            units=len(match.matched),
            cover_percent=round(placement.cover_share * 100, 1),
            min_cover_percent=round(MIN_COVER_SHARE * 100, 1),
            outside_percent=round(placement.outside_share * 100, 1),
            outside_km2=round(placement.outside_km2),
            max_outside_percent=round(MAX_OUTSIDE_SHARE * 100, 1),
            margin_km=round(OUTSIDE_MARGIN_M / 1000),
            shift_km=round(placement.shift_km, 1),
        )
    return placement


def _report(match, current, names, file, edition, level, features) -> BoundaryReport:
    sources = dict(zip(current["code"], current["boundary_source"], strict=True))
    counts = dict(zip(match.matched["code"], match.matched["features"], strict=True))
    return BoundaryReport(
        file,
        edition,
        level,
        features,
        matched=[
            (r.code, names[r.code], r.matched_by) for r in match.matched.itertuples()
        ],
        multi_feature=[
            MultiFeatureUnit(d.code, names[d.code], counts[d.code])
            for d in match.duplicates
        ],
        other_names=[
            OtherNamedUnit(o.code, names[o.code], o.feature_name)
            for o in match.other_names
        ],
        unmatched_features=list(match.unmatched_features),
        units_without_polygon=[
            UnitKept(code, unit_name, sources.get(code, "approximate"))
            for code, unit_name in match.units_without_polygon
        ],
        repaired=[
            RepairDone(
                r.unit if r.unit in names else None,
                names.get(r.unit, r.unit),
                r.action,
                round(r.before_km2, 3),
                round(r.after_km2, 3),
            )
            for r in match.repaired
        ],
        rejected=list(match.rejected),
        columns={
            "code": match.code_field,
            "name": match.name_field,
            "district": match.parent_field,
        },
    )


def _store(registry, actor, match, report: BoundaryReport, replacing) -> None:
    areas = areas_km2(match.matched)
    stamp = now()
    with registry.transaction() as session:
        stored = {
            u.code: u
            for u in session.scalars(
                select(AdminUnit).where(
                    AdminUnit.edition == report.edition,
                    AdminUnit.level == report.level,
                )
            )
        }
        for row, area in zip(match.matched.itertuples(), areas, strict=True):
            unit = stored[row.code]
            unit.geometry_wkb = geometry_to_wkb(row.geometry)
            unit.boundary_source = "official"
            unit.boundary_file = report.file
            unit.area_km2 = float(area)
            unit.updated_at = stamp
        if replacing:
            plans = _plan(registry, session, replacing, report.edition)
            _write(registry, session, plans)
            report.changes = [p.changes for p in plans]
            report.reassigned = sum(
                p.changes.records for p in plans if p.kind != APPLICATION
            )
        bump_boundaries_version(session)
        record_audit(
            session,
            actor.username,
            "import_boundaries",
            "admin_units",
            f"{report.edition}/{report.level}",
            after={
                "file": report.file,
                "matched": len(report.matched),
                "kept_official": len(report.kept("official")),
                "kept_approximate": len(report.kept("approximate")),
                "multi_feature": len(report.multi_feature),
                "possibly_partial": len(report.other_names),
                "repaired": len(report.repaired),
                "changes": {
                    c.kind: {
                        "moved": c.moved,
                        "gained": c.gained,
                        "lost": c.lost,
                        "without_unit": c.without_unit,
                    }
                    for c in report.changes
                },
            },
        )


@dataclass
class _Plan:
    """The new units of one kind of record, before they are written."""

    kind: str
    ids: list[int]
    where: Assignment | None
    rows: list = field(default_factory=list)
    changes: RecordChanges | None = None


def _count(kind: str, before: list, after) -> RecordChanges:
    pairs = list(zip(before, after, strict=True))
    return RecordChanges(
        kind=kind,
        records=len(pairs),
        moved=sum(1 for b, a in pairs if b is not None and a is not None and a != b),
        gained=sum(1 for b, a in pairs if b is None and a is not None),
        lost=sum(1 for b, a in pairs if b is not None and a is None),
        without_unit=sum(1 for _, a in pairs if a is None),
    )


def _plan(registry: Registry, session: Session, replacing, edition) -> list[_Plan]:
    """Every record's and application's units with the new polygons, and how
    they differ in ``edition`` from the stored ones; nothing is written."""
    plans = []
    for record_type in RecordType:
        model = MODEL_OF[record_type]
        rows = session.execute(
            select(model.id, model.latitude, model.longitude, model.declared_commune)
        ).all()
        before = dict(
            session.execute(
                select(UnitAssignment.record_id, UnitAssignment.commune_code).where(
                    UnitAssignment.record_type == record_type.value,
                    UnitAssignment.edition == edition,
                )
            ).all()
        )
        ids = [r.id for r in rows]
        where = (
            assign(
                registry,
                [r.latitude for r in rows],
                [r.longitude for r in rows],
                replacing=replacing,
            )
            if rows
            else None
        )
        after = where.communes[edition] if where else []
        plans.append(
            _Plan(
                record_type.value,
                ids,
                where,
                rows,
                _count(record_type.value, [before.get(i) for i in ids], after),
            )
        )
    ids, where = plan_applications(registry, session, replacing)
    before = dict(
        session.execute(
            select(
                PermitApplicationUnit.application_id, PermitApplicationUnit.commune_code
            ).where(PermitApplicationUnit.edition == edition)
        ).all()
    )
    after = where.communes[edition] if where else []
    plans.append(
        _Plan(
            APPLICATION,
            ids,
            where,
            changes=_count(APPLICATION, [before.get(i) for i in ids], after),
        )
    )
    return plans


def _write(registry: Registry, session: Session, plans: list[_Plan]) -> None:
    """Store the planned units and the records' location flags."""
    for plan in plans:
        if not plan.ids:
            continue
        if plan.kind == APPLICATION:
            store_units(session, plan.ids, plan.where)
            continue
        model = MODEL_OF[RecordType(plan.kind)]
        flags = location_flags(
            registry, [r.declared_commune for r in plan.rows], plan.where
        )
        replace_assignments(session, plan.kind, plan.ids, plan.where)
        session.execute(
            model.__table__.update()
            .where(model.__table__.c.id == bindparam("record_id"))
            .values(location_flag=bindparam("flag")),
            [{"record_id": i, "flag": f} for i, f in zip(plan.ids, flags, strict=True)],
        )
