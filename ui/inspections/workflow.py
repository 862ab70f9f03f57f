"""Moving an inspection on (submit, review) and its history (the audit trail)."""

from __future__ import annotations

from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from registry.inspections.service import review_inspection, submit_inspection
from registry.inspections.vocabulary import REVIEW_OUTCOMES, InspectionState
from registry.kernel.models import Inspection
from ui.common.forms import max_chars, submit_button
from ui.common.i18n import t
from ui.common.labels import action_label, local_time
from ui.inspections.forms import Slots, form_key, item_title, save
from ui.inspections.messages import state_label

OUTCOMES = [o.value for o in REVIEW_OUTCOMES]


def submit_form(registry, actor, view: dict[str, Any]) -> None:
    """Send a draft to the district; missing results are named under the button."""
    st.caption(t("insp.submit_intro"))
    key = form_key(view, "submit")
    with st.form(key):
        slots = Slots(general=st.container())
        submitted = submit_button(key, t("insp.submit"), ":material/send:")
    if submitted:
        call = partial(
            submit_inspection,
            registry,
            actor,
            view["id"],
            expected_version=view["version"],
        )
        save(call, view, slots, t("insp.submitted", id=view["id"]))


def review_form(registry, actor, view: dict[str, Any]) -> None:
    """The district's decision: approved, has issues or rejected, with a note."""
    key = form_key(view, "review")
    with st.form(key):
        slots = Slots(general=st.container())
        outcome = st.radio(
            t("insp.outcome"),
            OUTCOMES,
            index=None,
            format_func=state_label,
            horizontal=True,
            key=f"{key}_outcome",
        )
        slots.fields["outcome"] = st.container()
        note = st.text_area(
            t("insp.review_note_field"),
            max_chars=max_chars(Inspection.review_note),
            key=f"{key}_note",
        )
        slots.fields["review_note"] = st.container()
        submitted = submit_button(key, t("insp.review"), ":material/gavel:")
    if not submitted:
        return
    if outcome is None:
        slots.fields["outcome"].error(t("insp.pick_outcome"))
        return
    call = partial(
        review_inspection,
        registry,
        actor,
        view["id"],
        outcome,
        note=note,
        expected_version=view["version"],
    )
    save(
        call,
        view,
        slots,
        t("insp.reviewed", id=view["id"], outcome=state_label(outcome)),
    )


def workflow_panel(registry, actor, view: dict[str, Any]) -> None:
    """What can happen next to the inspection, for this user."""
    st.markdown(t("insp.state_is", state=state_label(view["state"])))
    if "submit" in view["actions"]:
        submit_form(registry, actor, view)
    elif "review" in view["actions"]:
        review_form(registry, actor, view)
    elif view["state"] == InspectionState.SUBMITTED:
        own = view["inspector"] == actor.username and "correct" not in view["actions"]
        st.info(t("insp.own_review") if own else t("insp.waiting_review"))


# What an audit entry of an inspection changed, by the key its ``after`` holds:
# the product's names stay in the audit log, the page shows the field's label.
_CHANGE_LABELS = {
    "inspected_on": "insp.field.inspected_on",
    "follow_up_deadline": "insp.field.follow_up_deadline",
    "summary": "insp.field.summary",
    "review_note": "insp.field.review_note",
    "point_id": "insp.change.point",
    "ruleset_key": "insp.change.ruleset",
    "ruleset_version": "insp.change.ruleset_version",
    "prefilled": "insp.change.prefilled",
    "violations_added": "insp.change.violations_added",
    "violations_withdrawn": "insp.change.violations_withdrawn",
    "photos_added": "insp.change.photos_added",
    "photos_withdrawn": "insp.change.photos_withdrawn",
}
# Written with the state or the review: the state's label says enough.
_UNSHOWN = {"state", "reviewed_by", "reviewed_at"}


def _rule_titles(view: dict[str, Any]) -> dict[str, str]:
    """The checklist's rule ids with the item's title in the session's language."""
    return {item["rule_id"]: item_title(item) for item in view.get("items", [])}


def change_labels(after: dict[str, Any] | None, titles: dict[str, str]) -> list[str]:
    """What an audit entry changed, as labels (rule titles for checklist items,
    field labels for fields, counts for added photos and violations)."""
    labels = []
    for name, value in (after or {}).items():
        if name == "items" and isinstance(value, dict):
            labels += sorted(titles.get(rule, rule) for rule in value)
        elif name in _UNSHOWN:
            continue
        elif name in _CHANGE_LABELS:
            count = len(value) if isinstance(value, list | dict) else 1
            labels.append(t(_CHANGE_LABELS[name], count=count))
        else:
            labels.append(t("insp.change.other"))
    if "state" in (after or {}):
        labels.append("→ " + state_label(after["state"]))
    return labels


def history_table(view: dict[str, Any]) -> pd.DataFrame:
    """The audit trail of the inspection: when, who, what, why."""
    rows = view["audit"]
    titles = _rule_titles(view)
    return pd.DataFrame(
        {
            t("insp.col_at"): [local_time(e["at"]) for e in rows],
            t("insp.col_by"): [e["actor"] for e in rows],
            t("insp.col_action"): [action_label(e["action"]) for e in rows],
            t("insp.col_changes"): [
                ", ".join(change_labels(e["after"], titles)) for e in rows
            ],
            t("insp.col_reason"): [e["reason"] or "" for e in rows],
        }
    )


def history_panel(view: dict[str, Any]) -> None:
    """The audit trail, newest last (users without the audit right see none)."""
    if view["audit"]:
        st.dataframe(history_table(view), hide_index=True)
    else:
        st.caption(t("home.no_changes"))
