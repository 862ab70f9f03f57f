"""Uploaded bytes decoded as what they claim to be, or refused with the reason.

An image is opened with Pillow within a pixel limit, decoded in full and encoded
again: the stored bytes are the product's own encoding (no metadata, nothing
appended after the image), so a PNG header followed by HTML, a truncated JPEG or a
decompression bomb never reaches a viewer. A PDF is parsed with pypdf: an encrypted
or unparseable file is refused, and so is one that asks a reader to run a script or
launch a program (JavaScript, Launch, automatic actions); a PDF is stored as sent.
"""

from __future__ import annotations

import io
import re
import warnings
from typing import Any

from PIL import Image, ImageOps
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# A 40-megapixel image is larger than any camera's photo of a site or a scanned
# A3 page at 300 dpi; a larger one is a decompression bomb or a mistake.
MAX_IMAGE_PIXELS = 40_000_000

# Stored encodings: a JPEG stays a JPEG, every other image becomes a PNG (lossless).
_JPEG = "image/jpeg"
_PNG = "image/png"
EXTENSIONS = {_JPEG: "jpg", _PNG: "png", "application/pdf": "pdf"}
# Types of files stored before images were re-encoded, still served as themselves.
_EARLIER_EXTENSIONS = {"image/gif": "gif", "image/webp": "webp"}

# PDF actions that run something in the reader instead of showing a page.
_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/Rendition"}
# The same names written plainly in the file (objects outside compressed streams);
# long enough not to turn up by chance in compressed bytes ("/JS" would, about
# once in 10 MB), the parsed objects are checked for /JS.
_ACTIVE_NAMES = re.compile(rb"/(JavaScript|Launch)(?![A-Za-z0-9#_.-])")
# Deepest chain of objects followed when looking for actions.
_MAX_DEPTH = 12


class UndecodableUpload(Exception):
    """The bytes are not what they claim: ``problem`` names why, ``context``
    carries the figures (e.g. the pixel count)."""

    def __init__(self, problem: str, **context: Any) -> None:
        super().__init__(problem)
        self.problem = problem
        self.context = context


def extension(content_type: str) -> str:
    """The file extension the product gives a stored file of this type ("bin"
    for a type it does not know)."""
    return EXTENSIONS.get(content_type) or _EARLIER_EXTENSIONS.get(content_type, "bin")


def served_type(content_type: str) -> str:
    """The MIME type a stored file is served with: its own when the product
    knows it, else a plain download (``application/octet-stream``)."""
    known = content_type in EXTENSIONS or content_type in _EARLIER_EXTENSIONS
    return content_type if known else "application/octet-stream"


def reencoded_image(data: bytes) -> tuple[str, bytes]:
    """(content type, bytes) of the image re-encoded by the product.

    Raises :class:`UndecodableUpload` with problem ``"pixels"`` (more than
    :data:`MAX_IMAGE_PIXELS`, with ``pixels`` and ``limit``) or ``"image"`` (the
    bytes do not decode as a complete image).
    """
    try:
        with warnings.catch_warnings():
            # Pillow warns (then refuses) on its own, larger limit: ours comes first.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise UndecodableUpload(
                        "pixels", pixels=width * height, limit=MAX_IMAGE_PIXELS
                    )
                jpeg = image.format == "JPEG"
                image.load()
                upright = ImageOps.exif_transpose(image)
                return _encode(upright, jpeg)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise UndecodableUpload(
            "pixels", pixels=_pixels_of(error), limit=MAX_IMAGE_PIXELS
        ) from error
    except UndecodableUpload:
        raise
    except Exception as error:  # noqa: BLE001
        # Pillow reports bad data as UnidentifiedImageError, OSError ("truncated"),
        # ValueError, SyntaxError (broken chunks) and more: all mean a bad file.
        raise UndecodableUpload("image") from error


def _pixels_of(error: Exception) -> int:
    found = re.search(r"\((\d+) pixels\)", str(error))
    return int(found.group(1)) if found else MAX_IMAGE_PIXELS + 1


def _encode(image: Image.Image, jpeg: bool) -> tuple[str, bytes]:
    # A fresh image carries pixels only: no EXIF (GPS, camera), no text chunks.
    out = io.BytesIO()
    if jpeg:
        pixels = image if image.mode in ("RGB", "L") else image.convert("RGB")
        Image.frombytes(pixels.mode, pixels.size, pixels.tobytes()).save(
            out, "JPEG", quality=90, optimize=True
        )
        return _JPEG, out.getvalue()
    if image.mode not in ("1", "L", "LA", "RGB", "RGBA"):
        image = image.convert("RGBA")
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    clean.save(out, "PNG", optimize=False)
    return _PNG, out.getvalue()


def checked_pdf(data: bytes) -> bytes:
    """The PDF's bytes once pypdf has parsed every page of it.

    Raises :class:`UndecodableUpload` with problem ``"pdf"`` (not a parseable
    PDF with at least one page), ``"encrypted"`` or ``"active"`` (JavaScript, a
    launch action or an automatic action).
    """
    if _ACTIVE_NAMES.search(data):
        raise UndecodableUpload("active")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise UndecodableUpload("encrypted")
            pages = list(reader.pages)
            if not pages:
                raise UndecodableUpload("pdf")
            root = reader.trailer["/Root"].get_object()
            if _has_active(root, set(), 0) or any(
                _has_active(page, set(), 0) for page in pages
            ):
                raise UndecodableUpload("active")
    except UndecodableUpload:
        raise
    except Exception as error:  # noqa: BLE001
        # pypdf reports a broken file as PyPdfError, and as KeyError, TypeError,
        # ValueError... from deep inside the parser: all mean a bad file.
        raise UndecodableUpload("pdf") from error
    return data


def _has_active(node: Any, seen: set, depth: int) -> bool:
    """Whether ``node`` (a catalog, page, annotation or action) holds an action
    that runs something, or an automatic action (/AA) or document JavaScript."""
    if isinstance(node, IndirectObject):
        key = (node.idnum, node.generation)
        if key in seen:
            return False
        seen.add(key)
        node = node.get_object()
    if depth > _MAX_DEPTH:
        return False
    if isinstance(node, ArrayObject):
        return any(_has_active(item, seen, depth + 1) for item in node)
    if not isinstance(node, DictionaryObject):
        return False
    if node.get("/S") in _ACTIVE_ACTIONS or "/JS" in node or "/AA" in node:
        return True
    names = node.get("/Names")
    if names is not None and "/JavaScript" in _resolved(names):
        return True
    return any(
        _has_active(node[key], seen, depth + 1)
        for key in ("/OpenAction", "/A", "/Next", "/Annots", "/AcroForm", "/Fields")
        if key in node
    )


def _resolved(node: Any) -> Any:
    value = node.get_object() if isinstance(node, IndirectObject) else node
    return value if isinstance(value, DictionaryObject) else {}
