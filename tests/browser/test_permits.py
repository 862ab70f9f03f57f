"""A BTS application clicked through in headless Chromium: Viettel files a 60 m
tower with a document, the 2025-07 ward of the site (Thành Vinh: a case filed since
1/7/2025 is held by the new commune only) verifies it, the department approves it
with a permit number (the two-level matrix: towers over 50 m are the
department's), the new site's record carries that number, and the department
reads the whole trail. The session's server (temp SQLite file, 300 demo sites, default
basemap) serves the module; each user gets a fresh browser context. Requests off
localhost are aborted and recorded: the flow may only have asked for the map's
basemap tiles (tests/browser/conftest.py).
"""

from __future__ import annotations

import pytest

from tests import samples
from tests.browser.support import (
    choose_option,
    new_page,
    screenshot,
    sign_in,
    wait_for_script,
)
from tests.factories import commune_centroid

pytestmark = pytest.mark.browser

PERMIT = "31/GPXD-UBND-BR"
PDF = samples.PDF


# Opens the popup of the map's CircleMarker whose tooltip reads `name`; its text.
OPEN_POPUP = """(name) => {
    for (const key of Object.keys(window)) {
        const layer = window[key];
        if (!key.startsWith('circle_marker_') || !layer.getTooltip) continue;
        const tip = layer.getTooltip();
        if (!tip) continue;
        const probe = document.createElement('div');
        probe.innerHTML = tip.getContent();
        if (probe.textContent.trim() === name) {
            layer.openPopup();
            return document.querySelector('.leaflet-popup-content').textContent;
        }
    }
    return null;
}"""


@pytest.fixture(scope="module")
def position(server) -> tuple[str, str]:
    """Latitude and longitude (typed the Vietnamese way) near Hưng Dũng's centre
    (in Thành Vinh of the 2025-07 edition, with the approximate polygons).

    The registry is opened beside the session's server (same SQLite file).
    """
    registry = server.open_registry()
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    registry.engine.dispose()
    return f"{lat:.6f}".replace(".", ","), f"{lon:.6f}".replace(".", ",")


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    path = tmp_path_factory.mktemp("documents") / "ho-so-tram.pdf"
    path.write_bytes(PDF)
    return path


def _send(page, button: str, message: str) -> None:
    page.get_by_role("button", name=button).click()
    page.get_by_text(message).first.wait_for()
    wait_for_script(page)


def _no_exception(page) -> None:
    assert not page.locator('[data-testid="stException"]').count()


def _open_from_inbox(page, number: int) -> None:
    """Follow the inbox's link to the application (the work list of the user)."""
    page.get_by_role("link", name=f"#{number} · ").first.click()
    page.get_by_text(f"Hồ sơ #{number} · Trạm BTS mới").first.wait_for()
    wait_for_script(page)


