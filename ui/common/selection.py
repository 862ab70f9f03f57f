"""A table the user picks one row of (Streamlit's row selection)."""

from __future__ import annotations

import pandas as pd
import streamlit as st


def picked_row(
    frame: pd.DataFrame,
    key: str,
    *,
    max_height: int = 400,
    column_config: dict | None = None,
    memory: str | None = None,
) -> int | None:
    """The position of the row just chosen in a selectable table, or None.

    A choice is reported once: Streamlit keeps the selection across reruns, and a
    page that opens the chosen row must not open it again on the way back. The last
    choice is remembered under ``memory`` (default: one memory per table key; a
    memory shared by several tables reports a choice once across all of them).
    """
    event = st.dataframe(
        frame,
        hide_index=True,
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        column_config=column_config,
        height=min(max_height, 40 + 35 * max(len(frame), 1)),
    )
    rows = list(event.selection.rows) if event is not None else []
    memory = memory or f"{key}_last"
    if rows and st.session_state.get(memory) != (key, rows):
        st.session_state[memory] = (key, rows)
        return rows[0]
    return None
