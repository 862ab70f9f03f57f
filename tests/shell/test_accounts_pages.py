"""Accounts in the app (AppTest): the users page for administrators, the sign-in
page after the demo, throttled sign-ins, disabled users and idle sessions."""

from __future__ import annotations

import time

import pytest

from registry.access.accounts import area_choices, disable_user
from registry.access.users import authenticate, find_actor
from registry.demo.load import DEMO_PASSWORD
from registry.demo.remove import remove_demo
from registry.kernel.errors import PermissionDeniedError
from tests.factories import commune_centroid
from tests.page_support import demo_app_fixture, menu, open_app, texts
from ui.shell.state import LAST_SEEN_KEY

app_env = demo_app_fixture()
PAGE = "pages/11_Nguoi_dung.py"


def _sign_in(app, username: str, password: str):
    app.text_input(key="auth_username").input(username)
    app.text_input(key="auth_password").input(password)
    return app.button(key="auth_submit").click().run()


def test_only_administrators_have_the_users_page_in_the_menu(app_env):
    assert "Người dùng" in menu(open_app(app_env, "admin"))
    for username in ("so.tttt", "huyen.vinh", "viettel", "khach"):
        assert "Người dùng" not in menu(open_app(app_env, username))


@pytest.mark.parametrize("username", ["khach", "so.tttt"])
def test_other_roles_opening_the_users_page_by_its_address_are_refused(
    app_env, username
):
    app = open_app(app_env, username, PAGE)
    assert not app.exception
    assert texts(app.error) == ["Vai trò của bạn không được mở trang «Người dùng»."]
    assert not app.dataframe


def test_the_users_page_lists_users_with_role_area_and_state(app_env):
    app = open_app(app_env, "admin", PAGE)
    assert not app.exception
    assert texts(app.title) == ["Người dùng"]
    table = app.dataframe[0].value
    rows = table.set_index("Tên đăng nhập")
    assert rows.loc["huyen.vinh", "Vai trò"] == "Cán bộ huyện"
    assert rows.loc["huyen.vinh", "Phạm vi"].startswith("Thành phố Vinh")
    assert rows.loc["khach", "Trạng thái"] == "Đang hoạt động"
    assert rows.loc["khach", "Tài khoản dùng thử"] == "có"
    assert rows.loc["admin", "Tài khoản dùng thử"] == ""


def test_an_administrator_adds_disables_and_sets_a_password(own_demo_app):
    registry = own_demo_app
    app = open_app(registry, "admin", PAGE)
    app.text_input(key="usr_new_name").input("can.bo.moi")
    app.text_input(key="usr_new_display").input("Cán bộ mới")
    app.selectbox(key="usr_new_role").set_value("viewer")
    app.text_input(key="usr_new_password").input("mat-khau-dai")
    app.text_input(key="usr_new_again").input("mat-khau-dai")
    app.button(key="usr_add").click().run()
    assert not app.exception
    assert "Đã thêm người dùng can.bo.moi." in texts(app.success)
    assert authenticate(registry, "can.bo.moi", "mat-khau-dai")

    app.selectbox(key="usr_pick").set_value("can.bo.moi").run()
    app.button(key="usr_disable").click().run()
    assert "Đã khoá tài khoản can.bo.moi." in texts(app.success)
    with pytest.raises(PermissionDeniedError):
        authenticate(registry, "can.bo.moi", "mat-khau-dai")

    app.selectbox(key="usr_pick").set_value("khach").run()
    app.text_input(key="usr_pw").input("ngan")
    app.text_input(key="usr_pw_again").input("ngan")
    app.button(key="usr_save_password").click().run()
    assert any("ít nhất 8 ký tự" in text for text in texts(app.error))
    # The last administrator is kept, with the refusal in Vietnamese.
    app.selectbox(key="usr_pick").set_value("admin").run()
    app.button(key="usr_disable").click().run()
    assert any("quản trị viên cuối cùng" in text for text in texts(app.error))


def test_a_disabled_users_session_ends_at_the_next_page_load(own_demo_app):
    registry = own_demo_app
    app = open_app(registry, "huyen.vinh")
    assert texts(app.title) == ["Tổng quan"]
    disable_user(registry, find_actor(registry, "admin"), "huyen.vinh")
    app.run()
    assert texts(app.title) == ["Đăng nhập"]
    assert "actor" not in app.session_state


