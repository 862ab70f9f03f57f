"""An inspection clicked through in headless Chromium: a commune clerk records it
with a photo, the district officer reviews it, the dashboard counts change.

The session's server (temp SQLite file, 300 demo sites) serves the module; each
user gets a fresh browser context. Requests off localhost are aborted and recorded:
every test fails if its pages asked for one (the flow: not even a basemap tile).
Screenshots go to the folder the module prints.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from registry.access.users import find_actor
from registry.inspections.plans import inspection_overview
from tests.browser.support import (
    choose_option,
    new_page,
    screenshot,
    sign_in,
    wait_for_script,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, guard):
    page = new_page(browser, guard)
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def point(server) -> tuple[int, str]:
    """The first point of the Hưng Dũng clerk's plan (overdue first).

    The registry is opened beside the session's server (same SQLite file).
    """
    registry = server.open_registry()
    clerk = find_actor(registry, "xa.hungdung")
    first = inspection_overview(registry, clerk).points.iloc[0]
    registry.engine.dispose()
    return int(first["id"]), str(first["name"])


@pytest.fixture(scope="module")
def photo(tmp_path_factory):
    """A small PNG made with Pillow, as the clerk's phone would give it."""
    path = tmp_path_factory.mktemp("photos") / "bien-hieu.png"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def _metric(page, label: str) -> int:
    metric = page.locator('[data-testid="stMetric"]').filter(
        has=page.get_by_text(label, exact=True)
    )
    return int(
        metric.locator('[data-testid="stMetricValue"]').inner_text().replace(".", "")
    )


def _submit_and_wait(page, button: str, message: str) -> None:
    page.get_by_role("button", name=button).click()
    page.get_by_text(message).first.wait_for()
    wait_for_script(page)


def _pick(page, label: str, typed: str, option: str) -> None:
    """Choose ``option`` in the select box labelled ``label`` by typing ``typed``."""
    choose_option(page, page.get_by_role("combobox", name=label), option, typed)


def _menu(page, label: str) -> None:
    """Follow a sidebar link (a new URL typed in would start a new session)."""
    links = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"]')
    links.filter(has_text=label).click()
    wait_for_script(page)


def _no_exception(page) -> None:
    assert not page.locator('[data-testid="stException"]').count()


def test_a_clerk_records_an_inspection_the_district_reviews_it(
    server, browser, guard, point, photo
):
    officer = new_page(browser, guard)
    sign_in(officer, server.url, "huyen.vinh", path="Bang_theo_doi")
    done_before = _metric(officer, "Đã kiểm tra")
    waiting_before = _metric(officer, "Phiếu chờ duyệt")
    screenshot(officer, "inspections_dashboard_before")

    clerk = new_page(browser, guard)
    sign_in(clerk, server.url, "xa.hungdung", path="Kiem_tra")
    screenshot(clerk, "inspections_list_commune")
    clerk.get_by_text("Mở phiếu kiểm tra mới").click()
    _pick(clerk, "Điểm được kiểm tra", point[1], f"#{point[0]} · {point[1]}")
    screenshot(clerk, "inspection_open_from_picker")
    _submit_and_wait(clerk, "Mở phiếu", "Đã mở phiếu kiểm tra #")
    inspection = int(clerk.url.split("inspection=")[1].split("&")[0])

    form = clerk.locator('[data-testid="stForm"]').first
    for group in form.locator('[data-testid="stRadio"]').all():
        group.get_by_text("Đạt", exact=True).click()
    form.get_by_label("Ghi chú").first.fill("Giấy chứng nhận treo tại quầy")
    screenshot(clerk, "inspection_checklist_filled")
    _submit_and_wait(clerk, "Lưu kết quả", f"Đã lưu phiếu #{inspection}.")

    clerk.get_by_role("tab", name="Ảnh (0)").click()

    wait_for_script(clerk)  # the open tab is kept: a click reruns the page
    clerk.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        str(photo)
    )
    clerk.get_by_text("bien-hieu.png").first.wait_for()
    _submit_and_wait(clerk, "Lưu ảnh", f"Đã lưu phiếu #{inspection}.")
    clerk.get_by_role("tab", name="Ảnh (1)").click()
    wait_for_script(clerk)  # the open tab is kept: a click reruns the page
    clerk.locator('[data-testid="stImage"] img').first.wait_for()
    screenshot(clerk, "inspection_photo_saved")

    clerk.get_by_role("tab", name="Nộp, duyệt").click()

    wait_for_script(clerk)  # the open tab is kept: a click reruns the page
    _submit_and_wait(clerk, "Nộp phiếu để duyệt", f"Đã nộp phiếu #{inspection}")
    screenshot(clerk, "inspection_submitted")
    _no_exception(clerk)
    clerk.context.close()

    _menu(officer, "Kiểm tra điểm Internet, trò chơi")
    officer.get_by_text(f"#{inspection} · ").first.click()
    officer.get_by_text(f"Phiếu kiểm tra #{inspection}").first.wait_for()
    wait_for_script(officer)
    officer.get_by_role("tab", name="Nộp, duyệt").click()
    wait_for_script(officer)  # the open tab is kept: a click reruns the page
    officer.get_by_text("Đã duyệt", exact=True).click()
    screenshot(officer, "inspection_review")
    _submit_and_wait(officer, "Duyệt phiếu", f"Đã duyệt phiếu #{inspection}: Đã duyệt.")
    screenshot(officer, "inspection_approved")

    _menu(officer, "Bảng theo dõi kiểm tra")
    assert _metric(officer, "Đã kiểm tra") == done_before + 1
    assert _metric(officer, "Phiếu chờ duyệt") == waiting_before
    screenshot(officer, "inspections_dashboard_after")
    _no_exception(officer)
    officer.context.close()
    assert guard.blocked == []


def test_a_viewer_cannot_open_the_inspections_by_their_url(server, page):
    sign_in(page, server.url, "khach", path="Kiem_tra?inspection=1")
    refusal = "Vai trò của bạn không được mở trang «Kiểm tra điểm Internet, trò chơi»."
    assert page.get_by_text(refusal).is_visible()
    screenshot(page, "inspections_url_guard_viewer")
