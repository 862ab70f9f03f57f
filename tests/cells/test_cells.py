"""Cell observations against the registry: import, precision and recall of the
findings, scope, follow-ups, export (both databases)."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from sqlalchemy import func, select

from geodata.distance import distances_from
from registry.access.users import create_user, find_actor
from registry.cells.reading import read_cells
from registry.cells.service import (
    export_findings,
    follow_up_finding,
    import_cells,
    list_findings,
    list_follow_ups,
)
from registry.kernel.errors import (
    ImportFileError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from registry.kernel.models import AuditEntry, BtsSite, CellObservation, CellSnapshot
from tests.cells.support import (
    CELLS_PER_TOWER,
    WORLD,
    build_world,
    file_bytes,
    make_world,
)


@pytest.fixture
def world(open_world):
    registry, _ = open_world(WORLD, build_world)
    return registry, make_world(registry)


@pytest.mark.parametrize(
    "header,packed", [(True, False), (False, False), (True, True), (False, True)]
)
def test_every_planted_tower_is_one_candidate_and_no_registered_site_is(
    world, header, packed
):
    registry, truth = world
    admin = find_actor(registry, "admin")
    report = import_cells(
        registry,
        admin,
        file_bytes(truth, header=header, packed=packed),
        filename="cells.csv.gz" if packed else "cells.csv",
        source_name="OpenCelliD 2026-11",
    )
    assert report.rows_read == len(truth.rows)
    assert report.rows_other_country == truth.foreign
    # Hồ Chí Minh City's row, and demo cells scattered across the border.
    assert report.rows_outside >= 1
    assert report.rows_read == (
        report.rows_kept
        + report.rows_outside
        + report.rows_other_country
        + report.rows_broken
    )
    assert report.rows_broken == truth.broken
    _, found = list_findings(registry, admin)
    candidates = found[found["kind"] == "unregistered"]
    expected = [(lon, lat) for _, lon, lat in truth.towers]
    with registry.reading() as session:
        for site_id in truth.moved:
            site = session.get(BtsSite, site_id)
            expected.append((site.longitude, site.latitude + 0.036))
    # Recall: each planted tower (and each moved site's new place) is one candidate.
    matched = set()
    for lon, lat in expected:
        metres = distances_from(
            lat, lon, candidates["latitude"], candidates["longitude"]
        )
        near = np.flatnonzero(metres < 300)
        assert len(near) == 1, (lon, lat, metres.min())
        matched.add(int(near[0]))
    for network, lon, lat in truth.towers:
        row = candidates.iloc[
            int(
                np.argmin(
                    distances_from(
                        lat, lon, candidates["latitude"], candidates["longitude"]
                    )
                )
            )  # fmt: skip
        ]
        assert row["cells"] == CELLS_PER_TOWER
        assert row["network_code"] == network
        assert row["spread_m"] < 600
        assert row["confidence"] > 0.9
    # Precision: no other candidate, so no registered site was reported.
    assert len(candidates) == len(expected) == len(matched)
    unseen = set(found.loc[found["kind"] == "unseen", "site_id"])
    assert unseen == set(truth.silent) | set(truth.moved)
    mismatch = found[found["kind"] == "technology"]
    assert set(mismatch["site_id"]) == set(truth.mismatched)
    assert set(mismatch["technology"]) == {"4G"}
    assert found["district_code"].notna().all()


def test_the_snapshot_is_stored_apart_from_the_sites_and_audited(world):
    registry, truth = world
    admin = find_actor(registry, "admin")
    with registry.reading() as session:
        sites_before = session.scalar(select(func.count()).select_from(BtsSite))
    dry = import_cells(
        registry, admin, file_bytes(truth), filename="c.csv", dry_run=True
    )
    with registry.reading() as session:
        assert session.scalar(select(func.count()).select_from(CellSnapshot)) == 0
    report = import_cells(registry, admin, file_bytes(truth), filename="c.csv")
    assert dry.findings == report.findings
    with registry.reading() as session:
        assert session.scalar(select(func.count()).select_from(BtsSite)) == sites_before
        kept = session.scalar(select(func.count()).select_from(CellObservation))
        assert kept == report.rows_kept
        snapshot = session.get(CellSnapshot, report.snapshot_id)
        assert snapshot.observed_on is not None and snapshot.source == "OpenCelliD"
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity_type == "cell_snapshot")
        ).one()
        assert entry.actor == "admin" and entry.action == "import"


def test_operators_see_their_network_and_districts_their_area(world):
    registry, truth = world
    admin = find_actor(registry, "admin")
    import_cells(registry, admin, file_bytes(truth), filename="c.csv")
    _, everything = list_findings(registry, admin)
    create_user(registry, admin, username="vt", display_name="Viettel",
                role="operator", network_code="04")  # fmt: skip
    _, own = list_findings(registry, find_actor(registry, "vt"))
    assert len(own) and set(own["network_code"]) == {"04"}
    assert len(own) == (everything["network_code"] == "04").sum()
    district = everything["district_code"].iloc[0]
    create_user(
        registry,
        admin,
        username="dist",
        display_name="Huyện",
        role="district",
        area_edition="2025-06",
        area_code=district,
    )
    officer = find_actor(registry, "dist")
    _, area = list_findings(registry, officer)
    assert set(area["district_code"]) == {district}
    other = everything[everything["district_code"] != district].iloc[0]
    with pytest.raises(PermissionDeniedError) as refused:
        follow_up_finding(registry, officer, int(other["id"]), "inspection", "xem")
    assert refused.value.message.code == "cells.outside_area"
    mine = int(area["id"].iloc[0])
    follow_up_finding(registry, officer, mine, "inspection", "Kiểm tra thực địa")
    listed = list_follow_ups(registry, officer)
    assert listed["finding_id"].tolist() == [mine]
    with pytest.raises(PermissionDeniedError):
        follow_up_finding(registry, find_actor(registry, "vt"), mine, "inspection")
    with pytest.raises(PermissionDeniedError):
        import_cells(registry, officer, file_bytes(truth), filename="c.csv")
    with pytest.raises(NotFoundError):
        follow_up_finding(registry, admin, 10**9, "inspection")
    with pytest.raises(ValidationError):
        follow_up_finding(registry, admin, mine, "demolish")


def test_findings_are_written_with_formulas_neutralised(world, tmp_path):
    registry, truth = world
    admin = find_actor(registry, "admin")
    with pytest.raises(NotFoundError):
        list_findings(registry, admin)
    import_cells(registry, admin, file_bytes(truth), filename="c.csv")
    path, count = export_findings(registry, admin, "csv", tmp_path / "f.csv",
                                  kind="unregistered")  # fmt: skip
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == count == len(truth.towers) + len(truth.moved)
    wanted = "kind network_code technology lon lat spread_m cells samples confidence"
    assert {*wanted.split(), "site_code", "site_distance_m"} <= set(rows[0])
    for fmt in ("xlsx", "geojson"):
        assert export_findings(registry, admin, fmt, tmp_path / f"f.{fmt}")[1] > 0


def test_unreadable_files_are_refused_by_name():
    def inside(lat, lon):
        return np.ones(len(lat), dtype=bool)

    for data in (b"", b"\x1f\x8b\x08garbage", b"a,b,c\n1,2,3\n", b"\xff\xfe,," * 5):
        with pytest.raises(ImportFileError):
            read_cells(data, "bad.csv", inside)
