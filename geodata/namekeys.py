"""Keys for comparing Vietnamese administrative-unit names.

:func:`fold_name` ignores case, all diacritics, the letter Đ and its look-alikes,
spaces, punctuation and the unit-type prefix (``Huyện``, ``TP.``, ...).
:func:`spelling_key` ignores the same but keeps the diacritics, only normalising where
the tone mark sits (``Hoà`` = ``Hòa``). :mod:`geodata.names` matches names with them.
"""

from __future__ import annotations

import re
import unicodedata

from geodata.errors import InvalidInputError

__all__ = ["fold_name", "has_diacritics", "spelling_key", "split_prefix"]

# Ð (U+00D0, Icelandic eth) and Ɖ/ɖ (African D) look like Vietnamese Đ/đ.
_D_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ", "Ɖ": "Đ", "ɖ": "đ"})
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
WORD = re.compile(r"[^\W_]+")

# Unit-type prefixes, as (pattern on the lowercase NFC text, unit type, kind):
# - "vi": spelled with diacritics. 'Xã ' is a prefix, 'Xá' (as in Xá Lượng) is not,
#   and no real name starts with one, so they may be glued on ('HuyệnNghi Lộc').
# - "abbr": TP, TX, TT (and P., X., H., Q. with their dot), never a Vietnamese
#   syllable; a space, a dot or a capital letter must follow ('TP.Vinh', 'TPVinh').
# - "ascii": Huyen, Xa, Quan... are also real syllables without their diacritics
#   (Quan Thành, Xá Lượng), so they count only in all-ASCII text and when a space, a
#   dot or a capital letter follows. Matching then also tries the name with them.
# - "toneless": the longer prefixes with some or all of their marks lost in text
#   that has marks elsewhere ('Huyên Nghi Lộc', 'Thi xa Thái Hòa', 'Thanh pho
#   Vinh'); compared without any mark, with the same separator rule, and
#   uncertain like the ASCII ones.
_PREFIXES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), unit_type, kind)
    for pattern, unit_type, kind in (
        (r"thành\s*phố", "Thành phố", "vi"),
        (r"thị\s*trấn", "Thị trấn", "vi"),
        (r"thị\s*xã", "Thị xã", "vi"),
        (r"huyện", "Huyện", "vi"),
        (r"quận", "Quận", "vi"),
        (r"phường", "Phường", "vi"),
        (r"xã", "Xã", "vi"),
        (r"t\.?p", "Thành phố", "abbr"),
        (r"t\.?x", "Thị xã", "abbr"),
        (r"t\.?t", "Thị trấn", "abbr"),
        (r"h\.", "Huyện", "abbr"),
        (r"q\.", "Quận", "abbr"),
        (r"p\.", "Phường", "abbr"),
        (r"x\.", "Xã", "abbr"),
        (r"thanh\s+pho", "Thành phố", "ascii"),
        (r"thi\s+tran", "Thị trấn", "ascii"),
        (r"thi\s+xa", "Thị xã", "ascii"),
        (r"huyen", "Huyện", "ascii"),
        (r"quan", "Quận", "ascii"),
        (r"phuong", "Phường", "ascii"),
        (r"xa", "Xã", "ascii"),
        (r"thanh\s*pho", "Thành phố", "toneless"),
        (r"thi\s*tran", "Thị trấn", "toneless"),
        (r"thi\s*xa", "Thị xã", "toneless"),
        (r"huyen", "Huyện", "toneless"),
    )
)
_SEPARATOR = re.compile(r"[\s.]+")


def _clean(text: str) -> str:
    """NFKC, Đ look-alikes unified, whitespace collapsed; case is kept."""
    text = unicodedata.normalize("NFKC", text).translate(_D_LOOKALIKES)
    return " ".join(text.split())


