"""Schools: importing them (CSV, XLSX, GeoJSON), listing them, the demo set, the CLI."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from datetime import date

import numpy as np
import openpyxl
import pandas as pd
import pytest
import shapely
from sqlalchemy import func, select

from registry.access.users import create_user, find_actor
from registry.cli.main import main
from registry.demo.load import load_demo
from registry.kernel.db import open_registry
from registry.kernel.errors import ImportFileError, PermissionDeniedError
from registry.kernel.models import AuditEntry, School
from registry.records.province_checks import territory
from registry.reference.schools import import_schools, list_schools
from registry.rules.compliance import evaluate_points
from tests.conftest import DEMO_DAY, database_url_for, registry_config
from tests.factories import commune_centroid

HEADER = ["name", "level", "latitude", "longitude", "address"]


def _rows(registry, count=3, commune="Hưng Dũng"):
    lat, lon, _ = commune_centroid(registry, commune)
    levels = ["primary", "lower_secondary", "upper_secondary"]
    return [
        [f"Trường thử {i}", levels[i % 3], f"{lat + i * 0.001:.6f}", f"{lon:.6f}",
         f"Số {i} đường Lê Lợi"]
        for i in range(count)
    ]  # fmt: skip


def _write_csv(path, rows, header=HEADER):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _count(registry) -> int:
    with registry.reading() as session:
        return session.scalar(select(func.count()).select_from(School))


# -- imports that work ---------------------------------------------------------


def test_a_valid_school_file_is_imported_with_one_audit_entry(
    registry, admin, tmp_path
):
    path = _write_csv(tmp_path / "truong.csv", _rows(registry))
    report = import_schools(registry, admin, path)
    assert report.ok and report.stored == 3, report.errors
    assert report.summary() == "truong.csv: 3 school(s) imported"
    schools = list_schools(registry, admin)
    assert list(schools["name"]) == ["Trường thử 0", "Trường thử 1", "Trường thử 2"]
    assert list(schools["level"]) == ["primary", "lower_secondary", "upper_secondary"]
    assert schools["level_vi"].iloc[0] == "Trường tiểu học"
    assert (schools["source"] == "import truong.csv").all()
    with registry.reading() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity_type == "schools")
        ).one()
    assert entry.action == "create_batch" and entry.actor == "admin"
    after = json.loads(entry.after)
    assert after["records"] == 3 and len(after["sha256"]) == 64


def test_vietnamese_headers_levels_and_degrees_minutes_seconds_are_understood(
    registry, admin, tmp_path
):
    rows = [
        ["Trường THCS Lê Lợi", "THCS", "18°40'12\"N", "105°40'48\"E", ""],
        ["Trường Tiểu học Hưng Dũng", "Tiểu học", "18,6734", "105,6913", ""],
        ["Trường TH và THCS Bến Thủy", "Liên cấp", "18.6601", "105.7012", ""],
        ["Trường THPT Huỳnh Thúc Kháng", "Trung học phổ thông", "18.6785", "105.6807",
         ""],
    ]  # fmt: skip
    header = ["Tên trường", "Cấp học", "Vĩ độ", "Kinh độ", "Địa chỉ"]
    path = _write_csv(tmp_path / "danh-sach.csv", rows, header)
    report = import_schools(registry, admin, path)
    assert report.ok, report.errors
    levels = list(list_schools(registry, admin)["level"])
    assert levels == ["lower_secondary", "primary", "multi_level", "upper_secondary"]


def test_an_excel_workbook_is_imported(registry, admin, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in _rows(registry, 2):
        sheet.append([row[0], row[1], float(row[2]), float(row[3]), row[4]])
    workbook.save(tmp_path / "truong.xlsx")
    report = import_schools(registry, admin, tmp_path / "truong.xlsx")
    assert report.ok and report.stored == 2


def test_geojson_points_are_imported_with_their_properties(registry, admin, tmp_path):
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    features = [
        {
            "type": "Feature",
            "properties": {
                "ten_truong": unicodedata.normalize("NFD", f"Trường {i}"),
                "cap_hoc": "THCS",
                "lat": 0,  # the geometry gives the coordinates
            },
            "geometry": {"type": "Point", "coordinates": [lon + i * 0.001, lat]},
        }
        for i in range(2)
    ]
    path = tmp_path / "truong.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    report = import_schools(registry, admin, path)
    assert report.ok and report.stored == 2, report.errors
    schools = list_schools(registry, admin)
    assert schools["longitude"].iloc[1] == pytest.approx(lon + 0.001)
    assert list(schools["name"]) == ["Trường 0", "Trường 1"]  # stored NFC


def test_swapped_coordinates_are_corrected_with_a_warning(registry, admin, tmp_path):
    rows = _rows(registry, 2)
    rows[1][2], rows[1][3] = rows[1][3], rows[1][2]
    report = import_schools(registry, admin, _write_csv(tmp_path / "t.csv", rows))
    assert report.ok and [w.row for w in report.warnings] == [3]
    assert list_schools(registry, admin)["latitude"].iloc[1] < 25


def test_a_school_just_across_the_border_is_kept_with_a_warning(
    registry, admin, tmp_path
):
    land = territory(registry)
    # A point about 1 km outside the western border (Laos), measured in degrees.
    west = shapely.Point(land.bounds[0], (land.bounds[1] + land.bounds[3]) / 2)
    edge = shapely.ops.nearest_points(land.outline.boundary, west)[0]
    lat, lon = edge.y, edge.x - 0.01
    assert not land.inside(np.array([lat]), np.array([lon]))[0]
    rows = [["Trường bên kia biên giới", "primary", f"{lat:.6f}", f"{lon:.6f}", ""]]
    report = import_schools(registry, admin, _write_csv(tmp_path / "t.csv", rows))
    assert report.ok and report.stored == 1
    assert "just outside" in report.warnings[0].expected


def test_a_dry_run_checks_every_row_and_stores_nothing(registry, admin, tmp_path):
    path = _write_csv(tmp_path / "t.csv", _rows(registry))
    report = import_schools(registry, admin, path, dry_run=True)
    assert report.ok and report.stored == 0 and _count(registry) == 0
    assert "dry run" in report.summary()


# -- imports that are refused --------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("name", "", "the school's name"),
        ("name", "x" * 201, "at most 200 characters"),
        ("level", "đại học", "one of primary, lower_secondary"),
        ("latitude", "bắc", "decimal number"),
        ("latitude", "", "the column is required"),
        ("latitude", "21.0285", "Nghệ An"),  # Hà Nội
    ],
)
def test_one_bad_row_stops_the_whole_import_and_is_named(
    registry, admin, tmp_path, column, value, words
):
    rows = _rows(registry)
    rows[1][HEADER.index(column)] = value
    if value == "21.0285":
        rows[1][HEADER.index("longitude")] = "105.8542"
    report = import_schools(registry, admin, _write_csv(tmp_path / "bad.csv", rows))
    assert not report.ok and report.stored == 0 and _count(registry) == 0
    problem = report.errors[0]
    assert (problem.row, problem.column) == (3, column)
    assert words in problem.expected
    assert "nothing was imported" in report.summary()


def test_a_school_listed_twice_or_already_stored_is_refused(registry, admin, tmp_path):
    rows = _rows(registry, 2)
    assert import_schools(registry, admin, _write_csv(tmp_path / "a.csv", rows)).ok
    again = _rows(registry, 3)
    again.append(list(again[2]))
    report = import_schools(registry, admin, _write_csv(tmp_path / "b.csv", again))
    assert [(p.row, p.column) for p in report.errors] == [
        (2, "name"),
        (3, "name"),
        (5, "name"),
    ]
    assert "school #1" in report.errors[0].expected
    assert "row 4 has the same name" in report.errors[2].expected
    assert _count(registry) == 2


def test_a_file_without_the_needed_columns_is_refused(registry, admin, tmp_path):
    path = _write_csv(tmp_path / "t.csv", [["A", "1"]], ["name", "lat"])
    with pytest.raises(ImportFileError, match="missing column.*level.*longitude"):
        import_schools(registry, admin, path)


def test_a_file_of_another_kind_is_refused(registry, admin, tmp_path):
    path = tmp_path / "t.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(ImportFileError, match=r"\.geojson"):
        import_schools(registry, admin, path)


def test_geojson_features_that_are_not_points_are_named(registry, admin, tmp_path):
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    features = [
        {
            "type": "Feature",
            "properties": {"name": "Trường A", "level": "primary"},
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
        },
        {
            "type": "Feature",
            "properties": {"name": "Trường B", "level": "primary"},
            "geometry": {
                "type": "LineString",
                "coordinates": [[lon, lat], [lon + 0.01, lat]],
            },
        },
    ]
    path = tmp_path / "t.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    report = import_schools(registry, admin, path)
    assert not report.ok and report.row_label == "feature"
    assert (report.errors[0].row, report.errors[0].column) == (2, "geometry")
    assert "LineString" in report.errors[0].value
    assert "1 error(s) in 2 feature(s)" in report.summary()


def test_geojson_in_another_crs_is_refused(registry, admin, tmp_path):
    document = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3405"}},
        "features": [],
    }
    path = tmp_path / "t.geojson"
    path.write_text(json.dumps(document))
    with pytest.raises(ImportFileError):
        import_schools(registry, admin, path)
    document["features"] = [{"type": "Feature", "properties": {}, "geometry": None}]
    path.write_text(json.dumps(document))
    with pytest.raises(ImportFileError, match="WGS 84"):
        import_schools(registry, admin, path)


@pytest.mark.parametrize("role", ["district", "commune", "viewer"])
def test_only_the_department_and_administrators_import_schools(
    registry, admin, tmp_path, role
):
    _, _, commune = commune_centroid(registry, "Hưng Dũng")
    area = {"commune": ("2025-06", commune), "district": ("2025-06", "412")}
    edition, code = area.get(role, (None, None))
    user = create_user(
        registry,
        admin,
        username=f"u.{role}",
        display_name=role,
        role=role,
        area_edition=edition,
        area_code=code,
    )
    path = _write_csv(tmp_path / "t.csv", _rows(registry))
    with pytest.raises(PermissionDeniedError):
        import_schools(registry, user, path)
    department = create_user(
        registry, admin, username="so", display_name="Sở", role="department"
    )
    assert import_schools(registry, department, path).ok
    assert len(list_schools(registry, user)) == 3  # every role reads the layer


# -- the command line ----------------------------------------------------------


def test_the_command_line_imports_schools_and_reports_bad_rows(
    registry, database_url, monkeypatch, capsys, tmp_path
):
    monkeypatch.setenv("REGISTRY_DATABASE_URL", database_url)
    good = _write_csv(tmp_path / "good.csv", _rows(registry))
    assert main(["import", "schools", str(good)]) == 0
    assert "3 school(s) imported" in capsys.readouterr().out
    rows = _rows(registry, 2, commune="Lê Lợi")
    rows[0][1] = "mẫu giáo"
    bad = _write_csv(tmp_path / "bad.csv", rows)
    assert main(["import", "schools", str(bad), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "error   row 2, level = 'mẫu giáo'" in out and "nothing was imported" in out
    assert _count(registry) == 3


def test_the_school_import_command_has_help(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["import", "schools", "--help"])
    assert caught.value.code == 0
    assert "usage: python -m registry import schools" in capsys.readouterr().out


# -- the demo set --------------------------------------------------------------


def test_the_demo_has_labelled_schools_some_near_game_points(registry, admin):
    report = load_demo(registry, admin, sites=600, today=DEMO_DAY)
    schools = list_schools(registry, admin)
    assert report.schools == len(schools) > 100
    assert (schools["source"] == "demo").all()
    assert schools["name"].str.endswith("(mẫu)").all()
    assert set(schools["level"]) == {
        "primary",
        "lower_secondary",
        "upper_secondary",
        "multi_level",
    }
    table = evaluate_points(registry, admin, on=date(2024, 12, 24))
    near = table[(table["rule_id"] == "game.school_distance")]
    too_close = near[near["outcome"] == "fail"]
    assert 1 <= len(too_close) < len(near)
    assert too_close["detail"].str.contains("(mẫu)", regex=False).all()


def test_the_demo_schools_are_the_same_every_time(templates, admin, registry):
    other_url = database_url_for("sqlite", templates)
    other = open_registry(registry_config({"REGISTRY_DATABASE_URL": other_url}))
    load_demo(registry, admin, sites=300, today=DEMO_DAY)
    load_demo(other, find_actor(other, "admin"), sites=300, today=DEMO_DAY)
    columns = ["name", "level", "latitude", "longitude", "address"]
    first = list_schools(registry, admin)[columns]
    second = list_schools(other, find_actor(other, "admin"))[columns]
    pd.testing.assert_frame_equal(first, second)
    other.engine.dispose()
