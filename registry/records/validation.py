"""Validation of imported rows: every problem found at once, nothing half-accepted.

:func:`validate_rows` checks a table read by :mod:`registry.files.readers` (columns
already renamed to field names) against the field catalogue, then across fields.
It returns the typed records of the rows without errors, and every error and
warning with the row number a person sees in the file (header = row 1). The
caller imports nothing when there is any error.

Speed: each column is parsed in one vectorised step; low-cardinality columns
(choices, dates, times, operator lists) are parsed once per distinct value, and
only values that fail the fast path are looked at one by one in Python.

Representation of the records (one column per field, catalogue order, after a
``row`` column with the file row number):

- text and choice fields: pandas ``str`` dtype, NaN when empty;
- float, latitude, longitude: ``float64``; int: ``Int64``;
- date: ``datetime64[ns]`` normalised to midnight, NaT when empty
  (:meth:`ValidatedRows.record_dicts` gives ``datetime.date`` objects);
- time: ``object`` holding ``datetime.time`` or None.

Problems of a coordinate pair (swapped, outside the province) are reported in the
``latitude`` column with both values, so that every column is a field name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from registry.kernel.cells import is_missing
from registry.kernel.clock import today as vietnam_today
from registry.kernel.errors import Expected, FieldError, ValueExpectedError
from registry.kernel.text import (
    LONG_TEXT,
    clean_column,
    clean_text,
    column_problems,
    match_key,
)
from registry.kernel.vocabulary import (
    PointKind,
    PointStatus,
    SiteStatus,
)
from registry.records import messages as msg
from registry.records.coordinates import detect_swapped, parse_coordinate_columns
from registry.records.cross_field import CrossFieldChecks
from registry.records.fields import FieldSpec, fields_for
from registry.records.values import (
    DATE_RANGE,
    MAX_SHOWN,
    NETWORK_SEPARATORS,
    PAST_EVENT_FIELDS,
    TECHNOLOGY_START_YEAR,
    choice_lookup,
    choice_options,
    degrees_text,
    expected_choice,
    parse_date,
    parse_time,
    to_float,
)


@dataclass(frozen=True)
class RowProblem:
    """One problem of one cell (or of a row) of an imported file.

    ``wanted`` is what the cell expected, as a message with its context; the
    interface translates its ``code``, ``expected`` is the English.
    """

    row: int
    column: str
    value: str
    wanted: Expected

    @property
    def code(self) -> str:
        return self.wanted.code

    @property
    def context(self) -> dict:
        return self.wanted.context

    @property
    def expected(self) -> str:
        """What the cell expected, in English."""
        return str(self.wanted)

    def __str__(self) -> str:
        return f"row {self.row}, {self.column} = {self.value!r}: {self.expected}"

    def as_field_error(self, *, with_row: bool = True) -> FieldError:
        """The same problem as the registry's :class:`FieldError`."""
        row = self.row if with_row else None
        return FieldError(self.column, self.value, self.wanted, row=row)


