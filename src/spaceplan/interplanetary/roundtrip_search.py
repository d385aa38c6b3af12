"""Crewed Mars round trips, part 2 of 3: the search (conjunction and opposition classes, patched conics).

An Earth->Mars leg and a Mars->Earth leg, each a zero-revolution Lambert arc
between DE421 planet centres, are chained by a stay at Mars; every leg is priced by
:class:`.roundtrip_options.LegCosts`.

The search never loops over the (arrival, outbound TOF, stay, return TOF)
combinations in Python: ``_roundtrip_kernels.combine_legs`` reduces, for every
Mars arrival day, the best return per "time from arrival to Earth" and
"return TOF", then sweeps outbound cells, giving the minimum total delta-v for
every total duration (the Pareto front) and every deep-space time.

Optionally one leg flies by Venus (Earth->Venus->Mars or Mars->Venus->Earth)
with a powered or unpowered patched-conic flyby (:mod:`.flyby`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from spaceplan.core.constants import SUN, VENUS
from spaceplan.core.ephemeris import state
from spaceplan.core.errors import EphemerisRangeError, InfeasibleError, InputError
from spaceplan.core.lambert import solve_lambert_batch
from spaceplan.core.time import epoch_grid, utc_to_tdb
from spaceplan.core.validity import check, warning
from spaceplan.interplanetary import _roundtrip_kernels as _k
from spaceplan.interplanetary.roundtrip_options import MISSION_CLASSES, LegCosts, RoundTripOptions
from spaceplan.interplanetary.roundtrip_results import (ClassCurves, RoundTripSearch, SearchGrid, _rebuild_many,
                                                        _utc)

EPHEMERIS_SPAN = ("1899-08-01", "2053-10-01")  # DE421, with margin


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
    costs = LegCosts(opts)
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

    grid = SearchGrid(g, out_src, ret_src, venus_out, venus_in,
                 {"dep_earth": costs.dep_earth, "arr_mars": costs.arr_mars, "dep_mars": costs.dep_mars,
                  "arr_earth": costs.arr_earth, "entry_altitude": opts.entry_altitude, "flyby": opts.flyby,
                  "earth_arrival": opts.earth_arrival,
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
                           tuple(curves), curves, pareto, opts.to_dict(), int(cells), grid, search_warnings(opts))


def search_warnings(opts: RoundTripOptions) -> tuple[dict, ...]:
    """The search's input envelope: refused inputs are refused by :class:`RoundTripOptions` and
    :func:`departure_window_tdb` (steps 0.5-10 d, flight times 0 < min < max, years 1900-2048 so the trip fits in
    DE421); warned: a transit range beyond one period of the Earth-Mars Hohmann ellipse (518 d: one-revolution
    transfers are not searched) and aerocapture at Mars (never flown at any planet: its zero insertion burn
    is a design assumption, not a demonstrated figure)."""
    from spaceplan.core.porkchop import tof_envelope

    found = check(tof_envelope("earth", "mars", "outbound_tof_days"), tof_max_s=opts.outbound_tof_s[1])
    found += check(tof_envelope("mars", "earth", "return_tof_days"), tof_max_s=opts.return_tof_s[1])
    if opts.mars_capture == "aerocapture":
        found += (warning("never_flown", "mars_capture", "mars_capture aerocapture has never been flown at any "
                          "planet: the free Mars orbit insertion is a design assumption"),)
    return found
