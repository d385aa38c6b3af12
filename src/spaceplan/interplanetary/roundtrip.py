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
from spaceplan.core.errors import EphemerisRangeError, InfeasibleError, InputError, UnknownNameError, require_positive
from spaceplan.core.time import epoch_grid, tdb_to_iso, utc_to_tdb
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
    """Everything needed to rebuild a trip from kernel indices: the leg grid (its fields read through) and
    where each cheapest leg came from."""

    legs: "LegGrid"
    out_src: np.ndarray  # -1 direct, else f * n_p + p into the outbound Venus grid
    ret_src: np.ndarray
    venus_out: tuple[int, int, int, int] | None  # (f0, n_p, a_off, b_off)
    venus_in: tuple[int, int, int, int] | None
    options: dict[str, Any]

    def __getattr__(self, name):  # t0, step, jmin, kmin, earth, mars, venus of the leg grid
        if name == "legs":
            raise AttributeError(name)
        return getattr(self.legs, name)


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


MIN_STEP_DAYS = 0.5  # below 0.5 d the Lambert grids (~1/step^2 cells) outgrow memory


@dataclass(frozen=True)
class RoundTripOptions:
    """What a round-trip search explores and how it prices a trip (SI: s, m, m/s, m^2/s^2).

    Errors name the day-unit parameters users write (``step_days``, ``outbound_tof_days``...);
    :meth:`from_days` builds the options from them (the CLI and study edge).
    """

    mission_class: str = "both"  # conjunction, opposition or both
    step_s: float = 2.0 * DAY  # grid step of departures, arrivals and stays
    outbound_tof_s: tuple[float, float] = (80.0 * DAY, 400.0 * DAY)
    return_tof_s: tuple[float, float] = (80.0 * DAY, 450.0 * DAY)
    min_stay_s: float | None = None
    max_stay_s: float | None = None
    opposition_stay_s: tuple[float, float] = (30.0 * DAY, 90.0 * DAY)
    conjunction_stay_s: tuple[float, float] = (300.0 * DAY, 650.0 * DAY)
    opposition_max_total_s: float | None = 650.0 * DAY
    max_duration_s: float | None = None
    venus: bool = False  # also try one Venus flyby on either leg
    venus_min_altitude: float | None = None  # m; default VENUS.atmosphere_top
    flyby: str = "powered"  # or "unpowered" (v-infinity mismatch <= flyby_match_tol paid as a trim burn)
    flyby_match_tol: float = 100.0  # m/s
    leo_altitude: float = LEO_ALTITUDE
    mars_periapsis_altitude: float = DRA5_MARS_PERIAPSIS_ALT
    mars_apoapsis_altitude: float = DRA5_MARS_APOAPSIS_ALT
    mars_capture: str = "propulsive"  # or "aerocapture"
    earth_arrival: str = "entry"  # or "propulsive" (capture into the LEO)
    entry_altitude: float = ENTRY_ALTITUDE
    max_entry_speed: float | None = None  # m/s
    max_c3: float | None = None  # m^2/s^2

    _DAY_FIELDS = {"step_days": "step_s", "outbound_tof_days": "outbound_tof_s", "return_tof_days": "return_tof_s",
                   "min_stay_days": "min_stay_s", "max_stay_days": "max_stay_s",
                   "opposition_stay_days": "opposition_stay_s", "conjunction_stay_days": "conjunction_stay_s",
                   "opposition_max_total_days": "opposition_max_total_s", "max_duration_days": "max_duration_s"}

    @classmethod
    def from_days(cls, **kwargs) -> "RoundTripOptions":
        """Options with durations given in days under their ``*_days`` names (other fields as in the class)."""
        si = {}
        for key, value in kwargs.items():
            name = cls._DAY_FIELDS.get(key)
            if name is None:
                if key not in cls.__dataclass_fields__:
                    raise UnknownNameError("round-trip option", key, [*cls._DAY_FIELDS, *(
                        f for f in cls.__dataclass_fields__ if f not in cls._DAY_FIELDS.values())])
                si[key] = value
            elif value is None:
                si[name] = None
            elif isinstance(value, (tuple, list)):
                si[name] = tuple(float(v) * DAY for v in value)
            else:
                si[name] = float(value) * DAY
        return cls(**si)

    def days(self, name: str):
        """A duration option in days (``None`` stays ``None``; pairs stay pairs)."""
        value = getattr(self, name)
        if value is None:
            return None
        return tuple(v / DAY for v in value) if isinstance(value, tuple) else value / DAY

    def __post_init__(self):
        if self.mission_class not in ("both",) + MISSION_CLASSES:
            raise InputError("mission_class", f"unknown class {self.mission_class!r}", "conjunction, opposition or both")
        if self.flyby not in ("powered", "unpowered"):
            raise InputError("flyby", f"unknown flyby model {self.flyby!r}", "powered or unpowered")
        if self.mars_capture not in ("propulsive", "aerocapture"):
            raise InputError("mars_capture", f"unknown {self.mars_capture!r}", "propulsive or aerocapture")
        if self.earth_arrival not in ("entry", "propulsive"):
            raise InputError("earth_arrival", f"unknown {self.earth_arrival!r}", "entry or propulsive")
        step_days = self.days("step_s")
        require_positive("step_days", step_days, unit="d")
        if not MIN_STEP_DAYS <= step_days <= 10:
            raise InputError("step_days", f"got {step_days:g} d", f"{MIN_STEP_DAYS:g} to 10 d")
        for name, rng in (("outbound_tof_days", self.days("outbound_tof_s")),
                          ("return_tof_days", self.days("return_tof_s"))):
            require_positive(name, rng, unit="d")
            if rng[1] <= rng[0]:
                raise InputError(name, f"empty range {rng}", "min < max, days > 0")
        for name in ("min_stay_days", "max_stay_days", "max_duration_days"):
            val = self.days(self._DAY_FIELDS[name])
            if val is not None:
                require_positive(name, val, allow_zero=name == "min_stay_days", unit="d")
        lo, hi = self.days("min_stay_s"), self.days("max_stay_s")
        if lo is not None and hi is not None and hi < lo:
            raise InputError("max_stay_days", f"{hi:g} d is below min_stay_days {lo:g} d", ">= min_stay_days")
        require_positive("leo_altitude", self.leo_altitude, unit="m")
        require_positive("mars_periapsis_altitude", self.mars_periapsis_altitude, unit="m")
        if self.mars_apoapsis_altitude < self.mars_periapsis_altitude:
            raise InputError("mars_apoapsis_altitude", "below the periapsis altitude", ">= mars_periapsis_altitude")

    @property
    def venus_periapsis_radius(self) -> float:
        return VENUS.radius + (VENUS.atmosphere_top if self.venus_min_altitude is None else self.venus_min_altitude)

    def stays_days(self) -> dict[str, tuple[float, float]]:
        """Stay range (days) of every requested class that the stay limits leave non-empty."""
        wanted = MISSION_CLASSES if self.mission_class == "both" else (self.mission_class,)
        stays = {}
        for c in wanted:
            lo, hi = self.days("opposition_stay_s" if c == "opposition" else "conjunction_stay_s")
            rng = _stay_range(lo, hi, self.days("min_stay_s"), self.days("max_stay_s"))
            if rng is not None:
                stays[c] = rng
        if not stays:
            lo, hi = self.days("min_stay_s"), self.days("max_stay_s")
            opp, conj = self.days("opposition_stay_s"), self.days("conjunction_stay_s")
            raise InputError("min_stay_days/max_stay_days",
                             f"stay {lo or 0:g} to {'any' if hi is None else f'{hi:g}'} d fits no searched class",
                             f"opposition {opp[0]:g}-{opp[1]:g} d or conjunction {conj[0]:g}-{conj[1]:g} d")
        return stays

    def to_dict(self) -> dict[str, Any]:
        """The options in display units (the ``options`` of :meth:`RoundTripSearch.to_dict`)."""
        return {
            "step_days": self.days("step_s"),
            "outbound_tof_days": list(self.days("outbound_tof_s")),
            "return_tof_days": list(self.days("return_tof_s")),
            "stay_days": {c: list(v) for c, v in self.stays_days().items()},
            "venus": self.venus,
            "flyby": self.flyby,
            "venus_min_altitude_km": (VENUS.atmosphere_top if self.venus_min_altitude is None
                                      else self.venus_min_altitude) / 1e3,
            "leo_altitude_km": self.leo_altitude / 1e3,
            "mars_orbit_km": [self.mars_periapsis_altitude / 1e3, self.mars_apoapsis_altitude / 1e3],
            "mars_capture": self.mars_capture,
            "earth_arrival": self.earth_arrival,
            "max_entry_speed_kms": None if self.max_entry_speed is None else self.max_entry_speed / 1e3,
            "max_c3_km2s2": None if self.max_c3 is None else self.max_c3 / 1e6,
            "max_duration_days": self.days("max_duration_s"),
            "opposition_max_total_days": self.days("opposition_max_total_s"),
            "entry_altitude_km": self.entry_altitude / 1e3,
        }


