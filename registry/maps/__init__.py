"""What the map pages show: records as they stood on a date, per unit, and the
network's growth year by year.

Use cases: :func:`~registry.maps.data.site_map`, :func:`~registry.maps.data.point_map`,
:func:`~registry.maps.data.site_overview`, :func:`~registry.maps.data.unit_options`,
:func:`~registry.maps.growth.growth_by_year`,
:func:`~registry.maps.growth.technology_growth`,
:func:`~registry.maps.growth_report.growth_report`.

May import: ``kernel``, ``access``, ``units``, ``records``, ``geodata``.
"""
