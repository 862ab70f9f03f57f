"""KML written as XML, every text escaped by the XML library.

GDAL's LIBKML driver wrote placemark names as raw CDATA, so a name holding
``]]>`` ended the section and whatever followed became markup of the file. Here
lxml builds the tree and escapes every text node: a name, a value or the note
reads back as exactly its text, and no element can be injected.

The layout is the one GDAL wrote (and reads back): a root ``Document`` holding
the ``Schema`` of the extended data and a ``Document`` per layer with its name,
the note as its description (HTML-escaped too: readers show a description as
HTML), and one ``Placemark`` per row (``name`` from the
row's ``name`` column, the other columns as ``SimpleData``, a ``Point`` when the
row has coordinates).
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
from lxml import etree

from registry.kernel.cells import is_missing

KML_NS = "http://www.opengis.net/kml/2.2"
# Characters XML 1.0 cannot hold at all (not even escaped): dropped.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


def _field_type(column: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(column):
        return "string"
    if pd.api.types.is_integer_dtype(column):
        return "int"
    if pd.api.types.is_float_dtype(column):
        return "double"
    return "string"


def _shown(value: object) -> str:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return repr(value)
    return _text(value)


def write_kml(
    data: dict[str, pd.Series],
    lat: np.ndarray,
    lon: np.ndarray,
    target: Path,
    layer_name: str,
    note: str,
) -> None:
    """Write the columns ``data`` (name -> values, text already formatted) as the
    placemarks of one layer; rows whose ``lat``/``lon`` are not numbers get no
    geometry."""

    def sub(parent, tag: str, text: str | None = None, **attributes):
        element = etree.SubElement(parent, f"{{{KML_NS}}}{tag}", **attributes)
        if text is not None:
            element.text = _text(text)
        return element

    root = etree.Element(f"{{{KML_NS}}}kml", nsmap={None: KML_NS})
    outer = sub(root, "Document", id="root_doc")
    fields = {name: values for name, values in data.items() if name != "name"}
    schema_id = f"{layer_name}.schema"
    schema = sub(outer, "Schema", id=_text(schema_id))
    for name, values in fields.items():
        sub(schema, "SimpleField", name=_text(name), type=_field_type(values))
    layer = sub(outer, "Document", id=_text(layer_name))
    sub(layer, "name", layer_name)
    if note:
        # KML readers show a description as HTML: its markup is escaped first.
        sub(layer, "description", html.escape(note))
    names = data.get("name")
    columns = {name: values.tolist() for name, values in fields.items()}
    for i in range(len(lat)):
        placemark = sub(layer, "Placemark", id=_text(f"{layer_name}.{i + 1}"))
        if names is not None and not is_missing(names.iat[i]):
            sub(placemark, "name", names.iat[i])
        shown = [(n, v[i]) for n, v in columns.items() if not is_missing(v[i])]
        if shown:
            extended = sub(placemark, "ExtendedData")
            schema_data = sub(extended, "SchemaData", schemaUrl=f"#{schema_id}")
            for name, value in shown:
                sub(schema_data, "SimpleData", _shown(value), name=_text(name))
        if math.isfinite(lat[i]) and math.isfinite(lon[i]):
            point = sub(placemark, "Point")
            sub(point, "coordinates", f"{float(lon[i])!r},{float(lat[i])!r},0")
    target.write_bytes(
        etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    )
