"""Forms of the registry page: create, edit, change status, retire.

Each form makes one service call; the registry checks the permission, the area and
every value. Messages go under the fields they name; a success is kept for the
next run (:func:`ui.records.tables.flash`), because the page reruns to show the result.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from registry.access import permissions as perm
from registry.kernel.clock import today
from registry.kernel.errors import FieldError, RegistryError, ValidationError
from registry.kernel.models import AuditEntry, BtsSite, StatusEntry
from registry.kernel.vocabulary import (
    POINT_TRANSITIONS,
    SITE_TRANSITIONS,
    PointStatus,
    Role,
    SiteStatus,
)
from registry.records.by_kind import POINTS, SITES
from ui.common.forms import (
    FormSlots,
    max_chars,
    record_inputs,
    show_field_errors,
    submit_button,
)
from ui.common.i18n import field_label, t, value_label
from ui.common.markdown import literal, text_md
from ui.common.messages import error_text, expected_text
from ui.common.stale import edit_state, forget_edit, save_or_keep, show_refusal
from ui.records.details import render_audit, render_record_details
from ui.records.tables import GROUPS, flash, open_record

USE_CASES = {"site": SITES, "point": POINTS}
_CREATE_ROUND = "reg_create_round"


def fixed_fields(actor, record_type: str) -> dict[str, Any]:
    """Fields the user may not choose: an operator's sites are of their network."""
    if record_type == "site" and actor.role == Role.OPERATOR:
        return {"network_code": actor.network_code}
    return {}


def _warnings_text(record_type: str, warnings: list[FieldError]) -> str:
    return "\n".join(
        f"- {field_label(record_type, w.field)}: {literal(expected_text(w))}"
        for w in warnings
    )


def _report_failure(record_type: str, error: RegistryError, slots: FormSlots) -> None:
    slots.general.error(error_text(error), icon=":material/error:")
    if isinstance(error, ValidationError):
        show_field_errors(record_type, error, slots)


def _saved(record_type: str, record: dict[str, Any], message: str) -> None:
    # The record has a new version: an edit form opens on it next time.
    forget_edit(_edit_name(record_type, record["id"]))
    text = message
    if record.get("warnings"):
        text += (
            "\n\n"
            + t("form.warnings")
            + "\n"
            + _warnings_text(record_type, record["warnings"])
        )
    flash(text)
    open_record(record_type, int(record["id"]))
    st.rerun()


def create_form(registry, actor, group: str) -> None:
    """A new site or point of ``group`` (roles with the create right).

    The form's key is ``reg_new_<group>_<n>``; ``n`` (``reg_create_round`` in the
    session) grows after each record created, which empties the form.
    """
    record_type, kinds = GROUPS[group]
    key = f"reg_new_{group}_{st.session_state.get(_CREATE_ROUND, 0)}"
    with st.form(key):
        values, slots = record_inputs(
            record_type,
            key=key,
            fixed=fixed_fields(actor, record_type),
            kinds=kinds or None,
        )
        reason = st.text_input(
            t("form.reason_optional"),
            max_chars=max_chars(AuditEntry.reason),
            key=f"{key}_reason",
        )
        submitted = submit_button(key, t("form.create"), ":material/add:")
    if not submitted:
        return
    try:
        record = USE_CASES[record_type].create(
            registry, actor, values, reason=reason or None
        )
    except RegistryError as error:
        _report_failure(record_type, error, slots)
        return
    st.session_state[_CREATE_ROUND] = st.session_state.get(_CREATE_ROUND, 0) + 1
    _saved(
        record_type,
        record,
        text_md("form.created", id=record["id"], name=record["name"]),
    )


def _edit_name(record_type: str, record_id) -> str:
    return f"reg_edit_{record_type}_{record_id}"


def edit_form(registry, actor, record_type: str, record: dict[str, Any], kinds) -> None:
    """Change the fields of a record (its status has its own form).

    The form edits the version it was opened at (:mod:`ui.common.stale`): when
    someone else saved a newer one meanwhile, the refusal names them, the newer
    values are shown beside the user's input, and the input stays in the form.
    """
    name = _edit_name(record_type, record["id"])
    base = edit_state(name, record)["base"]
    key = f"{name}_{base['version']}"
    panel = st.container()
    with st.form(key):
        values, slots = record_inputs(
            record_type,
            key=key,
            current=base,
            fixed=fixed_fields(actor, record_type),
            exclude=("status", "status_since"),
            kinds=kinds or None,
        )
        reason = st.text_input(
            t("form.reason_optional"),
            max_chars=max_chars(AuditEntry.reason),
            key=f"{key}_reason",
        )
        submitted = submit_button(key, t("form.save"), ":material/save:")
    with panel:
        show_refusal(
            name,
            [
                (field_label(record_type, field), record.get(field), value)
                for field, value in values.items()
            ],
            record_type,
        )
    if not submitted:
        return
    expected = edit_state(name, record)["expected"]
    saved = save_or_keep(
        name,
        lambda version: USE_CASES[record_type].update(
            registry,
            actor,
            int(record["id"]),
            values,
            reason=reason or None,
            expected_version=version,
        ),
        lambda error: _report_failure(record_type, error, slots),
    )
    if saved is None:
        return
    if saved["version"] == expected:
        slots.general.info(t("form.unchanged"))
        return
    _saved(record_type, saved, t("form.saved", id=record["id"]))