@dataclass(frozen=True)
class _Costs:
    """Impulsive cost (m/s, inf where a limit fails) of each hyperbolic excess speed at each end of a leg."""

    opts: RoundTripOptions

    def dep_earth(self, vinf):
        dv = hyperbolic_burn(vinf, EARTH.gm, EARTH.radius + self.opts.leo_altitude)
        if self.opts.max_c3 is not None:
            dv = np.where(vinf**2 <= self.opts.max_c3, dv, np.inf)
        return dv

    def arr_mars(self, vinf):
        if self.opts.mars_capture == "aerocapture":
            return np.zeros_like(vinf)
        return self.dep_mars(vinf)

    def dep_mars(self, vinf):
        o = self.opts
        return hyperbolic_burn(vinf, MARS.gm, MARS.radius + o.mars_periapsis_altitude, MARS.radius + o.mars_apoapsis_altitude)

    def arr_earth(self, vinf):
        o = self.opts
        dv = np.zeros_like(vinf) if o.earth_arrival == "entry" else hyperbolic_burn(vinf, EARTH.gm, EARTH.radius + o.leo_altitude)
        if o.max_entry_speed is not None:
            dv = np.where(entry_speed(vinf, o.entry_altitude) <= o.max_entry_speed, dv, np.inf)
        return dv


