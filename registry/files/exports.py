"""Exporting records (CSV, XLSX, GeoJSON, GeoPackage, KML) as the actor sees them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd

from geodata.editions import EDITIONS
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.files import messages as msg
from registry.files.forms import CODE_SHEET, FORMS, code_list, to_form
from registry.files.imports import IMPORT_GROUPS
from registry.files.writers import write_table
from registry.kernel.clock import VIETNAM_TIME
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


def now_in_vietnam() -> datetime:
    """The time now on a clock in Vietnam (Asia/Ho_Chi_Minh, UTC+7): what an
    export's file and name say, whatever the server's own time zone."""
    return datetime.now(VIETNAM_TIME).replace(microsecond=0)


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
    *,
    form: str = "codes",
    exported_at: datetime | None = None,
) -> tuple[Path, int]:
    """Write the actor's view of sites, Internet points or game points to a file.

    ``form`` "codes" writes field names and codes (``network_code`` = ``04``);
    "vi" the Vietnamese form offices fill (``Nhà mạng`` = ``Viettel``), with the
    codes in a second sheet of an XLSX file (:mod:`registry.files.forms`); the
    geographic formats keep the field names. CSV and XLSX in either form come
    back through :func:`registry.files.imports.import_records`.
    ``exported_at`` (default: now, Vietnam time) is written in an XLSX file.

    Returns the path written and the number of records in it.
    """
    if fmt not in EXPORT_FORMATS:
        raise RegistryError(
            msg.UNKNOWN_EXPORT_FORMAT, format=fmt, formats=list(EXPORT_FORMATS)
        )
    if form not in FORMS:
        raise RegistryError(msg.UNKNOWN_FORM, form=form, forms=list(FORMS))
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
    sheets = {}
    # Spreadsheets are the form people fill; the geographic formats keep the
    # field names GIS layers are read by (and their coordinates by name).
    if form == "vi" and fmt in ("csv", "xlsx"):
        out = to_form(out, record_type.value)
        sheets[CODE_SHEET] = code_list(record_type.value)
    written = write_table(
        out,
        path,
        fmt,
        layer_name=group.replace("-", "_"),
        note=APPROXIMATE_NOTE if approximate else OFFICIAL_NOTE,
        exported_at=exported_at or now_in_vietnam(),
        sheets=sheets,
    )
    return Path(written), len(out)
