"""Small valid files for upload tests: a PDF written by pypdf, images by Pillow."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def pdf_bytes(pages: int = 1) -> bytes:
    """A valid PDF of blank A4 pages."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (8, 8), **save) -> bytes:
    """A small image made with Pillow, in ``fmt`` (PNG, JPEG, GIF, WEBP)."""
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt, **save)
    return out.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return (
        struct.pack(">I", len(body))
        + kind
        + body
        + struct.pack(">I", zlib.crc32(kind + body))
    )


def claimed_png(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` one-bit pixels and whose
    data is one compressed row: a decompression bomb of a few hundred bytes."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = zlib.compress(b"\0" * (1 + (width + 7) // 8))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", row)
        + _chunk(b"IEND", b"")
    )


def encrypted_pdf() -> bytes:
    """A valid PDF encrypted with a user password."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("mat-khau")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_action(action: str, **entries: str) -> bytes:
    """A valid PDF whose catalog opens with the action ``action`` (``/JavaScript``,
    ``/Launch``) and its string ``entries`` (``JS="app.alert(1)"``)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    opened = DictionaryObject({NameObject("/S"): NameObject(action)})
    for key, value in entries.items():
        opened[NameObject("/" + key)] = TextStringObject(value)
    writer._root_object[NameObject("/OpenAction")] = opened
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = pdf_bytes()
PNG = image_bytes("PNG")
JPEG = image_bytes("JPEG")
