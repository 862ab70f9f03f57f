"""``python -m registry applications``: list, show, inbox, matrix, report."""

from __future__ import annotations

import pytest

from registry.cli.main import main
from tests.permits.support import TWO_LEVEL_DAY, file_on, new_site, people_world


@pytest.fixture
def world(open_world):
    """A copy of the permit tests' world: the registry and its people."""
    return people_world(open_world)


@pytest.fixture
def cli(world, monkeypatch, capsys):
    """Run the command line in-process against this test's database."""
    url = world[0].engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("REGISTRY_DATABASE_URL", url)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_applications_are_listed_shown_and_reported(cli, world):
    registry, people = world
    filed = file_on(
        TWO_LEVEL_DAY, registry, people.viettel, "bts_new", values=new_site(registry)
    ).summary.id
    code, out, _ = cli("--as", "viettel", "applications", "list")
    assert code == 0 and f"#{filed} bts_new/ground_tower verifying" in out
    code, out, _ = cli("--as", "mobifone", "applications", "list")
    assert code == 0 and out == ""
    code, out, _ = cli("applications", "show", str(filed))
    assert "verify@commune" in out and "viettel file" in out
    # Filed since 1/7/2025: in the inbox of the 2025-07 ward (xa.tv), not of the
    # abolished Hưng Dũng ward (xa.hd).
    code, out, _ = cli("--as", "xa.tv", "applications", "inbox", "--on", "2026-02-11")
    assert "waiting for me: 1" in out
    code, out, _ = cli("--as", "xa.hd", "applications", "inbox", "--on", "2026-02-11")
    assert "waiting for me: 0" in out
    code, out, _ = cli("applications", "matrix", "--on", "2025-06-30")
    assert "game_new/certificate: verify commune 5d; decide district 10d" in out
    code, out, _ = cli(
        "applications", "report", "--from", "2026-01-01", "--to", "2026-12-31"
    )
    assert code == 0 and "Thành phố Vinh" in out
    code, _, err = cli("--as", "khach", "applications", "list")
    assert code == 1 and "may not read" in err
