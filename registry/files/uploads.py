"""Uploaded files (photos, documents): their names, told apart by their bytes."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from registry.kernel.errors import FieldError, ValidationError

# (problem, cleaned file name, size in bytes) -> the concern's refusal; the problem
# is "bytes" (not a file's bytes), "empty", "size" (over the limit) or "type".
UploadRefusal = Callable[[str, str, int], FieldError]


def clean_filename(name: object) -> str:
    """The last part of an uploaded file's name, NFC, at most 200 characters."""
    text = unicodedata.normalize("NFC", str(name or "").strip())
    text = PureWindowsPath(PurePosixPath(text).name).name.strip()
    return text[-200:] or "photo"


def checked_upload(
    filename: object,
    data: object,
    *,
    max_bytes: int,
    content_type_of: Callable[[bytes], str | None],
    refuse: UploadRefusal,
) -> tuple[str, str, bytes]:
    """(clean name, content type, bytes) of an uploaded file, or the concern's
    refusal (``refuse``) of its first problem: not bytes, empty, over ``max_bytes``,
    or bytes that ``content_type_of`` does not recognise (whatever the name says)."""
    name = clean_filename(filename)
    if not isinstance(data, bytes | bytearray | memoryview):
        raise refuse("bytes", name, 0)
    data = bytes(data)
    if not data:
        raise refuse("empty", name, 0)
    if len(data) > max_bytes:
        raise refuse("size", name, len(data))
    content_type = content_type_of(data)
    if content_type is None:
        raise refuse("type", name, len(data))
    return name, content_type, data


def check_each(
    files: Iterable[tuple[str, bytes]], check: Callable[[str, bytes], Any]
) -> list:
    """Every (name, bytes) file checked by ``check``; when any is refused, one
    ValidationError with the FieldError of each refused file."""
    checked, errors = [], []
    for filename, data in files:
        try:
            checked.append(check(filename, data))
        except FieldError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return checked
