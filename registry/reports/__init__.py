"""Area reports: the figures of a cluster, a district or a commune over a period, as
an Excel workbook and a print-ready page.

Use cases: :func:`~registry.reports.build.make_report`,
:func:`~registry.reports.area.area_choices`.

May import: every concern package above (``kernel`` … ``permits``) and
``geodata``; not ``demo``, ``cli`` or ``bootstrap``.
"""
