"""Population per commune, imported from a CSV/XLSX table by commune code.

The coverage dashboard turns covered area into covered population by assuming the
people of a commune are spread evenly over its area (the only assumption a
commune-level count allows); district figures add up their communes. An import
replaces the populations of one edition, all or nothing, with one audit entry.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
from sqlalchemy import delete, select

from geodata.editions import get_edition
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.files import messages as files_msg
from registry.files.imports import ImportReport, ImportWording
from registry.files.readers import read_table
from registry.kernel.audit import record_audit
from registry.kernel.bulk import write_frame
from registry.kernel.clock import now
from registry.kernel.db import Registry
from registry.kernel.errors import ImportFileError
from registry.kernel.models import UnitPopulation
from registry.kernel.text import match_key
from registry.records.batch import new_batch_key
from registry.records.validation import RowProblem, shown
from registry.reference import messages as msg
from registry.units.divisions import units_frame

# Header spellings (as match keys) of the three columns.
_HEADERS = {
    "code": ("ma xa", "ma", "commune code", "code", "ma don vi", "unit code"),
    "population": ("dan so", "population", "so dan", "tong dan so"),
    "year": ("nam", "year", "nam so lieu", "reference year"),
}
MAX_POPULATION = 2_000_000
YEARS = (1990, 2100)


POPULATION_WORDING = ImportWording(
    valid="{rows} commune(s) valid (dry run)",
    stored="population of {stored} commune(s) imported",
)


def _columns(table: pd.DataFrame, name: str) -> dict[str, str | None]:
    keys = {match_key(column): column for column in table.columns}
    found = {}
    for wanted, spellings in _HEADERS.items():
        found[wanted] = next(
            (keys[match_key(s)] for s in spellings if match_key(s) in keys), None
        )
    missing = [w for w in ("code", "population") if found[w] is None]
    if missing:
        raise ImportFileError(
            msg.POPULATION_COLUMNS,
            path=name,
            missing=[{"code": "ma_xa", "population": "dan_so"}[m] for m in missing],
            found=[str(c) for c in table.columns] or "none",
        )
    return found


def _whole_number(text: str) -> int | None:
    cleaned = text.replace(".", "").replace(",", "").replace(" ", "")
    return int(cleaned) if cleaned.isdigit() else None


def _parse(table: pd.DataFrame, columns, known: set[str]) -> tuple[list, list]:
    rows, errors, seen = [], [], {}
    for position, record in enumerate(table.itertuples(index=False), start=2):
        cells = dict(zip(table.columns, record, strict=True))
        if not any(cells.values()):
            continue
        code = cells[columns["code"]].strip()
        if code.isdigit() and len(code) < 5:
            code = code.zfill(5)  # spreadsheets drop the leading zeros
        if code not in known:
            errors.append(
                RowProblem(position, "ma_xa", shown(code), msg.COMMUNE_CODE())
            )
        elif code in seen:
            errors.append(
                RowProblem(
                    position,
                    "ma_xa",
                    code,
                    msg.ONE_ROW_PER_COMMUNE(other_row=seen[code]),
                )
            )
        seen.setdefault(code, position)
        raw = cells[columns["population"]]
        population = _whole_number(raw)
        if population is None or not 0 <= population <= MAX_POPULATION:
            errors.append(
                RowProblem(
                    position,
                    "dan_so",
                    shown(raw),
                    msg.POPULATION(max=MAX_POPULATION),
                )
            )
        year = None
        if columns["year"] is not None and cells[columns["year"]]:
            year = _whole_number(cells[columns["year"]])
            if year is None or not YEARS[0] <= year <= YEARS[1]:
                errors.append(
                    RowProblem(
                        position,
                        "nam",
                        shown(cells[columns["year"]]),
                        msg.YEAR(low=YEARS[0], high=YEARS[1]),
                    )
                )
        rows.append((code, population, year))
    return rows, errors


def _read(source, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, filename or "uploaded file"
    name = filename or Path(str(source)).name
    try:
        return Path(source).read_bytes(), name
    except OSError as error:
        raise ImportFileError(
            files_msg.CANNOT_OPEN, path=name, detail=error.strerror
        ) from None


def import_population(
    registry: Registry,
    actor: Actor,
    source: str | Path | bytes,
    *,
    edition: str,
    filename: str | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Replace the populations of an edition's communes from a CSV/XLSX table.

    Parameters
    ----------
    source : path or bytes
        The file (UTF-8 with or without BOM, or Windows-1258; ``,``, ``;`` or tab)
        or its content, with columns ``ma_xa`` (commune code; also ``commune_code``),
        ``dan_so`` (``population``) and optionally ``nam`` (``year``).
    edition : str
        The edition whose commune codes the file uses.
    filename : str, optional
        Name shown in the report (and giving the extension of bytes).
    dry_run : bool, default False
        Check every row, store nothing.

    Returns
    -------
    ImportReport
        Every unknown code, duplicate and bad value with its row; nothing is stored
        when there is any error. Communes missing from the file have no population.
    """
    perm.require(actor, perm.MANAGE_POPULATION, "system")
    spec = get_edition(edition)
    data, name = _read(source, filename)
    table = read_table(data, filename=name)
    columns = _columns(table, name)
    with registry.reading() as session:
        known = set(units_frame(session, spec.key, "commune")["code"])
    rows, errors = _parse(table, columns, known)
    report = ImportReport(
        name,
        len(rows),
        dry_run,
        wording=POPULATION_WORDING,
        edition=spec.key,
        errors=errors,
    )
    if not rows and not errors:
        raise ImportFileError(msg.NO_ROWS, path=name)
    report.total = sum(r[1] or 0 for r in rows)
    if errors or dry_run:
        return report
    batch = new_batch_key("population")
    stamp = now()
    frame = pd.DataFrame(rows, columns=["unit_code", "population", "reference_year"])
    frame = frame.assign(
        edition=spec.key,
        source=f"import {name}"[:200],
        batch_key=batch,
        imported_at=stamp,
        imported_by=actor.username,
    )
    frame["reference_year"] = frame["reference_year"].astype("Int64")
    with registry.transaction() as session:
        replaced = session.execute(
            delete(UnitPopulation).where(UnitPopulation.edition == spec.key)
        ).rowcount
        write_frame(session, UnitPopulation.__table__, frame)
        record_audit(
            session,
            actor.username,
            "import_population",
            "population",
            batch,
            after={
                "edition": spec.key,
                "communes": len(frame),
                "people": report.total,
                "replaced": replaced,
                "file": name,
                "sha256": hashlib.sha256(data).hexdigest(),
            },
            reason=f"import from {name}",
        )
    report.stored = len(frame)
    return report


