"""The reports page per role: the department makes a Cụm I report and gets both
downloads; district staff report on their own district; the cluster editor; who
is refused. AppTest against a small demo registry."""

from __future__ import annotations

from datetime import date

import pytest

from registry.units.clusters import DEFAULT_CLUSTER, list_clusters, update_cluster
from tests.page_support import actor, demo_app_fixture, open_app, texts

app_env = demo_app_fixture()

PAGE = "pages/10_Bao_cao.py"
REFUSAL = "Vai trò của bạn không được mở trang «Báo cáo»."


def _metric(app, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


def _downloads(app) -> list[str]:
    return [button.proto.label for button in app.get("download_button")]


def _make(app, kind: str | None = None, area: str | None = None):
    if kind is not None:
        app.radio(key="rep_kind").set_value(kind).run()
    if area is not None:
        box = next(s for s in app.selectbox if s.key.startswith("rep_area_"))
        box.select(area).run()
    return app.button(key="rep_make").click().run()


def test_the_department_makes_a_cluster_one_report_with_both_downloads(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    assert not app.exception
    assert texts(app.title) == ["Báo cáo theo cụm, huyện, xã"]
    clusters = {
        c.name: str(c.id) for c in list_clusters(app_env, actor(app_env, "so.tttt"))
    }
    app = _make(app, "cluster", clusters[DEFAULT_CLUSTER])
    assert not app.exception
    assert not app.error
    assert texts(app.subheader)[0] == f"Báo cáo: {DEFAULT_CLUSTER}"
    assert _downloads(app) == ["Tải bảng tính (xlsx)", "Tải trang in"]
    assert int(_metric(app, "Trạm BTS đang phát sóng").replace(".", "")) > 0
    assert "%" in _metric(app, "Diện tích được phủ 4G")
    assert any("Dữ liệu minh họa" in w for w in texts(app.warning))
    titles = [e.label for e in app.expander]
    assert "Vùng lõm sóng" in titles and "Tăng trưởng mạng lưới theo năm" in titles


def test_district_staff_report_on_their_district_and_see_no_cluster_choice(app_env):
    app = open_app(app_env, "huyen.vinh", PAGE)
    assert not app.exception
    assert app.radio(key="rep_kind").options == ["Huyện", "Xã, phường"]
    app = _make(app)
    assert not app.exception and not app.error
    assert texts(app.subheader)[0] == "Báo cáo: Thành phố Vinh"
    # District staff read clusters but get no edit form.
    assert not [f for f in app.get("form")]


def test_a_period_ending_before_it_starts_is_refused_with_a_message(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    app.date_input(key="rep_start").set_value(date(2026, 6, 1))
    app.date_input(key="rep_end").set_value(date(2026, 1, 1))
    app = _make(app, "district")
    assert texts(app.error) == [
        "Kỳ báo cáo không hợp lệ: ngày bắt đầu phải trước hoặc bằng ngày kết thúc."
    ]
    assert not _downloads(app)


def test_the_department_renames_a_cluster_in_the_editor(app_env):
    department = actor(app_env, "so.tttt")
    (cluster,) = [
        c for c in list_clusters(app_env, department) if c.name == DEFAULT_CLUSTER
    ]
    app = open_app(app_env, "so.tttt", PAGE)
    form_key = f"clu_edit_{cluster.id}_{cluster.version}"
    name_box = next(box for box in app.text_input if box.value == DEFAULT_CLUSTER)
    name_box.set_value("Cụm I (Vinh và phụ cận)")
    save = next(b for b in app.button if b.label == "Lưu thay đổi" and form_key in b.id)
    app = save.click().run()
    assert not app.exception
    assert texts(app.success) == ["Đã lưu cụm «Cụm I (Vinh và phụ cận)»."]
    names = [c.name for c in list_clusters(app_env, department)]
    assert "Cụm I (Vinh và phụ cận)" in names
    # Put it back for the other tests of the module.
    (renamed,) = [c for c in list_clusters(app_env, department) if c.id == cluster.id]
    update_cluster(
        app_env,
        department,
        cluster.id,
        expected_version=renamed.version,
        name=DEFAULT_CLUSTER,
    )


@pytest.mark.parametrize("username", ["xa.hungdung", "viettel", "khach"])
def test_commune_staff_operators_and_viewers_are_refused(app_env, username):
    app = open_app(app_env, username, PAGE)
    assert texts(app.error) == [REFUSAL]
    assert not [b for b in app.button if b.key == "rep_make"]
    assert not app.get("download_button")
