"""Shared helpers for the peer timing scripts (run inside the peer virtual environments).

Protocol: ``python time_<peer>.py PROBLEMS.npz OUT.npz REPEATS`` loads r1 (N,3) m, r2 (N,3) m,
tof (N,) s, mu; times the peer on all N problems REPEATS times (after a warm-up on a small
slice, so JIT compilation is excluded), saves the peer's v1 to OUT.npz and prints one JSON line
``{"peer", "version", "seconds" (best total), "n", "failures"}``.
"""

import json
import sys
import time

import numpy as np


def load():
    path, out, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    d = np.load(path)
    return d["r1"], d["r2"], d["tof"], float(d["mu"]), out, repeats


def best_of(fn, repeats):
    best = float("inf")
    result = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def report(peer, version, seconds, v1, out):
    np.savez(out, v1=v1)
    failures = int(np.sum(~np.isfinite(v1).all(axis=1)))
    print(json.dumps({"peer": peer, "version": version, "seconds": seconds, "n": int(len(v1)), "failures": failures}))
