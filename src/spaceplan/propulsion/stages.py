"""Upper-stage mass model and stage sizing: dry mass = fixed part + tankage fraction x propellant.

A stage's dry mass has a part that does not scale with its load (engine, avionics, thrust structure, RCS) and a
part that does (tanks, insulation, pressurant, feed lines):

    m_dry = m_fixed + f m_p

One (m_fixed, f) pair per propellant combination, fitted by least squares to a family of flown stages of that
propellant: ``presets/stage_masses/<propellant>.toml`` lists the stages with their sources (LOX/LH2: the Delta
Cryogenic Second Stage family; N2O4/UDMH: Fregat and Breeze M).

Sizing a stage that gives ``payload`` a velocity change dv at exhaust speed c (Tsiolkovsky, R = exp(dv/c)):

    m_p = (R - 1)(payload + m_fixed) / (1 - (R - 1) f)

with boil-off carried on top of the burnt load.  Beyond R = 1 + 1/f the tanks outweigh what the propellant gains
and no stage of that propellant can do it.  Used by :mod:`spaceplan.propulsion.compare` (chemical stacks) and by
any composition that needs a stage's mass for a load (e.g. a Starship-class stage with its own preset).
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core import registry
from spaceplan.core.errors import InfeasibleError, InputError, ParseError

KIND = "stage_masses"


@dataclass(frozen=True)
class StageMassModel:
    """m_dry = fixed_kg + tankage_fraction x propellant (kg) for one propellant combination."""

    propellant: str
    fixed_kg: float
    tankage_fraction: float
    title: str = ""
    source: str = ""
    references: tuple[tuple[str, float, float], ...] = ()  # (stage, propellant kg, dry kg) the fit went through
    bulk_density_kg_m3: float | None = None  # of the propellant load at the mixture ratio (volume of the tanks)

    def __post_init__(self):
        if not (self.fixed_kg >= 0 and math.isfinite(self.fixed_kg)):
            raise InputError(f"stage mass model {self.propellant}: fixed_kg", f"got {self.fixed_kg:g}", ">= 0 kg")
        if not 0.0 <= self.tankage_fraction < 1.0:
            raise InputError(f"stage mass model {self.propellant}: tankage_fraction",
                             f"got {self.tankage_fraction:g}", "0 <= f < 1")

    def dry_mass_kg(self, propellant_kg):
        """Dry mass (kg) of a stage of this propellant loaded with ``propellant_kg``."""
        return self.fixed_kg + self.tankage_fraction * np.asarray(propellant_kg, dtype=float)

    @property
    def max_mass_ratio(self) -> float:
        """The mass ratio no stage of this propellant can exceed, 1 + 1/f (inf without tankage)."""
        return math.inf if self.tankage_fraction == 0 else 1.0 + 1.0 / self.tankage_fraction

    @classmethod
    def fit(cls, propellant: str, references, title: str = "", source: str = "") -> "StageMassModel":
        """Least-squares line through ``references`` = [(stage, propellant kg, dry kg), ...] (>= 2 loads)."""
        refs = tuple((str(n), float(p), float(d)) for n, p, d in references)
        loads = {p for _, p, _ in refs}
        if len(loads) < 2:
            raise InputError(f"stage mass model {propellant}: reference", f"{len(loads)} distinct load(s)",
                             "at least two stages with different propellant loads")
        x = np.array([p for _, p, _ in refs])
        y = np.array([d for _, _, d in refs])
        slope, intercept = np.polyfit(x, y, 1)
        return cls(propellant, float(intercept), float(slope), title, source, refs)

    def to_dict(self) -> dict:
        return {"propellant": self.propellant, "fixed_kg": self.fixed_kg, "tankage_fraction": self.tankage_fraction,
                "title": self.title, "source": self.source,
                "references": [{"stage": n, "propellant_kg": p, "dry_kg": d} for n, p, d in self.references]}


def stage_mass_names() -> list[str]:
    """Propellant combinations with a bundled stage mass model (``presets/stage_masses``)."""
    return registry.names(KIND)


@functools.lru_cache(maxsize=None)
def stage_mass_model(propellant: str) -> StageMassModel:
    """The fitted mass model of a propellant combination (``lox-lh2``, ``n2o4-udmh``, ...) or a user's TOML."""
    preset = registry.resolve(KIND, propellant, field="propellant")
    refs = preset.data.get("reference")
    if not isinstance(refs, list) or not refs:
        raise ParseError(f"stage mass model {preset.name}", "needs [[reference]] tables (stage, propellant, dry)")
    rows = []
    for k, r in enumerate(refs):
        try:
            rows.append((str(r.get("name", f"reference {k + 1}")), float(r["propellant_kg"]), float(r["dry_kg"])))
        except (KeyError, TypeError, ValueError):
            raise ParseError(f"stage mass model {preset.name}.reference[{k}]",
                             "needs numeric propellant_kg and dry_kg") from None
    for name, p, d in rows:
        if not (p > 0 and d > 0):
            raise InputError(f"stage mass model {preset.name}: {name}", f"propellant {p:g} kg, dry {d:g} kg", "> 0")
    model = StageMassModel.fit(str(preset.data.get("propellant", preset.name)), rows, preset.title, preset.source)
    d = preset.data
    if all(k in d for k in ("oxidizer_density_kg_m3", "fuel_density_kg_m3", "mixture_ratio")):
        model = dataclasses.replace(model, bulk_density_kg_m3=bulk_density(
            float(d["oxidizer_density_kg_m3"]), float(d["fuel_density_kg_m3"]), float(d["mixture_ratio"])))
    return model


