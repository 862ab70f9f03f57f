"""Cell observations (OpenCelliD format) against the registered sites.

Observations are evidence, not registry records: each imported file is a dated
snapshot with its source (``cell_snapshots``), its cells in their own table
(``cell_observations``), never mixed with the sites. At import every cell is
matched to the nearest registered site of its operator within a tolerance (the rule
is in :mod:`geodata.cells`, the base distance is ``REGISTRY_CELL_MATCH_M``), and the
findings are stored with the snapshot: candidate unregistered stations (clusters of
unmatched cells), on-air sites no cell was seen near, and technology mismatches.

Use cases: :func:`~registry.cells.service.import_cells`,
:func:`~registry.cells.service.list_findings`,
:func:`~registry.cells.service.export_findings`,
:func:`~registry.cells.service.follow_up_finding`,
:func:`~registry.cells.service.list_follow_ups`.

May import: ``kernel``, ``access``, ``units``, ``records``, ``files``, ``geodata``.
"""
