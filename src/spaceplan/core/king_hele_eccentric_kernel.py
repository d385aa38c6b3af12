"""Numba kernel: orbit-averaged drag decay of an ECCENTRIC orbit, semi-major axis and eccentricity together.

King-Hele (1987) *Satellite Orbits in an Atmosphere: Theory and Applications*, ch. 3-4: the changes per
revolution under drag, written with the eccentric anomaly E (r = a (1 - e cos E)),

    Delta a = -delta a^2 Int_0^2pi rho (1 + e cos E)^3/2 (1 - e cos E)^-1/2 dE,
    Delta e = -delta a (1 - e^2) Int_0^2pi rho ((1 + e cos E) / (1 - e cos E))^1/2 cos E dE,

delta = F B (B = Cd A / m, F = (1 - r w cos i / v)^2 the atmosphere-rotation factor), divided by the period
2 pi sqrt(a^3 / mu) to give da/dt and de/dt.  King-Hele expands the integrals in Bessel functions of
a e / H for an exponential atmosphere of scale height H; here they are evaluated by quadrature on the
tabulated NRLMSIS density itself (the density at each point's height r - re, F at each point's r and
speed), which is what the Bessel series approximates and keeps the table's altitude-varying scale height.
The integrands are even in E, so ``N_NODES`` midpoints on [0, pi] give the full-period trapezoidal rule,
which converges geometrically for a smooth periodic integrand; on the table (log-linear between 10 km nodes,
so kinked) 32 nodes are within 6e-5 of a 20,000-node sum at e = 0.016 and 0.028 (a - re = 270 km); above
e = 0.2 (a GTO stage: e ~0.73) the perigee peak is a few nodes wide and 512 are used.
For e = 0 the rates reduce to the circular da/dt = -F rho B sqrt(mu a) of
:mod:`spaceplan.core.king_hele_kernel`.

A near-circular model on the mean altitude puts all the drag at a - re; an eccentric orbit loses its
energy near perigee, where the density is that of r_p = a (1 - e), and circularises as it decays (de/dt < 0,
the perigee stays nearly put while the apogee falls).  Used by :mod:`spaceplan.station.reentry`.
"""

from __future__ import annotations

import math

from spaceplan.core.density_kernel import table_density
from spaceplan.core.jit import kernel

N_NODES = 32  # midpoints on [0, pi] for e < E_FINE
E_FINE = 0.2  # above it the perigee density peak narrows to a few nodes' width: FINE_NODES
FINE_NODES = 512  # 32 nodes: -1.5 % at e = 0.6, -17 % at e = 0.73 (GTO); 512: within 2e-4 on the table


@kernel(inline=True)
def _rates(t, a, e, cos_i, bc, gm, re, omega, t0, dt, alts, log_rho):
    """(da/dt, de/dt) averaged over one revolution (module docstring)."""
    sa = 0.0
    se = 0.0
    n = N_NODES if e < E_FINE else FINE_NODES
    for k in range(n):
        c = math.cos(math.pi * (k + 0.5) / n)
        r = a * (1.0 - e * c)
        q = math.sqrt((1.0 + e * c) / (1.0 - e * c))
        v = math.sqrt(gm / a) * q
        f = (1.0 - r * omega * cos_i / v) ** 2
        w = f * table_density(t, r - re, t0, dt, alts, log_rho) * q
        sa += w * (1.0 + e * c)
        se += w * c
    da = -bc * math.sqrt(gm * a) * sa / n
    de = -bc * (1.0 - e * e) * math.sqrt(gm / a) * se / n
    return da, de


@kernel()
def eccentric_rates(t, a, e, cos_i, bc, gm, re, omega, t0, dt, alts, log_rho):
    """(da/dt m/s, de/dt 1/s) at epoch t for semi-major axis a, eccentricity e (for tests and callers)."""
    return _rates(t, a, e, cos_i, bc, gm, re, omega, t0, dt, alts, log_rho)


@kernel()
def eccentric_decay(a0, e0, t_start, t_end, h_stop, cos_i, bc, gm, re, omega, t0, dt, alts, log_rho, max_step,
                    t_out, h_out, e_out):
    """RK4 on (a, e) from (a0, e0) at t_start until t_end or the mean altitude a - re reaches h_stop.

    Steps are at most ``max_step`` and 500 m of semi-major-axis loss; e is kept >= 0.  Stores every step
    (epoch, mean altitude a - re, e).  Returns (n written, reached h_stop, time reached)."""
    a = a0
    e = e0
    t = t_start
    t_out[0] = t
    h_out[0] = a - re
    e_out[0] = e
    n = 1
    cap = t_out.shape[0]
    while t < t_end and n < cap:
        da1, de1 = _rates(t, a, e, cos_i, bc, gm, re, omega, t0, dt, alts, log_rho)
        step = min(max_step, 500.0 / max(-da1, 1e-30), t_end - t)
        da2, de2 = _rates(t + 0.5 * step, a + 0.5 * step * da1, max(e + 0.5 * step * de1, 0.0), cos_i, bc, gm, re,
                          omega, t0, dt, alts, log_rho)
        da3, de3 = _rates(t + 0.5 * step, a + 0.5 * step * da2, max(e + 0.5 * step * de2, 0.0), cos_i, bc, gm, re,
                          omega, t0, dt, alts, log_rho)
        da4, de4 = _rates(t + step, a + step * da3, max(e + step * de3, 0.0), cos_i, bc, gm, re, omega, t0, dt,
                          alts, log_rho)
        a_new = a + step * (da1 + 2.0 * da2 + 2.0 * da3 + da4) / 6.0
        e_new = max(e + step * (de1 + 2.0 * de2 + 2.0 * de3 + de4) / 6.0, 0.0)
        if a_new - re <= h_stop:
            frac = (a - re - h_stop) / (a - a_new)  # linear inside a step of <= ~500 m
            t_out[n] = t + frac * step
            h_out[n] = h_stop
            e_out[n] = e + frac * (e_new - e)
            return n + 1, True, t + frac * step
        a = a_new
        e = e_new
        t += step
        t_out[n] = t
        h_out[n] = a - re
        e_out[n] = e
        n += 1
    return n, False, t