def commune_populations(registry: Registry, edition: str) -> pd.DataFrame:
    """Imported populations of an edition's communes: ``population`` and
    ``reference_year`` indexed by commune code (empty when none was imported)."""
    with registry.reading() as session:
        rows = session.execute(
            select(
                UnitPopulation.unit_code,
                UnitPopulation.population,
                UnitPopulation.reference_year,
            ).where(UnitPopulation.edition == edition)
        ).all()
    frame = pd.DataFrame(rows, columns=["code", "population", "reference_year"])
    return frame.set_index("code")


def population_table(registry: Registry, actor: Actor, edition: str) -> pd.DataFrame:
    """Every commune of an edition with its imported population (NaN when none).

    Columns: code, name, population, reference_year, source.
    """
    perm.require(actor, perm.READ, "site")
    spec = get_edition(edition)
    with registry.reading() as session:
        communes = units_frame(session, spec.key, "commune")[["code", "name"]]
        rows = session.execute(
            select(
                UnitPopulation.unit_code,
                UnitPopulation.population,
                UnitPopulation.reference_year,
                UnitPopulation.source,
            ).where(UnitPopulation.edition == spec.key)
        ).all()
    stored = pd.DataFrame(
        rows, columns=["code", "population", "reference_year", "source"]
    )
    return communes.merge(stored, on="code", how="left")
