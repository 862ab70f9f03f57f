"""BTS sites and public Internet and game points: the registry's records.

The field catalogue, validation of typed and imported values, the single write path
for new and changed records, search, lists for the user's area, recent activity and
counts.

Use cases: :func:`~registry.records.sites.create_site`,
:func:`~registry.records.sites.update_site`,
:func:`~registry.records.sites.change_site_status`,
:func:`~registry.records.sites.retire_site`, :func:`~registry.records.sites.get_site`,
:func:`~registry.records.sites.list_sites`, the same six for points in
:mod:`.points`, :func:`~registry.records.search.search_records`,
:func:`~registry.records.search.record_view`,
:func:`~registry.records.listing.list_records`,
:func:`~registry.records.activity.recent_changes`,
:func:`~registry.records.stats.compute_stats`.

May import: ``kernel``, ``access``, ``units``, ``geodata``.
"""
