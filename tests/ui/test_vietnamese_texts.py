"""Numbers in texts, Streamlit's widget texts and stored wordings, in Vietnamese."""

from __future__ import annotations

import numpy as np

from ui.common.i18n import QUANTITIES, all_texts, text_in
from ui.common.labels import source_text
from ui.common.uploads import limit_text, widget_rules
from ui.inspections.workflow import change_labels


def test_quantities_are_written_the_languages_way():
    assert text_in("insp.tab_photos", "vi", count=5000) == "Ảnh (5.000)"
    assert text_in("insp.tab_photos", "en", count=np.int64(5000)) == "Photos (5,000)"
    # An id is not a quantity: 'Phiếu #1234' stays as it is.
    assert text_in("insp.saved", "vi", id=1234) == "Đã lưu phiếu #1234."


def test_every_quantity_placeholder_is_used_by_some_text():
    placeholders = {
        name
        for pair in all_texts().values()
        for text in pair
        for name in QUANTITIES
        if "{" + name + "}" in text
    }
    assert placeholders == set(QUANTITIES)


def test_a_record_made_by_a_permit_says_so_in_vietnamese():
    assert source_text("permit application #7") == "Cấp phép theo hồ sơ #7"


def test_the_uploader_and_camera_texts_are_replaced():
    rules = "\n".join(widget_rules())
    for text in ("Chọn tệp", "Thả tệp vào đây", "Chụp ảnh", "Xoá ảnh, chụp lại"):
        assert f'content: "{text}"' in rules
    assert "stFileUploaderDropzoneInstructions" in rules
    assert limit_text(5, ["jpg", ".png"]) == "Mỗi tệp tối đa 5 MB · JPG, PNG."


def test_history_entries_name_fields_and_rules_not_codes():
    after = {
        "items": {"internet.hours": {"result": "fail"}},
        "follow_up_deadline": "2026-12-31",
        "photos_added": [{"filename": "a.png"}, {"filename": "b.png"}],
        "state": "submitted",
    }
    titles = {"internet.hours": "Mở cửa trong khung giờ cho phép"}
    labels = change_labels(after, titles)
    assert labels == [
        "Mở cửa trong khung giờ cho phép",
        "Hạn khắc phục",
        "Ảnh đã thêm (2)",
        "→ Chờ duyệt",
    ]
