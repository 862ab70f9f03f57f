"""Flags for records whose declared commune is not where their coordinates fall."""

from __future__ import annotations

from geodata.editions import EDITIONS
from geodata.names import NameMatcher
from registry.kernel.db import Registry
from registry.units.divisions import Assignment, units_frame


def _matchers(registry: Registry) -> dict[str, tuple[NameMatcher, dict[str, str]]]:
    """Commune name matchers per edition, built once per registry (units are fixed)."""
    cache = registry.__dict__.setdefault("_commune_matchers", {})
    if not cache:
        with registry.reading() as session:
            for edition in EDITIONS:
                communes = units_frame(session, edition, "commune")
                names = dict(zip(communes["code"], communes["name"], strict=True))
                cache[edition] = (NameMatcher(communes), names)
    return cache


def _candidates(matcher: NameMatcher, text: str) -> set[str]:
    """Codes a declared name may mean: one, several namesakes, or none."""
    found = matcher.match(text)
    if found.code:
        return {found.code}
    return set(found.candidates)


def location_flags(
    registry: Registry, declared: list[str | None], where: Assignment
) -> list[str | None]:
    """One flag text (or None) per record.

    A declared commune is looked up by name in every edition (ignoring case,
    diacritics and prefixes; a name several communes share stands for each of
    them). The record is flagged when the coordinates fall in none of the communes
    the name may mean, or when no edition knows the name.
    Nothing is changed: the flag only asks a person to check.
    """
    matchers = _matchers(registry)
    resolved: dict[str, dict[str, set[str]]] = {
        text: {e: _candidates(m, text) for e, (m, _) in matchers.items()}
        for text in {d for d in declared if isinstance(d, str) and d}
    }
    flags: list[str | None] = []
    for index, text in enumerate(declared):
        if not isinstance(text, str) or not text:
            flags.append(None)
            continue
        matches = {e: codes for e, codes in resolved[text].items() if codes}
        if not matches:
            flags.append(f"Xã/phường kê khai '{text}' không có trong danh mục")
            continue
        if any(where.communes[e][index] in codes for e, codes in matches.items()):
            flags.append(None)
            continue
        edition = next(iter(matches))
        actual = where.communes[edition][index]
        actual_name = matchers[edition][1].get(actual, "ngoài mọi xã")
        flags.append(
            f"Kê khai '{text}' nhưng toạ độ nằm ở {actual_name} (bản {edition})"
        )
    return flags
