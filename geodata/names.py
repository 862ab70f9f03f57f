"""Matching Vietnamese administrative-unit names as people and files write them.

Matching tries the spelling with diacritics first (:func:`spelling_key`: case, spacing,
punctuation, prefix and tone-mark placement ignored), so ``Nghi Văn`` and ``Nghi Vạn``
(two communes of Nghi Lộc) stay apart, and uses :func:`fold_name` (no diacritics at
all) only for text typed without them: a name written with diacritics never matches
a unit spelled otherwise (``Hùng Thành`` is not ``Hưng Thành``). Given a district
(``parent_name``), only its communes are candidates: ``Hồng Sơn`` of Vinh is not
``Hồng Sơn`` of Đô Lương. Several hits are reported as ambiguous, with their
candidates, unless the prefix's unit type tells them apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geodata.errors import InvalidInputError
from geodata.namekeys import (
    WORD,
    fold_name,
    has_diacritics,
    spelling_key,
    split_prefix,
    split_prefix_detail,
)

__all__ = [
    "NameMatch",
    "NameMatcher",
    "build_name_index",
    "fold_name",
    "match_unit",
    "match_unit_detailed",
    "spelling_key",
    "split_prefix",
]


def _check_units(units: object) -> pd.DataFrame:
    if not isinstance(units, pd.DataFrame):
        raise InvalidInputError("units", units, "a DataFrame of admin units")
    missing = {"code", "name"} - set(units.columns)
    if missing:
        raise InvalidInputError(
            "units",
            f"columns {list(units.columns)}",
            "a DataFrame with columns 'code' and 'name' (see load_admin_units)",
        )
    return units


def _index(units: pd.DataFrame, key) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    columns = [c for c in ("name", "short_name") if c in units.columns]
    for code, *names in zip(units["code"], *(units[c] for c in columns), strict=True):
        for text in names:
            if isinstance(text, str) and text.strip():
                codes = index.setdefault(key(text), [])
                if str(code) not in codes:
                    codes.append(str(code))
    return index


def build_name_index(units: pd.DataFrame) -> dict[str, list[str]]:
    """Map :func:`fold_name` of every unit's name and short name to unit codes.

    Parameters
    ----------
    units : pandas.DataFrame
        Admin units with columns ``code``, ``name`` and optionally ``short_name``
        (as returned by :func:`geodata.adminunits.load_admin_units`).

    Returns
    -------
    dict of str to list of str
        Folded name -> codes in the order of ``units``; a key with several codes is
        ambiguous (e.g. two ``Minh Sơn`` communes in different districts).
    """
    return _index(_check_units(units), fold_name)


@dataclass(frozen=True)
class NameMatch:
    """Outcome of matching one name.

    Attributes
    ----------
    query : str
        The name asked for.
    status : str
        ``'matched'``, ``'not_found'`` or ``'ambiguous'``.
    code : str or None
        The unit's code when matched.
    candidates : tuple of str
        Codes that fit equally well when ambiguous.
    reason : str
        A sentence saying why it did not match (empty when it did).
    problem : str
        Why it did not match, as a key: ``'empty'``, ``'unknown'`` (no unit has
        the name), ``'not_in_parent'`` (units elsewhere have it, listed in
        ``candidates``), ``'spelled_differently'`` (only its letters without
        diacritics fit, the ``candidates``) or ``'ambiguous'``; empty when matched.
    """

    query: str
    status: str
    code: str | None = None
    candidates: tuple[str, ...] = ()
    reason: str = ""
    problem: str = ""


class NameMatcher:
    """Name indexes of a set of units, built once and used for many lookups.

    Parameters
    ----------
    units : pandas.DataFrame
        Admin units: ``code``, ``name``; optionally ``short_name``, ``level``,
        ``unit_type`` and ``parent_code`` (used to disambiguate).
    """

    def __init__(self, units: pd.DataFrame) -> None:
        units = _check_units(units)
        codes = units["code"].astype(str)

        def column(name: str) -> dict[str, object]:
            if name not in units.columns:
                return {}
            return dict(zip(codes, units[name], strict=True))

        self._names = column("name")
        self._levels = column("level")
        self._types = column("unit_type")
        self._parents = column("parent_code")
        self._folded = _index(units, fold_name)
        self._spelled = _index(units, spelling_key)

    def describe(self, code: str) -> str:
        """``'17056 (Xã Nghi Văn, in Huyện Nghi Lộc)'`` style label of a unit."""
        parent = self._parents.get(code)
        inside = (
            f", in {self._names.get(parent, parent)}" if isinstance(parent, str) else ""
        )
        return f"{code} ({self._names.get(code, '?')}{inside})"

    def _lookup(
        self, name: str, pool: set[str] | None, *, fold: bool = True
    ) -> list[str]:
        """Codes in ``pool`` that ``name`` spells (or its letters, if ``fold``)."""
        unit_type, _, certain = split_prefix_detail(name)

        def hits(index: dict[str, list[str]], key: str) -> list[str]:
            return [c for c in index.get(key, []) if pool is None or c in pool]

        found = hits(self._spelled, spelling_key(name))
        if not found and fold:
            found = hits(self._folded, fold_name(name))
        if unit_type is None:
            return found
        typed = [c for c in found if self._types.get(c) == unit_type]
        if certain:
            return typed or found
        # An uncertain prefix may be part of the name: 'Xa Luong' may be 'Xá Lượng',
        # 'Quan Hoa' may be 'Quan Hóa' rather than a 'Hòa' of another type.
        whole = hits(self._spelled, spelling_key(name, strip_prefix=False))
        if not whole and fold:
            whole = hits(self._folded, fold_name(name, strip_prefix=False))
        return typed or whole or found

    def _parents_of(self, parent_name: object) -> set[str] | None:
        """Codes the parent's name may mean; None when it names no parent."""
        if not isinstance(parent_name, str) or not WORD.search(parent_name):
            return None
        parents = self.match(parent_name, level="district")
        allowed = {parents.code} if parents.code else set(parents.candidates)
        return allowed or None

    def match(
        self,
        name: str,
        *,
        parent_name: str | None = None,
        level: str | None = None,
        spelled: bool | None = None,
    ) -> NameMatch:
        """Match one name; see :func:`match_unit_detailed`.

        ``spelled`` says whether the name is written with its diacritics (True for
        every name of a file that writes names with them, even 'Nghi Hoa'); by
        default, whether it carries any.
        """
        if not isinstance(name, str) or not WORD.search(name):
            return NameMatch(
                str(name), "not_found", reason=f"empty name {name!r}", problem="empty"
            )
        pool = None
        if level is not None and self._levels:
            pool = {c for c, lv in self._levels.items() if lv == level}
        # A name written with diacritics is matched as spelled, never by its
        # letters alone: 'Hùng Thành' is not 'Hưng Thành' (of another district).
        accented = has_diacritics(name) if spelled is None else spelled
        parent_note = ""
        allowed = self._parents_of(parent_name)
        if allowed is not None:
            inside = {
                c
                for c, parent in self._parents.items()
                if parent in allowed and (pool is None or c in pool)
            }
            found = self._lookup(name, inside, fold=not accented)
            if not found:
                elsewhere = self._lookup(name, pool)
                places = "; ".join(self.describe(c) for c in elsewhere)
                return NameMatch(
                    name,
                    "not_found",
                    candidates=tuple(elsewhere),
                    reason=(
                        f"{name!r} exists but not in {parent_name!r}: {places}"
                        if elsewhere
                        else f"no unit of {parent_name!r} is named {name!r} "
                        f"(key {fold_name(name)!r})"
                    ),
                    problem="not_in_parent" if elsewhere else "unknown",
                )
        else:
            if isinstance(parent_name, str) and WORD.search(parent_name):
                parent_note = f" (district {parent_name!r} not found)"
            found = self._lookup(name, pool, fold=not accented)
            if not found:
                unlike = self._lookup(name, pool) if accented else []
                return NameMatch(
                    name,
                    "not_found",
                    candidates=tuple(unlike),
                    reason=(
                        f"no unit is spelled {name!r}; without diacritics it would "
                        "be " + "; ".join(self.describe(c) for c in unlike)
                        if unlike
                        else f"no unit is named {name!r} (key {fold_name(name)!r})"
                    )
                    + parent_note,
                    problem="spelled_differently" if unlike else "unknown",
                )
        if len(found) == 1:
            return NameMatch(name, "matched", code=found[0])
        return NameMatch(
            name,
            "ambiguous",
            candidates=tuple(found),
            reason=f"{name!r} fits {len(found)} units{parent_note}: "
            + "; ".join(self.describe(c) for c in found),
            problem="ambiguous",
        )


