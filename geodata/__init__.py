"""The spatial layer: admin units, boundaries, point-to-unit assignment.

Modules (import what you need; nothing reads files or the network at import time):

- :mod:`geodata.editions` — division editions (``2025-06`` huyện/xã, ``2025-07`` xã).
- :mod:`geodata.adminunits` — units, provinces and the old -> new crosswalk.
- :mod:`geodata.approximate` — approximate polygons until official ones exist.
- :mod:`geodata.names` — matching Vietnamese unit names.
- :mod:`geodata.boundaries` — reading and matching official boundary files
  (:mod:`geodata.boundary_match`, :mod:`geodata.boundary_fields`), their repairs
  (:mod:`geodata.repair`) and whether a layer lies where its units are
  (:mod:`geodata.boundary_checks`).
- :mod:`geodata.assign` — assigning points to unit polygons.
- :mod:`geodata.territory` — the province's outline, points in it, areas in km².
- :mod:`geodata.storage` — geometry to and from WKB, attribute tables, point layers.
- :mod:`geodata.sampling` — random points inside polygons (demo data).
- :mod:`geodata.crs` — the CRSs used; :mod:`geodata.errors` — the errors raised.

Never imports ``registry``, ``streamlit`` or ``sqlalchemy``.
"""

from geodata.errors import (
    BoundaryFileError,
    GeodataError,
    InvalidInputError,
    UnknownEditionError,
    UnknownProvinceError,
)

__all__ = [
    "BoundaryFileError",
    "GeodataError",
    "InvalidInputError",
    "UnknownEditionError",
    "UnknownProvinceError",
]
