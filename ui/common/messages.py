"""The registry's refusals in the session's language, translated by their code.

A refusal carries a code and its context (:mod:`registry.kernel.errors`,
:mod:`geodata.errors`). English is the registry's own text. Vietnamese comes from
one table, code -> template, merged from the modules of :mod:`ui.refusals` (one per
concern); a template is a :meth:`str.format` string over the context, or a function
of the context for the few that need more. Context values are written the
Vietnamese way by their kind: dates as 31/03/2026, decimals with a comma,
enumerated values (statuses, roles, kinds) by their labels, lists joined, nested
refusals translated in turn. ``tests/ui/test_messages.py`` fails when a code has no
Vietnamese text or when a text shows an internal name.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from geodata.errors import GeodataError
from registry.kernel.errors import (
    FieldError,
    ImportFileError,
    PermissionDeniedError,
    RegistryError,
    ValidationError,
)
from ui.common.i18n import all_texts, field_label, language, t, value_label
from ui.common.markdown import literal

Template = str | Callable[[dict[str, Any]], str]
# Context keys whose values are enumerated values of the vocabulary (their labels
# are shown, never the stored value).
LABELLED_KEYS = frozenset(
    {
        "status",
        "current",
        "new",
        "allowed",
        "role",
        "kind",
        "kinds",
        "structure",
        "source",
        "level",
    }
)


@functools.cache
def vietnamese_table() -> dict[str, Template]:
    """Code -> Vietnamese template, from every module of :mod:`ui.refusals`."""
    package = importlib.import_module("ui.refusals")
    merged: dict[str, Template] = {}
    origin: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"ui.refusals.{info.name}")
        for code, template in module.VIETNAMESE.items():
            if code in merged:
                raise ValueError(
                    f"refusal {code!r} is translated in ui.refusals.{origin[code]} "
                    f"and ui.refusals.{info.name}"
                )
            merged[code] = template
            origin[code] = info.name
    return merged


def vi_value(key: str, value: Any) -> str:
    """One context value as a Vietnamese text shows it."""
    if isinstance(value, RegistryError | GeodataError):
        return refusal_text(value)
    if value is None:
        return ""
    if isinstance(value, str):
        return value_label(value) if key in LABELLED_KEYS else value
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        # Coordinates and limits as typed, with the decimal comma (no grouping).
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    if isinstance(value, Iterable) and not isinstance(value, Mapping | bytes):
        return ", ".join(vi_value(key, item) for item in value)
    return str(value)


def vietnamese(code: str, context: Mapping[str, Any]) -> str | None:
    """The Vietnamese text of a code with its context, or None when there is none."""
    template = vietnamese_table().get(code)
    if template is None:
        return None
    values = {key: vi_value(key, value) for key, value in context.items()}
    if callable(template):
        return template({**context, "_vi": values})
    return template.format(**values)


def refusal_text(error: RegistryError | GeodataError) -> str:
    """The refusal's own text (the reason, or what a field expected) in the
    session's language; the registry's English when no translation exists."""
    if language() == "en":
        return _english_core(error)
    return vietnamese(error.code, error.context) or _english_core(error)


def _english_core(error: RegistryError | GeodataError) -> str:
    if isinstance(error, RegistryError):
        return error.message.text(error.context)
    return str(error)


def expected_text(problem: Any) -> str:
    """What a field or a cell expected (a :class:`FieldError` or an import
    file's row problem), in the session's language."""
    if language() == "en":
        return problem.expected
    return vietnamese(problem.code, problem.context) or problem.expected


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def field_name(
    subject: str, name: str, context: Mapping[str, Any] | None = None
) -> str:
    """The label of a field named in a refusal: a field of a site or point, or
    of another subject (``<subject>.field.<name>`` in the texts).

    A field of one entry of a list is named ``<name>:<entry>`` (the result of one
    checklist item, ``result:game.sign``) and takes the label of ``<name>``; a
    label may show values of the refusal's context (``Tiêu chí {position}``).
    """
    if subject in ("site", "point"):
        return field_label(subject, name)
    key = f"{subject}.field.{name.partition(':')[0]}"
    if key not in all_texts():
        return field_label("site", name)
    return t(key).format_map(_Blank(context or {})).strip()


def field_error_text(subject: str, error: FieldError) -> str:
    """'Vĩ độ: cần một vị trí trong tỉnh Nghệ An. (Đã nhập: 10,77)', as markdown
    that shows the typed value literally (:func:`ui.common.markdown.literal`)."""
    return literal(_field_error_sentence(subject, error))


def _field_error_sentence(subject: str, error: FieldError) -> str:
    label = field_name(subject, error.field, error.context)
    if error.row is not None and subject not in ("site", "point"):
        label = f"{label} ({error.row})"
    message = t("err.field", label=label, expected=expected_text(error))
    shown = "" if error.value in (None, "") else str(error.value)
    if shown and shown != "***" and not error.context.get("hide_value"):
        message += " " + t("err.got", value=shown)
    return message


def error_text(error: RegistryError | GeodataError, subject: str = "site") -> str:
    """A refusal as a sentence in the session's language, as markdown that shows
    it literally (it quotes names and values users typed): for ``st.error`` and
    the other markdown elements.

    ``subject`` names whose fields a field error speaks of (``"site"``,
    ``"point"``, ``"inspection"``, ``"application"`` …).
    """
    return literal(_sentence(error, subject))


def _sentence(error: RegistryError | GeodataError, subject: str) -> str:
    if language() == "en":
        return str(error)
    if isinstance(error, ValidationError):
        return t("err.validation", count=len(error.errors))
    if isinstance(error, FieldError):
        return _field_error_sentence(subject, error)
    reason = refusal_text(error)
    if isinstance(error, PermissionDeniedError):
        return t("err.permission") + f" ({reason})."
    if isinstance(error, ImportFileError):
        return t("err.import_file", file=error.path, reason=reason)
    return reason
