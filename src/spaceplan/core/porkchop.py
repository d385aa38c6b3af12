"""Porkchop grids: departure date x arrival date -> launch energy, asymptote and arrival speed.

For each pair of dates the heliocentric zero-revolution prograde Lambert arc
(Izzo 2015, ``spaceplan.core.lambert_kernel.lambert_izzo``) joins the departure body's
DE421 position to the arrival body's.  With v1, v2 the arc's end velocities and
V_dep, V_arr the bodies' heliocentric velocities (patched conics, Bate, Mueller
& White 1971, ch. 8; Sergeyevsky, Snyder & Cunniff, JPL Publication 82-43, 1983):

* departure hyperbolic excess vector  v_inf = v1 - V_dep,  C3 = |v_inf|^2;
* declination / right ascension of the launch asymptote (DLA, RLA) are the
  angles of v_inf in the ephemeris frame, the ICRF (Earth mean equator of
  J2000), i.e. directly the Earth-equatorial angles launch planners use;
* arrival v-infinity  |v2 - V_arr|.

Transfer type: type I below 180 deg of heliocentric transfer angle, type II
above, the angle measured in the sense of the departure body's orbital angular
momentum (not the ICRF z axis).  Every cell holds one prograde transfer, of one
type; the other type's entry is flagged ``OTHER_TYPE``.  Cells with arrival
before departure, a time of flight outside the bounds, a 0/180-deg geometry or
no solution are masked (NaN) and flagged in ``status``: never silent NaN.

Validity envelope: dates outside DE421 (1899-07-29 to 2053-10-09; Folkner et al. 2008, JPL IOM 343R-08-003)
are refused by :mod:`spaceplan.core.ephemeris`.  Only zero-revolution arcs are solved: a grid whose longest
flight exceeds :func:`zero_rev_tof_limit` (one period of the Hohmann ellipse between the two mean orbits;
N = 1 revolution solutions exist only above a minimum time of flight of about that length, Izzo 2015,
sec. 2) warns (``warnings``, field ``arrival dates``): there a one-revolution transfer, not computed, may be
cheaper than the cells show.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Callable

import numpy as np

from spaceplan.core.constants import DAY, SUN, body
from spaceplan.core.errors import InputError
from spaceplan.core import porkchop_kernel
from spaceplan.core.validity import Bound, Envelope, check

TYPES = ("I", "II")
KM2 = 1.0e6  # m^2/s^2 per km^2/s^2


class CellStatus(IntEnum):
    """Why a porkchop cell holds a value or not (0-4 as ``core.lambert.LambertStatus``)."""

    OK = porkchop_kernel.OK
    NO_SOLUTION = porkchop_kernel.NO_SOLUTION
    DEGENERATE = porkchop_kernel.DEGENERATE
    BAD_TOF = porkchop_kernel.BAD_TOF
    NOT_CONVERGED = porkchop_kernel.NOT_CONVERGED
    OTHER_TYPE = porkchop_kernel.OTHER_TYPE
    TOF_OUT_OF_RANGE = porkchop_kernel.TOF_OUT_OF_RANGE
    NEAR_180 = porkchop_kernel.NEAR_180


@dataclass(frozen=True)
class TransferPoint:
    """One ballistic transfer (a porkchop cell or a refined optimum), SI units."""

    transfer_type: str  # "I" or "II"
    departure_tdb: float
    arrival_tdb: float
    c3: float  # m^2/s^2
    vinf_arrival: float  # m/s
    dla: float  # rad, declination of the launch asymptote (ICRF / Earth equator J2000)
    rla: float  # rad, right ascension of the launch asymptote

    @property
    def tof(self) -> float:
        return self.arrival_tdb - self.departure_tdb

    def to_dict(self) -> dict:
        from spaceplan.core.time import tdb_to_iso

        return {
            "type": self.transfer_type,
            "departure_utc": tdb_to_iso(self.departure_tdb),
            "arrival_utc": tdb_to_iso(self.arrival_tdb),
            "tof_days": self.tof / DAY,
            "c3_km2s2": self.c3 / KM2,
            "vinf_departure_kms": float(np.sqrt(self.c3)) / 1e3,
            "vinf_arrival_kms": self.vinf_arrival / 1e3,
            "dla_deg": float(np.degrees(self.dla)),
            "rla_deg": float(np.degrees(self.rla)),
        }


@dataclass(frozen=True, eq=False)
class Porkchop:
    """A porkchop grid.  Field arrays have shape (2, n_departure, n_arrival): [0] type I, [1] type II.

    Fields are float32 in SI (C3 m^2/s^2, v-infinity m/s, angles rad) to halve memory;
    ``status`` (int8, :class:`CellStatus`) says why a masked cell is NaN.
    """

    departure_body: str
    arrival_body: str
    departure_tdb: np.ndarray  # (n_dep,)
    arrival_tdb: np.ndarray  # (n_arr,)
    c3: np.ndarray
    vinf_arrival: np.ndarray
    dla: np.ndarray
    rla: np.ndarray
    status: np.ndarray
    tof_bounds: tuple[float, float]  # s
    ridge_deg: float = 0.0  # exclusion band around 180 deg (0: none)
    warnings: tuple = ()  # validity warnings ({code, field, message}): see the module docstring

    @property
    def shape(self) -> tuple[int, int]:
        return (self.departure_tdb.size, self.arrival_tdb.size)

    @property
    def tof(self) -> np.ndarray:
        """Time of flight (s), shape (n_dep, n_arr)."""
        return self.arrival_tdb[None, :] - self.departure_tdb[:, None]

    def vinf_departure(self) -> np.ndarray:
        """Departure v-infinity vectors (m/s, ICRF), shape (2, n_dep, n_arr, 3), from C3, DLA, RLA."""
        v = np.sqrt(self.c3.astype(float))
        d, a = self.dla.astype(float), self.rla.astype(float)
        return np.stack([v * np.cos(d) * np.cos(a), v * np.cos(d) * np.sin(a), v * np.sin(d)], axis=-1)

    def best_c3(self) -> np.ndarray:
        """Per cell the lower C3 of the two types (NaN where neither exists), (n_dep, n_arr)."""
        with np.errstate(invalid="ignore"):
            return np.fmin(self.c3[0], self.c3[1])

    def status_counts(self) -> dict[str, dict[str, int]]:
        """Number of cells per status, per type."""
        out = {}
        for k, name in enumerate(TYPES):
            codes, counts = np.unique(self.status[k], return_counts=True)
            out[name] = {CellStatus(int(c)).name.lower(): int(n) for c, n in zip(codes, counts)}
        return out

    def cell(self, transfer_type: str, i: int, j: int) -> TransferPoint:
        """The transfer of one cell (raises InputError if that cell has no transfer of this type)."""
        k = _type_index(transfer_type)
        if self.status[k, i, j] != CellStatus.OK:
            raise InputError("cell", f"({i}, {j}) type {TYPES[k]} is {CellStatus(int(self.status[k, i, j])).name}")
        return TransferPoint(TYPES[k], float(self.departure_tdb[i]), float(self.arrival_tdb[j]),
                             float(self.c3[k, i, j]), float(self.vinf_arrival[k, i, j]),
                             float(self.dla[k, i, j]), float(self.rla[k, i, j]))

    def min(self) -> dict[str, TransferPoint | None]:
        """The minimum-C3 cell of each type ({"I": ..., "II": ...}; None if a type has no cell)."""
        out: dict[str, TransferPoint | None] = {}
        for k, name in enumerate(TYPES):
            field = self.c3[k]
            if not np.any(self.status[k] == CellStatus.OK):
                out[name] = None
                continue
            i, j = np.unravel_index(int(np.nanargmin(field)), field.shape)
            out[name] = self.cell(name, int(i), int(j))
        return out

    def min_c3(self) -> TransferPoint:
        """The least-C3 cell over both transfer types (``InfeasibleError`` when no cell was solved)."""
        from spaceplan.core.errors import InfeasibleError

        best = [p for p in self.min().values() if p is not None]
        if not best:
            raise InfeasibleError("porkchop: no cell of the grid has a transfer; widen the date ranges or TOF bounds")
        return min(best, key=lambda p: p.c3)

    def to_frame(self):
        """The solved cells as a pandas DataFrame, one row per (type, departure, arrival), display units."""
        from spaceplan.core.results import frame
        from spaceplan.core.time import tdb_to_iso

        rows = []
        for k, name in enumerate(TYPES):
            i, j = np.nonzero(self.status[k] == CellStatus.OK)
            rows.append({"type": np.full(i.size, name), "departure_utc": tdb_to_iso(self.departure_tdb[i], "D"),
                         "arrival_utc": tdb_to_iso(self.arrival_tdb[j], "D"),
                         "tof_days": (self.arrival_tdb[j] - self.departure_tdb[i]) / DAY,
                         "c3_km2s2": self.c3[k][i, j] / KM2, "vinf_arrival_kms": self.vinf_arrival[k][i, j] / 1e3,
                         "dla_deg": np.degrees(self.dla[k][i, j]), "rla_deg": np.degrees(self.rla[k][i, j])})
        return frame({key: np.concatenate([r[key] for r in rows]) for key in rows[0]})

    def to_dict(self, grid: bool = False) -> dict:
        """Summary in display units; with ``grid=True`` also the fields (km^2/s^2, km/s, deg; null = masked)."""
        from spaceplan.core.time import tdb_to_iso

        minima = self.min()
        out = {
            "departure_body": self.departure_body,
            "arrival_body": self.arrival_body,
            "shape": list(self.shape),
            "departure_utc": [tdb_to_iso(self.departure_tdb[0]), tdb_to_iso(self.departure_tdb[-1])],
            "arrival_utc": [tdb_to_iso(self.arrival_tdb[0]), tdb_to_iso(self.arrival_tdb[-1])],
            "tof_bounds_days": [self.tof_bounds[0] / DAY, self.tof_bounds[1] / DAY],
            "ridge_exclusion_deg": self.ridge_deg,
            "minimum_c3": {name: (p.to_dict() if p else None) for name, p in minima.items()},
            "cells": self.status_counts(),
            "warnings": list(self.warnings),
        }
        if grid:
            def rounded(a, scale, nd):
                return np.round(a.astype(float) * scale, nd)

            out["grid"] = {
                "departure_utc": list(tdb_to_iso(self.departure_tdb)),
                "arrival_utc": list(tdb_to_iso(self.arrival_tdb)),
                "tof_days": np.round(self.tof / DAY, 4),
                "types": list(TYPES),
                "c3_km2s2": rounded(self.c3, 1 / KM2, 4),
                "vinf_arrival_kms": rounded(self.vinf_arrival, 1e-3, 4),
                "dla_deg": rounded(self.dla, 180 / np.pi, 3),
                "rla_deg": rounded(self.rla, 180 / np.pi, 3),
                "status": self.status,
                "status_codes": {s.name.lower(): int(s) for s in CellStatus},
            }
        return out


def zero_rev_tof_limit(dep_body: str, arr_body: str) -> float | None:
    """One period (s) of the Hohmann ellipse between the two bodies' mean heliocentric orbits: above about this
    time of flight one-revolution Lambert solutions exist (Izzo 2015, sec. 2), which the zero-revolution search
    leaves out.  None when a body has no heliocentric orbit of its own (the Moon)."""
    a1, a2 = body(dep_body).sma, body(arr_body).sma
    if a1 <= 0 or a2 <= 0:
        return None
    a = 0.5 * (a1 + a2)
    return float(2.0 * np.pi * np.sqrt(a ** 3 / SUN.gm))


def tof_envelope(dep_body: str, arr_body: str, label: str = "tof_max") -> Envelope:
    """The zero-revolution Lambert search's envelope on the longest time of flight (warn beyond
    :func:`zero_rev_tof_limit`)."""
    limit = zero_rev_tof_limit(dep_body, arr_body)
    inputs = () if limit is None else (
        Bound("tof_max_s", None, limit, code="beyond_zero_revolution", unit="d", scale=1 / DAY, label=label,
              why="one period of the Hohmann ellipse: longer flights have one-revolution transfers, which the "
              "zero-revolution Lambert search does not consider"),)
    return Envelope("the zero-revolution transfer search", inputs=inputs)


def _type_index(transfer_type: str) -> int:
    key = str(transfer_type).upper().replace("TYPE", "").strip()
    if key not in TYPES:
        raise InputError("transfer_type", f"unknown transfer type {transfer_type!r}", "I or II")
    return TYPES.index(key)


def _as_dates(field: str, tdb) -> np.ndarray:
    arr = np.atleast_1d(np.asarray(tdb, dtype=float))
    if arr.ndim != 1 or arr.size == 0:
        raise InputError(field, "needs at least one date (1-D array of TDB seconds)")
    if not np.all(np.isfinite(arr)):
        raise InputError(field, "dates must be finite")
    if arr.size > 1 and np.any(np.diff(arr) <= 0):
        raise InputError(field, "dates must be strictly increasing")
    return arr


def check_bodies(dep_body: str, arr_body: str) -> tuple[str, str]:
    """Lower-case (departure, arrival) names of two different bodies other than the Sun, or InputError."""
    dep, arr = body(dep_body), body(arr_body)
    if dep.name == "Sun" or arr.name == "Sun":
        raise InputError("body", "the Sun is the central body of the transfer", "a planet, the Moon or EMB")
    if dep.name == arr.name:
        raise InputError("arrival body", f"same as the departure body ({dep.name})", "a different body")
    return dep.name.lower(), arr.name.lower()


def body_states(name: str, tdb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Heliocentric ICRF state (m, m/s) of a body at epochs, from DE421."""
    from spaceplan.core.ephemeris import state

    r, v = state(name, tdb, center="sun")
    return np.ascontiguousarray(r, dtype=float), np.ascontiguousarray(v, dtype=float)


