"""Tanker count for a crewed Mars Starship vs Kingdon (2025): 1,500 t at 100 t per tanker -> 15 tankers.

Reference: J. Kingdon, "Fast transits to Mars with Starship", Scientific Reports (2025): a crewed Starship carrying
~1,500 t of propellant needs 15 tanker flights of 100 t.

Ours: the campaign arithmetic with Kingdon's 100 t reproduces 15 exactly; with the Block 3 tanker load computed by
the launch domain's ascent model (our Block 3 preset: 1,500 t ship, Raptor 3 figures as reported, assumed dry
masses) the count is lower because our tanker delivers more than 100 t: stated, not hidden.  Tolerance fixed before
comparing: with our load, 15 +- 8 tankers (the factor between 100 t and our load).
"""

import pytest

from spaceplan.missions.refilling import campaign
from spaceplan.missions.tanker import tanker_load


def test_kingdon_2025_fifteen_tankers_of_100_t_fill_1500_t():
    assert campaign(1_500e3, 100e3, boiloff_per_day=0.0, transfer_loss=0.0, final_coast_days=0.0).tankers == 15
    load = tanker_load("starship-tanker-block3")
    ours = campaign(1_500e3, load.delivered_kg, boiloff_per_day=0.0, transfer_loss=0.0, final_coast_days=0.0)
    assert ours.tankers == pytest.approx(15, abs=8)
    assert load.delivered_kg >= 100e3  # a V3 tanker delivers at least Kingdon's 100 t in our model
