"""What a page keeps between runs: numbers in the URL and one-shot messages.

Pages that open one object by a query parameter (``?inspection=N``,
``?application=N``) and rerun after saving share these small pieces.
"""

from __future__ import annotations

import streamlit as st

from ui.common.i18n import t

# More digits than any id can have: such a value is not a number of this registry
# (and int() refuses strings of over 4300 digits).
_MAX_DIGITS = 30


def url_number(raw: str) -> int | None:
    """``raw`` as a whole number of ASCII digits (at most 30), or None."""
    # isdigit() alone admits "²" and other digits int() refuses.
    if raw.isascii() and raw.isdigit() and len(raw) <= _MAX_DIGITS:
        return int(raw)
    return None


def address_ignored() -> None:
    """Tell the user the page's address held a parameter it could not use."""
    st.warning(t("app.address_ignored"), icon=":material/link_off:")


def query_number(name: str) -> int | None:
    """The whole number the URL gives for ``name`` (``?name=N``), or None; a
    value that is not one is ignored, and the user is told."""
    raw = st.query_params.get(name, "")
    number = url_number(raw)
    if raw and number is None:
        address_ignored()
    return number


def flash(key: str, message: str) -> None:
    """Keep a success message under ``key`` for the next run (pages rerun after
    saving, which would otherwise wipe a message shown now)."""
    st.session_state[key] = message


def show_flash(key: str) -> None:
    """Show the message kept under ``key`` by :func:`flash`, then forget it."""
    message = st.session_state.pop(key, None)
    if message:
        st.success(message, icon=":material/check_circle:")