def test_after_the_demo_the_sign_in_page_lists_no_demo_account(own_demo_app):
    registry = own_demo_app
    before = open_app(registry)
    assert before.dataframe and "khach" in before.dataframe[0].value.to_string()
    remove_demo(registry, find_actor(registry, "admin"))
    app = open_app(registry)
    assert not app.exception
    assert not app.dataframe
    assert DEMO_PASSWORD not in " ".join(texts(app.caption) + texts(app.markdown))
    _sign_in(app, "khach", DEMO_PASSWORD)
    assert texts(app.error) == ["Sai tên đăng nhập hoặc mật khẩu."]
    assert texts(app.title) == ["Đăng nhập"]


def test_a_throttled_sign_in_says_when_to_try_again(own_demo_app):
    app = open_app(own_demo_app)
    for _ in range(4):
        _sign_in(app, "viettel", "sai-mat-khau")
        assert texts(app.error) == ["Sai tên đăng nhập hoặc mật khẩu."]
    _sign_in(app, "viettel", DEMO_PASSWORD + "x")
    (message,) = texts(app.error)
    assert message.startswith("Chưa đăng nhập được: đăng nhập sai quá nhiều lần")
    assert "hãy thử lại sau" in message and "(còn 30 giây)" in message
    _sign_in(app, "viettel", DEMO_PASSWORD)  # right, but still waiting
    assert "hãy thử lại sau" in texts(app.error)[0]
    assert texts(app.title) == ["Đăng nhập"]


def test_an_idle_session_is_signed_out_and_told_so(app_env):
    app = open_app(app_env, "so.tttt")
    assert texts(app.title) == ["Tổng quan"]
    app.session_state[LAST_SEEN_KEY] = time.time() - 29 * 60
    app.run()
    assert texts(app.title) == ["Tổng quan"]  # 29 of 30 minutes: still signed in
    app.session_state[LAST_SEEN_KEY] = time.time() - 31 * 60
    app.run()
    assert texts(app.title) == ["Đăng nhập"]
    assert any("không thao tác trong 30 phút" in text for text in texts(app.info))


def test_the_first_import_through_the_page_says_the_demo_accounts_are_closed(
    own_demo_app,
):
    registry = own_demo_app
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    content = (
        "Mã mạng (MNC 452),Mã trạm,Tên trạm,Vĩ độ,Kinh độ,Loại công trình\n"
        f"04,THAT-001,Trạm thật,{lat},{lon},Cột dây co\n"
    )
    app = open_app(registry, "admin", "pages/5_Nhap_xuat.py")
    app.file_uploader[0].set_value(("tram.csv", content.encode(), "text/csv"))
    app.run()
    next(b for b in app.button if b.label == "Xác nhận nhập").click().run()
    assert not app.exception
    assert any("Đã nhập: 1 bản ghi mới" in text for text in texts(app.success))
    (note,) = [text for text in texts(app.info) if "tài khoản dùng thử" in text]
    assert "khach" in note and "so.tttt" in note
    visitor = open_app(registry)
    assert not visitor.dataframe  # the sign-in page lists no demo account


def test_a_commune_officer_is_added_with_an_area(app_env):
    app = open_app(app_env, "admin", PAGE)
    app.text_input(key="usr_new_name").input("xa.moi")
    app.selectbox(key="usr_new_role").set_value("commune").run()
    app.selectbox(key="usr_new_edition").set_value("2025-07").run()
    areas = app.selectbox(key="usr_new_area_2025-07")
    assert len(areas.options) == 130
    assert "Phường Trường Vinh" in areas.options  # shown by name
    admin = find_actor(app_env, "admin")
    codes = {
        name: code for code, name in area_choices(app_env, admin, "2025-07", "commune")
    }
    areas.set_value(codes["Phường Trường Vinh"])
    app.text_input(key="usr_new_password").input("mat-khau-xa-moi")
    app.text_input(key="usr_new_again").input("mat-khau-xa-moi")
    app.button(key="usr_add").click().run()
    assert not app.exception
    assert "Đã thêm người dùng xa.moi." in texts(app.success)
    made = find_actor(app_env, "xa.moi")
    assert (made.area_edition, made.area_name) == ("2025-07", "Phường Trường Vinh")
    rows = app.dataframe[0].value.set_index("Tên đăng nhập")
    assert rows.loc["xa.moi", "Phạm vi"] == "Phường Trường Vinh (2025-07)"


def test_the_users_page_speaks_english_on_request(app_env):
    app = open_app(app_env, "admin", PAGE, language="en")
    assert not app.exception
    assert texts(app.title) == ["Users"]
    columns = list(app.dataframe[0].value.columns)
    assert columns[:3] == ["User name", "Display name", "Role"]
    assert app.dataframe[0].value.set_index("User name").loc["khach", "State"] == (
        "Enabled"
    )
