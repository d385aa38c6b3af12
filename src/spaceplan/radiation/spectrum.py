"""Galactic cosmic-ray spectra at 1 AU: ISO 15390 in its one-parameter form, modulated by the solar record.

Model (presets/radiation_models/gcr_iso15390.toml, docs/radiation.md eq. 1)::

    Phi_Z(R, W) = C_Z beta^alpha_Z R^-gamma_Z (R / (R + R0(W)))^Delta(W)     [1/(m^2 s sr GV)]
    R0 = 0.37 + 3e-4 W^1.45 GV,   Delta = 4.7 + 0.02 W

(ISO 15390:2004 spectral shape and element table, with the single modulation parameter W of Matthiae
et al. 2013, Adv. Space Res. 51:329).  Why ISO 15390 rather than Badhwar-O'Neill 2020: it is closed
form (vectorised over energy, element and W with no numerical Fokker-Planck solution per element), its
element table covers Z = 1-28 in one published source, and its modulation parameter tracks the
sunspot number, which the bundled space-weather record gives for any date from 1957 on.

``W(t)``: 13-month-smoothed 1-AU F10.7 from the bundled CelesTrak record (observed) or the NASA MSFC
forecast (future), converted to the version-1 sunspot number and lagged one year (see the preset).
"""

from __future__ import annotations

import functools

import numpy as np

from spaceplan.core.errors import InputError, require_range
from spaceplan.radiation._data import preset

PROTON_MASS_MEV = 938.272


@functools.lru_cache(maxsize=1)
def _elements() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    s = preset("gcr_iso15390")["spectrum"]
    return tuple(np.asarray(s[k], dtype=float) for k in ("z", "a", "c", "alpha", "gamma"))


def elements() -> tuple[np.ndarray, np.ndarray]:
    """(Z, A) of the 28 transported elements."""
    z, a, *_ = _elements()
    return z, a


def groups() -> dict[str, tuple[int, int]]:
    """Reporting groups name -> (lowest Z, highest Z): H, He, C, O, Si, Fe."""
    return {k: (int(v[0]), int(v[1])) for k, v in preset("gcr_iso15390")["groups"].items()}


def check_w(w, field: str = "solar_activity") -> np.ndarray:
    s = preset("gcr_iso15390")["spectrum"]
    w = np.asarray(w, dtype=float)
    require_range(field, w, s["w_min"], s["w_max"], "(modulation parameter W)")
    return w


def flux(energy_mev_n, w) -> np.ndarray:
    """Differential flux of Z = 1..28 at 1 AU, 1/(cm^2 s sr MeV/n), shape (..., 28, n_energy).

    ``w`` may be an array: its shape leads the result's.
    """
    z, a, c, alpha, gamma = _elements()
    s = preset("gcr_iso15390")["spectrum"]
    e = np.asarray(energy_mev_n, dtype=float) * 1e-3  # GeV/n
    w = check_w(w)[..., None, None]
    m = PROTON_MASS_MEV * 1e-3
    pc = np.sqrt(e * (e + 2.0 * m))  # GeV/c per nucleon
    beta = pc / (e + m)
    rig = (a / z)[:, None] * pc  # GV
    r0 = s["r0_gv"] + s["r0_coeff"] * w ** s["r0_power"]
    delta = s["delta0"] + s["delta_slope"] * w
    phi_r = (c[:, None] * beta ** alpha[:, None] / rig ** gamma[:, None]) * (rig / (rig + r0)) ** delta
    return phi_r * (a / z)[:, None] / beta * 1e-3 * 1e-4  # per GV -> per MeV/n; per m^2 -> per cm^2


# --------------------------------------------------------------------------------------------------
# Modulation parameter W from the bundled space-weather record
# --------------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _smoothed_record() -> tuple[np.ndarray, np.ndarray, float]:
    """(days since 1970 of the smoothed series, smoothed F10.7_ADJ, first day of the MSFC-only span)."""
    from spaceplan.core import space_weather

    mod = preset("gcr_iso15390")["modulation"]
    rec, fc = space_weather.load()
    n_obs = int(np.flatnonzero(rec.observed)[-1]) + 1
    days = rec.day[:n_obs].astype(float)
    f = rec.f107_adj[:n_obs]
    n = int(mod["smoothing_days"])
    kernel = np.ones(n) / n
    # centred running mean; near the record's ends over the part of the window inside it
    smooth = np.convolve(f, kernel, mode="same") / np.convolve(np.ones_like(f), kernel, mode="same")
    mid = days
    # MSFC 13-month smoothed, 50th percentile, monthly (mid-month), after the smoothed record ends.
    first = fc.month.astype("datetime64[D]").astype(float) + 14.5
    later = first > mid[-1]
    t = np.concatenate([mid, first[later]])
    v = np.concatenate([smooth, fc.f107[later, fc.column(50)]])
    return t, v, float(mid[-1])


