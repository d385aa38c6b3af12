"""Hypothesis profiles of the property tests and the per-target example counts.

``HYPOTHESIS_PROFILE=ci`` (default, ``make test``): 200 examples per target, derandomized so CI
is reproducible, no example database.  ``HYPOTHESIS_PROFILE=fuzz`` (``make fuzz``): 10,000
examples per target, random seeds.  ``SPACEPLAN_FUZZ_REPORT=file`` appends the counts (one JSON
line per test process) for ``tests/fuzz/report.py``.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=10_000, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_sessionfinish(session, exitstatus):
    from fuzz_support import EXAMPLES

    path = os.environ.get("SPACEPLAN_FUZZ_REPORT")
    if path and EXAMPLES:
        with open(path, "a") as fh:
            fh.write(json.dumps({"examples": dict(EXAMPLES)}) + "\n")
