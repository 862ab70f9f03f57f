"""Schools: the reference layer of the game-point distance rule.

Schools are imported from CSV/XLSX (name, level, latitude, longitude, optional
address) or from GeoJSON points, all or nothing with a row-level report, like the
records in :mod:`registry.files.imports`. The department and administrators keep the
layer; every role may read it (it holds no personal data). The demo data set adds
labelled demo schools (:mod:`registry.demo.schools`).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from geodata.distance import nearest
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.files import messages as files_msg
from registry.files.imports import ImportReport, ImportWording
from registry.files.readers import (
    EXCEL_EXTENSIONS,
    TEXT_EXTENSIONS,
    read_table,
)
from registry.kernel.audit import record_audit
from registry.kernel.bulk import write_frame
from registry.kernel.clock import now
from registry.kernel.db import Registry
from registry.kernel.errors import ImportFileError
from registry.kernel.models import School
from registry.kernel.text import clean_text, match_key
from registry.records.batch import new_batch_key
from registry.records.coordinates import detect_swapped, parse_coordinate_columns
from registry.records.province_checks import territory
from registry.records.validation import RowProblem, shown
from registry.reference import messages as msg

SCHOOL_LEVELS: dict[str, tuple[str, str]] = {
    "primary": ("Trường tiểu học", "Primary school"),
    "lower_secondary": ("Trường trung học cơ sở", "Lower secondary school"),
    "upper_secondary": ("Trường trung học phổ thông", "Upper secondary school"),
    "multi_level": ("Trường phổ thông nhiều cấp học", "Multi-level school"),
}
# Spellings found in school lists besides the codes and labels (as match keys).
_LEVEL_ALIASES = {
    "primary": ("tieu hoc", "th", "truong tieu hoc"),
    "lower_secondary": ("trung hoc co so", "thcs", "truong thcs"),
    "upper_secondary": ("trung hoc pho thong", "thpt", "truong thpt"),
    "multi_level": ("lien cap", "nhieu cap", "th thcs", "thcs thpt", "th thcs thpt"),
}
_HEADERS = {
    "name": ("name", "ten", "ten truong", "truong", "school", "school name"),
    "level": ("level", "cap hoc", "cap", "loai truong", "bac hoc"),
    "latitude": ("latitude", "lat", "vi do", "y"),
    "longitude": ("longitude", "lon", "lng", "long", "kinh do", "x"),
    "address": ("address", "dia chi"),
}
_COORDINATE_KEYS = {
    match_key(spelling)
    for column in ("latitude", "longitude")
    for spelling in _HEADERS[column]
}
REQUIRED = ("name", "level", "latitude", "longitude")
MAX_LENGTH = {"name": 200, "address": 300}
GEOJSON_EXTENSIONS = (".geojson", ".json")
# A school just across the province border still counts for a point near it.
BORDER_MARGIN_DEGREES = 0.02  # about 2 km


SCHOOL_WORDING = ImportWording(
    valid="{rows} school(s) valid (dry run, nothing stored)",
    stored="{stored} school(s) imported",
)


def _level_lookup() -> dict[str, str]:
    lookup = {}
    for code, (vi, en) in SCHOOL_LEVELS.items():
        for spelling in (code, vi, en, *_LEVEL_ALIASES[code]):
            lookup[match_key(spelling)] = code
    return lookup


def _name_columns(table: pd.DataFrame, name: str) -> tuple[pd.DataFrame, list[str]]:
    keys = {match_key(s): f for f, spellings in _HEADERS.items() for s in spellings}
    renamed, unknown = {}, []
    for column in table.columns:
        target = keys.get(match_key(str(column)))
        if target is None:
            unknown.append(str(column))
        elif target in renamed.values():
            raise ImportFileError(
                msg.SCHOOL_COLUMN_TWICE, path=name, target=target, column=column
            )
        else:
            renamed[column] = target
    missing = [f for f in REQUIRED if f not in renamed.values()]
    if missing:
        raise ImportFileError(msg.SCHOOL_COLUMNS, path=name, missing=missing)
    frame = table[list(renamed)].rename(columns=renamed)
    if "address" not in frame:
        frame["address"] = ""
    return frame.astype(str), unknown


def _geojson_table(data: bytes, name: str) -> pd.DataFrame:
    """Features of a GeoJSON file as text cells, one row per feature."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFileError(msg.NOT_GEOJSON, path=name, detail=str(error)) from None
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list) or not features:
        raise ImportFileError(msg.NO_FEATURES, path=name)
    crs = json.dumps(document.get("crs") or "").upper()
    if crs != '""' and not any(c in crs for c in ("CRS84", "EPSG::4326", "EPSG:4326")):
        raise ImportFileError(msg.GEOJSON_CRS, path=name, crs=document["crs"])
    rows = []
    for feature in features:
        feature = feature if isinstance(feature, dict) else {}
        properties = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        # The geometry gives the coordinates; properties that would too are ignored.
        row = {
            str(k): "" if v is None else clean_text(str(v))
            for k, v in properties.items()
            if match_key(str(k)) not in _COORDINATE_KEYS
        }
        coordinates = geometry.get("coordinates")
        if geometry.get("type") == "Point" and isinstance(coordinates, list):
            lon, lat = (coordinates + ["", ""])[:2]
            row["latitude"], row["longitude"] = str(lat), str(lon)
        else:
            row["latitude"] = row["longitude"] = ""
            row["(geometry)"] = str(geometry.get("type", "none"))
        rows.append(row)
    return pd.DataFrame(rows).fillna("").astype(str)


