"""Centaur III dry mass against the LOX/LH2 stage mass model fitted to the DCSS family (out of sample).

Reference: ULA, Atlas V Launch Services User's Guide (2010): Centaur III single-engine, 20,830 kg of propellant,
~2,250 kg dry.  The model (spaceplan/propulsion/presets/stage_masses/lox-lh2.toml) is fitted to the Delta III and
Delta IV 4 m / 5 m DCSS only, so this is an independent check, at the project's default tolerance of 15 % (fixed
before comparing).  By hand: 812 kg + 0.0977 x 20,830 kg = 2,847 kg, +27 %: the model misses, and the miss is
recorded as a strict xfail rather than hidden by a wider tolerance.  The cause is physical: the fit's stages have
self-supporting isogrid tanks, Centaur pressure-stabilised balloon tanks, lighter per kg of propellant, so the model
is conservative (heavy) for balloon-tank stages.
"""

import pytest

from spaceplan.propulsion.stages import stage_mass_model

CENTAUR_PROPELLANT_KG = 20_830.0
CENTAUR_DRY_KG = 2_250.0
TOLERANCE = 0.15


@pytest.mark.xfail(strict=True, reason="the DCSS-fitted LOX/LH2 model is +27 % heavy for Centaur's balloon tanks "
                                       "(2,847 vs 2,250 kg)")
def test_ula_2010_centaur_dry_mass():
    model = stage_mass_model("lox-lh2")
    ours = float(model.dry_mass_kg(CENTAUR_PROPELLANT_KG))
    assert abs(ours / CENTAUR_DRY_KG - 1.0) <= TOLERANCE, f"ours {ours:.0f} kg vs {CENTAUR_DRY_KG:.0f} kg"


def test_ula_2010_centaur_model_is_conservative():
    """The direction of the miss matters for the architectures that use the model: it must overstate, not
    understate, a balloon-tank stage's dry mass (ours above the published 2,250 kg)."""
    ours = float(stage_mass_model("lox-lh2").dry_mass_kg(CENTAUR_PROPELLANT_KG))
    assert ours > CENTAUR_DRY_KG
