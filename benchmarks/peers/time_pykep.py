"""Time pykep 3.0.1 ``pykep.lambert_problem`` (C++ Izzo solver) called once per problem from Python.

pykep 3.0.1's wheel lacks ``pykep/trajopt/gym/tops/*.json`` so ``import pykep`` fails; a dummy
``pykep.trajopt`` module registered before the import avoids it (the Lambert solver does not
need trajopt)."""

import sys
import types
from importlib.metadata import version

import numpy as np
from _common import best_of, load, report

_dummy = types.ModuleType("pykep.trajopt")
_dummy.mim_from_hop = None
sys.modules.setdefault("pykep.trajopt", _dummy)
import pykep  # noqa: E402


def main():
    r1, r2, tof, mu, out, repeats = load()
    r1l, r2l, tofl = r1.tolist(), r2.tolist(), tof.tolist()
    v1 = np.full(r1.shape, np.nan)

    def solve_all():
        lp = pykep.lambert_problem
        return [lp(a, b, t, mu, False, 0).v0[0] for a, b, t in zip(r1l, r2l, tofl)]

    seconds, res = best_of(solve_all, repeats)
    v1[:] = np.array(res)
    report("pykep lambert_problem", version("pykep"), seconds, v1, out)


if __name__ == "__main__":
    main()
