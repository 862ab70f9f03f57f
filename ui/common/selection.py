"""A table the user picks one row of (Streamlit's row selection)."""

from __future__ import annotations

import pandas as pd
import streamlit as st


def picked_row(frame: pd.DataFrame, key: str, *, max_height: int = 400) -> int | None:
    """The position of the row just chosen in a selectable table, or None.

    A choice is reported once: Streamlit keeps the selection across reruns, and a
    page that opens the chosen row must not open it again on the way back.
    """
    event = st.dataframe(
        frame,
        hide_index=True,
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        height=min(max_height, 40 + 35 * max(len(frame), 1)),
    )
    rows = list(event.selection.rows) if event is not None else []
    memory = f"{key}_last"
    if rows and st.session_state.get(memory) != rows:
        st.session_state[memory] = rows
        return rows[0]
    return None
