"""The reach attacks on the services of maps, coverage, reports, reference data
and units (see tests/attack/services.py)."""

from __future__ import annotations

from registry.coverage.dashboard import coverage_dashboard
from registry.coverage.model import coverage_report
from registry.coverage.sharing import sharing_report
from registry.maps import data as maps
from registry.maps.area import area_units
from registry.maps.growth import growth_by_year, technology_growth
from registry.maps.growth_report import growth_report
from registry.maps.locate import locate_record
from registry.maps.multiples import network_years
from registry.reference import population, schools
from registry.reports.area import area_choices
from registry.reports.build import make_report
from registry.units import boundaries, clusters, succession
from tests.attack.catalogue import (
    ACTS,
    SHOWS,
    YEAR,
    Attack,
    _operator_network,
    _other_units,
    texts_in,
)
from tests.attack.reach_world import (
    OUTSIDE,
)

REACH_AREAS: dict[str, Attack | tuple[Attack, ...]] = {
    # coverage: whole-province aggregates by design (README), never a record
    "coverage.dashboard.coverage_dashboard": tuple(
        Attack(
            SHOWS,
            lambda r, a, w, t, network=network: coverage_dashboard(
                r, a, as_of=YEAR[1], operator=network
            ),
            _operator_network,
        )
        for network in (None, "01")
    ),
    "coverage.model.coverage_report": tuple(
        Attack(
            SHOWS,
            lambda r, a, w, t, network=network: coverage_report(
                r, a, as_of=YEAR[1], operator=network
            ),
            _operator_network,
        )
        for network in (None, "01")
    ),
    "coverage.sharing.sharing_report": Attack(
        SHOWS, lambda r, a, w, t: sharing_report(r, a, as_of=YEAR[1])
    ),
    # maps: the caller's records on a map, per unit, and their growth
    "maps.data.site_map": Attack(
        SHOWS,
        lambda r, a, w, t: [
            maps.site_map(r, a, level=level) for level in ("district", "commune")
        ],
    ),
    "maps.data.point_map": Attack(
        SHOWS,
        lambda r, a, w, t: [
            maps.point_map(r, a, level=level) for level in ("district", "commune")
        ],
    ),
    "maps.data.site_overview": Attack(
        SHOWS, lambda r, a, w, t: maps.site_overview(r, a)
    ),
    "maps.data.unit_options": Attack(
        SHOWS,
        lambda r, a, w, t: [
            maps.unit_options(r, a, "2025-06", "commune"),
            maps.unit_options(r, a, "2025-06", "commune", w.outside_district),
        ],
        _other_units,
    ),
    # a map opened on one record ("Xem trên bản đồ", ?site=N): only one's own
    "maps.locate.locate_record": (
        Attack(ACTS, lambda r, a, w, t: locate_record(r, a, "site", w.site)),
        Attack(ACTS, lambda r, a, w, t: locate_record(r, a, "point", w.point)),
    ),
    # the area at several years, as a picture: its sites only
    "maps.multiples.network_years": Attack(
        SHOWS, lambda r, a, w, t: network_years(r, a, years=[2010, 2026])
    ),
    # the units a map is drawn and fitted to: the caller's area
    "maps.area.area_units": Attack(
        SHOWS,
        lambda r, a, w, t: [
            area_units(r, a, "2025-06", "commune"),
            area_units(r, a, "2025-06", "district"),
        ],
        _other_units,
    ),
    "maps.growth.growth_by_year": Attack(
        SHOWS, lambda r, a, w, t: growth_by_year(r, a)
    ),
    "maps.growth.technology_growth": Attack(
        SHOWS, lambda r, a, w, t: technology_growth(r, a)
    ),
    "maps.growth_report.growth_report": Attack(
        SHOWS,
        lambda r, a, w, t: growth_report(r, a, units=[w.outside_district]),
    ),
    # reference layers: the department's
    "reference.population.import_population": Attack(
        ACTS,
        lambda r, a, w, t: population.import_population(
            r, a, b"code,population\n", edition="2025-06", filename="p.csv"
        ),
    ),
    "reference.population.population_table": Attack(
        SHOWS, lambda r, a, w, t: population.population_table(r, a, "2025-06")
    ),
    "reference.schools.import_schools": Attack(
        ACTS,
        lambda r, a, w, t: schools.import_schools(
            r, a, b"name,latitude,longitude\n", filename="s.csv"
        ),
    ),
    "reference.schools.list_schools": Attack(
        SHOWS, lambda r, a, w, t: schools.list_schools(r, a)
    ),
    # reports
    "reports.area.area_choices": Attack(
        SHOWS,
        lambda r, a, w, t: [
            area_choices(r, a, kind, "2025-06") for kind in ("district", "commune")
        ],
        lambda result, r, w, a: [
            n for n in texts_in(result) if n in (f"Xã {OUTSIDE}", "Huyện Nghi Lộc")
        ],
    ),
    "reports.build.make_report": tuple(
        Attack(
            ACTS,
            lambda r, a, w, t, kind=kind, key=key: make_report(
                r, a, kind=kind, key=key(w), start=YEAR[0], end=YEAR[1]
            ),
        )
        for kind, key in (
            ("district", lambda w: w.outside_district),
            ("commune", lambda w: w.people.other_commune.area_code),
            # Cụm I holds Vinh and Nghi Lộc: more than a district's own area
            ("cluster", lambda w: "1"),
            ("cluster", lambda w: str(w.cluster)),
        )
    ),
    # units: boundaries and clusters are the department's
    "units.boundaries.import_boundaries": Attack(
        ACTS,
        lambda r, a, w, t: boundaries.import_boundaries(
            r, a, t / "none.geojson", edition="2025-06", level="commune"
        ),
    ),
    # Names only the units that took over the actor's own (abolished) area.
    "units.succession.area_succession": Attack(
        SHOWS, lambda r, a, w, t: succession.area_succession(r, a)
    ),
    "units.clusters.list_clusters": Attack(
        SHOWS, lambda r, a, w, t: clusters.list_clusters(r, a)
    ),
    "units.clusters.create_cluster": Attack(
        ACTS,
        lambda r, a, w, t: clusters.create_cluster(
            r, a, name="Cụm mới", districts=[w.outside_district]
        ),
    ),
    "units.clusters.update_cluster": Attack(
        ACTS,
        lambda r, a, w, t: clusters.update_cluster(
            r, a, w.cluster, expected_version=w.cluster_version, name="x"
        ),
    ),
    "units.clusters.retire_cluster": Attack(
        ACTS,
        lambda r, a, w, t: clusters.retire_cluster(
            r, a, w.cluster, expected_version=w.cluster_version, reason="x"
        ),
    ),
}
