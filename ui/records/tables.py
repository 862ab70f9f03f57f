"""The registry page's pieces: kind of record, the table, one record's details.

A record is opened by the URL's query parameters ``?id=N&kind=site`` (or
``kind=point``), so other pages (the maps) can link to it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.vocabulary import INTERNET_POINT_KINDS, PointKind
from ui.common.i18n import field_label, operator_name, t, value_label
from ui.common.selection import picked_row
from ui.shell.page_state import address_ignored, url_number

# group -> (record type, kinds of point); the same groups as imports and exports.
GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "sites": ("site", ()),
    "internet-points": ("point", tuple(k.value for k in INTERNET_POINT_KINDS)),
    "game-points": ("point", (PointKind.GAME_POINT.value,)),
}
GROUP_KEY = "reg_group"
_SYNCED_KEY = "reg_synced_record"
_SELECTION_KEY = "reg_last_selection"
FLASH_KEY = "reg_flash"

TABLE_COLUMNS = {
    "site": (
        "id",
        "site_code",
        "name",
        "network_code",
        "structure_type",
        "status",
        "status_since",
        "commune_name_2025_06",
        "district_name_2025_06",
        "commune_name_2025_07",
        "location_flag",
    ),
    "point": (
        "id",
        "name",
        "kind",
        "status",
        "certificate_number",
        "certificate_expires_on",
        "owner_name",
        "address",
        "commune_name_2025_06",
        "district_name_2025_06",
        "commune_name_2025_07",
        "location_flag",
    ),
}


def groups_for(actor: Actor) -> list[str]:
    """The kinds of record the actor may read (operators: sites only)."""
    return [
        g for g, (kind, _) in GROUPS.items() if perm.allowed(actor, perm.READ, kind)
    ]


def group_of(record: dict[str, Any] | None, record_type: str | None) -> str | None:
    """The group a record belongs to (sites, internet points, game points)."""
    if record is None or record_type is None:
        return None
    if record_type == "site":
        return "sites"
    if record.get("kind") == PointKind.GAME_POINT.value:
        return "game-points"
    return "internet-points"


def requested_record() -> tuple[str, int] | None:
    """(record type, id) asked for by the URL (``?id=12&kind=site``), or None."""
    raw_id = st.query_params.get("id", "")
    kind = st.query_params.get("kind", "site")
    if kind in GROUPS:
        kind = GROUPS[kind][0]
    record_id = url_number(raw_id)
    if record_id is None or kind not in ("site", "point"):
        if raw_id:
            address_ignored()
        return None
    return kind, record_id


def open_record(record_type: str, record_id: int) -> None:
    """Put a record in the URL (it is shown on the next run)."""
    st.query_params["id"] = str(record_id)
    st.query_params["kind"] = record_type


def close_record() -> None:
    """Take the record out of the URL."""
    for name in ("id", "kind"):
        if name in st.query_params:
            del st.query_params[name]


def choose_group(actor: Actor, preferred: str | None, wanted) -> str:
    """The kind-of-record switch; a record opened by URL selects its own kind."""
    options = groups_for(actor)
    if preferred in options and st.session_state.get(_SYNCED_KEY) != wanted:
        st.session_state[GROUP_KEY] = preferred
        st.session_state[_SYNCED_KEY] = wanted
    if st.session_state.get(GROUP_KEY) not in options:
        st.session_state[GROUP_KEY] = options[0]
    return st.segmented_control(
        t("reg.group"),
        options,
        format_func=lambda g: t(f"group.{g}"),
        key=GROUP_KEY,
        on_change=close_record,
        required=True,
    )


def table_frame(found: pd.DataFrame, record_type: str) -> pd.DataFrame:
    """The columns of the table, labelled, with values in words."""
    columns = [c for c in TABLE_COLUMNS[record_type] if c in found.columns]
    shown = found[columns].copy()
    for name in ("status", "kind", "structure_type"):
        if name in shown:
            shown[name] = shown[name].map(value_label)
    if "network_code" in shown:
        shown["network_code"] = shown["network_code"].map(operator_name)
    if "location_flag" in shown:
        shown["location_flag"] = shown["location_flag"].map(
            lambda flag: "⚠" if isinstance(flag, str) and flag else ""
        )
    for name in ("status_since", "certificate_expires_on"):
        if name in shown:
            shown[name] = pd.to_datetime(shown[name])
    labels = {c: field_label(record_type, c) for c in shown}
    labels["network_code"] = t("col.operator")
    return shown.rename(columns=labels)


def records_table(found: pd.DataFrame, record_type: str, table_key: str) -> None:
    """The sortable table; choosing a row opens that record."""
    st.caption(t("reg.count", count=len(found)))
    shown = table_frame(found, record_type)
    date_format = {
        field_label(record_type, name): st.column_config.DateColumn(format="DD/MM/YYYY")
        for name in ("status_since", "certificate_expires_on")
    }
    row = picked_row(
        shown,
        table_key,
        max_height=360,
        column_config=date_format,
        memory=_SELECTION_KEY,
    )
    if row is not None:
        open_record(record_type, int(found.iloc[row]["id"]))
        st.rerun()


def show_flash() -> None:
    """The message left by the last successful form (then forgotten)."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def flash(message: str) -> None:
    """Keep a success message for the next run (forms rerun after saving)."""
    st.session_state[FLASH_KEY] = message
