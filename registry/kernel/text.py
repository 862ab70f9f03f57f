"""Text as people type it: NFC, no control characters, keys that ignore case and
diacritics (Hòa = Hoà), for cells, names and choices alike."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from registry.kernel import messages as msg
from registry.kernel.errors import FieldError, ValidationError

# Control characters (C0, DEL, C1) and invisible characters that sneak in from
# copy-paste; tab and line breaks inside a cell become one space.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff]")
BREAKS = re.compile(r"[\t\r\n]+")
SPECIAL = re.compile(BREAKS.pattern + "|" + CONTROL.pattern)


def clean_text(value: str) -> str:
    """NFC, tab/line breaks as one space, control characters removed, stripped."""
    value = BREAKS.sub(" ", value)
    return CONTROL.sub("", unicodedata.normalize("NFC", value)).strip()


def clean_column(values: pd.Series, *, normalised: bool = False) -> pd.Series:
    """:func:`clean_text` for a whole column, vectorised ('' for missing cells).

    ``normalised=True`` says the cells are NFC and free of control characters
    already (the whole text of a CSV file is cleaned before it is split).
    """
    text = values.astype("str").fillna("")
    special = BREAKS.pattern if normalised else SPECIAL.pattern
    if text.str.contains(special, regex=True).any():
        text = text.str.replace(BREAKS.pattern, " ", regex=True)
        if not normalised:
            text = text.str.replace(CONTROL.pattern, "", regex=True)
    if not normalised and not text.str.isascii().all():
        text = text.str.normalize("NFC")
    return text.str.strip()


def match_key(text: str) -> str:
    """Matching key of a header or a choice: no case, diacritics, spaces or signs.

    ``"Vĩ độ"``, ``"vi_do"`` and ``"VI DO"`` all give ``"vido"``; ``"Hòa"`` and
    ``"Hoà"`` give the same key whatever the placement of the tone mark.
    """
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "", letters.casefold())


# -- free text at the boundary ---------------------------------------------------

# What a stored text may never hold: C0 (line breaks and tab only where the field
# holds paragraphs), DEL, C1, and the bidirectional overrides and isolates that
# make a name display as something else (U+202A-U+202E, U+2066-U+2069).
_FORBIDDEN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORBIDDEN_PARAGRAPH = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
# The limit of a TEXT column that declares none (``info={"max_chars": ...}``):
# both databases would store any length, the product keeps one.
LONG_TEXT = 4000
# Columns this long (and TEXT columns) hold paragraphs: notes, reasons, findings.
PARAGRAPH_FROM = 400


def column_of(attribute):
    """The :class:`sqlalchemy.Column` behind a mapped attribute (``Site.name``)."""
    return attribute.property.columns[0]


def column_limit(attribute) -> int:
    """The most characters a mapped text column holds: its declared VARCHAR length,
    else its ``info["max_chars"]``, else :data:`LONG_TEXT` (TEXT columns).

    The model is the one source of the limit, so SQLite (which would store any
    length) and PostgreSQL (which would refuse with a driver error) agree.
    """
    column = column_of(attribute)
    length = getattr(column.type, "length", None)
    return int(length or column.info.get("max_chars") or LONG_TEXT)


def holds_paragraphs(attribute) -> bool:
    """Whether a text column takes line breaks and tabs (TEXT, or 400+ characters)."""
    column = column_of(attribute)
    length = getattr(column.type, "length", None)
    return length is None or length >= PARAGRAPH_FROM


def forbidden_pattern(paragraphs: bool) -> re.Pattern:
    """The characters a text may not hold (see :func:`text_problem`)."""
    return _FORBIDDEN_PARAGRAPH if paragraphs else _FORBIDDEN_LINE


def text_problem(text: str, limit: int, *, paragraphs: bool):
    """What is wrong with a text, as an :class:`~registry.kernel.errors.Expected`
    (a control or direction-override character, more than ``limit`` characters),
    or None when it may be stored."""
    bad = forbidden_pattern(paragraphs).search(text)
    if bad:
        return msg.TEXT_CONTROL(
            character=f"U+{ord(bad.group()):04X}", at=bad.start() + 1
        )
    if len(text) > limit:
        return msg.TEXT_TOO_LONG(limit=limit, length=len(text))
    return None


def checked_text(
    field: str, value: object, attribute, *, required: bool = False, missing=None
) -> str | None:
    """Free text typed by a user, as the column ``attribute`` stores it.

    NFC and stripped; None when empty (a :class:`FieldError` with ``missing``, or
    the kernel's "required" message, when ``required``). Refused with a
    :class:`FieldError` naming ``field`` when it holds a control or
    direction-override character or is longer than the column (its declared
    length, :func:`column_limit`), before the database sees it. Every service
    that takes free text calls this.
    """
    text = "" if value is None else unicodedata.normalize("NFC", str(value)).strip()
    if not text:
        if required:
            raise FieldError(
                field, value, missing or msg.TEXT_REQUIRED, hide_value=True
            )
        return None
    problem = text_problem(
        text, column_limit(attribute), paragraphs=holds_paragraphs(attribute)
    )
    if problem is not None:
        # The value is not echoed: it is long or holds invisible characters.
        raise FieldError(field, value, problem, hide_value=True)
    return text


def column_problems(
    texts: pd.Series, limit: int, *, paragraphs: bool
) -> dict[int, object]:
    """:func:`text_problem` for a whole column of cleaned texts, vectorised:
    position -> what the cell expected, for the cells that may not be stored."""
    suspect = texts.str.contains(forbidden_pattern(paragraphs).pattern, regex=True)
    suspect |= texts.str.len() > limit
    return {
        int(position): text_problem(texts.iat[position], limit, paragraphs=paragraphs)
        for position in np.flatnonzero(suspect.fillna(False).to_numpy(dtype=bool))
    }


def validated_text(
    field: str, value: object, attribute, *, required: bool = False, missing=None
) -> str | None:
    """:func:`checked_text` for the use cases that refuse with a
    :class:`~registry.kernel.errors.ValidationError` (a list of field errors)."""
    try:
        return checked_text(field, value, attribute, required=required, missing=missing)
    except FieldError as error:
        raise ValidationError([error]) from None
