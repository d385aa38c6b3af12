"""Numba kernel of the porkchop grid: one prograde Lambert arc per (departure, arrival) cell.

Fused loop: the ephemeris states are evaluated once per date outside; each cell
solves Lambert's problem with the scalar Izzo (2015) kernel of ``spaceplan.core``
and keeps only the quantities a porkchop shows (departure C3, launch-asymptote
declination/right ascension, arrival v-infinity).  Rows (departure dates) run
in parallel (``prange``); the caller processes them in chunks to bound memory.

Transfer type (Battin 1999, sec. 7.6; Sergeyevsky et al., JPL 82-43, 1983):
type I if the heliocentric transfer angle, measured in the sense of the
departure body's orbital motion (its angular momentum h), is below 180 deg,
type II if above.  A zero-revolution prograde transfer between two dated
points is unique, so each cell belongs to exactly one type; the other type's
entry of that cell is flagged ``OTHER_TYPE``.
"""

from __future__ import annotations

import math

import numpy as np
from numba import prange

from spaceplan.core.jit import kernel
from spaceplan.core.lambert_kernel import DEGENERATE_SIN_TOL, lambert_izzo

# Cell status codes (0-4 are the core LambertStatus values).
OK = 0
NO_SOLUTION = 1
DEGENERATE = 2
BAD_TOF = 3  # arrival not after departure
NOT_CONVERGED = 4
OTHER_TYPE = 5  # the cell's prograde transfer is of the other type
TOF_OUT_OF_RANGE = 6  # time of flight outside the requested bounds (not solved)
NEAR_180 = 7  # transfer angle within the requested exclusion band around 180 deg (not solved)

# |sin(transfer angle)| below this: the transfer plane is undefined (0 or 180 deg).
SIN_DEGENERATE = DEGENERATE_SIN_TOL


@kernel(python_errors=True)
def _row(i, r_dep, v_dep, h_dep, t_dep, r_arr, v_arr, t_arr, mu, tof_min, tof_max, ridge_sin,
         c3, vinf_arr, dla, rla, status):
    """Fill departure row i of the output fields (see :func:`porkchop_rows`)."""
    n_arr = r_arr.shape[0]
    nan = np.nan
    r1 = np.empty(3)
    r2 = np.empty(3)
    v1 = np.empty(3)
    v2 = np.empty(3)
    for k in range(3):
        r1[k] = r_dep[i, k]
    n1 = math.sqrt(r1[0] * r1[0] + r1[1] * r1[1] + r1[2] * r1[2])
    for j in range(n_arr):
        for typ in range(2):
            c3[typ, i, j] = nan
            vinf_arr[typ, i, j] = nan
            dla[typ, i, j] = nan
            rla[typ, i, j] = nan
        tof = t_arr[j] - t_dep[i]
        if tof <= 0.0:
            status[0, i, j] = BAD_TOF
            status[1, i, j] = BAD_TOF
            continue
        if tof < tof_min or tof > tof_max:
            status[0, i, j] = TOF_OUT_OF_RANGE
            status[1, i, j] = TOF_OUT_OF_RANGE
            continue
        for k in range(3):
            r2[k] = r_arr[j, k]
        n2 = math.sqrt(r2[0] * r2[0] + r2[1] * r2[1] + r2[2] * r2[2])
        cx = r1[1] * r2[2] - r1[2] * r2[1]
        cy = r1[2] * r2[0] - r1[0] * r2[2]
        cz = r1[0] * r2[1] - r1[1] * r2[0]
        sin_angle = math.sqrt(cx * cx + cy * cy + cz * cz) / (n1 * n2)
        s = cx * h_dep[i, 0] + cy * h_dep[i, 1] + cz * h_dep[i, 2]
        if sin_angle < SIN_DEGENERATE or s == 0.0:
            status[0, i, j] = DEGENERATE
            status[1, i, j] = DEGENERATE
            continue
        if sin_angle < ridge_sin and (r1[0] * r2[0] + r1[1] * r2[1] + r1[2] * r2[2]) < 0.0:
            status[0, i, j] = NEAR_180
            status[1, i, j] = NEAR_180
            continue
        typ = 0 if s > 0.0 else 1
        # Izzo's flag is relative to +z of the input frame: prograde=True takes the
        # short way iff (r1 x r2)_z >= 0.  Pick the flag that yields the transfer
        # whose motion follows h_dep.
        flag = (cz >= 0.0) == (typ == 0)
        st = lambert_izzo(r1, r2, tof, mu, 0, flag, True, v1, v2)
        status[typ, i, j] = st
        status[1 - typ, i, j] = OTHER_TYPE
        if st != OK:
            continue
        dx = v1[0] - v_dep[i, 0]
        dy = v1[1] - v_dep[i, 1]
        dz = v1[2] - v_dep[i, 2]
        vv = dx * dx + dy * dy + dz * dz
        c3[typ, i, j] = vv
        vinf = math.sqrt(vv)
        dla[typ, i, j] = math.asin(min(1.0, max(-1.0, dz / vinf))) if vinf > 0.0 else 0.0
        ra = math.atan2(dy, dx)
        rla[typ, i, j] = ra + 2.0 * math.pi if ra < 0.0 else ra
        ax = v2[0] - v_arr[j, 0]
        ay = v2[1] - v_arr[j, 1]
        az = v2[2] - v_arr[j, 2]
        vinf_arr[typ, i, j] = math.sqrt(ax * ax + ay * ay + az * az)


@kernel(parallel=True, python_errors=True)
def porkchop_rows(r_dep, v_dep, h_dep, t_dep, r_arr, v_arr, t_arr, mu, tof_min, tof_max, ridge_sin,
                  row0, row1, c3, vinf_arr, dla, rla, status):
    """Fill rows ``row0:row1`` of the (2, n_dep, n_arr) output fields, rows in parallel.

    r_dep, v_dep, h_dep: (n_dep, 3) departure-body state and orbit normal (any scale);
    r_arr, v_arr: (n_arr, 3); t_dep, t_arr: epochs (s); mu: central GM (m^3/s^2).
    ridge_sin: cells whose transfer angle is within asin(ridge_sin) of 180 deg are
    flagged NEAR_180 and not solved (0 keeps them).
    Outputs (index 0 = type I, 1 = type II): c3 (m^2/s^2), vinf_arr (m/s),
    dla, rla (rad, frame of the input vectors), status (int8 codes above).
    """
    for i in prange(row0, row1):
        _row(i, r_dep, v_dep, h_dep, t_dep, r_arr, v_arr, t_arr, mu, tof_min, tof_max, ridge_sin,
             c3, vinf_arr, dla, rla, status)


@kernel(python_errors=True)
def porkchop_rows_serial(r_dep, v_dep, h_dep, t_dep, r_arr, v_arr, t_arr, mu, tof_min, tof_max, ridge_sin,
                         row0, row1, c3, vinf_arr, dla, rla, status):
    """As :func:`porkchop_rows` on one thread (no thread start-up cost for a few cells)."""
    for i in range(row0, row1):
        _row(i, r_dep, v_dep, h_dep, t_dep, r_arr, v_arr, t_arr, mu, tof_min, tof_max, ridge_sin,
             c3, vinf_arr, dla, rla, status)
