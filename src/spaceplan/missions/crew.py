"""A Mars round trip's crew dose: the interplanetary domain's exposure phases fed to the radiation domain.

The round trip (``spaceplan.interplanetary``) knows when the crew is in deep space and when at Mars; the radiation
domain turns phases into dose.  Neither domain imports the other: this module composes them.
"""

from spaceplan.interplanetary import RoundTrip, crew_phases
from spaceplan.radiation import MissionDose, Phase, mission_dose


def crew_dose(trip: RoundTrip, shielding_gcm2: float, at_mars: str = "mars_surface",
              spe: str | None = None) -> MissionDose:
    """:func:`spaceplan.radiation.mission_dose` over :func:`spaceplan.interplanetary.crew_phases` behind
    ``shielding_gcm2`` of aluminium (``at_mars``: the radiation location of the stay; ``spe``: a historical solar
    particle event added to the first deep-space phase, None for none)."""
    return mission_dose([Phase(*row) for row in crew_phases(trip, at_mars)], shielding_gcm2=shielding_gcm2,
                        spe=spe or None)


def dose_order(dose_a: float, dose_b: float, uncertainty_fraction: float) -> str:
    """Which of two mission doses (any one unit) is larger, as far as a model good to +-``uncertainty_fraction``
    can tell: ``"a"`` or ``"b"`` when they differ by more than that fraction of the smaller, else ``"depends"``.

    Two trips priced by the same model share most of its error, but not all (different phases, dates and solar
    activity), so a difference inside the stated uncertainty is no ranking: e.g. 918 vs 964 mSv (+5 %) with the
    model, 1,139 vs 1,075 mSv the other way round with RAD's measured rates (issue 24 finding 7).
    """
    lo = min(dose_a, dose_b)
    if abs(dose_a - dose_b) <= uncertainty_fraction * lo:
        return "depends"
    return "a" if dose_a > dose_b else "b"
