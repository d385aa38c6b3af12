"""The numba flag sets of every spaceplan kernel, in one place.

``@kernel(...)`` is ``numba.njit`` with the project's defaults: ``cache=True`` (compiled code cached under
``NUMBA_CACHE_DIR``) and ``error_model="numpy"`` (division by zero gives inf/NaN, as in numpy, and the status
logic of the batch kernels relies on it; ``python_errors=True`` keeps Python's ZeroDivisionError instead).
``fastmath=True`` enables only the fast-math flags that keep NaN/Inf semantics (no ``nnan``/``ninf``); measured on
the Lambert kernel: residuals unchanged (< 1e-12 relative), about 5-10 % faster than strict IEEE.
"""

from __future__ import annotations

from numba import njit

#: Fast-math flags that keep NaN and Inf semantics.
FASTMATH_SAFE = frozenset({"nsz", "arcp", "contract", "reassoc", "afn"})


def kernel(*, fastmath: bool = False, parallel: bool = False, inline: bool = False, python_errors: bool = False):
    """Decorator: compile a function with numba under the project's flag set (see the module docstring)."""
    return njit(cache=True, fastmath=set(FASTMATH_SAFE) if fastmath else False, parallel=parallel,
                inline="always" if inline else "never", error_model="python" if python_errors else "numpy")
