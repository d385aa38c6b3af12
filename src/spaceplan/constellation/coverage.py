"""Coverage engine: satellites in view, coverage fraction and gaps over ground point sets.

Model (Larson & Wertz, *Space Mission Analysis and Design* (SMAD) 3rd ed. 1999, sec. 5.2,
eqs. 5-16 to 5-19): a satellite at geocentric distance r is seen from a ground point at
elevation >= eps exactly when the Earth central angle between the point and the sub-satellite
point is <= lambda_max, with

    sin(eta_max) = (R / r) cos(eps),   lambda_max = 90 deg - eps - eta_max,

i.e. when the dot product of the two geocentric unit vectors is >= cos(lambda_max).  R is the
WGS 84 geocentric radius under the satellite, R(psi) = a b / sqrt(b^2 cos^2 psi + a^2 sin^2 psi)
at the sub-satellite geocentric latitude psi (a sphere of the equatorial radius would put
polar ground points 21 km too high and understate their elevation by up to ~1 deg).  What is
left out: the radius change across the cap (a few km) and the tilt of the geodetic vertical
from the geocentric one (<= 0.19 deg), i.e. elevations are right to ~0.2 deg.  Ground points
sit on the WGS 84 ellipsoid, their direction is geocentric.

Algorithm (not brute force): per time step, each satellite visits only the lat/lon buckets of
ground points its coverage cap can reach (see :mod:`._kernels`); per-point running counters
(covered steps, current and longest gap, histogram of satellites in view) are updated in a
parallel numba kernel, time steps are streamed in chunks (memory ~ chunk x N x 3 + M x bins).
Gaps are counted in whole time steps: a gap of k uncovered samples is reported as k x step.
Gaps that touch the start or the end of the window are clipped to it and counted like the others
(so the mean gap of a point is biased low when its gaps are long against the window, and a point
never covered reports the window length): run a window several revisit times long.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np

from spaceplan.core.regions import GroundPoints, global_grid
from spaceplan.constellation.shells import Constellation, WalkerShell, ecef_chunks, shell_warnings
from spaceplan.core.constants import EARTH_FLATTENING, EARTH_RADIUS
from spaceplan.core.errors import ImpossibleOrbitError, InputError, require_range
from spaceplan.core.validity import REFUSE, Bound, Envelope, check, physical

_POLAR_RADIUS = EARTH_RADIUS * (1.0 - EARTH_FLATTENING)  # m, WGS 84 b


# --- geometry shared by the engine and the brute-force reference ----------------------------


def ground_unit_vectors(ground: GroundPoints) -> np.ndarray:
    """Geocentric unit vectors (M, 3) of the ground points (WGS 84 geodetic lat/lon, h = 0)."""
    from spaceplan.core.frames import geodetic_to_ecef

    r = geodetic_to_ecef(ground.lat, ground.lon, 0.0)
    return r / np.sqrt(r[:, 0] * r[:, 0] + r[:, 1] * r[:, 1] + r[:, 2] * r[:, 2])[:, None]


def surface_radius(sin_geocentric_latitude) -> np.ndarray:
    """WGS 84 geocentric radius (m) of the surface at geocentric latitude psi, from sin(psi)."""
    s2 = np.asarray(sin_geocentric_latitude, dtype=float) ** 2
    return EARTH_RADIUS * _POLAR_RADIUS / np.sqrt(_POLAR_RADIUS**2 * (1.0 - s2) + EARTH_RADIUS**2 * s2)


EARTH_MODELS = ("wgs84", "sphere")


def satellite_caps(ecef, min_elevation_rad: float, earth: str = "wgs84"):
    """(unit vectors, cos(lambda_max), lambda_max) of ECEF positions (..., 3) m (SMAD eq. 5-16..5-19).

    ``earth="wgs84"``: the surface radius under each satellite (module docstring);
    ``"sphere"``: SMAD's sphere of the equatorial radius (for comparisons with the analytic
    formulas of :mod:`spaceplan.constellation.geometry`).
    """
    if earth not in EARTH_MODELS:
        raise InputError("earth", f"unknown Earth model {earth!r}", ", ".join(EARTH_MODELS))
    r = np.asarray(ecef, dtype=float)
    rn = np.sqrt(r[..., 0] * r[..., 0] + r[..., 1] * r[..., 1] + r[..., 2] * r[..., 2])
    # a non-finite position is a satellite that could not be propagated at that epoch (e.g. an SGP4
    # error for a decayed object): it sees nothing (cos lambda = 2, an empty cap); coverage counts them
    missing = ~np.isfinite(rn)
    if missing.any():
        r = np.where(missing[..., None], [0.0, 0.0, 1.0e7], r)
        rn = np.where(missing, 1.0e7, rn)
    u = r / rn[..., None]
    radius = surface_radius(u[..., 2]) if earth == "wgs84" else np.full(rn.shape, EARTH_RADIUS)
    if np.any(rn <= radius):
        raise ImpossibleOrbitError("satellite positions", "a satellite is below the Earth surface",
                                   "geocentric distance above the WGS 84 surface")
    eta = np.arcsin(radius * math.cos(min_elevation_rad) / rn)
    lam = np.where(missing, 0.0, 0.5 * math.pi - min_elevation_rad - eta)
    return u, np.where(missing, 2.0, np.cos(lam)), lam


@dataclass(frozen=True)
class GroundIndex:
    """Ground unit vectors sorted into lat/lon buckets (CSR), and the permutation used."""

    pts_u: np.ndarray  # (M, 3), bucket order
    order: np.ndarray  # pts_u[i] = original point order[i]
    bucket_start: np.ndarray
    nlat: int
    nlon: int

    @classmethod
    def build(cls, ground: GroundPoints, bucket_deg: float = 1.0) -> "GroundIndex":
        u = ground_unit_vectors(ground)
        nlat = max(1, int(round(180.0 / bucket_deg)))
        nlon = 2 * nlat
        lat = np.arcsin(np.clip(u[:, 2], -1.0, 1.0))
        lon = np.arctan2(u[:, 1], u[:, 0])
        i = np.clip(np.floor((lat + 0.5 * np.pi) / (np.pi / nlat)).astype(np.int64), 0, nlat - 1)
        j = np.clip(np.floor((lon + np.pi) / (2 * np.pi / nlon)).astype(np.int64), 0, nlon - 1)
        b = i * nlon + j
        order = np.argsort(b, kind="stable")
        start = np.zeros(nlat * nlon + 1, dtype=np.int64)
        np.cumsum(np.bincount(b, minlength=nlat * nlon), out=start[1:])
        return cls(np.ascontiguousarray(u[order]), order, start, nlat, nlon)


def _blocks() -> int:
    import numba

    return max(1, numba.get_num_threads())


class _BucketCounter:
    """Any point set: CSR lat/lon buckets, each satellite visits the buckets its cap can reach."""

    def __init__(self, ground: GroundPoints, bucket_deg: float = 1.0):
        self.idx = GroundIndex.build(ground, bucket_deg)
        m = ground.size
        self.width = m
        self.gather = np.empty(m, dtype=np.int64)
        self.gather[self.idx.order] = np.arange(m)  # original point p sits at bucket slot gather[p]

    def chunk(self, u, c, lam) -> np.ndarray:
        from spaceplan.constellation._kernels import bucket_counts_chunk

        idx = self.idx
        counts = np.empty((u.shape[0], self.width), dtype=np.int32)
        bucket_counts_chunk(u, c, lam, idx.pts_u, idx.bucket_start, idx.nlat, idx.nlon, counts)
        return counts


class _GridCounter:
    """Points of a global lat/lon grid: run-length counting over the full grid, then gather."""

    def __init__(self, ground: GroundPoints):
        nlat, nlon = ground.grid_shape
        res = math.degrees(ground.resolution_rad)
        full = global_grid(res)
        self.pts_u = np.ascontiguousarray(ground_unit_vectors(full))
        rows = self.pts_u[::nlon]
        self.row_sin = np.ascontiguousarray(rows[:, 2])
        self.row_cos = np.ascontiguousarray(np.sqrt(rows[:, 0] ** 2 + rows[:, 1] ** 2))
        self.pad = int(0.2 / res) + 2  # geodetic vs geocentric latitude differ by < 0.2 deg
        self.nlat, self.nlon = nlat, nlon
        self.width = nlat * nlon
        self.diff = np.zeros((0, nlat, nlon + 1), dtype=np.int32)
        self.gather = np.ascontiguousarray(ground.grid_index.astype(np.int64))

    def chunk(self, u, c, lam) -> np.ndarray:
        from spaceplan.constellation._kernels import grid_counts_chunk

        t = u.shape[0]
        if self.diff.shape[0] < t:
            self.diff = np.zeros((t, self.nlat, self.nlon + 1), dtype=np.int32)
        counts = np.empty((t, self.width), dtype=np.int32)
        grid_counts_chunk(u, c, lam, self.pts_u, self.row_sin, self.row_cos, self.pad, self.nlat, self.nlon,
                          self.diff, counts)
        return counts


def _counter(ground: GroundPoints, method: str = "auto", bucket_deg: float | None = None):
    if method not in ("auto", "grid", "bucket"):
        raise InputError("method", f"unknown method {method!r}", "auto, grid, bucket")
    if method != "bucket" and ground.grid_shape is not None and ground.grid_index is not None:
        return _GridCounter(ground)
    if method == "grid":
        raise InputError("method", "grid counting needs points of a global grid", "bucket for other point sets")
    if bucket_deg is None:
        res = math.degrees(ground.resolution_rad) if ground.resolution_rad else 1.0
        bucket_deg = min(max(res, 1.0), 5.0)
    return _BucketCounter(ground, bucket_deg)


def _chunk_steps(width: int, requested: int) -> int:
    """Steps per chunk so that the (steps x cells) int32 buffers stay below ~64 MB."""
    return int(max(1, min(requested, 8_000_000 // max(width, 1))))


def visibility_counts(ecef, ground: GroundPoints, min_elevation_rad: float, method: str = "auto",
                      earth: str = "wgs84") -> np.ndarray:
    """Satellites in view (T, M) int32 for ECEF positions (T, N, 3), with the engine's kernels."""
    ecef = np.asarray(ecef, dtype=float)
    if ecef.ndim == 2:
        ecef = ecef[None]
    counter = _counter(ground, method)
    u, c, lam = satellite_caps(ecef, min_elevation_rad, earth)
    return counter.chunk(np.ascontiguousarray(u), np.ascontiguousarray(c), np.ascontiguousarray(lam))[:, counter.gather]


