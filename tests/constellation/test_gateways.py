"""Issue 19 item 24: bent-pipe routes through the operator's own gateways.

Seattle-New York over Starlink was "unreachable at every step": only the bundled relay cities relayed, and the
US ones are too far apart for a 25 deg elevation mask.  The Starlink presets now name their gateway network
(``presets/gateways/starlink_us.toml``, from SpaceX's FCC earth-station licences), and its sites relay.
"""

import dataclasses

import pytest

from spaceplan.constellation.latency import gateway_sites, latency_over
from spaceplan.constellation.shells import load_constellation
from spaceplan.core import registry
from spaceplan.core.time import utc_to_tdb


def test_gateway_network_preset_has_sites_and_a_source():
    p = registry.load("gateways", "starlink_us")
    assert "FCC" in p.data["source"] and len(p.data["site"]) >= 20
    sites = gateway_sites("starlink_us")
    assert all(-90 < s.lat * 57.3 < 90 for s in sites) and len({s.name for s in sites}) == len(sites)
    assert load_constellation("starlink_gen1").gateways == "starlink_us"


def test_seattle_new_york_bent_pipe_routes_through_starlink_gateways():
    starlink = load_constellation("starlink_gen1")
    t0 = utc_to_tdb("2026-01-01")
    with_gw = latency_over(starlink, "seattle", "new york", t0, 600.0, 120.0, isl=False).to_dict(series=False)
    without = latency_over(dataclasses.replace(starlink, gateways=""), "seattle", "new york", t0, 600.0, 120.0,
                           isl=False).to_dict(series=False)
    assert without["unreachable_steps"] == without["steps"]  # the defect: cities alone cannot relay
    assert with_gw["unreachable_steps"] == 0
    # a bent-pipe path is longer than the great circle in vacuum and, here, shorter than fibre
    assert with_gw["vacuum_great_circle_rtt_ms"] < with_gw["rtt_min_ms"] <= with_gw["rtt_max_ms"] < with_gw["fibre_rtt_ms"]


def test_unknown_gateway_network_is_a_named_error():
    from spaceplan.core.errors import UnknownNameError

    with pytest.raises(UnknownNameError, match="gateways"):
        gateway_sites("starlinc_us")
