"""Lambert's problem: the two-body orbit joining two positions in a given time of flight.

Solver: D. Izzo, "Revisiting Lambert's problem", Celest. Mech. Dyn. Astr. 121:1-15 (2015),
compiled with numba (``spaceplan.core.lambert_kernel``). Zero and multi-revolution transfers, both
multi-revolution branches (``low_path``), prograde or retrograde about +z of the input frame.

Degenerate geometry is flagged, never returned as silent NaN:
  * ``BAD_TOF``      tof <= 0;
  * ``DEGENERATE``   transfer angle 0 deg or 180 deg (sin < 1e-8, transfer plane undefined),
                     coincident positions, or a zero position vector;
  * ``NO_SOLUTION``  tof below the minimum time of flight for that many revolutions;
  * ``NOT_CONVERGED`` the iteration failed (not seen in testing; reported if it happens);
  * ``UNPHYSICAL``   a Newtonian solution that means nothing: tof below ``MIN_TOF_S`` (1 ms) or a
                     departure/arrival speed >= ``MAX_SPEED`` = 0.1 c, where relativity changes the
                     answer by > 1 % (e.g. sub-second heliocentric flights need |v| > c).
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core import lambert_kernel
from spaceplan.core.constants import DAY
from spaceplan.core.errors import InfeasibleError, InputError, require_positive

__all__ = [
    "LambertStatus",
    "LambertSolution",
    "LambertBatch",
    "solve_lambert",
    "solve_lambert_batch",
    "max_revolutions",
    "DEGENERATE_SIN_TOL",
    "MIN_TOF_S",
    "MAX_SPEED",
]

DEGENERATE_SIN_TOL = lambert_kernel.DEGENERATE_SIN_TOL
MIN_TOF_S = lambert_kernel.MIN_TOF_S
MAX_SPEED = lambert_kernel.MAX_SPEED


class LambertStatus(enum.IntEnum):
    """Outcome of one Lambert solve (int8 codes in ``LambertBatch.status``)."""

    OK = lambert_kernel.OK
    NO_SOLUTION = lambert_kernel.NO_SOLUTION
    DEGENERATE = lambert_kernel.DEGENERATE
    BAD_TOF = lambert_kernel.BAD_TOF
    NOT_CONVERGED = lambert_kernel.NOT_CONVERGED
    UNPHYSICAL = lambert_kernel.UNPHYSICAL


@dataclass(frozen=True)
class LambertSolution:
    """One Lambert transfer (SI): departure/arrival velocities of the conic through r1, r2."""

    r1: np.ndarray
    r2: np.ndarray
    tof: float
    mu: float
    revs: int
    prograde: bool
    low_path: bool
    v1: np.ndarray
    v2: np.ndarray

    def to_dict(self) -> dict:
        return {
            "r1_km": (self.r1 / 1e3).tolist(),
            "r2_km": (self.r2 / 1e3).tolist(),
            "tof_days": self.tof / DAY,
            "mu_km3s2": self.mu / 1e9,
            "revs": int(self.revs),
            "prograde": bool(self.prograde),
            "low_path": bool(self.low_path),
            "v1_kms": (self.v1 / 1e3).tolist(),
            "v2_kms": (self.v2 / 1e3).tolist(),
            "v1_speed_kms": float(np.linalg.norm(self.v1)) / 1e3,
            "v2_speed_kms": float(np.linalg.norm(self.v2)) / 1e3,
        }


@dataclass(frozen=True)
class LambertBatch:
    """N Lambert solutions: v1, v2 (N,3) m/s, NaN exactly where ``status != OK``."""

    v1: np.ndarray
    v2: np.ndarray
    status: np.ndarray  # (N,) int8, LambertStatus codes

    @property
    def ok(self) -> np.ndarray:
        """Boolean mask of successful solves."""
        return self.status == LambertStatus.OK

    def status_counts(self) -> dict[str, int]:
        counts = np.bincount(self.status.astype(np.int64), minlength=len(LambertStatus))
        return {s.name.lower(): int(counts[s.value]) for s in LambertStatus}

    def to_dict(self) -> dict:
        return {
            "n": int(self.status.shape[0]),
            "status_counts": self.status_counts(),
            "status": [LambertStatus(int(s)).name.lower() for s in self.status],
            "v1_kms": (self.v1 / 1e3).tolist(),
            "v2_kms": (self.v2 / 1e3).tolist(),
        }


def _vectors(field: str, value, n: int | None = None) -> np.ndarray:
    arr = np.asarray(value, dtype=np.float64)
    if arr.ndim == 1 and arr.shape[0] == 3:
        arr = arr[None, :]
    if arr.ndim != 2 or arr.shape[1] != 3:
        raise InputError(field, f"expected shape (N, 3) or (3,), got {np.shape(value)}", "(N, 3) array in m")
    if not np.all(np.isfinite(arr)):
        raise InputError(field, "contains non-finite values", "finite positions in m")
    return arr


def _per_problem(field: str, value, n: int, dtype) -> np.ndarray:
    arr = np.asarray(value)
    if arr.ndim == 0:
        return np.full(n, arr, dtype=dtype)
    if arr.shape != (n,):
        raise InputError(field, f"expected a scalar or shape ({n},), got {arr.shape}", f"scalar or ({n},)")
    return np.ascontiguousarray(arr, dtype=dtype)


def solve_lambert_batch(r1, r2, tof, mu, revs=0, prograde=True, low_path=True) -> LambertBatch:
    """Solve N Lambert problems in parallel (Izzo 2015).

    r1, r2: (N,3) or (3,) positions [m] (broadcast against each other); tof: scalar or (N,) [s];
    mu [m^3/s^2] scalar; revs (int >= 0), prograde, low_path: scalars or (N,) arrays.
    Problems with bad time of flight or degenerate geometry are flagged in ``status``;
    only input that is malformed as a whole (shapes, non-finite values, mu <= 0, revs < 0)
    raises InputError."""
    a = _vectors("r1", r1)
    b = _vectors("r2", r2)
    tof_arr = np.asarray(tof, dtype=np.float64)
    sizes = {"r1": a.shape[0] if np.ndim(r1) == 2 else None, "r2": b.shape[0] if np.ndim(r2) == 2 else None}
    for field, x in (("tof", tof_arr), ("revs", revs), ("prograde", prograde), ("low_path", low_path)):
        sizes[field] = np.shape(x)[0] if np.ndim(x) == 1 else None
    given = {k: v for k, v in sizes.items() if v is not None}
    n = max(given.values()) if given else 1
    for field, size in given.items():
        if size != n and not (field in ("r1", "r2") and size == 1):
            raise InputError(field, f"has {size} rows, other inputs have {n}", "the same N for every per-problem input")
    a = np.ascontiguousarray(np.broadcast_to(a, (n, 3)))
    b = np.ascontiguousarray(np.broadcast_to(b, (n, 3)))
    t = _per_problem("tof", tof_arr, n, np.float64)
    if np.any(np.isnan(t)):
        raise InputError("tof", "contains NaN", "finite seconds")
    if np.ndim(mu) != 0:
        raise InputError("mu", "must be a scalar", "scalar m^3/s^2 > 0")
    require_positive("mu", mu, unit="m^3/s^2")
    m = _per_problem("revs", revs, n, np.int64)
    if np.any(m < 0):
        raise InputError("revs", f"got {int(m.min())}", "integer >= 0")
    pg = _per_problem("prograde", prograde, n, np.bool_)
    lp = _per_problem("low_path", low_path, n, np.bool_)
    v1 = np.empty((n, 3))
    v2 = np.empty((n, 3))
    status = np.empty(n, dtype=np.int8)
    if n:
        lambert_kernel.lambert_izzo_batch(a, b, t, float(mu), m, pg, lp, v1, v2, status)
    return LambertBatch(v1=v1, v2=v2, status=status)


def solve_lambert(r1, r2, tof, mu, revs=0, prograde=True, low_path=True) -> LambertSolution:
    """Solve one Lambert problem (Izzo 2015); raises instead of flagging.

    r1, r2: (3,) [m]; tof [s]; mu [m^3/s^2]; revs: complete revolutions; prograde: angular
    momentum along +z of the input frame; low_path: which of the two revs >= 1 solutions.
    Raises InputError (naming the field) for tof <= 0 or degenerate geometry, and
    InfeasibleError when no transfer with ``revs`` revolutions fits in ``tof``."""
    a = np.ascontiguousarray(r1, dtype=np.float64)  # one compiled layout (a strided view would compile anew)
    b = np.ascontiguousarray(r2, dtype=np.float64)
    for field, arr in (("r1", a), ("r2", b)):
        if arr.shape != (3,) or not np.all(np.isfinite(arr)):
            raise InputError(field, f"expected a finite (3,) vector, got shape {arr.shape}", "finite (3,) position in m")
    require_positive("mu", mu, unit="m^3/s^2")
    tof = float(tof)
    if not (tof > 0.0 and math.isfinite(tof)):
        raise InputError("tof", f"got {tof:g} s", "finite, > 0 s")
    if int(revs) != revs or revs < 0:
        raise InputError("revs", f"got {revs}", "integer >= 0")
    v1 = np.empty(3)
    v2 = np.empty(3)
    st = LambertStatus(lambert_kernel.lambert_izzo(a, b, tof, float(mu), int(revs), bool(prograde), bool(low_path), v1, v2))
    if st == LambertStatus.DEGENERATE:
        na, nb = np.linalg.norm(a), np.linalg.norm(b)
        if na == 0.0:
            raise InputError("r1", "zero position vector", "|r1| > 0")
        if nb == 0.0:
            raise InputError("r2", "zero position vector", "|r2| > 0")
        cosang = float(np.dot(a, b) / (na * nb))
        raise InputError(
            "r2",
            f"transfer angle {math.degrees(math.acos(max(-1.0, min(1.0, cosang)))):.9f} deg: r1 and r2 are "
            "colinear or coincident, the transfer plane is undefined",
            f"sin(transfer angle) >= {DEGENERATE_SIN_TOL:g}",
        )
    if st == LambertStatus.NO_SOLUTION:
        raise InfeasibleError(
            f"revs: no {int(revs)}-revolution transfer fits in tof = {tof / DAY:.6g} days "
            f"(at most {max_revolutions(a, b, tof, mu, prograde)} revolutions possible)"
        )
    if st == LambertStatus.OK and (tof < MIN_TOF_S or max(np.linalg.norm(v1), np.linalg.norm(v2)) >= MAX_SPEED):
        from spaceplan.core.errors import ImpossibleOrbitError

        raise ImpossibleOrbitError(
            "tof", f"{tof:g} s needs |v| = {max(np.linalg.norm(v1), np.linalg.norm(v2)):.3g} m/s between r1 and r2",
            f"tof >= {MIN_TOF_S:g} s and speeds below 0.1 c = {MAX_SPEED:.4g} m/s")
    if st == LambertStatus.NOT_CONVERGED:
        from spaceplan.core.errors import ConvergenceError

        raise ConvergenceError("Lambert (Izzo 2015) iteration did not converge")
    return LambertSolution(a.copy(), b.copy(), tof, float(mu), int(revs), bool(prograde), bool(low_path), v1, v2)


def max_revolutions(r1, r2, tof, mu, prograde=True) -> int:
    """Largest number of complete revolutions for which a transfer exists (-1 if none:
    degenerate geometry or tof <= 0)."""
    a = np.ascontiguousarray(r1, dtype=np.float64)
    b = np.ascontiguousarray(r2, dtype=np.float64)
    v1 = np.empty(3)
    v2 = np.empty(3)
    best = -1
    s = 0.5 * (np.linalg.norm(a) + np.linalg.norm(b) + np.linalg.norm(b - a))
    if not (s > 0 and tof > 0 and mu > 0):
        return -1
    upper = int(math.sqrt(2.0 * mu / s**3) * tof / math.pi)  # M_max <= floor(T / pi)
    for m in range(upper + 1):
        st = lambert_kernel.lambert_izzo(a, b, float(tof), float(mu), m, bool(prograde), True, v1, v2)
        if st != lambert_kernel.OK:
            break
        best = m
    return best
