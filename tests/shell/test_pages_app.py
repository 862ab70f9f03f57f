"""The home page (app.py): sign-in, the figures of the user's area, recent changes."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from registry.demo.load import DEMO_PASSWORD
from registry.kernel.models import User
from tests.page_support import (
    APP,
    DEMO_USERNAMES,
    demo_app_fixture,
    menu,
    open_app,
    texts,
)

app_env = demo_app_fixture()


def test_a_visitor_sees_the_sign_in_form_and_the_demo_accounts(app_env):
    app = open_app(app_env)
    assert not app.exception
    assert texts(app.title) == ["Đăng nhập"]
    assert app.text_input(key="auth_username").label == "Tên đăng nhập"
    demo_table = app.dataframe[0].value
    assert "so.tttt" in demo_table["Tên đăng nhập"].tolist()
    assert set(demo_table["Mật khẩu"]) == {DEMO_PASSWORD}
    assert menu(app) == []


def test_signing_in_through_the_form_opens_the_home_page(app_env):
    app = open_app(app_env)
    app.text_input(key="auth_username").input("huyen.vinh")
    app.text_input(key="auth_password").input(DEMO_PASSWORD)
    app.button(key="auth_submit").click().run()
    assert not app.exception
    assert texts(app.title) == ["Tổng quan"]
    assert app.session_state["actor"].username == "huyen.vinh"


def test_a_wrong_password_is_refused_with_a_message(app_env):
    app = open_app(app_env)
    app.text_input(key="auth_username").input("huyen.vinh")
    app.text_input(key="auth_password").input("wrong-password")
    app.button(key="auth_submit").click().run()
    assert texts(app.error) == ["Sai tên đăng nhập hoặc mật khẩu."]
    assert texts(app.title) == ["Đăng nhập"]


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_the_home_page_shows_the_figures_of_each_role(app_env, username):
    app = open_app(app_env, username)
    assert not app.exception
    assert texts(app.title) == ["Tổng quan"]
    labels = [metric.label for metric in app.metric]
    assert "Trạm đang phát sóng" in labels
    reads_points = username != "viettel"
    assert ("Giấy chứng nhận đã hết hạn" in labels) is reads_points
    assert "Thay đổi gần đây" in texts(app.subheader)


BTS_MAP, POINTS_MAP = "Bản đồ trạm BTS", "Bản đồ điểm Internet, trò chơi"
REGISTRY, TRANSFER = "Sổ đăng ký", "Nhập, xuất dữ liệu"
INSPECTIONS, DASHBOARD = "Kiểm tra điểm Internet, trò chơi", "Bảng theo dõi kiểm tra"
PERMITS, COVERAGE, REPORTS = "Hồ sơ cấp phép", "Phủ sóng", "Báo cáo"
CELLS = "Trạm ngoài sổ"
STAFF_MENU = [
    "Trang chủ",
    BTS_MAP,
    POINTS_MAP,
    REGISTRY,
    TRANSFER,
    INSPECTIONS,
    DASHBOARD,
    PERMITS,
    COVERAGE,
]


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("so.tttt", [*STAFF_MENU, REPORTS, CELLS]),
        ("huyen.vinh", [*STAFF_MENU, REPORTS, CELLS]),
        ("xa.hungdung", [*STAFF_MENU, CELLS]),
        (
            "viettel",
            ["Trang chủ", BTS_MAP, REGISTRY, TRANSFER, PERMITS, COVERAGE, CELLS],
        ),
        ("khach", ["Trang chủ", BTS_MAP, POINTS_MAP, REGISTRY, COVERAGE]),
    ],
)
def test_the_menu_lists_the_pages_of_the_role(app_env, username, expected):
    assert menu(open_app(app_env, username)) == expected


def test_a_commune_user_counts_only_the_records_of_their_commune(app_env):
    whole = open_app(app_env, "so.tttt")
    commune = open_app(app_env, "xa.hungdung")

    def sites(app: AppTest) -> int:
        figure = next(m.value for m in app.metric if m.label == "Trạm BTS")
        return int(figure.replace(".", ""))

    assert 0 < sites(commune) < sites(whole)
    assert "Phường Hưng Dũng" in " ".join(texts(commune.subheader))


def test_viewers_see_recent_changes_without_who_made_them(app_env):
    viewer = open_app(app_env, "khach")
    department = open_app(app_env, "so.tttt")
    assert "Người thực hiện" not in viewer.dataframe[-1].value.columns
    assert "Người thực hiện" in department.dataframe[-1].value.columns


def test_the_demo_badge_is_shown_while_the_demo_data_is_in_use(app_env):
    app = open_app(app_env, "khach")
    assert any("DỮ LIỆU MẪU (DEMO)" in text for text in texts(app.sidebar.markdown))


def test_the_language_switch_turns_the_interface_to_english(app_env):
    app = open_app(app_env, "so.tttt")
    app.sidebar.radio[0].set_value("en").run()
    assert not app.exception
    assert texts(app.title) == ["Overview"]
    assert "Sites on air" in [metric.label for metric in app.metric]
    assert app.session_state["lang"] == "en"


def test_signing_out_returns_to_the_sign_in_form(app_env):
    app = open_app(app_env, "so.tttt")
    app.sidebar.button(key="side_sign_out").click().run()
    assert texts(app.title) == ["Đăng nhập"]
    assert "actor" not in app.session_state


def test_the_demo_accounts_are_not_shown_for_real_data(tmp_path, monkeypatch):
    monkeypatch.setenv("REGISTRY_DATABASE_URL", f"sqlite:///{tmp_path / 'real.db'}")
    monkeypatch.setenv("REGISTRY_DEMO_ON_FIRST_START", "false")
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not app.exception
    assert texts(app.title) == ["Đăng nhập"]
    assert not app.dataframe
    assert "Tài khoản dùng thử" not in texts(app.subheader)
    assert not any("DEMO" in text for text in texts(app.sidebar.markdown))


def test_a_user_deactivated_since_signing_in_is_signed_out(app_env):
    app = open_app(app_env, "huyen.nghiloc")
    assert texts(app.title) == ["Tổng quan"]
    with app_env.transaction() as session:
        session.execute(
            update(User).where(User.username == "huyen.nghiloc").values(active=False)
        )
    app.run()
    assert texts(app.title) == ["Đăng nhập"]
    assert "actor" not in app.session_state