def _check_cells(frame: pd.DataFrame, rows: np.ndarray) -> list[RowProblem]:
    problems = []
    lookup = _level_lookup()
    for position, row in enumerate(frame.itertuples(index=False)):
        number = int(rows[position])
        if not row.name.strip():
            problems.append(RowProblem(number, "name", "", msg.SCHOOL_NAME()))
        for column, limit in MAX_LENGTH.items():
            value = getattr(row, column)
            if len(value) > limit:
                problems.append(
                    RowProblem(number, column, shown(value), msg.TOO_LONG(limit=limit))
                )
        if match_key(row.level) not in lookup:
            problems.append(
                RowProblem(
                    number,
                    "level",
                    shown(row.level),
                    msg.SCHOOL_LEVEL(levels=list(SCHOOL_LEVELS)),
                )
            )
    return problems


def _check_places(registry, frame, rows, report) -> tuple[np.ndarray, np.ndarray]:
    lat, lon, problems = parse_coordinate_columns(frame["latitude"], frame["longitude"])
    for position, column, raw, expected in problems:
        report.errors.append(RowProblem(int(rows[position]), column, raw, expected))
    land = territory(registry)
    swapped = detect_swapped(lat, lon, land.bounds)
    for position in np.flatnonzero(swapped):
        typed = (frame["latitude"].iat[position], frame["longitude"].iat[position])
        report.warnings.append(
            RowProblem(
                int(rows[position]),
                "latitude",
                ", ".join(typed),
                msg.SCHOOL_SWAPPED(),
            )
        )
    lat, lon = np.where(swapped, lon, lat), np.where(swapped, lat, lon)
    known = np.isfinite(lat) & np.isfinite(lon)
    inside = np.zeros(len(lat), dtype=bool)
    inside[known] = land.inside(lat[known], lon[known])
    outside = np.flatnonzero(known & ~inside)
    if len(outside):
        near = land.near(lat[outside], lon[outside], BORDER_MARGIN_DEGREES)
        for position, is_near in zip(outside, near, strict=True):
            where = f"{lat[position]:.6f}, {lon[position]:.6f}"
            bucket = report.warnings if is_near else report.errors
            expected = (
                msg.SCHOOL_NEAR_BORDER(province=land.name)
                if is_near
                else msg.SCHOOL_OUTSIDE(province=land.name)
            )
            bucket.append(RowProblem(int(rows[position]), "latitude", where, expected))
    return lat, lon


