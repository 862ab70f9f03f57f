"""What a page keeps between runs: numbers in the URL and one-shot messages.

Pages that open one object by a query parameter (``?inspection=N``,
``?application=N``) and rerun after saving share these small pieces.
"""

from __future__ import annotations

import streamlit as st


def query_number(name: str) -> int | None:
    """The whole number the URL gives for ``name`` (``?name=N``), or None."""
    raw = st.query_params.get(name, "")
    # isdigit() alone admits "²" and other digits int() refuses.
    return int(raw) if raw.isascii() and raw.isdigit() else None


def flash(key: str, message: str) -> None:
    """Keep a success message under ``key`` for the next run (pages rerun after
    saving, which would otherwise wipe a message shown now)."""
    st.session_state[key] = message


def show_flash(key: str) -> None:
    """Show the message kept under ``key`` by :func:`flash`, then forget it."""
    message = st.session_state.pop(key, None)
    if message:
        st.success(message, icon=":material/check_circle:")
