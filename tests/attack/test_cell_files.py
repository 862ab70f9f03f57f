"""Hostile cell files and requests: formula and script text in cells, a gzip
bomb, control characters in the source name, an operator asking for another
network's finding, a district outside its area, ids that do not exist."""

from __future__ import annotations

import gzip

import pytest

from registry.access.users import create_user, find_actor
from registry.cells import reading
from registry.cells.service import (
    export_findings,
    follow_up_finding,
    import_cells,
    list_findings,
)
from registry.kernel.errors import (
    FieldError,
    ImportFileError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from tests.attack.payloads import REFUSED, STORED
from tests.cells.support import HEADER, WORLD, build_world, file_bytes, make_world


@pytest.fixture
def world(open_world):
    registry, _ = open_world(WORLD, build_world)
    return registry, make_world(registry)


def test_hostile_text_in_cells_is_counted_broken_and_never_stored(world, tmp_path):
    registry, truth = world
    admin = find_actor(registry, "admin")
    hostile = [
        f"{payload},452,4,1,{n},0,105.7,18.7,100,5,1,1,1,0"
        for n, payload in enumerate([*STORED, *REFUSED])
    ]
    data = (HEADER + "\n" + "\n".join(truth.rows + hostile) + "\n").encode()
    report = import_cells(registry, admin, data, filename="=cmd|' /C calc'!A0.csv")
    assert report.rows_read == len(truth.rows) + len(hostile)
    assert report.rows_broken == truth.broken + len(hostile)
    assert (
        report.rows_kept
        == import_cells(
            registry, admin, file_bytes(truth), filename="c.csv", dry_run=True
        ).rows_kept
    )
    path, _ = export_findings(registry, admin, "csv", tmp_path / "f.csv")
    text = path.read_text(encoding="utf-8-sig")
    assert "script" not in text and "HYPERLINK" not in text.upper()


def test_a_gzip_bomb_is_refused_before_it_fills_memory(monkeypatch):
    monkeypatch.setattr(reading, "MAX_TEXT_BYTES", 1_000_000)
    bomb = gzip.compress(b"0" * 5_000_000)
    with pytest.raises(ImportFileError) as refused:
        reading.unpacked(bomb, "bomb.csv.gz")
    assert refused.value.message.code == "cells.too_large"


@pytest.mark.parametrize("name", ["OpenCelliD\x00", "x\u202eevil", "y" * 201])
def test_a_hostile_source_name_is_refused(world, name):
    registry, truth = world
    with pytest.raises(FieldError):
        import_cells(
            registry,
            find_actor(registry, "admin"),
            file_bytes(truth),
            filename="c.csv",
            source_name=name,
        )


def test_other_networks_and_other_areas_stay_closed(world):
    registry, truth = world
    admin = find_actor(registry, "admin")
    import_cells(registry, admin, file_bytes(truth), filename="c.csv")
    _, everything = list_findings(registry, admin)
    create_user(registry, admin, username="mobi", display_name="MobiFone",
                role="operator", network_code="01")  # fmt: skip
    operator = find_actor(registry, "mobi")
    _, own = list_findings(registry, operator)
    assert set(own["network_code"]) <= {"01"}
    foreign = everything[everything["network_code"] != "01"].iloc[0]
    with pytest.raises(PermissionDeniedError):
        follow_up_finding(registry, operator, int(foreign["id"]), "operator_request")
    communes = everything["commune_code"].dropna()
    create_user(registry, admin, username="xa", display_name="Xã", role="commune",
                area_edition="2025-06", area_code=communes.iloc[0])  # fmt: skip
    commune = find_actor(registry, "xa")
    _, area = list_findings(registry, commune)
    assert set(area["commune_code"]) == {communes.iloc[0]}
    outside = everything[everything["commune_code"] != communes.iloc[0]].iloc[0]
    with pytest.raises(PermissionDeniedError):
        follow_up_finding(registry, commune, int(outside["id"]), "inspection")
    for bad_id in (-1, 10**12, "1 OR 1=1"):
        with pytest.raises(NotFoundError):
            follow_up_finding(registry, admin, bad_id, "inspection")
    with pytest.raises(ValidationError):
        follow_up_finding(registry, admin, int(foreign["id"]), "inspection", "\x07")
    viewer_like = find_actor(registry, "mobi")
    with pytest.raises(PermissionDeniedError):
        import_cells(registry, viewer_like, file_bytes(truth), filename="c.csv")