def _key_frame(names, lat, lon) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "key": [match_key(n) for n in names],
            "lat": np.round(np.asarray(lat, dtype=float), 6),
            "lon": np.round(np.asarray(lon, dtype=float), 6),
        }
    )


def _check_duplicates(session, frame, lat, lon, rows) -> list[RowProblem]:
    problems = []
    keys = _key_frame(frame["name"], lat, lon)
    first_row: dict[tuple, int] = {}
    for position, key in enumerate(keys.itertuples(index=False)):
        if key in first_row:
            problems.append(
                RowProblem(
                    int(rows[position]),
                    "name",
                    shown(frame["name"].iat[position]),
                    msg.SCHOOL_TWICE_IN_FILE(first_row=first_row[key]),
                )
            )
        else:
            first_row[tuple(key)] = int(rows[position])
    stored = pd.DataFrame(
        session.execute(
            select(School.id, School.name, School.latitude, School.longitude)
        ).all(),
        columns=["id", "name", "latitude", "longitude"],
    )
    if len(stored):
        known = _key_frame(stored["name"], stored["latitude"], stored["longitude"])
        known["id"] = stored["id"].to_numpy()
        clash = keys.reset_index().merge(known, on=["key", "lat", "lon"])
        for item in clash.itertuples():
            problems.append(
                RowProblem(
                    int(rows[item.index]),
                    "name",
                    shown(frame["name"].iat[item.index]),
                    msg.SCHOOL_STORED(id=item.id),
                )
            )
    return problems


def store_schools(
    session: Session,
    actor: Actor,
    schools: pd.DataFrame,
    *,
    source: str,
    reason: str,
    details: dict | None = None,
) -> int:
    """Insert schools (name, level, latitude, longitude, address) with one audit
    entry for the batch; returns how many were stored."""
    frame = schools[["name", "level", "latitude", "longitude", "address"]].copy()
    frame["source"] = source
    frame["created_at"] = now()
    write_frame(session, School.__table__, frame)
    batch = new_batch_key("schools")
    record_audit(
        session,
        actor.username,
        "create_batch",
        "schools",
        batch,
        after={"records": len(frame), "source": source, **(details or {})},
        reason=reason,
    )
    return len(frame)


