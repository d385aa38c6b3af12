"""Walker shells from presets, with overrides of the geometry a preset marks as assumed."""

import math

import pytest

from spaceplan.constellation.shells import load_constellation
from spaceplan.core.errors import UnknownNameError


def test_pattern_override_brings_its_own_node_spread():
    """Walker (1984): a delta pattern spreads its nodes over 360 deg, a star over 180 deg."""
    base = load_constellation("rassvet_2027")
    assert base.shells[0].pattern == "star" and base.shells[0].node_spread == pytest.approx(math.pi)
    delta = load_constellation("rassvet_2027", pattern="delta")
    assert delta.shells[0].node_spread == pytest.approx(2 * math.pi)
    custom = load_constellation("rassvet_2027", pattern="delta", raan_spread_deg=270.0)
    assert custom.shells[0].node_spread == pytest.approx(math.radians(270.0))
    assert "pattern" not in delta.shells[0].assumed


def test_unknown_override_is_named():
    with pytest.raises(UnknownNameError, match="override"):
        load_constellation("rassvet_2027", altitude=800.0)
