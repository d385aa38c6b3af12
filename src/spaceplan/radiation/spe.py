"""Solar particle event (SPE) scenario doses behind shielding.

Tabulated whole-event BFO and skin absorbed doses vs aluminium depth for
historical events (presets/spe.toml, with sources) are interpolated
log-log in depth.  Other materials convert to aluminium-equivalent depth
with the proton stopping-power ratio (ICRU 49).  Dose equivalent counted in
the mission total is ``RBE * D_BFO`` with RBE = 1.5 (NCRP 132 Gy-Eq).
A location receives ``spe_exposure`` times the free-space dose (body
shadowing, geomagnetic shielding); on Mars the 21 g/cm^2 CO2 column is added
to the shielding.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from spaceplan.core.errors import InputError, UnknownNameError, require_positive
from spaceplan.radiation import environments, gcr
from spaceplan.radiation._data import preset

_ALIASES = {"august1972": "aug1972", "1972": "aug1972", "october1989": "oct1989", "september1989": "sep1989",
            "february1956": "feb1956", "carrington": "design"}


def event_names() -> tuple[str, ...]:
    """Known SPE scenario names."""
    return tuple(preset("spe")["events"])


def event_name(name: str) -> str:
    """Canonical SPE scenario name; UnknownNameError lists the known ones."""
    key = str(name).strip().lower().replace("_", "").replace("-", "").replace(" ", "")
    key = _ALIASES.get(key, key)
    if key not in preset("spe")["events"]:
        raise UnknownNameError("spe", str(name), event_names())
    return key


@dataclass(frozen=True)
class SpeDose:
    """Whole-event SPE dose behind shielding at a location."""

    event: str
    title: str
    location: str
    aluminium_equivalent_gcm2: float
    bfo_gy: float
    skin_gy: float
    dose_equivalent_sv: float

    def to_dict(self) -> dict:
        return {"event": self.event, "title": self.title, "location": self.location,
                "aluminium_equivalent_gcm2": self.aluminium_equivalent_gcm2,
                "bfo_mgy": self.bfo_gy * 1e3, "skin_mgy": self.skin_gy * 1e3,
                "dose_equivalent_msv": self.dose_equivalent_sv * 1e3}


@functools.lru_cache(maxsize=None)
def _event_table(name: str) -> tuple[str, np.ndarray, np.ndarray]:
    data = preset("spe")
    event = data["events"][name]
    if "scale_of" in event:
        _, bfo, skin = _event_table(event["scale_of"])
        return event["title"], bfo + np.log(event["scale"]), skin + np.log(event["scale"])
    return event["title"], np.log(np.asarray(event["bfo_gy"], float)), np.log(np.asarray(event["skin_gy"], float))


def _interp_loglog(x_al: float, log_dose: np.ndarray) -> float:
    depth = np.asarray(preset("spe")["depth_gcm2"], dtype=float)
    if x_al < depth[0] or x_al > depth[-1]:
        raise InputError("shielding_gcm2", f"{x_al:.3g} g/cm^2 aluminium-equivalent outside the SPE tables",
                         f"{depth[0]:g} to {depth[-1]:g} g/cm^2 aluminium-equivalent")
    return float(np.exp(np.interp(np.log(x_al), np.log(depth), log_dose)))


def spe_dose(event: str, shielding_gcm2: float = 20.0, material: str = "aluminium",
             location: str = "deep_space") -> SpeDose:
    """Whole-event SPE dose (BFO, skin, dose equivalent) behind ``shielding_gcm2`` of ``material`` at ``location``."""
    name = event_name(event)
    material = gcr.material_name(material)
    require_positive("shielding_gcm2", shielding_gcm2, allow_zero=True, unit="g/cm^2")
    loc = environments.location_name(location)
    env = environments.environment(loc)
    data = preset("spe")
    ratio = data["stopping_power_ratio"]
    x_al = float(shielding_gcm2) * ratio[material]
    if env["kind"] == "planet_surface" and env.get("atmosphere_gcm2", 0.0) > 0:
        x_al += env["atmosphere_gcm2"] * ratio[env["atmosphere_material"]]
    title, bfo_t, skin_t = _event_table(name)
    exposure = float(env["spe_exposure"])
    if exposure == 0.0:
        bfo = skin = 0.0
    else:
        bfo = exposure * _interp_loglog(x_al, bfo_t)
        skin = exposure * _interp_loglog(x_al, skin_t)
    return SpeDose(name, title, loc, x_al, bfo, skin, data["rbe"] * bfo)
