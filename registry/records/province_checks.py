"""Validation of records against the field catalogue and the province's territory.

Forms and imports go through the same validator (``registry.records.validation``), so a
value refused in a file is refused in a form with the same message.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from geodata.territory import Territory, territory_of
from registry.kernel.db import Registry
from registry.kernel.errors import FieldError, ValidationError
from registry.kernel.text import checked_text
from registry.records import messages as msg
from registry.records.fields import fields_for
from registry.records.rows import field_names, python_value, to_text
from registry.records.validation import ValidatedRows, validate_rows
from registry.units.divisions import province, province_outline


def territory(registry: Registry) -> Territory:
    """The province's name, bounding box and outline (see
    :class:`geodata.territory.Territory`: ``inside(lat, lon)`` tells which points
    lie in it, ``near(lat, lon, margin)`` which lie within a margin of it)."""
    info = province(registry)
    return territory_of(info.name, info.bounds, province_outline(registry))


def validate_frame(
    registry: Registry, frame: pd.DataFrame, record_type: str
) -> ValidatedRows:
    """Validate a frame of text cells (one row per record) for this province."""
    land = territory(registry)
    return validate_rows(
        frame,
        record_type,
        bounds=land.bounds,
        inside=land.inside,
        province_name=land.name,
    )


def _typed_text_errors(record_type: str, values: dict[str, Any]) -> list[FieldError]:
    """Free text typed into one record with a control or direction-override
    character: refused as typed (a file's cells are cleaned of the invisible ones
    instead, see :mod:`registry.files.readers`)."""
    errors = []
    for spec in fields_for(record_type):
        value = values.get(spec.name)
        if spec.kind == "text" and isinstance(value, str):
            try:
                checked_text(spec.name, value, spec.column)
            except FieldError as error:
                errors.append(error)
    return errors


def validate_values(
    registry: Registry, record_type: str, values: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """Validate one record given as field → value (text or typed).

    Returns the typed values and the warnings; raises :class:`ValidationError`
    naming every wrong field.
    """
    names = field_names(record_type)
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise ValidationError(
            [FieldError(name, values[name], msg.UNKNOWN_FIELD) for name in unknown]
        )
    typed_text = _typed_text_errors(record_type, values)
    if typed_text:
        raise ValidationError(typed_text)
    row = {name: to_text(values.get(name)) for name in names}
    result = validate_frame(registry, pd.DataFrame([row], dtype=object), record_type)
    if result.errors:
        raise ValidationError([p.as_field_error(with_row=False) for p in result.errors])
    typed = {
        name: python_value(result.records.iloc[0][name])
        for name in names
        if name in result.records.columns
    }
    return typed, [w.as_field_error(with_row=False) for w in result.warnings]
