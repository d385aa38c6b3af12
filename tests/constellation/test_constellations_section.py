"""Study section "constellations" on a tiny configuration (fast)."""

from spaceplan.study.runner import SectionContext
from spaceplan.study.sections.constellations import run


def test_section_runs_small(tmp_path):
    cfg = {"systems": ["rassvet_2027"], "coverage_regions": ["russia"], "coverage_grid_deg": 10.0,
           "coverage_duration_s": 600.0, "coverage_step_s": 300.0, "latency_pairs": [["moscow", "vladivostok"]],
           "latency_duration_s": 300.0, "latency_step_s": 60.0,
           "deployments": [["rassvet_2027", "soyuz-2.1b", "6/yr"]]}
    calls = []
    res = run(cfg, SectionContext(tmp_path, lambda d, t: calls.append((d, t))))
    assert "Rassvet" in res.markdown and "| moscow - vladivostok |" in res.markdown
    # one coverage map per system, the latency and the deployment figures
    assert len(res.figures) == 3 and all((tmp_path / f).is_file() for f in res.figures)
    assert "figures/constellations_coverage_rassvet_2027.png" in res.figures
    assert res.data["deployment"][0]["launches"] == 17
    assert calls[-1][0] == calls[-1][1]
