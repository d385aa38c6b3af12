"""Fission class curve against NASA requirements and published design studies.

References (in ``spaceplan/surface_power/presets/fission/design_points.toml``):
* NASA/DOE Fission Surface Power RFP (2021-22): >= 40 kWe for 10 years, <= 6,000 kg, 4 m x 6 m cylinder.
* NASA 2025 lunar fission RFI: >= 100 kWe, < 15 t.
* Gibson et al. (2017), IEEE Aerospace Conf.: Kilopower 1 kWe ~400 kg, 10 kWe ~1,500 kg.
* Mason, Poston & Qualls (2008), NASA TM (STAIF 2008): FSP 40 kWe reference concept ~5.8 t.

HONEST SCOPE: the class curve m = a P^b is a least-squares fit to those three design points, so the
in-sample residual check (30 %) measures how well one power law spans two design families (HEU
Kilopower vs the conservative UO2 FSP), not an independent prediction.  The leave-one-out check is
out of sample and shows the real spread: a factor of ~2.5 (0.40 to 1.42); the tolerance there
(0.35 to 2.0) is a statement of that spread, not a pass criterion for a precise model.
The 100 kWe RFI check extrapolates beyond the largest fitted point (40 kWe).
"""

from __future__ import annotations

import pytest

from spaceplan.surface_power.sizing import design_points, requirements, size_fission


def test_fsp_2022_requirement_40kwe_fits_6t_and_envelope():
    req = requirements()["fsp_2022"]
    d = size_fission(req["power_kwe"] * 1e3)
    assert d.mass_kg <= req["max_mass_kg"]
    assert d.fits_fsp_envelope and d.units == 1
    assert 40.0 < d.radiator_area_m2 < 150.0  # Stefan-Boltzmann at 400 K, 2 sides: tens of m2


def test_nasa_rfi_2025_100kwe_under_15t():
    req = requirements()["rfi_2025"]
    assert size_fission(req["power_kwe"] * 1e3).mass_kg < req["max_mass_kg"]


@pytest.mark.parametrize("point", [d for d in design_points() if d["use_in_fit"]], ids=lambda d: d["name"])
def test_gibson_2017_mason_2008_specific_mass_in_sample(point):
    ours = size_fission(point["power_kwe"] * 1e3).specific_mass_kg_per_kw
    published = point["mass_kg"] / point["power_kwe"]
    assert abs(ours / published - 1.0) <= 0.30, (ours, published)


@pytest.mark.parametrize("point", [d for d in design_points() if d["use_in_fit"]], ids=lambda d: d["name"])
def test_gibson_2017_mason_2008_leave_one_out(point):
    ours = size_fission(point["power_kwe"] * 1e3, exclude_points=(point["name"],)).mass_kg
    assert 0.35 <= ours / point["mass_kg"] <= 2.0, ours / point["mass_kg"]
