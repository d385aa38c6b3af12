"""Positions and velocities of the Sun, Moon and planets from JPL's DE421.

DE421 (Folkner, Williams & Boggs 2008, JPL IOM 343R-08-003) ships in the
``skyfield-data`` package, so nothing is downloaded; it is read with
``jplephem`` (Chebyshev type-2 segments), vectorized over epochs.  Vectors are
in the ICRF (Earth mean equator and equinox of J2000 to ~0.01 arcsec), SI units.
Planets are their system barycenters, as in DE421's heliocentric segments;
the Earth and the Moon are their centres (EMB + offset segments).
"""

from __future__ import annotations

import atexit
import functools
import os

import numpy as np

from spaceplan.core.constants import DAY, DE421_SPAN_TEXT, J2000_JD, Body, body
from spaceplan.core.errors import EphemerisRangeError, UnknownNameError

_KM = 1_000.0
_KM_PER_DAY = 1_000.0 / DAY

# Chains of (center, target) segments from the solar-system barycenter (0).
_CHAINS: dict[str, tuple[tuple[int, int], ...]] = {
    "ssb": (),
    "sun": ((0, 10),),
    "mercury": ((0, 1),),
    "venus": ((0, 2),),
    "emb": ((0, 3),),
    "earth": ((0, 3), (3, 399)),
    "moon": ((0, 3), (3, 301)),
    "mars": ((0, 4),),
    "jupiter": ((0, 5),),
    "saturn": ((0, 6),),
    "uranus": ((0, 7),),
    "neptune": ((0, 8),),
    "pluto": ((0, 9),),
}


@functools.lru_cache(maxsize=1)
def _kernel():
    """The DE421 kernel bundled with skyfield-data (opened once, memory-mapped)."""
    import skyfield_data
    from jplephem.spk import SPK

    kernel = SPK.open(os.path.join(skyfield_data.__path__[0], "data", "de421.bsp"))
    atexit.register(kernel.close)
    return kernel


def span_tdb() -> tuple[float, float]:
    """First and last epoch DE421 covers, TDB seconds past J2000."""
    segment = _kernel()[0, 4]
    return (segment.start_jd - J2000_JD) * DAY, (segment.end_jd - J2000_JD) * DAY


def _chain(name: str | Body) -> tuple[tuple[int, int], ...]:
    key = name.lower() if isinstance(name, str) else name.name.lower()
    if key in _CHAINS:
        return _CHAINS[key]
    if key in ("earth-moon barycenter", "earth moon barycenter"):
        return _CHAINS["emb"]
    try:
        return _CHAINS[body(key).name.lower()]
    except UnknownNameError:
        raise UnknownNameError("body", str(name), _CHAINS) from None


def _check_span(tdb: np.ndarray) -> None:
    first, last = span_tdb()
    bad = ~np.isfinite(tdb) | (tdb < first) | (tdb > last)
    if np.any(bad):
        from spaceplan.core.time import tdb_to_iso

        value = tdb.flat[int(np.flatnonzero(bad)[0])]
        shown = tdb_to_iso(value, "D") if np.isfinite(value) else str(value)
        raise EphemerisRangeError(
            "epoch", f"{shown} is outside the DE421 ephemeris", DE421_SPAN_TEXT
        )


def _barycentric(chain, jd_whole: np.ndarray, jd_frac: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    shape = jd_whole.shape + (3,)
    r = np.zeros(shape)
    v = np.zeros(shape)
    kernel = _kernel()
    for pair in chain:
        pos, vel = kernel[pair].compute_and_differentiate(jd_whole, jd_frac)
        r += np.moveaxis(np.asarray(pos), 0, -1)
        v += np.moveaxis(np.asarray(vel), 0, -1)
    return r * _KM, v * _KM_PER_DAY


def state(target: str | Body, tdb, center: str | Body = "sun") -> tuple[np.ndarray, np.ndarray]:
    """Position (m) and velocity (m/s) of ``target`` relative to ``center`` in the ICRF.

    ``tdb`` is TDB seconds past J2000 (scalar or any array shape); the result
    arrays have shape ``tdb.shape + (3,)``.  Raises ``EphemerisRangeError``
    outside 1899-07-29..2053-10-09 and ``UnknownNameError`` for unknown bodies.
    """
    target_chain, center_chain = _chain(target), _chain(center)
    tdb = np.asarray(tdb, dtype=float)
    _check_span(tdb)
    days = tdb / DAY
    whole = np.floor(days)
    jd_whole, jd_frac = J2000_JD + whole, days - whole
    r, v = _barycentric(target_chain, jd_whole, jd_frac)
    if center_chain:
        rc, vc = _barycentric(center_chain, jd_whole, jd_frac)
        r, v = r - rc, v - vc
    return r, v


def position(target: str | Body, tdb, center: str | Body = "sun") -> np.ndarray:
    """Position (m) of ``target`` relative to ``center`` in the ICRF; see :func:`state`."""
    return state(target, tdb, center)[0]


def known_bodies() -> list[str]:
    """Names :func:`state` accepts."""
    return sorted(_CHAINS)
