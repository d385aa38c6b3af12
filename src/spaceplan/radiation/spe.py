"""Solar particle event (SPE) scenario doses behind shielding.

Tabulated whole-event BFO and skin absorbed doses vs aluminium depth for
historical events (presets/spe.toml, with sources) are interpolated
log-log in depth.  Other materials convert to aluminium-equivalent depth
with the proton stopping-power ratio (ICRU 49).  Dose equivalent counted in
the mission total is ``RBE * D_BFO`` with RBE = 1.5 (NCRP 132 Gy-Eq).
A location receives ``spe_exposure`` times the free-space dose (body
shadowing, geomagnetic shielding); on Mars the 21 g/cm^2 CO2 column is added
to the shielding.

Outside the tabulated depths (0.5-50 g/cm^2 aluminium-equivalent):

* below 0.5 g/cm^2 (down to 0): the 0.5 g/cm^2 doses are used.  The BFO dose
  sits under ~5 cm of tissue and changes slowly there (Aug 1972: 1.2 Gy at
  0.5, 1.0 Gy at 1 g/cm^2, so ~15 % more at 0 by linear extrapolation, inside
  the factor-2 spread of the reconstructions); the skin dose rises steeply
  below 0.5 g/cm^2, so the skin value is a lower bound.  Stated in ``note``.
* 50 to 100 g/cm^2: log-log extrapolation with the slope of the last
  tabulated interval (30-50 g/cm^2).  Every tabulated BFO and skin curve
  steepens in log-log from 5 g/cm^2 on (the proton spectra fall faster than a
  power law at high energy and nuclear attenuation adds an exponential loss;
  checked in tests/radiation/test_spe.py), so the last chord's slope
  overestimates the dose beyond it: a conservative upper bound.  Stated in ``note``.  Beyond 100 g/cm^2 (twice the deepest
  tabulated depth) secondary-neutron build-up could flatten the curve and the
  bound is not defensible: an InputError gives the allowed shielding in the
  user's material at that location.
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
    note: str = ""  # set when the depth lies outside the tabulated range (see module docstring)

    def to_dict(self) -> dict:
        return {"event": self.event, "title": self.title, "location": self.location,
                "aluminium_equivalent_gcm2": self.aluminium_equivalent_gcm2,
                "bfo_mgy": self.bfo_gy * 1e3, "skin_mgy": self.skin_gy * 1e3,
                "dose_equivalent_msv": self.dose_equivalent_sv * 1e3, "note": self.note or None}


@functools.lru_cache(maxsize=None)
def _event_table(name: str) -> tuple[str, np.ndarray, np.ndarray]:
    data = preset("spe")
    event = data["events"][name]
    if "scale_of" in event:
        _, bfo, skin = _event_table(event["scale_of"])
        return event["title"], bfo + np.log(event["scale"]), skin + np.log(event["scale"])
    return event["title"], np.log(np.asarray(event["bfo_gy"], float)), np.log(np.asarray(event["skin_gy"], float))


EXTRAPOLATION_FACTOR = 2.0  # log-log extrapolation up to this multiple of the deepest tabulated depth


def _depths() -> np.ndarray:
    return np.asarray(preset("spe")["depth_gcm2"], dtype=float)


def max_depth_gcm2() -> float:
    """Deepest aluminium-equivalent depth (g/cm^2) an SPE dose is given for (tables + extrapolation)."""
    return float(_depths()[-1] * EXTRAPOLATION_FACTOR)


def _interp_loglog(x_al: float, log_dose: np.ndarray) -> float:
    """Dose at ``x_al`` (log-log in depth; see the module docstring outside the tables)."""
    depth = _depths()
    log_x = np.log(max(x_al, depth[0]))
    if x_al > depth[-1]:
        slope = (log_dose[-1] - log_dose[-2]) / (np.log(depth[-1]) - np.log(depth[-2]))
        return float(np.exp(log_dose[-1] + slope * (log_x - np.log(depth[-1]))))
    return float(np.exp(np.interp(log_x, np.log(depth), log_dose)))


def _depth_note(x_al: float) -> str:
    depth = _depths()
    if x_al < depth[0]:
        return (f"{x_al:.3g} g/cm^2 Al-equivalent is below the thinnest tabulated depth; the doses at "
                f"{depth[0]:g} g/cm^2 are used (BFO within ~15 %, skin dose a lower bound)")
    if x_al > depth[-1]:
        return (f"{x_al:.3g} g/cm^2 Al-equivalent is beyond the deepest tabulated depth ({depth[-1]:g} g/cm^2); "
                f"doses extrapolated log-log from the {depth[-2]:g}-{depth[-1]:g} g/cm^2 slope "
                "(an upper bound)")
    return ""


def stopping_power_ratio(material: str) -> float:
    """Aluminium-equivalent g/cm^2 per g/cm^2 of ``material`` for SPE protons (ICRU 49 at ~100 MeV)."""
    return float(preset("spe")["stopping_power_ratio"][gcr.material_name(material)])


def spe_dose(event: str, shielding_gcm2: float = 20.0, material: str = "aluminium",
             location: str = "deep_space", extra_al_gcm2: float = 0.0) -> SpeDose:
    """Whole-event SPE dose (BFO, skin, dose equivalent) behind ``shielding_gcm2`` of ``material`` at ``location``.

    ``extra_al_gcm2``: aluminium-equivalent areal density added for the event only (a storm shelter).
    """
    name = event_name(event)
    material = gcr.material_name(material)
    require_positive("shielding_gcm2", shielding_gcm2, allow_zero=True, unit="g/cm^2")
    loc = environments.location_name(location)
    env = environments.environment(loc)
    data = preset("spe")
    ratio = data["stopping_power_ratio"]
    x_al = float(shielding_gcm2) * ratio[material] + float(extra_al_gcm2)
    if env["kind"] == "planet_surface" and env.get("atmosphere_gcm2", 0.0) > 0:
        x_al += env["atmosphere_gcm2"] * ratio[env["atmosphere_material"]]
    title, bfo_t, skin_t = _event_table(name)
    exposure = float(env["spe_exposure"])
    if exposure == 0.0:
        return SpeDose(name, title, loc, x_al, 0.0, 0.0, 0.0)
    if x_al > max_depth_gcm2():
        air = x_al - float(shielding_gcm2) * ratio[material]
        limit = (max_depth_gcm2() - air) / ratio[material]
        where = f" (plus {air:.3g} g/cm^2 Al-equivalent of atmosphere)" if air > 0 else ""
        raise InputError("shielding_gcm2", f"{float(shielding_gcm2):g} g/cm^2 {material} at {loc}{where} is "
                         f"{x_al:.3g} g/cm^2 aluminium-equivalent, beyond the SPE dose tables and their "
                         f"extrapolation ({max_depth_gcm2():g} g/cm^2 Al-equivalent)",
                         f"0 to {limit:.3g} g/cm^2 {material} for SPE runs at {loc}")
    bfo = exposure * _interp_loglog(x_al, bfo_t)
    skin = exposure * _interp_loglog(x_al, skin_t)
    return SpeDose(name, title, loc, x_al, bfo, skin, data["rbe"] * bfo, _depth_note(x_al))
