"""Soyuz-2.1b LEO payload from Baikonur, from the one preset ``soyuz-2.1b.toml``.

Reference: TsSKB-Progress / Roscosmos, Soyuz-2.1b: 8,200 kg to a ~200 km low orbit at 51.8 deg from Baikonur (the
figure quoted with the Arianespace/Starsem Soyuz User's Manual stage data the preset uses).

Tolerance, stated before comparing: 15 %.  Why wider than Falcon 9's 10 %: the reference orbit is given only as
"~200 km, 51.8 deg" (no perigee/apogee pair, no statement of the flight-performance reserve or of the payload
adapter), several masses come from a third-party reconstruction (Merkin's SpaceBallistics models, see the preset)
rather than from the manufacturer, and the 3-DOF model flies an open-loop guidance-optimal ascent, not the
Soyuz's own programme.

History: the former preset (Blok I at the manual's 25.4 t, no H2O2/N2 fluids, no aft-section jettison, small
residuals) gave 10,115 kg (+23 %).  With the sourced corrections in the preset header: 9,099 kg (+11 %), Blok I
burn 272 s (published 270-274 s), booster burn 119 s (published ~118 s), core cut-off T+283 s (published T+286 s).
The remaining excess is in the direction of the margins the model does not book (flight-performance reserve,
launcher/payload adapter).
"""

import pytest

from spaceplan.launch.ascent import parse_orbit
from spaceplan.launch.payload import optimize_payload
from spaceplan.launch.vehicles import load_vehicle

TOL = 0.15


@pytest.fixture(scope="module")
def leo():
    v = load_vehicle("soyuz-2.1b")
    return v, optimize_payload(v, parse_orbit("200x200", 51.8), "baikonur")


def test_soyuz_2_1b_leo_baikonur(leo):
    v, r = leo
    published = 8_200.0
    assert v.published["leo_baikonur_kg"] == published
    assert abs(r.payload_kg / published - 1.0) <= TOL, f"ours {r.payload_kg:.0f} kg vs {published:.0f} kg"


def test_soyuz_2_1b_burn_times_match_published(leo):
    """The stage loads and mass flows reproduce the published timeline (booster cut-off ~118 s, core ~286 s, Blok I
    270-274 s): the checks the Blok I load correction rests on."""
    _, r = leo
    ev = r.ascent.stages
    assert 114.0 < ev[0].t_burnout_s < 122.0
    assert 278.0 < ev[1].t_burnout_s < 292.0
    assert 262.0 < ev[-1].t_burnout_s - ev[2].t_ignition_s < 282.0
