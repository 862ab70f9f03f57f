"""Uploaded files (photos, documents): their names, told apart by their bytes."""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath, PureWindowsPath


def clean_filename(name: object) -> str:
    """The last part of an uploaded file's name, NFC, at most 200 characters."""
    text = unicodedata.normalize("NFC", str(name or "").strip())
    text = PureWindowsPath(PurePosixPath(text).name).name.strip()
    return text[-200:] or "photo"
