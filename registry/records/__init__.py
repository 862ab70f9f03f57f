"""BTS sites and public Internet and game points: the registry's records.

The field catalogue, validation of typed and imported values, the single write path
for new and changed records, search, lists for the user's area, recent activity and
counts.

Use cases: the six of :class:`~registry.records.by_kind.RecordUseCases`
(``create``, ``update``, ``change_status``, ``retire``, ``get``, ``list``) for
BTS sites, :data:`~registry.records.by_kind.SITES`, and for public points,
:data:`~registry.records.by_kind.POINTS`,
:func:`~registry.records.search.search_records`,
:func:`~registry.records.search.record_view`,
:func:`~registry.records.listing.list_records`,
:func:`~registry.records.activity.recent_changes`,
:func:`~registry.records.stats.compute_stats`.

May import: ``kernel``, ``access``, ``units``, ``geodata``.
"""
