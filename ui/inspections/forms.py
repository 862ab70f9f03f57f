"""Forms of one inspection: checklist and details (date, follow-up deadline,
summary), and what every form of an inspection shares.

On a draft each form calls its own service; on a submitted or reviewed inspection
the same form is a correction: it asks for the reason and calls
:func:`registry.inspections.service.correct_inspection`. Messages go under the fields
they name; a success is kept for the next run, because the page reruns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from registry.inspections.service import (
    correct_inspection,
    record_items,
    update_inspection,
    withdraw_photo,
    withdraw_violation,
)
from registry.inspections.vocabulary import ItemResult
from registry.kernel.clock import today
from registry.kernel.errors import RegistryError, ValidationError
from registry.kernel.models import AuditEntry, Inspection, InspectionItem, Violation
from ui.common.forms import max_chars, submit_button
from ui.common.i18n import language, t
from ui.common.labels import day_text
from ui.common.markdown import literal
from ui.common.messages import error_text, field_error_text
from ui.common.stale import edit_state, forget_edit, save_or_keep, show_refusal
from ui.inspections.links import flash
from ui.inspections.messages import FIELDS, result_label

RESULTS = [r.value for r in ItemResult]


@dataclass
class Slots:
    """Where messages go: one slot per field, one for the whole form."""

    general: DeltaGenerator
    fields: dict[str, DeltaGenerator] = field(default_factory=dict)


def is_correction(view: dict[str, Any]) -> bool:
    """True when changes to this inspection are corrections (it was submitted)."""
    return "correct" in view["actions"] and "edit" not in view["actions"]


def correction_call(
    registry,
    actor,
    view: dict[str, Any],
    reason: str | None,
    parts: dict[str, Any],
    expected: int | None = None,
) -> Callable[[], dict]:
    """The service call that corrects a submitted inspection with a reason;
    ``parts`` are what it changes (keyword arguments of ``correct_inspection``),
    checked against version ``expected`` (the view's when None)."""
    return partial(
        correct_inspection,
        registry,
        actor,
        view["id"],
        reason=reason,
        **parts,
        expected_version=view["version"] if expected is None else expected,
    )


def save_change(
    registry,
    actor,
    view: dict[str, Any],
    slots: Slots,
    reason: str | None,
    correction: dict[str, Any],
    direct: Callable[..., dict],
    *,
    versioned: bool = False,
    what: str | None = None,
) -> None:
    """Save a change to an inspection: on a draft with the ``direct`` service call,
    once submitted as a correction of the ``correction`` parts with ``reason``;
    errors under the fields, or the success message and a rerun.

    ``versioned``: ``direct`` takes the version the form edits, and a change
    someone else saved meanwhile is shown beside the input, which stays
    (:func:`save_versioned`)."""
    if not versioned:
        if is_correction(view):
            call = correction_call(registry, actor, view, reason, correction)
        else:
            call = direct
        save(call, view, slots, saved_text(view, what))
        return

    def call(version: int) -> dict:
        if is_correction(view):
            return correction_call(registry, actor, view, reason, correction, version)()
        return direct(version)

    save_versioned(call, view, slots, saved_text(view, what))


def withdrawal_call(registry, actor, view: dict[str, Any], what: str, item_id, reason):
    """The service call that withdraws a photo or violation (``what``) with a reason:
    a plain withdrawal on a draft, a correction once the inspection was submitted.
    """
    if is_correction(view):
        parts = {f"withdraw_{what}s": [item_id]}
        return correction_call(registry, actor, view, reason, parts)
    service = withdraw_photo if what == "photo" else withdraw_violation
    return partial(service, registry, actor, view["id"], item_id, reason=reason)


def may_change(view: dict[str, Any]) -> bool:
    """True when the user may edit (draft) or correct (submitted) it."""
    return "edit" in view["actions"] or "correct" in view["actions"]


def withdrawal_form(
    registry,
    actor,
    view: dict[str, Any],
    what: str,
    active: dict[int, str],
    which: str,
    field: str | None = None,
) -> None:
    """A form, folded away, that withdraws one of the ``active`` photos or
    violations (``what``; ids to their labels, chosen under the label ``which``)
    with a reason. Messages about ``field`` go under the choice, other messages
    above the form."""
    if not active:
        return
    with st.expander(t(f"insp.withdraw_{what}")):
        st.caption(t("insp.withdrawn_note"))
        key = form_key(view, f"withdraw_{what}")
        with st.form(key):
            slots = Slots(general=st.container())
            chosen = st.selectbox(
                which, list(active), format_func=active.get, key=f"{key}_which"
            )
            if field is not None:
                slots.fields[field] = st.container()
            reason = st.text_input(
                t("insp.withdraw_reason"),
                max_chars=max_chars(Violation.withdrawn_reason),
                key=f"{key}_reason",
            )
            slots.fields["reason"] = st.container()
            submitted = st.form_submit_button(t("insp.withdraw"), key=f"{key}_submit")
    if not submitted:
        return
    call = withdrawal_call(registry, actor, view, what, chosen, reason)
    done = t("insp.what_withdrawn", what=t(f"insp.what.{what}"), id=chosen)
    save(call, view, slots, saved_text(view, done))


def edit_name(view: dict[str, Any]) -> str:
    """The session's name of the edit of this inspection (:mod:`ui.common.stale`)."""
    return f"insp_edit_{view['id']}"


def base_view(view: dict[str, Any]) -> dict[str, Any]:
    """The inspection as the forms were opened on it: they edit that version
    until a change is saved (or a newer one is loaded on purpose)."""
    return edit_state(edit_name(view), view)["base"]


def form_key(view: dict[str, Any], name: str) -> str:
    """A form's key; it changes with the version the forms edit, which resets
    them after a saved change (not when someone else's change is loaded: the
    user's input stays)."""
    return f"insp_{view['id']}_{base_view(view)['version']}_{name}"


def reason_input(view: dict[str, Any], key: str, slots: Slots) -> str | None:
    """The reason of a correction (only asked when the change is one)."""
    if not is_correction(view):
        return None
    text = st.text_input(
        t("insp.correction_reason"),
        max_chars=max_chars(AuditEntry.reason),
        key=f"{key}_reason",
    )
    slots.fields["reason"] = st.container()
    return text


def saved_text(view: dict[str, Any], what: str | None = None) -> str:
    """The success message of a change: saved (draft) or corrected, naming the
    point and ``what`` was saved (the items, the photos, the violation)."""
    key = "insp.corrected" if is_correction(view) else "insp.saved"
    if what is None:
        return t(key, id=view["id"])
    return t(f"{key}_what", id=view["id"], point=view["point"]["name"], what=what)


# A saved checklist names this many items; a phone's screen holds no more.
SAVED_TITLES = 2


def items_text(view: dict[str, Any], rules: list[str]) -> str:
    """'kết quả 2 tiêu chí: Biển hiệu; Giờ mở cửa' for a saved checklist."""
    titles = {item["rule_id"]: item_title(item) for item in view["items"]}
    named = "; ".join(titles.get(rule, rule) for rule in rules[:SAVED_TITLES])
    if len(rules) > SAVED_TITLES:
        named += t("insp.what_more", count=len(rules) - SAVED_TITLES)
    return t("insp.what_items", count=len(rules), titles=named)


def _show_refusal(error: RegistryError, slots: Slots) -> None:
    if isinstance(error, ValidationError):
        slots.general.error(error_text(error, FIELDS), icon=":material/error:")
        for problem in error.errors:
            target = slots.fields.get(problem.field, slots.general)
            target.error(field_error_text(FIELDS, problem), icon=":material/error:")
        return
    slots.general.error(error_text(error, FIELDS), icon=":material/error:")


def save(call: Callable[[], dict], view: dict, slots: Slots, message: str) -> None:
    """Run a service call; show its errors under the fields, or flash and rerun."""
    try:
        saved = call()
    except RegistryError as error:
        _show_refusal(error, slots)
        return
    forget_edit(edit_name(view))
    if saved["version"] == view["version"]:
        slots.general.info(t("insp.unchanged"))
        return
    flash(message)
    st.rerun()


def save_versioned(
    call: Callable[[int], dict], view: dict, slots: Slots, message: str
) -> None:
    """Run ``call(version)`` with the version the forms edit: a change saved by
    someone else meanwhile is remembered and shown above the forms with the
    newer values beside the input (:func:`stale_panel`); other errors under the
    fields; or flash and rerun."""
    expected = edit_state(edit_name(view), view)["expected"]
    saved = save_or_keep(
        edit_name(view), call, lambda error: _show_refusal(error, slots)
    )
    if saved is None:
        return
    if saved["version"] == expected:
        slots.general.info(t("insp.unchanged"))
        return
    flash(message)
    st.rerun()


def stale_panel(view: dict[str, Any]) -> None:
    """Who changed the inspection while the user edited it, and the newer values
    beside the user's input (checklist and details), when a save was refused."""
    base = base_view(view)
    items_key, details_key = form_key(view, "items"), form_key(view, "details")
    state = st.session_state

    def typed(key: str, default: Any) -> Any:
        return state.get(key, default)

    rows = [
        (
            t(f"insp.{name}"),
            view[name],
            typed(f"{details_key}_{suffix}", base[name]),
        )
        for name, suffix in (
            ("inspected_on", "on"),
            ("follow_up_deadline", "deadline"),
            ("summary", "summary"),
        )
    ]
    mine = {item["rule_id"]: item for item in base["items"]}
    for item in view["items"]:
        rule = item["rule_id"]
        started = mine.get(rule, item)
        result = typed(f"{items_key}_result_{rule}", started["result"])
        note = typed(f"{items_key}_note_{rule}", started["note"])
        rows.append(
            (
                f"{item['position']}. {item_title(item)}",
                _item_text(item["result"], item["note"]),
                _item_text(result, note),
            )
        )
    show_refusal(edit_name(view), rows, FIELDS)


def _item_text(result: str | None, note: str | None) -> str:
    shown = result_label(result) if result else ""
    return " – ".join(part for part in (shown, note or "") if part)


def item_title(item: dict[str, Any]) -> str:
    """What a checklist item requires, in the session's language."""
    return item["title_en"] if language() == "en" else item["title_vi"]


def _auto_text(item: dict[str, Any]) -> str:
    detail = item["auto_detail_en"] if language() == "en" else item["auto_detail_vi"]
    return t(
        "insp.auto", outcome=result_label(item["auto_outcome"]), detail=detail or ""
    )


def _auto_cell(item: dict[str, Any]) -> str:
    detail = item["auto_detail_en"] if language() == "en" else item["auto_detail_vi"]
    return f"{result_label(item['auto_outcome'])} – {detail or ''}"


def checklist_table(view: dict[str, Any]) -> pd.DataFrame:
    """The checklist as a table (for reading)."""
    return pd.DataFrame(
        {
            t("insp.col_requirement"): [item_title(i) for i in view["items"]],
            t("insp.col_result"): [result_label(i["result"]) for i in view["items"]],
            t("insp.col_auto"): [
                _auto_cell(i) if i["automatic"] and i["auto_outcome"] else ""
                for i in view["items"]
            ],
            t("insp.col_note"): [i["note"] or "" for i in view["items"]],
        }
    )


def checklist_form(registry, actor, view: dict[str, Any]) -> None:
    """Pass / fail / not applicable and a note for each item of the checklist."""
    if not may_change(view):
        st.dataframe(checklist_table(view), hide_index=True)
        return
    key = form_key(view, "items")
    base = base_view(view)
    with st.form(key):
        slots = Slots(general=st.container())
        results: dict[str, dict[str, Any]] = {}
        for item in base["items"]:
            rule = item["rule_id"]
            st.markdown(f"**{item['position']}. {item_title(item)}**")
            # The rule's id is the product's name for it: the title says it all.
            if item["automatic"] and item["auto_outcome"]:
                st.caption(_auto_text(item))
            left, right = st.columns([2, 3])
            current = item["result"]
            chosen = left.radio(
                t("insp.result"),
                RESULTS,
                index=RESULTS.index(current) if current in RESULTS else None,
                format_func=result_label,
                horizontal=True,
                key=f"{key}_result_{rule}",
            )
            note = right.text_input(
                t("insp.note"),
                value=item["note"] or "",
                max_chars=max_chars(InspectionItem.note),
                key=f"{key}_note_{rule}",
            )
            slots.fields[f"result:{rule}"] = st.container()
            slots.fields[f"note:{rule}"] = slots.fields[f"result:{rule}"]
            results[rule] = {"result": chosen, "note": note}
        reason = reason_input(view, key, slots)
        submitted = submit_button(key, t("insp.save_items"), ":material/save:")
    if not submitted:
        return
    changed = {
        rule: values
        for rule, values in results.items()
        if (values["result"], values["note"] or None)
        != next((i["result"], i["note"]) for i in base["items"] if i["rule_id"] == rule)
    }

    def direct(version: int) -> dict:
        return record_items(
            registry, actor, view["id"], changed, expected_version=version
        )

    save_change(
        registry,
        actor,
        view,
        slots,
        reason,
        {"items": changed},
        direct,
        versioned=True,
        what=items_text(view, list(changed)),
    )


def details_form(registry, actor, view: dict[str, Any]) -> None:
    """The inspection date, the follow-up deadline and the summary."""
    if not may_change(view):
        st.markdown(
            f"**{t('insp.follow_up_deadline')}:** "
            f"{day_text(view['follow_up_deadline']) or '—'}"
        )
        st.markdown(f"**{t('insp.summary')}:** {literal(view['summary']) or '—'}")
        return
    key = form_key(view, "details")
    base = base_view(view)
    with st.form(key):
        slots = Slots(general=st.container())
        day = st.date_input(
            t("insp.inspected_on"),
            value=base["inspected_on"],
            max_value=today(),
            format="DD/MM/YYYY",
            key=f"{key}_on",
        )
        slots.fields["inspected_on"] = st.container()
        deadline = st.date_input(
            t("insp.follow_up_deadline"),
            value=base["follow_up_deadline"],
            min_value=base["inspected_on"],
            format="DD/MM/YYYY",
            key=f"{key}_deadline",
        )
        slots.fields["follow_up_deadline"] = st.container()
        summary = st.text_area(
            t("insp.summary"),
            value=base["summary"] or "",
            max_chars=max_chars(Inspection.summary),
            key=f"{key}_summary",
        )
        slots.fields["summary"] = st.container()
        reason = reason_input(view, key, slots)
        submitted = submit_button(key, t("insp.save_details"))
    if not submitted:
        return
    values = {"inspected_on": day, "follow_up_deadline": deadline, "summary": summary}
    changes = {
        name: value
        for name, value in values.items()
        if (value or None) != (base[name] or None)
    }

    def direct(version: int) -> dict:
        return update_inspection(
            registry, actor, view["id"], changes, expected_version=version
        )

    save_change(
        registry,
        actor,
        view,
        slots,
        reason,
        {"fields": changes},
        direct,
        versioned=True,
        what=", ".join(t(f"insp.field.{name}") for name in changes),
    )
