"""The timeline figure is written."""

from spaceplan.radiation import Phase, mission_dose
from spaceplan.radiation.plots import plot_timeline


def test_plot_timeline(tmp_path):
    d = mission_dose([Phase("deep_space", 180 * 86400.0, label="outbound"), Phase("mars_surface", 30 * 86400.0)],
                     spe="aug1972")
    path = tmp_path / "t.png"
    plot_timeline(d, path)
    assert path.stat().st_size > 10_000