def f107_to_w(f107) -> np.ndarray:
    """Version-1 sunspot number (= W before the lag) from a 13-month-smoothed F10.7 (sfu)."""
    mod = preset("gcr_iso15390")["modulation"]
    a, b, c = mod["ssn_fit"]
    f = np.asarray(f107, dtype=float)
    ssn_v2 = np.maximum(a + b * f + c * f * f, 0.0)
    return np.clip(mod["v1_over_v2"] * ssn_v2, 0.0, preset("gcr_iso15390")["spectrum"]["w_max"])


def w_span_days() -> tuple[float, float]:
    """(first, last) UTC day (days since 1970) for which W(t) is defined.

    From the record's first day (1957-10-01): during the first lag year the lagged F10.7 is held at the
    record's first smoothed value.  To the MSFC forecast's last month plus the lag.
    """
    t, _, _ = _smoothed_record()
    lag = preset("gcr_iso15390")["modulation"]["lag_yr"] * 365.25
    return float(t[0]), float(t[-1] + lag)


def w_at_days(days_1970) -> np.ndarray:
    """W at UTC days since 1970-01-01 (smoothed F10.7 one lag earlier, interpolated)."""
    t, v, _ = _smoothed_record()
    lag = preset("gcr_iso15390")["modulation"]["lag_yr"] * 365.25
    d = np.asarray(days_1970, dtype=float)
    lo, hi = w_span_days()
    bad = ~np.isfinite(d) | (d < lo) | (d > hi)
    if np.any(bad):
        first = d[bad].flat[0] if d.ndim else d
        when = np.datetime64(int(np.floor(first)), "D") if np.isfinite(first) else first
        raise InputError("date", f"{when} is outside the cosmic-ray modulation record",
                         f"{np.datetime64(int(np.ceil(lo)), 'D')} to {np.datetime64(int(hi), 'D')} "
                         "(observed F10.7 since 1957-10-01 + NASA MSFC forecast, lagged 1 year)")
    return f107_to_w(np.interp(d - lag, t, v))


def w_at(tdb) -> np.ndarray:
    """W at TDB epoch(s) (s past J2000)."""
    from spaceplan.core.time import tdb_to_datetime64

    stamp = tdb_to_datetime64(np.atleast_1d(np.asarray(tdb, dtype=float)))
    days = (stamp - np.datetime64("1970-01-01", "ns")).astype("int64") / 86_400e9
    out = w_at_days(days)
    return out if np.ndim(tdb) else out.reshape(())


def named_w(level: str) -> float:
    """W of a named activity level, ``"min"`` or ``"max"``."""
    mod = preset("gcr_iso15390")["modulation"]
    return float({"min": mod["w_named_min"], "max": mod["w_named_max"]}[level])


def w_from_phi(phi_mv) -> np.ndarray:
    """W for a force-field potential phi (MV) on the core solar-cycle line phi = phi0 + slope R_v2."""
    from spaceplan.core.solar_cycle import preset as cycle_preset

    line = cycle_preset("solar_cycles")["modulation"]
    mod = preset("gcr_iso15390")["modulation"]
    r = (np.asarray(phi_mv, dtype=float) - line["phi0_mv"]) / line["slope_mv_per_ssn"]
    return np.clip(mod["v1_over_v2"] * r, 0.0, preset("gcr_iso15390")["spectrum"]["w_max"])


def phi_from_w(w) -> np.ndarray:
    """Inverse of :func:`w_from_phi` (MV), for reports that keep the phi column."""
    from spaceplan.core.solar_cycle import preset as cycle_preset

    line = cycle_preset("solar_cycles")["modulation"]
    mod = preset("gcr_iso15390")["modulation"]
    return line["phi0_mv"] + line["slope_mv_per_ssn"] * np.asarray(w, dtype=float) / mod["v1_over_v2"]
