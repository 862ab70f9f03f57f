"""Export, edit in a spreadsheet, import back: the registry's own files come home.

Each test exports from a copy of a 300-site demo registry (on SQLite and on
PostgreSQL), edits the file the way an office would (openpyxl, or the CSV text)
and imports it back: unchanged rows stay as they were, edited rows update their
record, rows of records changed since the export are refused, new points that
repeat a stored point are reported, and the error workbook marks the bad cells.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import openpyxl
import pytest
from sqlalchemy import func, select

from registry.access.users import find_actor
from registry.cli.main import main as cli_main
from registry.demo.load import load_demo
from registry.files.error_book import BAD_FILL, error_workbook
from registry.files.exports import export_records
from registry.files.forms import CODE_SHEET
from registry.files.imports import IMPORT_GROUPS, import_records
from registry.kernel.clock import VIETNAM_TIME
from registry.kernel.models import MODEL_OF, AuditEntry, BtsSite, PublicPoint
from registry.kernel.vocabulary import OPERATORS
from registry.records.places import update_record
from tests.conftest import DEMO_DAY

WORLD = "demo-300-roundtrip"


def _demo(registry):
    load_demo(registry, find_actor(registry, "admin"), sites=300, today=DEMO_DAY)


@pytest.fixture
def demo(open_world):
    """A fresh copy of the 300-site demo registry (each test may write to it)."""
    return open_world(WORLD, _demo)[0]


def _count(registry, group: str) -> int:
    record_type, kinds = IMPORT_GROUPS[group]
    model = MODEL_OF[record_type]
    query = select(func.count()).select_from(model)
    if kinds:
        query = query.where(model.kind.in_(kinds))
    with registry.reading() as session:
        return session.scalar(query)


_RECORD_WRITES = ("create", "create_batch", "update", "change_status")


def _audit_count(registry) -> int:
    """Audit entries of writes of records (leaving the demo writes others)."""
    with registry.reading() as session:
        return session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action.in_(_RECORD_WRITES))
        )


def _export(registry, user, group, tmp_path, fmt="xlsx", form="codes"):
    actor = find_actor(registry, user)
    path, count = export_records(
        registry, actor, group, fmt, tmp_path / f"{group}-{form}.{fmt}", form=form
    )
    return actor, path, count


def _edit(path, changes: dict[tuple[int, str], object]) -> None:
    """Set cells (file row, header) of the workbook's first sheet."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    headers = {cell.value: cell.column for cell in sheet[1]}
    for (row, header), value in changes.items():
        sheet.cell(row, headers[header]).value = value
    book.save(path)


def _cell(path, row: int, header: str):
    sheet = openpyxl.load_workbook(path).worksheets[0]
    headers = {cell.value: cell.column for cell in sheet[1]}
    return sheet.cell(row, headers[header]).value


@pytest.mark.parametrize(
    ("user", "group", "form"),
    [
        ("admin", "sites", "codes"),
        ("admin", "sites", "vi"),
        ("huyen.vinh", "sites", "vi"),
        ("admin", "game-points", "vi"),
        ("admin", "internet-points", "codes"),
    ],
)
def test_re_importing_an_export_leaves_every_record_unchanged(
    demo, tmp_path, user, group, form
):
    actor, path, exported = _export(demo, user, group, tmp_path, form=form)
    before, audits = _count(demo, group), _audit_count(demo)
    report = import_records(demo, actor, group, path)
    assert report.ok, report.errors[:3]
    assert exported > 0
    assert report.outcome_counts() == {
        "created": 0,
        "updated": 0,
        "unchanged": exported,
        "refused": 0,
    }
    assert report.unknown_columns == []
    assert _count(demo, group) == before  # nothing duplicated
    assert _audit_count(demo) == audits  # no record written


def test_the_csv_export_comes_back_unchanged_too(demo, tmp_path):
    actor, path, exported = _export(demo, "admin", "sites", tmp_path, fmt="csv")
    report = import_records(demo, actor, "sites", path, dry_run=True)
    assert report.ok and report.unchanged == exported


