"""The request form of the reports page: kind of area, area, edition and period."""

from __future__ import annotations

from datetime import date

import streamlit as st

from registry.kernel.clock import today
from registry.reports.area import AREA_KINDS, area_choices
from ui.common.i18n import t

EDITIONS = ("2025-06", "2025-07")


def _kinds(actor) -> list[str]:
    """Clusters span districts: only the whole-province roles report on them."""
    return [k for k in AREA_KINDS if k != "cluster" or actor.sees_whole_province]


def choose_report(registry, actor) -> dict | None:
    """The form; returns ``make_report``'s keyword arguments when submitted."""
    columns = st.columns([1, 2, 2])
    kind = columns[0].radio(
        t("rep.kind"),
        _kinds(actor),
        format_func=lambda k: t(f"rep.kind.{k}"),
        key="rep_kind",
    )
    edition = columns[2].selectbox(
        t("rep.edition"),
        EDITIONS,
        index=EDITIONS.index(registry.config.default_edition),
        format_func=lambda e: t(f"edition.{e}"),
        key="rep_edition",
    )
    choices = dict(area_choices(registry, actor, kind, edition))
    if not choices:
        st.info(t("rep.no_areas"))
        return None
    key = columns[1].selectbox(
        t("rep.area"),
        list(choices),
        format_func=lambda c: choices[c],
        key=f"rep_area_{kind}_{edition}",
    )
    day = today()
    dates = st.columns(3)
    start = dates[0].date_input(
        t("rep.start"),
        value=date(day.year, 1, 1),
        max_value=day,
        format="DD/MM/YYYY",
        key="rep_start",
    )
    end = dates[1].date_input(
        t("rep.end"), value=day, max_value=day, format="DD/MM/YYYY", key="rep_end"
    )
    dates[2].write("")
    if not dates[2].button(t("rep.make"), type="primary", key="rep_make"):
        return None
    return {
        "kind": kind,
        "key": key,
        "start": start,
        "end": end,
        "edition": edition,
    }
