"""Text as people type it: NFC, no control characters, keys that ignore case and
diacritics (Hòa = Hoà), for cells, names and choices alike."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

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
