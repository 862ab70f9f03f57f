"""Refusals of files read, imported, exported and uploaded (codes, English)."""

from __future__ import annotations

from registry.kernel.errors import Message

# -- reading a table (ImportFileError: the message is the reason) --------------
EXTENSION = Message(
    "files.extension",
    "unsupported file extension {extension!r}; use .csv, .txt or .xlsx (save old "
    ".xls workbooks as .xlsx)",
)
CANNOT_OPEN = Message("files.cannot_open", "cannot open the file ({detail})")
EMPTY = Message("files.empty", "the file is empty")
NOT_CSV = Message("files.not_csv", "line {line} is not valid CSV ({detail})")
UTF16_DAMAGED = Message(
    "files.utf16_damaged", "the UTF-16 text is damaged at byte {byte}"
)
NUL_BYTES = Message(
    "files.nul_bytes",
    "the file contains NUL bytes: it is not a text file, or UTF-16 without a "
    "byte-order mark; save it as CSV UTF-8",
)
MIXED_ENCODING = Message(
    "files.mixed_encoding",
    "the file is mostly UTF-8 but byte 0x{byte:02X} on line {line} is not valid "
    "UTF-8 (mixed encodings?); save it again as CSV UTF-8",
)
UNKNOWN_ENCODING = Message(
    "files.unknown_encoding",
    "cannot decode the text: byte 0x{byte:02X} on line {line} is neither UTF-8 nor "
    "Windows-1258 (cp1258); save the file as CSV UTF-8",
)
NOT_XLSX = Message("files.not_xlsx", "not a valid Excel .xlsx workbook ({detail})")
SHEET_UNREADABLE = Message(
    "files.sheet_unreadable", "the workbook's first sheet cannot be read ({detail})"
)
TOO_MANY_ROWS = Message(
    "files.too_many_rows",
    "more than {max_rows:,} data rows; split the file into smaller files",
)
NO_HEADER = Message(
    "files.no_header",
    "no header: the first row must hold the column names; it is empty",
)
NUMERIC_HEADER = Message(
    "files.numeric_header",
    "no header: the first row holds numbers, not column names",
)
NO_DATA_ROWS = Message("files.no_data_rows", "the file has a header but no data rows")
SAME_FIELD_TWICE = Message(
    "files.same_field_twice",
    "columns {first!r} and {second!r} both mean the field {field!r}; keep one of them",
)
MISSING_COLUMNS = Message(
    "files.missing_columns", "missing required column(s): {columns}"
)

# -- import groups and exports -----------------------------------------------
UNKNOWN_GROUP = Message(
    "files.unknown_group", "import group {group!r} is unknown; use one of {groups}"
)
UNKNOWN_EXPORT_FORMAT = Message(
    "files.unknown_export_format",
    "export format {format!r} is unknown; use one of {formats}",
)
WRITER_FORMAT = Message(
    "files.writer_format", "Cannot export to format {format!r}: choose one of {formats}"
)
NO_FOLDER = Message(
    "files.no_folder", "Cannot write {target}: the folder {folder} does not exist"
)
WRITE_FAILED = Message(
    "files.write_failed", "Cannot write {target} as {format}: {detail}"
)
NOTHING_WRITTEN = Message(
    "files.nothing_written", "Cannot write {target} as {format}: GDAL wrote nothing"
)
NO_COORDINATE_COLUMNS = Message(
    "files.no_coordinate_columns",
    "Cannot export to {format}: the table has no {missing} column",
)

# -- checks of an import against the registry and the importing user ---------
KIND_IN_GROUP = Message("files.kind_in_group", "one of {kinds}")
OWN_NETWORK_SITE = Message("files.own_network_site", "a site of network {network}")
INSIDE_AREA = Message(
    "files.inside_area",
    "a place inside {area_level} {area_code} ({edition}), the area of {user}",
)
