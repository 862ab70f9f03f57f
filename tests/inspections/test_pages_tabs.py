"""One inspection's page: saving keeps the tab the user was on, a failed item
offers to record its violation, and the history shows labels, not field names.
"""

from __future__ import annotations

from datetime import timedelta

from registry.inspections.service import (
    attach_photo,
    get_inspection,
    open_inspection,
    record_items,
    update_inspection,
)
from registry.kernel.clock import today
from registry.records.by_kind import POINTS
from tests import samples
from tests.factories import point_values
from tests.inspections.support import answered
from tests.page_support import actor, demo_app_fixture, open_app, texts
from ui.inspections.tabs import TABS, tab_state_key

app_env = demo_app_fixture()

PAGE = "pages/6_Kiem_tra.py"


def _point(registry, name: str) -> int:
    values = point_values(registry, "Hưng Dũng", name=name)
    return int(POINTS.create(registry, actor(registry, "so.tttt"), values)["id"])


def _blocks(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _blocks(child)


def _open_tab(app) -> str:
    """The label of the tab the inspection's tabs open on."""
    [container] = [b for b in _blocks(app.main) if b.type == "tab_container"]
    labels = [tab.label for tab in app.tabs]
    return labels[container.proto.tab_container.default_tab_index]


def _button(app, label: str):
    return next(b for b in app.button if b.label == label)


def test_saving_a_violation_keeps_the_violations_tab(app_env):
    clerk = actor(app_env, "xa.hungdung")
    view = open_inspection(app_env, clerk, _point(app_env, "Phòng game giữ tab"))
    app = open_app(app_env, "xa.hungdung", PAGE, query={"inspection": str(view["id"])})
    assert _open_tab(app) == "Danh mục kiểm tra"
    # What the tabs' on_change does when the user opens the violations tab.
    app.session_state[tab_state_key(view["id"])] = "violations"
    app.run()
    assert _open_tab(app) == "Vi phạm (0)"
    prefix = f"insp_{view['id']}_{view['version']}_violation"
    app.selectbox(key=f"{prefix}_rule").set_value("game.sign")
    app.text_area(key=f"{prefix}_description").input("Không có biển hiệu")
    _button(app, "Ghi vi phạm").click().run()
    assert not app.exception
    # The label's count changed: the tab stays open all the same.
    assert _open_tab(app) == "Vi phạm (1)"
    [saved] = texts(app.success)
    assert saved.startswith(
        f"Đã lưu phiếu #{view['id']}. Phòng game giữ tab: vi phạm «"
    )


def test_a_failed_item_offers_to_record_its_violation(app_env):
    clerk = actor(app_env, "xa.hungdung")
    view = open_inspection(app_env, clerk, _point(app_env, "Phòng game không đạt"))
    record_items(app_env, clerk, view["id"], {"game.sign": {"result": "fail"}})
    app = open_app(app_env, "xa.hungdung", PAGE, query={"inspection": str(view["id"])})
    assert any("chưa có vi phạm được ghi" in w for w in texts(app.warning))
    title = next(i for i in view["items"] if i["rule_id"] == "game.sign")["title_vi"]
    [offer] = [b for b in app.button if b.label.startswith("Ghi vi phạm: ")]
    assert offer.label == f"Ghi vi phạm: {title}"
    offer.click().run()
    assert not app.exception
    assert _open_tab(app) == "Vi phạm (0)"
    stored = get_inspection(app_env, clerk, view["id"])
    prefix = f"insp_{view['id']}_{stored['version']}_violation"
    assert app.selectbox(key=f"{prefix}_rule").value == "game.sign"
    app.text_area(key=f"{prefix}_description").input("Không có biển hiệu")
    _button(app, "Ghi vi phạm").click().run()
    assert not app.exception, texts(app.error)
    assert not any("chưa có vi phạm được ghi" in w for w in texts(app.warning)), (
        texts(app.error) + texts(app.success) + texts(app.warning)
    )


def test_the_tabs_open_where_the_session_left_them(app_env):
    clerk = actor(app_env, "xa.hungdung")
    view = open_inspection(app_env, clerk, _point(app_env, "Phòng game ảnh"))
    app = open_app(app_env, "xa.hungdung", PAGE, query={"inspection": str(view["id"])})
    for position, name in enumerate(TABS):
        app.session_state[tab_state_key(view["id"])] = name
        app.run()
        assert _open_tab(app) == app.tabs[position].label


def test_the_history_shows_labels_and_rule_titles(app_env):
    clerk = actor(app_env, "xa.hungdung")
    view = open_inspection(app_env, clerk, _point(app_env, "Phòng game lịch sử"))
    record_items(app_env, clerk, view["id"], answered(view))
    deadline = today() + timedelta(days=30)
    update_inspection(app_env, clerk, view["id"], {"follow_up_deadline": deadline})
    attach_photo(app_env, clerk, view["id"], "a.png", samples.image_bytes("PNG"))
    app = open_app(app_env, "xa.hungdung", PAGE, query={"inspection": str(view["id"])})
    history = app.dataframe[-1].value
    changes = " · ".join(history["Nội dung"])
    assert "Hạn khắc phục" in changes
    assert "Ảnh đã thêm (1)" in changes
    title = next(i for i in view["items"] if i["rule_id"] == "game.sign")["title_vi"]
    assert title in changes
    for internal in ("follow_up_deadline", "photos_added", "game.sign", "ruleset"):
        assert internal not in changes


def test_the_history_is_english_in_english(app_env):
    clerk = actor(app_env, "xa.hungdung")
    view = open_inspection(app_env, clerk, _point(app_env, "Game room history"))
    attach_photo(app_env, clerk, view["id"], "b.png", samples.image_bytes("PNG"))
    app = open_app(
        app_env,
        "xa.hungdung",
        PAGE,
        query={"inspection": str(view["id"])},
        language="en",
    )
    changes = " · ".join(app.dataframe[-1].value["Changes"])
    assert "Photos added (1)" in changes
    assert "Ảnh" not in changes
