"""Labels of inspection values, in the session's language, and the subject under
which refusals name the fields of an inspection.

Refusals themselves are translated by their code in one place,
:mod:`ui.common.messages` (the Vietnamese of the inspections' codes is in
:mod:`ui.refusals.inspections`); pass :data:`FIELDS` as their subject, so a field
is named by its label (``insp.field.<name>`` in the texts)::

    st.error(error_text(error, FIELDS))
    slot.error(field_error_text(FIELDS, problem))
"""

from __future__ import annotations

from ui.common.i18n import language, t
from ui.common.labels import missing

# The subject of inspection fields in refusals: their labels are the texts
# ``insp.field.<name>`` (``insp.field.result`` for ``result:<rule id>``).
FIELDS = "insp"


def state_label(state: object) -> str:
    """'Nháp', 'Chờ duyệt', 'Đã duyệt', 'Cần bổ sung', 'Không duyệt'."""
    return "" if missing(state) else t(f"insp.state.{state}")


def result_label(result: object) -> str:
    """'Đạt', 'Không đạt', 'Không áp dụng', 'Kiểm tra tại chỗ' or 'Chưa đánh giá'."""
    return t("insp.result.none") if missing(result) else t(f"insp.result.{result}")


def plan_label(plan_state: object) -> str:
    """'Quá hạn kiểm tra', 'Sắp đến hạn' or 'Trong hạn'."""
    return "" if missing(plan_state) else t(f"insp.plan.{plan_state}")


def ruleset_title(ruleset: dict) -> str:
    """The title of a rule set (from its facts) in the session's language."""
    title = ruleset.get("title_en" if language() == "en" else "title_vi")
    return title or str(ruleset.get("key", ""))
