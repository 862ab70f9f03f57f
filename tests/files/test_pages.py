"""The import and export page: trial import with its report, confirm, downloads."""

from __future__ import annotations

import pandas as pd
import pytest

from registry.access.users import create_user
from registry.files.exports import EXPORT_FORMATS
from registry.records.search import search_records
from registry.units.divisions import unit_polygons
from tests.factories import commune_centroid
from tests.page_support import (
    actor,
    demo_app_fixture,
    open_app,
    texts,
)
from tests.units.support import code_of, communes, shifted_north, write_layer

app_env = demo_app_fixture()

PAGE = "pages/5_Nhap_xuat.py"
HEADER = "Mã mạng (MNC 452),Mã trạm,Tên trạm,Vĩ độ,Kinh độ,Loại công trình\n"


def _upload(app, name: str, content: str) -> None:
    uploader = app.file_uploader[0]
    uploader.set_value((name, content.encode("utf-8"), "text/csv"))
    app.run()


def _good_file(registry, code: str) -> str:
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    return HEADER + f"04,{code},Trạm nhập {code},{lat},{lon},Cột dây co\n"


@pytest.mark.parametrize(
    "username", ["so.tttt", "huyen.vinh", "xa.hungdung", "xa.truongvinh", "viettel"]
)
def test_the_page_loads_for_every_role_that_imports_or_exports(app_env, username):
    app = open_app(app_env, username, PAGE)
    assert not app.exception
    assert texts(app.title) == ["Nhập, xuất dữ liệu"]
    tabs = [tab.label for tab in app.tabs]
    assert "Xuất dữ liệu" in tabs
    communes = ("xa.hungdung", "xa.truongvinh")  # they export but do not import
    assert ("Nhập từ tệp" in tabs) is (username not in communes)


def test_a_viewer_is_refused_the_page(app_env):
    app = open_app(app_env, "khach", PAGE)
    assert not app.exception
    assert texts(app.error) == [
        "Vai trò của bạn không được mở trang «Nhập, xuất dữ liệu»."
    ]
    assert not app.file_uploader


def test_a_visitor_is_asked_to_sign_in_first(app_env):
    app = open_app(app_env, None, PAGE)
    assert texts(app.title) == ["Đăng nhập"]
    assert any("Vui lòng đăng nhập" in text for text in texts(app.info))


