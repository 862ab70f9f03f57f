"""Inspections of public Internet and game points: plans, the checklist of the
rule set in force, recording, review, corrections and the dashboard.

Use cases: :func:`~registry.inspections.service.open_inspection`,
:func:`~registry.inspections.edits.update_inspection`,
:func:`~registry.inspections.edits.record_items`,
:func:`~registry.inspections.edits.add_violation`,
:func:`~registry.inspections.edits.withdraw_violation`,
:func:`~registry.inspections.edits.attach_photos`,
:func:`~registry.inspections.edits.withdraw_photo`,
:func:`~registry.inspections.review.submit_inspection`,
:func:`~registry.inspections.review.review_inspection`,
:func:`~registry.inspections.service.correct_inspection`,
:func:`~registry.inspections.queries.get_inspection`,
:func:`~registry.inspections.queries.list_inspections`,
:func:`~registry.inspections.queries.photo_data`,
:func:`~registry.inspections.checklist.checklist_items`,
:func:`~registry.inspections.plans.inspection_plan`,
:func:`~registry.inspections.plans.points_due`,
:func:`~registry.inspections.plans.overdue_follow_ups`,
:func:`~registry.inspections.plans.inspection_overview`,
:func:`~registry.inspections.dashboard.inspection_dashboard`,
:func:`~registry.inspections.dashboard.dashboard_area`,
:func:`~registry.inspections.xlsform.inspection_form`,
:func:`~registry.inspections.odk_import.import_odk_submissions`.

May import: ``kernel``, ``access``, ``units``, ``records``, ``files``, ``rules``,
``maps``, ``geodata``.
"""
