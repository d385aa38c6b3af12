"""Section constellation_design: a Walker design point against the constellation API it composes."""

import math
import pickle

from spaceplan.constellation.coverage import coverage, time_grid
from spaceplan.core.regions import parse_region
from spaceplan.constellation.shells import load_constellation
from spaceplan.core.time import utc_to_tdb
from spaceplan.study.sections import constellation_design as section

TABLE = {"preset": "oneweb", "altitude_km": 1000.0, "planes": 12, "sats_per_plane": 30, "launcher": "soyuz-2.1b",
         "cadence_per_year": 8.0, "region": "bbox:40,70,20,80", "grid_deg": 10.0, "duration_s": 1200.0,
         "step_s": 300.0, "milestone_samples": 3}


def test_design_point_is_the_constellation_api_with_overrides():
    result = section.compute(section.Config.from_table(TABLE))
    const = load_constellation("oneweb", altitude_km=1000.0, planes=12, sats_per_plane=30)
    direct = coverage(const, parse_region(TABLE["region"], 10.0),
                      time_grid(float(utc_to_tdb("2026-01-01")), 1200.0, 300.0), math.radians(25.0))
    assert result.satellites == 360 and result.altitude_m == 1.0e6
    assert result.coverage_fraction == direct.coverage_fraction
    assert result.launches == math.ceil(360 / result.sats_per_launch)
    assert len(pickle.dumps(result)) < 10_000


def test_prose_names_what_was_computed():
    result = section.compute(section.Config.from_table(TABLE))
    text = section.render(result, None).markdown
    assert "OneWeb" in text and "360 satellites" in text and "Soyuz" in text and "Rassvet" not in text
    assert f"{result.coverage_fraction:.1%}" in text
