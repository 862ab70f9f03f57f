"""The tabs of one inspection, which stay on the tab the user was on.

Saving reruns the page, and a plain ``st.tabs`` opens its first tab again. The
tabs here track their state (Streamlit 1.67's ``on_change``) and the session
keeps the open tab's name per inspection: a save, a rerun, a label whose count
changed (``Ảnh (1)`` after a photo) keep the user where they were. A failed
checklist item without a violation offers to record one (:func:`offer_violations`).
"""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st

from registry.inspections.vocabulary import ItemResult
from ui.common.i18n import t
from ui.inspections.forms import form_key, item_title, may_change

TABS = ("checklist", "violations", "details", "photos", "workflow", "history")


def tab_state_key(inspection_id: int) -> str:
    """The session's key holding the name of the open tab of an inspection."""
    return f"insp_{inspection_id}_open_tab"


def open_tab(inspection_id: int) -> str:
    """The name of the inspection's open tab (the checklist at first)."""
    name = st.session_state.get(tab_state_key(inspection_id))
    return name if name in TABS else TABS[0]


def show_tab(inspection_id: int, name: str) -> None:
    """Open the tab ``name`` on the next run."""
    st.session_state[tab_state_key(inspection_id)] = name


def tab_labels(view: dict[str, Any]) -> dict[str, str]:
    """The label of each tab, by name (violations and photos with their count)."""
    violations = sum(1 for v in view["violations"] if not v["withdrawn_at"])
    photos = sum(1 for p in view["photos"] if not p["withdrawn_at"])
    return {
        "checklist": t("insp.tab_checklist"),
        "violations": t("insp.tab_violations", count=violations),
        "details": t("insp.tab_details"),
        "photos": t("insp.tab_photos", count=photos),
        "workflow": t("insp.tab_workflow"),
        "history": t("insp.tab_history"),
    }


def _remember(inspection_id: int, widget_key: str, names: dict[str, str]) -> None:
    chosen = st.session_state.get(widget_key)
    if chosen in names:
        show_tab(inspection_id, names[chosen])


def inspection_tabs(view: dict[str, Any]) -> dict[str, Any]:
    """The tab containers by name, the remembered one open."""
    labels = tab_labels(view)
    by_label = {label: name for name, label in labels.items()}
    # The widget's key follows its labels: a new count (or language) makes a new
    # widget, opened on the remembered tab rather than on a stale label.
    digest = hashlib.sha1("|".join(labels.values()).encode()).hexdigest()[:8]
    widget_key = f"insp_{view['id']}_tabs_{digest}"
    containers = st.tabs(
        list(labels.values()),
        default=labels[open_tab(view["id"])],
        key=widget_key,
        on_change=_remember,
        args=(view["id"], widget_key, by_label),
    )
    return dict(zip(TABS, containers, strict=True))


def unrecorded_failures(view: dict[str, Any]) -> list[dict[str, Any]]:
    """The checklist items marked 'Không đạt' with no violation recorded for them."""
    recorded = {v["rule_id"] for v in view["violations"] if not v["withdrawn_at"]}
    return [
        item
        for item in view["items"]
        if item["result"] == ItemResult.FAIL and item["rule_id"] not in recorded
    ]


def _prepare_violation(view: dict[str, Any], rule: str) -> None:
    """Open the violations tab with the failed item's rule chosen."""
    st.session_state[f"{form_key(view, 'violation')}_rule"] = rule
    show_tab(view["id"], "violations")


def offer_violations(view: dict[str, Any]) -> None:
    """Under the checklist: each failed item without a violation, and a button that
    opens the violation form for it."""
    if not may_change(view):
        return
    failures = unrecorded_failures(view)
    if not failures:
        return
    st.warning(t("insp.failed_without_violation", count=len(failures)))
    for item in failures:
        st.button(
            t("insp.record_violation_for", title=item_title(item)),
            icon=":material/report:",
            key=f"insp_{view['id']}_offer_{item['rule_id']}",
            on_click=_prepare_violation,
            args=(view, item["rule_id"]),
        )
