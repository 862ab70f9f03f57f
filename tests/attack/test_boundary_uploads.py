"""Hostile boundary files, through the service (SQLite and PostgreSQL) and through
the import page's boundary uploader.

A boundary import is the department's (and administrators'): every other role is
refused before the file is read. A file that is not a usable layer of the province
is refused with a message naming what was wrong (malformed, not a vector file, a
zip bomb, points only, longitude and latitude swapped, moved away from the
province, a bow-tie that repair would change); nothing is changed then: every
polygon stays as it was and no record moves. ``leaked`` counts a hostile file that
changed the registry.
"""

from __future__ import annotations

import functools
import io
import zipfile

import pytest
import shapely
from sqlalchemy import func, select

from registry.access.users import create_user
from registry.kernel.errors import PermissionDeniedError, RegistryError
from registry.kernel.models import AuditEntry
from registry.units.boundaries import BoundaryImportError, import_boundaries
from registry.units.divisions import unit_polygons
from tests import samples
from tests.attack import tally
from tests.page_support import actor, demo_app_fixture, open_app, texts
from tests.units.support import (
    code_of,
    communes,
    shifted_north,
    with_bow_tie,
    write_layer,
)

SCRIPT = b"<html><script>alert(document.cookie)</script></html>"


def _layer_bytes(frame, tmp_path, name: str) -> bytes:
    return write_layer(frame, tmp_path / name).read_bytes()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@functools.cache
