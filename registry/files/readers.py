"""Reading import files (CSV, TXT, XLSX) into a table of text cells.

Every cell comes back as a cleaned ``str`` ('' when empty): NFC, stripped, without
control characters. Interior blank rows are kept as rows of '' so that position
``i`` of the table is row ``i + 2`` of the file as a person sees it (the header is
row 1); validation skips them. Column headers are then matched to field names by
:func:`normalise_columns`, ignoring case, diacritics, spaces and underscores.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd

from registry.files import messages as msg
from registry.kernel.errors import ImportFileError
from registry.kernel.text import CONTROL, clean_column, match_key
from registry.records.fields import FieldSpec, fields_for

MAX_ROWS = 500_000
TEXT_EXTENSIONS = (".csv", ".txt")
EXCEL_EXTENSIONS = (".xlsx",)
# A workbook is a zip: what it unpacks to is bounded before openpyxl reads it (a
# few-MB file can unpack to gigabytes, and the shared strings are held in memory).
MAX_XLSX_UNPACKED = 1024 * 1024 * 1024
MAX_XLSX_MEMBER = 256 * 1024 * 1024
_DELIMITERS = (",", ";", "\t")

# Precomposed Vietnamese letters as UTF-8 (U+1EA0..U+1EF9, ơ/ư, đ): their presence
# in a file that is not valid UTF-8 means a damaged UTF-8 file, not Windows-1258.
_UTF8_VIETNAMESE = re.compile(
    rb"\xe1[\xba\xbb][\x80-\xbf]|\xc6[\xa0\xa1\xaf\xb0]|\xc4[\x90\x91]"
)


def read_table(source, filename: str | None = None) -> pd.DataFrame:
    """Read a CSV/TXT or XLSX file into a DataFrame of cleaned text cells.

    Parameters
    ----------
    source : str, os.PathLike, bytes or binary file object
        The file, or its content (then ``filename`` gives the extension).
    filename : str, optional
        Name shown in messages and used for the extension; defaults to the path.

    Returns
    -------
    pandas.DataFrame
        The header's texts as columns, every cell a ``str``; ``df.attrs["source"]``
        is the file name.

    Raises
    ------
    ImportFileError
        Unknown extension, undecodable text, empty file, no header, corrupt
        workbook, more than :data:`MAX_ROWS` rows.
    """
    data, name = _load(source, filename)
    extension = Path(name).suffix.lower()
    if extension in TEXT_EXTENSIONS:
        frame = _frame_from_raw(_read_text_rows(data, name), name, normalised=True)
    elif extension in EXCEL_EXTENSIONS:
        frame = _frame_from_raw(_read_xlsx_rows(data, name), name)
    else:
        raise ImportFileError(msg.EXTENSION, path=name, extension=extension or "(none)")
    frame.attrs["source"] = name
    # Tells validate_rows that the cells need no second cleaning.
    frame.attrs["clean_text"] = True
    return frame


def _load(source, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), filename or "uploaded file"
    if hasattr(source, "read"):
        data = source.read()
        name = filename or getattr(source, "name", None) or "uploaded file"
        return (data.encode() if isinstance(data, str) else bytes(data)), str(name)
    path = Path(source)
    name = filename or str(path)
    try:
        return path.read_bytes(), name
    except OSError as error:
        raise ImportFileError(
            msg.CANNOT_OPEN, path=name, detail=error.strerror
        ) from None


# -- text files ---------------------------------------------------------------


def _read_text_rows(data: bytes, name: str) -> pd.DataFrame:
    text = _decode(data, name)
    # Cleaning the whole text at once is far faster than cell by cell.
    text = CONTROL.sub("", unicodedata.normalize("NFC", text))
    if not text.strip():
        raise ImportFileError(msg.EMPTY, path=name)
    delimiter = _sniff_delimiter(text)
    try:
        raw = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            nrows=MAX_ROWS + 2,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError):
        # Ragged rows (more cells than the header) or a blank first line: the
        # csv module copes, and names the line of real syntax errors.
        raw = _padded_frame(_csv_rows(text, delimiter, name))
    if len(raw) > MAX_ROWS + 1:
        raise _too_many_rows(name)
    return raw


def _csv_rows(text: str, delimiter: str, name: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                raise _too_many_rows(name)
    except csv.Error as error:
        raise ImportFileError(
            msg.NOT_CSV, path=name, line=reader.line_num, detail=str(error)
        ) from None
    return rows


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258."""
    if not data:
        raise ImportFileError(msg.EMPTY, path=name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ImportFileError(
                msg.UTF16_DAMAGED, path=name, byte=error.start
            ) from None
    if b"\x00" in data[:4096]:
        raise ImportFileError(msg.NUL_BYTES, path=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        utf8_error = error
    if data.startswith(codecs.BOM_UTF8) or _UTF8_VIETNAMESE.search(data):
        line = data.count(b"\n", 0, utf8_error.start) + 1
        raise ImportFileError(
            msg.MIXED_ENCODING, path=name, byte=data[utf8_error.start], line=line
        )
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ImportFileError(
            msg.UNKNOWN_ENCODING, path=name, byte=data[error.start], line=line
        ) from None


def _sniff_delimiter(text: str) -> str:
    """The delimiter among , ; and tab that splits the header into most columns."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {delimiter: unquoted.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


# -- Excel workbooks ------------------------------------------------------------


def _read_xlsx_rows(data: bytes, name: str) -> pd.DataFrame:
    import openpyxl  # imported here: only Excel imports need it

    if not data:
        raise ImportFileError(msg.EMPTY, path=name)
    _check_unpacked_size(data, name)
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True
        )
    except Exception as error:  # openpyxl raises many types for damaged files
        raise ImportFileError(
            msg.NOT_XLSX, path=name, detail=type(error).__name__
        ) from None
    try:
        sheet = workbook.worksheets[0]
        # Some writers leave a wrong sheet dimension; without it every row is read.
        sheet.reset_dimensions()
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            row = [_excel_text(value) for value in values]
            if len(rows) > MAX_ROWS:  # the header and MAX_ROWS data rows are read
                if any(cell.strip() for cell in row):
                    raise _too_many_rows(name)
                continue  # formatted but empty rows at the end of a sheet
            rows.append(row)
    except ImportFileError:
        raise
    except Exception as error:  # damaged sheet XML surfaces only while iterating
        raise ImportFileError(
            msg.SHEET_UNREADABLE, path=name, detail=type(error).__name__
        ) from None
    finally:
        workbook.close()
    return _padded_frame(rows)


def _check_unpacked_size(data: bytes, name: str) -> None:
    """Refuse a workbook whose parts unpack beyond the limits (a zip bomb). The
    sizes the zip declares bound what zipfile will unpack, so they are enough."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sizes = [member.file_size for member in archive.infolist()]
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ImportFileError(
            msg.NOT_XLSX, path=name, detail=type(error).__name__
        ) from None
    if sum(sizes) > MAX_XLSX_UNPACKED or max(sizes, default=0) > MAX_XLSX_MEMBER:
        raise ImportFileError(
            msg.XLSX_UNPACKED,
            path=name,
            size_mb=sum(sizes) // (1024 * 1024),
            limit_mb=MAX_XLSX_UNPACKED // (1024 * 1024),
            part_mb=MAX_XLSX_MEMBER // (1024 * 1024),
        )


def _padded_frame(rows: list[list]) -> pd.DataFrame:
    width = max((len(row) for row in rows), default=0)
    return pd.DataFrame(
        [list(row) + [""] * (width - len(row)) for row in rows], dtype=object
    )


def _excel_text(value: object) -> str:
    """A cell value as the text a person sees (dates and times in ISO form)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(
            sep=" ", timespec="minutes" if not value.second else "seconds"
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="minutes" if not value.second else "seconds")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# -- cleaning -------------------------------------------------------------------


def _too_many_rows(name: str) -> ImportFileError:
    return ImportFileError(msg.TOO_MANY_ROWS, path=name, max_rows=MAX_ROWS)


def _frame_from_raw(
    raw: pd.DataFrame, name: str, *, normalised: bool = False
) -> pd.DataFrame:
    """Header row and cleaned body of a table of raw cells."""
    if raw.empty:
        raise ImportFileError(msg.EMPTY, path=name)
    cells = pd.DataFrame(
        {
            index: clean_column(raw[column], normalised=normalised)
            for index, column in enumerate(raw.columns)
        }
    )
    filled = (cells != "").any(axis=1).to_numpy()
    if not filled.any():
        raise ImportFileError(msg.EMPTY, path=name)
    # Trailing blank rows go; interior ones stay so that positions match row numbers.
    cells = cells.iloc[: filled.nonzero()[0][-1] + 1]
    header = cells.iloc[0].tolist()
    if not any(header):
        raise ImportFileError(msg.NO_HEADER, path=name)
    if all(_looks_numeric(title) for title in header if title):
        raise ImportFileError(msg.NUMERIC_HEADER, path=name)
    body = cells.iloc[1:].reset_index(drop=True)
    if body.empty:
        raise ImportFileError(msg.NO_DATA_ROWS, path=name)
    columns: dict[str, pd.Series] = {}
    for index, title in enumerate(header):
        column = body[index]
        if not title:
            if not (column != "").any():
                continue  # a trailing delimiter or an empty spreadsheet column
            title = f"(column {index + 1})"
        while title in columns:
            title += " "  # keep duplicates apart; normalise_columns reports them
        columns[title] = column
    return pd.DataFrame(columns)


def _looks_numeric(cell: str) -> bool:
    return bool(re.fullmatch(r"[+-]?\d+(?:[.,]\d+)?", cell))


# -- column names -----------------------------------------------------------------

# Common headers besides the field name and its labels (matched as keys, see _key).
_ALIASES: dict[str, tuple[str, ...]] = {
    "latitude": ("lat", "vi do", "y", "vi do (lat)"),
    "longitude": ("lon", "lng", "long", "kinh do", "x"),
    "network_code": (
        "mnc",
        "operator",
        "nha mang",
        "doanh nghiep",
        "ma mang",
        "mang",
        "network",
        "doanh nghiep vien thong",
    ),
    "site_code": ("ma tram", "ma tram bts", "site id", "site code", "ma"),
    "name": ("ten", "ten tram", "ten diem", "ten tram bts", "site name"),
    "address": ("dia chi", "dia chi tram"),
    "declared_commune": ("xa", "phuong", "xa phuong", "commune", "ward"),
    "co_located": ("dung chung", "dung chung ha tang", "shared with", "colocated"),
    "structure_type": ("loai cot", "loai tram", "structure", "kieu cot"),
    "structure_height_m": ("chieu cao cot", "do cao cot", "height", "tower height"),
    "building_height_m": ("chieu cao nha", "chieu cao toa nha"),
    "on_air_2g": ("2g", "ngay phat song 2g"),
    "on_air_3g": ("3g", "ngay phat song 3g"),
    "on_air_4g": ("4g", "ngay phat song 4g"),
    "on_air_5g": ("5g", "ngay phat song 5g"),
    "permit_number": ("so giay phep", "giay phep xay dung"),
    "status": ("tinh trang",),
    "notes": ("ghi chu", "note", "remarks"),
    "coord_source": ("nguon toa do",),
    "coord_accuracy_m": ("sai so", "accuracy"),
    "kind": ("loai hinh", "loai", "type"),
    "owner_name": ("chu co so", "chu diem", "chu so huu"),
    "owner_phone": ("so dien thoai", "sdt", "dien thoai lien he", "phone number"),
    "business_reg_number": ("so dkkd", "dkkd", "giay dang ky kinh doanh"),
    "business_reg_date": ("ngay dkkd",),
    "isp_name": ("isp", "nha cung cap"),
    "computers": ("so may", "so may tinh", "computers count"),
    "floor_area_m2": ("dien tich", "dien tich phong may"),
    "certificate_number": ("so giay chung nhan", "so gcn", "giay chung nhan"),
    "certificate_expires_on": ("han giay chung nhan",),
}


def header_keys(record_type: str) -> dict[str, str]:
    """Every accepted header key of a record type, mapped to its field name."""
    keys: dict[str, str] = {}
    for spec in fields_for(_check_record_type(record_type)):
        for text in _spellings(spec):
            key = match_key(text)
            if key and keys.setdefault(key, spec.name) != spec.name:
                raise AssertionError(f"header {text!r} would mean two fields")
    return keys


def _spellings(spec: FieldSpec) -> list[str]:
    spellings = [spec.name, spec.label_vi, spec.label_en]
    # "Chiều cao cột (m)" also matches "Chiều cao cột".
    spellings += [re.sub(r"\s*\(.*?\)", "", label) for label in spellings[1:]]
    return spellings + list(_ALIASES.get(spec.name, ()))


def _check_record_type(record_type: str) -> str:
    if record_type not in ("site", "point"):
        raise ValueError(
            f"'record_type' should be 'site' or 'point', got {record_type!r}"
        )
    return record_type


def normalise_columns(
    df: pd.DataFrame,
    record_type: str,
    *,
    defaults: dict[str, str] | None = None,
    source_name: str | None = None,
) -> tuple[pd.DataFrame, list[str]]:
    """Rename the columns of a read table to field names.

    Parameters
    ----------
    df : pandas.DataFrame
        As returned by :func:`read_table`; it is not modified.
    record_type : {"site", "point"}
    defaults : dict of field name to text, optional
        Values for fields the file may leave out (e.g. ``{"kind": "game_point"}``
        for an import of game points): a missing column is added with this
        value, and empty cells of a present column get it. A field with a default
        is not a missing required column.
    source_name : str, optional
        File name for messages; defaults to ``df.attrs["source"]``.

    Returns
    -------
    (pandas.DataFrame, list of str)
        The known columns renamed to field names, and the headers of the columns
        that match no field (they are left out).

    Raises
    ------
    ImportFileError
        When two columns mean the same field, or required columns are missing
        (each named with its Vietnamese and English label).
    """
    keys = header_keys(record_type)
    defaults = dict(defaults or {})
    specs = fields_for(record_type)
    unknown_defaults = set(defaults) - {spec.name for spec in specs}
    if unknown_defaults:
        raise ValueError(f"'defaults' names unknown fields: {sorted(unknown_defaults)}")
    name = source_name or df.attrs.get("source") or "the file"
    renamed: dict[str, str] = {}
    seen: dict[str, str] = {}
    unknown: list[str] = []
    for column in df.columns:
        field = keys.get(match_key(str(column)))
        if field is None:
            unknown.append(str(column).rstrip())
        elif field in seen:
            raise ImportFileError(
                msg.SAME_FIELD_TWICE,
                path=name,
                first=seen[field],
                second=str(column).rstrip(),
                field=field,
            )
        else:
            seen[field] = str(column).rstrip()
            renamed[column] = field
    missing = [
        f"{spec.name} ({spec.label_vi} / {spec.label_en})"
        for spec in specs
        if spec.required and spec.name not in seen and spec.name not in defaults
    ]
    if missing:
        raise ImportFileError(msg.MISSING_COLUMNS, path=name, columns=missing)
    result = df[list(renamed)].rename(columns=renamed)
    for field, value in defaults.items():
        if field in result.columns:
            result[field] = result[field].mask(result[field] == "", value)
        else:
            result[field] = value
    result.attrs = dict(df.attrs)
    return result, unknown
