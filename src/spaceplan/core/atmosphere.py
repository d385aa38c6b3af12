"""U.S. Standard Atmosphere 1976: temperature, pressure, density and speed of sound.

Source: *U.S. Standard Atmosphere, 1976*, NOAA-S/T 76-1562 (NASA-TM-X-74335),
Part 1.  Below 86 km geometric altitude the model is the exact layered one:
seven layers in geopotential altitude H = r0 z / (r0 + z) (eq. 18, r0 =
6356.766 km) with linear molecular-scale temperature (eq. 23) and hydrostatic
pressure (eqs. 33a/33b), density from the ideal gas law with the sea-level
molecular weight M0 = 28.9644 kg/kmol (eq. 42) and the speed of sound
sqrt(gamma R* T / M0), gamma = 1.4 (eq. 50).  The small molecular-weight
change between 80 and 86 km (M/M0 >= 0.99962) is neglected (< 0.04 %).

Above 86 km the standard's own tabulated values (Table I, geometric altitude)
at 86, 100, 110, 120, 130, 150, 200, 250, 300, 400, 500, 600, 700, 800 and
1000 km are interpolated log-linearly in pressure and density (linearly in
temperature), i.e. a piecewise exponential atmosphere with local scale
heights.  Exact at the nodes; in between, the scale height growing with
altitude makes the interpolation overestimate density by up to ~10-20 % in the
110-300 km thermosphere.  Adequate for launch ascent and booster entry (the
drag there is negligible); it does not model solar activity (use pymsis).

Every function takes altitudes in metres (scalar or array) and returns SI.
"""

from __future__ import annotations

import math

import numpy as np

from spaceplan.core.errors import InputError
from spaceplan.core.jit import kernel

R0_GEOPOT = 6_356_766.0  # m, effective Earth radius for geopotential altitude (USSA76 eq. 18)
G0_ATM = 9.80665  # m/s^2
R_STAR = 8314.32  # J/(kmol K), USSA76 gas constant
M0 = 28.9644  # kg/kmol, sea-level mean molecular weight
GAMMA = 1.4
ALTITUDE_MAX = 1_000_000.0  # m, upper end of the table
ALTITUDE_MIN = -5_000.0  # m, the 1976 standard starts at -5 km

# Layer bases: geopotential altitude (m), temperature (K), lapse rate (K/m), pressure (Pa).
_HB = np.array([0.0, 11_000.0, 20_000.0, 32_000.0, 47_000.0, 51_000.0, 71_000.0])
_TB = np.array([288.15, 216.65, 216.65, 228.65, 270.65, 270.65, 214.65])
_LB = np.array([-6.5e-3, 0.0, 1.0e-3, 2.8e-3, 0.0, -2.8e-3, -2.0e-3])
_PB = np.array([101_325.0, 22_632.06, 5_474.889, 868.0187, 110.9063, 66.93887, 3.956420])

# USSA76 Table I above 86 km (geometric altitude m, T K, p Pa, rho kg/m^3).
_ZU = np.array([86e3, 100e3, 110e3, 120e3, 130e3, 150e3, 200e3, 250e3, 300e3, 400e3, 500e3, 600e3, 700e3, 800e3, 1000e3])
_TU = np.array([186.87, 195.08, 240.00, 360.00, 469.27, 634.39, 854.56, 941.33, 976.01, 995.83, 999.24, 999.85, 999.97, 999.99,
                1000.0])
_PU = np.array([3.7338e-1, 3.2011e-2, 7.1042e-3, 2.5382e-3, 1.2505e-3, 4.5422e-4, 8.4736e-5, 2.4767e-5,
                8.7704e-6, 1.4518e-6,
                3.0236e-7, 8.2130e-8, 3.1908e-8, 1.7036e-8, 7.5138e-9])
_RU = np.array([6.958e-6, 5.604e-7, 9.708e-8, 2.222e-8, 8.152e-9, 2.076e-9, 2.541e-10, 6.073e-11,
                1.916e-11, 2.803e-12,
                5.215e-13, 1.137e-13, 3.070e-14, 1.136e-14, 3.561e-15])
