"""Importing records from files: all or nothing, with a row-level report."""

from __future__ import annotations

import csv
import io
import unicodedata

import openpyxl
import pytest
from sqlalchemy import func, select

from registry.access.users import create_user
from registry.files.imports import import_records
from registry.kernel.errors import ImportFileError
from registry.kernel.models import AuditEntry, BtsSite, PublicPoint, StatusEntry
from registry.records.by_kind import SITES
from tests.factories import commune_centroid, district_code

HEADER = [
    "network_code",
    "site_code",
    "name",
    "latitude",
    "longitude",
    "structure_type",
    "on_air_2g",
    "declared_commune",
]


def _rows(registry, count=3, commune="Hưng Dũng"):
    lat, lon, _ = commune_centroid(registry, commune)
    return [
        ["04", f"NAN{i:04d}", f"Trạm Vĩnh {i}", f"{lat:.6f}", f"{lon:.6f}",
         "ground_tower", "2015-06-01", commune]
        for i in range(count)
    ]  # fmt: skip


def _write_csv(path, rows, header=HEADER, encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258_form(text: str) -> str:
    """Text as Windows-1258 writes it: letters like ư precomposed, tones combining."""
    out = []
    for char in unicodedata.normalize("NFD", text):
        if char in TONE_MARKS or not out:
            out.append(char)
        else:
            out[-1] = unicodedata.normalize("NFC", out[-1] + char)
    return "".join(out)


def _counts(registry):
    with registry.reading() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(m))
            for m in (BtsSite, PublicPoint, StatusEntry, AuditEntry)
        )


def test_a_valid_site_file_is_imported_with_history_and_audit(
    registry, admin, tmp_path
):
    path = _write_csv(tmp_path / "sites.csv", _rows(registry))
    before = _counts(registry)
    report = import_records(registry, admin, "sites", path)
    assert report.ok and report.stored == 3
    sites = SITES.list(registry, admin)
    assert sorted(sites["name"]) == ["Trạm Vĩnh 0", "Trạm Vĩnh 1", "Trạm Vĩnh 2"]
    assert set(sites["status"]) == {"on_air"}
    assert sites["location_flag"].isna().all()
    after = _counts(registry)
    # 3 status history rows and one audit entry for the whole batch
    assert (after[2] - before[2], after[3] - before[3]) == (3, 1)
    trail = SITES.get(registry, admin, int(sites["id"].iloc[0]))["audit"]
    assert trail[0]["action"] == "create_batch"
    assert trail[0]["after"]["file"] == "sites.csv"
    assert len(trail[0]["after"]["sha256"]) == 64 and trail[0]["after"]["records"] == 3


def test_a_dry_run_checks_every_row_and_stores_nothing(registry, admin, tmp_path):
    path = _write_csv(tmp_path / "sites.csv", _rows(registry))
    before = _counts(registry)
    report = import_records(registry, admin, "sites", path, dry_run=True)
    assert report.ok and report.stored == 0
    assert _counts(registry) == before


@pytest.mark.parametrize(
    ("column", "value", "expected_words"),
    [
        ("latitude", "not-a-number", "decimal"),
        ("latitude", "21.0285", "Nghệ An"),
        ("network_code", "99", "network_code"),
        ("on_air_2g", "31/02/2015", "date"),
        ("structure_type", "balloon", "ground_tower"),
    ],
)
def test_one_bad_row_stops_the_whole_import_and_is_named(
    registry, admin, tmp_path, column, value, expected_words
):
    rows = _rows(registry)
    rows[1][HEADER.index(column)] = value
    if value == "21.0285":
        rows[1][HEADER.index("longitude")] = "105.8542"
    path = _write_csv(tmp_path / "bad.csv", rows)
    before = _counts(registry)
    report = import_records(registry, admin, "sites", path)
    assert not report.ok and report.stored == 0
    problem = report.errors[0]
    assert problem.row == 3  # header is row 1, so the second data row is row 3
    assert problem.column in (column, "longitude")
    assert expected_words in problem.expected or expected_words in problem.column
    assert _counts(registry) == before


def test_swapped_coordinates_are_detected_corrected_and_reported(
    registry, admin, tmp_path
):
    rows = _rows(registry, count=1)
    rows[0][3], rows[0][4] = rows[0][4], rows[0][3]
    report = import_records(
        registry, admin, "sites", _write_csv(tmp_path / "s.csv", rows)
    )
    assert report.ok and report.stored == 1
    assert any("swap" in w.expected.lower() for w in report.warnings)
    site = SITES.list(registry, admin).iloc[0]
    assert 18 < site["latitude"] < 20 and 103 < site["longitude"] < 106