@dataclass(frozen=True)
class LegGrid:
    """The day grid of a search (indices in steps from ``t0``) with the planets' states on it.

    Departures 0..n_dep-1; Mars arrivals 0..na-1 (outbound TOF jmin..jmax steps); Mars departures
    up to nd-1 (stay steps per class in ``stay_steps``); Earth returns up to n_total-1 (return TOF kmin..kmax).
    """

    t0: float
    step: float
    n_dep: int
    jmin: int
    jmax: int
    kmin: int
    kmax: int
    stay_steps: dict[str, tuple[int, int]]
    na: int
    nd: int
    n_total: int
    earth: tuple[np.ndarray, np.ndarray]
    mars: tuple[np.ndarray, np.ndarray]
    venus: tuple[np.ndarray, np.ndarray] | None

    @property
    def d_lo(self) -> int:
        """First Mars departure day any class can use."""
        return self.jmin + min(s[0] for s in self.stay_steps.values())


def build_leg_grid(t_start: float, t_end: float, opts: RoundTripOptions, where: str = "departure_window") -> LegGrid:
    """The search grid for departures ``t_start``..``t_end`` (TDB s, inclusive,
    :func:`spaceplan.core.time.epoch_grid`) with Earth, Mars (and Venus) states on every grid day."""
    if t_end <= t_start:
        raise InputError("departure_window", "end is not after start", "START < END")
    step, step_days = opts.step_s, opts.days("step_s")
    n_dep = epoch_grid(t_start, step, stop_tdb=t_end, field=where).size
    (to_lo, to_hi), (tr_lo, tr_hi) = opts.days("outbound_tof_s"), opts.days("return_tof_s")
    jmin, jmax = int(math.ceil(to_lo / step_days)), int(math.floor(to_hi / step_days))
    kmin, kmax = int(math.ceil(tr_lo / step_days)), int(math.floor(tr_hi / step_days))
    stay_steps = {c: (int(math.ceil(lo / step_days)), int(math.floor(hi / step_days)))
                  for c, (lo, hi) in opts.stays_days().items()}
    stay_steps = {c: s for c, s in stay_steps.items() if s[0] <= s[1]}
    if not stay_steps:
        raise InputError("min_stay_days/max_stay_days", "stay range shorter than one grid step", f">= {step_days:g} d")
    na = n_dep + jmax  # Mars arrival days 0..na-1
    nd = na + max(s[1] for s in stay_steps.values())  # Mars departure days
    n_total = nd + kmax + 1
    t_last = t_start + (n_total - 1) * step
    lo_ok, hi_ok = float(utc_to_tdb(EPHEMERIS_SPAN[0])), float(utc_to_tdb(EPHEMERIS_SPAN[1]))
    if t_start < lo_ok or t_last > hi_ok:
        raise EphemerisRangeError(where, f"the search spans {_utc(t_start)} to {_utc(t_last)}, outside DE421",
                                  f"{EPHEMERIS_SPAN[0]} to {EPHEMERIS_SPAN[1]} "
                                  "(departure years 1900-2048 with the default ranges)")
    epochs = epoch_grid(t_start, step, stop_tdb=t_last)
    return LegGrid(t_start, step, n_dep, jmin, jmax, kmin, kmax, stay_steps, na, nd, n_total,
                   state("earth", epochs), state("mars", epochs), state("venus", epochs) if opts.venus else None)