def next_statuses(record_type: str, current: str) -> list[str]:
    """The statuses a record may move to from ``current``."""
    if record_type == "site":
        return sorted(s.value for s in SITE_TRANSITIONS[SiteStatus(current)])
    return sorted(s.value for s in POINT_TRANSITIONS[PointStatus(current)])


def status_form(registry, actor, record_type: str, record: dict[str, Any]) -> None:
    """A new dated status, with its reason."""
    options = next_statuses(record_type, record["status"])
    if not options:
        st.info(t("form.no_next_status", status=value_label(record["status"])))
        return
    key = f"reg_status_{record_type}_{record['id']}_{record['version']}"
    with st.form(key):
        slots = FormSlots(general=st.container())
        status = st.selectbox(
            field_label(record_type, "status"),
            options,
            index=None,
            format_func=value_label,
            placeholder=t("form.choose"),
            key=f"{key}_status",
        )
        slots.fields["status"] = st.container()
        effective_on = st.date_input(
            t("form.effective_on"),
            value=today(),
            max_value=today(),
            min_value=record["status_since"],
            format="DD/MM/YYYY",
            key=f"{key}_on",
        )
        slots.fields["effective_on"] = st.container()
        reason = st.text_input(
            t("form.reason"),
            max_chars=max_chars(StatusEntry.reason),
            key=f"{key}_reason",
        )
        slots.fields["reason"] = st.container()
        submitted = submit_button(key, t("form.change_status"))
    if not submitted:
        return
    if status is None:
        slots.fields["status"].error(t("form.pick_status"))
        return
    try:
        saved = USE_CASES[record_type].change_status(
            registry,
            actor,
            int(record["id"]),
            status,
            effective_on=effective_on,
            reason=reason,
        )
    except RegistryError as error:
        _report_failure(record_type, error, slots)
        return
    _saved(
        record_type,
        saved,
        t("form.status_changed", id=record["id"], status=value_label(status)),
    )


def retire_form(registry, actor, record_type: str, record: dict[str, Any]) -> None:
    """Withdraw a record (kept with its history), with the reason."""
    key = f"reg_retire_{record_type}_{record['id']}_{record['version']}"
    st.caption(t("form.retire_note"))
    with st.form(key):
        slots = FormSlots(general=st.container())
        reason = st.text_input(
            t("form.reason"),
            max_chars=max_chars(BtsSite.retired_reason),
            key=f"{key}_reason",
        )
        slots.fields["reason"] = st.container()
        sure = st.checkbox(t("form.retire_confirm"), key=f"{key}_sure")
        submitted = submit_button(key, t("form.retire"), ":material/archive:")
    if not submitted:
        return
    if not sure:
        slots.general.warning(t("form.retire_unconfirmed"))
        return
    try:
        saved = USE_CASES[record_type].retire(
            registry, actor, int(record["id"]), reason=reason
        )
    except RegistryError as error:
        _report_failure(record_type, error, slots)
        return
    _saved(record_type, saved, t("form.retired", id=record["id"]))


def record_tabs(registry, actor, group: str, record: dict[str, Any]) -> None:
    """Details and audit trail, then one tab per form the user may use."""
    record_type, kinds = GROUPS[group]
    forms = {
        "edit": lambda: edit_form(registry, actor, record_type, record, kinds),
        "status": lambda: status_form(registry, actor, record_type, record),
        "retire": lambda: retire_form(registry, actor, record_type, record),
    }
    actions = actions_for(actor, record_type, record)
    tabs = st.tabs(
        [t("reg.tab_details"), t("reg.tab_audit")]
        + [t(f"reg.tab_{name}") for name in actions]
    )
    with tabs[0]:
        render_record_details(record, record_type)
    with tabs[1]:
        render_audit(record, record_type, actor)
    for tab, name in zip(tabs[2:], actions, strict=True):
        with tab:
            forms[name]()


def actions_for(actor, record_type: str, record: dict[str, Any]) -> list[str]:
    """The forms the user may use on this record ('edit', 'status', 'retire')."""
    if record.get("retired_on") is not None:
        return []
    rights = {
        "edit": perm.UPDATE,
        "status": perm.CHANGE_STATUS,
        "retire": perm.RETIRE,
    }
    return [
        name
        for name, action in rights.items()
        if perm.allowed(actor, action, record_type)
    ]
