"""Sizing lunar surface power systems: fission by power class, solar arrays, storage, hybrids.

Fission (:func:`size_fission`): total system mass m = a P^b, a power law fitted in log-log space to
the published lunar design points (Kilopower 1 and 10 kWe, FSP 2008 40 kWe; ``presets/fission``);
the shield share is adjusted for the exclusion distance r by inverse-square attenuation: keeping
the dose at r equal to the design's at r_ref needs (r_ref/r)^2 more attenuation, i.e.
ln((r_ref/r)^2) more relaxation lengths on a shield of ln(A_ref): m_shield(r) = m_shield,ref
(1 + 2 ln(r_ref/r) / ln A_ref).  Radiator area from Stefan-Boltzmann:
A = P_e (1/eta - 1) / (n_sides eps_fin eps sigma (T^4 - T_sink^4)).

Solar + storage (:func:`size_solar`): a time-stepped energy balance over the site's illumination
(from :mod:`spaceplan.surface_power.illumination`): the array makes P_a x visible disc fraction x
tracking factor x end-of-life derating; the load is met directly when possible, otherwise from
storage (discharge efficiency sqrt(eta_rt), charge efficiency sqrt(eta_rt)).  For a given array size
the needed usable storage is the largest cumulative deficit (sequent-peak); the array size is
chosen to minimise array + storage mass, with the store refilled every lunar day (at most 1.5 x the
storage an unlimited array would need, i.e. the dark periods' energy).  Storage capacity = usable energy / depth of discharge.

Every coefficient is in a TOML preset that says what is published and what is assumed.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core import registry
from spaceplan.core.errors import InfeasibleError, InputError, require_positive
from spaceplan.core.validity import Bound, Envelope, check, physical

SIGMA = 5.670374419e-8  # W m^-2 K^-4, Stefan-Boltzmann (CODATA 2018)
STORAGE_MARGIN = 1.5  # usable storage <= 1.5 x the dark-period energy: refilled every lunar day


@functools.lru_cache(maxsize=None)
def _toml(kind: str, name: str) -> dict:
    """A preset of ``kind`` (fission, solar, storage) through :mod:`spaceplan.core.registry`."""
    return dict(registry.load(kind, name, field=kind).data)


def design_points() -> list[dict]:
    """Published fission design points (``presets/fission/design_points.toml``)."""
    return [dict(d) for d in _toml("fission", "design_points")["design"]]


def requirements() -> dict:
    return dict(_toml("fission", "design_points")["requirements"])


@functools.lru_cache(maxsize=None)
def fission_curve(exclude: tuple[str, ...] = ()) -> tuple[float, float]:
    """(a kg, b) of m = a (P/1 kWe)^b fitted to the design points used in the fit (minus ``exclude``)."""
    pts = [d for d in design_points() if d.get("use_in_fit") and d["name"] not in exclude]
    if len(pts) < 2:
        raise InputError("fission design points", f"{len(pts)} left after excluding {exclude}", ">= 2")
    x = np.log([d["power_kwe"] for d in pts])
    y = np.log([d["mass_kg"] for d in pts])
    b, ln_a = np.polyfit(x, y, 1)
    return float(math.exp(ln_a)), float(b)


# Where the fission curve holds: unit powers within the published design points (Kilopower 1 kWe to SP-100
# 100 kWe, ``presets/fission/design_points.toml``); beyond them the power law is extrapolated.
FISSION_ENVELOPE = Envelope(
    "the fission mass curve",
    inputs=(Bound("unit_power_w", "design_min_w", "design_max_w", code="outside_fitted_range", unit="kWe", scale=1e-3,
                  label="fission unit power", why="the published design points it is fitted to"),),
    outputs=(physical("mass_kg", "mass", "fission mass"), physical("shield_mass_kg", "mass", "shield mass")))


def design_span_w() -> tuple[float, float]:
    """(lowest, highest) electric power of the published design points, W."""
    p = [float(d["power_kwe"]) * 1e3 for d in design_points()]
    return min(p), max(p)


def _require_power(field: str, power_w) -> float:
    require_positive(field, power_w, unit="W")
    return float(power_w)


@dataclass(frozen=True)
class FissionDesign:
    power_w: float
    units: int
    unit_power_w: float
    mass_kg: float
    shield_mass_kg: float
    exclusion_m: float
    thermal_power_w: float
    radiator_area_m2: float
    stowed_volume_m3: float
    fits_fsp_envelope: bool  # per unit: 4 m x 6 m cylinder
    curve: tuple[float, float]
    warnings: tuple = ()

    @property
    def unit_mass_kg(self) -> float:
        return self.mass_kg / self.units

    @property
    def specific_mass_kg_per_kw(self) -> float:
        return self.mass_kg / (self.power_w / 1e3)

    def to_dict(self) -> dict:
        return {"option": "fission", "power_kwe": self.power_w / 1e3, "units": self.units,
                "unit_power_kwe": self.unit_power_w / 1e3, "mass_kg": self.mass_kg,
                "specific_mass_kg_per_kwe": self.specific_mass_kg_per_kw, "shield_mass_kg": self.shield_mass_kg,
                "exclusion_m": self.exclusion_m, "thermal_power_kwt": self.thermal_power_w / 1e3,
                "radiator_area_m2": self.radiator_area_m2, "stowed_volume_m3": self.stowed_volume_m3,
                "fits_fsp_envelope": self.fits_fsp_envelope,
                "unit_mass_kg": self.unit_mass_kg, "curve": {"a_kg": self.curve[0], "exponent": self.curve[1]},
                "warnings": list(self.warnings)}


def size_fission(power_w: float, exclusion_m: float | None = None, preset: str = "fsp-class",
                 exclude_points: tuple[str, ...] = ()) -> FissionDesign:
    """Fission system for a continuous electric ``power_w`` (W), shield sized for ``exclusion_m``."""
    power_w = _require_power("power", power_w)
    p = _toml("fission", preset)
    r_ref = float(p["reference_exclusion_m"])
    r = r_ref if exclusion_m is None else float(exclusion_m)
    if not math.isfinite(r) or r < float(p["min_exclusion_m"]):
        raise InputError("exclusion distance", f"got {r:g} m", f">= {p['min_exclusion_m']:g} m")
    units = max(1, math.ceil(power_w / 1e3 / float(p["max_unit_kwe"])))
    unit_kw = power_w / 1e3 / units
    a, b = fission_curve(tuple(exclude_points))
    # below the smallest published design (1 kWe Kilopower) a unit weighs what that design weighs
    unit_mass = a * max(unit_kw, float(p["min_unit_kwe"])) ** b
    shield_ref = float(p["shield_mass_fraction"]) * unit_mass
    factor = 1.0 + 2.0 * math.log(r_ref / r) / math.log(float(p["shield_attenuation_ref"]))
    shield = max(shield_ref * factor, 0.0)
    unit_total = unit_mass - shield_ref + shield
    eta = float(p["conversion_efficiency"])
    q_w = unit_kw * 1e3 * (1.0 / eta - 1.0)
    flux = (float(p["radiator_sides"]) * float(p["radiator_fin_efficiency"]) * float(p["radiator_emissivity"]) * SIGMA
            * (float(p["radiator_temperature_k"]) ** 4 - float(p["radiator_sink_k"]) ** 4))
    volume = float(p["stowed_volume_m3_at_40kwe"]) * (unit_kw / 40.0) ** float(p["stowed_volume_exponent"])
    envelope = math.pi * 2.0**2 * 6.0
    lo_w, hi_w = design_span_w()
    warnings = check(FISSION_ENVELOPE, unit_power_w=unit_kw * 1e3, design_min_w=lo_w, design_max_w=hi_w,
                     mass_kg=units * unit_total, shield_mass_kg=units * shield)
    return FissionDesign(power_w, units, unit_kw * 1e3, units * unit_total, units * shield, r, power_w / eta,
                         units * q_w / flux, units * volume, volume <= envelope + 1e-9, (a, b), warnings)


@dataclass(frozen=True)
class Storage:
    name: str
    specific_energy_wh_per_kg: float
    energy_density_wh_per_l: float
    depth_of_discharge: float
    round_trip_efficiency: float
    power_mass_kg_per_kw: float


def load_storage(name: str) -> Storage:
    d = _toml("storage", name)
    return Storage(name, float(d["specific_energy_wh_per_kg"]), float(d["energy_density_wh_per_l"]),
                   float(d["depth_of_discharge"]), float(d["round_trip_efficiency"]), float(d["power_mass_kg_per_kw"]))


@dataclass(frozen=True)
class Demand:
    """Electric load: ``day_w`` while the site is lit, ``night_w`` while dark (constant: both equal)."""

    day_w: float
    night_w: float

    @classmethod
    def constant(cls, power_w: float) -> "Demand":
        p = _require_power("power", power_w)
        return cls(p, p)

    def __post_init__(self):
        require_positive("day power", self.day_w, unit="W")
        require_positive("night power", self.night_w, allow_zero=True, unit="W")


@dataclass(frozen=True)
class SolarDesign:
    storage: str
    array_bol_w: float
    array_mass_kg: float
    structure_mass_kg: float
    storage_usable_wh: float
    storage_capacity_wh: float
    storage_mass_kg: float
    storage_volume_m3: float
    array_area_m2: float
    mass_kg: float
    eol_factor: float
    tracking: str
    longest_dark_h: float
    night_fission: FissionDesign | None = None  # hybrid: fission covers the dark periods

    @property
    def storage_days(self) -> float:
        return self.longest_dark_h / 24.0

    def to_dict(self) -> dict:
        out = {"option": f"solar+{self.storage}" if self.night_fission is None else "solar+fission-night",
               "array_bol_kw": self.array_bol_w / 1e3, "array_mass_kg": self.array_mass_kg,
               "structure_mass_kg": self.structure_mass_kg, "array_area_m2": self.array_area_m2,
               "storage_usable_kwh": self.storage_usable_wh / 1e3, "storage_capacity_kwh": self.storage_capacity_wh / 1e3,
               "storage_mass_kg": self.storage_mass_kg, "storage_volume_m3": self.storage_volume_m3,
               "mass_kg": self.mass_kg, "eol_factor": self.eol_factor, "tracking": self.tracking,
               "longest_dark_hours": self.longest_dark_h}
        if self.night_fission is not None:
            out["night_fission"] = self.night_fission.to_dict()
        return out


def tracking_factor(kind: str, elevation) -> np.ndarray:
    """Incidence factor of a tracking array for Sun elevations (rad)."""
    el = np.asarray(elevation, dtype=float)
    if kind == "2axis":
        return np.ones_like(el)
    if kind == "vertical-1axis":
        return np.cos(el)
    if kind == "fixed-horizontal":
        return np.clip(np.sin(el), 0.0, None)
    raise InputError("tracking", f"got {kind!r}", "2axis, vertical-1axis, fixed-horizontal")


def storage_needed(gen_w: np.ndarray, load_w: np.ndarray, dt_s: float, eta_rt: float) -> float:
    """Usable storage (Wh) that lets generation ``gen_w`` meet ``load_w`` at every step.

    Surplus charges at sqrt(eta_rt), deficit discharges at 1/sqrt(eta_rt); inf when the span's
    energy balance is negative (storage would drain without end).  Surplus beyond a full store is
    curtailed.
    """
    from spaceplan.surface_power._kernels import sequent_peak

    eta = math.sqrt(eta_rt)
    net = np.where(gen_w >= load_w, (gen_w - load_w) * eta, (gen_w - load_w) / eta) * dt_s / 3600.0
    # energy balance over whole cycles (first to last sunrise) when there are any
    rise = np.flatnonzero((gen_w[:-1] <= 0.0) & (gen_w[1:] > 0.0)) + 1
    whole = net[rise[0]:rise[-1]] if rise.size >= 2 else net
    if float(np.sum(whole)) < 0.0:
        return math.inf
    # one pass starting full at the first lit step: every complete dark period in the span is
    # covered (a dark period cut by the start of the span is not: size over a long span)
    lit = np.flatnonzero(gen_w > 0.0)
    start = int(lit[0]) if lit.size else 0
    need, _ = sequent_peak(np.ascontiguousarray(net[start:], dtype=np.float64))
    return need


def size_hybrid(demand: Demand, illum_series, site_index: int = 0, years: float = 10.0,
                storage: str = "li-ion") -> SolarDesign:
    """Hybrid: a small fission unit runs continuously at the night load; solar arrays (with a storage
    buffer for the lit-time dips) carry the day load above it."""
    fis = size_fission(max(demand.night_w, 1.0))
    extra = demand.day_w - demand.night_w
    if extra <= 0:
        return SolarDesign("none", 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, fis.mass_kg, 1.0, "-", 0.0, fis)
    sol = size_solar(Demand(extra, 0.0), illum_series, site_index, storage, years)
    return SolarDesign(sol.storage, sol.array_bol_w, sol.array_mass_kg, sol.structure_mass_kg, sol.storage_usable_wh,
                       sol.storage_capacity_wh, sol.storage_mass_kg, sol.storage_volume_m3, sol.array_area_m2,
                       sol.mass_kg + fis.mass_kg, sol.eol_factor, sol.tracking, sol.longest_dark_h, fis)


def size_solar(demand: Demand, illum_series, site_index: int = 0, storage: str = "li-ion", years: float = 10.0,
               array_preset: str = "array") -> SolarDesign:
    """Solar array + storage for ``demand`` at one site.

    ``illum_series`` is a :class:`~spaceplan.surface_power.illumination.SunSeries` with uniform steps
    covering at least one representative span (a year).  The array is sized for end of life.
    """
    require_positive("mission length", years, unit="years")
    arr = _toml("solar", array_preset)
    st = load_storage(storage)
    site = illum_series.sites[site_index]
    tracking = arr["polar_tracking"] if abs(site.latitude_deg) > 75.0 else arr["other_tracking"]
    vis = illum_series.visible[site_index].astype(float)
    shape = vis * tracking_factor(tracking, illum_series.elevation[site_index])
    eol = (1.0 - float(arr["degradation_per_year"])) ** years * (1.0 - float(arr["dust_loss"])) * float(arr["pmad_efficiency"])
    t = illum_series.tdb
    dt = float(t[1] - t[0])
    lit = vis >= 0.5  # "day" load while at least half the solar disc is up (the Sun's centre above the horizon)
    load = np.where(lit, demand.day_w, demand.night_w)
    from spaceplan.surface_power.illumination import dark_periods

    darks = [d.hours for d in dark_periods(illum_series, site_index)]
    longest = max(darks, default=0.0)
    if not lit.any():
        raise InfeasibleError(f"site {site.name} gets no sunlight in the span: solar power is impossible there")
    w_per_kg = float(arr["specific_power_w_per_kg"])
    struct = float(arr["structure_fraction"])

    def array_mass(p_bol):
        m = p_bol / w_per_kg
        return m, m * struct

    # design rule: the store refills every lunar day, so it carries at most 1.5 x what an unlimited
    # array would still need (the dark-period energy); otherwise the optimum drifts to a barely
    # balancing array and a store spanning months of deficits
    mean_load = float(np.mean(load))
    mean_shape = float(np.mean(shape))
    if mean_shape <= 0:
        raise InfeasibleError(f"site {site.name}: the arrays never see the Sun in the span")
    base = mean_load / (eol * mean_shape * st.round_trip_efficiency)  # energy balance with all energy stored
    floor = storage_needed(base * 1e4 * eol * shape, load, dt, st.round_trip_efficiency)
    limit = max(STORAGE_MARGIN * floor, max(demand.day_w, demand.night_w) * 1.0)  # at least 1 h at peak

    def total(p_bol):
        need = storage_needed(p_bol * eol * shape, load, dt, st.round_trip_efficiency)
        if not math.isfinite(need) or need > limit:
            return math.inf, need
        cap = need / st.depth_of_discharge
        am, sm = array_mass(p_bol)
        peak_night_kw = max(demand.night_w, demand.day_w) / 1e3
        return am + sm + cap / st.specific_energy_wh_per_kg + st.power_mass_kg_per_kw * peak_night_kw, need

    grid = base * np.geomspace(0.5, 20.0, 60)
    masses = [total(p)[0] for p in grid]
    k = int(np.argmin(masses))
    if not math.isfinite(masses[k]):
        raise InfeasibleError(f"no array up to {grid[-1] / 1e3:.0f} kW balances the load at {site.name}")
    lo, hi = grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)]
    for _ in range(30):  # golden-section refinement
        m1, m2 = lo + 0.382 * (hi - lo), lo + 0.618 * (hi - lo)
        if total(m1)[0] <= total(m2)[0]:
            hi = m2
        else:
            lo = m1
    p_bol = 0.5 * (lo + hi)
    mass, need = total(p_bol)
    cap = need / st.depth_of_discharge
    am, sm = array_mass(p_bol)
    return SolarDesign(storage, p_bol, am, sm, need, cap, cap / st.specific_energy_wh_per_kg
                       + st.power_mass_kg_per_kw * max(demand.night_w, demand.day_w) / 1e3,
                       cap / st.energy_density_wh_per_l / 1e3, p_bol / float(arr["areal_power_w_per_m2"]), mass, eol,
                       tracking, longest)
