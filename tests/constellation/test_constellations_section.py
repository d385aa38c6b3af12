"""Study section "constellations" on a tiny configuration (fast)."""

import pytest

from spaceplan.core.errors import InputError
from spaceplan.study.runner import SectionContext, run_section
from spaceplan.study.sections import constellations


def test_section_runs_small(tmp_path):
    cfg = {"systems": ["rassvet_2027"], "coverage_regions": ["russia"], "coverage_grid_deg": 10.0,
           "coverage_duration_s": 600.0, "coverage_step_s": 300.0, "latency_pairs": [["moscow", "vladivostok"]],
           "latency_duration_s": 300.0, "latency_step_s": 60.0,
           "deployments": [["rassvet_2027", "soyuz-2.1b", "6/yr"]]}
    calls = []
    res = run_section(constellations, cfg, SectionContext(tmp_path, lambda d, t: calls.append((d, t))))
    assert "Rassvet" in res.markdown and "| moscow - vladivostok |" in res.markdown
    assert res.title == "Constellations: Rassvet 2027"  # generated from the configured systems
    # one coverage map per system, the latency and the deployment figures, each as PNG and SVG
    assert len(res.figures) == 3 and all((tmp_path / f).is_file() for f in res.figures)
    assert all((tmp_path / f).with_suffix(".svg").is_file() for f in res.figures)
    assert "figures/constellations_coverage_rassvet_2027.png" in res.figures
    assert res.data["deployment"][0]["launches"] == 17
    assert calls[-1][0] == calls[-1][1]


def test_deployment_rows_need_three_fields():
    with pytest.raises(InputError, match=r"constellations.deployments\[0\]"):
        constellations.Config.from_table({"deployments": [["rassvet_2027", "soyuz-2.1b"]]})
