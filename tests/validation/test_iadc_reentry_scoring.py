"""Reentry forecasts from real TLE histories scored the way the IADC reentry test campaigns score them.

Objects (tests/validation/data/reentry, provenance and sources of the reentry times in
tests/validation/data/README.md): GOCE 2013, Tiangong-1 2018, the CZ-5B core stages of 2020 and 2021,
Jilin-1 Gaofen 4A 2025, KZ-1A R/B 2024, Dragon CRS-30 trunk 2024, SQX-1 R/B 2025.

Method of the first run (2026-12-07): at 30, 14, 7, 3 and 1 days before the actual reentry, only the
element sets published by then; B = Cd A/m fitted on the last 60 days of them with the observed space
weather (near-circular King-Hele decay of the mean altitude, from the first set to the last); after the last
set F10.7 and Ap held at their 81-day means (persistence, not a forecast); window = density x1.25 .. x0.8
(the 5-95 % interval of a log-normal density error, sigma 13.6 %).

Method of the second run (issue 23, fixed and written here BEFORE it was run, nothing changed after):
the decay model is King-Hele's theory for eccentric orbits (a and e averaged over the orbit by quadrature
on the same NRLMSIS table, spaceplan.core.king_hele_eccentric_kernel); B is fitted with that same model to
the semi-major axes (SGP4 mean motion) of every set of the last 60 days by least squares over (start a,
ln B), the start e that of the first set (Gondelach, Armellin & Lidtke 2017: B from TLE semi-major axes
only, for rocket bodies in eccentric orbits); the forecast starts from the last set's a and e.  Space
weather unchanged (observed to the last set, then 81-day persistence).  The window keeps its definition
(5-95 % of a log-normal error) but its sigma now adds to the density's 13.6 % the fit's own formal standard
error of ln B (from the scatter of the residuals, three sets or more) in quadrature, since rho and B enter
the drag only as their product; with an exact B it is the old x0.8 .. x1.25.  The lead times, the 60-day
fit span, the 120-km reentry interface and the scoring rules (reentry_score) are unchanged.

Published comparison: the IADC campaigns (Pardini & Anselmo 2013 and later campaign reports) put the typical
error of the central time at +-20-25 % of the remaining lifetime, whatever the lead.  Issue 23 asks that at
7 days at least 80 % of the windows contain the actual reentry.

Results of the first run (2026-12-07, near-circular model; nothing tuned afterwards):

| lead (d) | forecasts | windows holding the reentry | median abs error / remaining lifetime |
|---|---|---|---|
| 30 | 3 | 1/3 | 0.25 |
| 14 | 4 | 3/4 | 0.20 |
| 7  | 6 | 2/6 | 0.27 |
| 3  | 5 | 2/5 | 0.26 |
| 1  | 4 | 2/4 | 0.40 |

Every miss was a forecast too EARLY (the object stayed up longer): the CZ-5B cores (e = 0.010-0.016 at
first: perigee ~160 km, apogee ~370 km) and the KZ-1A stage by 42-72 % of the remaining lifetime, with
fitted m/CdA 3.5-16 kg/m^2 (a 21 t, 33 m x 5 m stage is ~80): the near-circular decay on the mean altitude
overstates the drag of an eccentric orbit as e falls.  SQX-1 R/B (e 0.005-0.015) by 26-31 %, Jilin-1 GF4A
(near-circular) by 19-25 %.

Results of the second run (2026-12-07, eccentric model, method above; the first and only run of it):

| lead (d) | forecasts | windows holding the reentry | median abs error / remaining lifetime |
|---|---|---|---|
| 30 | 3 | 2/3 | 0.12 |
| 14 | 4 | 4/4 | 0.16 |
| 7  | 6 | 5/6 (83 %) | 0.08 |
| 3  | 5 | 5/5 | 0.12 |
| 1  | 4 | 4/4 | 0.12 |

Per object (forecast - actual in days at the leads scored; fitted m/CdA): GOCE +2.61/+1.18/+0.50/+0.15
(14/7/3/1 d; 247-256 kg/m^2); Tiangong-1 +3.61/+1.99/+0.52/-0.31/-0.12 (112-127); CZ-5B 2020 -0.40/-0.14
(3/1 d; 63-67); CZ-5B 2021 +0.70/-0.59/-0.11 (7/3/1 d; 63-74); KZ-1A +0.13 (7 d; 46); SQX-1
+1.55/-0.10/-0.30/+0.06 (30/14/7/3 d; 87-91); Jilin-1 GF4A -7.00/-2.63/-1.55 (30/14/7 d; 31-35).  The
fit's standard error of ln B is 0.1-1.6 %, so the windows are still x0.8 .. x1.25 to within 1 %.  The one
miss left at 7 days (and at 30) is Jilin-1 GF4A, near-circular (e < 0.001), which stays up 22-23 % longer
than forecast, outside the -20/+25 % window: not an eccentricity effect; its m/CdA rises 31 -> 35 kg/m^2
between the 30- and 7-day fits, i.e. the drag it showed fell during December 2025, which a single B and
persistent space weather do not follow.
"""

import numpy as np
import pytest

from reentry_cases import DATA, all_scores, cases
from spaceplan.core.tle import tle_checksum
from spaceplan.station.reentry import read_tles
from spaceplan.station.reentry_score import LEAD_DAYS, RULE_OF_THUMB, funnel


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


def test_iadc_reentry_window_hit_rate_at_7_days(table):
    """Issue 23: at 7 days at least 80 % of the windows hold the actual reentry (second run: 5 of 6)."""
    row = table.lead_days.index(7.0)
    assert table.hit_rate[row] >= 0.8


# medians above the IADC 25 % (none since the eccentric model; the first run had 0.27, 0.26 and 0.40 at 7, 3, 1 d)
_ABOVE_RULE: dict[float, float] = {}


@pytest.mark.parametrize("lead", [pytest.param(lead, marks=pytest.mark.xfail(
    strict=True, reason=f"median |error| / remaining lifetime {_ABOVE_RULE[lead]:.2f} at {lead:g} d is above the "
    "IADC 25 %")) if lead in _ABOVE_RULE else lead for lead in LEAD_DAYS])
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
