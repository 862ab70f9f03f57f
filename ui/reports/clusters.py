"""The cluster section of the reports page: every cluster with its districts; the
department edits them (name, note, districts; retire) and creates new ones.

Each edit form carries the version it was opened at, so two people editing the
same cluster cannot overwrite each other unnoticed: the second is told who changed
it, sees the newer values beside their input, and keeps the input.
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
from ui.common.stale import edit_state, save_or_keep, show_refusal

MESSAGE_KEY = "clu_message"


def _flash() -> None:
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        st.success(message)


def _edit_form(registry, actor, cluster: ClusterView, districts: dict) -> None:
    """Rename, change the note or the districts, or retire one cluster.

    The form edits the version it was opened at (:mod:`ui.common.stale`): a
    change someone else saved meanwhile is named, shown beside the input, and the
    input stays in the form."""
    edit = f"clu_edit_{cluster.id}"
    current = {
        "version": cluster.version,
        "name": cluster.name,
        "note": cluster.note,
        "districts": list(cluster.district_codes),
    }
    base = edit_state(edit, current)["base"]
    key = f"{edit}_{base['version']}"
    panel = st.container()
    with st.form(key):
        name = st.text_input(
            t("clu.name"),
            value=base["name"],
            max_chars=max_chars(Cluster.name),
            key=f"{key}_name",
        )
        members = st.multiselect(
            t("clu.members"),
            list(districts),
            default=[c for c in base["districts"] if c in districts],
            format_func=lambda c: districts[c],
            placeholder=t("clu.choose"),
            key=f"{key}_members",
        )
        note = st.text_area(
            t("clu.note"),
            value=base["note"] or "",
            max_chars=max_chars(Cluster.note),
            key=f"{key}_note",
        )
        reason = st.text_input(
            t("clu.reason"), max_chars=max_chars(AuditEntry.reason), key=f"{key}_reason"
        )
        columns = st.columns(2)
        save = columns[0].form_submit_button(
            t("clu.save"), type="primary", key=f"{key}_save"
        )
        retire = columns[1].form_submit_button(t("clu.retire"), key=f"{key}_retire")

    def names(codes) -> str:
        return ", ".join(districts.get(c, c) for c in codes)

    with panel:
        show_refusal(
            edit,
            [
                (t("clu.name"), cluster.name, name),
                (t("clu.members"), names(cluster.district_codes), names(members)),
                (t("clu.note"), cluster.note, note or None),
            ],
        )
    if not (save or retire):
        return

    def call(version: int) -> ClusterView:
        if retire:
            return retire_cluster(
                registry,
                actor,
                cluster.id,
                expected_version=version,
                reason=reason or None,
            )
        return update_cluster(
            registry,
            actor,
            cluster.id,
            expected_version=version,
            name=name,
            note=note,
            districts=members,
            reason=reason or None,
        )

    done = save_or_keep(edit, call, lambda error: st.error(error_text(error)))
    if done is None:
        return
    key = "clu.retired" if retire else "clu.saved"
    st.session_state[MESSAGE_KEY] = text_md(key, name=done.name)
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
