"""The soak test's controller: processes on both databases at once edit the same
records, then every success is accounted for in the audit log.

Each backend gets a fresh initialised database with two sites, a point and a
cluster. ``processes`` workers per backend (:mod:`tests.attack.soak_worker`, one
Python process each, all started together) edit those records for ``seconds``
from fresh reads. Then, per record, the audit log's updates must form a chain
(each one's "before" is the previous one's "after", starting from the stored
value at creation), their number must be the versions the record went through,
and each success (record, new version, value) must be the audited change of that
version, so it is the final value or superseded by a later audited change.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from registry.access.users import find_actor
from registry.kernel.db import Registry, open_registry
from registry.kernel.models import AuditEntry, BtsSite, Cluster, PublicPoint
from registry.records.by_kind import POINTS, SITES
from registry.units.clusters import create_cluster
from tests.conftest import (
    BACKENDS,
    TEST_SETTINGS,
    Templates,
    database_url_for,
    registry_config,
)
from tests.factories import district_code, point_values, site_values

ROOT = Path(__file__).resolve().parents[2]
# Audit entity type, table and edited field of each kind of record.
KINDS = {
    "site": ("bts_site", BtsSite, "notes"),
    "point": ("public_point", PublicPoint, "notes"),
    "cluster": ("cluster", Cluster, "note"),
}
START_TIMEOUT_S = 180


@dataclass
class SoakResult:
    """What one backend's workers did and what the audit log says of it."""

    tried: int = 0
    won: int = 0
    refused: int = 0
    lost: list = field(default_factory=list)
    unexplained: list = field(default_factory=list)
    broken_chains: list = field(default_factory=list)


def _targets(registry: Registry) -> list[list]:
    """The records every worker edits: two sites, a point, a cluster."""
    admin = find_actor(registry, "admin")
    sites = [
        SITES.create(registry, admin, site_values(registry, site_code=f"NAN-S{n}"))
        for n in (1, 2)
    ]
    point = POINTS.create(registry, admin, point_values(registry))
    cluster = create_cluster(
        registry, admin, name="Cụm thử", districts=[district_code(registry, "Vinh")]
    )
    return [
        *(["site", s["id"]] for s in sites),
        ["point", point["id"]],
        ["cluster", cluster.id],
    ]


def _start(url: str, targets, processes: int, seconds: float, folder: Path):
    """Start the workers of one database; (process, arguments) each."""
    started = []
    for worker in range(processes):
        arguments = {
            "url": url,
            "worker": worker,
            "seconds": seconds,
            "targets": targets,
            "ready": str(folder / f"ready-{worker}"),
            "go": str(folder / "go"),
            "out": str(folder / f"log-{worker}.json"),
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.attack.soak_worker", json.dumps(arguments)],
            cwd=ROOT,
            env={**os.environ, **TEST_SETTINGS},
            stderr=(folder / f"stderr-{worker}.txt").open("wb"),
        )
        started.append((process, arguments))
    return started


def _wait_ready(workers) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while not all(Path(a["ready"]).exists() for _, a in workers):
        failed = [p.returncode for p, _ in workers if p.poll() not in (None, 0)]
        if failed or time.monotonic() > deadline:
            raise RuntimeError(f"soak workers did not start (exit codes {failed})")
        time.sleep(0.1)


def _audit_chain(registry: Registry, kind: str, row_id: int, log, result) -> None:
    """Check one record's audited updates against the successes of ``log``."""
    entity, model, name = KINDS[kind]
    with registry.reading() as session:
        stored = session.get(model, row_id)
        entries = session.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.entity_type == entity,
                AuditEntry.entity_id == str(row_id),
                AuditEntry.action == "update",
            )
            .order_by(AuditEntry.id)
        ).all()
        created = session.scalar(
            select(AuditEntry.after).where(
                AuditEntry.entity_type == entity,
                AuditEntry.entity_id == str(row_id),
                AuditEntry.action == "create",
            )
        )
        final_version, final_value = stored.version, getattr(stored, name)
    befores = [json.loads(e.before).get(name) for e in entries]
    afters = [json.loads(e.after).get(name) for e in entries]
    start = json.loads(created).get(name) if created else None
    chained = [start, *afters][: len(afters)]  # each "before" is the last "after"
    if befores != chained or len(set(befores)) != len(befores):
        result.broken_chains.append(f"{kind} #{row_id}: befores {befores[:8]}…")
    if final_version != 1 + len(entries) or (afters and afters[-1] != final_value):
        result.broken_chains.append(
            f"{kind} #{row_id}: version {final_version}, {len(entries)} audited"
        )
    for won_kind, won_id, version, value in log:
        if (won_kind, won_id) != (kind, row_id):
            continue
        position = version - 2  # version 2 is the first update's
        if not (0 <= position < len(afters) and afters[position] == value):
            result.lost.append(f"{kind} #{row_id} v{version} = {value}")


def _account(registry: Registry, targets, workers) -> SoakResult:
    result = SoakResult()
    successes = []
    for _, arguments in workers:
        log = json.loads(Path(arguments["out"]).read_text(encoding="utf-8"))
        result.tried += log["tried"]
        result.won += len(log["won"])
        result.refused += log["refused"]
        result.unexplained += log["unexplained"]
        successes += log["won"]
    for kind, row_id in targets:
        _audit_chain(registry, kind, row_id, successes, result)
    return result


def run_soak(
    templates: Templates, processes: int, seconds: float
) -> dict[str, SoakResult]:
    """Run the soak on every backend at once; the result of each."""
    prepared = {}
    for backend in BACKENDS:
        url = database_url_for(backend, templates)
        registry = open_registry(registry_config({"REGISTRY_DATABASE_URL": url}))
        folder = templates.tmp_root / f"soak-{backend}-{os.getpid()}-{time.time_ns()}"
        folder.mkdir()
        prepared[backend] = (url, registry, _targets(registry), folder)
    workers = {
        backend: _start(url, targets, processes, seconds, folder)
        for backend, (url, _, targets, folder) in prepared.items()
    }
    try:
        for started in workers.values():
            _wait_ready(started)
        for _, _, _, folder in prepared.values():
            (folder / "go").touch()
        for started in workers.values():
            for process, _ in started:
                process.wait(timeout=seconds + START_TIMEOUT_S)
                if process.returncode != 0:
                    raise RuntimeError(f"a soak worker failed ({process.returncode})")
        return {
            backend: _account(registry, targets, workers[backend])
            for backend, (_, registry, targets, _) in prepared.items()
        }
    finally:
        for started in workers.values():
            for process, _ in started:
                if process.poll() is None:
                    process.kill()
        for url, registry, _, _ in prepared.values():
            registry.engine.dispose()
            templates.discard(url)
