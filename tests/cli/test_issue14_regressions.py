"""Regression tests for the bad-input defects of issue 14 (items 1, 2 and 4), one per defect."""

from __future__ import annotations

import importlib
import io

import numpy as np
import pytest

from cli_run import run_cli_exit
from spaceplan.core.errors import InputError

PORKCHOP = ["porkchop", "earth", "mars", "--depart", "2026-08-01:2027-01-31", "--arrive", "2027-03-01:2028-03-01"]


_run = run_cli_exit


def _forbid(monkeypatch, module, name):
    """Replace ``module.name`` by a function that fails the test: proves a check runs before computing."""
    def called(*args, **kwargs):
        raise AssertionError(f"{name} ran although the input was refused first")

    monkeypatch.setattr(module, name, called)


# --- item 1: grids beyond a stated limit are refused with the count and the limit ----------------

def test_porkchop_one_second_step_is_refused_with_cell_count_and_limit(monkeypatch, capsys):
    """``--step 1s`` over 6 x 12 months was ~5e14 cells and ran until killed."""
    pc = importlib.import_module("spaceplan.core.porkchop")

    _forbid(monkeypatch, pc, "porkchop")
    code, out, err = _run(PORKCHOP + ["--step", "1s"], monkeypatch, capsys)
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert err.startswith("error: --step: 5e+14 porkchop cells") and "at most 1e+07 porkchop cells" in err


def test_porkchop_api_refuses_grids_beyond_the_cell_limit():
    from spaceplan.core.porkchop import MAX_CELLS, porkchop

    n = int(np.sqrt(MAX_CELLS)) + 10
    dep = 8.3e8 + 60.0 * np.arange(n)
    with pytest.raises(InputError, match="porkchop cells"):
        porkchop("earth", "mars", dep, dep + 2.2e7)


def test_coverage_refuses_grids_beyond_points_and_point_steps():
    from spaceplan.constellation.coverage import MAX_POINT_STEPS, MAX_POINTS, check_size

    check_size(64_800, 1440)  # the README's 1 deg world over a day at 60 s
    with pytest.raises(InputError, match="ground points"):
        check_size(MAX_POINTS + 1, 1)
    with pytest.raises(InputError, match="point-steps"):
        check_size(64_800, int(MAX_POINT_STEPS / 64_800) + 1)


def test_mars_mission_step_has_a_floor():
    from spaceplan.interplanetary import search_round_trips

    with pytest.raises(InputError, match="0.5 to 10 d"):
        search_round_trips(2028, step_days=1e-3)


def test_progress_bar_appears_only_after_a_second(monkeypatch):
    from rich.console import Console

    import spaceplan.cli._common as common

    sink = io.StringIO()
    monkeypatch.setattr(common, "stderr", Console(file=sink, force_terminal=True, width=80))
    clock = iter([0.0, 0.5, 0.9, 1.5, 2.0, 3.0, 4.0, 5.0])
    monkeypatch.setattr(common.time, "monotonic", lambda: next(clock))
    with common.progress("quick") as update:
        update(1, 10)
        update(2, 10)
    assert sink.getvalue() == ""  # finished within the second: nothing drawn
    with common.progress("slow grid") as update:
        for k in range(1, 5):
            update(k, 10)
    assert "slow grid" in sink.getvalue()


# --- item 2: output paths are checked before computing, and nothing partial is left ------------

