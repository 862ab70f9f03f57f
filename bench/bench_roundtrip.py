"""Figures: re-importing the product's own XLSX export into the 5,000-site demo.

For each case (admin's sites, a district user's sites, game points, Internet
points) the demo registry is copied, the user exports the group as XLSX, and the
same file is imported back (for real, all or nothing). Prints what the import
reported and how many records the group holds before and after.

    python bench/bench_roundtrip.py [--sites 5000]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from registry.access.users import find_actor  # noqa: E402
from registry.bootstrap import initialise  # noqa: E402
from registry.demo.load import load_demo  # noqa: E402
from registry.files.exports import export_records  # noqa: E402
from registry.files.imports import IMPORT_GROUPS, import_records  # noqa: E402
from registry.kernel.db import open_registry  # noqa: E402
from registry.kernel.models import MODEL_OF  # noqa: E402
from registry.kernel.settings import load_config  # noqa: E402

CASES = (
    ("admin", "sites"),
    ("huyen.vinh", "sites"),
    ("admin", "game-points"),
    ("admin", "internet-points"),
)


def _count(registry, group: str) -> int:
    record_type, kinds = IMPORT_GROUPS[group]
    model = MODEL_OF[record_type]
    query = select(func.count()).select_from(model)
    if kinds:
        query = query.where(model.kind.in_(kinds))
    with registry.reading() as session:
        return session.scalar(query)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sites", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        template = folder / "demo.sqlite3"
        registry = open_registry(
            load_config({"REGISTRY_DATABASE_URL": f"sqlite:///{template}"})
        )
        initialise(registry)
        load_demo(
            registry,
            find_actor(registry, "admin"),
            sites=args.sites,
            today=date(2026, 11, 1),
        )
        registry.engine.dispose()
        for user, group in CASES:
            copy = folder / f"{user}-{group}.sqlite3"
            shutil.copyfile(template, copy)
            registry = open_registry(
                load_config({"REGISTRY_DATABASE_URL": f"sqlite:///{copy}"})
            )
            actor = find_actor(registry, user)
            path, exported = export_records(
                registry, actor, group, "xlsx", folder / f"{group}.xlsx"
            )
            before = _count(registry, group)
            start = time.perf_counter()
            report = import_records(registry, actor, group, path)
            seconds = time.perf_counter() - start
            after = _count(registry, group)
            outcome = getattr(report, "outcome_counts", None)
            counts = outcome() if callable(outcome) else {"stored": report.stored}
            print(
                f"{user:>11} {group:<16} exported {exported:>5}; re-import: "
                f"{len(report.errors):>5} error(s), {counts}; records "
                f"{before} -> {after} ({seconds:.1f} s)"
            )
            registry.engine.dispose()


if __name__ == "__main__":
    main()
