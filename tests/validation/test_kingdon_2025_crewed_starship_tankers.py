"""Tanker count for a crewed Mars Starship vs Kingdon (2025): 1,500 t at 100 t per tanker -> 15 tankers.

Reference: J. Kingdon, "Fast transits to Mars with Starship", Scientific Reports (2025): a crewed Starship carrying
~1,500 t of propellant needs 15 tanker flights of 100 t.

Ours: the Block 3 crew ship's 1,500 t tanks (preset block3-crew) filled in LEO from empty by tankers whose load the
launch domain's ascent model computes for our Block 3 tanker (spaceplan.missions.tanker; 3,650 t booster, Raptor 3
figures as reported, dry masses from the CH4/LOX stage model), with the refilling model's defaults (boil-off
0.1 %/day, 2 % per transfer, 2 launches a week).  Tolerance fixed before comparing: 15 +- 2 tankers.

Result: 8 tankers of 220 t, a strict xfail.  The cause is the tanker load, not the campaign model: our Block 3
tanker delivers 2.2 times Kingdon's 100 t (his is a conservative round number; ours follows from a Block 3 booster
and engines that are press-reported, not published by SpaceX, and the booster's dry mass is extrapolated beyond
the CH4/LOX calibration: the load carries that warning).  With 100 t per flight our campaign needs 16 (second test:
the campaign model with Kingdon's load and our losses).
"""

import pytest

from spaceplan.missions.refilling import campaign
from spaceplan.missions.ships import load_ship
from spaceplan.missions.tanker import tanker_load

STATED_TANKERS = 15
TOLERANCE_TANKERS = 2


@pytest.mark.xfail(strict=True, reason="our Block 3 tanker delivers ~220 t, not 100 t: 8 tankers against 15")
def test_kingdon_2025_tankers_with_our_tanker_load_and_losses():
    load = tanker_load("starship-tanker-block3")
    ours = campaign(load_ship("block3-crew").propellant_capacity_kg, load.delivered_kg)
    assert abs(ours.tankers - STATED_TANKERS) <= TOLERANCE_TANKERS, f"ours {ours.tankers} tankers of " \
                                                                   f"{load.delivered_kg / 1e3:.0f} t"


def test_kingdon_2025_his_load_with_our_losses():
    ours = campaign(load_ship("block3-crew").propellant_capacity_kg, 100e3)
    assert abs(ours.tankers - STATED_TANKERS) <= TOLERANCE_TANKERS
    assert campaign(1_500e3, 100e3, boiloff_per_day=0.0, transfer_loss=0.0, final_coast_days=0.0).tankers == 15
