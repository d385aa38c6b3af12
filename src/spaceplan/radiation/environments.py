"""Dose-equivalent rates at the locations of a crewed mission.

Every location derives from the free-space GCR model (:mod:`.gcr`) except the
empirical ones (LEO, Earth ground); coefficients and sources are in
``presets/environments.toml``.  Rates are Sv/day (the unit is in the name).

* ``free_space``: ``H = H_fs(x, phi)``.
* ``planet_orbit``: the body blocks the sky fraction ``f = (1 - cos rho)/2``,
  ``sin rho = R/(R+h)``; ``H = (1 - f) H_fs`` (orbital albedo neglected).
* ``planet_surface``: half the sky is blocked; each downward ray crosses the
  habitat shielding plus the slant atmospheric column ``X m(mu)`` where
  ``m(mu) = sqrt((R/Hs)^2 mu^2 + 2 R/Hs + 1) - (R/Hs) mu`` is the air-mass of a
  homogeneous layer of scale height ``Hs`` (finite at the horizon).  With the
  isotropic GCR field::

      H = 1/(1 - a) * 1/2 * int_0^1 H_fs(x_al + X_al(X m(mu)), phi) dmu   (eq. 3)

  where ``a`` is the albedo (upward neutron + gamma) share of the total and
  depths add as aluminium-equivalent depths.  Lunar surface: ``X = 0``.
* ``empirical``: ISS-like LEO and Earth ground rates, log-interpolated between
  solar minimum and maximum in ``phi``; the shielding argument does not apply.
"""

from __future__ import annotations

import functools

import numpy as np

from spaceplan.core.errors import UnknownNameError
from spaceplan.radiation import gcr
from spaceplan.radiation._data import preset

_MU_NODES = 48


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict, dict[str, str]]:
    envs = preset("environments")
    aliases = {}
    for name, env in envs.items():
        aliases[name] = name
        for alias in env.get("aliases", []):
            aliases[alias] = name
    return envs, aliases


def locations() -> tuple[str, ...]:
    """Canonical location names."""
    return tuple(_table()[0])


def location_names() -> tuple[str, ...]:
    """Every accepted location name, aliases included."""
    return tuple(sorted(_table()[1]))


def location_name(location: str) -> str:
    """Canonical name of ``location`` (aliases: cruise -> deep_space, iss -> leo, ...)."""
    key = str(location).strip().lower().replace("-", "_").replace(" ", "_")
    aliases = _table()[1]
    if key not in aliases:
        raise UnknownNameError("location", str(location), aliases)
    return aliases[key]


def environment(location: str) -> dict:
    """The preset entry (dict) of a location."""
    return _table()[0][location_name(location)]


def blocked_sky_fraction(body_radius_km: float, altitude_km: float) -> float:
    """Fraction of the sky hidden by a sphere of radius R seen from altitude h: (1 - cos rho)/2."""
    sin_rho = body_radius_km / (body_radius_km + altitude_km)
    return 0.5 * (1.0 - np.sqrt(1.0 - sin_rho * sin_rho))


def air_mass(mu, body_radius_km: float, scale_height_km: float) -> np.ndarray:
    """Slant/vertical column ratio of a homogeneous spherical layer for direction cosine ``mu``."""
    q = body_radius_km / scale_height_km
    mu = np.asarray(mu, dtype=float)
    return np.sqrt((q * mu) ** 2 + 2.0 * q + 1.0) - q * mu


@functools.lru_cache(maxsize=1)
def _mu_rule() -> tuple[np.ndarray, np.ndarray]:
    nodes, weights = np.polynomial.legendre.leggauss(_MU_NODES)
    return 0.5 * (nodes + 1.0), 0.5 * weights  # on (0, 1)


def _surface_rate(env: dict, x_al, phi_mv) -> np.ndarray:
    mu, w = _mu_rule()
    x_al = np.asarray(x_al, dtype=float)[..., None]
    phi = np.asarray(phi_mv, dtype=float)[..., None]
    column = env["atmosphere_gcm2"] * air_mass(mu, env["body_radius_km"], env["scale_height_km"])
    column_al = gcr.aluminium_equivalent(column, env["atmosphere_material"]) if env["atmosphere_gcm2"] > 0 else 0.0 * mu
    total = np.minimum(x_al + column_al, gcr.MAX_DEPTH_GCM2)  # beyond 3000 g/cm^2 the ray contributes ~0
    downward = 0.5 * np.sum(w * gcr.dose_equivalent_rate_al(total, phi), axis=-1)
    return downward / (1.0 - env["albedo_fraction"])


def _empirical_rate(env: dict, phi_mv) -> np.ndarray:
    mod = preset("gcr")["modulation"]
    s = (np.asarray(phi_mv, dtype=float) - mod["phi_min_mv"]) / (mod["phi_max_mv"] - mod["phi_min_mv"])
    lo, hi = env["rate_at_min_msv_per_day"], env["rate_at_max_msv_per_day"]
    return 1e-3 * lo * (hi / lo) ** s


def dose_equivalent_rate(location: str, shielding_gcm2=20.0, material: str = "aluminium", phi_mv=350.0) -> np.ndarray:
    """GCR dose-equivalent rate (Sv/day) at ``location`` behind ``shielding_gcm2`` of ``material`` at ``phi_mv``."""
    env = environment(location)
    kind = env["kind"]
    x_al = gcr.aluminium_equivalent(shielding_gcm2, material)
    phi = gcr.check_phi(phi_mv)
    if kind == "free_space":
        return gcr.dose_equivalent_rate_al(x_al, phi)
    if kind == "planet_orbit":
        f = blocked_sky_fraction(env["body_radius_km"], env["altitude_km"])
        return (1.0 - f) * gcr.dose_equivalent_rate_al(x_al, phi)
    if kind == "planet_surface":
        return _surface_rate(env, x_al, phi)
    return _empirical_rate(env, phi) + 0.0 * x_al


def quality_factor(location: str) -> float:
    """Mean quality factor Q = H/D used to estimate absorbed dose at ``location`` (measured values, see presets)."""
    return float(environment(location)["quality_factor"])


def absorbed_rate(location: str, shielding_gcm2=20.0, material: str = "aluminium", phi_mv=350.0) -> np.ndarray:
    """Estimated GCR absorbed dose rate (Gy/day) in tissue: dose-equivalent rate / Q."""
    return dose_equivalent_rate(location, shielding_gcm2, material, phi_mv) / quality_factor(location)
