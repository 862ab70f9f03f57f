"""Use cases of the cell observations: import a snapshot, read and export its
findings, turn a finding into a follow-up (an inspection task or a request to the
operator)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import select

from geodata.cells import match_cells
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.cells import findings as fnd
from registry.cells import messages as msg
from registry.cells.reading import read_cells
from registry.files import messages as files_msg
from registry.files.writers import write_table
from registry.kernel.audit import record_audit
from registry.kernel.bulk import write_frame
from registry.kernel.clock import now
from registry.kernel.db import Registry
from registry.kernel.errors import (
    FieldError,
    ImportFileError,
    NotFoundError,
    PermissionDeniedError,
    RegistryError,
    ValidationError,
)
from registry.kernel.models import (
    BtsSite,
    CellFinding,
    CellFollowUp,
    CellObservation,
    CellSnapshot,
    UnitAssignment,
)
from registry.kernel.text import checked_text, clean_text
from registry.kernel.vocabulary import Role, SiteStatus
from registry.records.province_checks import territory
from registry.units.divisions import assign

FOLLOW_UP_KINDS = ("inspection", "operator_request")
EXPORT_FORMATS = ("csv", "xlsx", "geojson")
# Columns of an exported finding, in order.
EXPORT_COLUMNS = (
    "kind",
    "network_code",
    "technology",
    "longitude",
    "latitude",
    "spread_m",
    "cells",
    "samples",
    "confidence",
    "site_id",
    "site_code",
    "site_distance_m",
)


@dataclass
class CellImportReport:
    """What an import read, kept and found (nothing stored on a dry run)."""

    file_name: str
    source: str
    dry_run: bool
    rows_read: int
    rows_kept: int
    rows_other_country: int
    rows_outside: int
    broken: dict[str, int]
    cells_matched: int
    findings: dict[str, int] = field(default_factory=dict)
    snapshot_id: int | None = None

    @property
    def rows_broken(self) -> int:
        """Broken rows, every reason together."""
        return sum(self.broken.values())

    def lines(self) -> list[str]:
        """The report as the command line prints it."""
        lines = [
            f"{self.rows_read} row(s) read from {self.file_name}: {self.rows_kept} "
            f"kept (MCC 452, in the province), {self.rows_other_country} of other "
            f"countries, {self.rows_outside} outside the province, "
            f"{self.rows_broken} broken.",
        ]
        for reason, count in sorted(self.broken.items()):
            lines.append(f"  broken: {count} row(s) with bad {reason}")
        lines.append(f"{self.cells_matched} cell(s) matched to a registered site.")
        lines.append(
            "Findings: "
            + ", ".join(f"{k} {self.findings.get(k, 0)}" for k in fnd.FINDING_KINDS)
        )
        if self.dry_run:
            lines.append("Dry run: nothing stored.")
        else:
            lines.append(f"Snapshot #{self.snapshot_id} stored (source {self.source}).")
        return lines


def _sites(registry: Registry) -> pd.DataFrame:
    """Standing sites, once per operator on the structure (co-located ones too)."""
    with registry.reading() as session:
        rows = session.execute(
            select(
                BtsSite.id,
                BtsSite.site_code,
                BtsSite.network_code,
                BtsSite.co_located,
                BtsSite.latitude,
                BtsSite.longitude,
                BtsSite.status,
                BtsSite.on_air_2g,
                BtsSite.on_air_3g,
                BtsSite.on_air_4g,
                BtsSite.on_air_5g,
            ).where(
                BtsSite.retired_on.is_(None),
                BtsSite.status != SiteStatus.DECOMMISSIONED.value,
            )
        ).all()
    sites = pd.DataFrame(
        rows,
        columns=["id", "site_code", "network_code", "co_located", "lat", "lon",
                 "status", "on_air_2g", "on_air_3g", "on_air_4g", "on_air_5g"],
    )  # fmt: skip
    sites["on_air"] = sites["status"] == SiteStatus.ON_AIR.value
    shared = sites[sites["co_located"].fillna("") != ""]
    guests = []
    for code in sorted({c for text in shared["co_located"] for c in text.split(",")}):
        guest = shared[
            shared["co_located"].str.split(",").map(lambda c, k=code: k in c)
        ]
        # A guest operator's cells match the structure; the host's status and
        # technologies are not the guest's, so the guest row is neither checked
        # for technologies nor listed as unseen.
        guests.append(guest.assign(network_code=code, on_air=False))
    return pd.concat([sites, *guests], ignore_index=True)


def _findings(registry: Registry, cells: pd.DataFrame, sites: pd.DataFrame):
    """Match the cells and work out the findings (with their units)."""
    base = registry.config.cell_match_m
    match = match_cells(cells, sites, base)
    parts = [
        fnd.unregistered(cells, match, sites, base),
        fnd.unseen(cells, match, sites),
        fnd.technology(cells, match, sites),
    ]
    found = pd.concat([p for p in parts if len(p)], ignore_index=True)
    if len(found):
        where = assign(registry, found["latitude"], found["longitude"])
        found["commune_code"] = where.communes["2025-06"]
        found["district_code"] = where.districts["2025-06"]
        found["commune_code_new"] = where.communes["2025-07"]
    return match, found


def import_cells(
    registry: Registry,
    actor: Actor,
    source: str | Path | bytes,
    *,
    filename: str | None = None,
    source_name: str | None = None,
    dry_run: bool = False,
) -> CellImportReport:
    """Import an OpenCelliD-format file as a dated snapshot and its findings.

    Parameters
    ----------
    source : path or bytes
        The file (CSV, plain or gzipped, with or without the header line), or its
        content (then ``filename`` names it).
    source_name : str, optional
        Where the file comes from (default ``OpenCelliD``), stored with the
        snapshot.
    dry_run : bool
        Read, match and report; store nothing.

    Returns
    -------
    CellImportReport
        Rows read, kept and left out (with reasons), cells matched, findings.
    """
    perm.require(actor, perm.IMPORT, "cells")
    name = clean_text(filename or Path(str(source)).name)[:200]
    label = checked_text("source", source_name, CellSnapshot.source) or "OpenCelliD"
    if isinstance(source, bytes):
        data = source
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as error:
            raise ImportFileError(
                files_msg.CANNOT_OPEN, path=name, detail=error.strerror
            ) from None
    land = territory(registry)
    read = read_cells(data, name, land.inside)
    cells = read.cells
    sites = _sites(registry)
    if len(cells):
        match, found = _findings(registry, cells, sites)
    else:
        match, found = pd.DataFrame({"matched": []}), pd.DataFrame()
    counts = found["kind"].value_counts().to_dict() if len(found) else {}
    report = CellImportReport(
        file_name=name,
        source=label,
        dry_run=dry_run,
        rows_read=read.rows_read,
        rows_kept=len(cells),
        rows_other_country=read.other_country,
        rows_outside=read.outside,
        broken=read.broken,
        cells_matched=int(match["matched"].sum()),
        findings={k: int(v) for k, v in counts.items()},
    )
    if dry_run:
        return report
    stamps = cells["updated_at"].dropna() if len(cells) else pd.Series([])
    with registry.transaction() as session:
        snapshot = CellSnapshot(
            source=label,
            file_name=name,
            observed_on=stamps.max().date() if len(stamps) else None,
            imported_at=now(),
            imported_by=actor.username,
            rows_read=report.rows_read,
            rows_kept=report.rows_kept,
            rows_other_country=report.rows_other_country,
            rows_outside=report.rows_outside,
            rows_broken=report.rows_broken,
            cells_matched=report.cells_matched,
            match_m=registry.config.cell_match_m,
        )
        session.add(snapshot)
        session.flush()
        if len(cells):
            site_ids = sites["id"].to_numpy()
            site = match["site"].to_numpy()
            observations = cells.drop(columns=["technology"]).rename(
                columns={"lon": "longitude", "lat": "latitude"}
            )
            observations["snapshot_id"] = snapshot.id
            observations["site_id"] = pd.array(
                np.where(match["matched"], site_ids[np.maximum(site, 0)], 0),
                dtype="Int64",
            )
            observations.loc[~match["matched"].to_numpy(), "site_id"] = pd.NA
            observations["site_distance_m"] = match["distance_m"].round(1).to_numpy()
            write_frame(session, CellObservation.__table__, observations)
        if len(found):
            write_frame(
                session,
                CellFinding.__table__,
                found.assign(snapshot_id=snapshot.id),
            )
        report.snapshot_id = snapshot.id
        record_audit(
            session,
            actor.username,
            "import",
            "cell_snapshot",
            snapshot.id,
            after={
                "file": name,
                "source": label,
                "rows_read": report.rows_read,
                "rows_kept": report.rows_kept,
                "rows_broken": report.rows_broken,
                "findings": report.findings,
            },
        )
    return report


def _latest_snapshot(session) -> CellSnapshot:
    snapshot = session.scalars(
        select(CellSnapshot).order_by(CellSnapshot.id.desc()).limit(1)
    ).first()
    if snapshot is None:
        raise NotFoundError(msg.NO_SNAPSHOT)
    return snapshot


def _scoped(query, actor: Actor):
    """The findings the actor may see: their network, or their area."""
    if actor.sees_whole_province:
        return query
    if actor.role == Role.OPERATOR:
        return query.where(CellFinding.network_code == (actor.network_code or "-"))
    if actor.role == Role.DISTRICT:
        if actor.area_edition != "2025-06":
            return query.where(CellFinding.id < 0)
        return query.where(CellFinding.district_code == actor.area_code)
    column = (
        CellFinding.commune_code
        if actor.area_edition == "2025-06"
        else CellFinding.commune_code_new
    )
    return query.where(column == actor.area_code)


def list_findings(
    registry: Registry, actor: Actor, *, kind: str | None = None
) -> tuple[CellSnapshot, pd.DataFrame]:
    """The findings of the latest snapshot the actor may see, best first.

    Returns the snapshot and a frame (one row per finding: the columns of
    :data:`EXPORT_COLUMNS`, ``id``, the units and the site's name).
    """
    perm.require(actor, perm.READ, "cells")
    if kind is not None and kind not in fnd.FINDING_KINDS:
        raise ValidationError(
            [FieldError("kind", kind, msg.FINDING_KIND(kinds=list(fnd.FINDING_KINDS)))]
        )
    with registry.reading() as session:
        snapshot = _latest_snapshot(session)
        session.expunge(snapshot)
        query = (
            select(CellFinding, BtsSite.site_code, BtsSite.name)
            .outerjoin(BtsSite, BtsSite.id == CellFinding.site_id)
            .where(CellFinding.snapshot_id == snapshot.id)
        )
        if kind:
            query = query.where(CellFinding.kind == kind)
        query = _scoped(query, actor).order_by(
            CellFinding.kind, CellFinding.confidence.desc(), CellFinding.id
        )
        rows = session.execute(query).all()
    records = [
        {
            **{c.name: getattr(f, c.name) for c in CellFinding.__table__.columns},
            "site_code": code,
            "site_name": site_name,
        }
        for f, code, site_name in rows
    ]
    columns = [c.name for c in CellFinding.__table__.columns] + [
        "site_code",
        "site_name",
    ]
    return snapshot, pd.DataFrame(records, columns=columns)


def export_findings(
    registry: Registry,
    actor: Actor,
    fmt: str,
    target: Path,
    *,
    kind: str | None = None,
) -> tuple[Path, int]:
    """Write the visible findings of the latest snapshot (csv, xlsx, geojson);
    spreadsheet cells that would run as formulas are neutralised."""
    perm.require(actor, perm.EXPORT, "cells")
    if fmt not in EXPORT_FORMATS:
        raise ValidationError(
            [FieldError("format", fmt, msg.EXPORT_FORMAT(formats=list(EXPORT_FORMATS)))]
        )
    snapshot, found = list_findings(registry, actor, kind=kind)
    table = found[list(EXPORT_COLUMNS)].rename(
        columns={"longitude": "lon", "latitude": "lat"}
    )
    table["longitude"], table["latitude"] = table["lon"], table["lat"]
    note = (
        f"Cell findings of snapshot #{snapshot.id} ({snapshot.source}, "
        f"{snapshot.file_name}); evidence from crowd-sourced measurements, not "
        "registry records."
    )
    path = write_table(table, target, fmt, layer_name="cell_findings", note=note)
    return path, len(table)


def _finding(session, finding_id: int) -> CellFinding:
    # An id beyond the column's range is not asked of PostgreSQL (which refuses it).
    usable = isinstance(finding_id, int) and 0 < finding_id < 2**31
    finding = session.get(CellFinding, finding_id) if usable else None
    if finding is None:
        raise NotFoundError(msg.FINDING_NOT_FOUND, key=finding_id)
    return finding


def _require_finding_in_scope(actor: Actor, finding: CellFinding, action: str) -> None:
    if actor.sees_whole_province:
        return
    if actor.role == Role.OPERATOR:
        if finding.network_code != actor.network_code:
            raise PermissionDeniedError(
                msg.OTHER_NETWORK,
                user=actor.username,
                action=action,
                what=f"cell finding {finding.id}",
                network=finding.network_code,
                own=actor.network_code,
            )
        return
    units = {
        "2025-06": (finding.commune_code, finding.district_code),
        "2025-07": (finding.commune_code_new, None),
    }
    if not perm.in_scope(actor, units):
        raise perm.outside_area(
            actor, action, f"cell finding {finding.id}", msg.OUTSIDE_AREA
        )


def follow_up_finding(
    registry: Registry, actor: Actor, finding_id: int, kind: str, note: str = ""
) -> int:
    """Turn a finding into an inspection task or a request to the operator
    (audited); returns the follow-up's id."""
    perm.require(actor, perm.CREATE, "cells")
    if kind not in FOLLOW_UP_KINDS:
        raise ValidationError(
            [FieldError("kind", kind, msg.FOLLOW_UP_KIND(kinds=list(FOLLOW_UP_KINDS)))]
        )
    try:
        text = checked_text("note", note, CellFollowUp.note)
    except FieldError as error:
        raise ValidationError([error]) from None
    with registry.transaction() as session:
        finding = _finding(session, finding_id)
        _require_finding_in_scope(actor, finding, "follow up")
        follow_up = CellFollowUp(
            finding_id=finding.id,
            kind=kind,
            note=text,
            created_by=actor.username,
            created_at=now(),
        )
        session.add(follow_up)
        session.flush()
        record_audit(
            session,
            actor.username,
            "create",
            "cell_follow_up",
            follow_up.id,
            after={"finding": finding.id, "kind": kind, "note": text},
        )
        return follow_up.id


def list_follow_ups(registry: Registry, actor: Actor) -> pd.DataFrame:
    """The follow-ups of the findings the actor may see, newest first."""
    perm.require(actor, perm.READ, "cells")
    with registry.reading() as session:
        query = _scoped(
            select(
                CellFollowUp.id,
                CellFollowUp.kind,
                CellFollowUp.note,
                CellFollowUp.created_by,
                CellFollowUp.created_at,
                CellFinding.id.label("finding_id"),
                CellFinding.kind.label("finding_kind"),
                CellFinding.network_code,
                CellFinding.longitude,
                CellFinding.latitude,
            ).join(CellFinding, CellFinding.id == CellFollowUp.finding_id),
            actor,
        ).order_by(CellFollowUp.id.desc())
        rows = session.execute(query).all()
    return pd.DataFrame(rows, columns=list(query.selected_columns.keys()))


def registered_sites_near(
    registry: Registry, actor: Actor, findings: pd.DataFrame, margin: float = 0.05
) -> pd.DataFrame:
    """The standing sites around the findings (their bounding box and ``margin``
    degrees more), for the map under the findings: operators get their own
    network's, district and commune staff their area's."""
    perm.require(actor, perm.READ, "cells")
    columns = ["id", "name", "site_code", "network_code", "latitude", "longitude"]
    if findings.empty:
        return pd.DataFrame(columns=columns)
    query = select(
        BtsSite.id,
        BtsSite.name,
        BtsSite.site_code,
        BtsSite.network_code,
        BtsSite.latitude,
        BtsSite.longitude,
    ).where(
        BtsSite.retired_on.is_(None),
        BtsSite.latitude.between(
            float(findings["latitude"].min()) - margin,
            float(findings["latitude"].max()) + margin,
        ),
        BtsSite.longitude.between(
            float(findings["longitude"].min()) - margin,
            float(findings["longitude"].max()) + margin,
        ),
    )
    if actor.role == Role.OPERATOR:
        query = query.where(BtsSite.network_code == (actor.network_code or "-"))
    elif not actor.sees_whole_province:
        # District and commune staff read the sites of their own area only.
        unit = (
            UnitAssignment.district_code
            if actor.role == Role.DISTRICT
            else UnitAssignment.commune_code
        )
        query = query.join(
            UnitAssignment,
            (UnitAssignment.record_type == "site")
            & (UnitAssignment.record_id == BtsSite.id)
            & (UnitAssignment.edition == (actor.area_edition or "-")),
        ).where(unit == (actor.area_code or "-"))
    with registry.reading() as session:
        rows = session.execute(query.order_by(BtsSite.id)).all()
    return pd.DataFrame(rows, columns=columns)


def findings_workbook(registry: Registry, actor: Actor) -> bytes:
    """The visible findings as an Excel workbook's bytes (the page's download)."""
    with tempfile.TemporaryDirectory() as folder:
        path, _ = export_findings(
            registry, actor, "xlsx", Path(folder) / "cell-findings.xlsx"
        )
        return path.read_bytes()


__all__ = [
    "EXPORT_FORMATS",
    "FOLLOW_UP_KINDS",
    "CellImportReport",
    "RegistryError",
    "export_findings",
    "findings_workbook",
    "follow_up_finding",
    "import_cells",
    "list_findings",
    "list_follow_ups",
    "registered_sites_near",
]
