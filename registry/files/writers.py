"""Writing tables of records to CSV, XLSX, GeoJSON, GeoPackage and KML.

Decisions:

- CSV is UTF-8 with a byte-order mark (Excel then shows Vietnamese correctly) and
  CRLF line ends. A CSV file has nowhere to put a note without breaking readers:
  a caller that needs one adds a column (e.g. ``ghi_chu_ranh_gioi``).
- XLSX has a bold, frozen header, fitted column widths, real date cells shown as
  dd/mm/yyyy, and a second sheet "Ghi chú" with the note and the export time.
- In CSV and XLSX, text cells beginning with ``= + - @`` (or tab / carriage return)
  get a leading apostrophe so that a spreadsheet never runs them as formulas;
  text that is a plain number (``-12.5``) is left alone.
- KML is built with lxml (:mod:`registry.files.kml`): every text is escaped
  XML, never raw CDATA, so a name holding ``]]>`` stays a name.
- GeoJSON (RFC 7946), GeoPackage and KML get point geometries in WGS 84 from the
  ``latitude`` and ``longitude`` columns (rows without coordinates get no
  geometry). The note goes where each format has room for it: the GeoJSON
  ``description`` member, the GeoPackage layer description, the KML document
  description. GeoPackage date columns are real DATE columns; writing a layer
  into an existing GeoPackage replaces that layer and keeps the others; the
  other formats replace the file.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import pandas as pd

from registry.files import messages as msg
from registry.files.kml import write_kml
from registry.kernel.cells import is_missing
from registry.kernel.errors import RegistryError

FORMATS = ("csv", "xlsx", "geojson", "gpkg", "kml")
NOTE_SHEET = "Ghi chú"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_GEO_DRIVERS = {"geojson": "GeoJSON", "gpkg": "GPKG"}


def write_table(
    df: pd.DataFrame,
    path,
    fmt: str,
    *,
    layer_name: str,
    note: str,
    exported_at: datetime | None = None,
    sheets: dict[str, pd.DataFrame] | None = None,
) -> Path:
    """Write a table of records to a file.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per record. Geographic formats need ``latitude`` and
        ``longitude`` columns (WGS 84 degrees). Not modified.
    path : str or os.PathLike
        The file to write.
    fmt : {"csv", "xlsx", "geojson", "gpkg", "kml"}
    layer_name : str
        Name of the layer (GeoPackage table, GeoJSON/KML name, XLSX sheet).
    note : str
        Shown with the data where the format allows (see the module docstring).
    exported_at : datetime.datetime, optional
        Export time written to the XLSX note sheet; defaults to now.
    sheets : dict of sheet title to DataFrame, optional
        More sheets of an XLSX workbook, after the data (e.g. a list of codes);
        the other formats have no room for them.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    RegistryError
        For an unknown format, or a geographic format without coordinates.
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"'df' should be a pandas DataFrame, got {type(df)}")
    fmt = str(fmt).lower().lstrip(".")
    if fmt not in FORMATS:
        raise RegistryError(msg.WRITER_FORMAT, format=fmt, formats=list(FORMATS))
    target = Path(path)
    if not target.parent.is_dir():
        raise RegistryError(msg.NO_FOLDER, target=target, folder=target.parent)
    try:
        if fmt == "csv":
            _write_csv(df, target)
        elif fmt == "xlsx":
            moment = (exported_at or datetime.now()).replace(microsecond=0)
            _write_xlsx(df, target, layer_name, note, moment, sheets or {})
        else:
            _write_geo(df, target, fmt, layer_name, note)
    except OSError as error:  # no such folder, no permission, disk full
        raise RegistryError(
            msg.WRITE_FAILED, target=target, format=fmt, detail=str(error)
        ) from error
    return target


# -- spreadsheets --------------------------------------------------------------


