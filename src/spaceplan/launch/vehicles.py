"""Launch vehicles as data: ``Engine``, ``Stage``, ``Vehicle`` loaded from TOML presets.

A preset lives in ``presets/vehicles/<name>.toml`` with a ``[vehicle]`` table,
``[[stage]]`` tables in firing order (each with a ``[stage.engine]``) and an
optional ``[boosters]`` table for strap-on boosters that fire in parallel with
the first stage.  Every number in a preset carries its source in a comment.

Engine model: constant mass flow mdot = T_vac / (Isp_vac g0); thrust falls with
ambient pressure as T(p) = T_vac - p A_e with the exit area A_e = (T_vac -
T_sl) / p0 (Sutton & Biblarz, *Rocket Propulsion Elements*, 9th ed., eq. 3-35).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spaceplan.core import registry
from spaceplan.core.constants import G0
from spaceplan.core.errors import InputError, ParseError

P0 = 101_325.0  # Pa, sea-level pressure used to define sea-level thrust


@dataclass(frozen=True)
class Engine:
    """One rocket engine. Thrusts in N, Isp in s, throttle as a fraction of full thrust."""

    name: str
    thrust_vac_n: float
    isp_vac_s: float
    thrust_sl_n: float = 0.0  # 0 for vacuum engines that cannot fire at sea level
    isp_sl_s: float = 0.0
    throttle_min: float = 1.0
    throttle_max: float = 1.0

    def __post_init__(self):
        _positive(f"engine {self.name}: thrust_vac_n", self.thrust_vac_n)
        _positive(f"engine {self.name}: isp_vac_s", self.isp_vac_s)
        if not (0.0 <= self.thrust_sl_n <= self.thrust_vac_n):
            raise InputError(f"engine {self.name}: thrust_sl_n", f"got {self.thrust_sl_n:g} N",
                             f"0 to thrust_vac_n = {self.thrust_vac_n:g} N")
        if self.isp_sl_s < 0 or self.isp_sl_s > self.isp_vac_s:
            raise InputError(f"engine {self.name}: isp_sl_s", f"got {self.isp_sl_s:g} s",
                             f"0 to isp_vac_s = {self.isp_vac_s:g} s")
        if not (0.0 < self.throttle_min <= self.throttle_max <= 1.2):
            raise InputError(f"engine {self.name}: throttle range",
                             f"got {self.throttle_min:g}..{self.throttle_max:g}", "0 < min <= max <= 1.2")

    @property
    def mdot(self) -> float:
        """Mass flow at full thrust, kg/s."""
        return self.thrust_vac_n / (self.isp_vac_s * G0)

    @property
    def exit_area_m2(self) -> float:
        """Effective nozzle exit area A_e = (T_vac - T_sl) / p0, m^2 (0 for vacuum-only engines)."""
        return (self.thrust_vac_n - self.thrust_sl_n) / P0 if self.thrust_sl_n > 0 else 0.0

    def thrust(self, pressure_pa):
        """Thrust (N) at ambient pressure (Pa), never below zero."""
        import numpy as np

        return np.maximum(self.thrust_vac_n - np.asarray(pressure_pa, float) * self.exit_area_m2, 0.0)


@dataclass(frozen=True)
class Stage:
    """A stage (or one strap-on booster). Masses in kg; ``residual_kg`` is unusable propellant kept on board."""

    name: str
    dry_mass_kg: float
    propellant_mass_kg: float
    engine: Engine
    engine_count: int = 1
    residual_kg: float = 0.0
    reusable: bool = False
    recovery_hardware_kg: float = 0.0  # legs, grid fins etc. carried only when recovering
    descent_cd: float = 1.0
    boostback_engines: int = 0
    # RTLS: seconds from the stage's burnout (MECO) to the boost-back ignition (separation, flip); the stage
    # coasts on meanwhile, farther downrange.  10 s is an assumption; presets give their measured value
    flip_coast_s: float = 10.0
    entry_engines: int = 0
    landing_engines: int = 0
    throttle_with_boosters: float = 1.0  # thrust fraction while strap-ons fire (Angara core at 30 %)
    separation_coast_s: float = 0.0  # coast between previous stage burnout and this stage's ignition
    # non-propulsive fluids loaded on the stage and expelled during its burn without producing thrust (R-7 family:
    # hydrogen peroxide for the turbopump gas generator, liquid nitrogen for tank pressurisation); they are
    # expelled in proportion to the propellant flow, auxiliary_residual_kg of them stays on board at burnout
    auxiliary_fluid_kg: float = 0.0
    auxiliary_residual_kg: float = 0.0
    # structure dropped part-way through the stage's own burn (Soyuz Blok I aft skirt), jettison_after_s after
    # ignition at full thrust; it is part of dry_mass_kg
    jettison_mass_kg: float = 0.0
    jettison_after_s: float = 0.0

    def __post_init__(self):
        _positive(f"stage {self.name}: dry_mass_kg", self.dry_mass_kg)
        _positive(f"stage {self.name}: propellant_mass_kg", self.propellant_mass_kg)
        for f in ("residual_kg", "recovery_hardware_kg", "separation_coast_s", "auxiliary_fluid_kg",
                  "auxiliary_residual_kg", "jettison_mass_kg", "jettison_after_s", "flip_coast_s"):
            if getattr(self, f) < 0:
                raise InputError(f"stage {self.name}: {f}", f"got {getattr(self, f):g}", ">= 0")
        if self.residual_kg >= self.propellant_mass_kg:
            raise InputError(f"stage {self.name}: residual_kg", "residual exceeds the propellant load",
                             "< propellant_mass_kg")
        if self.auxiliary_residual_kg > self.auxiliary_fluid_kg:
            raise InputError(f"stage {self.name}: auxiliary_residual_kg", "exceeds auxiliary_fluid_kg",
                             "<= auxiliary_fluid_kg")
        if self.jettison_mass_kg >= self.dry_mass_kg:
            raise InputError(f"stage {self.name}: jettison_mass_kg", "the jettisoned part is counted in the dry mass",
                             "< dry_mass_kg")
        if self.jettison_mass_kg > 0 and not (0.0 < self.jettison_after_s < self.burn_time_s):
            raise InputError(f"stage {self.name}: jettison_after_s", f"got {self.jettison_after_s:g} s",
                             f"0 < t < burn time {self.burn_time_s:.0f} s")
        if self.engine_count < 1:
            raise InputError(f"stage {self.name}: engine_count", f"got {self.engine_count}", ">= 1")
        if not (0.0 < self.throttle_with_boosters <= 1.0):
            raise InputError(f"stage {self.name}: throttle_with_boosters", f"got {self.throttle_with_boosters:g}",
                             "0 < x <= 1")
        if self.reusable and min(self.entry_engines, self.landing_engines) < 1:
            raise InputError(f"stage {self.name}: landing_engines", "a reusable stage needs entry and landing engines",
                             ">= 1")

    @property
    def thrust_vac_n(self) -> float:
        return self.engine.thrust_vac_n * self.engine_count

    @property
    def thrust_sl_n(self) -> float:
        return self.engine.thrust_sl_n * self.engine_count

    @property
    def mdot(self) -> float:
        return self.engine.mdot * self.engine_count

    @property
    def usable_propellant_kg(self) -> float:
        return self.propellant_mass_kg - self.residual_kg

    @property
    def auxiliary_flow_ratio(self) -> float:
        """Auxiliary fluid expelled per kg of usable propellant burnt (0 for most stages)."""
        return (self.auxiliary_fluid_kg - self.auxiliary_residual_kg) / self.usable_propellant_kg

    @property
    def burn_time_s(self) -> float:
        """Full-thrust burn time of the usable propellant, s."""
        return self.usable_propellant_kg / self.mdot

    def gross_mass_kg(self) -> float:
        return self.dry_mass_kg + self.propellant_mass_kg + self.auxiliary_fluid_kg


@dataclass(frozen=True)
class Vehicle:
    """A launch vehicle: stages in firing order, optional strap-on boosters, fairing and aerodynamics."""

    name: str
    key: str
    stages: tuple[Stage, ...]
    fairing_mass_kg: float
    reference_diameter_m: float
    cd_mach: tuple[float, ...]
    cd: tuple[float, ...]
    boosters: Stage | None = None
    booster_count: int = 0
    q_limit_pa: float = 0.0  # throttle to hold max-q below this (0: no limit)
    accel_limit_g: float = 0.0  # throttle to hold sensed acceleration below this (0: no limit)
    fairing_altitude_m: float = 100_000.0
    fairing_heat_flux_w_m2: float = 1135.0
    sources: str = ""
    published: dict = field(default_factory=dict)

    def __post_init__(self):
        if not self.stages:
            raise InputError(f"vehicle {self.key}: stages", "no stages", "at least one [[stage]]")
        _positive(f"vehicle {self.key}: reference_diameter_m", self.reference_diameter_m)
        if self.fairing_mass_kg < 0:
            raise InputError(f"vehicle {self.key}: fairing_mass_kg", f"got {self.fairing_mass_kg:g}", ">= 0")
        if len(self.cd_mach) != len(self.cd) or len(self.cd) < 2:
            raise InputError(f"vehicle {self.key}: cd", "cd and cd_mach must have the same length >= 2")
        if any(b <= a for a, b in zip(self.cd_mach, self.cd_mach[1:])):
            raise InputError(f"vehicle {self.key}: cd_mach", "Mach points must increase")
        if any(c <= 0 for c in self.cd):
            raise InputError(f"vehicle {self.key}: cd", "drag coefficients must be positive", "> 0")
        if (self.boosters is None) != (self.booster_count == 0):
            raise InputError(f"vehicle {self.key}: boosters", "give both [boosters] and count", "count >= 1")
        for s in (self.stages[0], self.boosters):
            if s is not None and s.jettison_mass_kg > 0:
                raise InputError(f"vehicle {self.key}: {s.name}: jettison_mass_kg",
                                 "a mid-burn jettison is modelled for upper stages only", "0")
        if self.q_limit_pa < 0 or self.accel_limit_g < 0:
            raise InputError(f"vehicle {self.key}: limits", "q_limit_pa and accel_limit_g must be >= 0")
        if self.boosters is not None and self.boosters.burn_time_s >= self.stages[0].burn_time_s / \
                self.stages[0].throttle_with_boosters:
            raise InputError(f"vehicle {self.key}: boosters", "boosters must burn out before the core stage")

    @property
    def reference_area_m2(self) -> float:
        import math

        return math.pi * self.reference_diameter_m ** 2 / 4.0

    def liftoff_mass_kg(self, payload_kg: float = 0.0) -> float:
        m = sum(s.gross_mass_kg() for s in self.stages) + self.fairing_mass_kg + payload_kg
        if self.boosters is not None:
            m += self.booster_count * self.boosters.gross_mass_kg()
        return m

    def liftoff_thrust_n(self) -> float:
        t = self.stages[0].thrust_sl_n * (self.stages[0].throttle_with_boosters if self.boosters else 1.0)
        if self.boosters is not None:
            t += self.booster_count * self.boosters.thrust_sl_n
        return t


def _positive(field_name: str, value) -> None:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InputError(field_name, f"not a number: {value!r}", "> 0") from None
    if not v > 0 or v != v or v == float("inf"):
        raise InputError(field_name, f"got {v:g}", "finite, > 0")


_STAGE_KEYS = {f for f in Stage.__dataclass_fields__} - {"engine"}
_ENGINE_KEYS = set(Engine.__dataclass_fields__)


def _stage_from(table: dict, where: str) -> Stage:
    table = dict(table)
    if "engine" not in table:
        raise ParseError(f"{where}.engine", "missing [engine] table")
    eng = dict(table.pop("engine"))
    unknown = set(eng) - _ENGINE_KEYS
    if unknown:
        raise ParseError(f"{where}.engine", f"unknown keys {sorted(unknown)}", ", ".join(sorted(_ENGINE_KEYS)))
    unknown = set(table) - _STAGE_KEYS
    if unknown:
        raise ParseError(where, f"unknown keys {sorted(unknown)}", ", ".join(sorted(_STAGE_KEYS)))
    try:
        engine = Engine(**eng)
        return Stage(engine=engine, **table)
    except TypeError as exc:
        raise ParseError(where, str(exc)) from None


def vehicle_from_dict(data: dict, key: str = "custom") -> Vehicle:
    """Build a ``Vehicle`` from parsed TOML data (see the module docstring for the layout)."""
    if "vehicle" not in data or "stage" not in data:
        raise ParseError(key, "needs a [vehicle] table and [[stage]] tables")
    v = dict(data["vehicle"])
    stages = tuple(_stage_from(s, f"{key}: stage[{i}]") for i, s in enumerate(data["stage"]))
    boosters = None
    count = 0
    if "boosters" in data:
        b = dict(data["boosters"])
        count = int(b.pop("count", 0))
        if count < 1:
            raise InputError(f"{key}: boosters.count", f"got {count}", ">= 1")
        boosters = _stage_from(b, f"{key}: boosters")
    published = dict(data.get("published", {}))
    allowed = {"name", "fairing_mass_kg", "reference_diameter_m", "cd_mach", "cd", "q_limit_pa", "accel_limit_g",
               "fairing_altitude_m", "fairing_heat_flux_w_m2", "sources"}
    unknown = set(v) - allowed
    if unknown:
        raise ParseError(f"{key}: vehicle", f"unknown keys {sorted(unknown)}", ", ".join(sorted(allowed)))
    try:
        return Vehicle(key=key, stages=stages, boosters=boosters, booster_count=count, published=published,
                       cd_mach=tuple(float(x) for x in v.pop("cd_mach")), cd=tuple(float(x) for x in v.pop("cd")),
                       **v)
    except (TypeError, KeyError) as exc:
        raise ParseError(f"{key}: vehicle", f"missing or bad field: {exc}") from None


def vehicle_names() -> list[str]:
    """Names of the bundled launch-vehicle presets (registry kind ``vehicles`` with ``[[stage]]`` tables)."""
    return registry.names("vehicles", table="stage")


def load_vehicle(name_or_path: str | Path) -> Vehicle:
    """Load a bundled preset by name (``falcon9``, ``Soyuz-2.1b``: see :mod:`spaceplan.core.registry`) or a TOML file."""
    preset = registry.resolve("vehicles", name_or_path, table="stage", field="vehicle")
    return vehicle_from_dict(dict(preset.data), preset.name)