def bulk_density(oxidizer_kg_m3: float, fuel_kg_m3: float, mixture_ratio: float) -> float:
    """Density (kg/m^3) of a bipropellant load at oxidizer/fuel mass ratio r: 1 / (r/(1+r)/rho_o + 1/(1+r)/rho_f)."""
    if min(oxidizer_kg_m3, fuel_kg_m3, mixture_ratio) <= 0:
        raise InputError("bulk density", f"{oxidizer_kg_m3:g}, {fuel_kg_m3:g} kg/m^3, O/F {mixture_ratio:g}", "> 0")
    r = mixture_ratio
    return 1.0 / (r / (1 + r) / oxidizer_kg_m3 + 1 / (1 + r) / fuel_kg_m3)


@dataclass(frozen=True)
class SizedStage:
    """A stage sized for one burn (kg, m/s)."""

    propellant_kg: float  # loaded: burnt + boil-off
    dry_kg: float
    payload_kg: float
    dv_m_s: float

    @property
    def initial_mass_kg(self) -> float:
        return self.payload_kg + self.dry_kg + self.propellant_kg

    def to_dict(self) -> dict:
        return {"propellant_kg": self.propellant_kg, "dry_kg": self.dry_kg, "payload_kg": self.payload_kg,
                "dv_km_s": self.dv_m_s / 1e3, "initial_mass_kg": self.initial_mass_kg}


def size_stage(payload_kg: float, dv_m_s: float, exhaust_speed_m_s: float, model: StageMassModel,
               boiloff_fraction: float = 0.0, where: str = "stage") -> SizedStage:
    """The stage of ``model`` that gives ``payload_kg`` a velocity change ``dv_m_s`` (module docstring).

    ``boiloff_fraction`` of the burnt propellant is lost before the burn and loaded on top (tanks sized for
    the burnt load).  Raises :class:`InfeasibleError` naming ``where`` when the mass ratio exceeds 1 + 1/f.
    """
    if payload_kg < 0 or dv_m_s < 0 or exhaust_speed_m_s <= 0:
        raise InputError(where, f"payload {payload_kg:g} kg, dv {dv_m_s:g} m/s, c {exhaust_speed_m_s:g} m/s",
                         "payload >= 0, dv >= 0, exhaust speed > 0")
    r = math.exp(dv_m_s / exhaust_speed_m_s)
    denom = 1.0 - (r - 1.0) * model.tankage_fraction
    if denom <= 0:
        raise InfeasibleError(f"{where}: delta-v {dv_m_s / 1e3:.2f} km/s needs a mass ratio {r:.2f}, but "
                              f"{model.propellant} tanks of {model.tankage_fraction:.1%} of the propellant cap it at "
                              f"{model.max_mass_ratio:.2f}")
    burnt = (r - 1.0) * (payload_kg + model.fixed_kg) / denom
    return SizedStage(burnt * (1.0 + boiloff_fraction), float(model.dry_mass_kg(burnt)), float(payload_kg),
                      float(dv_m_s))
