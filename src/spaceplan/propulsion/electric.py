"""Power-limited electric propulsion: thrust, mass flow, vehicle masses, Stuhlinger's optimum.

Physics (Stuhlinger 1964, "Ion Propulsion for Space Flight", ch. 3; Jahn 1968 ch. 1):

* jet power P_jet = eta P_e (eta: thruster efficiency incl. power processing);
* thrust F = 2 eta P_e / c and mass flow mdot = F / c = 2 eta P_e / c^2 (c = g0 Isp, exhaust speed);
* power-plant mass M_w = alpha P_e (alpha: specific mass, kg/W);
* characteristic speed v_ch = sqrt(2 eta t / alpha) for a thrusting time t; the payload ratio of a
  constant-thrust mission of velocity increment dv is (tankage fraction k of the propellant)
      mu_L = exp(-dv/c) - (1 - exp(-dv/c)) (k + c^2 / v_ch^2),
  and the optimum exhaust speed maximises mu_L (-> c = v_ch when dv << v_ch).

All functions take numpy arrays and broadcast; SI units (W, m/s, kg, s).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spaceplan.core.constants import DAY, G0
from spaceplan.core.errors import InputError, require_positive, require_range

__all__ = ["thrust", "mass_flow", "jet_power", "electric_power_for", "exhaust_speed", "isp_from_speed",
           "payload_ratio", "stuhlinger_optimum", "StuhlingerOptimum"]


def _eta(eta):
    require_range("efficiency", eta, 1e-9, 1.0)
    return np.asarray(eta, dtype=float)


def exhaust_speed(isp_s):
    """Effective exhaust speed c = g0 Isp [m/s] from Isp [s] (> 0)."""
    require_positive("isp_s", isp_s, unit="s")
    return G0 * np.asarray(isp_s, dtype=float)


def isp_from_speed(c_m_s):
    """Specific impulse [s] from the effective exhaust speed [m/s]."""
    require_positive("exhaust_speed", c_m_s, unit="m/s")
    return np.asarray(c_m_s, dtype=float) / G0


def thrust(power_w, efficiency, exhaust_speed_m_s):
    """Thrust F = 2 eta P / c [N] of a power-limited thruster (power >= 0, 0 < eta <= 1, c > 0)."""
    require_positive("power_w", power_w, allow_zero=True, unit="W")
    require_positive("exhaust_speed", exhaust_speed_m_s, unit="m/s")
    return 2.0 * _eta(efficiency) * np.asarray(power_w, float) / np.asarray(exhaust_speed_m_s, float)


def mass_flow(power_w, efficiency, exhaust_speed_m_s):
    """Propellant mass flow mdot = 2 eta P / c^2 [kg/s]."""
    return thrust(power_w, efficiency, exhaust_speed_m_s) / np.asarray(exhaust_speed_m_s, float)


def jet_power(thrust_n, exhaust_speed_m_s):
    """Kinetic power in the jet, F c / 2 [W]."""
    require_positive("thrust_n", thrust_n, allow_zero=True, unit="N")
    require_positive("exhaust_speed", exhaust_speed_m_s, unit="m/s")
    return 0.5 * np.asarray(thrust_n, float) * np.asarray(exhaust_speed_m_s, float)


def electric_power_for(thrust_n, exhaust_speed_m_s, efficiency):
    """Electric power [W] a thruster of efficiency eta needs for thrust F at exhaust speed c: F c / (2 eta)."""
    return jet_power(thrust_n, exhaust_speed_m_s) / _eta(efficiency)


def payload_ratio(dv_m_s, exhaust_speed_m_s, v_ch_m_s, tankage_fraction=0.0):
    """Stuhlinger's payload ratio m_L/m_0 of a power-limited, constant-thrust mission (may be < 0:
    the mission is impossible at this exhaust speed)."""
    require_positive("dv", dv_m_s, allow_zero=True, unit="m/s")
    require_positive("exhaust_speed", exhaust_speed_m_s, unit="m/s")
    require_positive("v_ch", v_ch_m_s, unit="m/s")
    require_range("tankage_fraction", tankage_fraction, 0.0, 1.0)
    c = np.asarray(exhaust_speed_m_s, float)
    f = np.exp(-np.asarray(dv_m_s, float) / c)
    return f - (1.0 - f) * (tankage_fraction + (c / np.asarray(v_ch_m_s, float)) ** 2)


@dataclass(frozen=True)
class StuhlingerOptimum:
    """Optimum exhaust speed of a power-limited mission (arrays broadcast over the inputs)."""

    dv_m_s: np.ndarray
    trip_time_s: np.ndarray
    v_ch_m_s: np.ndarray
    exhaust_speed_m_s: np.ndarray
    payload_ratio: np.ndarray
    power_plant_ratio: np.ndarray  # M_w / m_0
    propellant_ratio: np.ndarray  # m_p / m_0
    feasible: np.ndarray  # payload_ratio > 0

    @property
    def isp_s(self) -> np.ndarray:
        return self.exhaust_speed_m_s / G0

    def to_dict(self) -> dict:
        return {"dv_km_s": self.dv_m_s / 1e3, "trip_time_days": self.trip_time_s / DAY,
                "v_ch_km_s": self.v_ch_m_s / 1e3, "exhaust_speed_km_s": self.exhaust_speed_m_s / 1e3,
                "isp_s": self.isp_s, "payload_ratio": self.payload_ratio,
                "power_plant_ratio": self.power_plant_ratio, "propellant_ratio": self.propellant_ratio,
                "feasible": self.feasible}


def stuhlinger_optimum(dv_m_s, trip_time_s, alpha_kg_per_w, efficiency, tankage_fraction=0.0) -> StuhlingerOptimum:
    """Exhaust speed that maximises the payload ratio for a velocity increment dv flown with constant
    thrust over ``trip_time_s`` by a power plant of specific mass ``alpha_kg_per_w`` (kg/W).

    Golden-section search on c/v_ch in [1e-3, 20] (the payload ratio is unimodal in c), vectorized.
    ``feasible`` is False where even the optimum leaves no payload (dv too large for v_ch)."""
    require_positive("dv", dv_m_s, unit="m/s")
    require_positive("trip_time", trip_time_s, unit="s")
    require_positive("alpha", alpha_kg_per_w, unit="kg/W")
    eta = _eta(efficiency)
    require_range("tankage_fraction", tankage_fraction, 0.0, 1.0)
    dv, t, alpha, k = np.broadcast_arrays(*(np.asarray(x, float) for x in
                                            (dv_m_s, trip_time_s, alpha_kg_per_w, tankage_fraction)))
    vch = np.sqrt(2.0 * eta * t / alpha)

    def mu(z):  # payload ratio at c = z v_ch
        c = z * vch
        f = np.exp(-dv / c)
        return f - (1.0 - f) * (k + z * z)

    lo, hi = np.full(dv.shape, 1e-3), np.full(dv.shape, 20.0)
    g = (np.sqrt(5.0) - 1.0) / 2.0
    for _ in range(90):  # golden section: the bracket shrinks by 0.618 per step
        x1, x2 = hi - g * (hi - lo), lo + g * (hi - lo)
        left = mu(x1) > mu(x2)
        hi = np.where(left, x2, hi)
        lo = np.where(left, lo, x1)
    z = 0.5 * (lo + hi)
    c = z * vch
    frac = 1.0 - np.exp(-dv / c)
    pay = mu(z)
    if np.any(~np.isfinite(pay)):
        raise InputError("dv", "non-finite payload ratio", "finite inputs")
    return StuhlingerOptimum(dv_m_s=dv, trip_time_s=t, v_ch_m_s=vch, exhaust_speed_m_s=c, payload_ratio=pay,
                             power_plant_ratio=frac * z * z, propellant_ratio=frac, feasible=pay > 0)
