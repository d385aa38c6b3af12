"""Crewed Mars round trips: conjunction- and opposition-class searches (patched conics).

An Earth->Mars leg and a Mars->Earth leg, each a zero-revolution Lambert arc
between DE421 planet centres, are chained by a stay at Mars.  For every grid
cell the impulsive costs are

* Earth departure from a circular parking orbit (default 400 km):
  dv = sqrt(v_inf^2 + 2 mu/r) - sqrt(mu/r)  (hyperbolic excess to periapsis
  speed, Curtis 4th ed. eq. 8.40-8.42);
* Mars orbit insertion and Mars departure at the periapsis of a parking orbit,
  by default the 250 km x 33,793 km one-sol ellipse of NASA's Mars Design
  Reference Architecture 5.0 (Drake et al., NASA-SP-2009-566, 2009):
  dv = sqrt(v_inf^2 + 2 mu/r_p) - sqrt(mu (2/r_p - 1/a)); zero with aerocapture;
* Earth return by direct entry (no burn; the entry speed at 125 km,
  sqrt(v_inf^2 + 2 mu/r), is reported) or propulsive capture into the LEO.

The search never loops over the (arrival, outbound TOF, stay, return TOF)
combinations in Python: ``_roundtrip_kernels.combine_legs`` reduces, for every
Mars arrival day, the best return per "time from arrival to Earth" and
"return TOF", then sweeps outbound cells, giving the minimum total delta-v for
every total duration (the Pareto front) and every deep-space time.
Conjunction class: stay 300-650 d by default; opposition class: stay 30-90 d
and a total of at most 650 d (the short-stay class of DRA 5.0, NASA-SP-2009-566
sec. 2.3 and Mattfeld et al., AIAA SPACE 2015: 400-650 d missions).  Without
that cap the least-delta-v "short stay" trip just stretches both transits into
a ~900 d mission, which is not what the class means.

Optionally one leg flies by Venus (Earth->Venus->Mars or Mars->Venus->Earth)
with a powered or unpowered patched-conic flyby (:mod:`.flyby`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from spaceplan.core.constants import DAY, EARTH, MARS, SUN, VENUS
from spaceplan.core.errors import EphemerisRangeError, InfeasibleError, InputError, require_positive
from spaceplan.core.time import tdb_to_iso, utc_to_tdb
from spaceplan.core.ephemeris import state
from spaceplan.core.lambert import solve_lambert_batch
from spaceplan.interplanetary import _roundtrip_kernels as _k

MISSION_CLASSES = ("conjunction", "opposition")
OBJECTIVES = ("dv", "duration", "deep_space")
EPHEMERIS_SPAN = ("1899-08-01", "2053-10-01")  # DE421, with margin

# DRA 5.0 (NASA-SP-2009-566, sec. 2.2): crew vehicle parks in a 250 km x 33,793 km (1-sol) orbit.
DRA5_MARS_PERIAPSIS_ALT = 250e3
DRA5_MARS_APOAPSIS_ALT = 33_793e3
LEO_ALTITUDE = 400e3
ENTRY_ALTITUDE = 125e3  # m, conventional entry interface


def _periapsis_speed(mu: float, rp: float, ra: float) -> float:
    return math.sqrt(mu * (2.0 / rp - 2.0 / (rp + ra)))


def hyperbolic_burn(vinf, mu: float, rp: float, ra: float | None = None):
    """Impulse at periapsis between a hyperbola of excess speed ``vinf`` and an orbit (rp, ra), m/s.

    dv = sqrt(vinf^2 + 2 mu / rp) - v_p with v_p the periapsis speed of the parking
    orbit (circular when ``ra`` is None).  Vectorized over ``vinf``.
    """
    ra = rp if ra is None else ra
    vinf = np.asarray(vinf, dtype=float)
    return np.sqrt(vinf**2 + 2.0 * mu / rp) - _periapsis_speed(mu, rp, ra)


def entry_speed(vinf, altitude: float = ENTRY_ALTITUDE):
    """Earth entry speed at ``altitude`` (m) for hyperbolic excess ``vinf``: sqrt(vinf^2 + 2 mu/r), m/s."""
    return np.sqrt(np.asarray(vinf, dtype=float) ** 2 + 2.0 * EARTH.gm / (EARTH.radius + altitude))


# --------------------------------------------------------------------------- results


def _utc(tdb: float) -> str:
    return str(tdb_to_iso(tdb, unit="D"))


@dataclass(frozen=True)
class Flyby:
    """A patched-conic flyby: v-infinity in/out (m/s), turn and its limit (rad), periapsis (m), burn (m/s)."""

    planet: str
    epoch: float
    vinf_in: float
    vinf_out: float
    turn: float
    max_turn: float
    periapsis_radius: float
    dv: float
    powered: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "planet": self.planet,
            "date_utc": _utc(self.epoch),
            "vinf_in_kms": self.vinf_in / 1e3,
            "vinf_out_kms": self.vinf_out / 1e3,
            "turn_deg": math.degrees(self.turn),
            "max_turn_deg": math.degrees(self.max_turn),
            "periapsis_altitude_km": (self.periapsis_radius - VENUS.radius) / 1e3,
            "dv_kms": self.dv / 1e3,
            "powered": self.powered,
        }


@dataclass(frozen=True)
class Leg:
    """One transfer leg: epochs (TDB s), hyperbolic excess speeds (m/s) and burns (m/s)."""

    origin: str
    target: str
    departure: float
    arrival: float
    vinf_departure: float
    vinf_arrival: float
    dv_departure: float
    dv_arrival: float
    flyby: Flyby | None = None
    entry_speed: float | None = None

    @property
    def tof_s(self) -> float:
        return self.arrival - self.departure

    @property
    def c3(self) -> float:
        """Departure characteristic energy, m^2/s^2."""
        return self.vinf_departure**2

    @property
    def dv(self) -> float:
        return self.dv_departure + self.dv_arrival + (self.flyby.dv if self.flyby else 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "target": self.target,
            "departure_utc": _utc(self.departure),
            "arrival_utc": _utc(self.arrival),
            "tof_days": self.tof_s / DAY,
            "c3_km2s2": self.c3 / 1e6,
            "vinf_departure_kms": self.vinf_departure / 1e3,
            "vinf_arrival_kms": self.vinf_arrival / 1e3,
            "dv_departure_kms": self.dv_departure / 1e3,
            "dv_arrival_kms": self.dv_arrival / 1e3,
            "dv_kms": self.dv / 1e3,
            "entry_speed_kms": None if self.entry_speed is None else self.entry_speed / 1e3,
            "venus_flyby": None if self.flyby is None else self.flyby.to_dict(),
        }


@dataclass(frozen=True)
class RoundTrip:
    """Earth -> Mars, stay, Mars -> Earth.  Epochs TDB s, durations s, delta-v m/s."""

    mission_class: str
    outbound: Leg
    return_leg: Leg

    @property
    def stay_s(self) -> float:
        return self.return_leg.departure - self.outbound.arrival

    surface_s = stay_s

    @property
    def total_s(self) -> float:
        return self.return_leg.arrival - self.outbound.departure

    @property
    def deep_space_s(self) -> float:
        return self.outbound.tof_s + self.return_leg.tof_s

    @property
    def total_dv(self) -> float:
        return self.outbound.dv + self.return_leg.dv

    @property
    def venus(self) -> str | None:
        if self.outbound.flyby:
            return "outbound"
        if self.return_leg.flyby:
            return "inbound"
        return None

    def to_dict(self) -> dict[str, Any]:
        o, r = self.outbound, self.return_leg
        fb = o.flyby or r.flyby
        return {
            "mission_class": self.mission_class,
            "earth_departure_utc": _utc(o.departure),
            "mars_arrival_utc": _utc(o.arrival),
            "mars_departure_utc": _utc(r.departure),
            "earth_arrival_utc": _utc(r.arrival),
            "outbound_tof_days": o.tof_s / DAY,
            "stay_days": self.stay_s / DAY,
            "return_tof_days": r.tof_s / DAY,
            "total_days": self.total_s / DAY,
            "deep_space_days": self.deep_space_s / DAY,
            "dv_total_kms": self.total_dv / 1e3,
            "c3_km2s2": o.c3 / 1e6,
            "dv_earth_departure_kms": o.dv_departure / 1e3,
            "dv_mars_arrival_kms": o.dv_arrival / 1e3,
            "dv_mars_departure_kms": r.dv_departure / 1e3,
            "dv_earth_arrival_kms": r.dv_arrival / 1e3,
            "dv_flyby_kms": (fb.dv / 1e3) if fb else 0.0,
            "entry_speed_kms": None if r.entry_speed is None else r.entry_speed / 1e3,
            "venus_flyby": None if fb is None else {"leg": self.venus, **fb.to_dict()},
            "outbound": o.to_dict(),
            "return": r.to_dict(),
        }


# --------------------------------------------------------------------------- search state


@dataclass(frozen=True)
class _Grid:
    """Everything needed to rebuild a trip from kernel indices."""

    t0: float
    step: float
    jmin: int
    kmin: int
    earth: tuple[np.ndarray, np.ndarray]
    mars: tuple[np.ndarray, np.ndarray]
    venus: tuple[np.ndarray, np.ndarray] | None
    out_src: np.ndarray  # -1 direct, else f * n_p + p into the outbound Venus grid
    ret_src: np.ndarray
    venus_out: tuple[int, int, int, int] | None  # (f0, n_p, a_off, b_off)
    venus_in: tuple[int, int, int, int] | None
    options: dict[str, Any]


@dataclass(frozen=True)
class ClassCurves:
    """Minimum total delta-v (m/s, inf where none) per total duration and per deep-space time (steps)."""

    best_total: np.ndarray
    arg_total: np.ndarray
    best_deep: np.ndarray
    arg_deep: np.ndarray
    stay_steps: tuple[int, int]


@dataclass(frozen=True)
class RoundTripSearch:
    """Result of :func:`search_round_trips`: Pareto front and per-class curves."""

    year: int | None
    window_start: float
    window_end: float
    step_s: float
    classes: tuple[str, ...]
    curves: dict[str, ClassCurves]
    pareto: tuple[RoundTrip, ...]
    options: dict[str, Any]
    cells: int
    _grid: _Grid = field(repr=False, compare=False)

    def best(self, mission_class: str = "conjunction", objective: str = "dv", *,
             max_duration_days: float | None = None, max_dv: float | None = None) -> RoundTrip:
        """Best trip of a class: least delta-v (under ``max_duration_days``), or shortest total
        (``objective="duration"``) / least deep-space time (``"deep_space"``) under ``max_dv`` (m/s)."""
        if mission_class not in self.curves:
            raise InputError("mission_class", f"{mission_class!r} was not searched", ", ".join(self.curves))
        if objective not in OBJECTIVES:
            raise InputError("objective", f"unknown objective {objective!r}", ", ".join(OBJECTIVES))
        cur = self.curves[mission_class]
        steps_days = self.step_s / DAY
        if objective == "dv":
            vals = cur.best_total.copy()
            if max_duration_days is not None:
                vals[np.arange(vals.size) * steps_days > max_duration_days + 1e-9] = np.inf
            if not np.isfinite(vals).any():
                raise InfeasibleError(
                    f"max_duration_days: no {mission_class}-class trip within {max_duration_days} days")
            t = int(np.argmin(vals))
            return self._trip(mission_class, cur.arg_total[t])
        vals = cur.best_total if objective == "duration" else cur.best_deep
        args = cur.arg_total if objective == "duration" else cur.arg_deep
        ok = np.isfinite(vals) & (vals <= (np.inf if max_dv is None else max_dv))
        if objective == "duration" and max_duration_days is not None:
            ok &= np.arange(vals.size) * steps_days <= max_duration_days + 1e-9
        if not ok.any():
            raise InfeasibleError(f"max_dv: no {mission_class}-class trip with total delta-v <= {max_dv} m/s")
        return self._trip(mission_class, args[int(np.flatnonzero(ok)[0])])

    def _trip(self, mission_class: str, arg) -> RoundTrip:
        return _rebuild(self._grid, mission_class, *(int(x) for x in arg))

    def to_dict(self) -> dict[str, Any]:
        best = {}
        for c in self.curves:
            try:
                best[c] = self.best(c).to_dict()
            except InfeasibleError:
                best[c] = None
        return {
            "year": self.year,
            "window_start_utc": _utc(self.window_start),
            "window_end_utc": _utc(self.window_end),
            "step_days": self.step_s / DAY,
            "classes": list(self.classes),
            "options": self.options,
            "cells": self.cells,
            "best": best,
            "pareto": [t.to_dict() for t in self.pareto],
        }


# --------------------------------------------------------------------------- search


def _lambert_grid(r_from, r_to, i_idx, j_idx, step):
    """Lambert arcs from grid day i to grid day j (flattened index arrays, ``step`` s apart); v1, v2 (N,3)."""
    tof = (j_idx - i_idx).astype(float) * step
    sol = solve_lambert_batch(r_from[i_idx], r_to[j_idx], tof, SUN.gm)
    ok = np.asarray(sol.status) == 0
    v1 = np.where(ok[:, None], sol.v1, np.nan)
    v2 = np.where(ok[:, None], sol.v2, np.nan)
    return v1, v2


def _flyby_leg_grids(first, second, venus_r, f0, nf, p_range, q_range, dep_ok, arrival_limit, n_total, step):
    """Cost and Venus-side velocity grids of the two Lambert legs of a Venus swing-by.

    ``first = (r, v, cost)`` is the departure planet (states per grid day and a cost of the
    hyperbolic excess speed), ``second`` the arrival planet.  Rows are Venus days
    ``f0 .. f0 + nf - 1``; leg 1 columns are its TOFs ``p_range`` (grid steps), leg 2 columns
    ``q_range``.  Returns ``(cost_1, v_venus_in, cost_2, v_venus_out)`` with ``inf`` costs where
    ``dep_ok(departure day)`` fails, a Lambert arc failed, or the arrival is not before
    ``arrival_limit``.
    """
    (r_a, v_a, cost_a), (r_b, v_b, cost_b) = first, second
    ff, pp = np.meshgrid(np.arange(nf) + f0, np.arange(p_range[0], p_range[1] + 1), indexing="ij")
    dep = ff - pp
    dep_c = np.clip(dep, 0, n_total - 1)
    v1, v2 = _lambert_grid(r_a, venus_r, dep_c.ravel(), ff.ravel(), step)
    ca = cost_a(np.linalg.norm(v1 - v_a[dep_c.ravel()], axis=1)).reshape(ff.shape)
    ca = np.where(dep_ok(dep) & np.isfinite(ca), ca, np.inf)
    va = np.ascontiguousarray(v2.reshape(ff.shape + (3,)))
    ff2, qq = np.meshgrid(np.arange(nf) + f0, np.arange(q_range[0], q_range[1] + 1), indexing="ij")
    arr = np.minimum(ff2 + qq, n_total - 1)
    v1, v2 = _lambert_grid(venus_r, r_b, ff2.ravel(), arr.ravel(), step)
    cb = cost_b(np.linalg.norm(v2 - v_b[arr.ravel()], axis=1)).reshape(ff2.shape)
    cb = np.where((ff2 + qq < arrival_limit) & np.isfinite(cb), cb, np.inf)
    vb = np.ascontiguousarray(v1.reshape(ff2.shape + (3,)))
    return ca, va, cb, vb


def _stay_range(lo, hi, min_stay, max_stay):
    a = lo if min_stay is None else max(lo, min_stay)
    b = hi if max_stay is None else min(hi, max_stay)
    return (a, b) if a <= b else None


MIN_STEP_DAYS = 0.5


def search_round_trips(
    year: int | None = None,
    mission_class: str = "both",
    *,
    departure_window: tuple[str, str] | None = None,
    step_days: float = 2.0,
    outbound_tof_days: tuple[float, float] = (80.0, 400.0),
    return_tof_days: tuple[float, float] = (80.0, 450.0),
    min_stay_days: float | None = None,
    max_stay_days: float | None = None,
    opposition_stay_days: tuple[float, float] = (30.0, 90.0),
    conjunction_stay_days: tuple[float, float] = (300.0, 650.0),
    opposition_max_total_days: float | None = 650.0,
    max_duration_days: float | None = None,
    venus: bool = False,
    venus_min_altitude: float | None = None,
    flyby: str = "powered",
    flyby_match_tol: float = 100.0,
    leo_altitude: float = LEO_ALTITUDE,
    mars_periapsis_altitude: float = DRA5_MARS_PERIAPSIS_ALT,
    mars_apoapsis_altitude: float = DRA5_MARS_APOAPSIS_ALT,
    mars_capture: str = "propulsive",
    earth_arrival: str = "entry",
    entry_altitude: float = ENTRY_ALTITUDE,
    max_entry_speed: float | None = None,
    max_c3: float | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RoundTripSearch:
    """Search Earth-Mars-Earth round trips departing in ``year`` (Jan 1 to Mar 31 of the next
    year, covering the launch opportunity that straddles New Year) or ``departure_window``.

    Durations are in days (``*_days``), altitudes in m, speeds in m/s, C3 in m^2/s^2.
    ``venus`` adds Earth-Venus-Mars and Mars-Venus-Earth legs (powered flybys by
    default, periapsis >= Venus radius + ``venus_min_altitude``, default
    ``VENUS.atmosphere_top``).  Returns the minimum-delta-v trip for every total
    duration, per class, and their Pareto front.
    """
    progress = progress or (lambda done, total: None)
    # ---- validate
    if mission_class not in ("both",) + MISSION_CLASSES:
        raise InputError("mission_class", f"unknown class {mission_class!r}", "conjunction, opposition or both")
    if flyby not in ("powered", "unpowered"):
        raise InputError("flyby", f"unknown flyby model {flyby!r}", "powered or unpowered")
    if mars_capture not in ("propulsive", "aerocapture"):
        raise InputError("mars_capture", f"unknown {mars_capture!r}", "propulsive or aerocapture")
    if earth_arrival not in ("entry", "propulsive"):
        raise InputError("earth_arrival", f"unknown {earth_arrival!r}", "entry or propulsive")
    require_positive("step_days", step_days, unit="d")
    if not MIN_STEP_DAYS <= step_days <= 10:  # below 0.5 d the Lambert grids (~1/step^2 cells) outgrow memory
        raise InputError("step_days", f"got {step_days:g} d", f"{MIN_STEP_DAYS:g} to 10 d")
    for name, rng in (("outbound_tof_days", outbound_tof_days), ("return_tof_days", return_tof_days)):
        require_positive(name, rng, unit="d")
        if rng[1] <= rng[0]:
            raise InputError(name, f"empty range {rng}", "min < max, days > 0")
    for name, val in (("min_stay_days", min_stay_days), ("max_stay_days", max_stay_days),
                      ("max_duration_days", max_duration_days)):
        if val is not None:
            require_positive(name, val, allow_zero=name == "min_stay_days", unit="d")
    if min_stay_days is not None and max_stay_days is not None and max_stay_days < min_stay_days:
        raise InputError("max_stay_days", f"{max_stay_days:g} d is below min_stay_days {min_stay_days:g} d",
                         ">= min_stay_days")
    require_positive("leo_altitude", leo_altitude, unit="m")
    require_positive("mars_periapsis_altitude", mars_periapsis_altitude, unit="m")
    if mars_apoapsis_altitude < mars_periapsis_altitude:
        raise InputError("mars_apoapsis_altitude", "below the periapsis altitude", ">= mars_periapsis_altitude")

    wanted = MISSION_CLASSES if mission_class == "both" else (mission_class,)
    stays = {}
    for c in wanted:
        lo, hi = opposition_stay_days if c == "opposition" else conjunction_stay_days
        rng = _stay_range(lo, hi, min_stay_days, max_stay_days)
        if rng is not None:
            stays[c] = rng
    if not stays:
        raise InputError("min_stay_days/max_stay_days",
                         f"stay {min_stay_days or 0:g} to {'any' if max_stay_days is None else f'{max_stay_days:g}'} d "
                         "fits no searched class",
                         f"opposition {opposition_stay_days[0]:g}-{opposition_stay_days[1]:g} d or "
                         f"conjunction {conjunction_stay_days[0]:g}-{conjunction_stay_days[1]:g} d")

    # ---- window
    if departure_window is None:
        if year is None:
            raise InputError("year", "give a departure year or a departure window", "1900 to 2048")
        if not isinstance(year, (int, np.integer)) or not 1900 <= int(year) <= 2048:
            raise EphemerisRangeError("year", f"got {year!r}: the round trip must fit in DE421",
                                      "1900 to 2048")
        departure_window = (f"{int(year)}-01-01", f"{int(year) + 1}-03-31")
    t_start = float(utc_to_tdb(departure_window[0], "departure_window start"))
    t_end = float(utc_to_tdb(departure_window[1], "departure_window end"))
    if t_end <= t_start:
        raise InputError("departure_window", "end is not after start", "START < END")
    step = step_days * DAY
    n_dep = int(math.floor((t_end - t_start) / step + 1e-9)) + 1
    jmin, jmax = int(math.ceil(outbound_tof_days[0] / step_days)), int(math.floor(outbound_tof_days[1] / step_days))
    kmin, kmax = int(math.ceil(return_tof_days[0] / step_days)), int(math.floor(return_tof_days[1] / step_days))
    stay_steps = {c: (int(math.ceil(lo / step_days)), int(math.floor(hi / step_days))) for c, (lo, hi) in stays.items()}
    stay_steps = {c: s for c, s in stay_steps.items() if s[0] <= s[1]}
    if not stay_steps:
        raise InputError("min_stay_days/max_stay_days", "stay range shorter than one grid step", f">= {step_days:g} d")
    smin_all = min(s[0] for s in stay_steps.values())
    smax_all = max(s[1] for s in stay_steps.values())
    na = n_dep + jmax  # Mars arrival days 0..na-1
    nd = na + smax_all  # Mars departure days
    n_total = nd + kmax + 1
    t_last = t_start + (n_total - 1) * step
    lo_ok = float(utc_to_tdb(EPHEMERIS_SPAN[0]))
    hi_ok = float(utc_to_tdb(EPHEMERIS_SPAN[1]))
    if t_start < lo_ok or t_last > hi_ok:
        raise EphemerisRangeError("year" if year is not None else "departure_window",
                                  f"the search spans {_utc(t_start)} to {_utc(t_last)}, outside DE421",
                                  f"{EPHEMERIS_SPAN[0]} to {EPHEMERIS_SPAN[1]} "
                                  "(departure years 1900-2048 with the default ranges)")

    epochs = t_start + step * np.arange(n_total)
    rE, vE = state("earth", epochs)
    rM, vM = state("mars", epochs)
    rV = vV = None
    if venus:
        rV, vV = state("venus", epochs)
    total_work = 2 + (2 if venus else 0) + len(stay_steps)
    done = 0
    progress(done, total_work)

    mu_e, mu_m = EARTH.gm, MARS.gm
    r_leo = EARTH.radius + leo_altitude
    rp_m = MARS.radius + mars_periapsis_altitude
    ra_m = MARS.radius + mars_apoapsis_altitude

    def dep_earth(vinf):
        dv = hyperbolic_burn(vinf, mu_e, r_leo)
        if max_c3 is not None:
            dv = np.where(vinf**2 <= max_c3, dv, np.inf)
        return dv

    def arr_mars(vinf):
        return np.zeros_like(vinf) if mars_capture == "aerocapture" else hyperbolic_burn(vinf, mu_m, rp_m, ra_m)

    def dep_mars(vinf):
        return hyperbolic_burn(vinf, mu_m, rp_m, ra_m)

    def arr_earth(vinf):
        dv = np.zeros_like(vinf) if earth_arrival == "entry" else hyperbolic_burn(vinf, mu_e, r_leo)
        if max_entry_speed is not None:
            dv = np.where(entry_speed(vinf, entry_altitude) <= max_entry_speed, dv, np.inf)
        return dv

    def finite(x):
        return np.where(np.isfinite(x), x, np.inf)

    # ---- outbound direct: departure i, tof j -> arrival a = i + j
    nj = jmax - jmin + 1
    ii, jj = np.meshgrid(np.arange(n_dep), np.arange(jmin, jmax + 1), indexing="ij")
    v1, v2 = _lambert_grid(rE, rM, ii.ravel(), (ii + jj).ravel(), step)
    c_out = finite(dep_earth(np.linalg.norm(v1 - vE[ii.ravel()], axis=1))
                   + arr_mars(np.linalg.norm(v2 - vM[(ii + jj).ravel()], axis=1)))
    out_cost = np.full((na, nj), np.inf)
    out_cost[(ii + jj).ravel(), (jj - jmin).ravel()] = c_out
    out_src = np.full((na, nj), -1, dtype=np.int64)
    out_direct = out_cost
    cells = c_out.size
    done += 1
    progress(done, total_work)

    # ---- return direct: Mars departure d, tof k
    nk = kmax - kmin + 1
    d_lo = jmin + smin_all
    dd, kk = np.meshgrid(np.arange(d_lo, nd), np.arange(kmin, kmax + 1), indexing="ij")
    v1, v2 = _lambert_grid(rM, rE, dd.ravel(), (dd + kk).ravel(), step)
    c_ret = finite(dep_mars(np.linalg.norm(v1 - vM[dd.ravel()], axis=1))
                   + arr_earth(np.linalg.norm(v2 - vE[(dd + kk).ravel()], axis=1)))
    ret_cost = np.full((nd, nk), np.inf)
    ret_cost[dd.ravel(), (kk - kmin).ravel()] = c_ret
    ret_src = np.full((nd, nk), -1, dtype=np.int64)
    ret_direct = ret_cost
    cells += c_ret.size
    done += 1
    progress(done, total_work)

    venus_out = venus_in = None
    if venus:
        rp_v = VENUS.radius + (VENUS.atmosphere_top if venus_min_altitude is None else venus_min_altitude)
        unpowered = flyby == "unpowered"
        # Earth -> Venus (70-250 d) -> Mars (90-300 d)
        p_lo, p_hi = int(math.ceil(70 / step_days)), int(math.floor(250 / step_days))
        q_lo, q_hi = int(math.ceil(90 / step_days)), int(math.floor(300 / step_days))
        f0 = p_lo
        nf = n_dep - 1 + p_hi - f0 + 1
        ca, va, cb, vb = _flyby_leg_grids((rE, vE, dep_earth), (rM, vM, arr_mars), rV, f0, nf, (p_lo, p_hi),
                                          (q_lo, q_hi), lambda d: (d >= 0) & (d < n_dep), na, n_total, step)
        best = np.full((na, nj), np.inf)
        best_f = np.full((na, nj), -1, dtype=np.int64)
        _k.venus_leg_reduce(ca, np.nan_to_num(va), cb, np.nan_to_num(vb), np.ascontiguousarray(vV[f0:f0 + nf]),
                            VENUS.gm, rp_v, f0, p_lo, q_lo, jmin, unpowered, flyby_match_tol, best, best_f)
        better = best < out_cost
        out_cost = np.where(better, best, out_cost)
        out_src = np.where(better, best_f, out_src)
        venus_out = (f0, p_hi - p_lo + 1, p_lo, q_lo)
        cells += ca.size + cb.size
        done += 1
        progress(done, total_work)

        # Mars -> Venus (90-300 d) -> Earth (70-250 d)
        p_lo, p_hi = int(math.ceil(90 / step_days)), int(math.floor(300 / step_days))
        q_lo, q_hi = int(math.ceil(70 / step_days)), int(math.floor(250 / step_days))
        f0 = d_lo + p_lo
        nf = max(0, min(nd - 1 + p_hi, n_total - 1 - q_lo) - f0 + 1)
        ca, va, cb, vb = _flyby_leg_grids((rM, vM, dep_mars), (rE, vE, arr_earth), rV, f0, nf, (p_lo, p_hi),
                                          (q_lo, q_hi), lambda d: (d >= d_lo) & (d < nd), n_total, n_total, step)
        # index the result by Mars departure day: reduce over (end = Earth arrival) then shift
        n_end = n_total
        best = np.full((n_end, kmax + 1 + p_hi + q_hi), np.inf)
        best_f = np.full(best.shape, -1, dtype=np.int64)
        _k.venus_leg_reduce(ca, np.nan_to_num(va), cb, np.nan_to_num(vb), np.ascontiguousarray(vV[f0:f0 + nf]),
                            VENUS.gm, rp_v, f0, p_lo, q_lo, 0, unpowered, flyby_match_tol, best, best_f)
        # best[e, tof] -> by Mars departure d = e - tof, tof in [kmin, kmax]
        e_idx, t_idx = np.meshgrid(np.arange(n_end), np.arange(kmin, kmax + 1), indexing="ij")
        d_idx = e_idx - t_idx
        okd = (d_idx >= 0) & (d_idx < nd)
        cand = np.where(okd, best[e_idx, t_idx], np.inf)
        src = best_f[e_idx, t_idx]
        vin_cost = np.full((nd, nk), np.inf)
        vin_src = np.full((nd, nk), -1, dtype=np.int64)
        sel = okd & np.isfinite(cand)
        vin_cost[d_idx[sel], (t_idx - kmin)[sel]] = cand[sel]
        vin_src[d_idx[sel], (t_idx - kmin)[sel]] = src[sel]
        better = vin_cost < ret_cost
        ret_cost = np.where(better, vin_cost, ret_cost)
        ret_src = np.where(better, vin_src, ret_src)
        venus_in = (f0, p_hi - p_lo + 1, p_lo, q_lo)
        cells += ca.size + cb.size
        done += 1
        progress(done, total_work)

    options = {
        "step_days": step_days,
        "outbound_tof_days": list(outbound_tof_days),
        "return_tof_days": list(return_tof_days),
        "stay_days": {c: list(v) for c, v in stays.items()},
        "venus": venus,
        "flyby": flyby,
        "venus_min_altitude_km": ((VENUS.atmosphere_top if venus_min_altitude is None else venus_min_altitude) / 1e3),
        "leo_altitude_km": leo_altitude / 1e3,
        "mars_orbit_km": [mars_periapsis_altitude / 1e3, mars_apoapsis_altitude / 1e3],
        "mars_capture": mars_capture,
        "earth_arrival": earth_arrival,
        "max_entry_speed_kms": None if max_entry_speed is None else max_entry_speed / 1e3,
        "max_c3_km2s2": None if max_c3 is None else max_c3 / 1e6,
        "max_duration_days": max_duration_days,
        "opposition_max_total_days": opposition_max_total_days,
        "entry_altitude_km": entry_altitude / 1e3,
    }
    grid = _Grid(t_start, step, jmin, kmin, (rE, vE), (rM, vM), (rV, vV) if venus else None,
                 out_src, ret_src, venus_out, venus_in,
                 {"dep_earth": dep_earth, "arr_mars": arr_mars, "dep_mars": dep_mars, "arr_earth": arr_earth,
                  "entry_altitude": entry_altitude, "flyby": flyby,
                  "rp_v": VENUS.radius + (VENUS.atmosphere_top if venus_min_altitude is None else venus_min_altitude)})

    nt = jmax + smax_all + kmax + 2
    curves: dict[str, ClassCurves] = {}
    # At most one Venus flyby per trip: variant 0 pairs the outbound (direct or via Venus) with a
    # direct return, variant 1 a direct outbound with the return (direct or via Venus).
    variants = [(np.ascontiguousarray(out_cost), np.ascontiguousarray(ret_direct))]
    if venus:
        variants.append((np.ascontiguousarray(out_direct), np.ascontiguousarray(ret_cost)))
    for c in MISSION_CLASSES:
        if c not in stay_steps:
            continue
        smin, smax = stay_steps[c]
        bt = np.full(nt, np.inf)
        at = np.zeros((nt, 5), dtype=np.int64)
        bd = np.full(nt, np.inf)
        ad = np.zeros((nt, 5), dtype=np.int64)
        for v, (out_c, ret_c) in enumerate(variants):
            bt_v, bd_v = np.full(nt, np.inf), np.full(nt, np.inf)
            at_v, ad_v = np.zeros((nt, 4), dtype=np.int64), np.zeros((nt, 4), dtype=np.int64)
            _k.combine_legs(out_c, jmin, ret_c, kmin, smin, smax, bt_v, at_v, bd_v, ad_v)
            for b, a, b_v, a_v in ((bt, at, bt_v, at_v), (bd, ad, bd_v, ad_v)):
                better = b_v < b
                b[better] = b_v[better]
                a[better, :4] = a_v[better]
                a[better, 4] = v
        cap = max_duration_days
        if c == "opposition" and opposition_max_total_days is not None:
            cap = opposition_max_total_days if cap is None else min(cap, opposition_max_total_days)
        if cap is not None:
            too_long = np.arange(nt) * step_days > cap + 1e-9
            bt[too_long] = np.inf
        curves[c] = ClassCurves(bt, at, bd, ad, (smin, smax))
        done += 1
        progress(done, total_work)
    if all(not np.isfinite(cv.best_total).any() for cv in curves.values()):
        raise InfeasibleError("max_duration_days/min_stay_days/max_stay_days: no round trip fits the constraints "
                              "in this window")

    # ---- Pareto front over all classes: (total duration, total dv)
    pts = []
    for c, cv in curves.items():
        for t in np.flatnonzero(np.isfinite(cv.best_total)):
            pts.append((int(t), float(cv.best_total[t]), c))
    pts.sort(key=lambda p: (p[0], p[1]))
    front = []
    best_dv = np.inf
    for t, dv, c in pts:
        if dv < best_dv - 1e-6:
            front.append((t, c))
            best_dv = dv
    pareto = tuple(_rebuild_many(grid, [(c, *(int(x) for x in curves[c].arg_total[t])) for t, c in front]))
    return RoundTripSearch(int(year) if year is not None else None, t_start, t_end, step,
                           tuple(curves), curves, pareto, options, int(cells), grid)


def _flyby_detail(grid: _Grid, planet_v, f_abs, v_in_helio, v_out_helio):
    from spaceplan.interplanetary.flyby import powered_flyby

    vin = v_in_helio - planet_v
    vout = v_out_helio - planet_v
    res = powered_flyby(vin, vout, VENUS.gm, grid.options["rp_v"])
    powered = grid.options["flyby"] == "powered"
    vi, vo = float(np.linalg.norm(vin)), float(np.linalg.norm(vout))
    if powered:
        rp = float(res.rp)
    else:  # unpowered: the periapsis that turns the mean v-infinity by the required angle (Curtis eq. 8.55)
        vm = 0.5 * (vi + vo)
        rp = VENUS.gm / vm**2 * (1.0 / math.sin(0.5 * float(res.turn)) - 1.0) if res.turn > 0 else math.inf
    return Flyby("Venus", grid.t0 + f_abs * grid.step, vi, vo, float(res.turn), float(res.max_turn), rp,
                 float(res.dv) if powered else abs(vi - vo), powered)


def _rebuild(grid: _Grid, mission_class: str, a: int, jj: int, s: int, kk: int, variant: int = 0) -> RoundTrip:
    return _rebuild_many(grid, [(mission_class, a, jj, s, kk, variant)])[0]


def _rebuild_many(grid: _Grid, picks) -> list[RoundTrip]:
    """Recompute the legs of the trips the kernel selected: ``picks`` of (class, arrival a, outbound jj,
    stay s, return kk, variant: 0 = Venus allowed outbound, 1 = inbound).  One Lambert batch for all arcs."""
    pos = {"E": grid.earth[0], "M": grid.mars[0], "V": grid.venus[0] if grid.venus else None}
    plans = []  # per trip: (class, outbound arcs, return arcs, flyby days)
    arcs: list[tuple[str, int, str, int]] = []

    def add(b1, i, b2, j):
        arcs.append((b1, i, b2, j))
        return len(arcs) - 1

    for c, a, jj, s, kk, variant in picks:
        i = a - (grid.jmin + jj)
        src = int(grid.out_src[a, jj]) if variant == 0 else -1
        if src < 0:
            out = (add("E", i, "M", a),)
            fo = None
        else:
            f0, n_p, _, _ = grid.venus_out
            fo = f0 + src // n_p
            out = (add("E", i, "V", fo), add("V", fo, "M", a))
        d = a + s
        e = d + grid.kmin + kk
        src = int(grid.ret_src[d, kk]) if variant == 1 else -1
        if src < 0:
            ret = (add("M", d, "E", e),)
            fr = None
        else:
            f0, n_p, _, _ = grid.venus_in
            fr = f0 + src // n_p
            ret = (add("M", d, "V", fr), add("V", fr, "E", e))
        plans.append((c, i, a, d, e, out, ret, fo, fr))
    r1 = np.array([pos[b1][i] for b1, i, _, _ in arcs])
    r2 = np.array([pos[b2][j] for _, _, b2, j in arcs])
    tof = np.array([(j - i) * grid.step for _, i, _, j in arcs])
    sol = solve_lambert_batch(r1, r2, tof, SUN.gm)
    v1, v2 = sol.v1, sol.v2
    rE, vE = grid.earth
    rM, vM = grid.mars
    o = grid.options
    t = lambda n: grid.t0 + n * grid.step  # noqa: E731
    trips = []
    for c, i, a, d, e, out, ret, fo, fr in plans:
        fb = None if fo is None else _flyby_detail(grid, grid.venus[1][fo], fo, v2[out[0]], v1[out[1]])
        vinf_d = float(np.linalg.norm(v1[out[0]] - vE[i]))
        vinf_a = float(np.linalg.norm(v2[out[-1]] - vM[a]))
        leg_out = Leg("Earth", "Mars", t(i), t(a), vinf_d, vinf_a, float(o["dep_earth"](np.array(vinf_d))),
                      float(o["arr_mars"](np.array(vinf_a))), fb)
        fb = None if fr is None else _flyby_detail(grid, grid.venus[1][fr], fr, v2[ret[0]], v1[ret[1]])
        vinf_d = float(np.linalg.norm(v1[ret[0]] - vM[d]))
        vinf_a = float(np.linalg.norm(v2[ret[-1]] - vE[e]))
        leg_ret = Leg("Mars", "Earth", t(d), t(e), vinf_d, vinf_a, float(o["dep_mars"](np.array(vinf_d))),
                      float(o["arr_earth"](np.array(vinf_a))), fb, float(entry_speed(vinf_a, o["entry_altitude"])))
        trips.append(RoundTrip(c, leg_out, leg_ret))
    return trips


def crew_phases(trip: RoundTrip, at_mars: str = "mars_surface") -> list[tuple[str, float, float, str]]:
    """The trip as exposure phases ``(location, duration_s, start_tdb, label)`` for a dose model
    (``spaceplan.radiation.Phase(*row)``): deep space out, ``at_mars`` for the stay, deep space back."""
    o, r = trip.outbound, trip.return_leg
    return [
        ("deep_space", o.tof_s, o.departure, "Earth -> Mars" + (" via Venus" if o.flyby else "")),
        (at_mars, trip.stay_s, o.arrival, "at Mars"),
        ("deep_space", r.tof_s, r.departure, "Mars -> Earth" + (" via Venus" if r.flyby else "")),
    ]
