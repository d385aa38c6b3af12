"""Free-space galactic cosmic ray (GCR) dose-equivalent rate behind shielding.

Model (docs/radiation.md eq. 1; coefficients and sources in presets/gcr.toml)::

    H(x, phi) = H_REF * A_al(x) * exp(-k0 * g(x) * (phi - PHI_REF))

* ``x``: aluminium-equivalent areal density along a ray, g/cm^2.  A point at the
  centre of a spherical shell in the isotropic GCR field sees every ray
  through the same depth, so the shell's thickness is ``x`` (straight-ahead
  approximation of HZETRN-type transport: Wilson et al. 1995, NASA TP-3495).
* ``A_al``: attenuation of dose equivalent relative to zero depth, read from
  published HZETRN / Badhwar-O'Neill depth curves (Badhwar, Cucinotta &
  O'Neill 1993 Radiat. Res. 134:9; Slaba et al. 2017 Life Sci. Space Res. 12:1).
  Other materials map onto aluminium through equal attenuation,
  ``A_m(x_m) = A_al(x_al)``: polyethylene, being hydrogen rich, gives a
  larger aluminium-equivalent depth per g/cm^2.
* ``phi``: force-field modulation potential in MV (Usoskin et al. 2005, 2011).
  ``k0 * g(x)`` reproduces the literature solar-minimum / maximum ratio of
  ~2-3 behind light shielding, shrinking with depth (Badhwar et al. 1994,
  Radiat. Res. 138:201).
* ``H_REF``: one number fitted jointly to MSL/RAD cruise (Zeitlin et al. 2013)
  and Chang'E-4/LND (Zhang et al. 2020).

The quantity is point dose equivalent in tissue with the ICRP 60 Q(L), as an
active dosimeter measures; it stands in for effective dose.
"""

from __future__ import annotations

import functools

import numpy as np

from spaceplan.core.errors import InputError, UnknownNameError, require_positive, require_range
from spaceplan.radiation._data import preset

MATERIALS = ("aluminium", "polyethylene", "water", "regolith", "co2")
_MATERIAL_ALIASES = {"aluminum": "aluminium", "al": "aluminium", "pe": "polyethylene", "hdpe": "polyethylene",
                     "h2o": "water", "carbon_dioxide": "co2"}
MAX_DEPTH_GCM2 = 3000.0


def material_name(material: str) -> str:
    """Canonical material name; raises UnknownNameError listing the known ones."""
    key = str(material).strip().lower()
    key = _MATERIAL_ALIASES.get(key, key)
    if key not in MATERIALS:
        raise UnknownNameError("material", str(material), MATERIALS)
    return key


@functools.lru_cache(maxsize=None)
def _curves() -> tuple[np.ndarray, dict[str, np.ndarray]]:
    data = preset("gcr")["attenuation"]
    depth = np.asarray(data["depth_gcm2"], dtype=float)
    curves = {m: np.log(np.asarray(data[m], dtype=float)) for m in ("aluminium", "polyethylene", "water", "regolith")}
    curves["co2"] = 0.5 * (curves["aluminium"] + curves["water"])
    for name, log_a in curves.items():
        if log_a.shape != depth.shape or np.any(np.diff(log_a) >= 0):
            raise InputError(f"gcr.toml:{name}", "attenuation curve must decrease strictly with depth")
    return depth, curves


def attenuation(shielding_gcm2, material: str = "aluminium") -> np.ndarray:
    """A_m(x): dose equivalent behind ``x`` g/cm^2 of ``material`` relative to x = 0 (log-linear interpolation)."""
    material = material_name(material)
    x = np.asarray(shielding_gcm2, dtype=float)
    require_positive("shielding_gcm2", x, allow_zero=True, unit="g/cm^2")
    require_range("shielding_gcm2", x, 0.0, MAX_DEPTH_GCM2, "g/cm^2")
    depth, curves = _curves()
    return np.exp(np.interp(x, depth, curves[material]))


def aluminium_equivalent(shielding_gcm2, material: str = "aluminium") -> np.ndarray:
    """Aluminium areal density (g/cm^2) with the same GCR dose-equivalent attenuation as ``x`` of ``material``."""
    material = material_name(material)
    if material == "aluminium":
        x = np.asarray(shielding_gcm2, dtype=float)
        require_positive("shielding_gcm2", x, allow_zero=True, unit="g/cm^2")
        return x
    log_a = np.log(attenuation(shielding_gcm2, material))
    depth, curves = _curves()
    al = curves["aluminium"]
    # np.interp needs increasing abscissae: flip the decreasing log-attenuation.
    return np.interp(log_a, al[::-1], depth[::-1])


def modulation_coefficient(aluminium_gcm2) -> np.ndarray:
    """k(x) = k0 g(x) in 1/MV: sensitivity of ln H to the modulation potential."""
    mod = preset("gcr")["modulation"]
    g = np.interp(np.asarray(aluminium_gcm2, dtype=float), mod["k_depth_gcm2"], mod["k_factor"])
    return mod["k0_per_mv"] * g


def check_phi(phi_mv, field: str = "solar_activity") -> np.ndarray:
    """Validate modulation potential(s) against the model's supported range."""
    mod = preset("gcr")["modulation"]
    phi = np.asarray(phi_mv, dtype=float)
    require_range(field, phi, mod["phi_lo_mv"], mod["phi_hi_mv"], "MV")
    return phi


def dose_equivalent_rate_al(aluminium_gcm2, phi_mv) -> np.ndarray:
    """Free-space GCR dose-equivalent rate (Sv/day) behind aluminium-equivalent depth ``x`` at modulation ``phi``."""
    data = preset("gcr")
    x = np.asarray(aluminium_gcm2, dtype=float)
    require_range("shielding_gcm2", x, 0.0, MAX_DEPTH_GCM2, "g/cm^2 (aluminium equivalent)")
    phi = check_phi(phi_mv)
    depth, curves = _curves()
    a = np.exp(np.interp(x, depth, curves["aluminium"]))
    k = modulation_coefficient(x)
    h_ref = data["normalization"]["h_ref_msv_per_day"] * 1e-3
    return h_ref * a * np.exp(-k * (phi - data["modulation"]["phi_ref_mv"]))


def free_space_rate(shielding_gcm2, phi_mv, material: str = "aluminium") -> np.ndarray:
    """Free-space GCR dose-equivalent rate (Sv/day) behind ``shielding_gcm2`` of ``material`` at ``phi_mv`` (MV)."""
    return dose_equivalent_rate_al(aluminium_equivalent(shielding_gcm2, material), phi_mv)


def named_phi(level: str) -> float:
    """Modulation potential (MV) of a named activity level: ``"min"`` or ``"max"``."""
    mod = preset("gcr")["modulation"]
    table = {"min": mod["phi_min_mv"], "max": mod["phi_max_mv"]}
    key = str(level).strip().lower()
    if key not in table:
        raise UnknownNameError("solar_activity", str(level), [*table, "auto", "<phi in MV>"])
    return float(table[key])
