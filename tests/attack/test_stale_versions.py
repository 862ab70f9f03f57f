"""A stale browser tab: the form was opened, someone else saved a newer version,
then the user saves. The page must say who changed the record and when, show the
newer stored values beside the user's input, and keep that input in the form
(it used to be dropped silently: the form was keyed by the newest version).
"""

from __future__ import annotations

from sqlalchemy import select

from registry.kernel.models import User
from registry.records.by_kind import SITES
from tests.attack import tally
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
