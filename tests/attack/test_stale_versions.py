"""A stale browser tab: the form was opened, someone else saved a newer version,
then the user saves. The page must say who changed the record and when, show the
newer stored values beside the user's input, and keep that input in the form
(it used to be dropped silently: the form was keyed by the newest version).
"""

from __future__ import annotations

from sqlalchemy import select

from registry.inspections.service import (
    get_inspection,
    open_inspection,
    record_items,
    update_inspection,
)
from registry.kernel.models import User
from registry.records.by_kind import POINTS, SITES
from registry.units.clusters import create_cluster, update_cluster
from tests.attack import tally
from tests.factories import district_code, point_values
from tests.page_support import actor, demo_app_fixture, open_app, texts
from tests.records.test_pages import _created_site

app_env = demo_app_fixture()

REGISTRY_PAGE = "pages/4_So_dang_ky.py"


def _name(registry, username: str) -> str:
    with registry.reading() as session:
        return session.scalar(
            select(User.display_name).where(User.username == username)
        )


def _shown_table(app) -> list[list[str]]:
    """Rows of the comparison table (field, newer value, the user's input)."""
    (table,) = [d.value for d in app.dataframe if "Giá trị bạn nhập" in d.value.columns]
    return table.astype(str).values.tolist()


def test_a_stale_record_form_names_the_other_editor_and_keeps_the_input(app_env):
    site_id = _created_site(app_env, "UI-STALE1")
    app = open_app(
        app_env, "huyen.vinh", REGISTRY_PAGE, query={"id": str(site_id), "kind": "site"}
    )
    prefix = f"reg_edit_site_{site_id}_1"
    app.text_input(key=f"{prefix}_name").input("Tên tôi nhập")
    # Meanwhile the department renames it (another office, another browser).
    SITES.update(
        app_env,
        actor(app_env, "so.tttt"),
        site_id,
        {"name": "Tên Sở đã sửa", "address": "Số 9 Lê Lợi"},
        expected_version=1,
    )
    app.button(key=f"{prefix}_submit").click().run()
    assert not app.exception
    (warning,) = [w for w in texts(app.warning) if "đã được" in w]
    assert (
        f"Bản ghi trạm BTS #{site_id} đã được {_name(app_env, 'so.tttt')} sửa lúc"
        in (warning)
    )
    assert "nay là phiên bản 2, bạn sửa từ phiên bản 1" in warning
    rows = _shown_table(app)
    assert ["Tên trạm", "Tên Sở đã sửa", "Tên tôi nhập"] in rows
    assert any(row[1] == "Số 9 Lê Lợi" for row in rows)
    # The typed value is still in the form, and nothing was written.
    assert app.text_input(key=f"{prefix}_name").value == "Tên tôi nhập"
    stored = SITES.get(app_env, actor(app_env, "so.tttt"), site_id)
    assert (stored["name"], stored["version"]) == ("Tên Sở đã sửa", 2)
    tally.record("stale tabs", tried=1, refused=1, lost=0)

    # Saving again, knowingly, writes the form over the newer version.
    app.button(key=f"{prefix}_submit").click().run()
    assert any("Đã lưu" in text for text in texts(app.success))
    stored = SITES.get(app_env, actor(app_env, "so.tttt"), site_id)
    assert (stored["name"], stored["version"]) == ("Tên tôi nhập", 3)


def test_discarding_a_stale_edit_loads_the_newer_values(app_env):
    site_id = _created_site(app_env, "UI-STALE2")
    app = open_app(
        app_env, "huyen.vinh", REGISTRY_PAGE, query={"id": str(site_id), "kind": "site"}
    )
    prefix = f"reg_edit_site_{site_id}_1"
    app.text_input(key=f"{prefix}_name").input("Tên tôi nhập")
    SITES.update(
        app_env,
        actor(app_env, "so.tttt"),
        site_id,
        {"name": "Tên mới"},
        expected_version=1,
    )
    app.button(key=f"{prefix}_submit").click().run()
    app.button(key=f"stale_edit_reg_edit_site_{site_id}_discard").click().run()
    assert not app.exception
    newer = f"reg_edit_site_{site_id}_2"
    assert app.text_input(key=f"{newer}_name").value == "Tên mới"
    assert not [w for w in texts(app.warning) if "đã được" in w]


