"""Launches for one Starship HLS lunar landing vs NASA (2023): "high teens" of launches.

Reference: NASA HLS programme manager L. Watson-Morgan, 2023-11 (as reported by SpaceNews, "NASA says Starship
lunar lander needs high teens of launches"): depot, tankers and the HLS, about 16-19 launches.

Ours: spaceplan.missions.moon_hls (HLS + depot + tankers; LEO -> NRHO -> surface -> NRHO delta-v budget from
Whitley & Martinez 2016) with the tanker load the launch domain's ascent model computes for the Block 2 tanker
(spaceplan.missions.tanker, 152 t), the HLS dry mass from the CH4/LOX stage model, boil-off 0.1 %/day, 2 % per
transfer (twice, through the depot), 2 launches a week.  Tolerance fixed before comparing: the statement's own band,
16 to 19 launches (words, not a number; nothing added to them).

Result: 10 launches (HLS, depot, 8 tankers for 1,143 t in LEO), a strict xfail.  Causes, by size: our tanker
delivers 152 t, at the top of SpaceX's 100-150 t (at 100 t ours would need 15 launches); NASA's count carries
margins and a longer depot loiter that the statement does not quantify, and ours has no propellant for the depot's
own station keeping or a second HLS flight's reserves.  The earlier check (ours within 40 % of the band) passed
without saying this.
"""

import pytest

from spaceplan.missions.moon_hls import lunar_landing

STATED_LOW, STATED_HIGH = 16, 19


@pytest.mark.xfail(strict=True, reason="ours 10 launches (8 tankers of 152 t + HLS + depot) against NASA's 16-19")
def test_nasa_2023_hls_high_teens_launches():
    ours = lunar_landing("hls-block2")
    assert STATED_LOW <= ours.campaign.launches <= STATED_HIGH, f"ours {ours.campaign.launches} launches"


def test_nasa_2023_hls_campaign_uses_a_depot_and_our_tanker_load():
    ours = lunar_landing("hls-block2")
    assert ours.campaign.depot and ours.campaign.launches == ours.campaign.tankers + 2
    assert 100e3 <= ours.tanker_delivery_kg <= 1.15 * 150e3
