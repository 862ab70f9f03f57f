"""Reading OpenCelliD-format cell files: plain or gzipped, with or without header.

The whole file is parsed by pandas at once (no Python loop over rows). Rows are
then sorted into: kept (MCC 452, a known operator, a position in the province),
other countries, outside the province, and broken (wrong number of fields, an
unknown radio, numbers that are not numbers, impossible coordinates), each counted.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from registry.cells import messages as msg
from registry.kernel.errors import ImportFileError
from registry.kernel.vocabulary import MCC_VIETNAM, OPERATORS

COLUMNS = (
    "radio",
    "mcc",
    "net",
    "area",
    "cell",
    "unit",
    "lon",
    "lat",
    "range",
    "samples",
    "changeable",
    "created",
    "updated",
    "averageSignal",
)
# OpenCelliD's radio values and the technology generation each stands for.
RADIO_TECHNOLOGY = {"GSM": "2G", "CDMA": "2G", "UMTS": "3G", "LTE": "4G", "NR": "5G"}
# A national file is about 100 MB of text; refuse what would not fit in memory.
MAX_TEXT_BYTES = 1024 * 1024 * 1024


@dataclass
class CellFile:
    """The cells of a file kept for the province, and what was left out."""

    cells: pd.DataFrame
    rows_read: int
    other_country: int = 0
    outside: int = 0
    # Reason -> rows: fields, radio, numbers, coordinates, network.
    broken: dict[str, int] = field(default_factory=dict)

    @property
    def rows_broken(self) -> int:
        """Rows refused as broken, every reason together."""
        return sum(self.broken.values())


def unpacked(data: bytes, name: str) -> bytes:
    """The file's text as bytes: gunzipped when it starts with gzip's magic
    number, refused beyond :data:`MAX_TEXT_BYTES` (a small archive may unpack to
    gigabytes)."""
    if data[:2] != b"\x1f\x8b":
        if len(data) > MAX_TEXT_BYTES:
            raise ImportFileError(
                msg.TOO_LARGE, path=name, limit_mb=MAX_TEXT_BYTES // 2**20
            )
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as packed:
            text = packed.read(MAX_TEXT_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise ImportFileError(msg.NOT_GZIP, path=name, detail=str(error)) from None
    if len(text) > MAX_TEXT_BYTES:
        raise ImportFileError(
            msg.TOO_LARGE, path=name, limit_mb=MAX_TEXT_BYTES // 2**20
        )
    return text


def _has_header(text: bytes, name: str) -> bool:
    """Whether the first line names the columns (it starts with ``radio``)."""
    first = text.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].strip()
    try:
        first_text = first.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportFileError(msg.NOT_TEXT, path=name) from None
    found = len(first_text.split(","))
    if found != len(COLUMNS):
        raise ImportFileError(
            msg.WRONG_COLUMNS, path=name, columns=len(COLUMNS), found=found
        )
    return first_text.split(",", 1)[0].strip().strip('"').lower() == "radio"


def _data_lines(text: bytes, header: bool) -> int:
    """Rows of data in the text: non-empty lines, without the header."""
    lines = text.count(b"\n") + (0 if text.endswith(b"\n") else 1)
    lines -= text.count(b"\n\n") + text.count(b"\r\n\r\n")
    return max(lines - (1 if header else 0), 0)


def _parse(text: bytes, header: bool, name: str) -> pd.DataFrame:
    try:
        return pd.read_csv(
            io.BytesIO(text),
            names=list(COLUMNS),
            header=0 if header else None,
            engine="pyarrow",
            on_bad_lines="skip",
            dtype_backend="numpy_nullable",
            encoding="utf-8",
        )
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError):
        # pyarrow refuses some texts the C parser reads (odd quoting): try it.
        pass
    try:
        return pd.read_csv(
            io.BytesIO(text),
            names=list(COLUMNS),
            header=0 if header else None,
            on_bad_lines="skip",
            dtype=str,
            encoding="utf-8",
        )
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError):
        raise ImportFileError(msg.NOT_TEXT, path=name) from None


def _numbers(column: pd.Series) -> np.ndarray:
    if pd.api.types.is_numeric_dtype(column.dtype):
        return column.astype("float64").to_numpy(na_value=np.nan)
    return (
        pd.to_numeric(column, errors="coerce")
        .astype("float64")
        .to_numpy(na_value=np.nan)
    )


def read_cells(data: bytes, name: str, inside) -> CellFile:
    """Read a cell file and keep the province's cells.

    Parameters
    ----------
    data : bytes
        The file as uploaded (plain text or gzip).
    name : str
        Its name, for messages.
    inside : callable
        ``inside(lat, lon) -> bool array``: the province's territory test.

    Returns
    -------
    CellFile
        ``cells`` has ``radio``, ``technology``, ``network_code`` (two digits),
        ``area``, ``cell``, ``lon``, ``lat``, ``range_m``, ``samples`` and
        ``updated_at`` for the kept rows.
    """
    text = unpacked(data, name)
    if not text.strip():
        raise ImportFileError(msg.NO_ROWS, path=name)
    header = _has_header(text, name)
    lines = _data_lines(text, header)
    table = _parse(text, header, name)
    if lines == 0 or len(table) == 0:
        raise ImportFileError(msg.NO_ROWS, path=name)
    broken: dict[str, int] = {"fields": max(lines - len(table), 0)}

    radio = table["radio"].astype("string").str.strip().str.upper()
    technology = radio.map(RADIO_TECHNOLOGY)
    numbers = {
        column: _numbers(table[column])
        for column in ("mcc", "net", "area", "cell", "lon", "lat", "range", "samples")
    }
    updated = _numbers(table["updated"])
    bad_radio = technology.isna().to_numpy()
    bad_numbers = ~bad_radio & ~np.all(
        [np.isfinite(numbers[c]) for c in ("mcc", "net", "area", "cell", "lon", "lat")],
        axis=0,
    )
    lon, lat = numbers["lon"], numbers["lat"]
    with np.errstate(invalid="ignore"):
        bad_place = (
            ~bad_radio
            & ~bad_numbers
            & ((np.abs(lat) > 90) | (np.abs(lon) > 180) | ((lat == 0) & (lon == 0)))
        )
    usable = ~(bad_radio | bad_numbers | bad_place)
    broken["radio"] = int(bad_radio.sum())
    broken["numbers"] = int(bad_numbers.sum())
    broken["coordinates"] = int(bad_place.sum())

    vietnam = usable & (numbers["mcc"] == int(MCC_VIETNAM))
    other_country = int((usable & ~vietnam).sum())
    net = np.where(vietnam, numbers["net"], -1).astype(np.int64)
    codes = pd.Series(net).map({int(code): code for code in OPERATORS})
    known = vietnam & codes.notna().to_numpy()
    broken["network"] = int((vietnam & ~known).sum())

    in_province = np.zeros(len(table), dtype=bool)
    candidates = np.flatnonzero(known)
    in_province[candidates] = inside(lat[candidates], lon[candidates])
    outside = int((known & ~in_province).sum())
    keep = np.flatnonzero(in_province)
    stamps = updated[keep]
    cells = pd.DataFrame(
        {
            "radio": radio.to_numpy(dtype=object, na_value=None)[keep],
            "technology": technology.to_numpy(dtype=object, na_value=None)[keep],
            "network_code": codes.to_numpy(dtype=object)[keep],
            "area": numbers["area"][keep].astype(np.int64),
            "cell": numbers["cell"][keep].astype(np.int64),
            "lon": lon[keep],
            "lat": lat[keep],
            "range_m": np.nan_to_num(numbers["range"][keep], nan=0.0).clip(min=0),
            "samples": np.nan_to_num(numbers["samples"][keep], nan=0.0)
            .clip(min=0, max=2**31 - 1)
            .astype(np.int64),
            "updated_at": pd.to_datetime(
                np.where(np.isfinite(stamps) & (stamps > 0), stamps, np.nan),
                unit="s",
                errors="coerce",
            ),
        }
    )
    return CellFile(
        cells=cells,
        rows_read=lines,
        other_country=other_country,
        outside=outside,
        broken={k: v for k, v in broken.items() if v},
    )
