"""Vocabulary and limits of inspections: states, results, photos, fines.

An inspection moves ``draft → submitted → approved | has_issues | rejected``. A
correction of a submitted or reviewed inspection sends it back to ``submitted``
(the district reviews it again); nothing is ever deleted: violations and photos
recorded by mistake are withdrawn with a reason.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from registry.files.decoding import MAX_IMAGE_PIXELS
from registry.files.uploads import checked_upload
from registry.inspections import messages as msg
from registry.kernel.errors import FieldError


class InspectionState(StrEnum):
    """Where an inspection stands in its workflow."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    HAS_ISSUES = "has_issues"
    REJECTED = "rejected"


class ItemResult(StrEnum):
    """What the inspector found for one rule of the checklist."""

    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"


# The district's possible decisions on a submitted inspection.
REVIEW_OUTCOMES = (
    InspectionState.APPROVED,
    InspectionState.HAS_ISSUES,
    InspectionState.REJECTED,
)
# States a correction applies to (a draft is simply edited).
CORRECTABLE_STATES = (InspectionState.SUBMITTED, *REVIEW_OUTCOMES)
# Inspections that count as done for plans and dashboards: a rejected one does not.
DONE_STATES = (
    InspectionState.SUBMITTED,
    InspectionState.APPROVED,
    InspectionState.HAS_ISSUES,
)

MAX_PHOTO_BYTES = 5 * 1024 * 1024
# Largest photo in pixels: decoding's limit for every uploaded image.
MAX_PHOTO_PIXELS = MAX_IMAGE_PIXELS
MAX_PHOTOS_PER_INSPECTION = 30
# Above any administrative fine for these services (Decree 14/2022 tops out far
# below); a larger figure is a typing error.
MAX_FINE_VND = 1_000_000_000

# (first bytes, content type); WebP also needs "WEBP" at offset 8.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
IMAGE_KINDS = "JPEG, PNG, GIF or WebP"


def image_type(data: bytes) -> str | None:
    """The image content type the bytes start with, or None for anything else.

    Decided from the file's magic numbers, never from its name.
    """
    for signature, content_type in _SIGNATURES:
        if data.startswith(signature):
            return content_type
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def photo_stem(inspection_id: int) -> str:
    """The start of the stored names of an inspection's photos."""
    return f"kiem-tra-{int(inspection_id)}-anh"


@dataclass(frozen=True)
class PhotoFile:
    """An uploaded photo that passed the checks, ready to store."""

    filename: str
    content_type: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _megabytes(size: int) -> float:
    return size / 1024 / 1024


def _photo_error(name: str, message, **context) -> FieldError:
    # The label names the file ("Ảnh bien-ban.pdf"): its name is not repeated.
    return FieldError("photo", name, message, filename=name, hide_value=True, **context)


_PHOTO_REFUSALS = {
    "bytes": msg.PHOTO_BYTES,
    "empty": msg.PHOTO_EMPTY,
    "type": msg.PHOTO_TYPE,
    "image": msg.PHOTO_UNREADABLE,
    "pixels": msg.PHOTO_PIXELS,
}


def _refuse_photo(problem: str, name: str, size: int, **context) -> FieldError:
    if problem == "size":
        return _photo_error(
            name,
            msg.PHOTO_SIZE,
            limit_mb=_megabytes(MAX_PHOTO_BYTES),
            size_mb=_megabytes(size),
        )
    return _photo_error(name, _PHOTO_REFUSALS[problem], kinds=IMAGE_KINDS, **context)


def check_photo(filename: object, data: object) -> PhotoFile:
    """An uploaded file as a :class:`PhotoFile`, or a :class:`FieldError` naming it.

    Refused: anything whose bytes are not a JPEG, PNG, GIF or WebP image (whatever
    its name says) that decodes within the pixel limit, an empty file, a file over
    :data:`MAX_PHOTO_BYTES`. The photo kept is the product's re-encoding (a JPEG
    stays JPEG, other images become PNG), without metadata.
    """
    name, content_type, data = checked_upload(
        filename,
        data,
        max_bytes=MAX_PHOTO_BYTES,
        content_type_of=image_type,
        refuse=_refuse_photo,
    )
    return PhotoFile(name, content_type, data)
