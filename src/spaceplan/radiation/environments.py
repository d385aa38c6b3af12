"""Dose-equivalent rates at the locations of a crewed mission.

Every location derives from the free-space GCR model (:mod:`.gcr`: ISO 15390 spectra + transport) except
the empirical ones (Earth ground; LEO until the orbit model of :mod:`.leo`); coefficients and sources are
in ``presets/radiation_models/environments.toml``.  Rates are per day (the unit is in the name).

* ``free_space``: ``H = H_fs(x, phi)``.
* ``planet_orbit``: the body blocks the sky fraction ``f = (1 - cos rho)/2``,
  ``sin rho = R/(R+h)``; ``H = (1 - f) H_fs`` (orbital albedo neglected).
* ``planet_surface``: half the sky is blocked (lunar surface: half sky plus albedo); each downward ray crosses the
  habitat shielding plus the slant atmospheric column ``X m(mu)`` where
  ``m(mu) = sqrt((R/Hs)^2 mu^2 + 2 R/Hs + 1) - (R/Hs) mu`` is the air-mass of a
  homogeneous layer of scale height ``Hs`` (finite at the horizon).  With the
  isotropic GCR field::

      H = 1/(1 - a) * 1/2 * int_0^1 H_fs(x_al + X_al(X m(mu)), W) dmu   (eq. 3)

  where ``a`` is the albedo (upward neutron + gamma) share of the total and
  depths add as aluminium-equivalent depths.  Lunar surface: ``X = 0``.  Mars: ``X`` from the
  site elevation (:func:`mars_column_gcm2`, barometric from the Gale reference column).
* ``empirical``: Earth ground (and the LEO range), log-interpolated between solar minimum and
  maximum in ``W``; the shielding argument does not apply.
"""

from __future__ import annotations

import functools

import numpy as np

from spaceplan.core.errors import UnknownNameError, require_range
from spaceplan.radiation import gcr, spectrum
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


def mars_column_gcm2(elevation_km: float, env: dict | None = None) -> float:
    """Vertical CO2 column (g/cm^2) above a Mars site at ``elevation_km`` (MOLA datum): barometric scaling
    from the Gale reference column with the atmosphere's scale height."""
    env = env or environment("mars_surface")
    require_range("elevation_km", elevation_km, -8.5, 22.0, "km (MOLA datum; Hellas floor to Olympus Mons)")
    return float(env["atmosphere_gcm2"] * np.exp(-(elevation_km - env["site_elevation_km"]) / env["scale_height_km"]))


def _surface(env: dict, x_al, w, quantity: str, column_gcm2: float | None = None) -> np.ndarray:
    mu, wt = _mu_rule()
    x_al = np.asarray(x_al, dtype=float)[..., None]
    w = np.asarray(w, dtype=float)[..., None]
    vertical = env["atmosphere_gcm2"] if column_gcm2 is None else column_gcm2
    column = vertical * air_mass(mu, env["body_radius_km"], env["scale_height_km"])
    column_al = gcr.aluminium_equivalent(np.minimum(column, gcr.MAX_DEPTH_GCM2), env["atmosphere_material"]) \
        if vertical > 0 else 0.0 * mu
    total = np.minimum(x_al + column_al, gcr.MAX_DEPTH_GCM2)  # beyond 3000 g/cm^2 the ray contributes ~0
    downward = 0.5 * np.sum(wt * gcr.rate_w(total, w, "aluminium", quantity), axis=-1)
    return downward / (1.0 - env["albedo_fraction"])


def _empirical_rate(env: dict, w) -> np.ndarray:
    s = (np.asarray(w, dtype=float) - spectrum.named_w("min")) / (spectrum.named_w("max") - spectrum.named_w("min"))
    lo, hi = env["rate_at_min_msv_per_day"], env["rate_at_max_msv_per_day"]
    return 1e-3 * lo * (hi / lo) ** np.clip(s, -0.5, 1.5)