def test_an_application_goes_from_the_operator_through_the_ward_to_the_department(
    server, browser, guard, position, document
):
    operator = new_page(browser, guard)
    sign_in(operator, server.url, "viettel", path="Ho_so_cap_phep")
    screenshot(operator, "permits_operator_inbox")
    sections = operator.locator('[data-testid="stButtonGroup"]')
    sections.get_by_text("Nộp hồ sơ", exact=True).click()
    wait_for_script(operator)
    form = operator.locator('[data-testid="stForm"]').first
    form.get_by_label("Mã trạm", exact=True).fill("BR-PHEP-01")
    form.get_by_label("Tên trạm", exact=True).fill("Trạm xin phép Hưng Dũng")
    form.get_by_label("Vĩ độ", exact=True).fill(position[0])
    form.get_by_label("Kinh độ", exact=True).fill(position[1])
    form.get_by_label("Địa chỉ", exact=True).fill("Khối 5, phường Hưng Dũng")
    choose_option(
        operator,
        form.get_by_label("Loại công trình", exact=True),
        "Cột tự đứng trên mặt đất",
    )
    form.get_by_label("Chiều cao cột (m)", exact=True).fill("60")
    form.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        str(document)
    )
    form.get_by_text("ho-so-tram.pdf").first.wait_for()
    screenshot(operator, "permits_operator_form")
    _send(operator, "Gửi hồ sơ", "Đã nộp hồ sơ #")
    number = int(operator.url.split("application=")[1].split("&")[0])
    assert operator.get_by_text("dùng chung hạ tầng").first.is_visible()
    screenshot(operator, "permits_operator_filed")
    _no_exception(operator)
    operator.context.close()

    commune = new_page(browser, guard)
    sign_in(commune, server.url, "xa.thanhvinh", path="Ho_so_cap_phep")
    screenshot(commune, "permits_commune_inbox")
    _open_from_inbox(commune, number)
    commune.get_by_label("Ý kiến của khu dân cư xung quanh").fill(
        "Các hộ liền kề không phản đối"
    )
    screenshot(commune, "permits_commune_verify")
    _send(commune, "Ghi kết quả thẩm tra", f"Đã ghi kết quả thẩm tra hồ sơ #{number}.")
    assert commune.get_by_text("Chờ quyết định", exact=True).first.is_visible()
    screenshot(commune, "permits_commune_verified")
    _no_exception(commune)
    commune.context.close()

    district = new_page(browser, guard)
    sign_in(district, server.url, "so.tttt", path="Ho_so_cap_phep")
    _open_from_inbox(district, number)
    district.get_by_label("Số giấy phép, giấy chứng nhận").fill(PERMIT)
    district.get_by_label("Điều kiện kèm theo").fill("Treo biển cảnh báo an toàn")
    screenshot(district, "permits_district_decide")
    _send(district, "Ghi quyết định", f"Đã chấp thuận hồ sơ #{number}; số giấy phép")
    screenshot(district, "permits_district_approved")
    district.get_by_role("link", name="Xem trên bản đồ trạm BTS").click()
    frame = district.locator('iframe[title="streamlit_folium.st_folium"]')
    frame.wait_for()
    wait_for_script(district)
    popup = frame.element_handle().content_frame()
    popup.wait_for_selector(".leaflet-container")
    shown = popup.evaluate(OPEN_POPUP, "Trạm xin phép Hưng Dũng")
    assert shown is not None and PERMIT in shown, shown
    screenshot(district, "permits_site_on_map")
    district.go_back()
    wait_for_script(district)
    district.get_by_role("link", name="Mở bản ghi #").first.click()
    district.get_by_text("Trạm xin phép Hưng Dũng · BR-PHEP-01").first.wait_for()
    wait_for_script(district)
    screenshot(district, "permits_site_record")
    _no_exception(district)
    district.context.close()

    department = new_page(browser, guard)
    sign_in(
        department,
        server.url,
        "so.tttt",
        path=f"Ho_so_cap_phep?application={number}",
    )
    department.get_by_role("tab", name="Quá trình xử lý").click()
    trail = department.locator('[data-testid="stTable"]').first
    for text in ("Thẩm tra", "Đã thẩm tra", "xa.thanhvinh", "Quyết định"):
        assert trail.get_by_text(text, exact=True).first.is_visible(), text
    assert trail.get_by_text("so.tttt", exact=True).first.is_visible()
    assert department.get_by_text("Các hộ liền kề không phản đối").first.is_visible()
    audit = department.locator('[data-testid="stTable"]').last
    for action in ("Nộp hồ sơ", "Thẩm tra", "Chấp thuận"):
        assert audit.get_by_text(action, exact=True).first.is_visible(), action
    screenshot(department, "permits_department_trail")
    department.get_by_role("button", name="Về danh sách hồ sơ").click()
    wait_for_script(department)
    sections = department.locator('[data-testid="stButtonGroup"]')
    sections.get_by_text("Ma trận phân cấp", exact=True).click()
    department.get_by_text("Các mẫu phân cấp").wait_for()
    wait_for_script(department)
    screenshot(department, "permits_matrix")
    sections.get_by_text("Báo cáo", exact=True).click()
    department.get_by_text("Hồ sơ nhận", exact=True).wait_for()
    wait_for_script(department)
    screenshot(department, "permits_report")
    _no_exception(department)
    department.context.close()