_LOG_PU = np.log(_PU)
_LOG_RU = np.log(_RU)
# mean molecular weight implied by the table above 86 km, used for the speed of sound
_MU = _RU * R_STAR * _TU / _PU


@kernel(python_errors=True)
def _lower(z):
    """(T, p, rho, a) below 86 km geometric altitude ``z`` (m)."""
    h = R0_GEOPOT * z / (R0_GEOPOT + z)
    i = 0
    for k in range(6, -1, -1):
        if h >= _HB[k]:
            i = k
            break
    dh = h - _HB[i]
    tb = _TB[i]
    lb = _LB[i]
    t = tb + lb * dh
    if lb == 0.0:
        p = _PB[i] * math.exp(-G0_ATM * M0 * dh / (R_STAR * tb))
    else:
        p = _PB[i] * (tb / t) ** (G0_ATM * M0 / (R_STAR * lb))
    rho = p * M0 / (R_STAR * t)
    a = math.sqrt(GAMMA * R_STAR * t / M0)
    return t, p, rho, a


@kernel(python_errors=True)
def atmosphere_scalar(z):
    """(temperature K, pressure Pa, density kg/m^3, speed of sound m/s) at geometric altitude z (m).

    Above 1000 km the density and pressure are returned as 0 (vacuum); below
    -5 km the -5 km values are used (callers validate ranges themselves).
    """
    if z < ALTITUDE_MIN:
        z = ALTITUDE_MIN
    if z < 86_000.0:
        return _lower(z)
    if z >= ALTITUDE_MAX:
        return 1000.0, 0.0, 0.0, math.sqrt(GAMMA * R_STAR * 1000.0 / _MU[-1])
    i = 0
    n = _ZU.shape[0]
    for k in range(n - 2, -1, -1):
        if z >= _ZU[k]:
            i = k
            break
    f = (z - _ZU[i]) / (_ZU[i + 1] - _ZU[i])
    t = _TU[i] + f * (_TU[i + 1] - _TU[i])
    p = math.exp(_LOG_PU[i] + f * (_LOG_PU[i + 1] - _LOG_PU[i]))
    rho = math.exp(_LOG_RU[i] + f * (_LOG_RU[i + 1] - _LOG_RU[i]))
    m = _MU[i] + f * (_MU[i + 1] - _MU[i])
    a = math.sqrt(GAMMA * R_STAR * t / m)
    return t, p, rho, a


@kernel(python_errors=True)
def _atmosphere_array(z):
    n = z.shape[0]
    out = np.empty((4, n))
    for j in range(n):
        t, p, rho, a = atmosphere_scalar(z[j])
        out[0, j] = t
        out[1, j] = p
        out[2, j] = rho
        out[3, j] = a
    return out


def _evaluate(altitude_m):
    z = np.asarray(altitude_m, dtype=float)
    if np.any(~np.isfinite(z)) or np.any(z < ALTITUDE_MIN) or np.any(z > ALTITUDE_MAX):
        bad = z[~np.isfinite(z) | (z < ALTITUDE_MIN) | (z > ALTITUDE_MAX)].flat[0]
        raise InputError("altitude_m", f"got {bad:g} m", f"{ALTITUDE_MIN:g} to {ALTITUDE_MAX:g} m")
    out = _atmosphere_array(np.ascontiguousarray(z.reshape(-1)))
    return [out[k].reshape(z.shape) if z.ndim else float(out[k, 0]) for k in range(4)]


def temperature(altitude_m):
    """Kinetic temperature (K) at geometric altitude (m); USSA76."""
    return _evaluate(altitude_m)[0]


def pressure(altitude_m):
    """Static pressure (Pa) at geometric altitude (m); USSA76."""
    return _evaluate(altitude_m)[1]


def density(altitude_m):
    """Mass density (kg/m^3) at geometric altitude (m); USSA76."""
    return _evaluate(altitude_m)[2]


def speed_of_sound(altitude_m):
    """Speed of sound (m/s) at geometric altitude (m); USSA76 eq. 50."""
    return _evaluate(altitude_m)[3]


def atmosphere(altitude_m):
    """All four USSA76 quantities at once: (T K, p Pa, rho kg/m^3, a m/s)."""
    return tuple(_evaluate(altitude_m))
