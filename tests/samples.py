"""Small valid files for upload tests: a PDF written by pypdf, images by Pillow."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfWriter


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


PDF = pdf_bytes()
PNG = image_bytes("PNG")
JPEG = image_bytes("JPEG")
