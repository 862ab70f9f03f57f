"""One process of the soak test (:mod:`tests.attack.soak`): edits the same few
records as the others, from fresh reads, until its time is up.

Run as ``python -m tests.attack.soak_worker '<json>'``; the JSON names the
database URL, the worker's number, the seconds to run, the records
(``[["site", 3], ["point", 1], ["cluster", 2]]``) and three files: the one it
creates when it is ready, the one it waits for before it starts (so every process
edits at the same time), and the one it writes its log to: each success (record,
new version, value written), the number of stale-version refusals, and every
other error as text (the test counts those as unexplained).
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from registry.access.users import find_actor
from registry.kernel.db import open_registry
from registry.kernel.settings import INSECURE_TEST_HASHING, load_config
from registry.kernel.versions import StaleVersionError
from registry.records.by_kind import POINTS, SITES
from registry.units.clusters import list_clusters, update_cluster

RECORDS = {"site": SITES, "point": POINTS}


def edit(registry, actor, kind: str, row_id: int, value: str) -> int:
    """Read the record afresh, then write ``value`` against the version read;
    the new version."""
    if kind == "cluster":
        (cluster,) = [c for c in list_clusters(registry, actor) if c.id == row_id]
        return update_cluster(
            registry, actor, row_id, expected_version=cluster.version, note=value
        ).version
    use_cases = RECORDS[kind]
    version = use_cases.get(registry, actor, row_id)["version"]
    return use_cases.update(
        registry, actor, row_id, {"notes": value}, expected_version=version
    )["version"]


def main(arguments: dict) -> None:
    config = load_config(
        {
            "REGISTRY_DATABASE_URL": arguments["url"],
            "REGISTRY_PASSWORD_HASHING": INSECURE_TEST_HASHING,
        }
    )
    registry = open_registry(config)
    actor = find_actor(registry, "admin")
    worker = arguments["worker"]
    rng = random.Random(worker)
    Path(arguments["ready"]).touch()
    while not Path(arguments["go"]).exists():
        time.sleep(0.02)  # the controller starts every process at once
    log = {"won": [], "refused": 0, "unexplained": [], "tried": 0}
    deadline = time.monotonic() + arguments["seconds"]
    while time.monotonic() < deadline:
        kind, row_id = rng.choice(arguments["targets"])
        log["tried"] += 1
        value = f"w{worker}-{log['tried']}"
        try:
            version = edit(registry, actor, kind, row_id, value)
        except StaleVersionError:
            log["refused"] += 1
        except Exception as error:  # anything else is what the test must not see
            log["unexplained"].append(f"{kind} #{row_id}: {error!r}")
        else:
            log["won"].append([kind, row_id, version, value])
    registry.engine.dispose()
    Path(arguments["out"]).write_text(json.dumps(log), encoding="utf-8")


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
