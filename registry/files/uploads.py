"""Uploaded files (photos, documents): told apart by their bytes, decoded as what
they claim (:mod:`registry.files.decoding`), stored under names the product makes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from registry.files.decoding import (
    UndecodableUpload,
    checked_pdf,
    extension,
    reencoded_image,
)
from registry.kernel.errors import FieldError, ValidationError

# (problem, cleaned file name, size in bytes, **context) -> the concern's refusal;
# the problem is "bytes" (not a file's bytes), "empty", "size" (over the limit),
# "type" (not a kind the concern takes), or one of decoding's: "image" (does not
# decode), "pixels" (context: pixels, limit), "pdf", "encrypted", "active".
UploadRefusal = Callable[..., FieldError]


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
    """(clean name, content type, bytes to store) of an uploaded file, or the
    concern's refusal (``refuse``) of its first problem: not bytes, empty, over
    ``max_bytes``, bytes that ``content_type_of`` does not recognise (whatever the
    name says), or bytes that do not decode as that type. An image's bytes and type
    are those of its re-encoding; a PDF's are those sent."""
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
    try:
        if content_type == "application/pdf":
            return name, content_type, checked_pdf(data)
        content_type, stored = reencoded_image(data)
    except UndecodableUpload as problem:
        raise refuse(problem.problem, name, len(data), **problem.context) from None
    return name, content_type, stored


def stored_filename(stem: str, number: int, content_type: str) -> str:
    """The name the product gives a stored file: ``<stem>-<number>.<extension of
    the type>``, e.g. ``ho-so-123-tai-lieu-2.pdf``; never the uploader's name."""
    return f"{stem}-{int(number)}.{extension(content_type)}"


def made_by_product(filename: str, stem: str) -> bool:
    """Whether ``filename`` is a name :func:`stored_filename` made with ``stem``
    (a file stored before the product named its files has the uploader's)."""
    return re.fullmatch(re.escape(stem) + r"-\d+\.[a-z]+", filename or "") is not None


def served_name(filename: str, stem: str, number: int, content_type: str) -> str:
    """The name a stored file is downloaded under: the product's stored name, or
    one made like it (with ``number``, e.g. the row id) for an earlier file."""
    if made_by_product(filename, stem):
        return filename
    return stored_filename(stem, number, content_type)


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
