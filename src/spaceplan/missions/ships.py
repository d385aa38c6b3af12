"""Starship ships as presets: Mars cargo and crew variants, the lunar HLS (registry kind ``starships``).

Each preset is ``spaceplan/missions/presets/starships/<name>.toml`` with a ``[ship]`` table; every number carries
its source or is marked as an assumption in the file.

Dry mass scales with the tanks: a preset names its ``propellant`` (a stage mass model of
:mod:`spaceplan.propulsion.stages`, ``lox-ch4`` for Raptor ships) and the ``added_mass_kg`` of what the bare stage
of that model does not have (a Mars kit, a crew habitat; negative for what it lacks), and

    m_dry = fixed + f x propellant capacity + added_mass_kg

with (fixed, f) the model's (for CH4/LOX a calibration through Starship Block 2 and Super Heavy: f = 4.55 %).  So a
Block 3 ship with 1,500 t of tanks is f x 300 t = 13.6 t heavier than the same Block 2 ship with 1,200 t.  A user's
TOML may give ``dry_mass_kg`` instead (a fixed dry mass, no scaling).  The tanker and Super Heavy that launch for a ship are the
launch preset named by ``tanker`` (``spaceplan/launch/presets/vehicles``), flown by the launch domain's ascent
model (:mod:`spaceplan.missions.tanker`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spaceplan.core import registry, validity
from spaceplan.core.constants import G0
from spaceplan.core.errors import InputError, ParseError

KIND = "starships"
_DRY = ("dry_mass_kg", "propellant", "added_mass_kg")  # dry_mass_kg, or propellant + added_mass_kg
_FIELDS = ("block", "variant", "tanker", "dry_mass_kg", "propellant_capacity_kg", "isp_vac_s", "isp_landing_s",
           "landing_engines", "engine_thrust_n", "throttle_min", "max_payload_kg", "crew", "ascent_payload_kg",
           "reference_area_m2", "drag_coefficient", "lift_to_drag", "nose_radius_m", "max_entry_speed_m_s",
           "max_deceleration_g")


@dataclass(frozen=True)
class Ship:
    """A Starship ship variant (SI)."""

    key: str
    name: str
    block: int
    variant: str  # cargo | crew | hls
    tanker: str  # launch preset of the booster + tanker flight
    dry_mass_kg: float
    propellant_capacity_kg: float
    isp_vac_s: float
    isp_landing_s: float
    landing_engines: int
    engine_thrust_n: float
    throttle_min: float
    max_payload_kg: float
    crew: int
    ascent_payload_kg: float
    reference_area_m2: float
    drag_coefficient: float
    lift_to_drag: float
    nose_radius_m: float
    max_entry_speed_m_s: float
    max_deceleration_g: float
    source: str = ""
    propellant: str = ""  # stage mass model the dry mass follows ("" when the preset gives a fixed dry mass)
    tankage_fraction: float = 0.0  # of that model: kg of dry mass per kg of tank capacity
    added_mass_kg: float = 0.0  # over the model's bare stage (Mars kit, habitat; < 0 for what the ship lacks)
    warnings: tuple = ()

    @property
    def exhaust_speed_m_s(self) -> float:
        return self.isp_vac_s * G0

    def ballistic_coefficient(self, mass_kg: float) -> float:
        """m / (C_D A) at ``mass_kg`` (kg/m^2)."""
        return mass_kg / (self.drag_coefficient * self.reference_area_m2)

    def to_dict(self) -> dict:
        return {"key": self.key, "name": self.name, "block": self.block, "variant": self.variant,
                "tanker": self.tanker, "dry_t": self.dry_mass_kg / 1e3,
                "propellant_capacity_t": self.propellant_capacity_kg / 1e3, "isp_vac_s": self.isp_vac_s,
                "isp_landing_s": self.isp_landing_s, "max_payload_t": self.max_payload_kg / 1e3, "crew": self.crew,
                "lift_to_drag": self.lift_to_drag, "reference_area_m2": self.reference_area_m2,
                "drag_coefficient": self.drag_coefficient, "source": self.source,
                "dry_mass_model": ({"propellant": self.propellant, "tankage_fraction": self.tankage_fraction,
                                    "added_t": self.added_mass_kg / 1e3} if self.propellant else "fixed"),
                "warnings": list(self.warnings)}


def ship_names() -> list[str]:
    return registry.names(KIND, table="ship")


def load_ship(name_or_path: str | Path | Ship) -> Ship:
    """A ship preset by name (``block2-cargo``, ``starship-crew``, ``hls`` ...) or a TOML file with a [ship] table."""
    if isinstance(name_or_path, Ship):
        return name_or_path
    preset = registry.resolve(KIND, name_or_path, table="ship", field="ship")
    t = dict(preset.table("ship"))
    unknown = set(t) - set(_FIELDS) - set(_DRY)
    if unknown:
        raise ParseError(f"ship {preset.name}", f"unknown keys {sorted(unknown)}", ", ".join(_FIELDS + _DRY[1:]))
    scaled = "propellant" in t or "added_mass_kg" in t
    if scaled == ("dry_mass_kg" in t) or (scaled and not {"propellant", "added_mass_kg"} <= set(t)):
        raise ParseError(f"ship {preset.name}", f"{preset.path}: give either dry_mass_kg (fixed) or propellant and "
                                                "added_mass_kg (dry mass scaled with the tanks)")
    propellant, added, frac, warns = "", 0.0, 0.0, ()
    if scaled:
        try:
            added, capacity = float(t["added_mass_kg"]), float(t["propellant_capacity_kg"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ParseError(f"ship {preset.name}", f"{preset.path}: a value has the wrong type ({exc})") from None
        propellant = str(t["propellant"])
        model = stage_mass_model(propellant)
        frac = model.tankage_fraction
        t["dry_mass_kg"] = round(float(model.dry_mass_kg(capacity)) + added, 3)  # to the gram
        warns = tankage_warnings(model, capacity, f"ship {preset.name}")
    missing = [f for f in _FIELDS if f not in t]
    if missing:
        raise ParseError(f"ship {preset.name}", f"{preset.path}: missing {missing}")
    try:
        ship = Ship(preset.name, str(preset.title), int(t["block"]), str(t["variant"]), str(t["tanker"]),
                    *(float(t[f]) for f in _FIELDS[3:7]), int(t["landing_engines"]),
                    *(float(t[f]) for f in _FIELDS[8:11]), int(t["crew"]), *(float(t[f]) for f in _FIELDS[12:]),
                    source=preset.source, propellant=propellant, tankage_fraction=frac, added_mass_kg=added,
                    warnings=warns)
    except (TypeError, ValueError) as exc:
        raise ParseError(f"ship {preset.name}", f"{preset.path}: a value has the wrong type ({exc})") from None
    for f in ("dry_mass_kg", "propellant_capacity_kg", "isp_vac_s", "isp_landing_s", "engine_thrust_n"):
        if not getattr(ship, f) > 0:
            raise InputError(f"ship {preset.name}.{f}", f"got {getattr(ship, f):g}", "> 0")
    if ship.variant not in ("cargo", "crew", "hls"):
        raise InputError(f"ship {preset.name}.variant", f"got {ship.variant!r}", "cargo, crew or hls")
    return ship


def stage_mass_model(propellant: str):
    """The propulsion domain's stage mass model of ``propellant`` (``lox-ch4`` ...)."""
    from spaceplan.propulsion.stages import stage_mass_model as model

    return model(propellant)


def tankage_warnings(model, capacity_kg: float, where: str) -> tuple:
    """Warnings when a stage's tank capacity lies outside the loads the mass model was fitted through
    (:mod:`spaceplan.core.validity`; the tankage line is then extrapolated)."""
    loads = [p for _, p, _ in model.references] or [capacity_kg]
    env = validity.Envelope(f"the {model.propellant} stage mass model", inputs=(
        validity.Bound("propellant_capacity_kg", min(loads), max(loads), scale=1e-3, unit="t",
                       label="propellant capacity", why="the loads of the stages the tankage line goes through"),))
    return tuple(validity.check(env, where, propellant_capacity_kg=capacity_kg))


def ship_for(block: int, variant: str) -> Ship:
    """The bundled preset of one block and variant (``--variant crew`` with ``--block 3``)."""
    found = [load_ship(n) for n in ship_names()]
    for s in found:
        if s.block == block and s.variant == variant:
            return s
    raise InputError("--variant/--block", f"no Block {block} {variant} ship preset",
                     ", ".join(sorted(f"block {s.block} {s.variant}" for s in found)))
