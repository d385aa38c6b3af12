"""The study runner: scenario loading, section dispatch, report files."""

import json
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

from spaceplan.core.errors import InputError, ParseError, UnknownNameError
from spaceplan.study import SectionResult, run_study
from spaceplan.study import runner
from spaceplan.study.config import SectionConfig, option
from spaceplan.study.runner import load_scenario


@dataclass(frozen=True)
class _FakeConfig(SectionConfig):
    SECTION = "fake"
    value: float = option(1.0, "a value (km)", lo=0.0)


@dataclass(frozen=True)
class _FakeResult:
    value_km: float

    def to_dict(self):
        return {"value_km": self.value_km}


def _fake_plot(value, path):
    Path(path).write_bytes(b"figure")


@pytest.fixture
def fake_section(monkeypatch):
    module = types.ModuleType("fake_section")
    module.Config = _FakeConfig

    def compute(config, progress=None):
        return _FakeResult(config.value)

    def render(result, ctx):
        fig = ctx.save_figure("fake", _fake_plot, result.value_km)
        return SectionResult("Fake", f"value is {result.value_km:g} km", result.to_dict(), (fig,))

    module.compute, module.render = compute, render
    monkeypatch.setitem(sys.modules, "fake_section", module)
    monkeypatch.setattr(runner, "SECTIONS", {"fake": "fake_section"})
    return module


def test_report_files_are_written(tmp_path, fake_section):
    report = run_study({"study": {"title": "T"}, "fake": {"value": 3}}, tmp_path)
    assert report.sections["fake"].data == {"value_km": 3}
    text = (tmp_path / "report.md").read_text()
    assert "# T" in text and "## Fake" in text and "figures/fake.png" in text
    assert (tmp_path / "figures" / "fake.png").is_file() and (tmp_path / "figures" / "fake.svg").is_file()
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["sections"]["fake"]["value_km"] == 3


def test_default_scenario_loads():
    scenario = load_scenario(None)
    assert "study" in scenario and "interplanetary" in scenario


def test_scenario_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_scenario(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[study\n")
    with pytest.raises(ParseError):
        load_scenario(bad)
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("[warp_drive]\n")
    with pytest.raises(UnknownNameError, match="warp_drive"):
        load_scenario(unknown)


@pytest.mark.parametrize("section, bad, needle", [
    ("launch", {"vehicels": ["falcon9"]}, "launch.vehicels"),
    ("launch", {"flights": 5}, "launch.flights: expected a list"),
    ("constellations", {"coverage_grid_deg": "5"}, "constellations.coverage_grid_deg: expected a number"),
    ("mars_missions", {"step_days": "x"}, "mars_missions.step_days"),
    ("interplanetary", {"start_year": True}, "interplanetary.start_year"),
])
def test_scenario_sections_reject_unknown_keys_and_wrong_kinds(tmp_path, section, bad, needle):
    from spaceplan.core.errors import InputError
    from spaceplan.study.runner import run_study

    with pytest.raises(InputError, match=needle.replace(".", r"\.")):
        run_study({section: bad}, tmp_path)
