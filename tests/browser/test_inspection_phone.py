"""An inspection recorded on a phone (390×844), as commune staff do on site.

The clerk opens an inspection, marks one item "Không đạt", saves (the checklist
stays open and the message names the point), follows the offer to record the
violation (the violations tab opens with the rule chosen), saves it (the tab stays),
then takes a photo with the phone's camera (Chromium's fake camera) and adds a
file, saves (the photos tab stays). Streamlit's camera and uploader show
Vietnamese words only.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from registry.access.users import find_actor
from registry.inspections.plans import inspection_overview
from tests.browser.english import VISIBLE_TEXT, english_fragments, english_in
from tests.browser.support import (
    choose_option,
    screenshot,
    sign_in,
    wait_for_script,
)

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
FIRST_PAGE_MS = 120_000


@pytest.fixture
def phone(browser, guard):
    """A phone-sized context allowed to use the (fake) camera."""
    context = browser.new_context(
        viewport=PHONE,
        locale="vi-VN",
        permissions=["camera"],
        is_mobile=True,
        has_touch=True,
    )
    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture(scope="module")
def point(server) -> tuple[int, str]:
    """The second point of the Hưng Dũng clerk's plan (the desktop test takes the
    first)."""
    registry = server.open_registry()
    clerk = find_actor(registry, "xa.hungdung")
    points = inspection_overview(registry, clerk).points
    chosen = points.iloc[min(1, len(points) - 1)]
    registry.engine.dispose()
    return int(chosen["id"]), str(chosen["name"])


@pytest.fixture(scope="module")
def photo(tmp_path_factory):
    path = tmp_path_factory.mktemp("phone") / "quay-thu-ngan.png"
    buffer = io.BytesIO()
    Image.new("RGB", (48, 64), (200, 80, 30)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def _open_tab(page) -> str:
    return page.get_by_role("tab", selected=True).inner_text().strip()


def _save(page, button: str, message: str) -> None:
    page.get_by_role("button", name=button).click()
    page.get_by_text(message).first.wait_for()
    wait_for_script(page)


def test_a_clerk_records_a_failed_item_its_violation_and_a_photo_on_a_phone(
    server, phone, point, photo
):
    page = phone
    # The server's first page may take long on a busy machine: wait for the form.
    page.goto(f"{server.url}/Kiem_tra")
    page.get_by_label("Tên đăng nhập").wait_for(timeout=FIRST_PAGE_MS)
    sign_in(page, server.url, "xa.hungdung", path="Kiem_tra")
    page.get_by_text("Mở phiếu kiểm tra mới").click()
    choose_option(
        page,
        page.get_by_role("combobox", name="Điểm được kiểm tra"),
        f"#{point[0]} · {point[1]}",
        point[1],
    )
    _save(page, "Mở phiếu", "Đã mở phiếu kiểm tra #")
    inspection = int(page.url.split("inspection=")[1].split("&")[0])

    form = page.locator('[data-testid="stForm"]').first
    groups = form.locator('[data-testid="stRadio"]').all()
    for group in groups[1:]:
        group.get_by_text("Đạt", exact=True).click()
    groups[0].get_by_text("Không đạt", exact=True).click()
    screenshot(page, "phone_checklist_filled")
    _save(page, "Lưu kết quả", f"Đã lưu phiếu #{inspection}. {point[1]}: kết quả")
    assert _open_tab(page) == "Danh mục kiểm tra"
    screenshot(page, "phone_checklist_saved")

    offer = page.get_by_role("button", name="Ghi vi phạm:")
    assert offer.count() == 1
    offer.click()
    wait_for_script(page)
    assert _open_tab(page) == "Vi phạm (0)"
    rule = page.get_by_role("combobox", name="Quy định bị vi phạm")
    assert rule.input_value(), "the failed item's rule is chosen"
    page.get_by_label("Mô tả vi phạm").fill("Không treo nội quy phòng máy")
    _save(page, "Ghi vi phạm", f"Đã lưu phiếu #{inspection}. {point[1]}: vi phạm")
    assert _open_tab(page) == "Vi phạm (1)"
    assert page.get_by_role("button", name="Ghi vi phạm:").count() == 0
    screenshot(page, "phone_violation_saved")

    page.get_by_role("tab", name="Ảnh (0)").click()
    page.get_by_text("Chụp ảnh bằng máy").first.click()
    take = page.locator('[data-testid="stCameraInputButton"]')
    page.wait_for_function(
        """() => {
            const b = document.querySelector('[data-testid="stCameraInputButton"]');
            return b && !b.disabled;
        }"""
    )
    screenshot(page, "phone_camera_open")
    take.click()
    page.locator('[data-testid="stCameraInput"] img[alt="Snapshot"]').wait_for()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        str(photo)
    )
    page.get_by_text("quay-thu-ngan.png").first.wait_for()
    wait_for_script(page)
    seen = english_in(
        page.evaluate(VISIBLE_TEXT), english_fragments(), ("xa.hungdung",)
    )
    assert seen == [], seen
    screenshot(page, "phone_photos_chosen")
    _save(page, "Lưu ảnh", f"Đã lưu phiếu #{inspection}. {point[1]}: 2 ảnh")
    assert _open_tab(page) == "Ảnh (2)"
    assert page.locator('[data-testid="stImage"] img').count() >= 2
    assert not page.locator('[data-testid="stException"]').count()
    screenshot(page, "phone_photos_saved")
