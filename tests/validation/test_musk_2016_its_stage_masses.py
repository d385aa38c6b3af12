"""The LOX/CH4 stage mass model (a calibration through Starship Block 2) against a generation it was not fitted to.

Calibration (spaceplan/propulsion/presets/stage_masses/lox-ch4.toml): the line through the Block 2 ship (~100 t dry,
1,200 t propellant) and Super Heavy (~200 t, 3,400 t): dry = 45.5 t + 4.55 % of the propellant.  Being a
calibration, those two stages are never a validation.

Out of sample: E. Musk, "Making Humans a Multiplanetary Species", IAC 2016 (Guadalajara), the Interplanetary
Transport System, as tabulated by Wikipedia's ITS launch vehicle infobox: spaceship empty 150 t, gross 2,100 t
(1,950 t of propellant); booster empty 275 t, gross 6,975 t (6,700 t).  A design, not flown hardware, with
carbon-composite tanks (the Block 2 stages are stainless steel).  Tolerance fixed before comparing: the project's
default 15 % (as the Centaur III check of the LOX/LH2 model).  By hand: ship 45.5 + 0.0455 x 1,950 = 134.1 t
(-10.6 %); booster 45.5 + 0.0455 x 6,700 = 350.0 t (+27 %): the booster misses, recorded as a strict xfail.  Its
causes: composite tanks lighter per kg of propellant than steel, a propellant load twice the calibration's largest
(extrapolated: the stage result carries the validity warning), and 42 engines whose mass the two-point line
does not separate from the tanks.  The ITS tanker (90 t for 2,500 t) is left out: the same airframe as the ship
less its heat shield, habitat and payload, i.e. a difference in the non-scaling part the model does not know.

Lower bound (physics): the stainless barrel alone.  A 9 m Starship ring is 1.8 m tall, 4 mm thick and 1,600 kg
(Wikipedia, "SpaceX Starship", Description) and holds pi 4.5^2 1.8 m^3 of propellant at the model's bulk density
(LOX/CH4 at O/F 3.6: 833 kg/m^3), ~95 t: 1.7 % of the propellant.  Domes, stringers, thrust structure and
insulation come on top, so the tankage fraction must exceed it.
"""

import math

import pytest

from spaceplan.propulsion.stages import stage_mass_model

TOLERANCE = 0.15
ITS_SHIP = (1_950e3, 150e3)  # propellant, dry (kg)
ITS_BOOSTER = (6_700e3, 275e3)
RING_MASS_KG, RING_HEIGHT_M, RING_RADIUS_M = 1_600.0, 1.8, 4.5


def _ours(propellant_kg):
    return float(stage_mass_model("lox-ch4").dry_mass_kg(propellant_kg))


def test_musk_2016_its_spaceship_dry_mass():
    prop, dry = ITS_SHIP
    assert abs(_ours(prop) / dry - 1.0) <= TOLERANCE, f"ours {_ours(prop) / 1e3:.1f} t vs {dry / 1e3:.0f} t"


@pytest.mark.xfail(strict=True, reason="steel-calibrated LOX/CH4 line is +27 % for the composite 6,700 t ITS booster "
                                       "(350 vs 275 t): composite tanks, 2x extrapolation, 42 engines")
def test_musk_2016_its_booster_dry_mass():
    prop, dry = ITS_BOOSTER
    assert abs(_ours(prop) / dry - 1.0) <= TOLERANCE, f"ours {_ours(prop) / 1e3:.1f} t vs {dry / 1e3:.0f} t"


def test_tankage_fraction_exceeds_the_stainless_barrel_alone():
    m = stage_mass_model("lox-ch4")
    ring_propellant_kg = math.pi * RING_RADIUS_M ** 2 * RING_HEIGHT_M * m.bulk_density_kg_m3
    barrel_fraction = RING_MASS_KG / ring_propellant_kg
    assert 0.01 < barrel_fraction < m.tankage_fraction < 0.10
