"""Crewed Mars round trips, part 3 of 3: the results (legs, trips, per-class curves, the search's Pareto front).

A :class:`RoundTripSearch` keeps the kernel's per-class curves and a :class:`SearchGrid` (the leg grid and where
each cheapest leg came from), so any trip the curves select is rebuilt on demand: its Lambert arcs are solved
again in one batch and its Venus flyby, if any, is detailed (:mod:`.flyby`).

Each trip carries ``warnings`` from :data:`TRIP_ENVELOPE`: an Earth entry faster than any flown (Stardust's
12.9 km/s, 2006, :mod:`.capsules`) is an extrapolation of the heat shield; delta-v and durations below zero are
refused (a defect).  The search's own warnings (its inputs) are :func:`.roundtrip_search.search_warnings`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from spaceplan.core.constants import DAY, SUN, VENUS
from spaceplan.core.errors import InfeasibleError, InputError
from spaceplan.core.lambert import solve_lambert_batch
from spaceplan.core.time import tdb_to_iso
from spaceplan.core.validity import Bound, Envelope, check, physical
from spaceplan.interplanetary.roundtrip_options import OBJECTIVES, entry_speed

FASTEST_ENTRY_FLOWN = 12.9e3  # m/s at the entry interface: Stardust sample return capsule, 2006-01-15

TRIP_ENVELOPE = Envelope("the patched-conic round trip", inputs=(
    Bound("entry_speed_m_s", None, FASTEST_ENTRY_FLOWN, code="entry_faster_than_flown", unit="km/s", scale=1e-3,
          label="Earth entry speed", why="the fastest Earth entry flown: Stardust, 12.9 km/s (2006)"),
), outputs=(physical("dv_m_s", "dv", "delta-v", 1e-3, "km/s"), physical("time_s", "time", "duration", 1 / DAY, "d")))


def trip_warnings(trip: "RoundTrip") -> tuple[dict, ...]:
    """:data:`TRIP_ENVELOPE` applied to one trip (the entry speed after any braking)."""
    r = trip.return_leg
    entry = r.entry_speed_final if r.entry_speed_final is not None else None
    legs = (trip.outbound, r)
    return check(TRIP_ENVELOPE, f"{trip.mission_class}:", entry_speed_m_s=entry,
                 dv_m_s=[x for leg in legs for x in (leg.dv_departure, leg.dv_arrival)],
                 time_s=[trip.outbound.tof_s, trip.stay_s, r.tof_s])

if TYPE_CHECKING:
    from spaceplan.interplanetary.roundtrip_search import LegGrid


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
    entry_speed: float | None = None  # of the arrival hyperbola at the entry interface, before any braking
    entry_speed_final: float | None = None  # after the braking burn (direct entry / aerocapture returns)

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
            "entry_speed_final_kms": None if self.entry_speed_final is None else self.entry_speed_final / 1e3,
            "venus_flyby": None if self.flyby is None else self.flyby.to_dict(),
        }


@dataclass(frozen=True)
class RoundTrip:
    """Earth -> Mars, stay, Mars -> Earth.  Epochs TDB s, durations s, delta-v m/s."""

    mission_class: str
    outbound: Leg
    return_leg: Leg
    warnings: tuple = ()  # validity warnings ({code, field, message}): :func:`trip_warnings`

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
            "entry_speed_final_kms": None if r.entry_speed_final is None else r.entry_speed_final / 1e3,
            "venus_flyby": None if fb is None else {"leg": self.venus, **fb.to_dict()},
            "outbound": o.to_dict(),
            "return": r.to_dict(),
            "warnings": list(self.warnings),
        }


# --------------------------------------------------------------------------- search state


@dataclass(frozen=True)
class SearchGrid:
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
    _grid: SearchGrid = field(repr=False, compare=False)
    warnings: tuple = ()  # the search's input warnings (:func:`.roundtrip_search.search_warnings`)

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
            "warnings": list(self.warnings),
        }



def _flyby_detail(grid: SearchGrid, planet_v, f_abs, v_in_helio, v_out_helio):
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


def _rebuild(grid: SearchGrid, mission_class: str, a: int, jj: int, s: int, kk: int, variant: int = 0) -> RoundTrip:
    return _rebuild_many(grid, [(mission_class, a, jj, s, kk, variant)])[0]


def _rebuild_many(grid: SearchGrid, picks) -> list[RoundTrip]:
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
        v_entry = float(entry_speed(vinf_a, o["entry_altitude"]))
        dv_earth = float(o["arr_earth"](np.array(vinf_a)))
        leg_ret = Leg("Mars", "Earth", t(d), t(e), vinf_d, vinf_a, float(o["dep_mars"](np.array(vinf_d))), dv_earth,
                      fb, v_entry, v_entry - dv_earth if o["earth_arrival"] == "entry" else None)
        trip = RoundTrip(c, leg_out, leg_ret)
        trips.append(RoundTrip(c, leg_out, leg_ret, trip_warnings(trip)))
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
