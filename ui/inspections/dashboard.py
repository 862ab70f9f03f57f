"""The inspections dashboard: choosing the area and day, the figures, and the
records behind each figure (links to the point in the registry or to the
inspection).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from registry.inspections.dashboard import Area, Dashboard, Figure, RuleRate
from registry.kernel.clock import today
from registry.kernel.vocabulary import PointKind
from registry.maps.data import EXPIRY_WINDOW_DAYS, unit_options
from ui.common.i18n import language, number, t, value_label
from ui.common.labels import day_text
from ui.common.markdown import text_md
from ui.inspections.links import link_to_inspection
from ui.inspections.lists import commune_plan_table
from ui.inspections.messages import ruleset_title
from ui.shell.menu import link_to_record

_LINKS = 20
EDITIONS = ("2025-06", "2025-07")


def choose_area(registry, actor) -> tuple[dict, date]:
    """Edition, district and commune (as the user's role allows) and the day.

    Returns the keyword arguments of ``inspection_dashboard`` and the day.
    """
    columns = st.columns(4)
    edition = actor.area_edition
    if edition is None:
        edition = columns[0].selectbox(
            t("dash.edition"),
            EDITIONS,
            index=EDITIONS.index(registry.config.default_edition),
            format_func=lambda e: t(f"edition.{e}"),
            key="dash_edition",
        )
    district = None
    if actor.area_level == "district":
        district = actor.area_code
    elif actor.area_level is None and edition == "2025-06":
        districts = dict(unit_options(registry, actor, edition, "district"))
        # "" is 'all' (None would keep its old label after a language switch:
        # Streamlit sends no new value for a None choice).
        district = (
            columns[1].selectbox(
                t("dash.district"),
                ["", *districts],
                format_func=lambda c: districts[c] if c else t("dash.all"),
                key="dash_district",
            )
            or None
        )
    commune = None
    if actor.area_level != "commune":
        communes = dict(unit_options(registry, actor, edition, "commune", district))
        commune = (
            columns[2].selectbox(
                t("dash.commune"),
                ["", *communes],
                format_func=lambda c: communes[c] if c else t("dash.all"),
                key=f"dash_commune_{edition}_{district}",
            )
            or None
        )
    day = columns[3].date_input(
        t("dash.on"),
        value=today(),
        max_value=today(),
        format="DD/MM/YYYY",
        key="dash_on",
    )
    return {"edition": edition, "district": district, "commune": commune}, day


def _point_label(dashboard: Dashboard, point_id: int) -> str:
    return text_md(
        "dash.point_link", id=point_id, name=dashboard.point_names.get(point_id, "")
    )


def _inspection_label(dashboard: Dashboard, inspection_id: int) -> str:
    name, day = dashboard.inspection_facts.get(inspection_id, ("", None))
    return text_md(
        "dash.inspection_link", id=inspection_id, name=name, day=day_text(day)
    )


def record_links(dashboard: Dashboard, figure: Figure) -> None:
    """Links to the first records behind a figure (and how many more there are)."""
    for record_id in figure.ids[:_LINKS]:
        if figure.record_type == "point":
            link_to_record("point", record_id, _point_label(dashboard, record_id))
        else:
            link_to_inspection(record_id, _inspection_label(dashboard, record_id))
    if len(figure.ids) > _LINKS:
        st.caption(t("dash.records_more", count=len(figure.ids) - _LINKS))


def figure(column, dashboard: Dashboard, label: str, value: Figure, **extra) -> None:
    """A metric and, when it counts anything, a popover with the records."""
    with column:
        st.metric(label, number(value.value), **extra)
        if value.ids:
            with st.popover(t("dash.records", count=value.value)):
                record_links(dashboard, value)


def _area_text(area: Area) -> str:
    return area.name or t("dash.whole")


def rates_table(rates: list[RuleRate]) -> pd.DataFrame:
    """The violation rate of each rule, in the session's language."""
    english = language() == "en"
    return pd.DataFrame(
        {
            t("dash.col_requirement"): [
                r.title_en if english else r.title_vi for r in rates
            ],
            t("dash.col_checked"): [r.checked for r in rates],
            t("dash.col_failed"): [r.failed for r in rates],
            t("dash.col_rate"): [
                "" if r.rate is None else number(100 * r.rate, 1) + " %" for r in rates
            ],
            t("dash.col_violations"): [r.violations for r in rates],
        }
    )


def _rates(dashboard: Dashboard) -> None:
    st.subheader(t("dash.rates"))
    if not dashboard.violation_rates:
        st.caption(t("dash.no_rates"))
        return
    st.dataframe(rates_table(dashboard.violation_rates), hide_index=True)
    failing = [r for r in dashboard.violation_rates if r.inspection_ids]
    for rate in failing:
        title = rate.title_en if language() == "en" else rate.title_vi
        with st.expander(t("dash.rate_records", rule=title)):
            record_links(
                dashboard,
                Figure(len(rate.inspection_ids), "inspection", rate.inspection_ids),
            )


def _grid(count: int, per_row: int) -> list:
    """``count`` bordered cells, ``per_row`` to a row (long labels stay whole)."""
    cells = []
    for start in range(0, count, per_row):
        cells += st.columns(per_row, border=True)[: count - start]
    return cells


def render_dashboard(dashboard: Dashboard) -> None:
    """Every figure of the dashboard, each with the records behind it."""
    st.caption(
        t("dash.area", area=_area_text(dashboard.area), day=day_text(dashboard.on))
        + " · "
        + t("dash.ruleset", title=ruleset_title(dashboard.ruleset))
    )
    st.subheader(t("dash.points_by_kind"))
    cells = _grid(len(PointKind), 2)
    for cell, kind in zip(cells, PointKind, strict=True):
        figure(cell, dashboard, value_label(kind.value), dashboard.points_by_kind[kind])

    st.subheader(t("dash.inspections", year=dashboard.on.year))
    cells = _grid(6, 3)
    figure(
        cells[0],
        dashboard,
        t("dash.done"),
        dashboard.inspections_done,
        delta=t("dash.done_of", required=dashboard.inspections_required),
        delta_color="off",
        delta_arrow="off",
    )
    figure(cells[1], dashboard, t("dash.operating"), dashboard.operating_points)
    figure(cells[2], dashboard, t("dash.awaiting"), dashboard.awaiting_review)
    figure(cells[3], dashboard, t("dash.overdue"), dashboard.points_overdue)
    figure(cells[4], dashboard, t("dash.due"), dashboard.points_due)
    figure(cells[5], dashboard, t("dash.follow_ups"), dashboard.follow_ups_overdue)

    st.subheader(t("dash.certificates"))
    cells = _grid(4, 2)
    figure(
        cells[0],
        dashboard,
        t("dash.expiring", days=EXPIRY_WINDOW_DAYS),
        dashboard.certificates_expiring,
    )
    figure(cells[1], dashboard, t("dash.expired"), dashboard.certificates_expired)
    figure(
        cells[2],
        dashboard,
        t("dash.no_certificate"),
        dashboard.open_without_certificate,
    )
    if dashboard.near_schools is None:
        with cells[3]:
            st.metric(t("dash.near_schools"), "—")
            st.caption(
                t("dash.no_school_rule", ruleset=ruleset_title(dashboard.ruleset))
            )
    else:
        figure(cells[3], dashboard, t("dash.near_schools"), dashboard.near_schools)
        cells[3].caption(t("dash.school_note"))

    _rates(dashboard)
    st.subheader(t("dash.by_commune"))
    st.dataframe(
        commune_plan_table(dashboard.by_commune, t("dash.commune")), hide_index=True
    )