def match_unit_detailed(
    name: str,
    units: pd.DataFrame,
    *,
    parent_name: str | None = None,
    level: str | None = None,
) -> NameMatch:
    """Match a unit name and tell why it failed when it does.

    A name with diacritics is matched by its spelling (tone placement ignored); a
    name typed without them by its letters; then, if an uncertain prefix was
    dropped, the name with it. Among several hits, one whose type equals the
    prefix's (``Huyện`` vs ``Thị trấn``) is preferred. With ``parent_name``, only
    the units of that district are candidates; a name found only elsewhere is
    ``not_found`` with those units as ``candidates``.

    Parameters
    ----------
    name : str
        The name to find, e.g. ``'Xã Nghi Văn'`` or ``'nghi van'``.
    units : pandas.DataFrame
        Admin units (see :class:`NameMatcher`). To match many names, build a
        :class:`NameMatcher` once instead.
    parent_name : str, optional
        Name of the district that contains the unit: the unit is looked for among
        its communes only. A parent that is not found is ignored (and said so).
    level : str, optional
        Only consider units of this level (``'district'`` or ``'commune'``).

    Returns
    -------
    NameMatch
    """
    return NameMatcher(units).match(name, parent_name=parent_name, level=level)


def match_unit(
    name: str,
    units: pd.DataFrame,
    *,
    parent_name: str | None = None,
    level: str | None = None,
) -> str | None:
    """Code of the unit called ``name``, or ``None`` if none or several fit.

    Parameters
    ----------
    name, units, parent_name, level
        As for :func:`match_unit_detailed`, which also says why a match failed.

    Returns
    -------
    str or None
    """
    return match_unit_detailed(name, units, parent_name=parent_name, level=level).code
