"""The reach attacks on the services of permit applications (see
tests/attack/services.py)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from registry.permits import (
    corrections,
    documents,
    effects,
    filing,
    matrix_versions,
    steps,
    transfers,
)
from registry.permits import queries as permit_queries
from registry.permits.report import permits_report
from registry.permits.step_runner import run_step
from tests.attack.catalogue import (
    ACTS,
    LATER,
    SHOWS,
    YEAR,
    Attack,
)
from tests.attack.reach_world import (
    OUTSIDE,
)
from tests.permits.support import PDF, new_game_point, new_site

REACH_PERMITS: dict[str, Attack | tuple[Attack, ...]] = {
    # permits
    "permits.documents.add_documents": (
        Attack(
            ACTS,
            lambda r, a, w, t: documents.add_documents(r, a, w.filed, [("b.pdf", PDF)]),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: documents.add_documents(
                r, a, w.incomplete, [("b.pdf", PDF)]
            ),
        ),
    ),
    "permits.documents.get_document": (
        Attack(
            ACTS, lambda r, a, w, t: documents.get_document(r, a, w.filed, w.document)
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: documents.get_document(
                r, a, w.inside_application, w.document
            ),
            cross=True,
        ),
    ),
    "permits.effects.prepare_approval": Attack(
        ACTS,
        lambda r, a, w, t: effects.prepare_approval(r, a, w.verified, "01/GP", None),
    ),
    "permits.filing.file_application": (
        Attack(
            ACTS,
            lambda r, a, w, t: (
                filing.file_application(
                    r,
                    a,
                    "bts_new",
                    values=new_site(
                        r,
                        OUTSIDE,
                        network_code="01",
                        site_code="MB-MOI",
                    ),
                )
                if a.network_code
                else filing.file_application(
                    r,
                    a,
                    "game_new",
                    values=new_game_point(r, OUTSIDE, name="Phòng game mới"),
                )
            ),
        ),
        *(
            Attack(
                ACTS,
                lambda r, a, w, t, kind=kind: filing.file_application(
                    r, a, kind, point_id=w.point
                ),
            )
            for kind in ("game_renewal", "game_revocation")
        ),
    ),
    "permits.corrections.correct_filing_day": Attack(
        ACTS,
        lambda r, a, w, t: corrections.correct_filing_day(
            r, a, w.filed, date(2026, 11, 2), reason="x"
        ),
    ),
    "permits.transfers.consent_to_transfer": Attack(
        ACTS, lambda r, a, w, t: transfers.consent_to_transfer(r, a, w.filed)
    ),
    "permits.transfers.decline_transfer": Attack(
        ACTS,
        lambda r, a, w, t: transfers.decline_transfer(r, a, w.filed, reasons="x"),
    ),
    "permits.matrix_versions.adopt_preset": Attack(
        ACTS,
        lambda r, a, w, t: matrix_versions.adopt_preset(
            r, a, "two_level", effective_from=date(2027, 1, 1), reason="x"
        ),
    ),
    "permits.matrix_versions.edit_matrix": Attack(
        ACTS,
        lambda r, a, w, t: matrix_versions.edit_matrix(
            r, a, base_id=1, rows=[], effective_from=date(2027, 1, 1), reason="x"
        ),
    ),
    "permits.matrix_versions.matrix_on": Attack(
        SHOWS, lambda r, a, w, t: matrix_versions.matrix_on(r, a, date(2026, 11, 2))
    ),
    "permits.matrix_versions.list_matrix_versions": Attack(
        SHOWS, lambda r, a, w, t: matrix_versions.list_matrix_versions(r, a)
    ),
    "permits.queries.get_application": tuple(
        Attack(
            ACTS,
            lambda r, a, w, t, key=key: permit_queries.get_application(
                r, a, getattr(w, key)
            ),
        )
        for key in ("game", "filed", "change", "renewal")
    ),
    "permits.queries.list_applications": Attack(
        SHOWS, lambda r, a, w, t: permit_queries.list_applications(r, a, on=LATER)
    ),
    "permits.queries.inbox": Attack(
        SHOWS, lambda r, a, w, t: permit_queries.inbox(r, a, on=LATER)
    ),
    "permits.report.permits_report": Attack(
        SHOWS,
        lambda r, a, w, t: permits_report(
            r, a, *YEAR, district_codes=[w.outside_district]
        ),
        lambda result, r, w, a: (
            [f"{len(result)} rows of Nghi Lộc"]
            if len(result) and (result.get("received", pd.Series([0])).sum() > 0)
            else []
        ),
    ),
    "permits.step_runner.run_step": Attack(
        ACTS,
        lambda r, a, w, t: run_step(
            r,
            a,
            w.filed,
            "verify",
            on=None,
            work=lambda session, application, step, day: None,
        ),
    ),
    "permits.steps.verify_application": (
        Attack(ACTS, lambda r, a, w, t: steps.verify_application(r, a, w.filed)),
        Attack(ACTS, lambda r, a, w, t: steps.verify_application(r, a, w.verified)),
    ),
    "permits.steps.report_incomplete": Attack(
        ACTS, lambda r, a, w, t: steps.report_incomplete(r, a, w.filed, reasons="x")
    ),
    "permits.steps.record_completion": Attack(
        ACTS, lambda r, a, w, t: steps.record_completion(r, a, w.incomplete)
    ),
    "permits.steps.approve_application": (
        Attack(
            ACTS,
            lambda r, a, w, t: steps.approve_application(
                r, a, w.verified, number="01/GP"
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: steps.approve_application(r, a, w.filed, number="01/GP"),
        ),
    ),
    "permits.steps.refuse_application": Attack(
        ACTS,
        lambda r, a, w, t: steps.refuse_application(r, a, w.verified, reasons="x"),
    ),
    "permits.steps.escalate_application": Attack(
        ACTS,
        lambda r, a, w, t: steps.escalate_application(r, a, w.verified, reason="x"),
    ),
}
