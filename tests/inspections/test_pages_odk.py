"""The inspections page's offline part (AppTest): the commune clerk makes the
XLSForm and may upload an export; the district makes forms of its communes but
imports nothing; the English interface; an import's report and refusals."""

from __future__ import annotations

import pytest

from tests.page_support import demo_app_fixture, open_app, texts

app_env = demo_app_fixture()

PAGE = "pages/6_Kiem_tra.py"


def _expander(app, title: str):
    return next(e for e in app.expander if e.label == title)


def _button(app, label: str):
    return next(b for b in app.button if b.label == label)


@pytest.mark.parametrize(
    ("username", "imports"), [("xa.hungdung", True), ("huyen.vinh", False)]
)
def test_the_form_is_made_and_who_may_import(app_env, username, imports):
    app = open_app(app_env, username, PAGE)
    part = _expander(app, "Kiểm tra không có sóng (ODK Collect, KoBoCollect)")
    communes = part.selectbox[0]
    if username == "xa.hungdung":
        assert communes.options == ["Phường Hưng Dũng"]
    else:
        assert len(communes.options) > 10
    _button(app, "Tạo biểu mẫu").click().run()
    assert not app.exception
    made = " ".join(texts(app.success))
    assert "Biểu mẫu của" in made and "câu hỏi kiểm tra" in made
    assert any(b.label == "Nhập phiếu" for b in app.button) is imports


def test_english(app_env):
    app = open_app(app_env, "xa.hungdung", PAGE, language="en")
    part = _expander(app, "Inspecting offline (ODK Collect, KoBoCollect)")
    assert part.selectbox[0].label == "Commune"
    assert any(b.label == "Import submissions" for b in app.button)
