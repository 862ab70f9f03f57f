"""Form widgets built from the registry's field catalogue, and their messages.

:func:`record_inputs` draws one widget per field of :mod:`registry.records.fields`
(labels in the session's language) and, under each, an empty slot where
:func:`show_field_errors` later puts the registry's message for that field. The
registry validates everything: numbers and coordinates are typed as text, so the
form accepts what an import file accepts (``18,6789``, ``18°40'12"N``).
:func:`submit_button` is the primary button every form of the registry ends with;
:func:`max_chars` gives a text box the limit of the column its text goes to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from registry.kernel.errors import ValidationError
from registry.kernel.text import column_limit
from registry.kernel.vocabulary import OPERATORS
from registry.records.fields import FieldSpec, fields_for
from ui.common.i18n import field_label, operator_label, t, value_label
from ui.common.labels import missing
from ui.common.messages import field_error_text

FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2100, 12, 31)
_LONG_TEXT = frozenset({"notes"})
_PLACEHOLDERS = {
    "latitude": "form.hint_latitude",
    "longitude": "form.hint_longitude",
}


@dataclass
class FormSlots:
    """Where messages go: one slot under each field, one for the whole form."""

    general: DeltaGenerator
    fields: dict[str, DeltaGenerator] = field(default_factory=dict)


def submit_button(key: str, label: str, icon: str | None = None) -> bool:
    """The primary submit button of the form ``key``; True when it was pressed."""
    return st.form_submit_button(label, type="primary", icon=icon, key=f"{key}_submit")


def max_chars(column) -> int:
    """The ``max_chars`` of a text box whose text is stored in ``column`` (a
    model's mapped attribute, e.g. ``AuditEntry.reason``): the registry's own
    limit (:func:`registry.kernel.text.column_limit`), so the box stops where the
    service would refuse."""
    return column_limit(column)


def input_text(value: object) -> str:
    """A stored value as it is typed into a text box."""
    if missing(value):
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _label(record_type: str, spec: FieldSpec) -> str:
    text = field_label(record_type, spec.name)
    return f"{text} *" if spec.required else text


def _choice(record_type, spec, key, current, fixed, kinds) -> Any:
    options = list(spec.choices)
    if spec.name == "kind" and kinds:
        options = [k for k in options if k in kinds]
    if spec.name in fixed:
        options = [fixed[spec.name]]
    value = current if current in options else None
    if value is None and (len(options) == 1 or spec.name in fixed):
        value = options[0]
    return st.selectbox(
        _label(record_type, spec),
        options,
        index=None if value is None else options.index(value),
        format_func=operator_label if spec.name == "network_code" else value_label,
        placeholder=t("form.choose"),
        disabled=spec.name in fixed,
        key=key,
    )


def _widget(record_type, spec, key, current, fixed, kinds) -> Any:
    """One field's widget; returns the value to send to the registry."""
    label = _label(record_type, spec)
    if spec.kind == "choice":
        return _choice(record_type, spec, key, current, fixed, kinds)
    if spec.kind == "networks":
        chosen = st.multiselect(
            label,
            list(OPERATORS),
            default=[c for c in str(current or "").split(",") if c in OPERATORS],
            format_func=operator_label,
            placeholder=t("form.choose"),
            key=key,
        )
        return ",".join(sorted(chosen)) or None
    if spec.kind == "date":
        return st.date_input(
            label,
            value=current if isinstance(current, date) else None,
            min_value=FIRST_DATE,
            max_value=LAST_DATE,
            format="DD/MM/YYYY",
            key=key,
        )
    if spec.kind == "time":
        return st.time_input(
            label, value=current if isinstance(current, time) else None, key=key
        )
    box = st.text_area if spec.name in _LONG_TEXT else st.text_input
    hint = _PLACEHOLDERS.get(spec.name)
    text = box(
        label,
        value=input_text(current),
        max_chars=spec.max_length,
        placeholder=t(hint) if hint else None,
        key=key,
    )
    return text.strip() or None


def record_inputs(
    record_type: str,
    *,
    key: str,
    current: dict[str, Any] | None = None,
    fixed: dict[str, Any] | None = None,
    exclude: tuple[str, ...] = (),
    kinds: tuple[str, ...] | None = None,
    columns: int = 3,
) -> tuple[dict[str, Any], FormSlots]:
    """Widgets for the fields of a record, laid out in ``columns`` columns.

    Parameters
    ----------
    record_type : {"site", "point"}
    key : str
        Prefix of the widget keys (``f"{key}_{field}"``); change it to reset.
    current : dict, optional
        Values to start from (an edit); empty widgets otherwise.
    fixed : dict, optional
        Fields whose value may not be changed (an operator's network).
    exclude : tuple of str
        Fields left out (status in an edit: it has its own form).
    kinds : tuple of str, optional
        The kinds of point offered.

    Returns
    -------
    (dict, FormSlots)
        Field name -> value for the registry, and the message slots.
    """
    current = current or {}
    fixed = fixed or {}
    slots = FormSlots(general=st.container())
    values: dict[str, Any] = {}
    specs = [s for s in fields_for(record_type) if s.name not in exclude]
    grid = st.columns(columns)
    for index, spec in enumerate(specs):
        with grid[index % columns]:
            values[spec.name] = _widget(
                record_type,
                spec,
                f"{key}_{spec.name}",
                fixed.get(spec.name, current.get(spec.name)),
                fixed,
                kinds,
            )
            slots.fields[spec.name] = st.container()
    return values, slots


def show_field_errors(
    record_type: str, error: ValidationError, slots: FormSlots
) -> None:
    """Each field error under its field; errors of no shown field at the top."""
    for problem in error.errors:
        target = slots.fields.get(problem.field, slots.general)
        target.error(field_error_text(record_type, problem), icon=":material/error:")
