"""The signed-in user's inboxes: what waits for them, what is overdue, what they
filed, and (district, department) what is overdue at the level below.

A row chosen in a table opens the application (``?application=N``).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from registry.kernel.clock import today
from registry.kernel.vocabulary import Role
from registry.permits.queries import list_applications
from ui.common.i18n import t
from ui.common.labels import day_text
from ui.common.markdown import text_md
from ui.common.selection import picked_row
from ui.permits.labels import applications_table, label
from ui.permits.links import link_to_application, show_application

# Roles that oversee a level below them (overdue steps are shown to the level above).
OVERSEEING_ROLES = frozenset({Role.DISTRICT, Role.DEPARTMENT, Role.ADMIN})
_QUEUE_LINKS = 10


def inbox_tabs(actor) -> list[str]:
    """The inbox tabs of the actor's role, in order (before the list of all)."""
    names = ["waiting", "overdue", "filed"]
    if actor.role in OVERSEEING_ROLES:
        names.append("below")
    return names


def _lists(inbox) -> dict[str, Sequence]:
    return {
        "waiting": inbox.waiting,
        "overdue": inbox.overdue,
        "filed": inbox.filed_by_me,
        "below": inbox.overdue_below,
    }


def application_list(summaries: Sequence, key: str) -> None:
    """A table of applications; choosing a row opens that application."""
    if not summaries:
        st.caption(t("pmt.none"))
        return
    st.caption(t("pmt.pick_row"))
    row = picked_row(applications_table(summaries, today()), key, max_height=420)
    if row is not None:
        show_application(int(summaries[row].id))
        st.rerun()


def work_links(summaries: Sequence) -> None:
    """Links to the first applications waiting for the user (their work list)."""
    for summary in summaries[:_QUEUE_LINKS]:
        link_to_application(
            summary.id,
            text_md(
                "pmt.queue_link",
                id=summary.id,
                kind=label(summary.kind),
                place=summary.place_name or "",
                due=day_text(summary.due_on),
            ),
        )
    if len(summaries) > _QUEUE_LINKS:
        st.caption(t("pmt.more", count=len(summaries) - _QUEUE_LINKS))


def render_inbox(registry, actor, inbox) -> None:
    """The inbox tabs of the actor's role, each a table of applications (the
    waiting ones also as links), then every application the actor may see."""
    lists = _lists(inbox)
    lists["all"] = list_applications(registry, actor)
    names = [*inbox_tabs(actor), "all"]
    tabs = st.tabs([t(f"pmt.tab.{name}", count=len(lists[name])) for name in names])
    for tab, name in zip(tabs, names, strict=True):
        with tab:
            if name == "waiting":
                work_links(lists[name])
            application_list(lists[name], f"pmt_inbox_{name}")