def test_decimal_commas_and_dms_coordinates_are_accepted(registry, admin, tmp_path):
    rows = _rows(registry, count=2)
    rows[0][3] = rows[0][3].replace(".", ",")
    rows[0][4] = rows[0][4].replace(".", ",")
    lat = float(rows[1][3])
    degrees, minutes = int(lat), (lat - int(lat)) * 60
    rows[1][3] = f"{degrees}°{int(minutes)}'{(minutes % 1) * 60:.2f}\"N"
    path = tmp_path / "s.csv"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows([HEADER, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    report = import_records(registry, admin, "sites", path)
    assert report.ok, report.errors
    assert SITES.list(registry, admin)["latitude"].between(18, 20).all()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258"])
def test_files_in_utf8_with_or_without_bom_and_windows_1258_keep_vietnamese_text(
    registry, admin, tmp_path, encoding
):
    rows = _rows(registry, count=1)
    if encoding == "cp1258":
        rows = [[_cp1258_form(c) for c in r] for r in rows]
    path = _write_csv(tmp_path / "s.csv", rows, encoding=encoding)
    report = import_records(registry, admin, "sites", path)
    assert report.ok, report.errors
    name = SITES.list(registry, admin)["name"].iloc[0]
    assert name == "Trạm Vĩnh 0" and unicodedata.is_normalized("NFC", name)


def test_an_xlsx_file_is_imported(registry, admin, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in _rows(registry, count=2):
        sheet.append(row)
    path = tmp_path / "sites.xlsx"
    book.save(path)
    assert import_records(registry, admin, "sites", path).stored == 2


def test_a_site_code_already_in_the_registry_without_a_version_is_an_error(
    registry, admin, tmp_path
):
    # A file without the export's version column cannot say what it was edited
    # from: the rows of stored sites are refused, asking for a new export.
    path = _write_csv(tmp_path / "s.csv", _rows(registry, count=2))
    import_records(registry, admin, "sites", path)
    again = import_records(registry, admin, "sites", path)
    assert not again.ok
    assert [p.row for p in again.errors] == [2, 3]
    assert [p.code for p in again.errors] == ["files.version_missing"] * 2
    assert "export the records again" in again.errors[0].expected
    assert again.outcome_counts()["refused"] == 2


def test_a_district_officer_cannot_import_rows_outside_the_district(
    registry, admin, tmp_path
):
    officer = create_user(
        registry,
        admin,
        username="huyen.vinh",
        display_name="Vinh",
        role="district",
        area_edition="2025-06",
        area_code=district_code(registry, "Vinh"),
    )
    rows = _rows(registry, count=1) + [
        [*r[:1], "NAN9999", *r[2:]] for r in _rows(registry, 1, commune="Diễn Hồng")
    ]
    report = import_records(
        registry, officer, "sites", _write_csv(tmp_path / "s.csv", rows)
    )
    assert [p.row for p in report.errors] == [3]
    assert "district" in report.errors[0].expected
    assert _counts(registry)[0] == 0


def test_game_points_get_their_kind_and_internet_imports_refuse_game_points(
    registry, admin, tmp_path
):
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    header = ["name", "latitude", "longitude", "certificate_number"]
    path = _write_csv(
        tmp_path / "g.csv", [["Phòng game A", lat, lon, "01/GCN"]], header=header
    )
    report = import_records(registry, admin, "game-points", path)
    assert report.stored == 1
    mixed = _write_csv(
        tmp_path / "i.csv",
        [["game_point", "X", lat, lon]],
        header=["kind", "name", "latitude", "longitude"],
    )
    refused = import_records(registry, admin, "internet-points", mixed)
    assert refused.errors[0].column == "kind"


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("s.csv", b"", "empty"),
        ("s.pdf", b"%PDF-1.4", "extension"),
        ("s.csv", b"name,latitude\nA,18.7\n", "network_code"),
        ("s.xlsx", b"PK\x03\x04 not really a workbook", "xlsx"),
    ],
)
def test_unreadable_files_are_refused_with_the_reason(
    registry, admin, tmp_path, name, content, words
):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as caught:
        import_records(registry, admin, "sites", path)
    assert words.lower() in str(caught.value).lower()
