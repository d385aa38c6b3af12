"""The orbit-averaged density table shared by the thermosphere models (NRLMSIS 2.1, JB2008).

Numba kernels cannot call the thermosphere models, so propagation uses a
**density table**: log total mass density on a (time x altitude) grid, each
value the mean over eight points spread along an orbit of the given
inclination (latitude asin(sin i sin u) for eight arguments of latitude u) and
over eight local solar times (by default one per latitude, pairs that move with
UT; ``every_local_time``: all eight at each latitude, 64 points, see
:func:`orbit_samples`), i.e. diurnal and latitudinal structure are
averaged out while the day-to-day solar/geomagnetic driving, the semi-annual
variation and the altitude profile are kept.  The kernels
(:func:`spaceplan.core.density_kernel.table_density`) interpolate linearly in
time and log-linearly in altitude (10 km nodes below 200 km, 25 km above:
< 1 % error from the scale-height curvature).

:mod:`spaceplan.core.nrlmsis` and :mod:`spaceplan.core.jb2008` both build a
:class:`DensityTable` on the grid given here (:func:`time_nodes`,
:func:`altitude_nodes`, :func:`orbit_samples`), so the Cowell propagator, the
King-Hele decay and the station studies take either model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core.constants import DAY
from spaceplan.core.errors import InputError

SAMPLES = 8  # points along the orbit (and local times) averaged per node


def altitude_nodes(alt_lo: float, alt_hi: float) -> np.ndarray:
    """Altitude grid (m): 10 km spacing below 200 km, 25 km above, covering [alt_lo, alt_hi]."""
    lo = 10e3 * math.floor(alt_lo / 10e3)
    low = np.arange(lo, min(alt_hi, 200e3) + 10e3, 10e3)
    high = np.arange(200e3, alt_hi + 25e3, 25e3) if alt_hi > 200e3 else np.array([])
    nodes = np.unique(np.concatenate([low, high[high > (low[-1] if low.size else 0)]]))
    return nodes if nodes.size >= 2 else np.array([lo, lo + 10e3])


def time_nodes(t0: float, t1: float, step_days: float) -> np.ndarray:
    """Epochs (TDB s) from t0 every ``step_days`` up to and including the first node at or past t1."""
    if not (np.isfinite(t0) and np.isfinite(t1) and t1 > t0):
        raise InputError("dates", "empty or inverted time span", "end after start")
    dt = step_days * DAY
    return t0 + dt * np.arange(int(math.ceil((t1 - t0) / dt)) + 1)


def orbit_samples(inclination: float, every_local_time: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Latitude and longitude (deg) of the averaging points: along-orbit latitudes, spread local times.

    Default: 8 points, latitude k at longitude 135k deg (local times UT + 0, 9, 18, 3, ... h).  The local
    times of a latitude move with UT, so the average carries a UT ripple (a 12-hour one of +-3 % at 210 km
    in NRLMSIS 2.1, +-0.5 % in JB2008; measured 2026-12-07): harmless on a grid of whole days, which all
    sit at one UT, but it biases comparisons between runs whose nodes fall at different UTs.
    ``every_local_time``: each of the 8 latitudes at each of the 8 longitudes (64 points), the same set at
    every UT (within 0.02 % of a 32 x 32 average in NRLMSIS 2.1, 0.2 % in JB2008)."""
    u = 2.0 * np.pi * (np.arange(SAMPLES) + 0.5) / SAMPLES
    lat = np.degrees(np.arcsin(np.sin(inclination) * np.sin(u)))
    if every_local_time:
        return np.repeat(lat, SAMPLES), np.tile(np.arange(SAMPLES) * (360.0 / SAMPLES), SAMPLES)
    lon = (np.arange(SAMPLES) * 3 % SAMPLES) * (360.0 / SAMPLES)  # local times 0, 9, 18, 3, ... h
    return lat, lon


@dataclass(frozen=True)
class DensityTable:
    """Orbit-averaged log density of one thermosphere model on a uniform time grid and a given altitude grid."""

    t0: float  # TDB s, first time node
    dt: float  # s between time nodes
    alt: np.ndarray  # (na,) m
    log_rho: np.ndarray  # (nt, na) ln(kg/m^3)
    inclination: float  # rad
    activity: int
    notes: tuple[str, ...]

    @property
    def t1(self) -> float:
        return self.t0 + self.dt * (self.log_rho.shape[0] - 1)

    def __call__(self, tdb, alt_m) -> np.ndarray:
        """Density (kg/m^3) at epochs and altitudes (numpy, same interpolation as the kernels)."""
        from spaceplan.core.density_kernel import table_density

        t = np.broadcast_arrays(np.asarray(tdb, float), np.asarray(alt_m, float))
        out = np.empty(t[0].shape)
        flat = out.ravel()
        for k, (ti, hi) in enumerate(zip(t[0].ravel(), t[1].ravel())):
            flat[k] = table_density(ti, hi, self.t0, self.dt, self.alt, self.log_rho)
        return out.reshape(t[0].shape)
