"""Leaflet and plugin files that the app serves itself, and their URLs.

Map pages must work on a closed network, so nothing may come from a CDN. The
vendored files come from the ``xstatic-leaflet`` (Leaflet 1.9.3) and
``xstatic-leaflet-markercluster`` packages; :func:`install_map_assets` copies them
into the app's static folder (``static/vendor/...``), which Streamlit serves under
``/app/static/`` when ``server.enableStaticServing`` is on. Our own scripts live in
the repository's ``static/js/`` and are copied only when the target folder is not
the repository's own.

Nothing here reads or writes a file at import time.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from geodata.errors import GeodataError, InvalidInputError

__all__ = [
    "COMPACT_POINTS_JS",
    "YEAR_STEPPER_JS",
    "LEAFLET_CSS",
    "LEAFLET_JS",
    "MARKERCLUSTER_CSS",
    "MARKERCLUSTER_DEFAULT_CSS",
    "MARKERCLUSTER_JS",
    "OWN_JS_DIR",
    "asset_link",
    "install_map_assets",
    "own_script_link",
]

LEAFLET_JS = "vendor/leaflet/leaflet.js"
LEAFLET_CSS = "vendor/leaflet/leaflet.css"
MARKERCLUSTER_JS = "vendor/leaflet.markercluster/leaflet.markercluster.js"
MARKERCLUSTER_CSS = "vendor/leaflet.markercluster/MarkerCluster.css"
MARKERCLUSTER_DEFAULT_CSS = "vendor/leaflet.markercluster/MarkerCluster.Default.css"
COMPACT_POINTS_JS = "js/compact-points.js"
YEAR_STEPPER_JS = "js/year-stepper.js"
"""Paths of the served files, relative to the static folder (and to its URL)."""

OWN_JS_DIR = Path(__file__).resolve().parents[1] / "static" / "js"
"""The repository's own scripts (``static/js``), served from where they are."""

# (xstatic package, file inside its data folder, target relative to static_dir)
_VENDOR_FILES = (
    ("leaflet", "leaflet.js", LEAFLET_JS),
    ("leaflet", "leaflet.css", LEAFLET_CSS),
    ("leaflet", "images/layers.png", "vendor/leaflet/images/layers.png"),
    ("leaflet", "images/layers-2x.png", "vendor/leaflet/images/layers-2x.png"),
    ("leaflet", "images/marker-icon.png", "vendor/leaflet/images/marker-icon.png"),
    (
        "leaflet",
        "images/marker-icon-2x.png",
        "vendor/leaflet/images/marker-icon-2x.png",
    ),
    (
        "leaflet",
        "images/marker-shadow.png",
        "vendor/leaflet/images/marker-shadow.png",
    ),
    ("leaflet_markercluster", "leaflet.markercluster.js", MARKERCLUSTER_JS),
    ("leaflet_markercluster", "MarkerCluster.css", MARKERCLUSTER_CSS),
    (
        "leaflet_markercluster",
        "MarkerCluster.Default.css",
        MARKERCLUSTER_DEFAULT_CSS,
    ),
)


def _xstatic_dir(package: str) -> Path:
    try:
        module = importlib.import_module(f"xstatic.pkg.{package}")
    except ImportError as exc:
        name = "xstatic-" + package.replace("_", "-")
        raise GeodataError("geodata.assets_package", package=name) from exc
    return Path(module.BASE_DIR)


def _copy_atomically(source: Path, target: Path) -> None:
    """Copy through a temporary file, so a browser never gets half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
    try:
        shutil.copyfile(source, temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _same_size(source: Path, target: Path) -> bool:
    return target.is_file() and target.stat().st_size == source.stat().st_size


def _same_bytes(source: Path, target: Path) -> bool:
    return _same_size(source, target) and target.read_bytes() == source.read_bytes()


def install_map_assets(static_dir: Path) -> None:
    """Copy Leaflet, Leaflet.markercluster and our map scripts into a static folder.

    Vendored files go to ``static_dir/vendor/leaflet/`` (``leaflet.js``,
    ``leaflet.css``, ``images/``) and ``static_dir/vendor/leaflet.markercluster/``;
    a file already there with the same size is left alone, so calling this at every
    app start is cheap. Our own scripts (``static/js/*.js`` of the repository) stay
    where they are; they are copied to ``static_dir/js/`` only when ``static_dir``
    is another folder (a test's or a benchmark's), and then only when they differ.

    Parameters
    ----------
    static_dir
        The folder Streamlit serves as ``/app/static`` (``static`` next to the app's
        main script), or any folder a test serves itself.

    Raises
    ------
    InvalidInputError
        When ``static_dir`` exists but is not a folder.
    GeodataError
        When the xstatic packages are not installed.
    """
    static_dir = Path(static_dir)
    if static_dir.exists() and not static_dir.is_dir():
        raise InvalidInputError("static_dir", str(static_dir), "a folder")
    for package, name, relative in _VENDOR_FILES:
        source = _xstatic_dir(package) / name
        target = static_dir / relative
        if not _same_size(source, target):
            _copy_atomically(source, target)
    own_target = static_dir / "js"
    if own_target.resolve() == OWN_JS_DIR:
        return
    for source in sorted(OWN_JS_DIR.glob("*.js")):
        target = own_target / source.name
        if not _same_bytes(source, target):
            _copy_atomically(source, target)


def asset_link(asset_url: str, relative: str) -> str:
    """The URL of a served file: ``asset_url`` joined with a relative path.

    Parameters
    ----------
    asset_url
        Where the static folder is served, e.g. ``/app/static`` (Streamlit) or
        ``/static`` (a test server); a trailing slash is ignored.
    relative
        One of this module's paths, e.g. :data:`LEAFLET_JS`.
    """
    return f"{asset_url.rstrip('/')}/{relative}"


@lru_cache(maxsize=16)
def _content_tag(path: Path, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def own_script_link(asset_url: str, relative: str = COMPACT_POINTS_JS) -> str:
    """The URL of one of our own scripts, tagged with its content (``?v=...``).

    The tag changes whenever the file does, so browsers never run a stale copy.

    Parameters
    ----------
    asset_url
        Where the static folder is served (see :func:`asset_link`).
    relative
        The script's path relative to the static folder, e.g. ``js/compact-points.js``.
    """
    path = OWN_JS_DIR.parent / relative
    try:
        tag = _content_tag(path, path.stat().st_mtime_ns)
    except OSError as exc:
        raise GeodataError(
            "geodata.map_script_missing", path=str(path), detail=str(exc)
        ) from exc
    return f"{asset_link(asset_url, relative)}?v={tag}"
