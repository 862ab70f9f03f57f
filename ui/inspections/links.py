"""Links into the inspections page, and what its URL asks for.

The page opens one inspection with ``?inspection=N`` and starts an inspection of
a point with ``?point=N``, so that the dashboard, the maps and the registry can
link to it (with :func:`link_to_inspection` and :func:`link_to_new_inspection`,
which keep the session signed in).
"""

from __future__ import annotations

import streamlit as st

from ui.common.i18n import t
from ui.shell import page_state
from ui.shell.menu import link_to_page
from ui.shell.page_state import query_number

INSPECTION_PARAM = "inspection"
POINT_PARAM = "point"


def inspection_query(inspection_id: int) -> dict[str, str]:
    """Query parameters that open one inspection."""
    return {INSPECTION_PARAM: str(int(inspection_id))}


def point_query(point_id: int) -> dict[str, str]:
    """Query parameters that start an inspection of a point."""
    return {POINT_PARAM: str(int(point_id))}


def link_to_inspection(inspection_id: int, label: str | None = None) -> None:
    """A link that opens an inspection on the inspections page."""
    link_to_page(
        "inspections",
        inspection_query(inspection_id),
        label or t("menu.open_inspection", id=inspection_id),
        ":material/fact_check:",
    )


def link_to_new_inspection(point_id: int, label: str | None = None) -> None:
    """A link that starts an inspection of a point (commune staff)."""
    link_to_page(
        "inspections",
        point_query(point_id),
        label or t("menu.inspect_point", id=point_id),
        ":material/add_task:",
    )


def requested_inspection() -> int | None:
    """The inspection the URL asks for (``?inspection=N``), or None."""
    return query_number(INSPECTION_PARAM)


def requested_point() -> int | None:
    """The point the URL asks to inspect (``?point=N``), or None."""
    return query_number(POINT_PARAM)


def show_inspection(inspection_id: int) -> None:
    """Put an inspection in the URL (shown on the next run)."""
    if POINT_PARAM in st.query_params:
        del st.query_params[POINT_PARAM]
    st.query_params[INSPECTION_PARAM] = str(int(inspection_id))


def show_point(point_id: int) -> None:
    """Put a point to inspect in the URL (shown on the next run)."""
    if INSPECTION_PARAM in st.query_params:
        del st.query_params[INSPECTION_PARAM]
    st.query_params[POINT_PARAM] = str(int(point_id))


def keep_in_url(inspection_id: int | None, point_id: int | None) -> None:
    """Write what the page shows back into the browser's URL.

    A page reached through ``st.page_link(..., query_params=...)`` reads the
    parameters on its first run, but the browser's address may not carry them,
    and the next run (a form sent) would lose them; writing them keeps them.
    """
    if inspection_id is not None:
        st.query_params[INSPECTION_PARAM] = str(inspection_id)
    elif point_id is not None:
        st.query_params[POINT_PARAM] = str(point_id)


def clear_request() -> None:
    """Back to the lists: no inspection or point in the URL."""
    for name in (INSPECTION_PARAM, POINT_PARAM):
        if name in st.query_params:
            del st.query_params[name]


FLASH_KEY = "insp_flash"


def flash(message: str) -> None:
    """Keep a success message for the next run (the page reruns after saving)."""
    page_state.flash(FLASH_KEY, message)


def show_flash() -> None:
    """The message left by the last successful action (then forgotten)."""
    page_state.show_flash(FLASH_KEY)
