"""Tables that turn the registry's English messages into the session's language.

A table is a tuple of (compiled pattern, builder): the first pattern matching the
whole message gives the translation, built from the pattern's named groups.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MessageTable = tuple[tuple[re.Pattern, Callable[[dict], str]], ...]


def message_table(*pairs: tuple[str, Callable[[dict], str]]) -> MessageTable:
    """A table from (regular expression, builder) pairs, in matching order."""
    return tuple((re.compile(pattern, re.DOTALL), build) for pattern, build in pairs)


def translate_message(text: str, table: MessageTable) -> str | None:
    """The translation of ``text`` by the first matching entry, or None."""
    for pattern, build in table:
        found = pattern.fullmatch(text.strip())
        if found:
            return build(found.groupdict())
    return None
