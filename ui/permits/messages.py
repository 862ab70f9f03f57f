"""Refusals met on the permits page, laid out as lines: the refusal, then one line
per field a validation error names.

The words come from the common translator (:mod:`ui.common.messages`, by code,
through ``ui/refusals/permits.py``). This module only says whose field an error
names: a field of the application (``application.field.<name>`` in the texts), of
the proposed site or point, or a cell of the delegation matrix, named by its row's
kind and case.
"""

from __future__ import annotations

from registry.kernel.errors import FieldError, RegistryError, ValidationError
from ui.common.i18n import all_texts, t
from ui.common.markdown import literal
from ui.common.messages import error_text, expected_text, field_error_text, field_name
from ui.permits.labels import label

SUBJECT = "application"


def _subject(name: str, record_type: str) -> str:
    """'application' for the application's own fields, else the record's type."""
    return SUBJECT if f"{SUBJECT}.field.{name}" in all_texts() else record_type


def _matrix_cell_line(error: FieldError) -> str:
    """'Trạm BTS mới – Cột tự đứng: Cấp thẩm tra: cần …': a cell (or a whole row)
    of the delegation matrix, named by the labels of its row."""
    context = error.context
    row = f"{label(context['row_kind'])} – {label(context.get('row_case'))}"
    column = context.get("column")
    name = f"{row}: {field_name(SUBJECT, column)}" if column else row
    line = t("err.field", label=name, expected=expected_text(error))
    if error.value not in (None, "") and not context.get("hide_value"):
        # Levels, kinds and cases entered in the matrix are shown by their labels.
        line += " " + t("err.got", value=label(error.value) or str(error.value))
    return literal(line)


def field_line(error: FieldError, record_type: str = "site") -> str:
    """One wrong field as a sentence: 'Tài liệu ho-so.doc: cần tệp PDF, …'."""
    if error.context.get("row_kind") is not None:
        return _matrix_cell_line(error)
    return field_error_text(_subject(error.field, record_type), error)


def permit_error_lines(error: RegistryError, record_type: str = "site") -> list[str]:
    """The refusal as lines: a validation error's summary, then one line per field;
    any other refusal as one sentence (``record_type`` names the proposed record's
    fields: ``"site"`` or ``"point"``)."""
    if isinstance(error, ValidationError):
        lines = [t("pmt.err.validation", count=len(error.errors))]
        return lines + [field_line(problem, record_type) for problem in error.errors]
    if isinstance(error, FieldError):
        return [field_line(error, record_type)]
    return [error_text(error)]
