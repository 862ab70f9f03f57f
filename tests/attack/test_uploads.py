"""Hostile uploads through every use case that takes a file: permit documents
(added to an application, and sent with a filing), inspection photos and import
files, on SQLite and PostgreSQL.

A file is accepted only when it decodes as what it claims: a PDF parsed by pypdf
(not encrypted, no scripts), an image decoded by Pillow within 40 megapixels and
stored as the product's re-encoding. Each refusal names what was wrong by its
code; a valid file is stored under a name the product makes, never the
uploader's. ``leaked`` counts a hostile file accepted as it was sent.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

import openpyxl
import pytest
from PIL import Image
from sqlalchemy import func, select

from registry.files.imports import import_records
from registry.inspections.service import (
    attach_photos,
    get_inspection,
    open_inspection,
    photo_data,
)
from registry.kernel.errors import ImportFileError, ValidationError
from registry.kernel.models import BtsSite, PermitApplication, PermitDocument, Photo
from registry.permits.documents import add_documents, get_document
from registry.permits.filing import file_application
from registry.permits.queries import get_application
from registry.records.by_kind import POINTS
from tests import samples
from tests.attack import tally
from tests.factories import commune_centroid, point_values
from tests.inspections.support import NEW_REGIME_DAY, world_copy
from tests.page_support import actor, demo_app_fixture, open_app, texts
from tests.permits.support import new_site, people_world
from ui.files.transfer import UPLOAD_TYPES

SCRIPT = b"<html><script>alert(document.cookie)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'


def _truncated_jpeg() -> bytes:
    whole = samples.image_bytes("JPEG", (64, 64))
    return whole[: len(whole) // 2]


def _hidden_javascript_pdf() -> bytes:
    # "/Java#53cript" is /JavaScript written with a hex escape: no plain-text scan
    # finds it, the parsed catalog does.
    plain = samples.pdf_with_action("/JavaScript", JS="app.alert(1)")
    return plain.replace(b"/JavaScript", b"/Java#53cript").replace(b"/JS ", b"/J#53 ")


# name -> (uploaded file name, bytes, the refusal's code after the concern's prefix)
HOSTILE = {
    "png header + html": (
        "anh.png",
        lambda: b"\x89PNG\r\n\x1a\n" + SCRIPT,
        {"document": "unreadable", "photo": "unreadable"},
    ),
    "400-megapixel png": (
        "bom.png",
        lambda: samples.claimed_png(20_000, 20_000),
        {"document": "pixels", "photo": "pixels"},
    ),
    "49-megapixel png": (
        "lon.png",
        lambda: samples.claimed_png(7_000, 7_000),
        {"document": "pixels", "photo": "pixels"},
    ),
    "truncated jpeg": (
        "cat.jpg",
        _truncated_jpeg,
        {"document": "unreadable", "photo": "unreadable"},
    ),
    "html named pdf": (
        "ho-so.pdf",
        lambda: SCRIPT,
        {"document": "type", "photo": "type"},
    ),
    "pdf header + html": (
        "ho-so.pdf",
        lambda: b"%PDF-1.7\n" + SCRIPT,
        {"document": "pdf", "photo": "type"},
    ),
    "truncated pdf": (
        "ho-so.pdf",
        lambda: samples.PDF[: len(samples.PDF) // 2],
        {"document": "pdf", "photo": "type"},
    ),
    "encrypted pdf": (
        "ho-so.pdf",
        samples.encrypted_pdf,
        {"document": "encrypted", "photo": "type"},
    ),
    "pdf with javascript": (
        "ho-so.pdf",
        lambda: samples.pdf_with_action("/JavaScript", JS="app.alert(1)"),
        {"document": "active", "photo": "type"},
    ),
    "pdf with hidden javascript": (
        "ho-so.pdf",
        _hidden_javascript_pdf,
        {"document": "active", "photo": "type"},
    ),
    "pdf launching a program": (
        "ho-so.pdf",
        lambda: samples.pdf_with_action("/Launch", F="cmd.exe"),
        {"document": "active", "photo": "type"},
    ),
    "oversize": (
        "lon.pdf",
        lambda: samples.PDF + bytes(11 << 20),
        {"document": "size", "photo": "size"},
    ),
    "zero bytes": ("trong.png", lambda: b"", {"document": "empty", "photo": "empty"}),
    "svg named png": ("anh.png", lambda: SVG, {"document": "type", "photo": "type"}),
    "exe named pdf": (
        "../../etc/passwd.pdf",
        lambda: b"MZ\x90\x00" + bytes(64),
        {"document": "type", "photo": "type"},
    ),
}

# name -> (uploaded file name, bytes): accepted, stored re-encoded under the
# product's name. The polyglots carry a payload the stored file must not.
VALID = {
    "pdf named like a path": ("../../etc/passwd.pdf", lambda: samples.PDF, "pdf"),
    "png named like a script": (
        "<script>alert(1)</script>.png",
        lambda: samples.PNG,
        "png",
    ),
    "jpeg with gps metadata": ("C:\\anh\\..\\gps.jpg", lambda: _jpeg_with_gps(), "jpg"),
    "png + html polyglot": ("poly.png", lambda: samples.PNG + SCRIPT, "png"),
    "jpeg + zip polyglot": ("gifar.jpg", lambda: samples.JPEG + _zip(), "jpg"),
}
PAYLOADS = (b"<script", b"<html", b"PK\x03\x04", b"GPS", b"Exif")
# Documents take PDF, JPEG, PNG; photos take images only.
VALID_FOR = {
    "document": set(VALID),
    "photo": {name for name in VALID if not name.startswith("pdf")},
}


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (16, 16), (10, 120, 10))
    exif = Image.Exif()
    exif[0x010F] = "Camera Exif maker"  # Make
    exif[0x8825] = {1: "N", 2: (18.0, 40.0, 12.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    data = out.getvalue()
    assert b"Exif" in data
    return data


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.html", SCRIPT)
    return out.getvalue()


# -- the use cases ---------------------------------------------------------------


@pytest.fixture
def permits(open_world):
    """A permit world with one open Viettel application."""
    registry, people = people_world(open_world)
    application = file_application(
        registry,
        people.viettel,
        "bts_new",
        values=new_site(registry),
    ).summary.id
    return registry, people, application


@pytest.fixture
def inspections(open_world):
    """An inspection world with a draft of the game point."""
    world = world_copy(open_world)
    draft = open_inspection(
        world.registry, world.clerk, world.game, inspected_on=NEW_REGIME_DAY
    )
    return world, draft["id"]


def _count(registry, model) -> int:
    with registry.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def _refusal_code(call) -> str | None:
    """The code of the one file refusal ``call`` raises, or None if it accepts."""
    try:
        call()
    except ValidationError as refused:
        [problem] = refused.errors
        return problem.code
    return None


def _hostile_through(use_case: str, upload, stored_count) -> list:
    """Send every hostile file through ``upload(name, data)``; the problems found."""
    wrong = []
    concern = "permits.document_" if use_case != "photo" else "inspections.photo_"
    expected_key = "photo" if use_case == "photo" else "document"
    for case, (name, make, codes) in HOSTILE.items():
        before = stored_count()
        code = _refusal_code(lambda: upload(name, make()))  # noqa: B023
        if code is None:
            tally.record("uploads", tried=1, leaked=1)
            wrong.append((case, "accepted"))
            continue
        tally.record("uploads", tried=1, refused=1)
        if code != concern + codes[expected_key]:
            wrong.append((case, code))
        if stored_count() != before:
            wrong.append((case, "stored something"))
    return wrong


def _product_name(pattern: str, name: str) -> bool:
    return re.fullmatch(pattern, name) is not None


def _check_stored(case: str, data: bytes, extension: str) -> list:
    wrong = [(case, f"keeps {p!r}") for p in PAYLOADS if p in data]
    if extension != "pdf":
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            if image.getexif():
                wrong.append((case, "keeps EXIF"))
    return wrong


def test_permit_documents_refuse_every_hostile_file(permits):
    registry, people, application = permits

    def upload(name, data):
        return add_documents(registry, people.viettel, application, [(name, data)])

    wrong = _hostile_through(
        "document", upload, lambda: _count(registry, PermitDocument)
    )
    assert wrong == []


def test_a_filing_with_a_hostile_document_files_nothing(permits):
    registry, people, _ = permits
    sent = iter(range(1000))

    def upload(name, data):
        values = new_site(registry, site_code=f"NAN-U{next(sent):04d}")
        return file_application(
            registry,
            people.viettel,
            "bts_new",
            values=values,
            documents=[(name, data)],
        )

    wrong = _hostile_through(
        "filing",
        upload,
        lambda: (_count(registry, PermitApplication), _count(registry, PermitDocument)),
    )
    assert wrong == []


def test_inspection_photos_refuse_every_hostile_file(inspections):
    world, draft = inspections

    def upload(name, data):
        return attach_photos(world.registry, world.clerk, draft, [(name, data)])

    wrong = _hostile_through("photo", upload, lambda: _count(world.registry, Photo))
    assert wrong == []


def test_valid_documents_are_stored_under_the_products_name(permits):
    registry, people, application = permits
    wrong = []
    for number, case in enumerate(sorted(VALID_FOR["document"]), start=1):
        name, make, extension = VALID[case]
        [info] = add_documents(registry, people.viettel, application, [(name, make())])
        stored_info, data = get_document(registry, people.viettel, application, info.id)
        expected = f"ho-so-{application}-tai-lieu-{number}.{extension}"
        if stored_info.filename != expected:
            wrong.append((case, stored_info.filename))
        wrong += _check_stored(case, data, extension)
        tally.record("uploads", tried=1, accepted_valid=1)
    assert wrong == []


def test_valid_photos_are_stored_re_encoded_under_the_products_name(inspections):
    world, draft = inspections
    wrong = []
    for case in sorted(VALID_FOR["photo"]):
        name, make, extension = VALID[case]
        view = attach_photos(world.registry, world.clerk, draft, [(name, make())])
        photo = view["photos"][-1]
        pattern = rf"kiem-tra-{draft}-anh-\d+\.{extension}"
        if not _product_name(pattern, photo["filename"]):
            wrong.append((case, photo["filename"]))
        data = photo_data(world.registry, world.clerk, photo["id"])["data"]
        wrong += _check_stored(case, data, extension)
        tally.record("uploads", tried=1, accepted_valid=1)
    assert wrong == []


# -- import files ------------------------------------------------------------------

HEADER = ["network_code", "site_code", "name", "latitude", "longitude",
          "structure_type", "on_air_2g", "declared_commune"]  # fmt: skip


def _site_csv(registry) -> bytes:
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerow(["04", "NAN-X1", "Trạm", f"{lat:.6f}", f"{lon:.6f}",
                     "ground_tower", "2015-06-01", "Hưng Dũng"])  # fmt: skip
    return out.getvalue().encode()


def _xlsx_bomb() -> bytes:
    """A workbook of a few hundred KB whose one sheet unpacks to 300 MB."""
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(item, source.read(item))
                continue
            with bomb.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
                chunk = b" " * (1 << 20)
                for _ in range(300):
                    sheet.write(chunk)
    return out.getvalue()


HOSTILE_IMPORTS = {
    "png named csv": ("sites.csv", lambda r: samples.PNG),
    "pdf named xlsx": ("sites.xlsx", lambda r: samples.PDF),
    "html named csv": ("sites.csv", lambda r: SCRIPT),
    "svg named csv": ("sites.csv", lambda r: SVG),
    "zero bytes": ("sites.csv", lambda r: b""),
    "exe named like a path": ("../../etc/passwd.xlsx", lambda r: b"MZ\x90\x00"),
    "pdf extension": ("sites.pdf", _site_csv),
    "xlsx unpacking to 300 MB": ("sites.xlsx", lambda r: _xlsx_bomb()),
}
VALID_IMPORTS = {
    "csv named like a script": ("<script>alert(1)</script>.csv", _site_csv),
    "csv named like a path": ("../../etc/passwd.csv", _site_csv),
}


def test_import_files_refuse_every_hostile_file(registry, admin):
    wrong = []
    for case, (name, make) in HOSTILE_IMPORTS.items():
        try:
            report = import_records(
                registry, admin, "sites", make(registry), filename=name
            )
        except ImportFileError:
            tally.record("uploads", tried=1, refused=1)
            continue
        if report.errors and not report.stored:
            tally.record("uploads", tried=1, refused=1)
        else:
            tally.record("uploads", tried=1, leaked=1)
            wrong.append(case)
    assert wrong == []
    assert _count(registry, BtsSite) == 0


def test_import_files_with_hostile_names_but_valid_content_are_read(registry, admin):
    for name, make in VALID_IMPORTS.values():
        report = import_records(
            registry, admin, "sites", make(registry), filename=name, dry_run=True
        )
        assert report.errors == []
        tally.record("uploads", tried=1, accepted_valid=1)


# -- the same files through the pages' uploaders (AppTest, the demo registry) ------

app_env = demo_app_fixture()
MIME = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg"}


def _uploader(app, suffix: str):
    [found] = [u for u in app.get("file_uploader") if str(u.key).endswith(suffix)]
    return found


def _send(app, suffix: str, button: str, name: str, data: bytes):
    mime = MIME.get(name[name.rfind(".") :], "application/octet-stream")
    _uploader(app, suffix).set_value((name, data, mime))
    next(b for b in app.button if b.label == button).click().run()
    return app


def _hostile_through_page(app, suffix, button, stored_count, field) -> list:
    wrong = []
    for case, (name, make, _) in HOSTILE.items():
        before = stored_count()
        _send(app, suffix, button, name, make())
        errors = " ".join(texts(app.error))
        if app.exception or stored_count() != before:
            tally.record("uploads", tried=1, leaked=1)
            wrong.append((case, [e.value for e in app.exception]))
        elif field not in errors:
            tally.record("uploads", tried=1, unexplained=1)
            wrong.append((case, errors))
        else:
            tally.record("uploads", tried=1, refused=1)
    return wrong


def test_the_permit_page_refuses_every_hostile_document(app_env):
    viettel = actor(app_env, "viettel")
    application = file_application(
        app_env,
        viettel,
        "bts_new",
        values=new_site(app_env, site_code="VT-UPLOAD-1"),
    ).summary.id
    app = open_app(
        app_env,
        "viettel",
        "pages/8_Ho_so_cap_phep.py",
        query={"application": application},
    )
    assert not app.exception
    wrong = _hostile_through_page(
        app,
        "_documents_files",
        "Lưu tài liệu",
        lambda: len(get_application(app_env, viettel, application).documents),
        "Tài liệu: cần",
    )
    assert wrong == []


def test_the_inspections_page_refuses_every_hostile_photo(app_env):
    clerk = actor(app_env, "xa.hungdung")
    values = point_values(app_env, "Hưng Dũng", name="Phòng game tải ảnh")
    point = POINTS.create(app_env, actor(app_env, "so.tttt"), values)["id"]
    draft = open_inspection(app_env, clerk, point)["id"]
    app = open_app(
        app_env, "xa.hungdung", "pages/6_Kiem_tra.py", query={"inspection": draft}
    )
    assert not app.exception
    wrong = _hostile_through_page(
        app,
        "_photos_files",
        "Lưu ảnh",
        lambda: len(get_inspection(app_env, clerk, draft)["photos"]),
        "Ảnh",
    )
    assert wrong == []


def test_the_import_page_refuses_every_hostile_file(app_env):
    wrong = []
    for case, (name, make) in HOSTILE_IMPORTS.items():
        if not name.endswith(tuple("." + e for e in UPLOAD_TYPES)):
            # Streamlit's uploader refuses the extension before the page runs.
            continue
        app = open_app(app_env, "so.tttt", "pages/5_Nhap_xuat.py")
        _uploader(app, "io_file_0").set_value((name, make(app_env), "text/csv"))
        app.run()
        if app.exception or not app.error:
            tally.record("uploads", tried=1, unexplained=1)
            wrong.append((case, [e.value for e in app.exception]))
        elif any(b.label == "Xác nhận nhập" for b in app.button if not b.disabled):
            tally.record("uploads", tried=1, leaked=1)
            wrong.append((case, "offered to import"))
        else:
            tally.record("uploads", tried=1, refused=1)
    assert wrong == []