def test_three_edited_rows_update_their_records_and_the_rest_stay(demo, tmp_path):
    actor, path, exported = _export(demo, "admin", "sites", tmp_path, form="vi")
    ids = [_cell(path, row, "Mã bản ghi") for row in (2, 5, 9)]
    _edit(
        path,
        {
            (2, "Tên trạm"): "Trạm đã sửa 1",
            (5, "Ghi chú"): "Đã kiểm tra lại",
            (9, "Chiều cao cột (m)"): 42,
        },
    )
    report = import_records(demo, actor, "sites", path)
    assert report.ok, report.errors[:3]
    assert report.outcome_counts() == {
        "created": 0,
        "updated": 3,
        "unchanged": exported - 3,
        "refused": 0,
    }
    assert [report.outcomes[row] for row in (2, 5, 9)] == ["updated"] * 3
    assert [report.record_ids[row] for row in (2, 5, 9)] == ids
    with demo.reading() as session:
        first, second, third = (session.get(BtsSite, i) for i in ids)
        assert first.name == "Trạm đã sửa 1" and first.version == 2
        assert second.notes == "Đã kiểm tra lại"
        assert third.structure_height_m == 42
        updates = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "update", AuditEntry.entity_type == "bts_site"
            )
        ).all()
    assert sorted(int(e.entity_id) for e in updates) == sorted(ids)
    # The file is now stale for those three: a second import refuses them.
    again = import_records(demo, actor, "sites", path, dry_run=True)
    assert sorted(p.row for p in again.errors) == [2, 5, 9]
    assert {p.code for p in again.errors} == {"files.version_stale"}


def test_a_status_changed_in_the_file_moves_the_record_through_its_history(
    demo, tmp_path
):
    actor, path, _ = _export(demo, "admin", "sites", tmp_path)
    record_id, status = _cell(path, 2, "id"), _cell(path, 2, "status")
    assert status == "on_air"
    _edit(path, {(2, "status"): "suspended"})
    report = import_records(demo, actor, "sites", path)
    assert report.ok and report.outcomes[2] == "updated"
    with demo.reading() as session:
        assert session.get(BtsSite, record_id).status == "suspended"


def test_rows_of_records_changed_since_the_export_are_refused(demo, tmp_path):
    actor, path, _ = _export(demo, "admin", "game-points", tmp_path)
    stale_id = _cell(path, 3, "id")
    update_record(demo, actor, "point", stale_id, {"notes": "sửa trên trang"})
    _edit(path, {(3, "name"): "Tên sửa trong Excel", (4, "name"): "Tên khác"})
    before = _audit_count(demo)
    report = import_records(demo, actor, "game-points", path)
    assert not report.ok
    assert [(p.row, p.column, p.code) for p in report.errors] == [
        (3, "version", "files.version_stale")
    ]
    assert report.errors[0].context["version"] == 2
    assert report.outcomes[3] == "refused" and report.outcomes[4] == "updated"
    assert _audit_count(demo) == before  # all or nothing: row 4 not stored either
    with demo.reading() as session:
        assert session.get(PublicPoint, stale_id).notes == "sửa trên trang"


def test_a_row_of_a_stored_record_without_a_version_asks_for_a_new_export(
    demo, tmp_path
):
    actor, path, _ = _export(demo, "admin", "internet-points", tmp_path)
    _edit(path, {(2, "version"): None})
    report = import_records(demo, actor, "internet-points", path, dry_run=True)
    assert [(p.row, p.code) for p in report.errors] == [(2, "files.version_missing")]
    assert "export the records again" in report.errors[0].expected


