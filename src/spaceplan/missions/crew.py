"""A Mars round trip's crew dose: the interplanetary domain's exposure phases fed to the radiation domain.

The round trip (``spaceplan.interplanetary``) knows when the crew is in deep space and when at Mars; the radiation
domain turns phases into dose.  Neither domain imports the other: this module composes them.
"""

from spaceplan.interplanetary import RoundTrip, crew_phases
from spaceplan.radiation import MissionDose, Phase, mission_dose


def crew_dose(trip: RoundTrip, shielding_gcm2: float, at_mars: str = "mars_surface") -> MissionDose:
    """:func:`spaceplan.radiation.mission_dose` over :func:`spaceplan.interplanetary.crew_phases` behind
    ``shielding_gcm2`` of aluminium (``at_mars``: the radiation location of the stay)."""
    return mission_dose([Phase(*row) for row in crew_phases(trip, at_mars)], shielding_gcm2=shielding_gcm2)