INSPECTIONS_PAGE = "pages/6_Kiem_tra.py"


def test_a_stale_inspection_form_names_the_other_editor_and_keeps_the_input(app_env):
    clerk = actor(app_env, "xa.hungdung")
    values = point_values(app_env, "Hưng Dũng", name="Phòng game phiếu cũ")
    point_id = POINTS.create(app_env, actor(app_env, "so.tttt"), values)["id"]
    view = open_inspection(app_env, clerk, point_id)
    app = open_app(
        app_env, "xa.hungdung", INSPECTIONS_PAGE, query={"inspection": str(view["id"])}
    )
    details = f"insp_{view['id']}_1_details"
    app.text_area(key=f"{details}_summary").input("Nhận xét của tôi")
    # The same clerk in another tab saves a summary and a note first.
    update_inspection(
        app_env, clerk, view["id"], {"summary": "Nhận xét tab khác"}, expected_version=1
    )
    record_items(app_env, clerk, view["id"], {"game.sign": {"note": "Biển mới"}})
    app.button(key=f"{details}_submit").click().run()
    assert not app.exception
    (warning,) = [w for w in texts(app.warning) if "đã được" in w]
    assert f"Phiếu kiểm tra #{view['id']} đã được {_name(app_env, 'xa.hungdung')}" in (
        warning
    )
    assert "nay là phiên bản 3, bạn sửa từ phiên bản 1" in warning
    rows = _shown_table(app)
    assert ["Nhận xét chung", "Nhận xét tab khác", "Nhận xét của tôi"] in rows
    assert any("Biển mới" in row[1] for row in rows)
    assert app.text_area(key=f"{details}_summary").value == "Nhận xét của tôi"
    assert get_inspection(app_env, clerk, view["id"])["summary"] == "Nhận xét tab khác"
    tally.record("stale tabs", tried=1, refused=1, lost=0)

    # Saving again writes the summary; the other tab's note is kept (only what
    # this form changed is sent).
    app.button(key=f"{details}_submit").click().run()
    saved = f"Đã lưu phiếu #{view['id']}."
    assert any(text.startswith(saved) for text in texts(app.success))
    stored = get_inspection(app_env, clerk, view["id"])
    assert stored["summary"] == "Nhận xét của tôi"
    notes = {i["rule_id"]: i["note"] for i in stored["items"]}
    assert notes["game.sign"] == "Biển mới"


REPORTS_PAGE = "pages/10_Bao_cao.py"


def test_a_stale_cluster_form_names_the_other_editor_and_keeps_the_input(app_env):
    department = actor(app_env, "so.tttt")
    vinh = district_code(app_env, "Vinh")
    cluster = create_cluster(app_env, department, name="Cụm thử cũ", districts=[vinh])
    app = open_app(app_env, "so.tttt", REPORTS_PAGE)
    key = f"clu_edit_{cluster.id}_1"
    app.text_area(key=f"{key}_note").input("Ghi chú của tôi")
    update_cluster(
        app_env, department, cluster.id, expected_version=1, name="Cụm thử đã đổi"
    )
    app.button(key=f"{key}_save").click().run()
    assert not app.exception
    (warning,) = [w for w in texts(app.warning) if "đã được" in w]
    assert f"Cụm #{cluster.id} đã được {_name(app_env, 'so.tttt')} sửa lúc" in warning
    rows = _shown_table(app)
    assert ["Tên cụm", "Cụm thử đã đổi", "Cụm thử cũ"] in rows
    assert app.text_area(key=f"{key}_note").value == "Ghi chú của tôi"
    tally.record("stale tabs", tried=1, refused=1, lost=0)
