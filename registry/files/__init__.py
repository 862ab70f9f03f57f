"""Files in and out: reading CSV/XLSX tables, importing records, writing exports,
uploaded files (:mod:`~registry.files.uploads` checks them, names them for
storage; :mod:`~registry.files.decoding` parses a PDF with pypdf and re-encodes an
image with Pillow within a pixel limit).

Use cases: :func:`~registry.files.imports.import_records`,
:func:`~registry.files.preview.preview_import`,
:func:`~registry.files.exports.export_records`.

May import: ``kernel``, ``access``, ``units``, ``records``, ``geodata``.
"""