def compute_fields(r_dep, v_dep, t_dep, r_arr, v_arr, t_arr, tof_bounds, dtype=np.float32,
                   chunk_cells: int = 250_000, progress: Callable[[int, int], None] | None = None,
                   ridge_deg: float = 0.0):
    """Run the kernel over departure rows in chunks; returns (c3, vinf_arr, dla, rla, status)."""
    nd, na = t_dep.size, t_arr.size
    h_dep = np.ascontiguousarray(np.cross(r_dep, v_dep))
    shape = (2, nd, na)
    c3 = np.empty(shape, dtype)
    vinf = np.empty(shape, dtype)
    dla = np.empty(shape, dtype)
    rla = np.empty(shape, dtype)
    status = np.empty(shape, np.int8)
    rows = max(1, int(chunk_cells) // max(na, 1))
    ridge_sin = float(np.sin(np.radians(ridge_deg)))
    kernel = porkchop_kernel.porkchop_rows if nd * na >= 4096 else porkchop_kernel.porkchop_rows_serial
    for row0 in range(0, nd, rows):
        row1 = min(nd, row0 + rows)
        kernel(r_dep, v_dep, h_dep, t_dep, r_arr, v_arr, t_arr, SUN.gm,
                               float(tof_bounds[0]), float(tof_bounds[1]), ridge_sin, row0, row1,
                               c3, vinf, dla, rla, status)
        if progress is not None:
            progress(row1 * na, nd * na)
    return c3, vinf, dla, rla, status


MAX_CELLS = 10_000_000  # 2 types x 17 bytes per cell: 340 MB of fields, ~2 s of Lambert solves on 2 cores


def check_cells(n_departures: int, n_arrivals: int, field: str = "departure x arrival dates",
                hint: str = "coarser dates") -> None:
    """Refuse a porkchop grid of more than :data:`MAX_CELLS` cells (count and limit in the message)."""
    from spaceplan.core.errors import require_size

    require_size(field, float(n_departures) * float(n_arrivals), MAX_CELLS, "porkchop cells", hint,
                 f"{n_departures:.4g} departures x {n_arrivals:.4g} arrivals")


def porkchop(
    dep_body: str,
    arr_body: str,
    departure_tdb,
    arrival_tdb,
    tof_bounds: tuple[float, float] | None = None,
    chunk_cells: int = 250_000,
    progress: Callable[[int, int], None] | None = None,
    ridge_deg: float = 0.0,
) -> Porkchop:
    """Porkchop grid between two bodies for departure x arrival epochs (TDB s past J2000).

    ``tof_bounds`` (s): cells whose time of flight falls outside are not solved
    (flagged TOF_OUT_OF_RANGE); default: every positive time of flight.
    ``chunk_cells`` bounds the cells solved per kernel call (memory and progress
    granularity); results do not depend on it.  ``progress(done_cells, total_cells)``
    is called after each chunk.  ``ridge_deg`` > 0 masks (NEAR_180) transfers within
    that many degrees of 180 deg, whose plane is ill-conditioned.  Raises ``EphemerisRangeError`` outside DE421.
    """
    dep, arr = check_bodies(dep_body, arr_body)
    t_dep = _as_dates("departure dates", departure_tdb)
    t_arr = _as_dates("arrival dates", arrival_tdb)
    lo, hi = (0.0, np.inf) if tof_bounds is None else (float(tof_bounds[0]), float(tof_bounds[1]))
    if not (lo >= 0 and hi > lo):
        raise InputError("tof_bounds", f"got {lo / DAY:g} to {hi / DAY:g} days", "0 <= min < max")
    if t_arr[-1] <= t_dep[0]:
        raise InputError("arrival dates", "every arrival is before every departure", "arrivals after departures")
    if not 0.0 <= ridge_deg < 90.0:
        raise InputError("ridge_deg", f"got {ridge_deg}", "0 to 90 deg")
    if chunk_cells < 1:
        raise InputError("chunk_cells", f"got {chunk_cells}", ">= 1")
    check_cells(t_dep.size, t_arr.size)
    r_dep, v_dep = body_states(dep, t_dep)
    r_arr, v_arr = body_states(arr, t_arr)
    c3, vinf, dla, rla, status = compute_fields(r_dep, v_dep, t_dep, r_arr, v_arr, t_arr, (lo, hi),
                                                chunk_cells=chunk_cells, progress=progress, ridge_deg=ridge_deg)
    longest = min(hi, float(t_arr[-1] - t_dep[0]))
    warnings = check(tof_envelope(dep, arr, "arrival dates: longest flight"), tof_max_s=longest)
    return Porkchop(dep, arr, t_dep, t_arr, c3, vinf, dla, rla, status, (lo, hi), ridge_deg, warnings)


def transfer(dep_body: str, arr_body: str, departure_tdb: float, arrival_tdb: float) -> TransferPoint:
    """The prograde ballistic transfer between two dates (float64), with its type.

    Raises InputError when the dates give no transfer (arrival before departure,
    180-deg geometry, no convergence).
    """
    grid = single_cell(dep_body, arr_body, float(departure_tdb), float(arrival_tdb))
    for k in range(2):
        if grid[4][k, 0, 0] == CellStatus.OK:
            return TransferPoint(TYPES[k], float(departure_tdb), float(arrival_tdb), float(grid[0][k, 0, 0]),
                                 float(grid[1][k, 0, 0]), float(grid[2][k, 0, 0]), float(grid[3][k, 0, 0]))
    raise InputError("dates", f"no transfer: {CellStatus(int(grid[4][0, 0, 0])).name}")


def transfer_angle(dep_body: str, arr_body: str, departure_tdb: float, arrival_tdb: float) -> float:
    """Heliocentric transfer angle (rad, 0..2 pi) in the sense of the departure body's motion."""
    r1, v1 = body_states(body(dep_body).name.lower(), np.array([float(departure_tdb)]))
    r2, _ = body_states(body(arr_body).name.lower(), np.array([float(arrival_tdb)]))
    r1, v1, r2 = r1[0], v1[0], r2[0]
    angle = float(np.arccos(np.clip(np.dot(r1, r2) / np.linalg.norm(r1) / np.linalg.norm(r2), -1.0, 1.0)))
    return angle if np.dot(np.cross(r1, r2), np.cross(r1, v1)) >= 0 else 2 * np.pi - angle


def single_cell(dep_body, arr_body, t_dep, t_arr, ridge_deg=0.0):
    """The porkchop fields (``compute_fields``, float64) of one departure/arrival pair of TDB epochs."""
    dep, arr = check_bodies(dep_body, arr_body)
    td, ta = np.array([t_dep]), np.array([t_arr])
    r_dep, v_dep = body_states(dep, td)
    r_arr, v_arr = body_states(arr, ta)
    return compute_fields(r_dep, v_dep, td, r_arr, v_arr, ta, (0.0, np.inf), dtype=np.float64, ridge_deg=ridge_deg)
