"""The cluster section of the reports page: every cluster with its districts; the
department edits them (name, note, districts; retire) and creates new ones.

Each edit form carries the version it was drawn from, so two people editing the
same cluster cannot overwrite each other unnoticed.
"""

from __future__ import annotations

import streamlit as st

from registry.access import permissions as perm
from registry.kernel.errors import RegistryError
from registry.kernel.models import AuditEntry, Cluster
from registry.maps.data import unit_options
from registry.units.clusters import (
    SUBJECT,
    ClusterView,
    create_cluster,
    list_clusters,
    retire_cluster,
    update_cluster,
)
from ui.common.forms import max_chars
from ui.common.i18n import t
from ui.common.markdown import literal, text_md
from ui.common.messages import error_text

MESSAGE_KEY = "clu_message"


def _flash() -> None:
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        st.success(message)


def _edit_form(registry, actor, cluster: ClusterView, districts: dict) -> None:
    with st.form(f"clu_edit_{cluster.id}_{cluster.version}"):
        name = st.text_input(
            t("clu.name"), value=cluster.name, max_chars=max_chars(Cluster.name)
        )
        members = st.multiselect(
            t("clu.members"),
            list(districts),
            default=[c for c in cluster.district_codes if c in districts],
            format_func=lambda c: districts[c],
            placeholder=t("clu.choose"),
        )
        note = st.text_area(
            t("clu.note"), value=cluster.note or "", max_chars=max_chars(Cluster.note)
        )
        reason = st.text_input(t("clu.reason"), max_chars=max_chars(AuditEntry.reason))
        columns = st.columns(2)
        save = columns[0].form_submit_button(t("clu.save"), type="primary")
        retire = columns[1].form_submit_button(t("clu.retire"))
    if not (save or retire):
        return
    try:
        if retire:
            done = retire_cluster(
                registry,
                actor,
                cluster.id,
                expected_version=cluster.version,
                reason=reason or None,
            )
            message = text_md("clu.retired", name=done.name)
        else:
            done = update_cluster(
                registry,
                actor,
                cluster.id,
                expected_version=cluster.version,
                name=name,
                note=note,
                districts=members,
                reason=reason or None,
            )
            message = text_md("clu.saved", name=done.name)
    except RegistryError as error:
        st.error(error_text(error))
        return
    st.session_state[MESSAGE_KEY] = message
    st.rerun()


def _create_form(registry, actor, districts: dict) -> None:
    with st.form("clu_create"):
        st.markdown(f"**{t('clu.create')}**")
        name = st.text_input(t("clu.name"), max_chars=max_chars(Cluster.name))
        members = st.multiselect(
            t("clu.members"),
            list(districts),
            format_func=lambda c: districts[c],
            placeholder=t("clu.choose"),
        )
        note = st.text_area(t("clu.note"), max_chars=max_chars(Cluster.note))
        submitted = st.form_submit_button(t("clu.create_button"))
    if not submitted:
        return
    try:
        done = create_cluster(registry, actor, name=name, districts=members, note=note)
    except RegistryError as error:
        st.error(error_text(error))
        return
    st.session_state[MESSAGE_KEY] = text_md("clu.saved", name=done.name)
    st.rerun()


def render_clusters(registry, actor) -> None:
    """Clusters for every reporting role; forms for those who may edit them."""
    st.subheader(t("clu.heading"))
    st.caption(t("clu.intro"))
    _flash()
    clusters = list_clusters(registry, actor)
    districts = dict(unit_options(registry, actor, "2025-06", "district"))
    editable = perm.allowed(actor, perm.UPDATE, SUBJECT)
    if not clusters:
        st.info(t("clu.none"))
    for cluster in clusters:
        label = f"{literal(cluster.name)} · {t('clu.version', version=cluster.version)}"
        with st.expander(label):
            members = ", ".join(cluster.district_names)
            st.markdown(f"**{t('clu.members')}:** " + literal(members))
            if cluster.note:
                st.caption(literal(cluster.note))
            if editable:
                _edit_form(registry, actor, cluster, districts)
    if perm.allowed(actor, perm.CREATE, SUBJECT):
        _create_form(registry, actor, districts)
