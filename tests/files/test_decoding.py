"""Uploaded bytes decoded as what they claim (registry.files.decoding): what a
re-encoded image keeps and drops, where the pixel limit lies, which PDFs pass."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, NameObject

from registry.files.decoding import (
    MAX_IMAGE_PIXELS,
    UndecodableUpload,
    checked_pdf,
    reencoded_image,
)
from registry.files.uploads import made_by_product, served_name, stored_filename
from tests import samples


def _problem(call) -> tuple[str, dict]:
    with pytest.raises(UndecodableUpload) as refused:
        call()
    return refused.value.problem, refused.value.context


def test_a_jpeg_is_stored_upright_without_its_metadata():
    image = Image.new("RGB", (40, 20), (0, 90, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned; viewers rotate by 90°
    exif[0x010F] = "Máy ảnh"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"<script>")
    content_type, data = reencoded_image(out.getvalue())
    stored = Image.open(io.BytesIO(data))
    assert content_type == "image/jpeg" and stored.format == "JPEG"
    assert stored.size == (20, 40)  # turned as the viewer would have shown it
    assert not stored.getexif() and b"<script>" not in data


@pytest.mark.parametrize("mode", ["RGBA", "P", "LA", "1", "I;16", "CMYK"])
def test_every_image_mode_is_re_encoded(mode):
    fmt = "JPEG" if mode == "CMYK" else "PNG"
    out = io.BytesIO()
    Image.new(mode, (6, 4)).save(out, fmt)
    content_type, data = reencoded_image(out.getvalue())
    stored = Image.open(io.BytesIO(data))
    assert stored.size == (6, 4)
    assert content_type == ("image/jpeg" if fmt == "JPEG" else "image/png")
    if mode == "RGBA":
        assert stored.mode == "RGBA"  # transparency is kept


def test_the_pixel_limit_is_counted_from_the_header_before_decoding():
    assert _problem(lambda: reencoded_image(samples.claimed_png(40_000_001, 1))) == (
        "pixels",
        {"pixels": 40_000_001, "limit": MAX_IMAGE_PIXELS},
    )
    # Exactly the limit is allowed (the rows the file lacks decode as black).
    content_type, data = reencoded_image(samples.claimed_png(8000, 5000))
    assert Image.open(io.BytesIO(data)).size == (8000, 5000)
    assert _problem(lambda: reencoded_image(samples.claimed_png(20_000, 20_000)))[
        0
    ] == ("pixels")


def test_a_pdf_opening_on_a_page_view_is_accepted_one_running_a_script_is_not():
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    # LaTeX's hyperref and office suites open on a page this way: no action.
    writer._root_object[NameObject("/OpenAction")] = ArrayObject(
        [page.indirect_reference, NameObject("/Fit")]
    )
    out = io.BytesIO()
    writer.write(out)
    assert checked_pdf(out.getvalue()) == out.getvalue()
    script = samples.pdf_with_action("/JavaScript", JS="app.alert(1)")
    assert _problem(lambda: checked_pdf(script))[0] == "active"
    assert _problem(lambda: checked_pdf(samples.encrypted_pdf()))[0] == "encrypted"
    assert _problem(lambda: checked_pdf(b"%PDF-1.4\n%%EOF"))[0] == "pdf"


def test_stored_names_are_the_products_and_earlier_ones_are_served_like_them():
    name = stored_filename("ho-so-12-tai-lieu", 3, "application/pdf")
    assert name == "ho-so-12-tai-lieu-3.pdf"
    assert made_by_product(name, "ho-so-12-tai-lieu")
    assert not made_by_product("ho-so-12-tai-lieu-3.pdf.html", "ho-so-12-tai-lieu")
    assert not made_by_product(name, "ho-so-1-tai-lieu")
    earlier = served_name("<img onerror=x>.png", "kiem-tra-4-anh", 77, "image/gif")
    assert earlier == "kiem-tra-4-anh-77.gif"
    assert served_name(name, "ho-so-12-tai-lieu", 99, "application/pdf") == name
