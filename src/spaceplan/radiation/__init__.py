"""Crew radiation dose for mission timelines.

Galactic cosmic rays behind shielding as a function of solar modulation
(:mod:`.gcr`, :mod:`.solar_cycle`), mission locations (:mod:`.environments`),
historical solar particle events (:mod:`.spe`), timelines
(:mod:`.timeline`) and limits in plain words (:mod:`.assessment`).

>>> from spaceplan.radiation import Phase, mission_dose
>>> d = mission_dose([Phase("deep_space", 180 * 86400.0), Phase("mars_surface", 500 * 86400.0),
...                   Phase("deep_space", 180 * 86400.0)])
>>> round(d.total_sv, 2) > 0.5
True
"""

from spaceplan.radiation.assessment import Assessment, assess
from spaceplan.radiation.environments import absorbed_rate, dose_equivalent_rate, location_names, locations
from spaceplan.radiation.gcr import MATERIALS, free_space_rate
from spaceplan.core.solar_cycle import modulation_potential, sunspot_number
from spaceplan.radiation.spe import SpeDose, event_names, spe_dose
from spaceplan.radiation.timeline import MissionDose, Phase, PhaseDose, mission_dose

__all__ = [
    "Assessment", "MATERIALS", "MissionDose", "Phase", "PhaseDose", "SpeDose", "absorbed_rate", "assess",
    "dose_equivalent_rate", "event_names", "free_space_rate", "location_names", "locations", "mission_dose",
    "modulation_potential", "spe_dose", "sunspot_number",
]
