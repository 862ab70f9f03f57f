"""Inspecting offline, clicked through in headless Chromium: a commune clerk
downloads the XLSForm of their commune from the inspections page (pyxform converts
it), then uploads an ODK Central export zip (CSV + photo) made from it; the
submission becomes a draft, and uploading the same zip again creates nothing.
"""

from __future__ import annotations

import io
import uuid

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert
from sqlalchemy import select

from registry.access.users import find_actor
from registry.kernel.clock import today
from registry.kernel.models import Inspection, PublicPoint
from registry.records.places import create_record
from tests.browser.support import new_page, screenshot, sign_in, wait_for_script
from tests.factories import point_values
from tests.inspections.odk_support import export_zip, submission
from tests.inspections.support import image_bytes

pytestmark = pytest.mark.browser

TITLE = "Kiểm tra không có sóng (ODK Collect, KoBoCollect)"


def _points_of(path) -> list[tuple[int, str]]:
    """(id, kind) of the points listed in the form's choices sheet."""
    sheet = load_workbook(path)["choices"]
    header = [cell.value for cell in sheet[1]]
    rows = [
        dict(zip(header, (c.value for c in row), strict=False))
        for row in sheet.iter_rows(min_row=2)
    ]
    return [(int(r["name"]), r["kind"]) for r in rows if r["list_name"] == "points"]


@pytest.fixture(scope="module")
def own_point(server) -> int:
    """A game point of this module's own in Hưng Dũng (the server's other browser
    tests open drafts on the commune's few demo points, one draft per point)."""
    registry = server.open_registry()
    try:
        clerk = find_actor(registry, "xa.hungdung")
        values = point_values(
            registry, name="Phòng game ODK ngoại tuyến", address="Số 14 ngõ Lệ Ninh"
        )
        return int(create_record(registry, clerk, "point", values)["id"])
    finally:
        registry.engine.dispose()


def _free_point(server, points, own: int) -> tuple[int, str, float, float]:
    """The module's own point, listed in the form, with no open draft."""
    assert own in dict(points), "the form lists the commune's points"
    registry = server.open_registry()
    try:
        with registry.reading() as session:
            drafts = set(
                session.scalars(
                    select(Inspection.point_id).where(Inspection.state == "draft")
                )
            )
            assert own not in drafts
            point = session.get(PublicPoint, own)
            return own, dict(points)[own], point.latitude, point.longitude
    finally:
        registry.engine.dispose()


def _import(page, path, message: str) -> None:
    page.locator(".st-key-insp_odk_upload input[type=file]").set_input_files(str(path))
    page.get_by_text(path.name).first.wait_for()
    wait_for_script(page)
    page.get_by_role("button", name="Nhập phiếu").click()
    page.get_by_text(message).first.wait_for()
    wait_for_script(page)


def test_a_clerk_downloads_the_form_and_uploads_the_submissions(
    server, browser, guard, tmp_path, own_point
):
    page = new_page(browser, guard)
    sign_in(page, server.url, "xa.hungdung", path="Kiem_tra")
    page.get_by_text(TITLE).click()
    page.get_by_role("button", name="Tạo biểu mẫu").click()
    download_button = page.get_by_role("button", name="Tải biểu mẫu (XLSForm)")
    download_button.wait_for()
    wait_for_script(page)
    screenshot(page, "odk_form_made")
    with page.expect_download() as info:
        download_button.click()
    form = tmp_path / info.value.suggested_filename
    info.value.save_as(form)
    assert form.name.startswith("kiem_tra_nd147_2024_") and form.suffix == ".xlsx"
    xform = convert(io.BytesIO(form.read_bytes())).xform
    assert "ruleset_key" in xform and "<upload" in xform

    point_id, kind, lat, lon = _free_point(server, _points_of(form), own_point)
    row = submission(
        point_id,
        kind,
        today(),
        instance=f"uuid:{uuid.uuid4()}",
        submitter="xa.hungdung",
        gps=(lat, lon),
        photos=("1733290000000.jpg",),
    )
    archive = tmp_path / "kiem_tra_odk.zip"
    archive.write_bytes(
        export_zip([row], media={"1733290000000.jpg": image_bytes("JPEG", (64, 48))})
    )
    _import(page, archive, "1 phiếu nháp đã tạo")
    # The table is a canvas grid: its cells are in the page, not visible.
    page.get_by_text("Đã tạo phiếu nháp").first.wait_for(state="attached")
    # The page ran again after the import: its lists count the new draft.
    page.get_by_role("tab", name="Phiếu nháp (1)").wait_for()
    assert not page.locator('[data-testid="stException"]').count()
    screenshot(page, "odk_submissions_imported")

    _import(page, archive, "1 phiếu đã nhập trước đó")
    screenshot(page, "odk_submissions_imported_again")
    registry = server.open_registry()
    try:
        with registry.reading() as session:
            drafts = session.scalars(
                select(Inspection).where(
                    Inspection.point_id == point_id, Inspection.state == "draft"
                )
            ).all()
    finally:
        registry.engine.dispose()
    assert [d.inspector for d in drafts] == ["xa.hungdung"]

    # The draft's page says where the phone was (the session cookie keeps the
    # clerk signed in on a new URL).
    page.goto(f"{server.url}/Kiem_tra?inspection={drafts[0].id}")
    page.get_by_text("Nhập từ phiếu ODK của xa.hungdung").wait_for()
    wait_for_script(page)
    assert not page.locator('[data-testid="stException"]').count()
    screenshot(page, "odk_draft_opened")
    page.context.close()