@dataclass
class ValidatedRows:
    """Typed records of the rows without errors, and every error and warning."""

    records: pd.DataFrame
    errors: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file can be imported (warnings do not block it)."""
        return not self.errors

    def record_dicts(self) -> list[dict]:
        """Records as plain Python values: None, str, float, int, date, time."""
        columns = {}
        for name in self.records.columns:
            column = self.records[name]
            if pd.api.types.is_datetime64_any_dtype(column):
                values = [None if pd.isna(v) else v.date() for v in column]
            else:
                values = [None if is_missing(v) else _plain(v) for v in column]
            columns[name] = values
        return [
            dict(zip(columns, row, strict=True))
            for row in zip(*columns.values(), strict=True)
        ]


def _plain(value):
    return value.item() if isinstance(value, np.generic) else value


def shown(value: object) -> str:
    """A cell value as shown in a message: text, at most 80 characters."""
    text = "" if value is None else str(value)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def validate_rows(
    df: pd.DataFrame,
    record_type: str,
    *,
    bounds: tuple[float, float, float, float],
    inside: Callable[[np.ndarray, np.ndarray], np.ndarray],
    province_name: str,
    today: date | None = None,
) -> ValidatedRows:
    """Check the rows of an import file and type their values.

    Parameters
    ----------
    df : pandas.DataFrame
        Text cells with field names as columns
        (:func:`registry.files.readers.read_table` then
        :func:`~registry.files.readers.normalise_columns`); position ``i`` is file row
        ``i + 2``. Blank rows are skipped. Not modified.
    record_type : {"site", "point"}
    bounds : (min_lon, min_lat, max_lon, max_lat)
        Bounding box of the province, used to recognise swapped coordinates.
    inside : callable
        ``inside(lat, lon)`` takes two float arrays and returns a bool array,
        True where the point lies in the province.
    province_name : str
        Named in the message of a row outside the province.
    today : datetime.date, optional
        The date after which past events cannot lie; defaults to today.

    Returns
    -------
    ValidatedRows
    """
    if record_type not in ("site", "point"):
        raise ValueError(
            f"'record_type' should be 'site' or 'point', got {record_type!r}"
        )
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"'df' should be a pandas DataFrame, got {type(df)}")
    # The registry's day is Vietnam's (UTC+7): after 17:00 UTC the machine's
    # date.today() is still yesterday there, and a status set today looked future.
    checker = _RowChecker(df, record_type, today or vietnam_today())
    checker.parse_fields()
    checker.check_coordinates(bounds, inside, province_name)
    if record_type == "site":
        checker.check_site_rules()
    else:
        checker.check_point_rules()
    checker.fill_defaults()
    return checker.result()


class _RowChecker(CrossFieldChecks):
    """The state of one validation: cell texts, parsed columns, problems."""

    def __init__(self, df: pd.DataFrame, record_type: str, today: date):
        self.specs = {spec.name: spec for spec in fields_for(record_type)}
        self.record_type = record_type
        self.today = today
        self.errors: list[RowProblem] = []
        self.warnings: list[RowProblem] = []
        already_clean = bool(df.attrs.get("clean_text"))
        texts, filled = {}, np.zeros(len(df), dtype=bool)
        for name, spec in self.specs.items():
            if name in df.columns:
                text = df[name].astype("str").fillna("")
                if already_clean:
                    pass
                elif spec.kind == "text":
                    text = clean_column(text)
                else:  # parsers clean the few values that fail their fast path
                    text = text.str.strip()
                texts[name] = text
                filled |= text.str.len().to_numpy() > 0
        positions = np.flatnonzero(filled)
        if len(positions) < len(df):  # drop blank rows
            texts = {
                n: t.iloc[positions].reset_index(drop=True) for n, t in texts.items()
            }
        self.rows = positions + 2
        self.n = len(positions)
        blank = pd.Series([""] * self.n, dtype="str")
        self.text = {name: texts.get(name, blank) for name in self.specs}
        self.values: dict[str, object] = {}

    # -- problems --------------------------------------------------------------

    def error(self, positions, column: str, expected, values=None) -> None:
        self._add(self.errors, positions, column, expected, values)

    def warn(self, positions, column: str, expected, values=None) -> None:
        self._add(self.warnings, positions, column, expected, values)

    def _add(self, bucket, positions, column, expected, values) -> None:
        text = self.text.get(column)
        for i, position in enumerate(np.asarray(positions, dtype=int)):
            value = values[i] if values is not None else text.iat[position]
            message = expected(position) if callable(expected) else expected
            bucket.append(
                RowProblem(int(self.rows[position]), column, shown(value), message)
            )

    # -- one column at a time --------------------------------------------------

    def parse_fields(self) -> None:
        for spec in self.specs.values():
            text = self.text[spec.name]
            empty = text.str.len().to_numpy() == 0
            if spec.required and spec.kind not in ("latitude", "longitude"):
                self.error(
                    np.flatnonzero(empty),
                    spec.name,
                    msg.REQUIRED(label_en=spec.label_en, label_vi=spec.label_vi),
                )
            parser = getattr(self, f"_parse_{spec.kind}", None)
            if parser is not None:
                self.values[spec.name] = parser(spec, text, empty)

    def _parse_text(self, spec: FieldSpec, text: pd.Series, empty) -> pd.Series:
        # The column's limit and the characters no text may hold (direction
        # overrides survive the cleaning of a file's cells): a row problem each.
        problems = column_problems(
            text, spec.max_length or LONG_TEXT, paragraphs=spec.paragraphs
        )
        self.error(sorted(problems), spec.name, lambda p: problems[p])
        return text.mask(empty)

    def _parse_by_value(self, spec, text, parse, missing=None) -> np.ndarray:
        """Parse each distinct value once; ``parse`` returns a value or raises."""
        codes, uniques = pd.factorize(text)
        parsed, failed = [], {}
        for code, value in enumerate(uniques):
            try:
                parsed.append(parse(clean_text(value)) if value else missing)
            except ValueExpectedError as problem:
                parsed.append(missing)
                failed[code] = problem.expected
        if failed:
            bad = np.flatnonzero(np.isin(codes, list(failed)))
            self.error(bad, spec.name, lambda p: failed[codes[p]])
        table = np.empty(len(parsed), dtype=object)
        table[:] = parsed
        return table[codes] if len(codes) else table[:0]

    def _parse_choice(self, spec: FieldSpec, text: pd.Series, empty) -> pd.Series:
        lookup = choice_lookup(spec)
        expected = expected_choice(spec)

        def parse(value: str) -> str:
            try:
                return lookup[match_key(value)]
            except KeyError:
                raise ValueExpectedError(expected) from None

        return pd.Series(self._parse_by_value(spec, text, parse), dtype="str")

    def _parse_networks(self, spec: FieldSpec, text: pd.Series, empty) -> pd.Series:
        lookup = choice_lookup(self.specs["network_code"])
        options = choice_options(self.specs["network_code"])

        def parse(value: str) -> str:
            codes = set()
            for token in NETWORK_SEPARATORS.split(value):
                if token:
                    code = lookup.get(match_key(token))
                    if code is None:
                        raise ValueExpectedError(
                            msg.NETWORKS(options=options, token=token)
                        )
                    codes.add(code)
            return ",".join(sorted(codes)) or None

        return pd.Series(self._parse_by_value(spec, text, parse), dtype="str")

    def _parse_float(self, spec: FieldSpec, text: pd.Series, empty) -> np.ndarray:
        numbers = to_float(text, empty)
        bad = np.flatnonzero(~np.isfinite(numbers) & ~empty)
        self.error(bad, spec.name, msg.NUMBER())
        numbers[bad] = np.nan
        low = -np.inf if spec.minimum is None else spec.minimum
        high = np.inf if spec.maximum is None else spec.maximum
        outside = np.flatnonzero((numbers < low) | (numbers > high))
        self.error(outside, spec.name, msg.NUMBER_RANGE(low=low, high=high))
        numbers[outside] = np.nan
        return numbers

    def _parse_int(self, spec: FieldSpec, text: pd.Series, empty) -> pd.Series:
        numbers = self._parse_float(spec, text, empty)
        fraction = np.flatnonzero(np.isfinite(numbers) & (numbers != np.round(numbers)))
        self.error(fraction, spec.name, msg.WHOLE_NUMBER())
        numbers[fraction] = np.nan
        return pd.Series(numbers).astype("Int64")

    def _parse_date(self, spec: FieldSpec, text: pd.Series, empty) -> np.ndarray:
        codes, uniques = pd.factorize(text)
        uniques = np.asarray(uniques, dtype=object)
        fast = pd.to_datetime(uniques, format="%Y-%m-%d", errors="coerce")
        days = np.asarray(fast, dtype="datetime64[D]").copy()
        failed: dict[int, Expected] = {}
        for code in np.flatnonzero(np.isnat(days) & (uniques != "")):
            try:
                day = parse_date(clean_text(uniques[code]))
                days[code] = np.datetime64(day, "D")
            except ValueExpectedError as problem:
                failed[code] = problem.expected
        years = days.astype("datetime64[Y]").astype("int64") + 1970
        low, high = DATE_RANGE
        for code in np.flatnonzero(~np.isnat(days) & ((years < low) | (years > high))):
            failed[code] = msg.DATE_RANGE(low=low, high=high)
        days[list(failed)] = np.datetime64("NaT")
        result = days[codes] if len(codes) else days[:0]
        if failed:
            bad = np.flatnonzero(np.isin(codes, list(failed)))
            self.error(bad, spec.name, lambda p: failed[codes[p]])
        if spec.name in PAST_EVENT_FIELDS:
            future = np.flatnonzero(result > np.datetime64(self.today, "D"))
            self.error(
                future,
                spec.name,
                msg.PAST_EVENT(today=self.today, label_en=spec.label_en),
            )
            result[future] = np.datetime64("NaT")
        return result.astype("datetime64[ns]")

    def _parse_time(self, spec: FieldSpec, text: pd.Series, empty) -> pd.Series:
        return pd.Series(self._parse_by_value(spec, text, parse_time), dtype=object)

    # -- coordinates -----------------------------------------------------------

    def check_coordinates(self, bounds, inside, province_name: str) -> None:
        lat_text, lon_text = self.text["latitude"], self.text["longitude"]
        lat, lon, problems = parse_coordinate_columns(lat_text, lon_text)
        for position, column, raw, expected in problems:
            self.error([position], column, expected, [raw])
        swapped = detect_swapped(lat, lon, bounds)

        def pair(positions) -> list[str]:
            return [f"{lat_text.iat[p]}, {lon_text.iat[p]}" for p in positions]

        positions = np.flatnonzero(swapped)
        self.warn(
            positions,
            "latitude",
            lambda p: msg.SWAPPED(
                lat=degrees_text(lat[p]),
                lon=degrees_text(lon[p]),
                province=province_name,
            ),
            pair(positions),
        )
        lat, lon = np.where(swapped, lon, lat), np.where(swapped, lat, lon)
        known = np.isfinite(lat) & np.isfinite(lon)
        # Never swapped: a swapped pair lies in the bounding box.
        self.error(np.flatnonzero(np.abs(lat) > 90), "latitude", msg.LATITUDE_RANGE())
        self.error(
            np.flatnonzero(np.abs(lon) > 180),
            "longitude",
            msg.LONGITUDE_RANGE(),
        )
        wrong = known & ((np.abs(lat) > 90) | (np.abs(lon) > 180))
        candidates = known & ~wrong
        min_lon, min_lat, max_lon, max_lat = bounds
        in_box = candidates & (lon >= min_lon) & (lon <= max_lon)
        in_box &= (lat >= min_lat) & (lat <= max_lat)
        within = np.zeros(self.n, dtype=bool)
        if in_box.any():
            answer = np.asarray(inside(lat[in_box], lon[in_box]), dtype=bool)
            within[in_box] = answer
        positions = np.flatnonzero(candidates & ~within)
        self.error(
            positions,
            "latitude",
            lambda p: msg.OUTSIDE_PROVINCE(
                province=province_name,
                lat=degrees_text(lat[p]),
                lon=degrees_text(lon[p]),
            ),
            pair(positions),
        )
        lat[~(known & ~wrong)] = np.nan
        lon[~(known & ~wrong)] = np.nan
        self.values["latitude"], self.values["longitude"] = lat, lon

    # -- across fields ---------------------------------------------------------

    def fill_defaults(self) -> None:
        today = np.datetime64(self.today, "D").astype("datetime64[ns]")
        status = self.values["status"]
        if self.record_type == "site":
            on_air = np.column_stack(
                [self.values[f"on_air_{t}"] for t in TECHNOLOGY_START_YEAR]
            )
            latest = np.max(
                np.where(np.isnat(on_air), np.datetime64(0, "ns"), on_air), 1
            )
            has_on_air = ~np.isnat(on_air).all(axis=1)
            default = np.where(
                has_on_air, SiteStatus.ON_AIR.value, SiteStatus.PLANNED.value
            )
            since = np.where(has_on_air, latest, today)
        else:
            pending = (
                self.values["kind"].eq(PointKind.GAME_POINT)
                & self.values["certificate_number"].isna()
            )
            default = np.where(
                pending, PointStatus.PENDING.value, PointStatus.OPERATING.value
            )
            since = np.full(self.n, today)
        self.values["status"] = status.fillna(pd.Series(default, dtype="str"))
        status_since = self.values["status_since"]
        self.values["status_since"] = np.where(
            np.isnat(status_since), since, status_since
        )
        self.values["coord_source"] = self.values["coord_source"].fillna(
            "operator_declared"
        )

    def result(self) -> ValidatedRows:
        data = {"row": self.rows}
        data.update({name: self.values[name] for name in self.specs})
        records = pd.DataFrame(data)
        order = {name: index for index, name in enumerate(self.specs)}

        def key(problem: RowProblem) -> tuple[int, int]:
            return problem.row, order.get(problem.column, len(order))

        self.errors.sort(key=key)
        self.warnings.sort(key=key)
        if self.errors:
            bad_rows = {problem.row for problem in self.errors}
            records = records[~records["row"].isin(bad_rows)].reset_index(drop=True)
        return ValidatedRows(records, self.errors, self.warnings)
