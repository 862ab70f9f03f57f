"""Benchmark: a session check and a resume from the cookie, on SQLite and PostgreSQL.

Builds an initialised registry (a SQLite file in a temporary folder, and a
throwaway PostgreSQL database when the server answers), opens
:data:`OPEN_SESSIONS` sessions for 50 users, then times, per call:

- ``check_session`` (a signed-in tab's page load: find by id, check the user,
  touch last seen), and
- ``resume_session`` (a reload: find by the token's hash, the same checks),

each :data:`CALLS` times, printing the median and the 95th percentile. The
sessions were just opened, so these are the common page loads that write nothing
(last seen is stored at most once a minute).

    python bench/bench_sessions.py [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text  # noqa: E402

from registry.access.sessions import (  # noqa: E402
    check_session,
    claim_session,
    open_session,
    resume_session,
)
from registry.access.users import create_user, find_actor  # noqa: E402
from registry.bootstrap import initialise  # noqa: E402
from registry.kernel.db import open_registry  # noqa: E402
from registry.kernel.settings import INSECURE_TEST_HASHING, load_config  # noqa: E402

OPEN_SESSIONS = 1000
CALLS = 500


def _times(call) -> tuple[float, float]:
    """Median and 95th percentile of ``call``'s time, in milliseconds."""
    spent = []
    for index in range(CALLS):
        start = time.perf_counter()
        call(index)
        spent.append((time.perf_counter() - start) * 1000)
    spent.sort()
    return statistics.median(spent), spent[int(len(spent) * 0.95) - 1]


def bench(label: str, url: str) -> None:
    """Fill the registry at ``url`` with sessions and print the timings."""
    config = load_config(
        {
            "REGISTRY_DATABASE_URL": url,
            "REGISTRY_PASSWORD_HASHING": INSECURE_TEST_HASHING,
        }
    )
    registry = open_registry(config)
    try:
        initialise(registry)
        admin = find_actor(registry, "admin")
        users = [
            create_user(
                registry,
                admin,
                username=f"bench.{number}",
                display_name=f"Bench {number}",
                role="viewer",
                password="bench-password",
            )
            for number in range(50)
        ]
        opened = []
        for number in range(OPEN_SESSIONS):
            session = open_session(registry, users[number % 50], language="vi")
            opened.append((session.id, claim_session(registry, session.handoff)))
        check = _times(lambda i: check_session(registry, opened[i % len(opened)][0]))
        resume = _times(lambda i: resume_session(registry, opened[i % len(opened)][1]))
        print(
            f"{label:<11} check_session  median {check[0]:5.2f} ms  "
            f"p95 {check[1]:5.2f} ms"
        )
        print(
            f"{label:<11} resume_session median {resume[0]:5.2f} ms  "
            f"p95 {resume[1]:5.2f} ms  ({OPEN_SESSIONS} sessions open)"
        )
    finally:
        registry.engine.dispose()


def main() -> None:
    """Run on SQLite, then on PostgreSQL if the server answers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bench("SQLite", f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
    name = f"bench_sessions_{uuid.uuid4().hex[:8]}"
    try:
        server = create_engine(arguments.postgres, isolation_level="AUTOCOMMIT")
        with server.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # no server: say so, the SQLite figures stand
        print(f"PostgreSQL  skipped: {error.__class__.__name__}: {error}")
        return
    try:
        base = arguments.postgres.rsplit("/", 1)[0]
        bench("PostgreSQL", f"{base}/{name}")
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        server.dispose()


if __name__ == "__main__":
    main()
