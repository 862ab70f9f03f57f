"""Administrative units of each division edition and the places assigned to them.

Units with their approximate or imported polygons (``divisions``), boundary imports
(``boundaries``), the units each permit application falls in
(``application_units``), declared communes that disagree with coordinates
(``locations``), urban classes, and clusters (cụm) of district-level units.

Use cases: :func:`~registry.units.boundaries.import_boundaries`,
:func:`~registry.units.clusters.list_clusters`,
:func:`~registry.units.clusters.create_cluster`,
:func:`~registry.units.clusters.update_cluster`,
:func:`~registry.units.clusters.retire_cluster`.

May import: ``kernel``, ``access``, ``geodata``.
"""
