"""Launch opportunities between two planets: minimum-C3 transfers and launch periods.

Method (as the NASA mission-design handbooks build their tables; Burke, Falck &
McGuire, NASA/TM-2010-216764, 2010; Sergeyevsky et al., JPL 82-43, 1983):

1. A coarse porkchop (default 4-day steps) over the whole span, departure x
   time of flight within ``tof_bounds``; per departure date the lowest C3 of
   any arrival and type.
2. Opportunities are the deepest local minima of that curve at least half a
   synodic period apart, S = 1 / |1/T1 - 1/T2| with T from Kepler's third law
   (Earth-Mars: 779.9 d).  One is kept when its minimum departure falls in
   [1 Jan start_year, 31 Dec end_year].
3. Around each one a fine porkchop (1-day departures, 2-day arrivals,
   +-150 days) seeds, per transfer type, a Nelder-Mead refinement of C3 on the
   continuous (departure, arrival) dates, constrained to that type.
4. Launch period for a C3 cap: the contiguous run of departure days (1-day
   resolution, arrivals on a 2-day grid) around the optimum on which some
   arrival has C3 <= cap, searched up to half a synodic period either side
   (``truncated`` when it reaches that limit).

Default time-of-flight bounds: Earth-Mars and Mars-Earth (also from/to the EMB) 90-500 days (the
handbook's minima are 178-412 days; 500 keeps the long type II of 2035-2039);
other pairs 0.35-1.95 times the Hohmann time (which gives 90-505 d for Earth-Mars).

Validity envelope (:func:`input_envelope`; the search's ``warnings``): refused, departure years whose span plus
the longest flight leaves DE421 (1899-07-29 to 2053-10-09; Folkner et al. 2008), a C3 cap <= 0 or above
10,000 km^2/s^2 (above (v_esc,Sun + v_Earth)^2 ~ 5,200 km^2/s^2 every transfer qualifies: not a cap), time-of-flight
bounds that are not 0 < min < max; warned, a longest flight beyond one period of the Hohmann ellipse
(:func:`spaceplan.core.porkchop.zero_rev_tof_limit`, 518 d Earth-Mars: one-revolution transfers are not
searched).  Validated against the handbook's Earth-Mars opportunities 2026-2045 (tests/validation).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from spaceplan.core.constants import DAY, SUN, body
from spaceplan.core.errors import InputError
from spaceplan.core.validity import REFUSE, Bound, Envelope, check, physical
from spaceplan.core.time import epoch_grid
from spaceplan.core.porkchop import (
    KM2,
    TYPES,
    CellStatus,
    TransferPoint,
    body_states,
    check_bodies,
    compute_fields,
    single_cell,
    tof_envelope,
    transfer_angle,
)

_TOF_DAYS = {("earth", "mars"): (90.0, 500.0), ("mars", "earth"): (90.0, 500.0),
             ("emb", "mars"): (90.0, 500.0), ("mars", "emb"): (90.0, 500.0)}
FINE_HALF_WIDTH_DAYS = 150.0
# Transfers within 1 deg of 180 deg are left out of optima and launch periods: there the
# transfer plane is set by the arrival body's small latitude (Mars <= 1.85 deg), C3 jumps
# by several km^2/s^2 per day of slip and the minimum hugs the ridge (2026 type I: 10.4
# km^2/s^2 at 179.6 deg with no exclusion).  ``ridge_deg=0`` keeps them.
DEFAULT_RIDGE_DEG = 1.0


def orbital_period(name: str) -> float:
    """Heliocentric period (s) from the body's mean semi-major axis (Kepler's third law)."""
    b = body(name)
    if b.sma <= 0:
        raise InputError("body", f"{b.name} has no heliocentric orbit of its own", "a planet or EMB")
    return 2 * np.pi * np.sqrt(b.sma**3 / SUN.gm)


def synodic_period(dep_body: str, arr_body: str) -> float:
    """Synodic period (s) of two heliocentric bodies, 1 / |1/T1 - 1/T2|."""
    t1, t2 = orbital_period(dep_body), orbital_period(arr_body)
    if abs(t1 - t2) < 1e-6 * t1:
        raise InputError("body", "the two bodies have the same orbital period", "bodies with different orbits")
    return 1.0 / abs(1.0 / t1 - 1.0 / t2)


def hohmann_tof(dep_body: str, arr_body: str) -> float:
    """Half the period of the ellipse tangent to both mean orbits (s)."""
    a = 0.5 * (body(dep_body).sma + body(arr_body).sma)
    return np.pi * np.sqrt(a**3 / SUN.gm)


def default_tof_bounds(dep_body: str, arr_body: str) -> tuple[float, float]:
    """Time-of-flight search bounds (s) for a pair; see the module docstring."""
    dep, arr = check_bodies(dep_body, arr_body)
    if (dep, arr) in _TOF_DAYS:
        lo, hi = _TOF_DAYS[(dep, arr)]
        return lo * DAY, hi * DAY
    th = hohmann_tof(dep, arr)
    return 0.35 * th, 1.95 * th


ENVELOPE = Envelope("the launch-window search", outputs=(physical("c3_m2_s2", "dv", "C3", 1e-6, "km^2/s^2"),
                                                        physical("tof_s", "time", "time of flight", 1 / DAY, "d")))
C3_CAP_MAX = 1e4 * KM2  # m^2/s^2: above (v_esc,Sun(1 AU) + v_Earth)^2 ~ 5,200 km^2/s^2 every transfer qualifies


def input_envelope(dep_body: str, arr_body: str) -> Envelope:
    """The search's input envelope for a pair: C3 cap (refused outside (0, 10,000] km^2/s^2) and the longest flight
    (warned beyond one period of the Hohmann ellipse)."""
    tof = tof_envelope(dep_body, arr_body)
    return Envelope("the launch-window search", inputs=(
        Bound("c3_cap_m2_s2", 1e-6 * KM2, C3_CAP_MAX, REFUSE, "c3_cap_outside_range", "km^2/s^2", 1 / KM2, "c3_cap",
              "a launch-energy cap between no energy and more than any heliocentric transfer needs"),
    ) + tof.inputs)

@dataclass(frozen=True)
class LaunchPeriod:
    """Departure days on which some arrival reaches C3 <= cap (contiguous, around the optimum)."""

    c3_cap: float  # m^2/s^2
    first_tdb: float
    last_tdb: float
    truncated: bool  # the run reached the edge of the searched span (half a synodic period away)

    @property
    def days(self) -> float:
        """Launch days, counting both ends (1-day resolution)."""
        return round((self.last_tdb - self.first_tdb) / DAY) + 1.0

    def to_dict(self) -> dict:
        from spaceplan.core.time import tdb_to_iso

        return {"c3_cap_km2s2": self.c3_cap / KM2, "first_utc": tdb_to_iso(self.first_tdb, "D"),
                "last_utc": tdb_to_iso(self.last_tdb, "D"), "days": self.days, "truncated": self.truncated}


@dataclass(frozen=True)
class Opportunity:
    """One synodic opportunity: the minimum-C3 transfer per type and launch periods."""

    departure_body: str
    arrival_body: str
    optima: dict  # "I"/"II" -> TransferPoint | None
    at_boundary: dict  # "I"/"II" -> bool: the minimum sits on the searched span's edge (not a true minimum)
    launch_periods: dict  # "I"/"II"/"any" -> LaunchPeriod | None (only with a cap)

    @property
    def best(self) -> TransferPoint:
        found = [p for p in self.optima.values() if p is not None]
        return min(found, key=lambda p: p.c3)

    @property
    def year(self) -> int:
        from spaceplan.core.time import tdb_to_datetime64

        return int(str(tdb_to_datetime64(self.best.departure_tdb))[:4])

    def to_dict(self) -> dict:
        return {
            "year": self.year,
            "best_type": self.best.transfer_type,
            "best": self.best.to_dict(),
            "types": {
                name: (None if p is None else {**p.to_dict(), "at_search_boundary": bool(self.at_boundary[name])})
                for name, p in self.optima.items()
            },
            "launch_periods": {k: (None if v is None else v.to_dict()) for k, v in self.launch_periods.items()},
        }


@dataclass(frozen=True)
class OpportunitySearch:
    departure_body: str
    arrival_body: str
    start_year: int
    end_year: int
    c3_cap: float | None  # m^2/s^2
    tof_bounds: tuple[float, float]  # s
    synodic_period: float  # s
    opportunities: tuple[Opportunity, ...]
    ridge_deg: float = 0.0
    warnings: tuple = ()

    def to_frame(self):
        """One row per opportunity and transfer type (pandas DataFrame, display units)."""
        from spaceplan.core.results import frame

        return frame([{"year": o["year"], **t} for o in (x.to_dict() for x in self.opportunities)
                      for t in o["types"].values() if t is not None])

    def to_dict(self) -> dict:
        return {
            "departure_body": self.departure_body,
            "arrival_body": self.arrival_body,
            "start_year": self.start_year,
            "end_year": self.end_year,
            "c3_cap_km2s2": None if self.c3_cap is None else self.c3_cap / KM2,
            "tof_bounds_days": [self.tof_bounds[0] / DAY, self.tof_bounds[1] / DAY],
            "synodic_period_days": self.synodic_period / DAY,
            "ridge_exclusion_deg": self.ridge_deg,
            "opportunities": [o.to_dict() for o in self.opportunities],
            "warnings": list(self.warnings),
        }


def _covering_grid(start: float, stop: float, step: float) -> np.ndarray:
    """Epochs from ``start`` every ``step`` up to the first at or after ``stop`` (a grid covering [start, stop])."""
    return epoch_grid(start, step, stop_tdb=start + math.ceil((stop - start) / step - 1e-9) * step)


def _grid_curve(dep, arr, t_dep, arr_step, tof_bounds, ridge_deg, block_rows=150, progress=None, done0=0, total=0):
    """Per departure date: min C3 over arrivals for each type (2, n) and the arg arrival (2, n)."""
    n = t_dep.size
    best = np.full((2, n), np.inf)
    best_arr = np.full((2, n), np.nan)
    r_dep, v_dep = body_states(dep, t_dep)
    for b0 in range(0, n, block_rows):
        b1 = min(n, b0 + block_rows)
        t_arr = _covering_grid(t_dep[b0] + tof_bounds[0], t_dep[b1 - 1] + tof_bounds[1], arr_step)
        r_arr, v_arr = body_states(arr, t_arr)
        c3, *_rest, status = compute_fields(np.ascontiguousarray(r_dep[b0:b1]), np.ascontiguousarray(v_dep[b0:b1]),
                                            t_dep[b0:b1], r_arr, v_arr, t_arr, tof_bounds, ridge_deg=ridge_deg)
        for k in range(2):
            field = np.where(status[k] == CellStatus.OK, c3[k].astype(float), np.inf)
            j = np.argmin(field, axis=1)
            best[k, b0:b1] = field[np.arange(b1 - b0), j]
            best_arr[k, b0:b1] = t_arr[j]
        if progress is not None:
            progress(done0 + b1, total)
    return best, best_arr


def _pick_minima(t, curve, separation):
    """Deepest local minima of ``curve`` at least ``separation`` apart (indices, ascending time)."""
    finite = np.isfinite(curve)
    idx = [k for k in range(1, len(curve) - 1)
           if finite[k] and curve[k] <= curve[k - 1] and curve[k] <= curve[k + 1]]
    idx.sort(key=lambda k: curve[k])
    chosen: list[int] = []
    for k in idx:
        if all(abs(t[k] - t[c]) >= separation for c in chosen):
            chosen.append(k)
    return sorted(chosen)


def _refine(dep, arr, k, seed: TransferPoint, tof_bounds, span, ridge_deg):
    """Nelder-Mead on (departure, arrival) days around a seed, staying in transfer type k."""
    from scipy.optimize import minimize

    t0d, t0a = seed.departure_tdb, seed.arrival_tdb
    penalty = 1e6

    def cost(x):
        td, ta = t0d + x[0] * DAY, t0a + x[1] * DAY
        tof = ta - td
        if not (span[0] <= td <= span[1]) or not (tof_bounds[0] <= tof <= tof_bounds[1]):
            return penalty
        grid = single_cell(dep, arr, td, ta, ridge_deg)
        if grid[4][k, 0, 0] != CellStatus.OK:
            return penalty
        return float(grid[0][k, 0, 0]) / KM2

    res = minimize(cost, np.zeros(2), method="Nelder-Mead",
                   options={"xatol": 1e-3, "fatol": 1e-8, "initial_simplex": [[0, 0], [1.0, 0], [0, 1.0]],
                            "maxiter": 400})
    if not np.isfinite(res.fun) or res.fun >= seed.c3 / KM2:
        return seed
    td, ta = t0d + res.x[0] * DAY, t0a + res.x[1] * DAY
    g = single_cell(dep, arr, td, ta)
    return TransferPoint(TYPES[k], td, ta, float(g[0][k, 0, 0]), float(g[1][k, 0, 0]),
                         float(g[2][k, 0, 0]), float(g[3][k, 0, 0]))


def _run_around(row_ok, center):
    """First and last index of the True run containing ``center`` (None if center is False)."""
    if not row_ok[center]:
        return None
    lo = center
    while lo > 0 and row_ok[lo - 1]:
        lo -= 1
    hi = center
    while hi < len(row_ok) - 1 and row_ok[hi + 1]:
        hi += 1
    return lo, hi


def _extend_rows(dep, arr, t_dep, row_min, t_center, tof_bounds, span, c3_cap, ridge_deg, half_span, arr_step):
    """Extend the per-departure minimum-C3 curves (1-day steps) up to +-half_span while below the cap at an edge."""
    lo, hi = max(span[0], t_center - half_span), min(span[1], t_center + half_span)
    parts_t, parts_c = [t_dep], [row_min]
    if row_min[:, 0].min() <= c3_cap and t_dep[0] - DAY >= lo:
        left = (t_dep[0] - DAY) - epoch_grid(0.0, DAY, stop_tdb=t_dep[0] - DAY - lo + 0.5 * DAY)[::-1]
        parts_t.insert(0, left)
        parts_c.insert(0, _grid_curve(dep, arr, left, arr_step, tof_bounds, ridge_deg)[0])
    if row_min[:, -1].min() <= c3_cap and t_dep[-1] + DAY <= hi:
        right = epoch_grid(t_dep[-1] + DAY, DAY, stop_tdb=hi + 0.5 * DAY)
        parts_t.append(right)
        parts_c.append(_grid_curve(dep, arr, right, arr_step, tof_bounds, ridge_deg)[0])
    return np.concatenate(parts_t), np.concatenate(parts_c, axis=1)


def _opportunity(dep, arr, t_center, tof_bounds, span, c3_cap, ridge_deg, half_span, dep_step=DAY,
                 arr_step=2 * DAY):
    half = FINE_HALF_WIDTH_DAYS * DAY
    lo, hi = max(span[0], t_center - half), min(span[1], t_center + half)
    t_dep = epoch_grid(lo, dep_step, stop_tdb=hi + 0.5 * dep_step)  # the last day within half a step of hi
    t_arr = _covering_grid(t_dep[0] + tof_bounds[0], t_dep[-1] + tof_bounds[1], arr_step)
    r_dep, v_dep = body_states(dep, t_dep)
    r_arr, v_arr = body_states(arr, t_arr)
    c3, vinf, dla, rla, status = compute_fields(r_dep, v_dep, t_dep, r_arr, v_arr, t_arr, tof_bounds,
                                                ridge_deg=ridge_deg)
    optima, boundary, periods = {}, {}, {}
    row_min = np.full((2, t_dep.size), np.inf)
    for k, name in enumerate(TYPES):
        ok = status[k] == CellStatus.OK
        if not ok.any():
            optima[name], boundary[name] = None, False
            continue
        field = np.where(ok, c3[k].astype(float), np.inf)
        row_min[k] = field.min(axis=1)
        i, j = np.unravel_index(int(np.argmin(field)), field.shape)
        seed = TransferPoint(name, float(t_dep[i]), float(t_arr[j]), float(c3[k, i, j]), float(vinf[k, i, j]),
                             float(dla[k, i, j]), float(rla[k, i, j]))
        seed_exact = single_cell(dep, arr, seed.departure_tdb, seed.arrival_tdb)
        seed = TransferPoint(name, seed.departure_tdb, seed.arrival_tdb, float(seed_exact[0][k, 0, 0]),
                             float(seed_exact[1][k, 0, 0]), float(seed_exact[2][k, 0, 0]), float(seed_exact[3][k, 0, 0]))
        best = _refine(dep, arr, k, seed, tof_bounds, (t_dep[0], t_dep[-1]), ridge_deg)
        tof = best.tof
        near_ridge = ridge_deg > 0 and abs(transfer_angle(dep, arr, best.departure_tdb, best.arrival_tdb)
                                           - np.pi) < np.radians(ridge_deg + 0.1)
        boundary[name] = bool(i in (0, t_dep.size - 1) or tof - tof_bounds[0] < 2 * DAY
                              or tof_bounds[1] - tof < 2 * DAY or near_ridge)
        optima[name] = best
    if c3_cap is not None:
        t_dep, row_min = _extend_rows(dep, arr, t_dep, row_min, t_center, tof_bounds, span, c3_cap, ridge_deg,
                                      half_span, arr_step)
        curves = {"I": row_min[0], "II": row_min[1], "any": row_min.min(axis=0)}
        for key, curve in curves.items():
            if key != "any" and optima.get(key) is None:
                periods[key] = None
                continue
            ok_rows = curve <= c3_cap
            target = optima[key] if key != "any" else min((p for p in optima.values() if p), key=lambda p: p.c3)
            center = int(np.argmin(np.abs(t_dep - target.departure_tdb)))
            run = _run_around(ok_rows, center)
            if run is None:
                periods[key] = None
                continue
            a, b = run
            periods[key] = LaunchPeriod(float(c3_cap), float(t_dep[a]), float(t_dep[b]),
                                        bool(a == 0 or b == t_dep.size - 1))
    return Opportunity(dep, arr, optima, boundary, periods)


def find_opportunities(
    dep_body: str,
    arr_body: str,
    start_year: int,
    end_year: int,
    c3_cap: float | None = None,
    tof_bounds: tuple[float, float] | None = None,
    coarse_step_days: float = 4.0,
    ridge_deg: float = DEFAULT_RIDGE_DEG,
    progress: Callable[[int, int], None] | None = None,
) -> OpportunitySearch:
    """Every launch opportunity from ``dep_body`` to ``arr_body`` with its minimum C3 in the span.

    ``c3_cap`` (m^2/s^2) adds launch periods; ``tof_bounds`` (s) defaults to
    :func:`default_tof_bounds`.  Raises ``EphemerisRangeError`` if the span
    (plus flight time) leaves DE421 (1899-07-29..2053-10-09).
    """
    from spaceplan.core.ephemeris import span_tdb
    from spaceplan.core.time import utc_to_tdb

    dep, arr = check_bodies(dep_body, arr_body)
    if int(start_year) != start_year or int(end_year) != end_year:
        raise InputError("years", f"got {start_year}, {end_year}", "whole years")
    start_year, end_year = int(start_year), int(end_year)
    if end_year < start_year:
        raise InputError("end year", f"{end_year} is before start year {start_year}", f">= {start_year}")
    tof_bounds = default_tof_bounds(dep, arr) if tof_bounds is None else (float(tof_bounds[0]), float(tof_bounds[1]))
    if not (0 < tof_bounds[0] < tof_bounds[1]):
        raise InputError("tof_bounds", f"got {tof_bounds[0] / DAY:g} to {tof_bounds[1] / DAY:g} days", "0 < min < max")
    found = check(input_envelope(dep, arr), c3_cap_m2_s2=c3_cap, tof_max_s=tof_bounds[1])
    if not 0.0 <= ridge_deg < 90.0:
        raise InputError("ridge_deg", f"got {ridge_deg}", "0 to 90 deg")
    if not coarse_step_days > 0:
        raise InputError("coarse_step_days", f"got {coarse_step_days}", "> 0")
    synodic = synodic_period(dep, arr)
    t0 = utc_to_tdb(f"{start_year}-01-01", "start year")
    t1 = utc_to_tdb(f"{end_year}-12-31T23:59:59", "end year")
    eph0, eph1 = span_tdb()
    if t0 < eph0 + DAY or t1 + tof_bounds[1] > eph1 - DAY:
        from spaceplan.core.errors import EphemerisRangeError

        raise EphemerisRangeError("years", f"{start_year}-{end_year} plus {tof_bounds[1] / DAY:.0f} days of flight "
                                  "leaves the DE421 ephemeris", "departures 1900 to 2052 (DE421)")
    # Margins so an opportunity near either end is seen as a full minimum, clipped to DE421.
    margin = 0.5 * synodic
    search = (max(eph0 + DAY, t0 - margin), min(eph1 - DAY - tof_bounds[1], t1 + margin))
    step = coarse_step_days * DAY
    t_dep = epoch_grid(search[0], step, stop_tdb=search[1] + 0.5 * step)
    n = t_dep.size
    total = n + 1
    best, _ = _grid_curve(dep, arr, t_dep, step, tof_bounds, ridge_deg, progress=progress, total=total)
    curve = best.min(axis=0)
    picks = [k for k in _pick_minima(t_dep, curve, 0.5 * synodic) if t0 - 20 * DAY <= t_dep[k] <= t1 + 20 * DAY]
    opportunities = []
    for k in picks:
        opp = _opportunity(dep, arr, float(t_dep[k]), tof_bounds, search, c3_cap, ridge_deg, 0.5 * synodic)
        if t0 <= opp.best.departure_tdb <= t1:
            opportunities.append(opp)
    if progress is not None:
        progress(total, total)
    for o in opportunities:
        for p in (q for q in o.optima.values() if q is not None):
            check(ENVELOPE, c3_m2_s2=p.c3, tof_s=p.tof)
    return OpportunitySearch(dep, arr, start_year, end_year, c3_cap, tof_bounds, synodic, tuple(opportunities),
                             ridge_deg, found)
