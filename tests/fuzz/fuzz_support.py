"""Shared helpers of the property tests: example counting per target and the property itself.

The property (issue 9): a parser or model given arbitrary input either returns a result that
passes its own invariants, or raises a :class:`~spaceplan.core.errors.SpaceplanError` subclass
that names the field; never another exception, never NaN/inf in a result that is not flagged.
"""

from __future__ import annotations

import collections
import math
from contextlib import contextmanager

import numpy as np

from spaceplan.core.errors import InputError, SpaceplanError

EXAMPLES: collections.Counter = collections.Counter()  # examples run per target (this process)


def count(target: str) -> None:
    EXAMPLES[target] += 1


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
