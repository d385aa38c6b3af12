"""Propulsion presets: thrusters, NEP tugs, NTP and chemical stages, heavy launchers (TOML).

Each file under ``spaceplan/propulsion/presets/`` says what is published (with its source) and what
is assumed.  The loaders check every number and raise :class:`~spaceplan.core.errors.InputError`
naming ``<preset>.<field>`` and the allowed range.  Vehicles carry a mass model:

* NEP: dry mass = alpha_rc P_e + radiators (per kW of rejected heat, P_t - P_e) + thrusters (per kWe)
  + structure; wet = dry + propellant (1 + tankage fraction).  A preset with a published ``launch_mass_kg``
  closes on it: structure = launch mass - (reactor, radiators, thrusters) - full xenon load with its tanks;
* NTP: dry = engines + stage + tanks (tank fraction of the hydrogen);
* chemical: Isp and the published dry mass of the stage as flown; sized for a mission, a chemical stage's dry
  mass is the fixed part plus the tankage fraction of its propellant (``propellant`` names the
  :mod:`spaceplan.propulsion.stages` model, e.g. ``lox-lh2``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from spaceplan.core import registry
from spaceplan.core.constants import G0, JULIAN_YEAR
from spaceplan.core.errors import InputError, ParseError, UnknownNameError
from spaceplan.core.validity import Bound, Envelope, check
from spaceplan.propulsion import electric

KINDS = ("thrusters", "vehicles", "launchers")

# Design life of an NEP tug's reactor when its preset gives none (assumption: press reports of the TEM cite
# a 10-12-year service life; the lower end is taken).  Used by the validity envelope of the trade.
DEFAULT_REACTOR_LIFE_YEARS = 10.0

# Where a tug's numbers describe the tug of its preset: a xenon load beyond its tanks (the trade then scales the
# tankage, i.e. a bigger tug) or thrusting longer than its reactor's design life is an extrapolation.
NEP_ENVELOPE = Envelope(
    "the tug's preset",
    inputs=(Bound("propellant_kg", None, "propellant_capacity_kg", code="tank_capacity_exceeded", unit="t",
                  scale=1e-3, label="xenon load", why="the preset's tanks; beyond them the tankage is scaled with the "
                  "load, a bigger tug than the one described"),
            Bound("time_s", None, "reactor_life_s", code="reactor_life_exceeded", unit="years",
                  scale=1 / JULIAN_YEAR, label="trip time", why="the reactor's design life")))


# what marks this domain's presets within a registry kind (vehicles also holds launch vehicles and freighters)
_MARK = {"thrusters": "thruster", "vehicles": "vehicle.kind", "launchers": "launcher"}


def preset_names(kind: str = "vehicles") -> list[str]:
    """Bundled preset names of one kind (thrusters, vehicles, launchers), from :mod:`spaceplan.core.registry`."""
    return registry.names(kind, table=_MARK[kind])


def _read(kind: str, name_or_path) -> tuple[str, dict]:
    """(name, parsed TOML) of a bundled preset (any case or punctuation) or a user's TOML file."""
    preset = registry.resolve(kind, name_or_path, table=_MARK[kind], field=kind[:-1])
    return preset.name, dict(preset.data)


def _num(table: dict, key: str, where: str, lo: float = 0.0, hi: float = float("inf"), *, strict: bool = True,
         default=None) -> float:
    if key not in table:
        if default is not None:
            return float(default)
        raise ParseError(f"{where}.{key}", "missing")
    v = table[key]
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise InputError(f"{where}.{key}", f"expected a number, got {v!r}")
    v = float(v)
    if not (lo < v <= hi if strict else lo <= v <= hi):
        raise InputError(f"{where}.{key}", f"got {v:g}", f"{'>' if strict else '>='} {lo:g} and <= {hi:g}")
    return v


@dataclass(frozen=True)
class Thruster:
    key: str
    name: str
    thrust_min_n: float
    thrust_max_n: float
    exhaust_speed_m_s: float
    efficiency: float
    mass_kg: float
    sources: str = ""

    @property
    def power_max_w(self) -> float:
        """Electric input at full thrust, F c / (2 eta)."""
        return float(electric.electric_power_for(self.thrust_max_n, self.exhaust_speed_m_s, self.efficiency))