def test_porkchop_plot_under_a_regular_file_is_refused_before_computing(tmp_path, monkeypatch, capsys):
    """Was ``internal error: FileExistsError`` after the whole computation, exit 1."""
    pc = importlib.import_module("spaceplan.core.porkchop")

    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("")
    _forbid(monkeypatch, pc, "porkchop")
    code, out, err = _run(PORKCHOP + ["--plot", "afile/p.png"], monkeypatch, capsys)
    assert code == 2 and out == ""
    assert err == ("error: --plot: 'afile' is a file, not a folder, so 'afile/p.png' cannot be created "
                   "(allowed: a path whose folders are folders)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_deploy_plot_under_a_regular_file_is_refused_before_computing(tmp_path, monkeypatch, capsys):
    """Was ``internal error: NotADirectoryError`` after planning the campaign, exit 1."""
    import spaceplan.constellation.deployment as dep

    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("")
    _forbid(monkeypatch, dep, "plan_deployment")
    code, out, err = _run(["constellation", "deploy", "rassvet_2027", "--launcher", "soyuz-2.1b", "--plot",
                           "afile/x.png"], monkeypatch, capsys)
    assert code == 2 and out == "" and err.startswith("error: --plot: 'afile' is a file")


@pytest.mark.parametrize(("path", "message"), [
    ("fig.gif", "unknown figure file extension '.gif'"),
    ("fig", "unknown figure file extension '(none)'"),
    ("adir.png", "is a folder, not a file"),
    ("afile/fig.png", "'afile' is a file, not a folder"),
    ("afile/deeper/fig.svg", "'afile' is a file, not a folder"),
    ("/proc/spaceplan/fig.pdf", "cannot write in folder '/proc'"),
    ("", "empty path"),
])
def test_check_output_path_refuses_unwritable_figures(path, message, tmp_path, monkeypatch):
    from spaceplan.cli._common import check_output_path

    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("")
    (tmp_path / "adir.png").mkdir()
    with pytest.raises(InputError, match="--plot") as exc:
        check_output_path("--plot", path, "figure")
    assert message in str(exc.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adir.png", "afile"]


def test_check_output_path_accepts_new_folders_without_creating_them(tmp_path):
    from spaceplan.cli._common import check_output_path

    check_output_path("--plot", tmp_path / "new" / "sub" / "fig.PNG", "figure")
    check_output_path("--out", tmp_path / "report", "folder")
    assert list(tmp_path.iterdir()) == []


def test_write_figure_leaves_nothing_when_drawing_fails(tmp_path):
    from spaceplan.cli._common import write_figure

    def half_written(path):
        open(path, "w").write("partial")
        raise RuntimeError("drawing failed")

    with pytest.raises(RuntimeError):
        write_figure(tmp_path / "fig.png", half_written)
    assert list(tmp_path.iterdir()) == []
    write_figure(tmp_path / "fig.png", lambda path: open(path, "w").write("whole"))
    assert [p.name for p in tmp_path.iterdir()] == ["fig.png"] and (tmp_path / "fig.png").read_text() == "whole"


def test_study_out_that_is_a_file_is_refused_before_running(tmp_path, monkeypatch, capsys):
    import spaceplan.study as study

    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("")
    _forbid(monkeypatch, study, "run_study")
    code, out, err = _run(["study", "--out", "afile"], monkeypatch, capsys)
    assert code == 2 and err == "error: --out: 'afile' is a file, not a folder (allowed: a folder (created if missing))"


# --- item 4: radiation durations are bounded, and the verdict speaks of the chronic dose ---------

def test_radiation_century_timeline_is_refused_with_the_range(monkeypatch, capsys):
    """``--timeline deep_space:100y`` exited 0 with "no risk of radiation sickness" for 15.8 Gy absorbed."""
    code, out, err = _run(["radiation", "dose", "--timeline", "deep_space:100y"], monkeypatch, capsys)
    assert code == 2 and out == ""
    assert err == ("error: --timeline phase 1 duration: '100y' is 36,525 days (allowed: 0 to 3652.5 days (10 years) "
                   "per phase and for the whole timeline)")


def test_radiation_total_duration_is_bounded_in_the_api():
    from spaceplan.radiation.timeline import Phase, mission_dose

    with pytest.raises(InputError, match="10 years"):
        mission_dose([Phase("deep_space", 6 * 365.25 * 86400.0), Phase("mars_surface", 6 * 365.25 * 86400.0)])
    with pytest.raises(InputError, match="phase 1.duration_s"):
        mission_dose([Phase("deep_space", 11 * 365.25 * 86400.0)])


def test_long_mission_verdict_speaks_of_chronic_effects_not_no_risk():
    from spaceplan.radiation.timeline import Phase, mission_dose

    dose = mission_dose([Phase("deep_space", 9 * 365.25 * 86400.0)])
    a = dose.assessment_detail
    assert a.total_absorbed_gy > 1.0 and a.acute_level == "none" and a.chronic_level == "tissue_reactions"
    assert "no risk" not in a.text
    assert "Chronic dose" in a.text and "cataracts" in a.text and "ICRP Publication 118" in a.text
    assert dose.to_dict()["chronic_level"] == "tissue_reactions"


def test_chronic_levels_follow_the_limits():
    from spaceplan.radiation.assessment import assess

    assert assess(0.3, total_absorbed_gy=0.08).chronic_level == "within_limits"
    assert assess(0.9, total_absorbed_gy=0.24).chronic_level == "above_career_limit"
    assert assess(2.0, total_absorbed_gy=0.52).chronic_level == "tissue_reactions"
