"""Alternatives table and the HLS lunar landing (tanker load given)."""

import math

import pytest

from spaceplan.core.errors import InfeasibleError, InputError
from spaceplan.missions.architectures import alternatives
from spaceplan.missions.moon_hls import lunar_landing, tli_dv

TANKER = 150e3


def test_alternatives_without_the_nep_leg():
    alt = alternatives(2028, 100e3, tanker_delivery_kg=TANKER, with_nep=False)
    names = [o.name for o in alt.options]
    assert names[0].startswith("Starship") and "NTP" in names[1]
    star, ntp = alt.options[0], alt.options[1]
    assert star.feasible and star.launches >= 2 and star.imleo_kg > 100e3
    assert ntp.feasible and ntp.imleo_kg > 100e3 / 0.39
    assert ntp.crew_transit_days < star.crew_transit_days  # DRA 5.0's 180 d against a minimum-C3 Starship flight
    with pytest.raises(InputError, match="--landed"):
        alternatives(2028, 0.0, tanker_delivery_kg=TANKER, with_nep=False)


def test_hls_landing_needs_a_depot_campaign():
    assert tli_dv() == pytest.approx(3_130.0, abs=30.0)  # ~3.1 km/s from 200 km
    r = lunar_landing(tanker_delivery_kg=100e3)
    assert r.campaign.depot and r.campaign.launches == r.campaign.tankers + 2
    assert math.isclose(r.dv_m_s["descent"], r.dv_m_s["ascent"])
    with pytest.raises(InputError, match="--payload"):
        lunar_landing(payload_down_kg=1e9, tanker_delivery_kg=100e3)