@dataclass(frozen=True)
class NEPVehicle:
    """A nuclear-electric tug: reactor power, thrusters and the mass model (SI)."""

    key: str
    name: str
    electric_power_w: float
    thermal_power_w: float
    isp_s: float
    efficiency: float
    reactor_conversion_kg_per_w: float
    radiator_kg_per_w: float
    thruster_kg_per_w: float
    structure_kg: float
    propellant_capacity_kg: float
    tankage_fraction: float
    switch_on_altitude_m: float
    thruster: str = ""
    sources: str = ""
    published: dict = field(default_factory=dict)
    kind: str = "nep"
    launch_mass_kg: float | None = None  # published mass the structure closes on (None: structure assumed)
    reactor_life_years: float = DEFAULT_REACTOR_LIFE_YEARS

    @property
    def exhaust_speed_m_s(self) -> float:
        return G0 * self.isp_s

    @property
    def thrust_n(self) -> float:
        return float(electric.thrust(self.electric_power_w, self.efficiency, self.exhaust_speed_m_s))

    @property
    def mass_flow_kg_s(self) -> float:
        return self.thrust_n / self.exhaust_speed_m_s

    def masses(self) -> dict[str, float]:
        """Component masses [kg] of the mass model (without propellant)."""
        rejected = max(self.thermal_power_w - self.electric_power_w, 0.0)
        return {"reactor_conversion": self.reactor_conversion_kg_per_w * self.electric_power_w,
                "radiators": self.radiator_kg_per_w * rejected,
                "thrusters": self.thruster_kg_per_w * self.electric_power_w,
                "structure": self.structure_kg}

    @property
    def dry_mass_kg(self) -> float:
        return sum(self.masses().values())

    def wet_mass_kg(self, propellant_kg: float | None = None) -> float:
        p = self.propellant_capacity_kg if propellant_kg is None else propellant_kg
        return self.dry_mass_kg + p * (1.0 + self.tankage_fraction)

    def envelope_warnings(self, propellant_kg: float | None = None, time_s: float | None = None) -> tuple:
        """Warnings of :data:`NEP_ENVELOPE` for a mission carrying ``propellant_kg`` or lasting ``time_s``."""
        return check(NEP_ENVELOPE, self.key, propellant_kg=propellant_kg, time_s=time_s,
                     propellant_capacity_kg=self.propellant_capacity_kg,
                     reactor_life_s=self.reactor_life_years * JULIAN_YEAR)

    def with_power(self, electric_power_w: float) -> "NEPVehicle":
        """The same design scaled to another electric power (thermal power in proportion)."""
        electric.thrust(electric_power_w, self.efficiency, self.exhaust_speed_m_s)  # validates
        import dataclasses

        ratio = electric_power_w / self.electric_power_w
        return dataclasses.replace(self, electric_power_w=float(electric_power_w),
                                   thermal_power_w=self.thermal_power_w * ratio)


@dataclass(frozen=True)
class ImpulsiveStage:
    """A nuclear-thermal or chemical stage fired impulsively (SI)."""

    key: str
    name: str
    kind: str  # "ntp" | "chemical"
    isp_s: float
    thrust_n: float
    stage_dry_kg: float
    propellant_capacity_kg: float
    tank_fraction: float = 0.0
    boiloff_fraction: float = 0.0
    sources: str = ""
    published: dict = field(default_factory=dict)
    propellant: str = ""  # stage mass model (spaceplan.propulsion.stages) of a chemical stage
    propellant_density_kg_m3: float | None = None  # NTP: the hydrogen's (chemical: from the stage mass model)

    @property
    def exhaust_speed_m_s(self) -> float:
        return G0 * self.isp_s

    def mass_model(self):
        """The :class:`~spaceplan.propulsion.stages.StageMassModel` of a chemical stage's propellant."""
        from spaceplan.propulsion.stages import stage_mass_model

        if not self.propellant:
            raise InputError(f"vehicle {self.key}.propellant", "missing", ", ".join(_stage_mass_names()))
        return stage_mass_model(self.propellant)