def _unmarked(text: str) -> str:
    """``text`` with every letter's marks dropped and đ as d, letter for letter."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[:1] or char
        out.append("d" if char == "đ" else base if base.isascii() else char)
    return "".join(out)


def split_prefix_detail(text: str) -> tuple[str | None, str, bool]:
    """Like :func:`split_prefix`, plus whether the prefix is unmistakable.

    Returns ``(unit_type, rest, certain)``: ``certain`` is False for ASCII spellings
    (``Xa``, ``Quan``, ``Huyen``) that may be the first syllable of a real name, and
    for prefixes that lost their marks (``Huyên``, ``Thi xa``).
    """
    if not isinstance(text, str):
        raise InvalidInputError("text", text, "a str")
    cleaned = _clean(text)
    lower = cleaned.lower()
    if len(lower) != len(cleaned):  # a letter whose lowercase is longer: rare
        cleaned = lower
    unmarked = None
    for pattern, unit_type, kind in _PREFIXES:
        if kind == "ascii" and not cleaned.isascii():
            continue
        if kind == "toneless":
            if cleaned.isascii():
                continue  # the ASCII spellings were tried already
            unmarked = unmarked if unmarked is not None else _unmarked(lower)
            found = pattern.match(unmarked)
        else:
            found = pattern.match(lower)
        if not found:
            continue
        rest = cleaned[found.end() :]
        separator = _SEPARATOR.match(rest)
        if separator:
            rest = rest[separator.end() :]
        elif (
            kind != "vi" and not found.group().endswith(".") and not rest[:1].isupper()
        ):
            continue
        if WORD.search(rest):
            return unit_type, rest, kind not in ("ascii", "toneless")
    return None, cleaned, False


def split_prefix(text: str) -> tuple[str | None, str]:
    """Split a unit-type prefix off a name.

    Prefixes with diacritics (``Huyện``, ``Thị xã``, ``Xã``, ...) are recognised
    even when glued to the name (``'HuyệnNghi Lộc'``); abbreviations (``TP``,
    ``TX``, ``TT``, ``P.``) when a space, a dot or a capital letter follows
    (``'TP.Vinh'``, ``'TX Thái Hòa'``). ASCII spellings (``Huyen``, ``Xa``,
    ``Quan``, ``Thanh pho``) count only in all-ASCII text and with such a
    separator, so ``'Xá Lượng'``, ``'Quan Thành'`` and ``'Xaluong'`` keep their
    first syllable.

    Parameters
    ----------
    text : str
        A name such as ``'Thị xã Thái Hòa'``, ``'TP.Vinh'`` or ``'Xá Lượng'``.

    Returns
    -------
    (unit_type, rest) : tuple
        ``unit_type`` is the canonical type of the prefix (``'Thành phố'``,
        ``'Xã'``, ...) or ``None`` when there is none; ``rest`` is the cleaned name
        (NFKC, single spaces) without it. A prefix alone (``'Phường'``) is kept as
        the name.
    """
    unit_type, rest, _ = split_prefix_detail(text)
    return unit_type, rest


def _body(text: str, strip_prefix: bool) -> str:
    if not isinstance(text, str):
        raise InvalidInputError("text", text, "a str")
    body = split_prefix_detail(text)[1] if strip_prefix else _clean(text)
    return body.lower()


def fold_name(text: str, *, strip_prefix: bool = True) -> str:
    """Key of a name that ignores case, diacritics, Đ, spacing, punctuation, prefix.

    Parameters
    ----------
    text : str
        A unit name as written anywhere (``'Huyện Nghi Lộc'``, ``'TP.Vinh'``,
        ``'Ðô Lương'``, ``'Thị xã  Thái Hoà'``).
    strip_prefix : bool, default True
        Drop a leading unit-type prefix (see :func:`split_prefix`).

    Returns
    -------
    str
        Lowercase ASCII letters and digits, e.g. ``'nghiloc'``; numbers are kept
        (``'Phường 1'`` -> ``'1'``).
    """
    body = unicodedata.normalize("NFD", _body(text, strip_prefix).replace("đ", "d"))
    body = "".join(c for c in body if not unicodedata.combining(c))
    return "".join(WORD.findall(body))


def has_diacritics(text: str) -> bool:
    """Tell whether a name (its prefix left out) carries vowel marks or tones.

    ``Đ`` alone does not count: ``'Đo Luong'`` is typed without diacritics.

    Parameters
    ----------
    text : str

    Returns
    -------
    bool
    """
    body = unicodedata.normalize("NFD", _body(text, True))
    return any(unicodedata.combining(c) for c in body)


def _syllable_key(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = sorted({c for c in decomposed if c in _TONE_MARKS})
    base = "".join(c for c in decomposed if c not in _TONE_MARKS)
    # The tone goes after the recomposed base, so its placement no longer matters.
    return unicodedata.normalize("NFC", base) + "".join(tones)


def spelling_key(text: str, *, strip_prefix: bool = True) -> str:
    """Key of a name that keeps diacritics but ignores where the tone mark sits.

    ``'Thị xã Thái Hoà'`` and ``'thái hòa'`` share a key; ``'Thái Hoa'`` does not.
    Case, Đ look-alikes, spacing, punctuation and the prefix are ignored as in
    :func:`fold_name`.

    Parameters
    ----------
    text : str
        A unit name.
    strip_prefix : bool, default True
        Drop a leading unit-type prefix.

    Returns
    -------
    str
    """
    return "".join(_syllable_key(w) for w in WORD.findall(_body(text, strip_prefix)))
