"""The page flow around a service call: its answer, or its refusal in words and the
end of the page run."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from registry.kernel.errors import RegistryError
from ui.common.messages import error_text

Answer = TypeVar("Answer")


def answer_or_stop(
    call: Callable[[], Answer],
    *,
    subject: str = "site",
    back: tuple[str, Callable[[], None]] | None = None,
) -> Answer:
    """What ``call`` returns; when the registry refuses, its refusal (fields named
    as those of ``subject``), a button ``back`` = (label, on_click) when given, and
    the page stops there."""
    try:
        return call()
    except RegistryError as error:
        st.error(error_text(error, subject))
        if back is not None:
            label, on_click = back
            st.button(label, on_click=on_click, icon=":material/arrow_back:")
        st.stop()
        raise  # st.stop() ends the run; this line is never reached


def as_keywords(choice: Any) -> dict[str, Any]:
    """The fields of what the user picked (a dataclass whose fields are named
    like the service's keyword arguments), as those keyword arguments."""
    return {f.name: getattr(choice, f.name) for f in dataclasses.fields(choice)}