@dataclass(frozen=True)
class Launcher:
    key: str
    name: str
    leo_payload_kg: float
    sources: str = ""
    payload_volume_m3: float | None = None  # usable fairing envelope; None when no envelope is published
    fairing: dict = field(default_factory=dict)


def envelope_volume_m3(envelope_diameter_m: float, cylinder_height_m: float, envelope_height_m: float,
                       top_diameter_m: float = 0.0, **_) -> float:
    """Volume of a fairing's payload envelope: a cylinder of the envelope diameter up to ``cylinder_height_m``,
    then a cone frustum narrowing to ``top_diameter_m`` at ``envelope_height_m`` (pi h (R^2 + R r + r^2) / 3)."""
    if not 0 < cylinder_height_m <= envelope_height_m or envelope_diameter_m <= 0 or top_diameter_m < 0:
        raise InputError("fairing", f"envelope {envelope_diameter_m:g} m x {envelope_height_m:g} m, cylinder "
                         f"{cylinder_height_m:g} m", "diameter > 0, 0 < cylinder <= height")
    r_big, r_top = envelope_diameter_m / 2, top_diameter_m / 2
    h = envelope_height_m - cylinder_height_m
    return math.pi * r_big**2 * cylinder_height_m + math.pi * h * (r_big**2 + r_big * r_top + r_top**2) / 3


def load_thruster(name) -> Thruster:
    key, data = _read("thrusters", name)
    t = data.get("thruster", {})
    w = f"thruster {key}"
    tmin, tmax = _num(t, "thrust_min_n", w), _num(t, "thrust_max_n", w)
    if tmin > tmax:
        raise InputError(f"{w}.thrust_min_n", f"{tmin:g} above thrust_max_n {tmax:g}", "<= thrust_max_n")
    return Thruster(key, str(t.get("name", key)), tmin, tmax, _num(t, "exhaust_speed_m_s", w),
                    _num(t, "efficiency", w, 0.0, 1.0), _num(t, "mass_kg", w), str(t.get("sources", "")))


