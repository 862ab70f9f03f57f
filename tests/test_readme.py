"""The README documents every setting and opens with the two commands."""

from __future__ import annotations

from pathlib import Path

from registry.kernel.settings import SETTINGS

README = Path(__file__).resolve().parents[1] / "README.md"


def _settings_table() -> dict[str, str]:
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].startswith("`REGISTRY_"):
            rows[cells[0].strip("`")] = cells[1].strip("`")
    return rows


def test_every_setting_is_in_the_readme_table_with_its_default():
    table = _settings_table()
    assert {s.name: s.default for s in SETTINGS} == table


def test_the_readme_opens_with_the_run_and_test_commands():
    text = README.read_text(encoding="utf-8")
    first_blocks = text.split("```")[1:4:2]
    # serve.py: app.py with the routes of the session cookie (README, Sessions).
    assert "streamlit run serve.py" in first_blocks[0]
    assert "pytest" in first_blocks[1]


def test_the_ci_script_runs_the_readme_test_command():
    text = README.read_text(encoding="utf-8")
    test_block = text.split("```")[3]
    command = [line for line in test_block.splitlines() if "pytest" in line][0].strip()
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert command.split("&&")[-1].strip() in ci
