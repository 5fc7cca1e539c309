"""The command as a whole: every command has help, is documented, and starts fast."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO
from tracker.cli import COMMANDS, cli, main


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_and_is_in_the_readme(name, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([name, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert f"frontline {name}" in out and len(out.splitlines()) > 3
    assert f"frontline {name}" in (REPO / "README.md").read_text(encoding="utf-8")


def test_listing_matches_the_table():
    assert set(cli.list_commands(None)) == set(COMMANDS)


def test_help_imports_no_heavy_library():
    code = ("import sys\nfrom tracker.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('geopandas', 'pandas', 'folium', 'shapely', 'pyogrio', 'geopy',"
            " 'rapidfuzz', 'numpy') if m in sys.modules]\n"
            "print('HEAVY', heavy, file=sys.stderr)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in res.stderr


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["no-such-command"])
    assert exit_.value.code == 2
    assert "Traceback" not in capsys.readouterr().err