def protect_formula(value: object) -> object:
    """Prefix an apostrophe to text a spreadsheet would run as a formula."""
    if (
        isinstance(value, str)
        and value.startswith(_FORMULA_START)
        and not _NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def _date_like(column: pd.Series) -> str | None:
    """'date', 'datetime' or 'time' when a column holds such values, else None."""
    if pd.api.types.is_datetime64_any_dtype(column):
        values = column.dropna()
        if values.dt.tz is None and (values == values.dt.normalize()).all():
            return "date"
        return "datetime"
    if column.dtype == object:
        values = column.dropna()
        if len(values) and all(isinstance(v, datetime) for v in values):
            return "datetime"
        if len(values) and all(
            isinstance(v, date) and not isinstance(v, datetime) for v in values
        ):
            return "date"
        if len(values) and all(isinstance(v, time) for v in values):
            return "time"
    return None


def _as_text(column: pd.Series, kind: str) -> pd.Series:
    """Dates as 'YYYY-MM-DD', date-times as 'YYYY-MM-DD HH:MM:SS', times 'HH:MM'."""
    if kind == "time":
        return column.map(lambda v: None if pd.isna(v) else _time_text(v))
    values = pd.to_datetime(column)
    pattern = "%Y-%m-%d" if kind == "date" else "%Y-%m-%d %H:%M:%S"
    return values.dt.strftime(pattern).astype(object).where(values.notna(), None)


def _time_text(value: time) -> str:
    return value.strftime("%H:%M" if not value.second else "%H:%M:%S")


def _protect_column(column: pd.Series) -> pd.Series:
    if column.dtype == object or pd.api.types.is_string_dtype(column):
        starts = column.map(
            lambda v: isinstance(v, str) and v.startswith(_FORMULA_START)
        )
        if starts.any():
            return column.map(protect_formula).astype(object)
    return column


def _write_csv(df: pd.DataFrame, target: Path) -> None:
    out = {}
    for name in df.columns:
        column = df[name]
        kind = _date_like(column)
        out[protect_formula(str(name))] = _protect_column(
            _as_text(column, kind) if kind else column
        )
    pd.DataFrame(out).to_csv(
        target, index=False, encoding="utf-8-sig", lineterminator="\r\n"
    )


def _write_xlsx(
    df: pd.DataFrame,
    target: Path,
    layer_name: str,
    note: str,
    exported_at: datetime,
    sheets: dict[str, pd.DataFrame],
) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(layer_name))
    sheet.freeze_panes = "A2"
    kinds = [_date_like(df[name]) for name in df.columns]
    columns = [
        _cell_values(df[name], kind)
        for name, kind in zip(df.columns, kinds, strict=True)
    ]
    for index, name in enumerate(df.columns, start=1):
        width = _column_width(str(name), columns[index - 1])
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for name in df.columns:
        cell = WriteOnlyCell(sheet, value=spreadsheet_text(str(name)))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    formats = {"date": "dd/mm/yyyy", "datetime": "dd/mm/yyyy hh:mm:ss", "time": "hh:mm"}
    for values in zip(*columns, strict=True) if columns else ():
        row = []
        for value, kind in zip(values, kinds, strict=True):
            if kind and value is not None:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = formats[kind]
                row.append(cell)
            else:
                row.append(value)
        sheet.append(row)
    for title, table in sheets.items():
        _write_plain_sheet(workbook, title, table)
    _write_note_sheet(workbook, layer_name, note, exported_at, len(df))
    workbook.save(target)


def _cell_values(column: pd.Series, kind: str | None) -> list:
    """Python values for openpyxl: None for missing, formula-safe text."""
    if kind in ("date", "datetime"):
        values = pd.to_datetime(column)
        if kind == "date":
            return [None if pd.isna(v) else v.date() for v in values]
        if values.dt.tz is not None:  # Excel has no time zones: local wall time
            values = values.dt.tz_localize(None)
        return [None if pd.isna(v) else v.to_pydatetime() for v in values]
    result = []
    for value in column.tolist():
        if is_missing(value):
            result.append(None)
        elif isinstance(value, np.generic):
            result.append(value.item())
        elif isinstance(value, (bool, int, float, date, time)):
            result.append(value)
        else:  # text, and anything else (e.g. a geometry) as its text
            result.append(spreadsheet_text(str(value)))
    return result


def _xlsx_text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)


def spreadsheet_text(value: str) -> str:
    """``value`` as an XLSX cell may safely hold it: never run as a formula (see
    :func:`protect_formula`), and without the control characters XLSX refuses."""
    return _xlsx_text(protect_formula(value))


def _column_width(title: str, values: list) -> float:
    sample = [len(str(v)) for v in values[:1000] if v is not None]
    longest = max([len(title), *sample, 8])
    return min(longest + 2, 60)


def _sheet_title(layer_name: str) -> str:
    title = _SHEET_FORBIDDEN.sub("_", layer_name).strip("'") or "Sheet1"
    return title[:31]


