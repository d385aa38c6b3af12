"""Low-thrust trajectories as state histories for CCSDS OEM files (:mod:`spaceplan.core.oem`).

* :func:`spiral_states`: a tangential-thrust spiral (:mod:`spaceplan.propulsion.spiral`) as integrated,
  its recorded states (>= ~40 per revolution).  The model is planar: the spiral is placed in the x-y
  plane of the output frame (EME2000 for the Earth: an equatorial spiral; ICRF axes for other bodies),
  starting on +x at ``start_tdb`` (an assumption; the model has no date).
* :func:`leg_states`: a Sims-Flanagan leg (:mod:`spaceplan.propulsion.sims_flanagan`) rebuilt from its
  solution as the kernel flies it: forward from departure (body state + v-infinity) over the first
  half of the segments, backward from arrival over the second, with the midpoint impulses
  dv_i = T_i / m_i dt u_i (|dv_i| from the solution's profile) and Kepler arcs between them (:func:`spaceplan.core.kepler.propagate`).
  One OEM segment per arc between impulses (the velocity jumps at an impulse, so no interpolation
  may cross it); the forward and backward halves meet at the match point within the solver's
  feasibility tolerance (15 km, 3 mm/s).  Heliocentric ICRF.
"""

from __future__ import annotations

import numpy as np

from spaceplan.core.arcs import conic_states, sample_times
from spaceplan.core.constants import SUN, body
from spaceplan.core.errors import InputError
from spaceplan.core.oem import StateHistory, object_id
from spaceplan.propulsion.sims_flanagan import LowThrustLeg
from spaceplan.propulsion.spiral import SpiralResult

__all__ = ["spiral_states", "leg_states"]


def spiral_states(result: SpiralResult, start_tdb: float, name: str = "spiral") -> StateHistory:
    """The spiral's recorded states from ``start_tdb`` (see the module docstring)."""
    h = np.asarray(result.history, dtype=float)
    if h.shape[1] < 7:
        raise InputError("spiral", "this result has no velocities (old history layout)", "a spiral_escape() result")
    t = float(start_tdb) + h[:, 0]
    keep = np.r_[True, np.diff(t) > 0]  # the final bisection step can repeat the last epoch
    h, t = h[keep], t[keep]
    zeros = np.zeros(len(h))
    r = np.column_stack([h[:, 1], h[:, 2], zeros])
    v = np.column_stack([h[:, 5], h[:, 6], zeros])
    earth = result.body == "Earth"
    notes = (f"spaceplan {result.mode} spiral around {result.body}: tangential thrust {result.thrust_n:g} N, "
             f"exhaust speed {result.exhaust_speed_m_s / 1e3:g} km/s, mass {result.mass_start_kg:,.0f} -> "
             f"{result.mass_end_kg:,.0f} kg, two-body RK4",
             "planar model placed in the frame's x-y plane (" + ("Earth equator" if earth else "ICRF axes")
             + "), start on +x: the orientation and the start date are assumptions")
    return StateHistory(f"{name} {result.mode}", object_id(f"{name} {result.mode}"), result.body.upper(),
                        "EME2000" if earth else "ICRF", t, r, v, notes)


def _impulse(leg: LowThrustLeg, j: int) -> np.ndarray:
    """The impulse (m/s vector) of segment ``j``: its |dv| (profile) along its throttle vector."""
    u = np.asarray(leg.throttles, float).reshape(-1, 3)[j]
    norm = float(np.linalg.norm(u))
    return leg.profile[j, 6] * u / norm if norm > 0 else np.zeros(3)


def leg_states(leg: LowThrustLeg, samples_per_segment: int = 10, name: str | None = None) -> list[StateHistory]:
    """OEM segments of a solved leg (module docstring), ``samples_per_segment`` intervals per leg segment."""
    from spaceplan.core.ephemeris import state

    if leg.throttles is None:
        raise InputError("leg", "the leg carries no throttles", "a solve_leg() result")
    if int(samples_per_segment) < 2:
        raise InputError("samples_per_segment", f"got {samples_per_segment!r}", ">= 2")
    n, tof, t0 = leg.n_segments, leg.tof_s, leg.departure_tdb
    dt = tof / n
    nfwd = n // 2
    dep, arr = body(leg.departure_body).name.lower(), body(leg.arrival_body).name.lower()
    label = name or f"{leg.spacecraft.name} {leg.departure_body}-{leg.arrival_body}"
    oid = object_id(label)
    comment = (f"spaceplan Sims-Flanagan leg {leg.departure_body} -> {leg.arrival_body}, {n} segments, "
               f"thrust {leg.spacecraft.thrust_n:g} N, Isp {leg.spacecraft.isp_s:g} s; "
               f"{'feasible' if leg.feasible else 'NOT feasible'}; match-point miss {leg.miss_position_m / 1e3:.3g} km",)
    step = dt / int(samples_per_segment)
    # impulse epochs and the arcs between them: forward half from departure, backward half from arrival
    cuts = [t0] + [t0 + (j + 0.5) * dt for j in range(nfwd)] + [t0 + nfwd * dt]
    cuts_b = [t0 + nfwd * dt] + [t0 + (j + 0.5) * dt for j in range(nfwd, n)] + [t0 + tof]
    r1, v1 = state(dep, t0, center="sun")
    r, v = np.asarray(r1, float), np.asarray(v1, float) + np.asarray(leg.vinf_departure_m_s, float)
    out: list[StateHistory] = []
    for k, (a, b) in enumerate(zip(cuts[:-1], cuts[1:])):
        times = sample_times(a, b, step)
        rr, vv = conic_states(r, v, a, times, SUN.gm)
        out.append(StateHistory(label, oid, "SUN", "ICRF", times, rr, vv, comment if k == 0 else ()))
        r, v = rr[-1], vv[-1] + (_impulse(leg, k) if k < nfwd else 0.0)
    r2, v2 = state(arr, t0 + tof, center="sun")
    r, v = np.asarray(r2, float), np.asarray(v2, float) + np.asarray(leg.vinf_arrival_m_s, float)
    back: list[StateHistory] = []
    for k in range(len(cuts_b) - 1, 0, -1):  # from arrival backwards; impulse j = nfwd + k - 1 precedes arc k
        a, b = cuts_b[k - 1], cuts_b[k]
        times = sample_times(a, b, step)
        rr, vv = conic_states(r, v, b, times, SUN.gm)
        back.append(StateHistory(label, oid, "SUN", "ICRF", times, rr, vv))
        if k > 1:
            r, v = rr[0], vv[0] - _impulse(leg, nfwd + k - 2)
    return out + back[::-1]