def _direct_leg(g: LegGrid, first, second, cost_dep, cost_arr, dep_days: np.ndarray, tof_lo: int, tof_hi: int):
    """Costs (flat, inf where an arc or a limit fails) of the direct Lambert legs from each day in
    ``dep_days`` with TOF ``tof_lo..tof_hi`` steps, and the (departure day, TOF) index grids."""
    (r_a, v_a), (r_b, v_b) = first, second
    ii, jj = np.meshgrid(dep_days, np.arange(tof_lo, tof_hi + 1), indexing="ij")
    v1, v2 = _lambert_grid(r_a, r_b, ii.ravel(), (ii + jj).ravel(), g.step)
    c = cost_dep(np.linalg.norm(v1 - v_a[ii.ravel()], axis=1)) + cost_arr(np.linalg.norm(v2 - v_b[(ii + jj).ravel()], axis=1))
    return np.where(np.isfinite(c), c, np.inf), ii, jj


def venus_leg(g: LegGrid, opts: RoundTripOptions, first, second, p_days: tuple[float, float],
              q_days: tuple[float, float], f0: int, nf: int, dep_ok, arrival_limit: int, shape: tuple[int, int],
              j_offset: int):
    """Least cost of the two-arc legs via Venus (one patched-conic flyby, :mod:`.flyby`) per cell of ``shape``.

    ``first``/``second`` = (r, v, cost) of the departure and arrival planets; the flyby happens on
    grid days ``f0..f0+nf-1``, ``p_days``/``q_days`` bound the two arcs' TOFs.  The kernel keeps, per
    (arrival day, total TOF - ``j_offset``), the cheapest flyby.  Returns (best, best_f, n_p, cells)
    with ``best_f = f * n_p + p`` (index into the flyby grid, -1 where none).
    """
    step_days = opts.days("step_s")
    p_lo, p_hi = int(math.ceil(p_days[0] / step_days)), int(math.floor(p_days[1] / step_days))
    q_lo, q_hi = int(math.ceil(q_days[0] / step_days)), int(math.floor(q_days[1] / step_days))
    ca, va, cb, vb = _flyby_leg_grids(first, second, g.venus[0], f0, nf, (p_lo, p_hi), (q_lo, q_hi), dep_ok,
                                      arrival_limit, g.n_total, g.step)
    best = np.full(shape, np.inf)
    best_f = np.full(shape, -1, dtype=np.int64)
    _k.venus_leg_reduce(ca, np.nan_to_num(va), cb, np.nan_to_num(vb), np.ascontiguousarray(g.venus[1][f0:f0 + nf]),
                        VENUS.gm, opts.venus_periapsis_radius, f0, p_lo, q_lo, j_offset, opts.flyby == "unpowered",
                        opts.flyby_match_tol, best, best_f)
    return best, best_f, (f0, p_hi - p_lo + 1, p_lo, q_lo), ca.size + cb.size


def departure_window_tdb(year: int | None = None, departure_window: tuple[str, str] | None = None) -> tuple[float, float]:
    """(start, end) TDB of a departure ``year`` (Jan 1 to Mar 31 of the next year, covering the opportunity
    that straddles New Year) or of a UTC ``departure_window`` (the CLI/study edge)."""
    if departure_window is None:
        if year is None:
            raise InputError("year", "give a departure year or a departure window", "1900 to 2048")
        if not isinstance(year, (int, np.integer)) or not 1900 <= int(year) <= 2048:
            raise EphemerisRangeError("year", f"got {year!r}: the round trip must fit in DE421", "1900 to 2048")
        departure_window = (f"{int(year)}-01-01", f"{int(year) + 1}-03-31")
    return (float(utc_to_tdb(departure_window[0], "departure_window start")),
            float(utc_to_tdb(departure_window[1], "departure_window end")))


