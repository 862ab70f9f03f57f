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
from datetime import date, time
from importlib import resources
from numbers import Integral

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


# Placeholders that always hold a quantity: a whole number given for one of them
# is written the language's way ("5.000 bản ghi"), so no caller can forget it.
# Ids, years, versions and row positions are not quantities and stay as they are.
QUANTITIES = frozenset(
    {
        "count",
        "rows",
        "total",
        "stored",
        "flagged",
        "errors",
        "sites",
        "points",
        "records",
        "candidates",
        "people",
        "days",
        "shown",
        "matched",
        "moved",
        "lost",
        "left",
        "outside",
        "made",
        "features",
        "users",
        "units",
        "filed",
        "by_name",
        "by_code",
        "approximate",
        "kb",
        "distance",
    }
)


def _quantity(value: object, lang: str) -> object:
    if isinstance(value, Integral) and not isinstance(value, bool):
        value = int(value)
        return f"{value:,}" if lang == "en" else vi_number(value)
    return value


_CHOICES = (str, int, float, date, time)


def _a_choice(value: object) -> bool:
    if isinstance(value, list | tuple):
        return bool(value) and all(_a_choice(v) for v in value)
    return isinstance(value, _CHOICES) and not isinstance(value, bool)


def relabel_widgets() -> None:
    """After a language switch (in its callback): show each widget's choice with
    the new language's label.

    Streamlit's browser side keeps the label of a select box's or radio's choice
    ("Tất cả") until the server sends a new value, which it does only when the
    value changed: writing each choice back marks it changed, so the new label
    ("All") is sent. Only plain choices are written back: buttons (bool),
    uploaders and cameras (files, or None) refuse writes, and None may be a
    cleared choice.
    """
    for key, value in list(st.session_state.items()):
        # "_" keys are the shell's own (the language switch itself).
        if not str(key).startswith("_") and _a_choice(value):
            st.session_state[key] = value


def text_in(key: str, lang: str, /, **fmt: object) -> str:
    """The text of ``key`` in ``lang``, formatted with ``fmt`` (``str.format``);
    whole numbers for the :data:`QUANTITIES` placeholders are written 5.000
    (Vietnamese) or 5,000 (English)."""
    vi, en = all_texts()[key]
    text = en if lang == "en" else vi
    if not fmt:
        return text
    shown = {
        name: _quantity(value, lang) if name in QUANTITIES else value
        for name, value in fmt.items()
    }
    return text.format(**shown)


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
