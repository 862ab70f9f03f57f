"""Hồ sơ cấp phép: hộp việc, nộp hồ sơ, xử lý từng bước, ma trận phân cấp, báo cáo.

``?application=N`` opens one application (inboxes and other pages link here).
"""

import streamlit as st

from registry.permits.queries import get_application, inbox
from ui.common.flow import answer_or_stop
from ui.common.i18n import t
from ui.permits.filing import just_filed, render_filing
from ui.permits.inbox import render_inbox
from ui.permits.links import (
    clear_request,
    keep_in_url,
    requested_application,
    show_flash,
)
from ui.permits.matrix import render_matrix
from ui.permits.report import render_report
from ui.permits.sections import pick_section
from ui.permits.view import render_application
from ui.shell.menu import guard

registry, actor = guard("permits")
st.title(t("pmt.title"))
show_flash()

application_id = requested_application()
keep_in_url(application_id)
if application_id is not None:
    view = answer_or_stop(
        lambda: get_application(registry, actor, application_id),
        back=(t("pmt.back"), clear_request),
    )
    render_application(registry, actor, view, just_filed=just_filed(application_id))
    st.stop()

st.caption(t("pmt.intro"))
section = pick_section(actor)
if section == "inbox":
    work = answer_or_stop(lambda: inbox(registry, actor))
    render_inbox(registry, actor, work)
elif section == "file":
    render_filing(registry, actor)
elif section == "matrix":
    render_matrix(registry, actor)
else:
    render_report(registry, actor)
