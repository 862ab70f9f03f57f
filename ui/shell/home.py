"""The home page's figures for the user's area and the recent changes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from registry.access.profile import Profile
from registry.records.stats import EXPIRY_WARNING_DAYS, NO_DISTRICT, RegistryStats
from registry.units.succession import area_succession
from ui.common.charts import bar_chart
from ui.common.i18n import field_label, number, t, value_label
from ui.common.labels import (
    action_label,
    day_text,
    local_time,
    missing,
    reason_text,
    record_type_label,
    value_text,
)
from ui.shell.sidebar import area_text


def _count_table(counts: dict[str, int], label_of, heading: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            heading: [label_of(k) for k in counts],
            t("home.count"): list(counts.values()),
        }
    )


def _counts_shown(counts: dict[str, int], label_of, heading: str) -> pd.DataFrame:
    """The counts as a table to read: numbers written the language's way (5.000)."""
    table = _count_table(counts, label_of, heading)
    table[t("home.count")] = table[t("home.count")].map(number)
    return table


def _bar(counts: dict[str, int], label_of, heading: str) -> None:
    if not counts or not sum(counts.values()):
        st.caption(t("home.none"))
        return
    table = _count_table(counts, label_of, heading)
    bar_chart(
        list(table[heading]),
        list(table[t("home.count")]),
        label_title=heading,
        value_title=t("home.count"),
    )


def render_stats(stats: RegistryStats, profile: Profile, reads_points: bool) -> None:
    """Metrics, charts and tables of the figures of the user's area."""
    st.subheader(t("home.area_heading", area=area_text(profile)))
    sites_on_air = sum(stats.sites_by_operator.values())
    columns = st.columns(3, border=True)
    columns[0].metric(
        t("home.sites_total"), number(sum(stats.sites_by_status.values()))
    )
    columns[1].metric(t("home.sites_on_air"), number(sites_on_air))
    columns[2].metric(t("home.flagged"), number(stats.flagged_records))
    if reads_points:
        columns = st.columns(3, border=True)
        columns[0].metric(
            t("home.points_total"), number(sum(stats.points_by_kind.values()))
        )
        columns[1].metric(
            t("home.cert_expiring", days=EXPIRY_WARNING_DAYS),
            number(stats.certificates_expiring),
        )
        columns[2].metric(t("home.cert_expired"), number(stats.certificates_expired))
        st.caption(
            t("home.games_without_cert", count=stats.game_points_without_certificate)
        )
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('home.by_operator')}**")
        _bar(stats.sites_by_operator, str, t("home.operator"))
    with right:
        st.markdown(f"**{t('home.by_technology')}**")
        _bar(stats.sites_by_technology, str, t("home.technology"))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('home.sites_by_status')}**")
        _bar(stats.sites_by_status, value_label, field_label("site", "status"))
    if reads_points:
        with right:
            st.markdown(f"**{t('home.points_by_kind')}**")
            st.dataframe(
                _counts_shown(stats.points_by_kind, value_label, t("home.kind")),
                hide_index=True,
            )
            st.markdown(f"**{t('home.points_by_status')}**")
            st.dataframe(
                _counts_shown(
                    stats.points_by_status, value_label, field_label("point", "status")
                ),
                hide_index=True,
            )
    if len(stats.sites_by_district) > 1:
        with st.expander(t("home.by_district")):
            st.dataframe(
                _counts_shown(stats.sites_by_district, _district, t("home.district")),
                hide_index=True,
            )
    outside = {k: n for k, n in stats.records_without_unit.items() if n}
    if outside:
        st.warning(
            t(
                "home.without_unit",
                sites=number(outside.get("site", 0)),
                points=number(outside.get("point", 0)),
            ),
            icon=":material/wrong_location:",
        )


def _district(name: str) -> str:
    return t("home.no_district") if name == NO_DISTRICT else name


def _what(row: pd.Series) -> str:
    """What an audit entry changed, in words."""
    if not missing(row["records"]):
        return t("home.batch_records", count=int(row["records"]))
    if row["action"] == "change_status" and not missing(row["new_status"]):
        return value_text("status", row["new_status"])
    changed = row["changed"]
    if isinstance(changed, list | tuple) and changed:
        kind = row["record_type"] if row["record_type"] in ("site", "point") else "site"
        return ", ".join(field_label(kind, name) for name in changed)
    return ""


def _record_text(record_id: object, name: object) -> str:
    name = "" if missing(name) else str(name)
    return name if missing(record_id) else f"#{record_id} {name}".strip()


def changes_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The recent changes with translated headers and values."""
    shown = pd.DataFrame(
        {
            t("home.col_at"): frame["at"].map(local_time),
            t("home.col_action"): frame["action"].map(action_label),
            t("home.col_type"): frame["record_type"].map(record_type_label),
            t("home.col_record"): [
                _record_text(i, n)
                for i, n in zip(frame["record_id"], frame["record_name"], strict=True)
            ],
            t("home.col_what"): [_what(row) for _, row in frame.iterrows()],
        }
    )
    if frame["actor"].notna().any():
        shown[t("home.col_actor")] = frame["actor"].fillna("")
        shown[t("home.col_reason")] = frame["reason"].map(reason_text)
    return shown


def render_changes(frame: pd.DataFrame) -> None:
    """The table of recent changes (or a note that there are none)."""
    st.subheader(t("home.changes_heading"))
    if frame.empty:
        st.caption(t("home.no_changes"))
        return
    st.dataframe(changes_table(frame), hide_index=True)


def render_succession(registry, actor) -> None:
    """A notice for a user whose area the 2025 reform abolished, naming the
    commune(s) of the edition in force that took it over."""
    succession = area_succession(registry, actor)
    if succession is None:
        return
    st.warning(
        t(
            f"home.abolished.{succession.level}",
            old=succession.old_name,
            since=day_text(succession.since),
            new=", ".join(succession.successors) or t("home.abolished.unknown"),
        ),
        icon=":material/account_tree:",
    )
