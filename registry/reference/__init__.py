"""Reference layers the registry consults but does not manage as records: schools
(the game-point distance rule) and population per commune (coverage per inhabitant).

Use cases: :func:`~registry.reference.schools.import_schools`,
:func:`~registry.reference.schools.list_schools`,
:func:`~registry.reference.population.import_population`,
:func:`~registry.reference.population.population_table`.

May import: ``kernel``, ``access``, ``units``, ``records``, ``files``, ``geodata``.
"""