def brute_force_counts(ecef, ground: GroundPoints, min_elevation_rad: float, earth: str = "wgs84") -> np.ndarray:
    """Reference: every (point, satellite) pair tested with numpy, same criterion and arithmetic."""
    ecef = np.asarray(ecef, dtype=float)
    if ecef.ndim == 2:
        ecef = ecef[None]
    g = ground_unit_vectors(ground)
    u, c, _ = satellite_caps(ecef, min_elevation_rad, earth)
    out = np.empty((ecef.shape[0], g.shape[0]), dtype=np.int32)
    block = max(1, 2_000_000 // max(1, ecef.shape[1]))
    for t in range(ecef.shape[0]):
        for p0 in range(0, g.shape[0], block):
            gp = g[p0:p0 + block]
            d = gp[:, 0:1] * u[t, :, 0] + gp[:, 1:2] * u[t, :, 1] + gp[:, 2:3] * u[t, :, 2]
            out[t, p0:p0 + block] = np.count_nonzero(d >= c[t], axis=1)
    return out


# --- results ---------------------------------------------------------------------------------


def weighted_percentile(values, weights, q) -> np.ndarray:
    """Percentiles q (0-100) of ``values`` with ``weights`` (inverted weighted CDF, lower value)."""
    values, weights = np.asarray(values, float), np.asarray(weights, float)
    order = np.argsort(values)
    cdf = np.cumsum(weights[order])
    cdf /= cdf[-1]
    idx = np.searchsorted(cdf, np.asarray(q, float) / 100.0 - 1e-12, side="left")
    return values[order][np.clip(idx, 0, len(values) - 1)]


ENVELOPE = Envelope("the coverage count", outputs=(
    physical("covered_fraction", "fraction", "covered fraction"), physical("area_covered_t", "fraction", "area covered"),
    Bound("mean_in_view", 0.0, None, REFUSE, "unphysical", label="satellites in view", why="a count"),
    physical("max_gap_s", "time", "longest gap")))

@dataclass(frozen=True)
class CoverageResult:
    """Coverage statistics of one constellation over one ground point set and time grid."""

    constellation: str
    satellites: int
    region: str
    min_elevation_rad: float
    min_sats: int
    start_tdb: float
    step_s: float
    steps: int
    ground: GroundPoints = field(repr=False)
    covered_fraction: np.ndarray = field(repr=False)  # (M,) time fraction with >= min_sats in view
    mean_in_view: np.ndarray = field(repr=False)  # (M,)
    max_gap_s: np.ndarray = field(repr=False)  # (M,) longest run of uncovered samples x step
    mean_gap_s: np.ndarray = field(repr=False)  # (M,) 0 where no gap
    in_view_hist: np.ndarray = field(repr=False)  # (bins,) area-and-time-weighted fractions; last bin = ">= bins-1"
    area_covered_t: np.ndarray = field(repr=False)  # (T,) area fraction covered at each step
    mean_in_view_t: np.ndarray = field(repr=False)  # (T,)
    wall_s: float = 0.0
    missing_satellite_steps: int = 0  # satellite-epochs without a position (e.g. SGP4 errors): never in view
    warnings: tuple = ()

    @property
    def _w(self) -> np.ndarray:
        return self.ground.weight / np.sum(self.ground.weight)

    @property
    def coverage_fraction(self) -> float:
        """Area- and time-averaged fraction covered (>= min_sats in view)."""
        return float(np.sum(self._w * self.covered_fraction))

    @property
    def continuous_area_fraction(self) -> float:
        """Area fraction covered at every time step."""
        return float(np.sum(self._w[self.covered_fraction >= 1.0]))

    @property
    def mean_sats_in_view(self) -> float:
        return float(np.sum(self._w * self.mean_in_view))

    @property
    def max_gap(self) -> float:
        return float(np.max(self.max_gap_s))

    def in_view_percentile(self, q) -> np.ndarray:
        cdf = np.cumsum(self.in_view_hist)
        return np.searchsorted(cdf, np.asarray(q, float) / 100.0 - 1e-12, side="left")

    def gap_percentile(self, q) -> np.ndarray:
        """Area-weighted percentiles of the per-point longest gap (s)."""
        return weighted_percentile(self.max_gap_s, self._w, q)

    def to_dict(self) -> dict:
        from spaceplan.core.time import tdb_to_iso

        p = self.in_view_percentile([5, 50, 95])
        g = self.gap_percentile([50, 90, 99])
        out = {
            "constellation": self.constellation,
            "satellites": self.satellites,
            "region": self.region,
            "points": self.ground.size,
            "area_km2": self.ground.area_km2 if self.ground.labels is None else None,
            "min_elevation_deg": math.degrees(self.min_elevation_rad),
            "min_sats": self.min_sats,
            "start_utc": tdb_to_iso(self.start_tdb),
            "step_s": self.step_s,
            "steps": self.steps,
            "duration_h": self.step_s * self.steps / 3600.0,
            "coverage_fraction": self.coverage_fraction,
            "warnings": list(self.warnings),
            "continuous_area_fraction": self.continuous_area_fraction,
            "mean_sats_in_view": self.mean_sats_in_view,
            "min_sats_in_view": int(np.flatnonzero(self.in_view_hist > 0)[0]) if np.any(self.in_view_hist > 0) else 0,
            "sats_in_view_p5": int(p[0]),
            "sats_in_view_p50": int(p[1]),
            "sats_in_view_p95": int(p[2]),
            "max_gap_min": self.max_gap / 60.0,
            "point_max_gap_p50_min": float(g[0]) / 60.0,
            "point_max_gap_p90_min": float(g[1]) / 60.0,
            "point_max_gap_p99_min": float(g[2]) / 60.0,
            "wall_s": self.wall_s,
            "missing_satellite_steps": self.missing_satellite_steps,
        }
        if self.ground.labels is not None:
            out["points_detail"] = [
                {"name": n, "lat_deg": math.degrees(la), "lon_deg": math.degrees(lo), "coverage_fraction": cf,
                 "mean_sats_in_view": mv, "max_gap_min": mg / 60.0}
                for n, la, lo, cf, mv, mg in zip(self.ground.labels, self.ground.lat, self.ground.lon,
                                                 self.covered_fraction, self.mean_in_view, self.max_gap_s)
            ]
        return out


# --- the engine ------------------------------------------------------------------------------

Source = Constellation | WalkerShell | Callable[[np.ndarray], np.ndarray]


MAX_POINTS = 2_000_000  # per-point counters and histogram: ~300 bytes a point -> 0.6 GB
MAX_POINT_STEPS = 2e9  # ground points x time steps: ~20x the 1 deg world grid over a day at 60 s


def check_size(points: int, steps: int, points_field: str = "ground points", steps_field: str = "tdb",
               runs: int = 1) -> None:
    """Refuse a coverage run beyond :data:`MAX_POINTS` points or :data:`MAX_POINT_STEPS` point-steps.

    Memory grows with the points (running counters, in-view histogram), time with points x steps
    (x ``runs`` when several constellations or regions share a command).
    """
    from spaceplan.core.errors import require_size

    require_size(points_field, float(points), MAX_POINTS, "ground points", "a coarser grid or a smaller region")
    require_size(steps_field, float(points) * float(steps) * runs, MAX_POINT_STEPS, "point-steps",
                 "a longer step, a shorter window or a coarser grid",
                 f"{points} ground points x {steps} time steps" + (f" x {runs} runs" if runs > 1 else ""))


def time_grid(start_tdb: float, duration_s: float, step_s: float) -> np.ndarray:
    """The coverage window [start, start + duration) sampled every step: floor(duration / step) epochs
    (:func:`spaceplan.core.time.epoch_grid` with ``duration_s``), within the ranges coverage accepts."""
    from spaceplan.core.time import epoch_grid

    require_range("step_s", step_s, 1e-3, 1e6, "s")
    require_range("duration_s", duration_s, step_s, 1e9, "s")
    return epoch_grid(start_tdb, step_s, duration_s=duration_s, field="coverage window")


def _chunks(source, tdb, chunk_steps):
    if isinstance(source, (Constellation, WalkerShell)):
        for _, r in ecef_chunks(source, tdb, chunk_steps):
            yield r
    elif callable(source):
        for s in range(0, len(tdb), chunk_steps):
            yield np.asarray(source(tdb[s:s + chunk_steps]), dtype=float)
    else:
        raise InputError("source", f"cannot propagate {type(source).__name__}",
                         "a Constellation, a WalkerShell or a callable tdb (T,) -> ECEF (T, N, 3) m")


def coverage(
    source: Source,
    ground: GroundPoints,
    tdb,
    min_elevation_rad: float = math.radians(25.0),
    min_sats: int = 1,
    *,
    chunk_steps: int = 32,
    method: str = "auto",
    hist_bins: int = 64,
    progress: Callable[[int, int], None] | None = None,
    name: str | None = None,
    earth: str = "wgs84",
) -> CoverageResult:
    """Run the coverage engine over the epochs ``tdb`` (uniform step, TDB s past J2000).

    ``earth``: ``"wgs84"`` (surface radius under each satellite) or ``"sphere"`` (SMAD's
    sphere, as the analytic formulas of :mod:`spaceplan.constellation.geometry`).

    ``source``: a :class:`Constellation` / :class:`WalkerShell` (circular Walker + J2, GMST to
    ECEF), or a callable returning ECEF positions (T, N, 3) m for a chunk of epochs (e.g. SGP4).
    ``progress(done_steps, total_steps)`` is called after each chunk.
    """
    import time

    from spaceplan.constellation._kernels import STATS_BLOCKS, update_stats_chunk

    t_wall = time.perf_counter()
    tdb = np.atleast_1d(np.asarray(tdb, dtype=float))
    require_range("min_elevation_deg", math.degrees(min_elevation_rad), 0.0, 89.0, "deg")
    if int(min_sats) != min_sats or min_sats < 1:
        raise InputError("min_sats", f"got {min_sats!r}", "integer >= 1")
    if tdb.size < 1:
        raise InputError("tdb", "empty time grid", ">= 1 epoch")
    step = float(tdb[1] - tdb[0]) if tdb.size > 1 else 0.0
    if tdb.size > 1 and not np.allclose(np.diff(tdb), step, rtol=0, atol=1e-6 * max(step, 1)):
        raise InputError("tdb", "time grid is not uniform", "equally spaced epochs")
    check_size(ground.size, tdb.size)
    counter = _counter(ground, method)
    chunk_steps = _chunk_steps(counter.width, chunk_steps)
    m = ground.size
    weight = np.ascontiguousarray(ground.weight / np.sum(ground.weight))
    covered = np.zeros(m, np.int64)
    cur_gap = np.zeros(m, np.int64)
    max_gap = np.zeros(m, np.int64)
    n_gaps = np.zeros(m, np.int64)
    sum_gap = np.zeros(m, np.int64)
    sum_count = np.zeros(m, np.int64)
    hist = np.zeros((m, hist_bins), np.int32)
    area_t = np.empty(tdb.size)
    mean_t = np.empty(tdb.size)
    n_sat = 0
    done = 0
    missing = 0
    for chunk in _chunks(source, tdb, chunk_steps):
        missing += int(np.count_nonzero(~np.isfinite(chunk).all(axis=-1)))
        u, c, lam = satellite_caps(chunk, min_elevation_rad, earth)
        n_sat = chunk.shape[1]
        counts = counter.chunk(np.ascontiguousarray(u), np.ascontiguousarray(c), np.ascontiguousarray(lam))
        nt = counts.shape[0]
        area_part = np.empty((STATS_BLOCKS, nt))
        mean_part = np.empty((STATS_BLOCKS, nt))
        update_stats_chunk(counts, counter.gather, weight, int(min_sats), covered, cur_gap, max_gap, n_gaps,
                           sum_gap, sum_count, hist, area_part, mean_part)
        area_t[done:done + nt] = area_part.sum(axis=0)
        mean_t[done:done + nt] = mean_part.sum(axis=0)
        done += nt
        if progress is not None:
            progress(done, tdb.size)
    if done != tdb.size:
        raise InputError("source", f"produced {done} epochs for {tdb.size} requested", "one ECEF row per epoch")
    # close gaps still open at the end of the window
    open_gap = cur_gap > 0
    n_gaps[open_gap] += 1
    sum_gap[open_gap] += cur_gap[open_gap]
    max_gap = np.maximum(max_gap, cur_gap)
    h = (weight[:, None] * hist).sum(axis=0) / tdb.size
    sat_label = getattr(source, "name", None) or name or "satellites"
    check(ENVELOPE, covered_fraction=covered / tdb.size, area_covered_t=area_t, mean_in_view=sum_count / tdb.size,
          max_gap_s=max_gap * step)
    return CoverageResult(
        constellation=name or sat_label,
        satellites=int(getattr(source, "count", n_sat)),
        region=ground.name,
        min_elevation_rad=float(min_elevation_rad),
        min_sats=int(min_sats),
        start_tdb=float(tdb[0]),
        step_s=step,
        steps=int(tdb.size),
        ground=ground,
        covered_fraction=covered / tdb.size,
        mean_in_view=sum_count / tdb.size,
        max_gap_s=max_gap * step,
        mean_gap_s=np.where(n_gaps > 0, sum_gap / np.maximum(n_gaps, 1), 0.0) * step,
        in_view_hist=h,
        area_covered_t=area_t,
        mean_in_view_t=mean_t,
        wall_s=time.perf_counter() - t_wall,
        missing_satellite_steps=missing,
        warnings=shell_warnings(source),
    )


# --- comparison ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """Side-by-side coverage of several constellations (one result per constellation and region)."""

    constellations: tuple[Constellation, ...]
    results: tuple[tuple[CoverageResult, ...], ...]  # [constellation][region]

    def to_dict(self) -> dict:
        rows = []
        for const, res in zip(self.constellations, self.results):
            row = {"constellation": const.name, "key": const.key, "satellites": const.count,
                   "shells": len(const.shells), "regions": {}}
            for r in res:
                row["regions"][r.region] = {
                    "coverage_fraction": r.coverage_fraction,
                    "continuous_area_fraction": r.continuous_area_fraction,
                    "mean_sats_in_view": r.mean_sats_in_view,
                    "max_gap_min": r.max_gap / 60.0,
                }
            rows.append(row)
        first = self.results[0][0]
        return {"min_elevation_deg": math.degrees(first.min_elevation_rad), "step_s": first.step_s,
                "steps": first.steps, "constellations": rows}


def compare(constellations: Iterable[Constellation], regions: Iterable[GroundPoints], tdb,
            min_elevation_rad: float = math.radians(25.0), min_sats: int = 1,
            progress: Callable[[int, int], None] | None = None) -> Comparison:
    """Run :func:`coverage` for every constellation over every region."""
    consts = tuple(constellations)
    regs = tuple(regions)
    total = len(consts) * len(regs)
    out = []
    k = 0
    for const in consts:
        row = []
        for reg in regs:
            row.append(coverage(const, reg, tdb, min_elevation_rad, min_sats))
            k += 1
            if progress is not None:
                progress(k, total)
        out.append(tuple(row))
    return Comparison(consts, tuple(out))
