"""Starship dry masses follow the tanks: the CH4/LOX stage mass model of the propulsion domain, Block 2 vs Block 3."""

from pathlib import Path

import pytest

from spaceplan.core.errors import ParseError
from spaceplan.launch.vehicles import load_vehicle
from spaceplan.missions.ships import load_ship
from spaceplan.missions.tanker import with_tankage
from spaceplan.propulsion.stages import stage_mass_model


def test_block2_ships_keep_their_stated_dry_masses():
    assert load_ship("block2-cargo").dry_mass_kg == pytest.approx(120e3, abs=1.0)
    assert load_ship("block2-crew").dry_mass_kg == pytest.approx(150e3, abs=1.0)
    assert load_ship("hls").dry_mass_kg == pytest.approx(100e3, abs=1.0)


def test_block3_ships_are_heavier_by_the_tankage_of_their_extra_300_t():
    f = stage_mass_model("lox-ch4").tankage_fraction
    for variant in ("cargo", "crew"):
        b2, b3 = load_ship(f"block2-{variant}"), load_ship(f"block3-{variant}")
        extra = b3.propellant_capacity_kg - b2.propellant_capacity_kg
        assert b3.dry_mass_kg - b2.dry_mass_kg == pytest.approx(f * extra, abs=1.0)
        assert b3.to_dict()["dry_mass_model"]["propellant"] == "lox-ch4"
        assert not b3.warnings  # 1,500 t lies inside the calibration's 1,200-3,400 t


def test_tanker_stages_follow_the_model():
    v2, w2 = with_tankage(load_vehicle("starship-tanker-block2"))
    assert [s.dry_mass_kg for s in (v2.stages[0], v2.stages[-1])] == pytest.approx([200e3, 90e3], abs=1.0)
    assert w2 == ()
    v3, w3 = with_tankage(load_vehicle("starship-tanker-block3"))
    assert v3.stages[0].dry_mass_kg == pytest.approx(211_364, abs=1.0)  # 3,650 t booster
    assert v3.stages[-1].dry_mass_kg == pytest.approx(103_636, abs=1.0)  # 1,500 t tanker
    assert [w["code"] for w in w3] == ["outside_validated_range"]  # the booster is above 3,400 t


def test_a_ship_with_both_dry_mass_forms_is_refused(tmp_path):
    import spaceplan.missions.ships as ships

    text = (Path(ships.__file__).parent / "presets" / "starships" / "block2-cargo.toml").read_text()
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("added_mass_kg = 20000.0", "added_mass_kg = 20000.0\ndry_mass_kg = 1.0"))
    with pytest.raises(ParseError, match="either dry_mass_kg"):
        load_ship(str(bad))
