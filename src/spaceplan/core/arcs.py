"""Sampled two-body arcs: a ballistic Lambert transfer between two bodies as a state history.

The transfer is the zero-revolution Lambert arc (Izzo 2015, :func:`spaceplan.core.lambert.solve_lambert`)
between the DE421 positions of the two bodies (:mod:`spaceplan.core.ephemeris`, ICRF, heliocentric),
prograde in the sense of the departure body's orbital motion, the same arc as a porkchop cell; it is
sampled by the universal-variable Kepler propagator (:func:`spaceplan.core.kepler.propagate`) from the
departure state.  The states are heliocentric ICRF, ready for :func:`spaceplan.core.oem.write_oem`.
"""

from __future__ import annotations

import numpy as np

from spaceplan.core import kepler
from spaceplan.core.constants import DAY, SUN, body
from spaceplan.core.errors import InputError
from spaceplan.core.oem import StateHistory

__all__ = ["sample_times", "conic_states", "lambert_transfer_states"]


def sample_times(t0: float, t1: float, step_s: float, field: str = "step") -> np.ndarray:
    """Epochs from ``t0`` to ``t1`` every ``step_s``, the end always included (a last, shorter interval)."""
    if not np.isfinite(step_s) or step_s <= 0:
        raise InputError(field, f"got {step_s!r} s", "> 0 s")
    if not t1 > t0:
        raise InputError(field, "empty span", "an end after the start")
    count = int(np.floor((t1 - t0) / step_s * (1 + 1e-12)))
    if count > 20_000_000:
        raise InputError(field, f"{count:,} samples", "<= 20,000,000 samples: a longer step")
    t = t0 + step_s * np.arange(count + 1)
    return t if t1 - t[-1] <= 1e-6 * step_s else np.r_[t, t1]


def conic_states(r0, v0, t0: float, times, mu: float) -> tuple[np.ndarray, np.ndarray]:
    """Two-body positions and velocities (n, 3) at ``times`` from (r0, v0) at ``t0``."""
    dt = np.asarray(times, dtype=float) - float(t0)
    n = len(dt)
    return kepler.propagate(np.tile(np.asarray(r0, float), (n, 1)), np.tile(np.asarray(v0, float), (n, 1)), dt, mu)


def lambert_transfer_states(dep_body: str, arr_body: str, departure_tdb: float, arrival_tdb: float,
                            step_s: float = DAY, name: str | None = None) -> StateHistory:
    """The prograde zero-revolution transfer from ``dep_body`` to ``arr_body``, sampled every ``step_s``."""
    from spaceplan.core.ephemeris import state
    from spaceplan.core.lambert import solve_lambert

    dep, arr = body(dep_body), body(arr_body)
    t0, t1 = float(departure_tdb), float(arrival_tdb)
    if not t1 > t0:
        raise InputError("arrival", "arrival before departure", "an arrival date after the departure date")
    r1, v_dep = state(dep.name.lower(), t0, center="sun")
    r2, _ = state(arr.name.lower(), t1, center="sun")
    r1, v_dep, r2 = np.asarray(r1, float), np.asarray(v_dep, float), np.asarray(r2, float)
    h_dep = np.cross(r1, v_dep)
    sol = solve_lambert(r1, r2, t1 - t0, SUN.gm, prograde=bool(h_dep[2] >= 0))
    if np.dot(np.cross(r1, sol.v1), h_dep) < 0:  # prograde about +z is retrograde for this body: flip
        sol = solve_lambert(r1, r2, t1 - t0, SUN.gm, prograde=not bool(h_dep[2] >= 0))
    times = sample_times(t0, t1, step_s, "step")
    r, v = conic_states(r1, sol.v1, t0, times, SUN.gm)
    c3 = float(np.sum((sol.v1 - v_dep) ** 2))
    label = name or f"{dep.name}-{arr.name} transfer"
    return StateHistory(label, "-".join(label.split()).upper(), "SUN", "ICRF", times, r, v,
                        (f"spaceplan ballistic Lambert arc {dep.name} -> {arr.name}, zero revolutions, prograde",
                         f"departure C3 {c3 / 1e6:.3f} km^2/s^2; heliocentric two-body (Sun GM {SUN.gm:.6e} m^3/s^2)",
                         "DE421 body positions at departure and arrival"))
