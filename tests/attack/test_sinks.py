"""Every stored payload through every sink: it arrives as text and nothing runs.

Sites and points named (and addressed, and noted) with each payload of
``tests/attack/payloads.py`` are created through the services on SQLite and
PostgreSQL, then written by every writer the product has: CSV and XLSX exports
(no formula, no cell starting like one), KML (parsed with lxml: each name reads
back as its text, no element but KML's own), GeoJSON (a JSON round trip), the
area report's workbook and print page (no script, handler, foreign image or
javascript link), and the registry page (its markdown shows the text literally:
no image, no link). A payload that runs in a sink counts as ``executed``; the
map's HTML in a real browser is ``test_map_html_browser.py``.
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
from dataclasses import replace
from datetime import date

import lxml.html
import pytest
from lxml import etree
from markdown_it import MarkdownIt
from openpyxl import load_workbook

from registry.files.exports import export_records
from registry.files.kml import KML_NS
from registry.files.writers import protect_formula
from registry.records.by_kind import POINTS, SITES
from registry.reports.build import make_report
from registry.reports.excel import workbook_bytes
from registry.reports.html import report_html
from registry.units.clusters import list_clusters
from tests.attack import tally
from tests.attack.payloads import STORED
from tests.factories import point_values, site_values
from tests.page_support import ROOT, actor, demo_app_fixture, open_app

MEASURE = "payloads x sinks"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _record(sink: str, failures: list[str]) -> None:
    tally.record(MEASURE, tried=len(STORED), executed=len(failures))
    assert failures == [], f"{sink}: {failures}"


@pytest.fixture
def hostile(registry, admin):
    """A site and a game point per payload: name, address and notes hold it."""
    for index, payload in enumerate(STORED):
        texts = {"name": payload, "address": payload, "notes": payload}
        SITES.create(
            registry, admin, site_values(registry, site_code=f"H-{index}", **texts)
        )
        POINTS.create(registry, admin, point_values(registry, **texts))
    return registry


def _cells_run_as_formulas(texts: list[str]) -> list[str]:
    """Texts a spreadsheet would run: starting like a formula, not a number."""
    return [t for t in texts if t.startswith(FORMULA_START) and protect_formula(t) != t]


GROUPS = ("sites", "game-points")


def _csv_failures(path) -> list:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    texts = [value for row in rows for value in row.values() if value]
    failures = _cells_run_as_formulas(texts)
    return failures + [p for p in STORED if protect_formula(p) not in texts]


def _xlsx_failures(path) -> list:
    book = load_workbook(path)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    failures = [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    failures += _cells_run_as_formulas(texts)
    return failures + [p for p in STORED if protect_formula(p) not in texts]


def _kml_failures(path) -> list:
    tree = etree.parse(str(path))
    namespace = {"kml": KML_NS}
    foreign = [
        element.tag
        for element in tree.iter()
        if isinstance(element.tag, str) and not element.tag.startswith(f"{{{KML_NS}}}")
    ]
    names = [e.text for e in tree.iterfind(".//kml:Placemark/kml:name", namespace)]
    data = [e.text for e in tree.iterfind(".//kml:SimpleData", namespace)]
    return foreign + [p for p in STORED if p not in names or p not in data]


def _geojson_failures(path) -> list:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    names = [feature["properties"]["name"] for feature in features]
    notes = [feature["properties"].get("notes") for feature in features]
    return [p for p in STORED if p not in names or p not in notes]


CHECKS = {
    "csv": _csv_failures,
    "xlsx": _xlsx_failures,
    "kml": _kml_failures,
    "geojson": _geojson_failures,
}


def test_every_export_holds_every_payload_as_text(hostile, admin, tmp_path):
    for group in GROUPS:
        for fmt, check in CHECKS.items():
            target = tmp_path / f"{group}.{fmt}"
            path, _ = export_records(hostile, admin, group, fmt, target)
            _record(f"{fmt} {group}", check(path))


def _cluster_report(registry, admin):
    """The real report of the default cluster."""
    cluster = list_clusters(registry, admin)[0]
    return make_report(
        registry,
        admin,
        kind="cluster",
        key=str(cluster.id),
        start=date(2025, 1, 1),
        end=date(2025, 6, 30),
        edition="2025-06",
    )


def _hostile_report(report, payload: str):
    """``report`` with ``payload`` in every text a user can put there (area
    name, author, notes, a table's title and note)."""
    table = replace(report.tables[0], title=payload, note=payload)
    return replace(
        report,
        area=replace(report.area, name=payload),
        made_by=payload,
        notes=[payload, *report.notes],
        tables=[table, *report.tables[1:]],
    )


def _active_html(document) -> list[str]:
    """What would run or fetch in a browser: scripts, handlers, frames, images
    from elsewhere than the page, javascript links."""
    found = [f"<{e.tag}>" for e in document.iter("script", "iframe", "object")]
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{element.tag} {name}")
            if name.lower() in ("href", "src", "xlink:href") and (
                value.strip().lower().startswith("javascript:")
                or (element.tag == "img" and not value.startswith("data:"))
            ):
                found.append(f"{element.tag} {name}={value}")
    return found


def test_the_area_report_print_page_and_workbook_keep_payloads_text(registry, admin):
    html_failures, book_failures = [], []
    real = _cluster_report(registry, admin)
    for payload in STORED:
        report = _hostile_report(real, payload)
        page = report_html(report)
        document = lxml.html.fromstring(page)
        active = _active_html(document)
        if active or payload not in document.text_content():
            html_failures.append((payload, active))
        book = load_workbook(io.BytesIO(workbook_bytes(report)))
        cells = [c for s in book.worksheets for row in s.iter_rows() for c in row]
        texts = [c.value for c in cells if isinstance(c.value, str)]
        if any(c.data_type == "f" for c in cells) or _cells_run_as_formulas(texts):
            book_failures.append(payload)
    _record("report html", html_failures)
    _record("report xlsx", book_failures)


# -- the pages -----------------------------------------------------------------

app_env = demo_app_fixture()
# CommonMark with GFM's tables, strikethrough and bare-address links, as
# Streamlit renders markdown.
MARKDOWN = MarkdownIt("gfm-like")
# What a payload's markdown may become: text and the template's own emphasis.
_TEXT_TAGS = {"html", "body", "div", "p", "strong", "em", "br", "ul", "li"}


def _markdown_values(app) -> list[str]:
    """The markdown source of every element that renders markdown."""
    elements = [
        *app.markdown,
        *app.subheader,
        *app.header,
        *app.title,
        *app.caption,
        *app.info,
        *app.warning,
        *app.error,
        *app.success,
    ]
    return [str(element.value) for element in elements]


def _rendered(markdown: str):
    """The HTML a browser gets for ``markdown``, parsed."""
    return lxml.html.fromstring(f"<div>{MARKDOWN.render(markdown)}</div>")


def test_the_registry_page_shows_every_payload_literally(app_env):
    officer = actor(app_env, "so.tttt")
    failures = []
    for index, payload in enumerate(STORED):
        values = site_values(app_env, site_code=f"PAGE-{index}", name=payload)
        values["address"] = payload
        site = SITES.create(app_env, officer, values)
        app = open_app(
            app_env,
            "so.tttt",
            "pages/4_So_dang_ky.py",
            query={"id": str(site["id"]), "kind": "site"},
        )
        assert not app.exception
        documents = [_rendered(value) for value in _markdown_values(app)]
        elements = {
            e.tag for d in documents for e in d.iter() if isinstance(e.tag, str)
        }
        texts = [d.text_content() for d in documents]
        heading = f"#{site['id']} {payload}"
        if elements - _TEXT_TAGS or not any(heading in text for text in texts):
            failures.append((payload, sorted(elements - _TEXT_TAGS)))
    _record("registry page markdown", failures)


def test_no_page_shows_a_traceback_or_a_file_path():
    """Streamlit shows an unexpected error's type, message and traceback (with
    the server's file paths) unless told otherwise: the app's configuration,
    which ``streamlit run app.py`` reads from the repository, says "none"."""
    config = tomllib.loads(
        (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    )
    assert config["client"]["showErrorDetails"] == "none"