def search_round_trips(year: int | None = None, mission_class: str = "both", *,
                       departure_window: tuple[str, str] | None = None, options: RoundTripOptions | None = None,
                       progress: Callable[[int, int], None] | None = None, **option_days) -> RoundTripSearch:
    """Search Earth-Mars-Earth round trips departing in ``year`` (Jan 1 to Mar 31 of the next year) or a
    UTC ``departure_window``: the edge form of :func:`search_window`.

    ``options`` (a :class:`RoundTripOptions`, SI), or its fields as keywords with durations in days
    (``step_days=2``, ``outbound_tof_days=(80, 400)``, ``venus=True``, ``max_c3=...``).
    """
    if options is None:
        options = RoundTripOptions.from_days(mission_class=mission_class, **option_days)
    elif option_days or mission_class != "both":
        raise InputError("options", "give either a RoundTripOptions or option keywords, not both")
    t_start, t_end = departure_window_tdb(year, departure_window)
    return search_window(t_start, t_end, options, progress=progress, year=year,
                         where="year" if year is not None else "departure_window")


def search_window(t_start: float, t_end: float, opts: RoundTripOptions,
                  progress: Callable[[int, int], None] | None = None, *, year: int | None = None,
                  where: str = "departure_window") -> RoundTripSearch:
    """Least total delta-v round trip for every total duration, per class, and their Pareto front, for
    departures ``t_start``..``t_end`` (TDB s)."""
    progress = progress or (lambda done, total: None)
    g = build_leg_grid(t_start, t_end, opts, where)
    costs = _Costs(opts)
    total_work = 2 + (2 if opts.venus else 0) + len(g.stay_steps)
    done = 0
    progress(done, total_work)

    # ---- outbound direct: departure i, tof j -> arrival a = i + j; table by (arrival, j - jmin)
    nj = g.jmax - g.jmin + 1
    c_out, ii, jj = _direct_leg(g, g.earth, g.mars, costs.dep_earth, costs.arr_mars, np.arange(g.n_dep),
                                g.jmin, g.jmax)
    out_cost = np.full((g.na, nj), np.inf)
    out_cost[(ii + jj).ravel(), (jj - g.jmin).ravel()] = c_out
    out_src = np.full((g.na, nj), -1, dtype=np.int64)
    out_direct = out_cost
    cells = c_out.size
    done += 1
    progress(done, total_work)

    # ---- return direct: Mars departure d, tof k; table by (departure, k - kmin)
    nk = g.kmax - g.kmin + 1
    d_lo = g.d_lo
    c_ret, dd, kk = _direct_leg(g, g.mars, g.earth, costs.dep_mars, costs.arr_earth, np.arange(d_lo, g.nd),
                                g.kmin, g.kmax)
    ret_cost = np.full((g.nd, nk), np.inf)
    ret_cost[dd.ravel(), (kk - g.kmin).ravel()] = c_ret
    ret_src = np.full((g.nd, nk), -1, dtype=np.int64)
    ret_direct = ret_cost
    cells += c_ret.size
    done += 1
    progress(done, total_work)

    venus_out = venus_in = None
    if opts.venus:
        step_days = opts.days("step_s")
        # Earth -> Venus (70-250 d) -> Mars (90-300 d), indexed like the direct outbound table
        f0 = int(math.ceil(70 / step_days))
        nf = g.n_dep - 1 + int(math.floor(250 / step_days)) - f0 + 1
        best, best_f, venus_out, n = venus_leg(
            g, opts, (*g.earth, costs.dep_earth), (*g.mars, costs.arr_mars), (70, 250), (90, 300), f0, nf,
            lambda d: (d >= 0) & (d < g.n_dep), g.na, (g.na, nj), g.jmin)
        better = best < out_cost
        out_cost = np.where(better, best, out_cost)
        out_src = np.where(better, best_f, out_src)
        cells += n
        done += 1
        progress(done, total_work)

        # Mars -> Venus (90-300 d) -> Earth (70-250 d): reduced by Earth arrival day, then re-indexed by departure
        p_lo, p_hi = int(math.ceil(90 / step_days)), int(math.floor(300 / step_days))
        q_lo, q_hi = int(math.ceil(70 / step_days)), int(math.floor(250 / step_days))
        f0 = d_lo + p_lo
        nf = max(0, min(g.nd - 1 + p_hi, g.n_total - 1 - q_lo) - f0 + 1)
        best, best_f, venus_in, n = venus_leg(
            g, opts, (*g.mars, costs.dep_mars), (*g.earth, costs.arr_earth), (90, 300), (70, 250), f0, nf,
            lambda d: (d >= d_lo) & (d < g.nd), g.n_total, (g.n_total, g.kmax + 1 + p_hi + q_hi), 0)
        e_idx, t_idx = np.meshgrid(np.arange(g.n_total), np.arange(g.kmin, g.kmax + 1), indexing="ij")
        d_idx = e_idx - t_idx
        okd = (d_idx >= 0) & (d_idx < g.nd)
        cand = np.where(okd, best[e_idx, t_idx], np.inf)
        src = best_f[e_idx, t_idx]
        vin_cost = np.full((g.nd, nk), np.inf)
        vin_src = np.full((g.nd, nk), -1, dtype=np.int64)
        sel = okd & np.isfinite(cand)
        vin_cost[d_idx[sel], (t_idx - g.kmin)[sel]] = cand[sel]
        vin_src[d_idx[sel], (t_idx - g.kmin)[sel]] = src[sel]
        better = vin_cost < ret_cost
        ret_cost = np.where(better, vin_cost, ret_cost)
        ret_src = np.where(better, vin_src, ret_src)
        cells += n
        done += 1
        progress(done, total_work)

    grid = _Grid(g, out_src, ret_src, venus_out, venus_in,
                 {"dep_earth": costs.dep_earth, "arr_mars": costs.arr_mars, "dep_mars": costs.dep_mars,
                  "arr_earth": costs.arr_earth, "entry_altitude": opts.entry_altitude, "flyby": opts.flyby,
                  "rp_v": opts.venus_periapsis_radius})

    smax_all = max(s[1] for s in g.stay_steps.values())
    nt = g.jmax + smax_all + g.kmax + 2
    step_days = opts.days("step_s")
    curves: dict[str, ClassCurves] = {}
    # At most one Venus flyby per trip: variant 0 pairs the outbound (direct or via Venus) with a
    # direct return, variant 1 a direct outbound with the return (direct or via Venus).
    variants = [(np.ascontiguousarray(out_cost), np.ascontiguousarray(ret_direct))]
    if opts.venus:
        variants.append((np.ascontiguousarray(out_direct), np.ascontiguousarray(ret_cost)))
    for c in MISSION_CLASSES:
        if c not in g.stay_steps:
            continue
        smin, smax = g.stay_steps[c]
        bt = np.full(nt, np.inf)
        at = np.zeros((nt, 5), dtype=np.int64)
        bd = np.full(nt, np.inf)
        ad = np.zeros((nt, 5), dtype=np.int64)
        for v, (out_c, ret_c) in enumerate(variants):
            bt_v, bd_v = np.full(nt, np.inf), np.full(nt, np.inf)
            at_v, ad_v = np.zeros((nt, 4), dtype=np.int64), np.zeros((nt, 4), dtype=np.int64)
            _k.combine_legs(out_c, g.jmin, ret_c, g.kmin, smin, smax, bt_v, at_v, bd_v, ad_v)
            for b, a, b_v, a_v in ((bt, at, bt_v, at_v), (bd, ad, bd_v, ad_v)):
                better = b_v < b
                b[better] = b_v[better]
                a[better, :4] = a_v[better]
                a[better, 4] = v
        cap = opts.days("max_duration_s")
        if c == "opposition" and opts.opposition_max_total_s is not None:
            opp_cap = opts.days("opposition_max_total_s")
            cap = opp_cap if cap is None else min(cap, opp_cap)
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
    return RoundTripSearch(int(year) if year is not None else None, t_start, t_end, g.step,
                           tuple(curves), curves, pareto, opts.to_dict(), int(cells), grid)


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

