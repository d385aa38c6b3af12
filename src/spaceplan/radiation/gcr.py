"""Free-space galactic cosmic-ray (GCR) dose behind shielding, from spectra and transport.

Chain (docs/radiation.md): ISO 15390 spectra of Z = 1-28 at modulation W (:mod:`.spectrum`) ->
straight-ahead transport with fragmentation through the shield (:mod:`.transport`) -> absorbed dose
and ICRP 60 dose equivalent in tissue at the centre of a spherical shell, combined with the published
whole-field depth response (HZETRN/Badhwar-O'Neill curves, secondaries included) as in :func:`rate_w`.
Tables over (W, depth) per material are computed once per process (log-linear interpolation).

Modulation may be given as ``W`` (the ISO/Matthiae parameter) or, as before, a force-field potential
``phi`` in MV, converted to W on the core solar-cycle line (``spectrum.w_from_phi``).

Composite paths (habitat wall + Martian CO2) add as aluminium-equivalent depths (equal published
response): ``A_m(x_m) = A_al(x_al)``.

Validity envelope (:data:`SHIELDING_ENVELOPE`, :func:`shielding_warnings`): depths outside the transport tables,
0 to ``MAX_DEPTH_GCM2`` (3,000 g/cm^2), are refused; beyond 200 g/cm^2 the published depth response (the
HZETRN / Badhwar-O'Neill curves, Slaba et al. 2017 to 200 g/cm^2) is continued by an exponential tail of
~250 g/cm^2 e-folding (preset ``[response]``): an extrapolation, warned.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools

import numpy as np

from spaceplan.core.errors import InputError, UnknownNameError, require_positive, require_range
from spaceplan.core.validity import Bound, Envelope, check
from spaceplan.radiation import spectrum, transport
from spaceplan.radiation._data import preset

MATERIALS = ("aluminium", "polyethylene", "water", "regolith", "co2")
_MATERIAL_ALIASES = {"aluminum": "aluminium", "al": "aluminium", "pe": "polyethylene", "hdpe": "polyethylene",
                     "h2o": "water", "carbon_dioxide": "co2"}
MAX_DEPTH_GCM2 = 3000.0
PHI_RANGE_MV = (200.0, 1600.0)
MODELS = ("iso15390", "transport")
_MODEL = contextvars.ContextVar("gcr_model", default="iso15390")


@contextlib.contextmanager
def use_model(name: str):
    """Within the block, GCR rates come from model ``name`` (CLI ``--model``):

    * ``iso15390`` (default): ISO 15390 spectra, transported for the solar-cycle dependence, with the
      published whole-field depth response and the MSL/RAD calibration (:func:`rate_w`);
    * ``transport``: the ion transport alone (no neutrons or target fragments), calibrated on the same
      MSL/RAD cruise value (its own factor), to show what the published response adds.
    """
    key = str(name).strip().lower()
    if key not in MODELS:
        raise UnknownNameError("--model", str(name), MODELS)
    token = _MODEL.set(key)
    try:
        yield key
    finally:
        _MODEL.reset(token)


def model() -> str:
    """The GCR model in use (see :func:`use_model`)."""
    return _MODEL.get()


def material_name(material: str) -> str:
    """Canonical material name; raises UnknownNameError listing the known ones."""
    key = str(material).strip().lower()
    key = _MATERIAL_ALIASES.get(key, key)
    if key not in MATERIALS:
        raise UnknownNameError("material", str(material), MATERIALS)
    return key


PUBLISHED_DEPTH_MAX_GCM2 = 200.0  # the published depth-response curves end here; beyond, the preset's tail

SHIELDING_ENVELOPE = Envelope("the GCR shielding model", inputs=(
    Bound("shielding_gcm2", None, PUBLISHED_DEPTH_MAX_GCM2, code="beyond_published_depth_response", unit="g/cm^2",
          label="shielding", why="the published depth-dose curves end at 200 g/cm^2 (Slaba et al. 2017); beyond, an "
          "exponential tail of ~250 g/cm^2 e-folding"),
))


def shielding_warnings(shielding_gcm2) -> tuple[dict, ...]:
    """:data:`SHIELDING_ENVELOPE` applied to a shielding depth (g/cm^2 of the material; refusals are
    :func:`rate_w`'s)."""
    return check(SHIELDING_ENVELOPE, shielding_gcm2=shielding_gcm2)


def _depth(shielding_gcm2) -> np.ndarray:
    x = np.asarray(shielding_gcm2, dtype=float)
    require_positive("shielding_gcm2", x, allow_zero=True, unit="g/cm^2")
    require_range("shielding_gcm2", x, 0.0, MAX_DEPTH_GCM2, "g/cm^2")
    return x


@functools.lru_cache(maxsize=None)
def _response(material: str) -> tuple[np.ndarray, np.ndarray]:
    """(depth nodes, ln A_m) of the published depth-dose-equivalent response (preset [response])."""
    data = preset("gcr_iso15390")["response"]
    depth = np.asarray(data["depth_gcm2"], dtype=float)
    if material == "co2":
        first, second = data["co2_from"]
        log_a = 0.5 * (np.log(np.asarray(data[first], float)) + np.log(np.asarray(data[second], float)))
    else:
        log_a = np.log(np.asarray(data[material], dtype=float))
    if log_a.shape != depth.shape or np.any(np.diff(log_a) >= 0):
        raise InputError(f"gcr_iso15390.toml:{material}", "response curve must decrease strictly with depth")
    return depth, log_a


def attenuation(shielding_gcm2, material: str = "aluminium") -> np.ndarray:
    """A_m(x): published dose-equivalent response behind ``x`` of ``material`` relative to x = 0 (solar minimum)."""
    material = material_name(material)
    depth, log_a = _response(material)
    return np.exp(np.interp(_depth(shielding_gcm2), depth, log_a))


def aluminium_equivalent(shielding_gcm2, material: str = "aluminium") -> np.ndarray:
    """Aluminium areal density (g/cm^2) with the same GCR dose-equivalent response as ``x`` of ``material``."""
    material = material_name(material)
    x = _depth(shielding_gcm2)
    if material == "aluminium":
        return x
    depth, log_al = _response("aluminium")
    return np.interp(np.log(attenuation(x, material)), log_al[::-1], depth[::-1])


def _transported(x, w, material: str, quantity: str) -> np.ndarray:
    tab = transport.table(material)
    if quantity == "si":
        values = tab.absorbed_si_gy
    elif quantity == "gy_eq":
        values = tab.gy_eq
    else:
        values = (tab.dose_eq_sv if quantity == "dose_eq" else tab.absorbed_gy).sum(axis=1)
    return transport.interpolate(values, tab.w, tab.depth_gcm2, x, w)


def rate_w(shielding_gcm2, w, material: str = "aluminium", quantity: str = "dose_eq") -> np.ndarray:
    """Free-space GCR rate per day behind ``shielding_gcm2`` of ``material`` at modulation ``w``.

    Dose equivalent (docs/radiation.md eq. 1)::

        H(x, W) = c * A_m(x) * H_t,Al(0, W_ref) * H_t,m(x, W) / H_t,m(x, W_ref)

    ``A_m``: published response (whole field, secondaries included); ``H_t``: the ISO 15390 spectrum
    transported through the shield (ions Z = 1-28), which carries the solar-cycle dependence at each
    depth; ``W_ref``: solar minimum (the response's spectrum); ``c``: the one calibration (MSL/RAD
    cruise).  Other quantities follow the transported ratios at (x, W): ``absorbed`` = H / Q_t (Gy/day,
    tissue), ``si`` (Gy/day in silicon), ``gy_eq`` (Gy-Eq/day at the point, NCRP 132 RBE).
    """
    material = material_name(material)
    x = _depth(shielding_gcm2)
    w = spectrum.check_w(w)
    if quantity not in ("dose_eq", "absorbed", "si", "gy_eq"):
        raise UnknownNameError("quantity", quantity, ("dose_eq", "absorbed", "si", "gy_eq"))
    w_ref = spectrum.named_w("min")
    scale = preset("gcr_iso15390")["calibration"]["scale"]
    h_t = _transported(x, w, material, "dose_eq")
    if _MODEL.get() == "transport":
        h = preset("gcr_iso15390")["calibration"]["scale_transport"] * h_t
    else:
        h = scale * attenuation(x, material) * _transported(0.0, w_ref, "aluminium", "dose_eq") \
            * h_t / _transported(x, w_ref, material, "dose_eq")
    if quantity == "dose_eq":
        return h
    return h * _transported(x, w, material, quantity) / h_t


def group_rates_w(shielding_gcm2, w, material: str = "aluminium", quantity: str = "dose_eq") -> dict[str, np.ndarray]:
    """Per ion group (H, He, C, O, Si, Fe): dose equivalent (Sv/day) or absorbed dose (Gy/day).

    The total is :func:`rate_w`; each group's share is its share in the transported field at (x, W).
    """
    material = material_name(material)
    x = _depth(shielding_gcm2)
    w = spectrum.check_w(w)
    tab = transport.table(material)
    values = tab.dose_eq_sv if quantity == "dose_eq" else tab.absorbed_gy
    total = rate_w(x, w, material, quantity)
    parts = {g: transport.interpolate(values[:, k, :], tab.w, tab.depth_gcm2, x, w) for k, g in enumerate(tab.groups)}
    norm = sum(parts.values())
    return {g: total * v / norm for g, v in parts.items()}


def check_phi(phi_mv, field: str = "solar_activity") -> np.ndarray:
    """Validate force-field potential(s) (MV) against the supported range."""
    phi = np.asarray(phi_mv, dtype=float)
    require_range(field, phi, PHI_RANGE_MV[0], PHI_RANGE_MV[1], "MV")
    return phi


def dose_equivalent_rate_al(aluminium_gcm2, phi_mv) -> np.ndarray:
    """Free-space GCR dose-equivalent rate (Sv/day) behind aluminium ``x`` at potential ``phi_mv`` (MV)."""
    return rate_w(aluminium_gcm2, spectrum.w_from_phi(check_phi(phi_mv)))


def free_space_rate(shielding_gcm2, phi_mv, material: str = "aluminium") -> np.ndarray:
    """Free-space GCR dose-equivalent rate (Sv/day) behind ``shielding_gcm2`` of ``material`` at ``phi_mv`` (MV)."""
    return rate_w(shielding_gcm2, spectrum.w_from_phi(check_phi(phi_mv)), material)


def named_phi(level: str) -> float:
    """Force-field potential (MV) of a named activity level, ``"min"`` or ``"max"`` (from its W)."""
    key = str(level).strip().lower()
    if key not in ("min", "max"):
        raise UnknownNameError("solar_activity", str(level), ["min", "max", "auto", "<phi in MV>"])
    return float(spectrum.phi_from_w(spectrum.named_w(key)))