def import_schools(
    registry: Registry,
    actor: Actor,
    source: str | Path | bytes,
    *,
    filename: str | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Import schools from a CSV/XLSX table or GeoJSON points, all or nothing.

    Parameters
    ----------
    source : path or bytes
        The file, or its content (then ``filename`` gives the extension).
    filename : str, optional
        Name shown in the report; defaults to the path's name.
    dry_run : bool, default False
        Check every row and store nothing.

    Returns
    -------
    ImportReport
        Every problem with its row (CSV/XLSX: the file's row, header = 1; GeoJSON:
        the feature's number from 1). Nothing is stored when there is any error.
    """
    perm.require(actor, perm.MANAGE_SCHOOLS, "system")
    name = filename or Path(str(source)).name
    data = source if isinstance(source, bytes) else _read_bytes(source, name)
    extension = Path(name).suffix.lower()
    if extension not in (*TEXT_EXTENSIONS, *EXCEL_EXTENSIONS, *GEOJSON_EXTENSIONS):
        raise ImportFileError(
            msg.SCHOOL_EXTENSION, path=name, extension=extension or "(none)"
        )
    geojson = extension in GEOJSON_EXTENSIONS
    if geojson:
        table = _geojson_table(data, name)
        rows = np.arange(1, len(table) + 1)
    else:
        table = read_table(data, filename=name)
        rows = np.arange(2, len(table) + 2)
    frame, unknown = _name_columns(table, name)
    filled = (frame != "").any(axis=1).to_numpy()
    frame, rows = frame[filled].reset_index(drop=True), rows[filled]
    report = ImportReport(
        name,
        len(frame),
        dry_run,
        wording=SCHOOL_WORDING,
        row_label="feature" if geojson else "row",
        unknown_columns=[c for c in unknown if c != "(geometry)"],
    )
    if geojson and "(geometry)" in table:
        for position in np.flatnonzero(table["(geometry)"].to_numpy()[filled] != ""):
            kind = table["(geometry)"].to_numpy()[filled][position]
            report.errors.append(
                RowProblem(int(rows[position]), "geometry", kind, msg.POINT_GEOMETRY())
            )
    report.errors += _check_cells(frame, rows)
    lat, lon = _check_places(registry, frame, rows, report)
    # A feature that is not a point has no coordinates: one error says so.
    not_points = {p.row for p in report.errors if p.column == "geometry"}
    report.errors = [
        p
        for p in report.errors
        if p.row not in not_points or p.column not in ("latitude", "longitude")
    ]
    lookup = _level_lookup()
    schools = pd.DataFrame(
        {
            "name": frame["name"].str.strip(),
            "level": [lookup.get(match_key(v)) for v in frame["level"]],
            "latitude": lat,
            "longitude": lon,
            "address": frame["address"].str.strip().replace("", None),
        }
    )
    with registry.transaction() as session:
        report.errors += _check_duplicates(session, schools, lat, lon, rows)
        report.errors.sort(key=lambda p: (p.row, p.column))
        if report.errors or dry_run:
            return report
        report.stored = store_schools(
            session,
            actor,
            schools,
            source=f"import {name}",
            reason=f"import from {name}",
            details={"file": name, "sha256": hashlib.sha256(data).hexdigest()},
        )
    return report


def _read_bytes(source: str | Path, name: str) -> bytes:
    try:
        return Path(source).read_bytes()
    except OSError as error:
        raise ImportFileError(
            files_msg.CANNOT_OPEN, path=name, detail=error.strerror
        ) from None


def list_schools(registry: Registry, actor: Actor) -> pd.DataFrame:
    """Every school, sorted by id, with the level's labels.

    Every role may read the layer: schools are public places, without personal data.
    """
    with registry.reading() as session:
        frame = pd.read_sql(select(School).order_by(School.id), session.connection())
    frame["level_vi"] = frame["level"].map(lambda v: SCHOOL_LEVELS[v][0])
    frame["level_en"] = frame["level"].map(lambda v: SCHOOL_LEVELS[v][1])
    return frame


def nearest_schools(registry: Registry, lat, lon) -> pd.DataFrame:
    """The nearest school to each point and the straight-line distance to it.

    Returns one row per point (in order) with school_id, school_name, school_level
    and distance_m (metres, UTM 48N); NaN/None when no school is stored.
    """
    with registry.reading() as session:
        schools = session.execute(
            select(
                School.id, School.name, School.level, School.latitude, School.longitude
            ).order_by(School.id)
        ).all()
    schools = pd.DataFrame(
        schools, columns=["id", "name", "level", "latitude", "longitude"]
    )
    index, metres = nearest(lat, lon, schools["latitude"], schools["longitude"])
    found = index >= 0
    result = pd.DataFrame(
        {
            "school_id": pd.array([None] * len(index), dtype="Int64"),
            "school_name": np.full(len(index), None, dtype=object),
            "school_level": np.full(len(index), None, dtype=object),
            "distance_m": metres,
        }
    )
    picked = schools.iloc[index[found]]
    result.loc[found, "school_id"] = picked["id"].to_numpy()
    result.loc[found, "school_name"] = picked["name"].to_numpy()
    result.loc[found, "school_level"] = picked["level"].to_numpy()
    return result
