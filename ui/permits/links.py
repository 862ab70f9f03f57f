"""Links into the permits page, what its URL asks for, and the message kept for
the next run.

The page opens one application with ``?application=N`` so that inboxes, the
registry and other pages can link to it (:func:`link_to_application` keeps the
session signed in).
"""

from __future__ import annotations

import streamlit as st

from ui.common.i18n import t
from ui.shell import page_state
from ui.shell.menu import link_to_page
from ui.shell.page_state import query_number

APPLICATION_PARAM = "application"
FLASH_KEY = "pmt_flash"


def application_query(application_id: int) -> dict[str, str]:
    """Query parameters that open one application."""
    return {APPLICATION_PARAM: str(int(application_id))}


def link_to_application(application_id: int, label: str | None = None) -> None:
    """A link that opens an application on the permits page."""
    link_to_page(
        "permits",
        application_query(application_id),
        label or t("pmt.open_application", id=application_id),
        ":material/approval:",
    )


def requested_application() -> int | None:
    """The application the URL asks for (``?application=N``), or None."""
    return query_number(APPLICATION_PARAM)


def show_application(application_id: int) -> None:
    """Put an application in the URL (shown on the next run)."""
    st.query_params[APPLICATION_PARAM] = str(int(application_id))


def keep_in_url(application_id: int | None) -> None:
    """Write the application shown back into the browser's URL.

    A page reached through ``st.page_link(..., query_params=...)`` reads the
    parameters on its first run, but the next run (a form sent) would lose them.
    """
    if application_id is not None:
        st.query_params[APPLICATION_PARAM] = str(application_id)


def clear_request() -> None:
    """Back to the inboxes: no application in the URL."""
    if APPLICATION_PARAM in st.query_params:
        del st.query_params[APPLICATION_PARAM]


def flash(message: str) -> None:
    """Keep a success message for the next run (the page reruns after saving)."""
    page_state.flash(FLASH_KEY, message)


def show_flash() -> None:
    """The message left by the last successful action (then forgotten)."""
    page_state.show_flash(FLASH_KEY)
