"""Station and vehicle presets (TOML under ``station/presets/``), each with its sources and assumptions."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

from spaceplan.core import registry
from spaceplan.core.errors import InputError, require_positive, require_range


@dataclass(frozen=True)
class Station:
    """A station (or any satellite) as the drag work needs it."""

    key: str
    name: str
    mass_kg: float
    inclination_deg: float
    altitude_km: float
    cd: float
    drag_area_m2: float
    band_km: tuple[float, float] = (0.0, 0.0)
    sources: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)

    @property
    def inclination(self) -> float:
        return math.radians(self.inclination_deg)

    @property
    def cd_area(self) -> float:
        """Cd x A, m^2."""
        return self.cd * self.drag_area_m2

    @property
    def ballistic_coefficient(self) -> float:
        """B = Cd A / m, m^2/kg."""
        return self.cd_area / self.mass_kg

    def to_dict(self) -> dict:
        return {"key": self.key, "name": self.name, "mass_kg": self.mass_kg, "inclination_deg": self.inclination_deg,
                "altitude_km": self.altitude_km, "cd": self.cd, "drag_area_m2": self.drag_area_m2,
                "ballistic_coefficient_m2_kg": self.ballistic_coefficient, "band_km": list(self.band_km),
                "sources": list(self.sources)}


@dataclass(frozen=True)
class Vehicle:
    """A reboost or deorbit propulsion system."""

    key: str
    name: str
    thrust_n: float
    isp_s: float
    propellant_kg: float
    dry_mass_kg: float
    cost_musd: float
    launcher: str
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("key", "name", "thrust_n", "isp_s", "propellant_kg", "dry_mass_kg",
                                               "cost_musd", "launcher")} | {"sources": list(self.sources)}


def station_names() -> list[str]:
    """Station presets (registry kind ``stations``)."""
    return registry.names("stations")


def vehicle_names() -> list[str]:
    """Reboost/deorbit vehicles: presets of kind ``vehicles`` with a ``thrust_n`` (see :mod:`spaceplan.core.registry`)."""
    return registry.names("vehicles", table="thrust_n")


def station_from_dict(data: dict, key: str = "custom") -> Station:
    """Build and check a Station from a TOML table (the preset keys)."""
    try:
        st = Station(key, str(data.get("name", key)), float(data["mass_kg"]), float(data["inclination_deg"]),
                     float(data["altitude_km"]), float(data.get("cd", 2.2)), float(data["drag_area_m2"]),
                     tuple(float(x) for x in data.get("band_km", (0.0, 0.0))), tuple(data.get("sources", ())),
                     {k: v for k, v in data.items() if k not in Station.__dataclass_fields__})
    except KeyError as exc:
        raise InputError("station", f"{key}: missing key {exc.args[0]!r}",
                         "mass_kg, inclination_deg, altitude_km, drag_area_m2 (cd optional)") from None
    except (TypeError, ValueError) as exc:
        raise InputError("station", f"{key}: {exc}") from None
    require_positive("mass", st.mass_kg, unit="kg")
    require_positive("cd", st.cd)
    require_positive("drag area", st.drag_area_m2, unit="m^2")
    require_range("inclination", st.inclination_deg, 0.0, 180.0, "deg")
    require_range("altitude", st.altitude_km, 100.0, 2000.0, "km")
    return st


@functools.lru_cache(maxsize=None)
def load_station(name: str) -> Station:
    """A station preset by key (``iss``, ``ros``, ``ros_97``, ``tiangong``, ``tiangong1``, ``mir``) or a TOML path."""
    preset = registry.resolve("stations", name, field="station")
    return station_from_dict(dict(preset.data), preset.name)


@functools.lru_cache(maxsize=None)
def load_vehicle(name: str) -> Vehicle:
    """A propulsion preset by key (``progress``, ``zvezda``, ``cygnus``, ``usdv``)."""
    preset = registry.load("vehicles", name, table="thrust_n", field="vehicle")
    key, d = preset.name, dict(preset.data)
    try:
        v = Vehicle(key, d["name"], float(d["thrust_n"]), float(d["isp_s"]), float(d["propellant_kg"]),
                    float(d.get("dry_mass_kg", 0.0)), float(d.get("cost_musd", 0.0)), str(d.get("launcher", "")),
                    tuple(d.get("sources", ())))
    except KeyError as exc:
        raise InputError("vehicle", f"{key}: missing key {exc.args[0]!r}", "thrust_n, isp_s, propellant_kg") from None
    require_positive("thrust", v.thrust_n, unit="N")
    require_positive("isp", v.isp_s, unit="s")
    return v
