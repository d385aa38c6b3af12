"""Property test across the CLI (issue 19): every command, random in-range inputs -> finite numbers within
the declared physical bounds (masses >= 0, delta-v >= 0, times >= 0, fractions in [0, 1], dose >= 0) or a
named one-line refusal; out-of-range inputs -> a one-line error naming the flag (exit 2) or a result that
carries a validity warning, never a silent number.

The example count per command is the Hypothesis profile's (``tests/fuzz/conftest.py``: 200 in ``make test``,
10,000 in ``make fuzz``), lower under ``make fuzz`` only where ``cli_commands.FUZZ_EXAMPLES`` declares it with
its reason; a strategy with fewer distinct inputs than the count runs each once (Hypothesis stops when the
input space is exhausted).  Each example's outcome (finite and bounded, warned, refused with a named error,
failed), its argv and its wall time go to ``tests/fuzz/report.py`` under ``cli:<command>`` and
``cli-out-of-range:<command>``.  ``study``, ``claims`` and ``sweep`` (minutes per example) run under
``make fuzz`` only, at the counts ``FUZZ_EXAMPLES`` declares; ``make test`` reports them as skipped.  Commands run in-process through ``spaceplan.cli.main`` on cheap ranges
(short spans, coarse grids: ``cli_commands.IN_RANGE``).
"""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import given, settings

from cli_commands import (FUZZ_EXAMPLES, FUZZ_ONLY, IN_RANGE, OUT_OF_RANGE, check_in_range, check_out_of_range,
                          fuzz_examples)
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


UNCOVERED = {"viewer": "writes a static Cesium folder from a CZML file and the npm cesium package: no model numbers"}


def test_every_command_has_a_property():
    missing = sorted(set(_leaf_commands()) - set(IN_RANGE) - set(FUZZ_ONLY) - set(UNCOVERED))
    assert not missing, f"commands without an in-range strategy: {missing}"
    assert not (set(IN_RANGE) | set(FUZZ_ONLY)) - set(_leaf_commands()), "strategies for commands that do not exist"
    assert set(FUZZ_ONLY) <= set(FUZZ_EXAMPLES), "a make-fuzz-only command without its declared count and reason"


def _timed(target, argv, check):
    """Run one example's check, recording its outcome and wall time (a failure is recorded, then raised)."""
    count(target)
    t0 = time.perf_counter()
    try:
        outcome, note = check()
    except BaseException as exc:
        record(target, "failed", argv, time.perf_counter() - t0, str(exc).strip().splitlines()[0][:200] if str(exc)
               else type(exc).__name__)
        raise
    record(target, outcome, argv, time.perf_counter() - t0, note)


def _with_examples(command, test):
    """The profile's example count, or the lower one ``FUZZ_EXAMPLES`` declares for ``command`` (make fuzz)."""
    n = fuzz_examples(command)
    return test if n is None else settings(max_examples=n)(test)


@pytest.mark.parametrize("command", sorted(IN_RANGE) + sorted(FUZZ_ONLY))
def test_in_range_inputs_give_physical_numbers(command):
    if command in FUZZ_ONLY and os.environ.get("HYPOTHESIS_PROFILE") != "fuzz":
        pytest.skip(f"{command}: make fuzz only ({FUZZ_EXAMPLES[command][1]})")

    @given(IN_RANGE[command] if command in IN_RANGE else FUZZ_ONLY[command])
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
