"""Issue 19 item 8: every constellation preset says whether it has inter-satellite links, with the source,
and a round trip through laser links is refused for a system that has none."""

import pytest

from spaceplan.constellation.latency import compute_latency
from spaceplan.constellation.shells import constellation_from_dict, list_presets, load_constellation
from spaceplan.core.errors import InputError, ParseError


@pytest.mark.parametrize("name", list_presets())
def test_every_preset_declares_isl_with_a_source(name):
    const = load_constellation(name)
    assert isinstance(const.isl, bool), f"{name}: isl = true/false missing"
    assert len(const.isl_source) > 20, f"{name}: isl_source missing"


def test_oneweb_has_none_and_is_refused_an_isl_route():
    oneweb = load_constellation("oneweb")
    assert oneweb.isl is False and "SpaceNews" in oneweb.isl_source
    with pytest.raises(InputError, match="OneWeb Gen1 has no inter-satellite links"):
        compute_latency(oneweb, "london", "new york", [8.3e8], isl=True)
    compute_latency(oneweb, "london", "new york", [8.3e8], isl=False)  # bent pipe is fine


def test_isl_flag_must_be_a_boolean():
    table = {"name": "x", "isl": "yes", "shell": [{"altitude_km": 550, "inclination_deg": 53, "planes": 2,
                                                     "sats_per_plane": 2}]}
    with pytest.raises(ParseError, match="isl"):
        constellation_from_dict(table)
    table["isl"] = True
    assert constellation_from_dict(table).isl is True
    del table["isl"]
    assert constellation_from_dict(table).isl is None