def _zip_bomb() -> bytes:
    """A zip of about a megabyte holding a 'Shapefile' that unpacks to 1.1 GiB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xa.prj", b"")
        with archive.open("xa.shp", "w", force_zip64=True) as member:
            chunk = bytes(1 << 24)
            for _ in range(70):
                member.write(chunk)
    return out.getvalue()


def _points(registry, tmp_path) -> bytes:
    layer = communes(registry, "2025-07").iloc[:5]
    points = layer.assign(geometry=layer.geometry.representative_point().to_numpy())
    return _layer_bytes(points, tmp_path, "diem.geojson")


def _swapped(registry, tmp_path) -> bytes:
    layer = communes(registry, "2025-07").iloc[:5]
    swapped = layer.assign(
        geometry=layer.geometry.map(
            lambda g: shapely.transform(g, lambda xy: xy[:, ::-1])
        ).to_numpy()
    )
    return _layer_bytes(swapped, tmp_path, "dao.geojson")


def _moved(registry, tmp_path) -> bytes:
    layer = shifted_north(communes(registry, "2025-07"))
    return _layer_bytes(layer, tmp_path, "lech.geojson")


def _bow_tie(registry, tmp_path) -> bytes:
    ward = code_of(registry, "2025-07", "Phường Thành Vinh")
    layer = with_bow_tie(communes(registry, "2025-07"), ward)
    return _layer_bytes(layer, tmp_path, "no.geojson")


# case -> (name of the upload, bytes of it, code the refusal names)
HOSTILE = {
    "truncated GeoJSON": (
        "xa.geojson",
        lambda r, p: b'{"type": "FeatureCollection", "features": [',
        "geodata.boundary.unreadable",
    ),
    "HTML named GeoJSON": ("xa.geojson", lambda r, p: SCRIPT, "geodata.boundary"),
    "PNG named GeoPackage": ("xa.gpkg", lambda r, p: samples.PNG, "geodata.boundary"),
    "zero bytes": ("xa.geojson", lambda r, p: b"", "geodata.boundary"),
    "zip of a text file": (
        "xa.zip",
        lambda r, p: _zip({"doc-toi.txt": b"hello"}),
        "geodata.boundary.zip_without_shapefile",
    ),
    "zip unpacking to 1.1 GiB": (
        "xa.zip",
        lambda r, p: _zip_bomb(),
        "geodata.boundary.zip_too_large",
    ),
    "program named zip": ("xa.zip", lambda r, p: b"MZ\x90\x00", "geodata.boundary"),
    "KML": ("xa.kml", lambda r, p: b"<kml/>", "units.boundary_upload_kind"),
    "points only": ("diem.geojson", _points, "geodata.boundary.no_polygon_layer"),
    "longitude and latitude swapped": (
        "dao.geojson",
        _swapped,
        "geodata.boundary.swapped_axes",
    ),
    "moved 1° north": ("lech.geojson", _moved, "units.boundary_layer_misplaced"),
    "bow-tie": ("no.geojson", _bow_tie, "units.boundary_repair_too_large"),
}


def _named_code(error: RegistryError) -> str:
    cause = error.context.get("cause")
    return cause.code if cause is not None else error.code


def _audits(registry) -> int:
    with registry.reading() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))


def test_hostile_boundary_files_are_refused_and_change_nothing(
    registry, admin, tmp_path
):
    wrong = []
    audits = _audits(registry)
    for case, (name, make, code) in HOSTILE.items():
        try:
            import_boundaries(
                registry,
                admin,
                make(registry, tmp_path),
                file_name=name,
                edition="2025-07",
                level="commune",
            )
        except BoundaryImportError as refused:
            if _named_code(refused).startswith(code) and name in str(refused):
                tally.record("uploads", tried=1, refused=1)
                continue
            tally.record("uploads", tried=1, unexplained=1)
            wrong.append((case, str(refused)))
            continue
        tally.record("uploads", tried=1, leaked=1)
        wrong.append((case, "accepted"))
    assert wrong == []
    sources = unit_polygons(registry, "2025-07", "commune")["boundary_source"]
    assert set(sources) == {"approximate"}
    assert _audits(registry) == audits


def test_a_refusal_never_names_the_temporary_file(registry, admin):
    with pytest.raises(BoundaryImportError) as refused:
        import_boundaries(
            registry,
            admin,
            b'{"type": "FeatureCollection", "features": [',
            file_name="../../etc/ranh_gioi.geojson",
            edition="2025-07",
            level="commune",
        )
    text = str(refused.value)
    assert "../../etc/ranh_gioi.geojson" in text and "registry-boundaries" not in text


@pytest.mark.parametrize("role", ["district", "commune", "operator", "viewer"])
def test_roles_other_than_the_department_are_refused_before_the_file_is_read(
    registry, admin, tmp_path, role
):
    area = {"district": "412", "commune": "16675"}.get(role)
    user = create_user(
        registry,
        admin,
        username=f"khong.duoc.{role}",
        display_name="Không được",
        role=role,
        password="a-long-enough-password",
        area_edition="2025-06" if area else None,
        area_code=area,
        network_code="04" if role == "operator" else None,
    )
    layer = communes(registry, "2025-07").iloc[:3]
    data = _layer_bytes(layer, tmp_path, "ba_xa.geojson")
    for dry_run in (True, False):
        with pytest.raises(PermissionDeniedError):
            import_boundaries(
                registry,
                user,
                data,
                file_name="ba_xa.geojson",
                edition="2025-07",
                level="commune",
                dry_run=dry_run,
            )
        tally.record("uploads", tried=1, refused=1)
    # Even a file that is not a layer: the role is refused first.
    with pytest.raises(PermissionDeniedError):
        import_boundaries(
            registry, user, SCRIPT, file_name="x.geojson", edition="2025-07",
            level="commune",
        )  # fmt: skip
    sources = unit_polygons(registry, "2025-07", "commune")["boundary_source"]
    assert set(sources) == {"approximate"}


# -- the same files through the page's boundary uploader (AppTest, the demo) ------

app_env = demo_app_fixture()


def test_the_boundary_uploader_refuses_every_hostile_file(app_env, tmp_path):
    wrong = []
    for case, (name, make, _) in HOSTILE.items():
        if not name.endswith((".geojson", ".json", ".gpkg", ".zip")):
            continue  # Streamlit's uploader refuses the extension itself
        app = open_app(app_env, "so.tttt", "pages/5_Nhap_xuat.py")
        uploader = next(u for u in app.file_uploader if u.label == "Tệp ranh giới")
        uploader.set_value((name, make(app_env, tmp_path), "application/octet-stream"))
        app.run()
        offered = [b for b in app.button if b.label == "Xác nhận nhập ranh giới"]
        if app.exception or not any(name in e for e in texts(app.error)):
            tally.record("uploads", tried=1, unexplained=1)
            wrong.append((case, texts(app.error), [e.value for e in app.exception]))
        elif offered:
            tally.record("uploads", tried=1, leaked=1)
            wrong.append((case, "offered to import"))
        else:
            tally.record("uploads", tried=1, refused=1)
    assert wrong == []
    sources = unit_polygons(app_env, "2025-07", "commune")["boundary_source"]
    assert set(sources) == {"approximate"}


@pytest.mark.parametrize("username", ["huyen.vinh", "xa.hungdung", "viettel"])
def test_the_boundary_tab_is_not_offered_to_other_roles(app_env, username):
    app = open_app(app_env, username, "pages/5_Nhap_xuat.py")
    assert not app.exception
    assert not [u for u in app.file_uploader if u.label == "Tệp ranh giới"]
    with pytest.raises(PermissionDeniedError):
        import_boundaries(
            app_env,
            actor(app_env, username),
            SCRIPT,
            file_name="x.geojson",
            edition="2025-07",
            level="commune",
        )
    tally.record("uploads", tried=1, refused=1)
