"""Numba loop over pyatmos's JB2008 routine (imported without pyatmos's download at import).

``pyatmos`` 1.2.7 (MIT, Chunxiao Li) carries a numba port of Bowman's JB2008
Fortran subroutine, ``pyatmos.jb2008.JB2008_subfunc.JB2008``.  Its package
``__init__`` calls ``data_prepare.iers_load``, which **downloads** IERS files
(finals2000A.all, Leap_Second.dat into ``~/src/iers``) unless the environment
variable ``ENABLE_IERS_LOAD`` is ``false`` (measured here: a plain
``import pyatmos.jb2008.JB2008_subfunc`` tries
https://datacenter.iers.org/... at once).  This module sets that variable to
``false`` for the import and restores it afterwards; nothing else of pyatmos
(its index readers, its astropy sun and sidereal time) is used: spaceplan feeds
the routine its own inputs (:mod:`spaceplan.core.jb2008`).
"""

from __future__ import annotations

import os

import numpy as np

from spaceplan.core.jit import kernel

_ENV = "ENABLE_IERS_LOAD"
_saved = os.environ.get(_ENV)
os.environ[_ENV] = "false"
try:
    from pyatmos.jb2008.JB2008_subfunc import JB2008
finally:
    if _saved is None:
        del os.environ[_ENV]
    else:
        os.environ[_ENV] = _saved


@kernel()
def jb2008_batch(amjd, yrday, sun_ra, sun_dec, sat_ra, sat_lat, alt_km, f10, f10b, s10, s10b, m10, m10b, y10, y10b,
                 dtc):
    """Total mass density (kg/m^3) and the local and exospheric temperatures (K) at N points (1-d arrays, radians)."""
    n = amjd.shape[0]
    rho = np.empty(n)
    temp = np.empty((n, 2))
    for i in range(n):
        t, r = JB2008(amjd[i], yrday[i], (sun_ra[i], sun_dec[i]), (sat_ra[i], sat_lat[i], alt_km[i]), f10[i],
                      f10b[i], s10[i], s10b[i], m10[i], m10b[i], y10[i], y10b[i], dtc[i])
        rho[i] = r
        temp[i, 0] = t[0]
        temp[i, 1] = t[1]
    return rho, temp
