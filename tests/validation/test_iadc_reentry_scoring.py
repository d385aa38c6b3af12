"""Reentry forecasts from real TLE histories scored the way the IADC reentry test campaigns score them.

Objects (tests/validation/data/reentry, provenance and sources of the reentry times in
tests/validation/data/README.md): GOCE 2013, Tiangong-1 2018, the CZ-5B core stages of 2020 and 2021,
Jilin-1 Gaofen 4A 2025, KZ-1A R/B 2024, Dragon CRS-30 trunk 2024, SQX-1 R/B 2025.

Method (spaceplan.station.reentry_score, fixed before the first run): at 30, 14, 7, 3 and 1 days before the
actual reentry, only the element sets published by then; B = Cd A/m fitted on the last 60 days of them with
the observed space weather; after the last set F10.7 and Ap held at their 81-day means (persistence, not a
forecast); window = density x1.25 .. x0.8 (the 5-95 % interval of a log-normal density error, sigma 13.6 %).

Published comparison: the IADC campaigns (Pardini & Anselmo 2013 and later campaign reports) put the typical
error of the central time at +-20-25 % of the remaining lifetime, whatever the lead.  Issue 23 asks that at
7 days at least 80 % of the windows contain the actual reentry.

Results (2026-12-07, first run; nothing tuned afterwards):

| lead (d) | forecasts | windows holding the reentry | median abs error / remaining lifetime |
|---|---|---|---|
| 30 | 3 | 1/3 | 0.25 |
| 14 | 4 | 3/4 | 0.20 |
| 7  | 6 | 2/6 | 0.27 |
| 3  | 5 | 2/5 | 0.26 |
| 1  | 4 | 2/4 | 0.40 |

The two CZ-5B cores (e = 0.010-0.016 at first: perigee ~160 km, apogee ~370 km) reenter 40-70 % of the
remaining lifetime LATER than we forecast at every lead: the near-circular King-Hele decay on the mean
altitude overstates the drag of an eccentric orbit as e falls (the fitted m/CdA, 9-16 kg/m^2, is far below a
21 t, 33 m x 5 m stage's ~80).  The KZ-1A stage does the same.  The other objects are within 10-31 %,
mostly on the early side for the 2025 objects (solar maximum, persistence of a declining F10.7).
"""

import numpy as np
import pytest

from reentry_cases import DATA, all_scores, cases
from spaceplan.core.tle import tle_checksum
from spaceplan.station.reentry import read_tles
from spaceplan.station.reentry_score import LEAD_DAYS, RULE_OF_THUMB, funnel

# 7-day window hit rate of the first run (see the table above); the xfail below cites it
_HIT_7 = "2 of 6 (33 %)"


@pytest.fixture(scope="module")
def table():
    return funnel(list(all_scores()))


def test_reentry_tle_histories_pass_checksums():
    names = {c["file"] for c in cases()}
    assert len(names) >= 6
    for name in names:
        lines = [ln for ln in (DATA / name).read_text().splitlines() if ln.startswith(("1 ", "2 "))]
        assert lines and all(len(ln) == 69 and str(tle_checksum(ln)) == ln[68] for ln in lines), name
        assert len(read_tles(DATA / name)) == len(lines) // 2


def test_iadc_scoring_covers_six_objects_at_seven_days(table):
    row = table.lead_days.index(7.0)
    assert table.n[row] >= 6


@pytest.mark.xfail(strict=True, reason=f"at 7 days {_HIT_7} of our 5-95 % windows contain the actual reentry "
                   "(issue 23 asks >= 80 %): the CZ-5B 2021 and KZ-1A stages reenter 42-56 % of the remaining "
                   "lifetime later than forecast (eccentric orbits on a circular model), Jilin-1 GF4A and SQX-1 "
                   "24-31 % earlier; the windows span only -20/+25 %")
def test_iadc_reentry_window_hit_rate_at_7_days(table):
    row = table.lead_days.index(7.0)
    assert table.hit_rate[row] >= 0.8


_ABOVE_RULE = {7.0: 0.27, 3.0: 0.26, 1.0: 0.40}  # first run's medians above the rule (table above)


@pytest.mark.parametrize("lead", [pytest.param(lead, marks=pytest.mark.xfail(
    strict=True, reason=f"median |error| / remaining lifetime {_ABOVE_RULE[lead]:.2f} at {lead:g} d is above the "
    "IADC 25 % (the eccentric CZ-5B and KZ-1A stages)")) if lead in _ABOVE_RULE else lead for lead in LEAD_DAYS])
def test_iadc_rule_of_thumb_median_relative_error(table, lead):
    row = table.lead_days.index(lead)
    median = table.median_relative_error[row]
    print(f"lead {lead:g} d: {table.n[row]} forecasts, {table.hit_rate[row]:.0%} windows hold the reentry, "
          f"median |error| / remaining lifetime {median:.2f} (IADC: {RULE_OF_THUMB[0]:.2f}-{RULE_OF_THUMB[1]:.2f})")
    assert np.isfinite(median) and median <= RULE_OF_THUMB[1]


def test_reentry_funnel_figure(tmp_path):
    from spaceplan.station.plots import plot_funnel

    out = tmp_path / "funnel.png"
    plot_funnel(list(all_scores()), str(out))
    assert out.stat().st_size > 10_000
