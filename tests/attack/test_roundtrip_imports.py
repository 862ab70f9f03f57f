"""Attacks on importing an edited export: other areas' ids, forged versions,
formula strings, two offices at once, broken and oversized workbooks.

An import of an exported file updates the records it names; that must never
reach a record outside the importer's area or network, let a forged version
overwrite a newer change, turn a formula into something a spreadsheet runs, or
store half a file.
"""

from __future__ import annotations

import openpyxl
import pytest
from sqlalchemy import func, select

from registry.access.users import find_actor
from registry.demo.load import load_demo
from registry.files.exports import export_records
from registry.files.imports import import_records
from registry.kernel.errors import ImportFileError
from registry.kernel.models import AuditEntry, BtsSite, PublicPoint
from tests.conftest import DEMO_DAY

WORLD = "demo-300-roundtrip"
HYPERLINK = '=HYPERLINK("http://attacker.example/x","Mở")'
WRITES = ("create", "create_batch", "update", "change_status")


def _demo(registry):
    load_demo(registry, find_actor(registry, "admin"), sites=300, today=DEMO_DAY)


@pytest.fixture
def demo(open_world):
    return open_world(WORLD, _demo)[0]


def _writes(registry) -> int:
    with registry.reading() as session:
        return session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action.in_(WRITES))
        )


def _export(registry, user, group, tmp_path, name="export"):
    actor = find_actor(registry, user)
    path, _ = export_records(registry, actor, group, "xlsx", tmp_path / f"{name}.xlsx")
    return actor, path


def _sheet_rows(path) -> tuple[list[str], list[list]]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return rows[0], rows[1:]


def _workbook(header: list[str], rows: list[list], path) -> bytes:
    """A workbook of these rows; text starting with "=" is stored as text (a
    text cell, as a spreadsheet keeps what was typed after an apostrophe), not
    as a formula, so that the hostile text itself reaches the import."""
    book = openpyxl.Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    for line in book.active.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    book.save(path)
    return path.read_bytes()


def _outside_rows(registry, tmp_path, user, group):
    """Rows of the admin's export that lie outside ``user``'s area."""
    admin, path = _export(registry, "admin", group, tmp_path, "all")
    header, rows = _sheet_rows(path)
    mine = {r[0] for r in _sheet_rows(_export(registry, user, group, tmp_path)[1])[1]}
    return header, [row for row in rows if row[0] not in mine]


@pytest.mark.parametrize("group", ["sites", "game-points"])
def test_a_district_user_cannot_update_another_districts_record_by_its_id(
    demo, tmp_path, group
):
    officer = find_actor(demo, "huyen.vinh")
    header, outside = _outside_rows(demo, tmp_path, "huyen.vinh", group)
    column = {name: index for index, name in enumerate(header)}
    row = list(outside[0])
    record_id = row[column["id"]]
    # The row keeps its id and version, and is moved into Vinh to look local.
    _, mine = _sheet_rows(_export(demo, "huyen.vinh", group, tmp_path)[1])
    row[column["latitude"]] = mine[0][column["latitude"]]
    row[column["longitude"]] = mine[0][column["longitude"]]
    row[column["name"]] = "Chiếm quyền"
    if group == "sites":
        row[column["site_code"]] = "HIJACK-1"  # by id, not by code
    data = _workbook(header, [row], tmp_path / "attack.xlsx")
    before = _writes(demo)
    report = import_records(demo, officer, group, data, filename="attack.xlsx")
    assert not report.ok
    refused = [p for p in report.errors if p.code == "files.record_outside_area"]
    assert [(p.row, p.value) for p in refused] == [(2, str(record_id))]
    assert report.outcomes == {2: "refused"}
    assert _writes(demo) == before
    model = BtsSite if group == "sites" else PublicPoint
    with demo.reading() as session:
        assert session.get(model, record_id).name != "Chiếm quyền"


def test_an_operator_cannot_update_another_networks_site(demo, tmp_path):
    viettel = find_actor(demo, "viettel")
    header, rows = _sheet_rows(_export(demo, "admin", "sites", tmp_path)[1])
    column = {name: index for index, name in enumerate(header)}
    other = next(r for r in rows if r[column["network_code"]] != "04")
    other = list(other)
    other[column["notes"]] = "sửa trộm"
    data = _workbook(header, [other], tmp_path / "attack.xlsx")
    report = import_records(demo, viettel, "sites", data, filename="attack.xlsx")
    codes = {p.code for p in report.errors}
    assert "files.record_other_network" in codes
    assert report.outcomes == {2: "refused"}


@pytest.mark.parametrize(
    ("version", "code"),
    [
        (999, "files.version_stale"),
        (0, "files.version_stale"),
        ("-1", "files.version_not_number"),
        ("1; DROP TABLE bts_sites", "files.version_not_number"),
        (HYPERLINK, "files.version_not_number"),
        ("99999999999999999999999", "files.version_not_number"),
        ("<script>alert(1)</script>", "files.version_not_number"),
    ],
)
def test_a_forged_version_is_refused(demo, tmp_path, version, code):
    admin, path = _export(demo, "admin", "sites", tmp_path)
    header, rows = _sheet_rows(path)
    column = {name: index for index, name in enumerate(header)}
    row = list(rows[0])
    row[column["version"]] = version
    row[column["name"]] = "Sửa với phiên bản giả"
    data = _workbook(header, [row], tmp_path / "forged.xlsx")
    before = _writes(demo)
    report = import_records(demo, admin, "sites", data, filename="forged.xlsx")
    assert [(p.row, p.column, p.code) for p in report.errors] == [(2, "version", code)]
    assert _writes(demo) == before


