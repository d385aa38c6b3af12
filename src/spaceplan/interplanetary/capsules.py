"""Earth-return capsules: how fast a returning crew may hit the atmosphere, and what braking above that costs.

A capsule preset (``presets/capsules/<name>.toml``) gives the highest entry speed at the 125 km interface its
heat shield is taken to survive and the arrival mode (direct entry or aerocapture).  A return leg whose
hyperbolic excess speed v_inf gives a faster entry, v_entry = sqrt(v_inf^2 + 2 mu / r) (vis-viva at the entry
radius r), brakes first: a retrograde burn at the hyperbola's periapsis, where it is cheapest (Oberth), costs

    dv_brake = max(0, v_entry - v_limit)

because at the same radius the speed after the burn is the entry speed of the slower hyperbola.  The fastest Earth
entry ever flown is Stardust's 12.9 km/s (2006); Orion's lunar return is ~11 km/s.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spaceplan.core import registry
from spaceplan.core.errors import InputError

KIND = "capsules"
MODES = ("direct entry", "aerocapture")
DEFAULT_CAPSULE = "mars-return-default"
DEFAULT_ENTRY_SPEED_LIMIT = 12.5e3  # m/s, = presets/capsules/mars-return-default.toml (a stated assumption)


@dataclass(frozen=True)
class Capsule:
    key: str
    name: str
    mode: str
    max_entry_speed: float  # m/s at the 125 km interface
    source: str = ""

    def to_dict(self) -> dict:
        return {"key": self.key, "name": self.name, "mode": self.mode,
                "max_entry_speed_kms": self.max_entry_speed / 1e3, "source": self.source}


def capsule_names() -> list[str]:
    return registry.names(KIND)


def load_capsule(name: str) -> Capsule:
    """A capsule preset by name (any case or punctuation) or a user's TOML file."""
    p = registry.resolve(KIND, name, field="capsule")
    d = p.data
    mode = str(d.get("mode", "direct entry"))
    if mode not in MODES:
        raise InputError(f"capsule {p.name}.mode", f"got {mode!r}", ", ".join(MODES))
    v = d.get("max_entry_speed_kms")
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not 5.0 <= float(v) <= 20.0:
        raise InputError(f"capsule {p.name}.max_entry_speed_kms", f"got {v!r}", "5 to 20 km/s")
    return Capsule(p.name, str(d.get("name", p.name)), mode, float(v) * 1e3, p.source)


def entry_braking(entry_speed, limit: float | None):
    """Braking burn (m/s) at periapsis that brings ``entry_speed`` (m/s) down to ``limit`` (0 below it or
    without a limit).  Vectorized."""
    v = np.asarray(entry_speed, dtype=float)
    if limit is None:
        return np.zeros_like(v)
    return np.maximum(v - limit, 0.0)
