"""Errors raised by the spatial layer.

Every error derives from :class:`GeodataError`, so callers (pages, services) can catch
one class and show its message. Each subclass keeps the values that caused it as
attributes, so a caller can build its own message or log them.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike

__all__ = [
    "BoundaryFileError",
    "GeodataError",
    "InvalidInputError",
    "UnknownEditionError",
    "UnknownProvinceError",
]


class GeodataError(Exception):
    """Root of every error raised by :mod:`geodata`."""


def _listing(values: Iterable[str], limit: int = 40) -> str:
    values = list(values)
    shown = ", ".join(values[:limit])
    if len(values) > limit:
        shown += f", ... ({len(values)} in all)"
    return shown


class UnknownProvinceError(GeodataError):
    """A province code that the admin-unit data does not know.

    Parameters
    ----------
    province_code
        The code that was asked for.
    edition
        The division edition it was looked up in, if any.
    known
        The codes that exist (in that edition), shown in the message.
    """

    def __init__(
        self,
        province_code: object,
        *,
        edition: str | None = None,
        known: Iterable[str] = (),
    ) -> None:
        self.province_code = province_code
        self.edition = edition
        self.known = tuple(known)
        where = f" in edition {edition!r}" if edition else ""
        message = f"Unknown province code {province_code!r}{where}."
        if self.known:
            message += f" Known codes: {_listing(self.known)}."
        super().__init__(message)


class UnknownEditionError(GeodataError):
    """A division edition key that is not defined in :mod:`geodata.editions`."""

    def __init__(self, edition: object, *, known: Iterable[str] = ()) -> None:
        self.edition = edition
        self.known = tuple(known)
        message = f"Unknown division edition {edition!r}."
        if self.known:
            message += f" Known editions: {_listing(self.known)}."
        super().__init__(message)


class BoundaryFileError(GeodataError):
    """A boundary file that cannot be used: unreadable, malformed, no CRS, no polygons.

    Parameters
    ----------
    path
        The file (as given by the caller).
    reason
        What is wrong with it and, where possible, what to do about it.
    """

    def __init__(self, path: str | PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"Boundary file '{self.path}': {reason}")


class InvalidInputError(GeodataError):
    """A function argument of the wrong type or value.

    Parameters
    ----------
    parameter
        The parameter's name.
    got
        What was passed (its ``repr`` is shortened in the message).
    expected
        What the parameter should be, in words.
    """

    def __init__(self, parameter: str, got: object, expected: str) -> None:
        self.parameter = parameter
        self.got = got
        self.expected = expected
        shown = repr(got)
        if len(shown) > 120:
            shown = shown[:117] + "..."
        super().__init__(
            f"'{parameter}' should be {expected}, got {shown} "
            f"(of type {type(got).__name__})"
        )
