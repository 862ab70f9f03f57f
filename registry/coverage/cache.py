"""The expensive part of coverage, computed once per set of inputs and kept.

Covered area per commune and the covered polygons depend only on the data (data
version: newest audit entry and boundary imports), the radii, the date, the edition
and the operator. They are kept per registry for those inputs; districts and
every figure derived from them are cheap sums made on each request.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from geodata.coverage import (
    coverage_discs,
    coverage_union,
    covered_area_by_unit,
    to_wgs84_geometry,
)
from geodata.crs import to_metric
from geodata.storage import Geometry, attribute_table
from geodata.territory import metric_outline
from registry.coverage.serving import serves, serving_sites
from registry.kernel.db import Registry
from registry.maps.data import data_version
from registry.units.divisions import province_outline, unit_polygons, units_frame

MAX_ENTRIES = 16
# Re-entrant: a piece is computed under the lock so two sessions do not repeat it.
_LOCK = threading.RLock()


@dataclass
class CommuneCoverage:
    """Covered area of every commune of an edition, per technology (and operator).

    ``frames[(tech, network)]`` is :func:`geodata.coverage.covered_area_by_unit`'s
    frame (``network`` None: every operator in scope); ``layers`` the same
    coverage as WGS 84 geometry, clipped to the province.
    """

    sites: pd.DataFrame
    communes: pd.DataFrame  # code, name, parent_code, unit_type, boundary_source
    districts: pd.DataFrame  # code, name (empty in an edition without districts)
    radii: dict[str, tuple[float, float]]
    as_of: date
    frames: dict[tuple[str, str | None], pd.DataFrame] = field(default_factory=dict)
    layers: dict[tuple[str, str | None], Geometry] = field(default_factory=dict)
    _polygons: object = None
    _outline: object = None

    def piece(self, technology: str, network: str | None) -> pd.DataFrame:
        """Covered area per commune for one technology (and one operator)."""
        key = (technology, network)
        with _LOCK:
            if key in self.frames:
                return self.frames[key]
            sites = self.sites
            mask = serves(sites, technology, self.as_of)
            if network is not None:
                mask = mask & (sites["network_code"] == network).to_numpy()
            chosen = sites[mask]
            urban_m, rural_m = self.radii[technology]
            radius = np.where(chosen["urban"].to_numpy(), urban_m, rural_m)
            discs = coverage_discs(chosen["latitude"], chosen["longitude"], radius)
            covered = coverage_union(discs, clip=self._outline)
            frame = covered_area_by_unit(self._polygons, covered)
            self.layers[key] = to_wgs84_geometry(covered)
            self.frames[key] = frame
        return frame

    def layer(self, technology: str, network: str | None) -> Geometry:
        """The covered area of one technology (and operator), WGS 84."""
        self.piece(technology, network)
        return self.layers[(technology, network)]


def _metric_outline(registry: Registry):
    cache = registry.__dict__.setdefault("_metric_outline_cache", {})
    outline = province_outline(registry)
    key = id(outline)
    if key not in cache:
        cache.clear()
        cache[key] = metric_outline(outline)
    return cache[key]


def commune_coverage(
    registry: Registry, as_of: date, edition: str, network: str | None
) -> CommuneCoverage:
    """The coverage of an edition's communes on a date (cached; see module doc).

    ``network`` limits the sites to one operator (None: every operator).
    """
    radii = {
        tech: (urban, rural) for tech, urban, rural in registry.config.coverage_radii
    }
    key = (
        data_version(registry),
        as_of,
        edition,
        network,
        tuple(sorted(radii.items())),
    )
    cache = registry.__dict__.setdefault("_coverage_cache", {})
    with _LOCK:
        found = cache.get(key)
        if found is not None:
            return found
    polygons = unit_polygons(registry, edition, "commune")
    with registry.reading() as session:
        units = units_frame(session, edition)
    types = units.set_index("code")["unit_type"]
    communes = attribute_table(polygons)
    communes["unit_type"] = communes["code"].map(types)
    districts = units.loc[units["level"] == "district", ["code", "name"]]
    sites = serving_sites(registry, as_of)
    if network is not None:
        sites = sites[sites["network_code"] == network].reset_index(drop=True)
    computed = CommuneCoverage(
        sites=sites,
        communes=communes,
        districts=districts.reset_index(drop=True),
        radii=radii,
        as_of=as_of,
        _polygons=to_metric(polygons),
        _outline=_metric_outline(registry),
    )
    with _LOCK:
        if len(cache) >= MAX_ENTRIES:
            cache.pop(next(iter(cache)))
        cache[key] = computed
    return computed
