"""Kiểm tra điểm Internet và trò chơi điện tử: danh sách, mở phiếu, ghi, duyệt.

``?inspection=N`` opens one inspection; ``?point=N`` starts an inspection of a
point (the maps, the registry and the dashboard link here).
"""

import streamlit as st

from registry.inspections.plans import inspection_overview
from registry.inspections.service import get_inspection
from ui.common.flow import answer_or_stop
from ui.common.i18n import t
from ui.inspections.links import (
    clear_request,
    keep_in_url,
    requested_inspection,
    requested_point,
    show_flash,
)
from ui.inspections.lists import render_overview, render_point_request
from ui.inspections.messages import FIELDS
from ui.inspections.view import render_inspection
from ui.shell.menu import guard

registry, actor = guard("inspections")
st.title(t("insp.title"))
show_flash()

inspection_id, point_id = requested_inspection(), requested_point()
keep_in_url(inspection_id, point_id)
if inspection_id is not None:
    view = answer_or_stop(
        lambda: get_inspection(registry, actor, inspection_id),
        subject=FIELDS,
        back=(t("insp.back"), clear_request),
    )
    render_inspection(registry, actor, view)
elif point_id is not None:
    render_point_request(registry, actor, point_id)
    st.button(t("insp.back"), on_click=clear_request, icon=":material/arrow_back:")
else:
    overview = answer_or_stop(
        lambda: inspection_overview(registry, actor), subject=FIELDS
    )
    render_overview(registry, actor, overview)
