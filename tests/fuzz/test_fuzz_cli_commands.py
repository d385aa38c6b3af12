"""Property test across the CLI (issue 19): every command, random in-range inputs -> finite numbers within
the declared physical bounds (masses >= 0, delta-v >= 0, times >= 0, fractions in [0, 1], dose >= 0) or a
named one-line refusal; out-of-range inputs -> a one-line error naming the flag (exit 2) or a result that
carries a validity warning, never a silent number.

The example count per command is the Hypothesis profile's (``tests/fuzz/conftest.py``: 200 in ``make test``,
10,000 in ``make fuzz``); the counts go to ``tests/fuzz/report.py`` under ``cli:<command>`` and
``cli-out-of-range:<command>``.  Commands run in-process through ``spaceplan.cli.main`` on cheap ranges
(short spans, coarse grids: ``cli_commands.IN_RANGE``).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli_commands import IN_RANGE, OUT_OF_RANGE, check_in_range, check_out_of_range
from fuzz_support import count


def _leaf_commands() -> list[str]:
    import typer

    from spaceplan.cli import app

    names = []

    def walk(cmd, path):
        if hasattr(cmd, "commands"):
            for name, sub in cmd.commands.items():
                walk(sub, path + [name])
        else:
            names.append(" ".join(path))

    walk(typer.main.get_command(app), [])
    return sorted(names)


UNCOVERED = {"study": "runs every section (minutes); its sections' models are covered by their own commands",
             "sweep": "evaluates a study over a parameter grid (minutes); same models as 'study'",
             "viewer": "writes a static Cesium folder: no model numbers",
             "claims": "runs the default study's sections (minutes); same models as 'study'"}


def test_every_command_has_a_property():
    missing = sorted(set(_leaf_commands()) - set(IN_RANGE) - set(UNCOVERED))
    assert not missing, f"commands without an in-range strategy: {missing}"
    assert not set(IN_RANGE) - set(_leaf_commands()), "strategies for commands that do not exist"


@pytest.mark.parametrize("command", sorted(IN_RANGE))
def test_in_range_inputs_give_physical_numbers(command):
    @given(IN_RANGE[command])
    def run(argv):
        count(f"cli:{command}")
        check_in_range(command, argv)

    run()


@pytest.mark.parametrize("command", sorted(OUT_OF_RANGE))
def test_out_of_range_inputs_are_refused_or_warned(command):
    @given(OUT_OF_RANGE[command])
    def run(case):
        argv, flag = case
        count(f"cli-out-of-range:{command}")
        check_out_of_range(command, argv, flag)

    run()
