"""Registry: search the records of the user's area, open one, create and change them.

A record opens from the table or from the URL (``?id=12&kind=site``, as the map
pages link to it).
"""

import streamlit as st

from registry.access import permissions as perm
from registry.kernel.errors import RegistryError
from registry.records.search import record_view, search_records
from ui.common.flow import answer_or_stop
from ui.common.i18n import t
from ui.common.messages import error_text
from ui.maps.links import link_to_map
from ui.records.details import render_record_header
from ui.records.forms import create_form, record_tabs
from ui.records.tables import (
    GROUPS,
    choose_group,
    close_record,
    group_of,
    records_table,
    requested_record,
    show_flash,
)
from ui.shell.menu import guard

registry, actor = guard("registry")
st.title(t("reg.title"))
show_flash()

wanted = requested_record()
record, record_error = None, None
if wanted is not None:
    try:
        record = record_view(registry, actor, *wanted)
    except RegistryError as error:
        record_error = error_text(error)

group = choose_group(actor, group_of(record, wanted and wanted[0]), wanted)
record_type, kinds = GROUPS[group]
query = st.text_input(
    t("reg.search"), key="reg_query", placeholder=t("reg.search_hint")
)
found = answer_or_stop(
    lambda: search_records(registry, actor, record_type, query, kinds=kinds or None)
)
records_table(found, record_type, table_key=f"reg_table_{group}_{query}")

if perm.allowed(actor, perm.CREATE, record_type):
    with st.expander(t(f"reg.create_{record_type}"), icon=":material/add:"):
        create_form(registry, actor, group)

st.divider()
if record_error:
    st.error(record_error)
elif record is None or group_of(record, wanted[0]) != group:
    st.caption(t("reg.pick_hint"))
else:
    render_record_header(record, record_type)
    link_to_map(record_type, record["id"], actor)
    record_tabs(registry, actor, group, record)
    st.button(t("reg.close"), on_click=close_record, icon=":material/close:")
