"""Streamlit's own widget texts in the session's language, and file uploaders that
state the product's size limit.

Streamlit 1.67 writes some texts of its widgets in English and offers no parameter
for them: the uploader's button ("Upload"), its hint ("200MB per file • CSV") and
the words shown while a file is dragged over it; the camera's "Take Photo",
"Clear photo", "Switch camera" and its request for access. :func:`widget_texts`
swaps the visible words with CSS (selectors are Streamlit's test ids and, for two
texts without one, its style classes); should a later Streamlit rename them, its
English texts simply show again, and ``tests/browser/test_vietnamese.py`` fails.

Each uploader states its own limit in a caption (:func:`file_uploader`), and passes
the same limit to Streamlit, whose server accepts at most ``server.maxUploadSize``
(``.streamlit/config.toml``: the largest limit of the product, boundary files).
"""

from __future__ import annotations

import streamlit as st

from ui.common.i18n import language, t

# The same size as the records import (ui/files/transfer.py): a table of units.
TABLE_UPLOAD_MB = 25

_DROPZONE = '[data-testid="stFileUploaderDropzone"]'
_CAMERA = '[data-testid="stCameraInput"]'
_CAMERA_BUTTON = '[data-testid="stCameraInputButton"]'
# The uploader's "Drag and drop a file here" (shown while dragging) and the
# camera's request for access have no test id: Streamlit's style classes.
_DRAG_TEXT = ".euud7oh2"


def _swap(selector: str, text: str) -> list[str]:
    """CSS rules hiding the words of ``selector`` and showing ``text`` instead."""
    shown = text.replace("\\", "\\\\").replace('"', '\\"')
    return [
        f"{selector} {{ font-size: 0 !important; }}",
        f'{selector}::after {{ content: "{shown}"; font-size: 0.875rem; '
        "line-height: 1.6; }",
    ]


def widget_rules() -> list[str]:
    """The CSS rules that put Streamlit's widget texts in Vietnamese."""
    button = f'{_DROPZONE} button [data-testid="stMarkdownContainer"] p'
    camera_clear = f'{_CAMERA}:has(img[alt="Snapshot"]) {_CAMERA_BUTTON}'
    rules = [
        *_swap(button, t("upload.button")),
        # Each uploader states its limit and formats in Vietnamese (caption).
        f'{_DROPZONE} [data-testid="stFileUploaderDropzoneInstructions"] span '
        "{ font-size: 0; }",
        *_swap(f"{_DROPZONE} {_DRAG_TEXT}", t("upload.drop_here")),
        *_swap(f"{_CAMERA_BUTTON}", t("camera.take")),
        *_swap(camera_clear, t("camera.clear")),
        # An empty date field would show "DD/MM/YYYY": its label says what to type.
        '[data-testid="stDateInput"] input::placeholder { color: transparent; }',
        # A focused text field shows "Press Enter to submit form" (and a character
        # count) with no parameter to change it; the forms have their own save
        # buttons, so the hint goes.
        '[data-testid="InputInstructions"] { display: none; }',
    ]
    return rules


def widget_texts() -> None:
    """Put Streamlit's own widget texts in Vietnamese on this page (English: its
    own texts stay)."""
    if language() == "en":
        return
    st.html("<style>" + "\n".join(widget_rules()) + "</style>")


def limit_text(limit_mb: int, types: list[str] | None) -> str:
    """'Mỗi tệp tối đa 5 MB · JPG, PNG' in the session's language."""
    if not types:
        return t("upload.limit", mb=limit_mb)
    kinds = ", ".join(sorted({k.lstrip(".").upper() for k in types}))
    return t("upload.limit_types", mb=limit_mb, types=kinds)


def file_uploader(
    label: str,
    *,
    limit_mb: int,
    key: str,
    types: list[str] | None = None,
    multiple: bool = False,
):
    """``st.file_uploader`` with the product's limit (Streamlit refuses larger
    files before they are sent) and that limit stated under it."""
    chosen = st.file_uploader(
        label,
        type=types,
        accept_multiple_files=multiple,
        max_upload_size=limit_mb,
        key=key,
    )
    st.caption(limit_text(limit_mb, types))
    return chosen
