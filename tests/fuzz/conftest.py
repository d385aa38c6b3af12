"""Hypothesis profiles of the property tests and the per-target example counts.

``HYPOTHESIS_PROFILE=ci`` (default, ``make test``): 200 examples per target, derandomized so CI
is reproducible, no example database.  ``HYPOTHESIS_PROFILE=fuzz`` (``make fuzz``): 10,000
examples per target, random seeds.  ``SPACEPLAN_FUZZ_REPORT=file`` appends the counts (one JSON
line per test process: examples per target, and the CLI property test's outcomes, distinct inputs
and seconds per command) for ``tests/fuzz/report.py``; ``SPACEPLAN_FUZZ_LIVE_DIR=dir`` receives
each process's running totals every 10 s (its progress lines).  Per-command example counts below
the profile's are declared in ``cli_commands.FUZZ_EXAMPLES`` (with their reasons).
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


def pytest_runtest_teardown(item):
    """After every test: its counts to the progress file, whole (a stopped run still reports finished tests)."""
    from fuzz_support import write_live

    write_live(force=True)


def pytest_sessionfinish(session, exitstatus):
    from fuzz_support import EXAMPLES, OUTCOMES, cli_summary

    path = os.environ.get("SPACEPLAN_FUZZ_REPORT")
    if path and (EXAMPLES or OUTCOMES):
        with open(path, "a") as fh:
            fh.write(json.dumps({"examples": dict(EXAMPLES), "cli": cli_summary()}) + "\n")
