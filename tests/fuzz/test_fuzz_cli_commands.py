"""Property test across the CLI (issue 19): every command, random in-range inputs -> finite numbers within
the declared physical bounds (masses >= 0, delta-v >= 0, times >= 0, fractions in [0, 1], dose >= 0) or a
named one-line refusal; out-of-range inputs -> a one-line error naming the flag (exit 2) or a result that
carries a validity warning, never a silent number.

The example count per command is the Hypothesis profile's (``tests/fuzz/conftest.py``: 200 in ``make test``,
10,000 in ``make fuzz``), lower under ``make fuzz`` only where ``cli_commands.FUZZ_EXAMPLES`` declares it with
its reason; a strategy with fewer distinct inputs than the count runs each once (Hypothesis stops when the
input space is exhausted).  Each example's outcome (finite and bounded, warned, refused with a named error,
failed), its argv and its wall time go to ``tests/fuzz/report.py`` under ``cli:<command>`` and
``cli-out-of-range:<command>``.  Commands run in-process through ``spaceplan.cli.main`` on cheap ranges
(short spans, coarse grids: ``cli_commands.IN_RANGE``).
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings

from cli_commands import IN_RANGE, OUT_OF_RANGE, check_in_range, check_out_of_range, fuzz_examples
from fuzz_support import count, record


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


def _timed(target, argv, check):
    """Run one example's check, recording its outcome and wall time (a failure is recorded, then raised)."""
    count(target)
    t0 = time.perf_counter()
    try:
        outcome = check()
    except BaseException:
        record(target, "failed", argv, time.perf_counter() - t0)
        raise
    record(target, outcome, argv, time.perf_counter() - t0)


def _with_examples(command, test):
    """The profile's example count, or the lower one ``FUZZ_EXAMPLES`` declares for ``command`` (make fuzz)."""
    n = fuzz_examples(command)
    return test if n is None else settings(max_examples=n)(test)


@pytest.mark.parametrize("command", sorted(IN_RANGE))
def test_in_range_inputs_give_physical_numbers(command):
    @given(IN_RANGE[command])
    def run(argv):
        _timed(f"cli:{command}", argv, lambda: check_in_range(command, argv))

    _with_examples(command, run)()


@pytest.mark.parametrize("command", sorted(OUT_OF_RANGE))
def test_out_of_range_inputs_are_refused_or_warned(command):
    @given(OUT_OF_RANGE[command])
    def run(case):
        argv, flag = case
        _timed(f"cli-out-of-range:{command}", argv, lambda: check_out_of_range(command, argv, flag))

    _with_examples(command, run)()
