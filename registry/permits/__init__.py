"""Delegated permits: BTS applications and game-point certificates, filed, moved
through the steps of the delegation matrix in force, decided, and reported.

An application acts only on what its filer's network owns, checked at filing and
again when it takes effect (:mod:`registry.permits.ownership`); a site changes
network only by a transfer both operators sign (:mod:`registry.permits.transfers`);
nobody verifies what they filed, nor decides what they filed or verified
(:mod:`registry.permits.four_eyes`).

Use cases: :func:`~registry.permits.filing.file_application`,
:func:`~registry.permits.documents.add_documents`,
:func:`~registry.permits.documents.get_document`,
:func:`~registry.permits.transfers.consent_to_transfer`,
:func:`~registry.permits.transfers.decline_transfer`,
:func:`~registry.permits.corrections.correct_filing_day`,
:func:`~registry.permits.steps.verify_application`,
:func:`~registry.permits.steps.report_incomplete`,
:func:`~registry.permits.steps.record_completion`,
:func:`~registry.permits.steps.approve_application`,
:func:`~registry.permits.steps.refuse_application`,
:func:`~registry.permits.steps.escalate_application`,
:func:`~registry.permits.queries.get_application`,
:func:`~registry.permits.queries.list_applications`,
:func:`~registry.permits.queries.inbox`,
:func:`~registry.permits.report.permits_report`,
:func:`~registry.permits.matrix_versions.adopt_preset`,
:func:`~registry.permits.matrix_versions.edit_matrix`,
:func:`~registry.permits.matrix_versions.matrix_on`,
:func:`~registry.permits.matrix_versions.list_matrix_versions`.

May import: ``kernel``, ``access``, ``units``, ``records``, ``files``, ``rules``,
``geodata``.
"""
