"""Languages of the interface: Vietnamese by default, English on request.

Texts live in the TOML files of :mod:`ui.texts` (``ui/texts/<concern>.toml``);
labels of fields and of enumerated values (statuses, kinds, structures, roles) come
from :mod:`registry.records.fields` and :mod:`registry.kernel.vocabulary`, so they
are declared once for pages, imports and exports.

Usage on a page::

    from ui.common.i18n import t
    st.title(t("reg.title"))
    st.caption(t("reg.count", count=12))
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources

import streamlit as st

from registry.kernel.clock import today
from registry.kernel.numbers import vi_number
from registry.kernel.vocabulary import OPERATORS, Role, label
from registry.records.fields import fields_for
from registry.units.offices import department_name

LANGUAGES = ("vi", "en")
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"
LANGUAGE_KEY = "lang"  # st.session_state key holding "vi" or "en"


@functools.cache
def texts_by_module() -> dict[str, dict[str, tuple[str, str]]]:
    """The texts of every ``ui/texts/<concern>.toml``, by concern (the file's stem).

    Each file maps a key to ``[Vietnamese, English]``; a key written twice in one
    file is refused by the TOML reader, in two files by :func:`merge_texts`.
    """
    found = {}
    files = (
        f for f in resources.files("ui.texts").iterdir() if f.name.endswith(".toml")
    )
    for file in sorted(files, key=lambda f: f.name):
        concern = file.name.removesuffix(".toml")
        declared = tomllib.loads(file.read_text(encoding="utf-8"))
        found[concern] = {
            key: _pair(concern, key, pair) for key, pair in declared.items()
        }
    return found


def _pair(concern: str, key: str, pair: object) -> tuple[str, str]:
    """``[Vietnamese, English]`` of one key as a tuple; anything else is an error."""
    if not (
        isinstance(pair, list)
        and len(pair) == 2
        and all(isinstance(p, str) for p in pair)
    ):
        raise ValueError(
            f"text key {key!r} in ui/texts/{concern}.toml should be "
            f"[Vietnamese, English], got {pair!r}"
        )
    return pair[0], pair[1]


def merge_texts(
    modules: dict[str, dict[str, tuple[str, str]]],
) -> dict[str, tuple[str, str]]:
    """The texts of several concerns merged; a key defined twice is an error."""
    merged: dict[str, tuple[str, str]] = {}
    origin: dict[str, str] = {}
    for module, texts in modules.items():
        for key, pair in texts.items():
            if key in merged:
                raise ValueError(
                    f"text key {key!r} is defined in ui/texts/{origin[key]}.toml and "
                    f"ui/texts/{module}.toml"
                )
            merged[key] = pair
            origin[key] = module
    return merged


@functools.cache
def all_texts() -> dict[str, tuple[str, str]]:
    """Every text of every file of :mod:`ui.texts`, merged."""
    return merge_texts(texts_by_module())


def language() -> str:
    """The language of the current session: ``"vi"`` (default) or ``"en"``."""
    try:
        chosen = st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    except Exception:  # outside a Streamlit session (plain scripts, unit tests)
        chosen = DEFAULT_LANGUAGE
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def set_language(code: str) -> None:
    """Switch the session to ``"vi"`` or ``"en"``."""
    if code not in LANGUAGES:
        raise ValueError(f"'code' should be one of {LANGUAGES}, got {code!r}")
    st.session_state[LANGUAGE_KEY] = code


def text_in(key: str, lang: str, /, **fmt: object) -> str:
    """The text of ``key`` in ``lang``, formatted with ``fmt`` (``str.format``)."""
    vi, en = all_texts()[key]
    text = en if lang == "en" else vi
    return text.format(**fmt) if fmt else text


def t(key: str, /, **fmt: object) -> str:
    """The text of ``key`` in the session's language, formatted with ``fmt``.

    An unknown key raises ``KeyError`` (tests then name it).
    """
    return text_in(key, language(), **fmt)


def number(value: float, decimals: int = 0) -> str:
    """A number as the session's language writes it: 12.345,6 (vi), 12,345.6 (en)."""
    if language() == "en":
        return f"{value:,.{decimals}f}"
    return vi_number(value, decimals)


def value_label(value: object) -> str:
    """Label of an enumerated value (status, kind, structure, role, source)."""
    if value is None or value != value:  # None or NaN
        return ""
    if str(value) == Role.DEPARTMENT and language() == "vi":
        # The department's name changed in 2025: the office in force today.
        return department_name(today()) or label(str(value), "vi")
    return label(str(value), language())


def operator_label(code: object) -> str:
    """'04 – Viettel' for a network code; the code itself when unknown."""
    if not isinstance(code, str) or not code:
        return ""
    operator = OPERATORS.get(code)
    return f"{code} – {operator.name}" if operator else code


def operator_name(code: object) -> str:
    """'Viettel' for '04'; the code itself when unknown."""
    if not isinstance(code, str) or not code:
        return ""
    operator = OPERATORS.get(code)
    return operator.name if operator else code


def field_label(record_type: str, name: str) -> str:
    """Label of a field of ``"site"`` or ``"point"`` records, or of a known column.

    Columns that are not entered fields (``id``, unit names, flags) have their
    texts in ``ui/texts/columns.toml`` under ``col.<name>``.
    """
    for spec in fields_for(record_type):
        if spec.name == name:
            return spec.label(language())
    key = f"col.{name}"
    if key in all_texts():
        return t(key)
    return name


def any_field_label(name: str) -> str:
    """Label of a field of sites or of points (whichever has it), or a column's."""
    for record_type in ("site", "point"):
        if any(spec.name == name for spec in fields_for(record_type)):
            return field_label(record_type, name)
    return field_label("site", name)
