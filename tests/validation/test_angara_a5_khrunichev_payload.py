"""Angara-A5 LEO payload from Plesetsk, from the preset ``angara-a5.toml`` (recorded, not yet validated).

Reference: Khrunichev, Angara family data: 24,500 kg to 200 km at 63 deg from Plesetsk, without an upper stage.

Tolerance, stated before comparing: 15 % (stage dry masses and the core throttle programme are not published).

Measured: 19,078 kg (-22 %), outside the band, so the check is a strict xfail.  The model is LOW, not high, and
the cause is in the preset's masses, not in the parallel-staging model: the preset sums to 787 t without payload
(812 t with 24.5 t), while Khrunichev/Roscosmos quote a liftoff mass of 759-773 t for Angara-A5 (the 773 t with a
Briz-M upper stage).  The URM-1 dry mass 16.4 t is "149 t gross - 132.6 t propellant", an unsourced split that gives
an 11 % dry fraction (Falcon 9's first stage: 5 %); the URM-2 dry mass is an assumption.  The propellant load is
consistent with the published ~214 s booster burn at the RD-191 mass flow, so the excess is dry mass.  No sourced
URM-1 / URM-2 dry masses were found; they are not tuned to the payload here.
"""

import pytest

from spaceplan.launch.ascent import parse_orbit
from spaceplan.launch.payload import optimize_payload
from spaceplan.launch.vehicles import load_vehicle

TOL = 0.15


@pytest.mark.xfail(strict=True, reason="preset 40-50 t heavier than the published liftoff mass (unsourced URM-1 "
                   "dry mass): 19,078 kg vs 24,500 kg, -22 %")
def test_angara_a5_leo_plesetsk():
    v = load_vehicle("angara-a5")
    published = 24_500.0
    assert v.published["leo_plesetsk_kg"] == published
    ours = optimize_payload(v, parse_orbit("200x200", 63.0), "plesetsk").payload_kg
    assert abs(ours / published - 1.0) <= TOL, f"ours {ours:.0f} kg vs {published:.0f} kg"
