"""Coordinates as people type them: decimal degrees or degrees-minutes-seconds.

Files from operators and communes mix ``18.6789``, ``18,6789`` (decimal comma, as
Vietnamese Excel writes it) and ``18°40'12"N`` in many typographic variants. The
column parser converts the plain decimal cells in one vectorised step and parses
only the leftovers one by one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from registry.kernel.errors import Expected, ValueExpectedError
from registry.records import messages as msg

# Typographic variants of the degree, minute and second signs, mapped to ° ' ".
_SIGNS = str.maketrans(
    {
        "º": "°",  # masculine ordinal, often typed instead of the degree sign
        "˚": "°",  # ring above
        "′": "'",
        "’": "'",
        "‘": "'",
        "´": "'",
        "`": "'",
        "ʹ": "'",
        "″": '"',
        "“": '"',
        "”": '"',
        "ʺ": '"',
    }
)
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
_HEMISPHERES = re.compile(r"([NSEW])?\s*(.*?)\s*([NSEW])?", re.IGNORECASE)
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([°'\"])?\s*")
_UNIT_INDEX = {"°": 0, "'": 1, '"': 2}


def parse_coordinate(text: object) -> float:
    """Parse one latitude or longitude written in decimal degrees or as DMS.

    Parameters
    ----------
    text : str or number
        ``18.6789``, ``18,6789``, ``-18.5``, ``18°40'12"N``, ``105° 40' 12.5" E``,
        ``18 40 12 N``, ``18°40.2'N``; typographic ′ ″ and º are accepted. S and
        W make the value negative.

    Returns
    -------
    float
        Decimal degrees. The range (latitude or longitude) is not checked here.

    Raises
    ------
    ValueExpectedError
        A :class:`ValueError` saying what was expected.
    """
    if isinstance(text, (int, float, np.integer, np.floating)) and not isinstance(
        text, bool
    ):
        value = float(text)
        if not math.isfinite(value):
            raise ValueExpectedError(msg.COORDINATE())
        return value
    raw = str(text).strip()
    if not raw:
        raise ValueExpectedError(msg.COORDINATE_EMPTY())
    if _DECIMAL.fullmatch(raw):
        return float(raw.replace(",", "."))
    return _parse_dms(raw)


def _parse_dms(raw: str) -> float:
    text = raw.translate(_SIGNS).replace("''", '"')
    match = _HEMISPHERES.fullmatch(text)
    before, body, after = match.groups()
    if before and after:
        raise ValueExpectedError(msg.COORDINATE_TWO_HEMISPHERES())
    hemisphere = (before or after or "").upper()
    sign = 1.0
    if body[:1] in "+-" and body:
        if hemisphere:
            raise ValueExpectedError(msg.COORDINATE_SIGN_AND_HEMISPHERE())
        sign = -1.0 if body[0] == "-" else 1.0
        body = body[1:].lstrip()
    parts = _split_parts(body)
    values = [0.0, 0.0, 0.0]
    for index, number in parts:
        values[index] = number
    degrees, minutes, seconds = values
    if minutes >= 60 or seconds >= 60:
        raise ValueExpectedError(msg.COORDINATE_MINUTES())
    value = degrees + minutes / 60 + seconds / 3600
    if hemisphere in ("S", "W"):
        sign = -1.0
    return sign * value


def _split_parts(body: str) -> list[tuple[int, float]]:
    """Split ``18°40'12.5"`` into [(0, 18), (1, 40), (2, 12.5)], checking order."""
    parts: list[tuple[int, float]] = []
    position = 0
    next_index = 0
    while position < len(body):
        match = _PART.match(body, position)
        if not match or match.end() == position:
            raise ValueExpectedError(msg.COORDINATE())
        number, unit = match.groups()
        index = _UNIT_INDEX[unit] if unit else next_index
        if index < next_index or index > 2:
            raise ValueExpectedError(msg.COORDINATE_ORDER())
        parts.append((index, float(number.replace(",", "."))))
        next_index = index + 1
        position = match.end()
    if not parts:
        raise ValueExpectedError(msg.COORDINATE())
    # Only the last part may have decimals: 18.5°30' is ambiguous.
    if any(not number.is_integer() for _, number in parts[:-1]):
        raise ValueExpectedError(msg.COORDINATE_DECIMALS())
    return parts


def parse_coordinate_columns(
    lat_values: Sequence | pd.Series, lon_values: Sequence | pd.Series
) -> tuple[np.ndarray, np.ndarray, list[tuple[int, str, str, Expected]]]:
    """Parse a latitude and a longitude column.

    Plain decimals (with a decimal point or a single decimal comma) are converted
    in one vectorised step; only the other cells go through :func:`parse_coordinate`.

    Returns
    -------
    latitude, longitude : numpy.ndarray of float64
        NaN where the cell could not be parsed or was empty.
    problems : list of (position, column, raw value, Expected)
        ``position`` is the 0-based position in the input, ``column`` is
        ``"latitude"`` or ``"longitude"``.
    """
    problems: list[tuple[int, str, str, Expected]] = []
    latitude = _parse_column(lat_values, "latitude", problems)
    longitude = _parse_column(lon_values, "longitude", problems)
    problems.sort(key=lambda problem: (problem[0], problem[1] != "latitude"))
    return latitude, longitude, problems


def _parse_column(values, column: str, problems: list) -> np.ndarray:
    text = pd.Series(values, dtype="str").fillna("").str.strip()
    dotted = text.str.replace(",", ".", n=1, regex=False)
    try:
        numbers = dotted.astype("float64").to_numpy(copy=True)
    except (ValueError, TypeError):
        numbers = pd.to_numeric(dotted, errors="coerce").to_numpy(
            dtype="float64", na_value=np.nan, copy=True
        )
    for position in np.flatnonzero(~np.isfinite(numbers)):
        raw = text.iat[position]
        try:
            numbers[position] = parse_coordinate(raw)
        except ValueExpectedError as error:
            numbers[position] = np.nan
            expected = (
                msg.COORDINATE_REQUIRED(column=column) if not raw else error.expected
            )
            problems.append((int(position), column, raw, expected))
    return numbers


def detect_swapped(
    lat: np.ndarray, lon: np.ndarray, bounds: tuple[float, float, float, float]
) -> np.ndarray:
    """Where latitude and longitude were entered in each other's column.

    Parameters
    ----------
    lat, lon : array-like of float
    bounds : (min_lon, min_lat, max_lon, max_lat)
        The bounding box of the area the points should lie in.

    Returns
    -------
    numpy.ndarray of bool
        True where (lat, lon) lies outside ``bounds`` but (lon, lat) lies inside.
    """
    lat = np.asarray(lat, dtype="float64")
    lon = np.asarray(lon, dtype="float64")
    return ~_in_box(lat, lon, bounds) & _in_box(lon, lat, bounds)


def _in_box(lat: np.ndarray, lon: np.ndarray, bounds) -> np.ndarray:
    min_lon, min_lat, max_lon, max_lat = bounds
    return (lon >= min_lon) & (lon <= max_lon) & (lat >= min_lat) & (lat <= max_lat)
