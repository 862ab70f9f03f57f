"""Errors raised by the spatial layer.

Every error derives from :class:`GeodataError`, so callers (pages, services) can catch
one class. Each error carries a stable ``code`` and its ``context`` as data (the
values that caused it), and its English text is written from them by the template
of :data:`MESSAGES`; an interface translates the code, never the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from typing import Any

__all__ = [
    "GIVE_CRS",
    "MESSAGES",
    "BoundaryFileError",
    "GeodataError",
    "InvalidInputError",
    "UnknownEditionError",
    "UnknownProvinceError",
]

GIVE_CRS = "give its CRS"
"""How the boundary refusals ask for a CRS; a command line rewrites it with its
option (``--crs EPSG:3405``)."""
_PASS_CRS = (
    GIVE_CRS + ", e.g. EPSG:3405 for VN-2000 / UTM 48N or EPSG:32648 for "
    "WGS 84 / UTM 48N"
)

# code -> English template (str.format over the error's context)
MESSAGES: dict[str, str] = {
    "geodata.unknown_province": (
        "Unknown province code {province_code!r}{where}.{known}"
    ),
    "geodata.unknown_edition": "Unknown division edition {edition!r}.{known}",
    "geodata.invalid_input": "'{parameter}' should be {expected}, got {shown} "
    "(of type {type_name})",
    "geodata.package_missing": "The '{package}' package is not installed; it provides "
    "the admin units.",
    "geodata.package_no_data": "'{package}' has no data/dataset.db under {folder}.",
    "geodata.package_bounds": "Malformed bounds {text!r} in '{package}' data",
    "geodata.crosswalk_province": "The crosswalk of '{package}' does not say which "
    "2025-07 province the legacy province {code} ({key}) became.",
    "geodata.assets_package": "The map assets need the Python package '{package}' "
    "(pip install -r requirements.txt).",
    "geodata.map_script_missing": "Our map script {path} is missing: {detail}",
    # Boundary files: the reason that follows "Boundary file '<path>': "
    "geodata.boundary.not_zip": "is not a readable zip file: {detail}",
    "geodata.boundary.zip_too_large": "unpacks to {unpacked_mb} MB, more than the "
    "{limit_mb} MB a boundary file may take",
    "geodata.boundary.zip_without_shapefile": "holds no Shapefile (.shp); it holds "
    "{listed}",
    "geodata.boundary.no_such_layer": "has no layer {layer!r}; it has {described}",
    "geodata.boundary.no_layer": "holds {what}",
    "geodata.boundary.no_polygon_layer": "has no polygon layer; its layers: "
    "{described}",
    "geodata.boundary.no_crs": "declares no CRS and its coordinates ({shown}) are "
    "not degrees within Vietnam; " + _PASS_CRS,
    "geodata.boundary.not_degrees": "declares the geographic CRS {crs} but its "
    "coordinates ({shown}) are not degrees; " + _PASS_CRS,
    "geodata.boundary.no_polygons": "has no polygon geometries (found {found})",
    "geodata.boundary.no_such_file": "no such file",
    "geodata.boundary.unreadable": "cannot be read as vector data: {detail}",
    "geodata.boundary.malformed": "is malformed: {detail}",
    "geodata.boundary.no_features": "layer {layer!r} has no features",
    "geodata.boundary.cannot_reproject": "cannot reproject from {crs}: {detail}",
    "geodata.boundary.swapped_axes": "its longitude and latitude are swapped: x "
    "runs {min_x:.4f}..{max_x:.4f} and y {min_y:.4f}..{max_y:.4f}, which are "
    "latitudes and longitudes of Vietnam in that order; write longitude as x and "
    "latitude as y",
    "geodata.boundary.outside_vietnam": "its features lie outside Vietnam once read "
    "as {crs} (lon {min_lon:.4f}..{max_lon:.4f}, lat {min_lat:.4f}..{max_lat:.4f}); "
    "check the CRS or " + _PASS_CRS,
}


class GeodataError(Exception):
    """Root of every error raised by :mod:`geodata`.

    Parameters
    ----------
    code
        A key of :data:`MESSAGES`.
    **context
        The values the template names (and any the interface may want).
    """

    def __init__(self, code: str, /, **context: Any) -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown geodata error code {code!r}")
        self.code = code
        self.context = context
        super().__init__(self._english())

    def _english(self) -> str:
        return MESSAGES[self.code].format(**self.context)


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
        super().__init__(
            "geodata.unknown_province",
            province_code=province_code,
            edition=edition,
            where=f" in edition {edition!r}" if edition else "",
            known=f" Known codes: {_listing(self.known)}." if self.known else "",
        )


class UnknownEditionError(GeodataError):
    """A division edition key that is not defined in :mod:`geodata.editions`."""

    def __init__(self, edition: object, *, known: Iterable[str] = ()) -> None:
        self.edition = edition
        self.known = tuple(known)
        super().__init__(
            "geodata.unknown_edition",
            edition=edition,
            known=f" Known editions: {_listing(self.known)}." if self.known else "",
        )


class BoundaryFileError(GeodataError):
    """A boundary file that cannot be used: unreadable, malformed, no CRS, no polygons.

    Parameters
    ----------
    path
        The file (as given by the caller).
    code
        What is wrong with it: a ``geodata.boundary.*`` key of :data:`MESSAGES`.
    **context
        The values its template names.
    """

    def __init__(self, path: str | PathLike[str], code: str, /, **context) -> None:
        self.path = str(path)
        super().__init__(code, path=self.path, **context)

    @property
    def reason(self) -> str:
        """What is wrong with the file, in English."""
        return MESSAGES[self.code].format(**self.context)

    def _english(self) -> str:
        return f"Boundary file '{self.path}': {self.reason}"


class InvalidInputError(GeodataError):
    """A function argument of the wrong type or value (a caller's mistake).

    Parameters
    ----------
    parameter
        The parameter's name.
    got
        What was passed (its ``repr`` is shortened in the message).
    expected
        What the parameter should be, in words (for the programmer reading it).
    """

    def __init__(self, parameter: str, got: object, expected: str) -> None:
        self.parameter = parameter
        self.got = got
        self.expected = expected
        shown = repr(got)
        if len(shown) > 120:
            shown = shown[:117] + "..."
        super().__init__(
            "geodata.invalid_input",
            parameter=parameter,
            expected=expected,
            shown=shown,
            type_name=type(got).__name__,
        )