def test_new_points_that_repeat_a_stored_point_are_reported_not_created(demo, tmp_path):
    actor, path, exported = _export(demo, "admin", "game-points", tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    first = [cell.value for cell in sheet[2]]
    column = {name: index for index, name in enumerate(headers)}

    def new_row(**changes):
        row = list(first)
        row[column["id"]] = row[column["version"]] = None
        for name, value in changes.items():
            row[column[name]] = value
        return row

    # Same name and address in the same commune, a little further away.
    sheet.append(new_row(latitude=first[column["latitude"]] + 0.0005))
    # Another name 2 m away.
    sheet.append(
        new_row(name="Phòng game khác", latitude=first[column["latitude"]] + 0.00002)
    )
    # A new point far from any, twice in the file.
    lone = {"name": "Điểm mới", "address": "Số 1", "latitude": 19.3, "longitude": 105.0}
    sheet.append(new_row(**lone))
    sheet.append(new_row(**lone))
    book.save(path)
    before = _count(demo, "game-points")
    report = import_records(demo, actor, "game-points", path)
    rows = exported + 1
    found = {p.row: p.code for p in report.errors}
    assert found == {
        rows + 1: "files.duplicate_point_name",
        rows + 2: "files.duplicate_point_near",
        rows + 4: "files.duplicate_point_in_file",
    }
    assert report.errors[1].context["metres"] < 5
    assert report.outcomes[rows + 3] == "created"
    assert _count(demo, "game-points") == before


def test_every_problem_is_listed_and_marked_in_the_error_workbook(demo, tmp_path):
    actor, path, exported = _export(demo, "admin", "sites", tmp_path)
    stale_id = _cell(path, 7, "id")
    update_record(demo, actor, "site", stale_id, {"notes": "đổi"})
    _edit(
        path,
        {
            (2, "latitude"): "abc",  # not a coordinate
            (3, "structure_type"): "tháp",  # not a structure
            (4, "version"): None,  # no version
            (5, "id"): 999_999,  # no such record; its code still matches
        },
    )
    report = import_records(demo, actor, "sites", path, dry_run=True)
    # The broken cells do not hide the rows the registry refuses.
    by_row = {p.row: p.code for p in report.errors}
    assert by_row[2].startswith("records.coordinate")
    assert by_row[3] == "records.choice"
    assert by_row[4] == "files.version_missing"
    assert by_row[7] == "files.version_stale"
    assert report.outcome_counts()["refused"] == len(by_row)
    book = openpyxl.load_workbook(io.BytesIO(error_workbook(report, path)))
    assert book.sheetnames == ["Problems", "Data"]
    data = book["Data"]
    headers = {cell.value: cell.column for cell in data[1]}
    for row, header in ((2, "latitude"), (3, "structure_type"), (4, "version")):
        cell = data.cell(row, headers[header])
        assert cell.fill.start_color.rgb.endswith(BAD_FILL), (row, header)
        assert cell.comment is not None and cell.comment.text
    assert data.cell(6, headers["name"]).fill.fill_type is None  # a good cell
    listed = [r for r in book["Problems"].iter_rows(min_row=2, values_only=True)]
    kinds = [r[0] for r in listed if r[0]]
    assert "Values not understood" in kinds
    assert "Records that exist: versions, areas, statuses" in kinds
    assert sum(1 for r in listed if r[2] is not None) == len(report.errors)


def test_the_command_line_writes_the_error_workbook(demo, tmp_path, monkeypatch):
    actor, path, _ = _export(demo, "admin", "sites", tmp_path)
    _edit(path, {(2, "latitude"): "abc"})
    monkeypatch.setenv("REGISTRY_DATABASE_URL", str(demo.engine.url.render_as_string(
        hide_password=False
    )))  # fmt: skip
    target = tmp_path / "loi.xlsx"
    assert cli_main(["import", "sites", str(path), "--errors", str(target)]) == 1
    book = openpyxl.load_workbook(target)
    data = book.worksheets[1]
    headers = {cell.value: cell.column for cell in data[1]}
    assert data.cell(2, headers["latitude"]).comment is not None


def test_the_vietnamese_form_keeps_the_codes_in_a_second_sheet(demo, tmp_path):
    _, path, _ = _export(demo, "admin", "sites", tmp_path, form="vi")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["sites", CODE_SHEET, "Ghi chú"]
    header = [cell.value for cell in book["sites"][1]]
    assert header[:4] == ["Mã bản ghi", "Phiên bản", "Nhà mạng", "Mã trạm"]
    operators = {c.value for c in book["sites"]["C"][1:]}
    assert operators <= {operator.name for operator in OPERATORS.values()}
    assert "Viettel" in operators
    codes = list(book[CODE_SHEET].iter_rows(values_only=True))
    assert ("Nhà mạng", "network_code", "04", "Viettel") in codes


def test_the_export_time_is_vietnam_time(demo, tmp_path):
    _, path, _ = _export(demo, "admin", "sites", tmp_path)
    notes = dict(openpyxl.load_workbook(path)["Ghi chú"].iter_rows(values_only=True))
    vietnam = datetime.now(VIETNAM_TIME).replace(tzinfo=None)
    assert abs(notes["Thời điểm xuất"] - vietnam) < timedelta(minutes=2)
    assert notes["Múi giờ"] == "Asia/Ho_Chi_Minh, UTC+7"
