"""The delegation matrix as data: presets in ``registry/permits/presets/*.toml`` and the
checks every matrix (preset or edited) must pass.

A matrix names, for each application kind and case, the level that verifies (and
in how many working days), the level that decides, and the level the decider may
refer the case to. Stored versions and their use cases are in
:mod:`registry.permits.matrix_versions`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from registry.kernel.errors import FieldError, NotFoundError, ValidationError
from registry.permits import messages as msg
from registry.permits.vocabulary import (
    BTS_CASES,
    LEVEL_ORDER,
    ApplicationKind,
    Case,
    Level,
)
from registry.units.offices import Office, offices_between

PRESETS_DIR = Path(__file__).parent / "presets"
MAX_STEP_DAYS = 120
_PRESET_KEYS = {"key", "title_vi", "title_en", "effective_from", "effective_to"}
_PRESET_KEYS |= {"height_threshold_m", "source", "unverified", "rows"}
_ROW_KEYS = {"kinds", "cases", "verify", "verify_days", "decide", "decide_days"}
_ROW_KEYS |= {"escalate", "escalate_days"}


@dataclass(frozen=True)
class MatrixRow:
    """Who handles one application kind and case, and the days of each step."""

    kind: str
    case: str
    verify_level: str | None
    verify_days: int | None
    decide_level: str
    decide_days: int
    escalate_level: str | None = None
    escalate_days: int | None = None

    def as_dict(self) -> dict:
        """The row as a plain dictionary (for audit entries and tables)."""
        return asdict(self)


@dataclass(frozen=True)
class Preset:
    """A matrix preset read from a file, with its source and unverified facts."""

    key: str
    title_vi: str
    title_en: str
    effective_from: date
    effective_to: date | None
    height_threshold_m: float
    source: str
    unverified: str | None
    rows: tuple[MatrixRow, ...]


def expected_pairs() -> list[tuple[str, str]]:
    """Every (kind, case) a complete matrix has a row for, in display order."""
    pairs = []
    for kind in ApplicationKind:
        cases = BTS_CASES if kind.is_bts else (Case.CERTIFICATE,)
        pairs.extend((kind.value, case.value) for case in cases)
    return pairs


def _cell(pair: tuple[object, object], column: str) -> tuple[str, dict]:
    """The field name of one cell of a matrix row ("bts_new/ground_tower
    verify_level") and the context that names its row and column as data."""
    kind, case = pair
    return f"{kind}/{case} {column}", {
        "row_kind": kind,
        "row_case": case,
        "column": column,
    }


def _member(data: dict, name: str, enum: type[StrEnum], message, listed: str) -> str:
    """The value of ``data[name]`` as a member of ``enum``, or a FieldError with
    ``message`` and the allowed values under the context name ``listed``."""
    try:
        return enum(str(data.get(name))).value
    except ValueError:
        allowed = [member.value for member in enum]
        raise FieldError(name, data.get(name), message, **{listed: allowed}) from None


def _level(pair: tuple, column: str, value: object, required: bool) -> str | None:
    name, where = _cell(pair, column)
    levels = [level.value for level in LEVEL_ORDER]
    if value is None or value == "":
        if required:
            raise FieldError(name, value, msg.LEVEL_REQUIRED, levels=levels, **where)
        return None
    try:
        return Level(str(value)).value
    except ValueError:
        raise FieldError(name, value, msg.LEVEL, levels=levels, **where) from None


def _days(pair: tuple, column: str, value: object, required: bool) -> int | None:
    name, where = _cell(pair, column)
    if value is None or value == "":
        if required:
            raise FieldError(name, value, msg.STEP_DAYS, max=MAX_STEP_DAYS, **where)
        return None
    number = value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(value, float) and value.is_integer():
        number = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    if number is None or not 1 <= number <= MAX_STEP_DAYS:
        raise FieldError(name, value, msg.STEP_DAYS, max=MAX_STEP_DAYS, **where)
    return number


def _rank(level: str) -> int:
    return LEVEL_ORDER.index(Level(level))


def checked_row(raw: Mapping | MatrixRow) -> MatrixRow:
    """One row from a mapping (or a row), every value checked; FieldError if wrong.

    The verifying level may not be above the deciding one; the escalation level
    must be above the deciding one, and escalation needs its days.
    """
    data = raw.as_dict() if isinstance(raw, MatrixRow) else dict(raw)
    pair = (data.get("kind"), data.get("case"))
    kind = _member(data, "kind", ApplicationKind, msg.MATRIX_KIND, "kinds")
    case = _member(data, "case", Case, msg.MATRIX_CASE, "cases")
    verify = _level(pair, "verify_level", data.get("verify_level"), False)
    decide = _level(pair, "decide_level", data.get("decide_level"), True)
    escalate = _level(pair, "escalate_level", data.get("escalate_level"), False)
    verify_days = _days(pair, "verify_days", data.get("verify_days"), bool(verify))
    decide_days = _days(pair, "decide_days", data.get("decide_days"), True)
    escalate_days = _days(
        pair, "escalate_days", data.get("escalate_days"), bool(escalate)
    )
    if verify and _rank(verify) > _rank(decide):
        name, where = _cell(pair, "verify_level")
        raise FieldError(name, verify, msg.NOT_ABOVE_DECIDER, decider=decide, **where)
    if escalate and _rank(escalate) <= _rank(decide):
        name, where = _cell(pair, "escalate_level")
        raise FieldError(name, escalate, msg.ABOVE_DECIDER, decider=decide, **where)
    return MatrixRow(
        kind,
        case,
        verify,
        verify_days if verify else None,
        decide,
        decide_days,
        escalate,
        escalate_days if escalate else None,
    )


def check_rows(rows: Sequence[Mapping | MatrixRow]) -> tuple[MatrixRow, ...]:
    """A complete matrix: every (kind, case) exactly once, each row valid.

    Raises :class:`ValidationError` naming every wrong value, missing or repeated
    pair; returns the rows in display order.
    """
    errors: list[FieldError] = []
    found: dict[tuple[str, str], MatrixRow] = {}
    for raw in rows:
        try:
            row = checked_row(raw)
        except FieldError as error:
            errors.append(error)
            continue
        pair = (row.kind, row.case)
        where = {"row_kind": row.kind, "row_case": row.case}
        if pair not in set(expected_pairs()):
            errors.append(
                FieldError(
                    "case",
                    row.case,
                    msg.CASE_OF_KIND,
                    column="case",
                    **where,
                )
            )
        elif pair in found:
            errors.append(
                FieldError(
                    f"{row.kind}/{row.case}",
                    "twice",
                    msg.ONE_ROW,
                    hide_value=True,
                    **where,
                )
            )
        found[pair] = row
    for kind, case in expected_pairs():
        if (kind, case) not in found:
            errors.append(
                FieldError(
                    f"{kind}/{case}", None, msg.A_ROW, row_kind=kind, row_case=case
                )
            )
    if errors:
        raise ValidationError(errors)
    return tuple(found[pair] for pair in expected_pairs())


def check_threshold(value: object) -> float:
    """The height threshold in metres (above 0, at most 300)."""
    try:
        number = float(str(value).replace(",", "."))
    except (TypeError, ValueError):
        number = -1.0
    if not 0 < number <= 300:
        raise FieldError("height_threshold_m", value, msg.HEIGHT_THRESHOLD)
    return number


def _preset_rows(path: Path, raw_rows: object) -> tuple[MatrixRow, ...]:
    rows = []
    for number, raw in enumerate(raw_rows or [], start=1):
        unknown = set(raw) - _ROW_KEYS
        if unknown:
            raise ValidationError(
                [
                    FieldError(
                        f"{path.name} rows[{number}]",
                        sorted(unknown),
                        msg.PRESET_ROW_KEYS,
                        file=path.name,
                        number=number,
                        known=sorted(_ROW_KEYS),
                    )
                ]
            )
        for kind in raw.get("kinds", []):
            for case in raw.get("cases", []):
                rows.append(
                    {
                        "kind": kind,
                        "case": case,
                        "verify_level": raw.get("verify"),
                        "verify_days": raw.get("verify_days"),
                        "decide_level": raw.get("decide"),
                        "decide_days": raw.get("decide_days"),
                        "escalate_level": raw.get("escalate"),
                        "escalate_days": raw.get("escalate_days"),
                    }
                )
    return check_rows(rows)


def read_preset(path: Path) -> Preset:
    """Read and check one preset file; errors name the file."""
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    unknown = set(raw) - _PRESET_KEYS
    missing = {"key", "title_vi", "title_en", "effective_from", "source"} - set(raw)
    if unknown or missing:
        raise ValidationError(
            [
                FieldError(
                    path.name,
                    sorted(unknown | missing),
                    msg.PRESET_KEYS,
                    file=path.name,
                    unknown=sorted(unknown),
                    missing=sorted(missing),
                )
            ]
        )
    return Preset(
        key=str(raw["key"]),
        title_vi=str(raw["title_vi"]),
        title_en=str(raw["title_en"]),
        effective_from=raw["effective_from"],
        effective_to=raw.get("effective_to"),
        height_threshold_m=check_threshold(raw.get("height_threshold_m")),
        source=" ".join(str(raw["source"]).split()),
        unverified=" ".join(str(raw["unverified"]).split())
        if raw.get("unverified")
        else None,
        rows=_preset_rows(path, raw.get("rows")),
    )


@lru_cache(maxsize=4)
def _presets(directory: str) -> tuple[Preset, ...]:
    presets = [read_preset(p) for p in sorted(Path(directory).glob("*.toml"))]
    return tuple(sorted(presets, key=lambda p: p.effective_from))


def load_presets(directory: str | Path | None = None) -> dict[str, Preset]:
    """Every preset, by key, oldest first (read once per directory)."""
    return {p.key: p for p in _presets(str(directory or PRESETS_DIR))}


# Level of a matrix row -> kind of office (registry.units.offices) acting for it.
LEVEL_OFFICES = {
    "department": "department",
    "district": "district_committee",
    "commune": "commune_committee",
}


def preset_offices(p: Preset, *, until: date) -> list[Office]:
    """The offices that act for the preset's levels over its period (to
    ``until`` when it has no end), department first: the three-level preset names
    both the Department of Information and Communications and, from its 2025
    merger, the Department of Science and Technology."""
    levels = {
        level
        for row in p.rows
        for level in (row.verify_level, row.decide_level, row.escalate_level)
        if level
    }
    end = p.effective_to or until
    return [
        office
        for level in ("department", "district", "commune")
        if level in levels
        for office in offices_between(LEVEL_OFFICES[level], p.effective_from, end)
    ]


def preset(key: str) -> Preset:
    """One preset by key, or :class:`NotFoundError`."""
    presets = load_presets()
    if key not in presets:
        raise NotFoundError(msg.PRESET_NOT_FOUND, key=key)
    return presets[key]