def load_vehicle(name):
    """An NEP tug (:class:`NEPVehicle`) or an NTP/chemical stage (:class:`ImpulsiveStage`) by name or path."""
    key, data = _read("vehicles", name)
    v = data.get("vehicle")
    if not isinstance(v, dict):
        raise ParseError(f"vehicle {key}", "missing [vehicle] table")
    w = f"vehicle {key}"
    kind = v.get("kind")
    published = dict(data.get("published", {}))
    if kind == "nep":
        pe = _num(v, "electric_power_kwe", w) * 1e3
        pt = _num(v, "thermal_power_kwt", w) * 1e3
        if pt < pe:
            raise InputError(f"{w}.thermal_power_kwt", f"{pt / 1e3:g} below the electric power {pe / 1e3:g}",
                             ">= electric_power_kwe")
        common = dict(
            key=key, name=str(v.get("name", key)), electric_power_w=pe, thermal_power_w=pt,
            isp_s=_num(v, "isp_s", w), efficiency=_num(v, "efficiency", w, 0.0, 1.0),
            reactor_conversion_kg_per_w=_num(v, "reactor_conversion_kg_per_kwe", w, strict=False) / 1e3,
            radiator_kg_per_w=_num(v, "radiator_kg_per_kwt", w, strict=False) / 1e3,
            thruster_kg_per_w=_num(v, "thruster_kg_per_kwe", w, strict=False) / 1e3,
            propellant_capacity_kg=_num(v, "propellant_capacity_kg", w),
            tankage_fraction=_num(v, "tankage_fraction", w, 0.0, 1.0, strict=False),
            switch_on_altitude_m=_num(v, "switch_on_altitude_km", w, strict=False, default=0.0) * 1e3,
            thruster=str(v.get("thruster", "")), sources=str(v.get("sources", "")), published=published,
            reactor_life_years=_num(v, "reactor_life_years", w, 0.0, 100.0, default=DEFAULT_REACTOR_LIFE_YEARS))
        if "launch_mass_kg" in v:
            if "structure_kg" in v:
                raise InputError(f"{w}.structure_kg", "given with launch_mass_kg, which sets the structure",
                                 "one of structure_kg or launch_mass_kg")
            launch = _num(v, "launch_mass_kg", w)
            draft = NEPVehicle(**common, structure_kg=0.0)
            structure = launch - draft.wet_mass_kg()
            if structure < 0:
                raise InputError(f"{w}.launch_mass_kg", f"{launch:,.0f} kg is below the components and the full xenon "
                                 f"load ({draft.wet_mass_kg():,.0f} kg)", f">= {draft.wet_mass_kg():,.0f} kg")
            return NEPVehicle(**common, structure_kg=structure, launch_mass_kg=launch)
        return NEPVehicle(**common, structure_kg=_num(v, "structure_kg", w, strict=False))
    if kind in ("ntp", "chemical"):
        if kind == "ntp":
            n = _num(v, "engine_count", w)
            thrust = n * _num(v, "engine_thrust_n", w)
            dry = _num(v, "stage_dry_kg", w, strict=False) + n * _num(v, "engine_mass_kg", w, strict=False)
        else:
            thrust = _num(v, "thrust_n", w)
            dry = _num(v, "stage_dry_kg", w)
            if "propellant" not in v:
                raise ParseError(f"{w}.propellant", "missing: the stage mass model to size the stage with ("
                                 + ", ".join(_stage_mass_names()) + ")")
        return ImpulsiveStage(
            key=key, name=str(v.get("name", key)), kind=kind, isp_s=_num(v, "isp_s", w), thrust_n=thrust,
            stage_dry_kg=dry, propellant_capacity_kg=_num(v, "propellant_capacity_kg", w),
            tank_fraction=_num(v, "tank_fraction", w, 0.0, 1.0, strict=False, default=0.0),
            boiloff_fraction=_num(v, "boiloff_fraction", w, 0.0, 0.5, strict=False, default=0.0),
            sources=str(v.get("sources", "")), published=published, propellant=str(v.get("propellant", "")),
            propellant_density_kg_m3=(_num(v, "propellant_density_kg_m3", w) if "propellant_density_kg_m3" in v
                                      else None))
    raise InputError(f"{w}.kind", f"got {kind!r}", "nep, ntp or chemical")


def _stage_mass_names() -> list[str]:
    from spaceplan.propulsion.stages import stage_mass_names

    return stage_mass_names()


def load_launcher(name) -> Launcher:
    """A heavy launcher's LEO payload: spaceplan.launch's published figure where that preset exists
    (Falcon Heavy expendable, Starship reusable low end), else the cited preset here (Angara-A5V)."""
    launch_keys = {"falcon-heavy": "leo_expendable_kg", "starship": "leo_reusable_kg_low"}
    if registry.known("vehicles", name) and registry.load("vehicles", name).name in launch_keys:
        lv = registry.load("vehicles", name)
        field_name = launch_keys[lv.name]
        fairing = dict(lv.data.get("fairing", {}))
        return Launcher(lv.name, lv.title, float(lv.table("published")[field_name]),
                        f"spaceplan.launch preset {lv.name} [published] {field_name}: {lv.source}",
                        envelope_volume_m3(**{k: float(v) for k, v in fairing.items()}) if fairing else None, fairing)
    if not registry.known("launchers", name):
        raise UnknownNameError("launcher", str(name), sorted(set(preset_names("launchers")) | set(launch_keys)))
    key, data = _read("launchers", name)
    t = data.get("launcher", {})
    return Launcher(key, str(t.get("name", key)), _num(t, "leo_payload_kg", f"launcher {key}"),
                    str(t.get("sources", "")))


def launcher_names() -> list[str]:
    return sorted(set(preset_names("launchers")) | {"falcon-heavy", "starship"})
