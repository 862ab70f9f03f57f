"""The Vietnamese form of an export: the headers and value labels offices fill.

An export in the form writes "Mã trạm", "Nhà mạng" = "Viettel", "Trạng thái" =
"Đang phát sóng" instead of ``site_code``, ``network_code`` = ``04`` and
``on_air``; an XLSX file keeps the codes in a second sheet, :data:`CODE_SHEET`.
The import reads both forms: headers are matched by their field names, labels
and aliases (:func:`registry.files.readers.normalise_columns`) and choice values
by their codes, labels and operator names (:func:`registry.records.values.
choice_lookup`); :func:`drop_export_columns` leaves out the columns an export
adds that no row may change (units, flags, the boundaries note).
"""

from __future__ import annotations

import re

import pandas as pd

from geodata.editions import EDITIONS
from registry.kernel.cells import is_missing
from registry.kernel.text import match_key
from registry.kernel.vocabulary import OPERATORS, label
from registry.records.fields import fields_for
from registry.records.values import enum_member

CODE_SHEET = "Danh mục mã"
FORMS = ("vi", "codes")

# Headers of the columns an export adds besides the fields.
_SYSTEM_HEADERS = {
    "id": "Mã bản ghi",
    "version": "Phiên bản",
    "location_flag": "Cảnh báo vị trí",
    "source": "Nguồn dữ liệu",
    "boundaries": "Ranh giới xã/huyện",
}
# The form's header of a field, where it is not the field's label.
_FIELD_HEADERS = {"network_code": "Nhà mạng"}
_BOUNDARY_VALUES = {"approximate": "gần đúng", "official": "chính thức"}
_UNIT_COLUMN = re.compile(r"(commune|district)(_name)?_(\d{4})_(\d{2})$")
_UNIT_WORDS = {"commune": "xã", "district": "huyện"}


def _unit_header(column: str) -> str | None:
    found = _UNIT_COLUMN.match(column)
    if not found:
        return None
    level, name, year, month = found.groups()
    what = "Tên" if name else "Mã"
    return f"{what} {_UNIT_WORDS[level]} ({year}-{month})"


def _value_label(spec, value):
    """A stored value as the form shows it."""
    if is_missing(value):
        return None
    if spec.name == "network_code":
        operator = OPERATORS.get(str(value))
        return operator.name if operator else value
    if spec.kind == "networks":
        codes = [c for c in re.split(r"[,;/ ]+", str(value)) if c]
        return "; ".join(OPERATORS[c].name if c in OPERATORS else c for c in codes)
    if spec.kind == "choice":
        member = enum_member(str(value))
        return label(member, "vi") if member is not None else value
    return value


def header_of(record_type: str, column: str) -> str:
    """The Vietnamese header of an exported column."""
    specs = {spec.name: spec for spec in fields_for(record_type)}
    if column in _FIELD_HEADERS:
        return _FIELD_HEADERS[column]
    if column in specs:
        return specs[column].label_vi
    if column in _SYSTEM_HEADERS:
        return _SYSTEM_HEADERS[column]
    return _unit_header(column) or column


def to_form(frame: pd.DataFrame, record_type: str) -> pd.DataFrame:
    """An export table in the Vietnamese form: Vietnamese headers, value labels."""
    specs = {spec.name: spec for spec in fields_for(record_type)}
    out = {}
    for column in frame.columns:
        values = frame[column]
        spec = specs.get(column)
        if spec is not None and spec.kind in ("choice", "networks"):
            values = values.map(lambda v, s=spec: _value_label(s, v)).astype(object)
        elif column == "boundaries":
            values = values.map(_BOUNDARY_VALUES).astype(object)
        out[header_of(record_type, column)] = values
    return pd.DataFrame(out, index=frame.index)


def code_list(record_type: str) -> pd.DataFrame:
    """The codes behind the form's labels: one row per value of a choice field."""
    rows = []
    for spec in fields_for(record_type):
        if spec.kind != "choice":
            continue
        for value in spec.choices:
            rows.append(
                {
                    "Cột": header_of(record_type, spec.name),
                    "Trường": spec.name,
                    "Mã": value,
                    "Nhãn": _value_label(spec, value),
                }
            )
    return pd.DataFrame(rows, columns=["Cột", "Trường", "Mã", "Nhãn"])


def _export_only_keys() -> set[str]:
    keys = {match_key(c) for c in ("location_flag", "source", "boundaries")}
    keys |= {
        match_key(_SYSTEM_HEADERS[c]) for c in ("location_flag", "source", "boundaries")
    }
    for edition in EDITIONS:
        suffix = edition.replace("-", "_")
        for level in ("commune", "district"):
            for name in ("", "_name"):
                column = f"{level}{name}_{suffix}"
                keys |= {match_key(column), match_key(_unit_header(column))}
    return keys


_EXPORT_ONLY = _export_only_keys()


# A text the export protected from running as a formula (writers.protect_formula).
_PROTECTED = re.compile(r"'[=+\-@]")


def unprotect(table: pd.DataFrame) -> pd.DataFrame:
    """The table with the export's formula protection taken off: a cell
    ``'=HYPERLINK(…)`` is the text ``=HYPERLINK(…)`` it was written from, so that
    a re-imported export compares equal (the next export protects it again)."""
    out = table.copy()
    for column in out.columns:
        values = out[column].astype(str)
        marked = values.str.match(_PROTECTED)
        if marked.any():
            out[column] = values.where(~marked, values.str[1:])
    out.attrs = dict(table.attrs)
    return out


def drop_export_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The table without the columns an export adds that are not fields (units,
    location flag, source, boundaries): the registry derives them, a file cannot
    set them, so they are neither read nor reported as unknown."""
    keep = [c for c in table.columns if match_key(str(c)) not in _EXPORT_ONLY]
    rest = table[keep]
    rest.attrs = dict(table.attrs)
    return rest