def rate_w(location: str, shielding_gcm2=20.0, material: str = "aluminium", w=10.0, quantity: str = "dose_eq",
           column_gcm2: float | None = None) -> np.ndarray:
    """GCR rate per day at ``location`` behind ``shielding_gcm2`` of ``material`` at modulation ``w``.

    ``quantity`` as in :func:`spaceplan.radiation.gcr.rate_w`; ``column_gcm2`` replaces a surface
    location's vertical atmosphere column (Mars site elevation: :func:`mars_column_gcm2`).
    """
    env = environment(location)
    kind = env["kind"]
    material = gcr.material_name(material)
    w = spectrum.check_w(w)
    if kind == "free_space":
        return gcr.rate_w(shielding_gcm2, w, material, quantity)
    if kind == "planet_orbit":
        f = blocked_sky_fraction(env["body_radius_km"], env["altitude_km"])
        return (1.0 - f) * gcr.rate_w(shielding_gcm2, w, material, quantity)
    x_al = gcr.aluminium_equivalent(shielding_gcm2, material)
    if kind == "planet_surface":
        return _surface(env, x_al, w, quantity, column_gcm2)
    h = _empirical_rate(env, w) + 0.0 * x_al
    if quantity == "dose_eq":
        return h
    absorbed = h / env["quality_factor"]  # measured mean Q of the empirical rate
    if quantity == "absorbed":
        return absorbed
    return absorbed * gcr.rate_w(20.0, w, "aluminium", quantity) / gcr.rate_w(20.0, w, "aluminium", "absorbed")


def bfo_gy_eq_rate(location: str, shielding_gcm2=20.0, material: str = "aluminium", w=10.0) -> np.ndarray:
    """GCR Gy-Eq/day to the blood-forming organs (NASA 30-day limit; NCRP 132 RBE, not quality factors).

    Point Gy-Eq behind the shielding plus ``bfo_depth_water_gcm2`` of tissue (as aluminium equivalent),
    scaled to the location by its dose-equivalent ratio to free space behind the same shielding.
    """
    material = gcr.material_name(material)
    x_al = gcr.aluminium_equivalent(shielding_gcm2, material)
    bfo = gcr.aluminium_equivalent(preset("gcr_iso15390")["rbe"]["bfo_depth_water_gcm2"], "water")
    depth = np.minimum(x_al + bfo, gcr.MAX_DEPTH_GCM2)
    free = gcr.rate_w(x_al, w, "aluminium", "dose_eq")
    return rate_w(location, shielding_gcm2, material, w) * gcr.rate_w(depth, w, "aluminium", "gy_eq") / free


def dose_equivalent_rate(location: str, shielding_gcm2=20.0, material: str = "aluminium", phi_mv=350.0) -> np.ndarray:
    """GCR dose-equivalent rate (Sv/day) at ``location`` behind ``shielding_gcm2`` of ``material`` at ``phi_mv`` (MV)."""
    return rate_w(location, shielding_gcm2, material, spectrum.w_from_phi(gcr.check_phi(phi_mv)))


def quality_factor(location: str, shielding_gcm2=20.0, material: str = "aluminium", w=10.0) -> float:
    """Mean quality factor Q = H/D at ``location`` from the transported spectra (empirical locations: preset)."""
    env = environment(location)
    if env["kind"] == "empirical":
        return float(env["quality_factor"])
    return float(rate_w(location, shielding_gcm2, material, w) / rate_w(location, shielding_gcm2, material, w, "absorbed"))


def absorbed_rate(location: str, shielding_gcm2=20.0, material: str = "aluminium", phi_mv=350.0) -> np.ndarray:
    """GCR absorbed dose rate (Gy/day) in tissue at ``location``."""
    return rate_w(location, shielding_gcm2, material, spectrum.w_from_phi(gcr.check_phi(phi_mv)), "absorbed")
