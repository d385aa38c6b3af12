"""Shared timing helper for the benchmarks (``benchmarks/run.py`` puts this folder on sys.path)."""

from __future__ import annotations

import time


def best_of(fn, repeat: int) -> float:
    """Smallest wall time (s) of ``repeat`` calls of ``fn()``: the least disturbed run on a shared machine."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)
