"""A user of a unit the 2025 reform abolished is told so on the home page, with the
2025-07 commune(s) that took it over (AppTest on a small demo registry)."""

from __future__ import annotations

from datetime import date

from registry.units.succession import area_succession
from tests.page_support import actor, demo_app_fixture, open_app, texts

app_env = demo_app_fixture()


def _notices(app) -> list[str]:
    return [w for w in texts(app.warning) if "không còn tồn tại" in w or "huyện" in w]


def test_the_user_of_an_abolished_ward_sees_the_ward_that_absorbed_it(app_env):
    app = open_app(app_env, "xa.hungdung")
    assert not app.exception
    notice = _notices(app)
    assert len(notice) == 1
    assert notice[0].startswith("Phường Hưng Dũng không còn tồn tại từ 01/07/2025")
    # The crosswalk of the 2025 arrangement: Hưng Dũng went into Trường Vinh.
    assert "địa bàn đã nhập vào: Phường Trường Vinh." in notice[0]


def test_a_district_officer_is_told_the_huyen_level_ended(app_env):
    app = open_app(app_env, "huyen.vinh")
    assert not app.exception
    notice = _notices(app)
    assert (
        len(notice) == 1 and "Cấp huyện kết thúc hoạt động từ 01/07/2025" in notice[0]
    )
    assert "Phường Thành Vinh" in notice[0] and "Phường Trường Vinh" in notice[0]


def test_users_of_units_in_force_see_no_notice(app_env):
    for username in ("xa.truongvinh", "xa.thanhvinh", "so.tttt", "viettel"):
        app = open_app(app_env, username)
        assert not app.exception
        assert _notices(app) == [], username


def test_the_notice_speaks_english_on_request(app_env):
    app = open_app(app_env, "xa.hungdung", language="en")
    assert any(
        w.startswith("Phường Hưng Dũng no longer exists since")
        for w in texts(app.warning)
    )


def test_before_the_reform_the_ward_still_existed(app_env):
    ward = actor(app_env, "xa.hungdung")
    assert area_succession(app_env, ward, on=date(2025, 6, 30)) is None
    after = area_succession(app_env, ward, on=date(2025, 7, 1))
    assert after.successors == ("Phường Trường Vinh",)
    assert after.edition == "2025-07"
