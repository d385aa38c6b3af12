"""Shared helpers of the property tests: example counting per target and the property itself.

The property (issue 9): a parser or model given arbitrary input either returns a result that
passes its own invariants, or raises a :class:`~spaceplan.core.errors.SpaceplanError` subclass
that names the field; never another exception, never NaN/inf in a result that is not flagged.
"""

from __future__ import annotations

import collections
import json
import math
import os
import time
from contextlib import contextmanager

import numpy as np

from spaceplan.core.errors import InputError, SpaceplanError

EXAMPLES: collections.Counter = collections.Counter()  # examples run per target (this process)
# CLI property test, per target: outcome -> examples, distinct argv seen, seconds spent (this process)
OUTCOMES: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
DISTINCT: dict[str, set] = collections.defaultdict(set)
SECONDS: collections.Counter = collections.Counter()
NOTES: dict[str, dict[str, int]] = collections.defaultdict(dict)  # target -> a few distinct refusal lines -> count
MAX_NOTES = 8
_LIVE = {"last": 0.0}
LIVE_EVERY_S = 10.0  # how often a process rewrites its progress file (SPACEPLAN_FUZZ_LIVE_DIR)


def count(target: str) -> None:
    EXAMPLES[target] += 1
    write_live()


def record(target: str, outcome: str, argv, seconds: float, note: str | None = None) -> None:
    """One CLI property example: its outcome (``finite_bounded``, ``refused_named``, ``warned``, ``failed``),
    its argv (distinct inputs are counted: a strategy with few distinct inputs is exhausted before the
    profile's count) and its wall time.  Every ``LIVE_EVERY_S`` the process's totals so far go to
    ``$SPACEPLAN_FUZZ_LIVE_DIR/live-<pid>.json`` (``write_live``) for the progress lines of
    ``tests/fuzz/report.py``."""
    OUTCOMES[target][outcome] += 1
    DISTINCT[target].add(tuple(argv))
    if note:  # the error line of a refusal or a failure (the first MAX_NOTES distinct ones, counted)
        notes = NOTES[target]
        if note in notes or len(notes) < MAX_NOTES:
            notes[note] = notes.get(note, 0) + 1
    SECONDS[target] += seconds
    write_live()


def write_live(force: bool = False) -> None:
    """This process's totals so far (CLI outcomes and examples per target) to its progress file, at most every
    ``LIVE_EVERY_S`` unless ``force`` (the end of a test: a stopped run then reports every finished test whole)."""
    live = os.environ.get("SPACEPLAN_FUZZ_LIVE_DIR")
    now = time.monotonic()
    if live and (force or now - _LIVE["last"] >= LIVE_EVERY_S):
        _LIVE["last"] = now
        path = os.path.join(live, f"live-{os.getpid()}.json")
        with open(path + ".tmp", "w") as fh:
            json.dump({"cli": cli_summary(), "examples": dict(EXAMPLES)}, fh)
        os.replace(path + ".tmp", path)


def cli_summary() -> dict:
    """This process's CLI property counts: target -> {outcomes, distinct_inputs, seconds}."""
    return {t: {"outcomes": dict(OUTCOMES[t]), "distinct_inputs": len(DISTINCT[t]), "seconds": SECONDS[t],
                "notes": NOTES.get(t, {})} for t in OUTCOMES}


@contextmanager
def spaceplan_error_or_result(target: str, field: str | None = None):
    """Run the body; a SpaceplanError is fine (it must name ``field`` when given); anything else fails."""
    count(target)
    try:
        yield
    except SpaceplanError as exc:
        text = str(exc)
        assert text.strip(), f"{target}: empty error message"
        if isinstance(exc, InputError):
            assert exc.field, f"{target}: InputError without a field: {text}"
        if field is not None:
            assert field in text, f"{target}: error does not name {field!r}: {text}"


def assert_finite(target: str, *values) -> None:
    """Every number in ``values`` (scalars, arrays, nested dicts/lists) is finite."""
    for v in values:
        if isinstance(v, dict):
            assert_finite(target, *v.values())
        elif isinstance(v, (list, tuple)):
            assert_finite(target, *v)
        elif isinstance(v, (float, int, np.floating, np.integer)) and not isinstance(v, bool):
            assert math.isfinite(float(v)), f"{target}: non-finite value {v!r} in an unflagged result"
        elif isinstance(v, np.ndarray) and v.dtype.kind in "fc":
            assert np.isfinite(v).all(), f"{target}: non-finite values in an unflagged result"
