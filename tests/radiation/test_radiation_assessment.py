"""Plain-words assessment against limits."""

from spaceplan.radiation.assessment import assess


def test_career_fractions_and_words():
    a = assess(0.66)
    assert abs(a.fraction_of_nasa_limit - 1.1) < 1e-9
    assert a.exceeds_nasa_career and not a.exceeds_1sv_career
    assert "1.1x the NASA career limit" in a.text and "radiation sickness" in a.text
    assert a.acute_level == "none"


def test_limits_within_uncertainty_are_flagged():
    assert "within the model uncertainty" in assess(0.66).text  # 1.1x NASA
    assert "within the model uncertainty" not in assess(0.2).text
    assert assess(0.2).uncertainty_fraction == 0.25


def test_acute_levels():
    assert assess(0.3, 0.2).acute_level == "below_prodromal"
    assert assess(0.3, 0.7).acute_level == "prodromal"
    assert assess(0.3, 1.5).acute_level == "ars"
    assert "acute radiation sickness is expected" in assess(0.3, 1.5).text
    assert assess(0.3, 5.0).acute_level == "lethal_range"


def test_30day_limit():
    assert assess(0.3, 0.0, 0.3).exceeds_30day_bfo
    assert not assess(0.3, 0.0, 0.1).exceeds_30day_bfo


def test_shielded_spe_is_named_instead_of_no_event():
    a = assess(0.1, spe_shielded="The X event was requested in phase 1 (leo) but adds no dose there.")
    assert "No solar particle event" not in a.text and "requested in phase 1 (leo)" in a.text
    assert a.acute_level == "none" and "radiation sickness" in a.text
