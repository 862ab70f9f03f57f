"""Exporting records (CSV, XLSX, GeoJSON, GeoPackage, KML) as the actor sees them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geodata.editions import EDITIONS
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.files import messages as msg
from registry.files.imports import IMPORT_GROUPS
from registry.files.writers import write_table
from registry.kernel.db import Registry
from registry.kernel.errors import RegistryError
from registry.records.listing import list_records
from registry.records.rows import field_names
from registry.units.divisions import unit_polygons

EXPORT_FORMATS = ("csv", "xlsx", "geojson", "gpkg", "kml")
APPROXIMATE_NOTE = (
    "Xã/huyện của mỗi bản ghi được xác định theo ranh giới GẦN ĐÚNG (ô Thiessen "
    "quanh tâm xã), chưa phải ranh giới chính thức. / Communes and districts are "
    "assigned with APPROXIMATE boundaries, not official ones."
)
OFFICIAL_NOTE = (
    "Xã/huyện xác định theo ranh giới chính thức đã nhập. / Official boundaries."
)


def _boundary_column(registry: Registry, frame: pd.DataFrame) -> pd.Series:
    """'approximate' where any edition's commune of the record has a derived polygon."""
    approximate = pd.Series(False, index=frame.index)
    for edition in EDITIONS:
        polygons = unit_polygons(registry, edition, "commune")
        derived = set(
            polygons.loc[polygons["boundary_source"] == "approximate", "code"]
        )
        column = f"commune_{edition.replace('-', '_')}"
        approximate |= frame[column].isin(derived)
    return approximate.map({True: "approximate", False: "official"})


def export_records(
    registry: Registry,
    actor: Actor,
    group: str,
    fmt: str,
    path: str | Path,
) -> tuple[Path, int]:
    """Write the actor's view of sites, Internet points or game points to a file.

    Returns the path written and the number of records in it.
    """
    if fmt not in EXPORT_FORMATS:
        raise RegistryError(
            msg.UNKNOWN_EXPORT_FORMAT, format=fmt, formats=list(EXPORT_FORMATS)
        )
    record_type, kinds = IMPORT_GROUPS[group]
    perm.require(actor, perm.EXPORT, record_type.value)
    frame = list_records(registry, actor, record_type)
    if kinds:
        frame = frame[frame["kind"].isin(kinds)]
    unit_columns = [c for c in frame.columns if c.startswith(("commune", "district"))]
    columns = [
        "id",
        # The version lets a re-import of this file refuse rows whose record was
        # changed since (registry.files.matching).
        "version",
        *field_names(record_type),
        *unit_columns,
        "location_flag",
        "source",
    ]
    out = frame[[c for c in columns if c in frame.columns]].copy()
    out["boundaries"] = _boundary_column(registry, frame)
    approximate = bool((out["boundaries"] == "approximate").any())
    written = write_table(
        out,
        path,
        fmt,
        layer_name=group.replace("-", "_"),
        note=APPROXIMATE_NOTE if approximate else OFFICIAL_NOTE,
    )
    return Path(written), len(out)
