"""Benchmark: coverage of 5,000 sites over Nghệ An's 412 communes, cold and cached.

Builds the labelled demo registry (SQLite file in a temporary folder) with the
requested number of sites, then times :func:`registry.coverage.model.coverage_report`:
cold (nothing computed for these inputs yet: four technologies, all operators, and
the per-operator split of 4G), cached (the same request again), and the district
level and the other edition, which reuse or extend the cached work.

    python bench/bench_coverage.py [--sites 5000]

Aim: under 5 s cold and under 0.5 s cached.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from registry.access.users import find_actor  # noqa: E402
from registry.bootstrap import start_registry  # noqa: E402
from registry.coverage.model import coverage_report  # noqa: E402
from registry.kernel.settings import load_config  # noqa: E402
from registry.units.divisions import unit_polygons  # noqa: E402

AS_OF = date(2025, 6, 30)


def _timed(label: str, call) -> object:
    start = time.perf_counter()
    result = call()
    print(f"{label:<52} {time.perf_counter() - start:6.2f} s")
    return result


def main() -> None:
    """Build the demo registry and print the seconds of each coverage request."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        settings = {
            "REGISTRY_DATABASE_URL": url,
            "REGISTRY_DEMO_SITES": str(args.sites),
        }
        start = time.perf_counter()
        registry = start_registry(load_config(settings))
        print(
            f"demo registry with {args.sites:,} sites built in "
            f"{time.perf_counter() - start:.1f} s"
        )
        actor = find_actor(registry, "admin")
        communes = unit_polygons(registry, "2025-06", "commune")
        print(f"communes (2025-06): {len(communes)}; as of {AS_OF:%d/%m/%Y}")

        def request(**kw):
            return lambda: coverage_report(registry, actor, as_of=AS_OF, **kw)

        report = _timed(
            "cold: communes 2025-06, 4 technologies + 4G by operator", request()
        )
        _timed("cached: the same request", request())
        _timed(
            "cached: districts 2025-06 (sums of the communes)",
            request(level="district"),
        )
        _timed("cold: communes 2025-07", request(edition="2025-07"))
        _timed("cold: one operator (Viettel), communes 2025-06", request(operator="04"))
        sites = int(report.units["sites"].sum())
        print(f"sites on the air counted: {sites:,}")
        for row in report.province.itertuples():
            print(f"  {row.technology}: {row.share:6.1%} of the province's area")
        registry.engine.dispose()


if __name__ == "__main__":
    main()
