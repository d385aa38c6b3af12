"""TEM/Zeus presets close on their published launch masses (issue 24 finding 2: the official preset was 9.8 t dry
against the published "up to 22 t", with only 1.5 t of structure).

Hand calculation (presets/vehicles/zeus*.toml): official 0.5 MWe, 3.8 MWt: reactor 8 kg/kWe x 500 = 4,000 kg,
radiators 1 kg/kWt x 3,300 = 3,300 kg, thrusters 2 kg/kWe x 500 = 1,000 kg, xenon 6,000 kg + 10 % tanks = 6,600 kg;
22,000 - 14,900 = 7,100 kg of structure.  Claimed 1 MWe: 8,000 + 2,800 + 2,000 + 6,600 = 19,400; 20,300 - 19,400
= 900 kg.
"""

import pytest

from spaceplan.core.errors import InputError
from spaceplan.propulsion.presets import load_vehicle
from spaceplan.propulsion.tem import tem_consistency


@pytest.mark.parametrize("key,launch,structure", [("zeus-official", 22_000.0, 7_100.0), ("zeus", 20_300.0, 900.0)])
def test_nep_preset_closes_on_its_published_launch_mass(key, launch, structure):
    v = load_vehicle(key)
    assert v.launch_mass_kg == launch
    assert v.wet_mass_kg() == pytest.approx(launch, abs=1e-6)
    assert v.masses()["structure"] == pytest.approx(structure, abs=1e-6)


def test_launch_mass_below_the_components_is_refused(tmp_path):
    from importlib.resources import files

    src = files("spaceplan.propulsion").joinpath("presets/vehicles/zeus-official.toml").read_text()
    light = tmp_path / "light.toml"
    light.write_text(src.replace("launch_mass_kg = 22000.0", "launch_mass_kg = 10000.0"))
    with pytest.raises(InputError, match="launch_mass_kg"):
        load_vehicle(str(light))


def test_lunar_claim_with_the_22_t_official_tug():
    """7 t to lunar orbit with the 22 t tug: dry 15.4 t + xenon x 1.1 + 7 t cargo in LEO (about 25-26 t,
    more than the 19.2 t the 9.8 t-dry preset gave), about 210 days at 0.5 MWe."""
    check = next(c for c in tem_consistency().checks if c.claim.startswith("7 t") and "0.5 MWe" in c.claim)
    assert 190 < check.value < 230
    assert "22.0 t tug" in check.why
    imleo = float(check.why.split("; ")[1].split(" t in LEO")[0])
    assert 24.5 < imleo < 27.0