@pytest.mark.parametrize(
    "value", ["<script>alert(1)</script>", HYPERLINK, "1e9", "7.5"]
)
def test_a_hostile_id_names_no_record(demo, tmp_path, value):
    admin, path = _export(demo, "admin", "game-points", tmp_path)
    header, rows = _sheet_rows(path)
    column = {name: index for index, name in enumerate(header)}
    row = list(rows[0])
    row[column["id"]] = value
    data = _workbook(header, [row], tmp_path / "ids.xlsx")
    report = import_records(demo, admin, "game-points", data, filename="ids.xlsx")
    assert [p.code for p in report.errors] == ["files.unknown_record"]


def test_two_offices_importing_the_same_export_cannot_both_win(demo, tmp_path):
    admin, path = _export(demo, "admin", "sites", tmp_path)
    header, rows = _sheet_rows(path)
    column = {name: index for index, name in enumerate(header)}
    first, second = list(rows[0]), list(rows[0])
    first[column["notes"]] = "Sở sửa"
    second[column["notes"]] = "Huyện sửa"
    one = _workbook(header, [first], tmp_path / "one.xlsx")
    two = _workbook(header, [second], tmp_path / "two.xlsx")
    assert import_records(demo, admin, "sites", one, filename="one.xlsx").updated == 1
    late = import_records(demo, admin, "sites", two, filename="two.xlsx")
    assert [p.code for p in late.errors] == ["files.version_stale"]
    with demo.reading() as session:
        assert session.get(BtsSite, first[column["id"]]).notes == "Sở sửa"


def test_one_record_twice_in_a_file_is_refused(demo, tmp_path):
    admin, path = _export(demo, "admin", "game-points", tmp_path)
    header, rows = _sheet_rows(path)
    data = _workbook(header, [rows[0], rows[0]], tmp_path / "twice.xlsx")
    report = import_records(demo, admin, "game-points", data, filename="twice.xlsx")
    assert [(p.row, p.code) for p in report.errors] == [(3, "files.same_record_twice")]


def test_a_formula_typed_into_an_export_stays_text_and_round_trips(demo, tmp_path):
    admin, path = _export(demo, "admin", "sites", tmp_path)
    header, rows = _sheet_rows(path)
    column = {name: index for index, name in enumerate(header)}
    row = list(rows[0])
    row[column["notes"]] = HYPERLINK
    data = _workbook(header, [row], tmp_path / "formula.xlsx")
    report = import_records(demo, admin, "sites", data, filename="formula.xlsx")
    assert report.updated == 1
    with demo.reading() as session:
        assert session.get(BtsSite, row[column["id"]]).notes == HYPERLINK
    again, again_path = _export(demo, "admin", "sites", tmp_path, "again")
    book = openpyxl.load_workbook(again_path)
    assert not [
        c for r in book.worksheets[0].iter_rows() for c in r if c.data_type == "f"
    ]
    # The export's protective apostrophe comes off on the way back: unchanged.
    back = import_records(demo, again, "sites", again_path, dry_run=True)
    assert back.ok and back.updated == 0 and back.unchanged == len(rows)


def test_a_truncated_export_is_refused_as_a_file(demo, tmp_path):
    admin, path = _export(demo, "admin", "sites", tmp_path)
    data = path.read_bytes()
    with pytest.raises(ImportFileError):
        import_records(demo, admin, "sites", data[: len(data) // 2], filename="x.xlsx")


def test_a_workbook_with_thousands_of_unknown_columns_imports_nothing_wrong(
    demo, tmp_path
):
    admin, path = _export(demo, "admin", "game-points", tmp_path)
    header, rows = _sheet_rows(path)
    wide = header + [f"junk{i}" for i in range(3000)]
    body = [list(r) + ["=1+1"] * 3000 for r in rows[:5]]
    data = _workbook(wide, body, tmp_path / "wide.xlsx")
    report = import_records(demo, admin, "game-points", data, filename="wide.xlsx")
    assert report.ok and report.unchanged == 5 and len(report.unknown_columns) == 3000


def test_a_new_point_near_another_districts_point_does_not_name_it(demo, tmp_path):
    # Duplicate detection looks only at what the importer may see: it never
    # tells a district officer the name of a point in another district.
    officer = find_actor(demo, "huyen.vinh")
    header, outside = _outside_rows(demo, tmp_path, "huyen.vinh", "game-points")
    column = {name: index for index, name in enumerate(header)}
    row = list(outside[0])
    row[column["id"]] = row[column["version"]] = None
    data = _workbook(header, [row], tmp_path / "near.xlsx")
    report = import_records(demo, officer, "game-points", data, filename="near.xlsx")
    assert not report.ok  # outside the officer's area anyway
    assert all(outside[0][column["name"]] not in p.expected for p in report.errors)
    assert not [p for p in report.errors if p.code.startswith("files.duplicate")]
