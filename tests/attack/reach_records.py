"""The reach attacks on the services of records, files and rules (see
tests/attack/services.py)."""

from __future__ import annotations

from datetime import date

from registry.files.exports import export_records
from registry.files.imports import import_records
from registry.files.preview import preview_import
from registry.records import activity, listing, places, search, stats
from registry.rules.compliance import evaluate_point, evaluate_points
from tests.attack.catalogue import (
    ACTS,
    SHOWS,
    Attack,
    _counted_outside,
    _imported,
    _move_out,
    _outside_site_row,
    _preview,
)
from tests.attack.reach_world import (
    MARK,
    OUTSIDE,
)
from tests.factories import point_values, site_values

REACH_RECORDS: dict[str, Attack | tuple[Attack, ...]] = {
    "files.exports.export_records": Attack(
        SHOWS,
        lambda r, a, w, t: [
            export_records(r, a, group, fmt, t / f"{group}.{fmt}")[0]
            for group in ("sites", "game-points")
            for fmt in ("csv", "geojson", "kml")
        ],
    ),
    "files.imports.import_records": Attack(
        SHOWS,
        lambda r, a, w, t: import_records(
            r, a, "sites", _outside_site_row(r), filename="sites.csv"
        ),
        _imported,
    ),
    "files.preview.preview_import": Attack(
        SHOWS,
        lambda r, a, w, t: preview_import(
            r, a, "sites", _outside_site_row(r), filename="sites.csv"
        ),
        _preview,
    ),
    # records
    "records.activity.recent_changes": Attack(
        SHOWS, lambda r, a, w, t: activity.recent_changes(r, a, limit=1000)
    ),
    "records.listing.list_records": Attack(
        SHOWS,
        lambda r, a, w, t: [
            listing.list_records(r, a, kind, include_retired=True)
            for kind in ("site", "point")
        ],
    ),
    "records.places.create_record": Attack(
        ACTS,
        lambda r, a, w, t: places.create_record(
            r,
            a,
            "point" if a.area_level else "site",
            point_values(r, OUTSIDE, name="Phòng game mới")
            if a.area_level
            else site_values(r, OUTSIDE, network_code="01", site_code="MB-MOI"),
        ),
    ),
    "records.places.update_record": (
        Attack(
            ACTS,
            lambda r, a, w, t: places.update_record(
                r, a, "site", w.site, {"name": "x"}
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: places.update_record(
                r, a, "point", w.point, {"name": "x"}
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: places.update_record(
                r, a, "site", w.misdeclared, {"name": "x"}
            ),
        ),
        # moving a record of one's own out of the area (or network) is acting there
        Attack(ACTS, lambda r, a, w, t: _move_out(r, a, w)),
        # a stale version or a retired record: the answer must not tell
        Attack(
            ACTS,
            lambda r, a, w, t: places.update_record(
                r, a, "site", w.site, {"name": "x"}, expected_version=99
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: places.update_record(
                r, a, "point", w.retired, {"name": "x"}
            ),
        ),
    ),
    "records.places.change_status": (
        Attack(
            ACTS,
            lambda r, a, w, t: places.change_status(
                r, a, "site", w.site, "suspended", reason="x"
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: places.change_status(
                r, a, "point", w.point, "suspended", reason="x"
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: places.change_status(
                r, a, "point", w.retired, "suspended", reason="x"
            ),
        ),
    ),
    "records.places.retire_record": (
        Attack(
            ACTS,
            lambda r, a, w, t: places.retire_record(r, a, "point", w.point, reason="x"),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: places.retire_record(r, a, "site", w.site, reason="x"),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: places.retire_record(
                r, a, "point", w.retired, reason="x"
            ),
        ),
    ),
    "records.places.get_record": tuple(
        Attack(
            ACTS,
            lambda r, a, w, t, kind=kind, key=key: places.get_record(
                r, a, kind, getattr(w, key)
            ),
        )
        for kind, key in (("site", "site"), ("point", "point"), ("site", "misdeclared"))
    ),
    "records.search.search_records": Attack(
        SHOWS,
        lambda r, a, w, t: [
            search.search_records(r, a, kind, MARK.lower())
            for kind in ("site", "point")
        ],
    ),
    "records.search.record_view": tuple(
        Attack(
            ACTS,
            lambda r, a, w, t, kind=kind, key=key: search.record_view(
                r, a, kind, getattr(w, key)
            ),
        )
        for kind, key in (("site", "site"), ("point", "point"), ("site", "misdeclared"))
    ),
    "records.stats.compute_stats": Attack(
        SHOWS,
        lambda r, a, w, t: stats.compute_stats(r, a),
        lambda result, r, w, a: _counted_outside(result),
    ),
    # rules
    "rules.compliance.evaluate_point": Attack(
        ACTS, lambda r, a, w, t: evaluate_point(r, a, w.point, on=date(2026, 11, 2))
    ),
    "rules.compliance.evaluate_points": Attack(
        SHOWS, lambda r, a, w, t: evaluate_points(r, a, on=date(2026, 11, 2))
    ),
}
