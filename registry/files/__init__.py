"""Files in and out: reading CSV/XLSX tables, importing records, writing exports,
uploaded files.

Use cases: :func:`~registry.files.imports.import_records`,
:func:`~registry.files.preview.preview_import`,
:func:`~registry.files.exports.export_records`.

May import: ``kernel``, ``access``, ``units``, ``records``, ``geodata``.
"""
