"""What the map pages show: records as they stood on a date, per unit, and the
network's growth year by year.

Use cases: :func:`~registry.maps.data.site_map`, :func:`~registry.maps.data.point_map`,
:func:`~registry.maps.data.site_overview`, :func:`~registry.maps.data.unit_options`,
:func:`~registry.maps.growth.growth_by_year`,
:func:`~registry.maps.growth.technology_growth`,
:func:`~registry.maps.growth_report.growth_report`,
:func:`~registry.maps.area.area_units` (the units of the actor's area a map is
drawn and fitted to), :func:`~registry.maps.locate.locate_record` (a map opened
on one record), :func:`~registry.maps.multiples.network_years` (the area at
several years, one PNG); :mod:`registry.maps.timeline` gives the year each site
came on the air, for the map's year stepper.

May import: ``kernel``, ``access``, ``units``, ``records``, ``geodata``.
"""
