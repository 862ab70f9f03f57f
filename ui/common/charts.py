"""Charts that write numbers the way the session's language does.

Streamlit's own ``st.line_chart`` and ``st.bar_chart`` label their axes with
English separators ("1,000"); these build the same charts with Altair and give
Vega the Vietnamese number locale ("1.000") when the interface is Vietnamese.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from ui.common.i18n import language

VIETNAMESE_NUMBERS = {
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["", "\u00a0₫"],
}


def _show(chart: alt.Chart, height: int) -> None:
    if language() == "vi":
        chart = chart.configure(locale={"number": VIETNAMESE_NUMBERS})
    st.altair_chart(chart, width="stretch", height=height)


def line_chart(
    frame: pd.DataFrame | pd.Series,
    *,
    x_title: str,
    y_title: str,
    series_title: str = "",
    height: int = 300,
) -> None:
    """One line per column of ``frame`` (a Series: one line) over its index.

    The index is drawn as ordered labels (years stay "2025", never "2.025").
    """
    wide = frame.to_frame() if isinstance(frame, pd.Series) else frame
    long = (
        wide.rename_axis(None)
        .reset_index(names="x")
        .melt(id_vars="x", var_name="series", value_name="y")
    )
    long["x"] = long["x"].astype(str)
    long["series"] = long["series"].astype(str)
    chart = (
        alt.Chart(long)
        .mark_line(point=False)
        .encode(
            x=alt.X("x:O", title=x_title, sort=None, axis=alt.Axis(labelAngle=-90)),
            y=alt.Y("y:Q", title=y_title),
            color=alt.Color(
                "series:N",
                title=series_title or None,
                sort=list(map(str, wide.columns)),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("x:O", title=x_title),
                alt.Tooltip("series:N", title=series_title or " "),
                alt.Tooltip("y:Q", title=y_title, format=",d"),
            ],
        )
    )
    _show(chart, height)


def bar_chart(
    labels: list[str], values: list[float], *, label_title: str, value_title: str
) -> None:
    """Horizontal bars, one per label, in the order given."""
    frame = pd.DataFrame({"label": labels, "value": values})
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(
                "label:N",
                title=label_title,
                sort=None,
                axis=alt.Axis(labelOverlap=False, labelLimit=220),
            ),
            x=alt.X("value:Q", title=value_title),
            tooltip=[
                alt.Tooltip("label:N", title=label_title),
                alt.Tooltip("value:Q", title=value_title, format=",d"),
            ],
        )
    )
    _show(chart, height=90 + 30 * len(frame))