def _write_plain_sheet(workbook, title: str, table: pd.DataFrame) -> None:
    """A sheet of text cells under a bold header (a list of codes)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(_sheet_title(title))
    bold = Font(bold=True)
    for index, name in enumerate(table.columns, start=1):
        values = [None if is_missing(v) else str(v) for v in table[name]]
        width = _column_width(str(name), values)
        sheet.column_dimensions[get_column_letter(index)].width = width
    header = []
    for name in table.columns:
        cell = WriteOnlyCell(sheet, value=spreadsheet_text(str(name)))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for values in table.itertuples(index=False):
        sheet.append(
            [None if is_missing(v) else spreadsheet_text(str(v)) for v in values]
        )


def _zone_row(exported_at: datetime) -> list[tuple[str, str]]:
    """The time zone of an aware export time, as a row of the note sheet (Excel
    cells have none, so it is said in words)."""
    offset = exported_at.utcoffset()
    if offset is None:
        return []
    hours = offset.total_seconds() / 3600
    zone = "Asia/Ho_Chi_Minh, " if hours == 7 else ""
    return [("Múi giờ", f"{zone}UTC{hours:+g}")]


def _write_note_sheet(
    workbook, layer_name: str, note: str, exported_at: datetime, rows: int
) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(NOTE_SHEET)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 100
    bold = Font(bold=True)
    moment = WriteOnlyCell(sheet, value=exported_at.replace(tzinfo=None))
    moment.number_format = "dd/mm/yyyy hh:mm:ss"
    for label, value in (
        ("Ghi chú", spreadsheet_text(note)),
        ("Thời điểm xuất", moment),
        ("Lớp dữ liệu", spreadsheet_text(layer_name)),
        ("Số dòng", rows),
        *_zone_row(exported_at),
    ):
        title = WriteOnlyCell(sheet, value=label)
        title.font = bold
        sheet.append([title, value])


# -- geographic formats --------------------------------------------------------


def _write_geo(
    df: pd.DataFrame, target: Path, fmt: str, layer_name: str, note: str
) -> None:
    import pyogrio
    import pyogrio.errors

    from geodata.storage import point_layer

    data, lat, lon = _geo_columns(df, fmt)
    if fmt == "kml":
        write_kml(data, lat, lon, target, layer_name, note)
        return
    frame = point_layer(data, lat, lon)
    options = {"DESCRIPTION": note}
    if fmt == "geojson":
        options["RFC7946"] = "YES"
        if target.exists():
            target.unlink()
    try:
        pyogrio.write_dataframe(
            frame,
            target,
            layer=layer_name,
            driver=_GEO_DRIVERS[fmt],
            layer_options=options,
            use_arrow=True,
        )
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as error:
        raise RegistryError(
            msg.WRITE_FAILED, target=target, format=fmt, detail=str(error)
        ) from error


def _geo_columns(df: pd.DataFrame, fmt: str):
    """The columns a geographic format writes (dates as text where it has no
    date type, no geometry column), and the rows' latitude and longitude."""
    from geodata.storage import is_geometry_column

    missing = [name for name in ("latitude", "longitude") if name not in df.columns]
    if missing:
        raise RegistryError(
            msg.NO_COORDINATE_COLUMNS, format=fmt, missing=" and ".join(missing)
        )
    lat = pd.to_numeric(df["latitude"], errors="coerce").to_numpy(dtype="float64")
    lon = pd.to_numeric(df["longitude"], errors="coerce").to_numpy(dtype="float64")
    data = {}
    for name in df.columns:
        column = df[name].reset_index(drop=True)
        kind = _date_like(column)
        if kind == "time" or (kind and fmt == "kml"):
            column = _as_text(column, kind).astype("str")
        elif kind == "date":
            column = _as_arrow_dates(column)
        elif is_geometry_column(column):
            continue  # the geometry is made from latitude and longitude
        elif column.dtype == object:
            column = column.map(lambda v: None if is_missing(v) else str(v))
            column = column.astype("str")
        data[str(name)] = column
    return data, lat, lon


def _as_arrow_dates(column: pd.Series) -> pd.Series:
    """A date column as Arrow date32, which GDAL writes as a DATE field."""
    import pyarrow

    values = pd.to_datetime(column)
    days = [None if pd.isna(v) else v.date() for v in values]
    return pd.Series(
        pyarrow.array(days, type=pyarrow.date32()),
        dtype=pd.ArrowDtype(pyarrow.date32()),
    )