def test_a_trial_import_shows_each_wrong_cell_in_the_error_table(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    bad = (
        HEADER
        + "04,UI-IMP-BAD,Trạm A,10.7769,106.7009,Cột dây co\n09,UI-X,,abc,105.6,tháp\n"
    )
    _upload(app, "tram.csv", bad)
    assert not app.exception
    assert any("chưa nhập dòng nào" in text for text in texts(app.error))
    # Problems come in one table per kind; every one is listed.
    errors = pd.concat([f.value for f in app.dataframe if "Yêu cầu" in f.value.columns])
    assert set(errors["Dòng"]) == {2, 3}
    assert {"Vĩ độ", "Mã mạng (MNC 452)", "Tên trạm"} <= set(errors["Cột"])
    assert not [b for b in app.button if b.label == "Xác nhận nhập"]


def test_a_valid_file_is_imported_after_confirmation(own_demo_app):
    # The first real import takes the registry out of the demo (demo accounts
    # disabled): it runs on a registry of its own, by a district officer who is
    # not a demo account.
    registry = own_demo_app
    vinh = actor(registry, "huyen.vinh")
    create_user(
        registry,
        actor(registry, "admin"),
        username="can.bo.vinh",
        display_name="Cán bộ Vinh",
        role="district",
        area_edition=vinh.area_edition,
        area_code=vinh.area_code,
    )
    app = open_app(registry, "can.bo.vinh", PAGE)
    _upload(app, "tram.csv", _good_file(registry, "UI-IMP-001"))
    preview = app.dataframe[0].value
    assert preview["Dòng"].tolist() == [2]
    assert any("Tệp hợp lệ: 1 bản ghi mới" in text for text in texts(app.success))
    admin = actor(registry, "admin")
    assert search_records(registry, admin, "site", "UI-IMP-001").empty
    next(b for b in app.button if b.label == "Xác nhận nhập").click().run()
    assert not app.exception
    assert any("Đã nhập: 1 bản ghi mới" in text for text in texts(app.success))
    after = search_records(registry, admin, "site", "UI-IMP-001")
    assert after["site_code"].tolist() == ["UI-IMP-001"]


def test_an_unreadable_file_is_explained(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    _upload(app, "tram.csv", "Tên trạm\nA\n")
    assert not app.exception
    assert any(
        text.startswith("Không đọc được tệp tram.csv: thiếu cột bắt buộc")
        for text in texts(app.error)
    )


def test_an_export_gives_a_file_in_every_format(app_env):
    app = open_app(app_env, "huyen.vinh", PAGE)
    app.button(key="io_prepare").click().run()
    assert not app.exception
    group, form, files = app.session_state["io_exports"]
    assert (group, form) == ("sites", "vi")  # the Vietnamese form by default
    assert [f.fmt for f in files] == list(EXPORT_FORMATS)
    assert all(len(f.data) > 100 for f in files)
    header = files[0].data.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Mã bản ghi,Phiên bản,Nhà mạng,Mã trạm,")
    assert len(app.download_button) == len(EXPORT_FORMATS)


# -- boundary files (department and administrators) -----------------------------


def _boundary_upload(app, name: str, data: bytes) -> None:
    uploader = next(u for u in app.file_uploader if u.label == "Tệp ranh giới")
    uploader.set_value((name, data, "application/geo+json"))
    app.run()


def _one_commune(registry, tmp_path, *, north: float = 0.0) -> bytes:
    code = code_of(registry, "2025-07", "Phường Vinh Phú")
    layer = shifted_north(communes(registry, "2025-07", [code]), north)
    return write_layer(layer, tmp_path / "xa.geojson").read_bytes()


@pytest.mark.parametrize(
    ("username", "shown"),
    [("so.tttt", True), ("admin", True), ("huyen.vinh", False), ("viettel", False)],
)
def test_the_boundary_tab_is_for_the_department_and_administrators(
    app_env, username, shown
):
    app = open_app(app_env, username, PAGE)
    assert not app.exception
    assert ("Ranh giới hành chính" in [tab.label for tab in app.tabs]) is shown


def test_a_boundary_file_is_checked_shown_then_imported_on_confirmation(
    own_demo_app, tmp_path
):
    registry = own_demo_app
    app = open_app(registry, "so.tttt", PAGE)
    _boundary_upload(app, "vinh_phu.geojson", _one_commune(registry, tmp_path))
    assert not app.exception
    [trial] = [i for i in texts(app.info) if "chưa lưu gì" in i]
    assert "1 đối tượng; 1 xã/phường của bộ «Từ 1/7/2025 (xã/phường)» khớp" in trial
    assert any(
        "129 đơn vị không có trong tệp giữ nguyên ranh giới đang có: 0 ranh giới "
        "chính thức, 129 ranh giới gần đúng" in m
        for m in texts(app.markdown)
    )
    changes = next(f.value for f in app.dataframe if "Mất đơn vị" in f.value.columns)
    assert changes["Loại"].tolist() == [
        "Trạm BTS",
        "Điểm Internet, trò chơi",
        "Hồ sơ cấp phép",
    ]
    assert changes["Mất đơn vị"].tolist() == [0, 0, 0]
    sources = unit_polygons(registry, "2025-07", "commune")["boundary_source"]
    assert set(sources) == {"approximate"}
    next(b for b in app.button if b.label == "Xác nhận nhập ranh giới").click().run()
    assert not app.exception
    assert any(s.startswith("Đã nhập ranh giới.") for s in texts(app.success))
    sources = unit_polygons(registry, "2025-07", "commune")["boundary_source"]
    assert (sources == "official").sum() == 1


def test_a_shifted_boundary_file_is_refused_in_vietnamese(app_env, tmp_path):
    app = open_app(app_env, "admin", PAGE)
    _boundary_upload(app, "lech.geojson", _one_commune(app_env, tmp_path, north=1.0))
    assert not app.exception
    [error] = texts(app.error)
    assert error.startswith("lech.geojson không nằm đúng chỗ của 1 đơn vị")
    assert "chưa thay đổi gì" in error
    assert not [b for b in app.button if b.label == "Xác nhận nhập ranh giới"]


def test_the_boundary_trial_speaks_english_when_asked(app_env, tmp_path):
    app = open_app(app_env, "so.tttt", PAGE, language="en")
    uploader = next(u for u in app.file_uploader if u.label == "Boundary file")
    uploader.set_value(("xa.geojson", _one_commune(app_env, tmp_path), "text/json"))
    app.run()
    assert not app.exception
    assert any("Trial run, nothing stored yet" in i for i in texts(app.info))
    assert any(
        "129 unit(s) not in the file keep the boundary they have: 0 official, "
        "129 approximate" in m
        for m in texts(app.markdown)
    )
