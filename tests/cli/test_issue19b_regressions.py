"""Regression tests for issue 19, part B: one test (or a few) per defect, each failing on the main
before the fix (c187fd9) and passing after.  Commands are the ones the issue reports, made small."""

from __future__ import annotations

import re

import pytest

from cli_run import run_cli_exit

SWEEP = """
[constellation_design]
region = "russia"
grid_deg = 10.0
duration_s = 600.0
step_s = 300.0
milestone_samples = 2
[sweep]
objective = "{objective}"
[sweep.parameters]
"constellation_design.altitude_km" = {{ values = [550.0, 1200.0] }}
"constellation_design.cadence_per_year" = {{ values = [4.0, 6.0] }}
"""


_run = run_cli_exit


def _sweep_file(tmp_path, objective="constellation_design.coverage_fraction"):
    path = tmp_path / "s.toml"
    path.write_text(SWEEP.format(objective=objective))
    return path


# --- 11: a misspelt objective is a named error, not an exit 0 without a result ------------------

def test_11_sweep_unknown_objective_is_refused_with_near_matches(tmp_path, monkeypatch, capsys):
    scenario = _sweep_file(tmp_path, "constellation_design.coverage_fractoin")
    code, out, err = _run(["sweep", str(scenario), "--out", str(tmp_path / "o"), "--scheduler", "serial"],
                          monkeypatch, capsys)
    assert code == 2 and len(err.splitlines()) == 1
    assert err.startswith("error: sweep.objective:") and "'constellation_design.coverage_fraction'" in err


def test_11_unknown_objective_stops_after_the_first_point(tmp_path):
    from spaceplan.core.errors import InputError
    from spaceplan.study.runner import load_scenario
    from spaceplan.study.sweep import SweepStore, run_sweep

    scenario = load_scenario(_sweep_file(tmp_path, "constellation_design.nonexistent"))
    with pytest.raises(InputError, match="sweep.objective"):
        run_sweep(scenario, tmp_path / "o", figure=False)
    assert len(SweepStore(tmp_path / "o").rows()) == 1  # the first point is kept, the other three never ran


# --- 13: a scenario without a section is refused -----------------------------------------------

def test_13_empty_scenario_is_refused(tmp_path, monkeypatch, capsys):
    empty = tmp_path / "EMPTY.toml"
    empty.write_text("[study]\ntitle = 'nothing'\n")
    code, out, err = _run(["study", str(empty), "--out", str(tmp_path / "o")], monkeypatch, capsys)
    assert code == 2 and len(err.splitlines()) == 1 and "names no section" in err and "[interplanetary]" in err
    assert not (tmp_path / "o").exists()


# --- 14: help text keeps its literal brackets ([sweep] was eaten as rich markup) -----------------

def _commands():
    from spaceplan.cli import app

    for group in app.registered_groups:
        for cmd in group.typer_instance.registered_commands:
            yield [group.name, cmd.name or cmd.callback.__name__.replace("_", "-")], cmd
    for cmd in app.registered_commands:
        yield [cmd.name or cmd.callback.__name__.replace("_", "-")], cmd


def test_14_sweep_help_shows_the_sweep_table():
    from typer.testing import CliRunner

    from spaceplan.cli import app

    text = CliRunner().invoke(app, ["sweep", "--help"], terminal_width=200).output
    assert "with a [sweep] table" in text


def test_14_no_help_text_loses_a_bracketed_word():
    """Every ``[word]`` written in a parameter's help appears in the rendered ``--help``."""
    import inspect

    from typer.testing import CliRunner

    from spaceplan.cli import app

    runner = CliRunner()
    checked = 0
    for argv, cmd in _commands():
        helps = [inspect.getdoc(cmd.callback) or ""]
        for param in inspect.signature(cmd.callback).parameters.values():
            helps.append(getattr(param.default, "help", None) or "")
        wanted = [w for h in helps for w in re.findall(r"\[+[a-z_][a-z_.]*\]+", h.replace("\\[", "["))]
        if not wanted:
            continue
        text = runner.invoke(app, [*argv, "--help"], terminal_width=400).output
        for word in wanted:
            assert word in text, f"{' '.join(argv)} --help lost {word}"
            checked += 1
    assert checked >= 1


# --- 20: progress without a terminal, and ties reported -------------------------------------------

def test_20_sweep_reports_every_tied_best_point(tmp_path, monkeypatch, capsys):
    import spaceplan.cli.sweep as cli_sweep

    monkeypatch.setattr(cli_sweep, "PROGRESS_EVERY_S", 0.0)
    scenario = _sweep_file(tmp_path)
    code, out, err = _run(["sweep", str(scenario), "--out", str(tmp_path / "o"), "--scheduler", "serial"],
                          monkeypatch, capsys)
    assert code in (0, None)
    # 1,200 km covers Russia completely at both cadences (to 1 - 2e-16): two points tie at 1
    assert "reached by 2 of 4 points" in out and "tie" in out
    assert "constellation_design.cadence_per_year: 4, 6" in out
    assert "sweep points: 4/4" in err  # progress lines on a stderr that is not a terminal


def test_20_run_sweep_returns_the_ties(tmp_path):
    from spaceplan.study.runner import load_scenario
    from spaceplan.study.sweep import run_sweep

    result = run_sweep(load_scenario(_sweep_file(tmp_path)), tmp_path / "o", figure=False)
    assert len(result.ties) == 2 and result.best == result.ties[0]
    assert {t["constellation_design.cadence_per_year"] for t in result.ties} == {4.0, 6.0}
    assert all(t["constellation_design.altitude_km"] == 1200.0 for t in result.ties)


# --- 21: an unreachable Dask scheduler is a one-line error, exit 2 -------------------------------

def test_21_unreachable_scheduler(tmp_path, monkeypatch, capsys):
    import spaceplan.cli.sweep as cli_sweep

    monkeypatch.setattr(cli_sweep, "SCHEDULER_TIMEOUT_S", 2.0)
    scenario = _sweep_file(tmp_path)
    code, out, err = _run(["sweep", str(scenario), "--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:1"],
                          monkeypatch, capsys)
    assert code == 2 and len(err.splitlines()) == 1
    assert err.startswith("error: --scheduler: no Dask scheduler answered at tcp://127.0.0.1:1")


# --- 10: a binary file given to station reentry is a clean error, exit 2 -------------------------

def test_10_station_reentry_on_a_binary_file(tmp_path, monkeypatch, capsys):
    blob = tmp_path / "blob.tle"
    blob.write_bytes(bytes(range(256)) * 4)
    code, out, err = _run(["station", "reentry", str(blob)], monkeypatch, capsys)
    assert code == 2 and len(err.splitlines()) == 1
    assert err.startswith("error: TLE_FILE:") and "not a text file" in err and "internal error" not in err


# --- 12: no folder created at the filesystem root; propulsion, power and station say what they wrote ------

def test_12_plot_under_a_missing_top_level_folder_is_refused(monkeypatch, capsys):
    import uuid
    from pathlib import Path

    top = Path("/") / f"spaceplan-missing-{uuid.uuid4().hex[:8]}"
    code, out, err = _run(["propulsion", "spiral", "--vehicle", "zeus", "--plot", str(top / "dir" / "x.png")],
                          monkeypatch, capsys)
    assert code == 2 and len(err.splitlines()) == 1 and err.startswith("error: --plot:")
    assert f"folder '{top}' does not exist" in err
    assert not top.exists()


def test_12_missing_sub_folders_below_an_existing_folder_are_still_created(tmp_path, monkeypatch, capsys):
    target = tmp_path / "new" / "sub" / "spiral.png"
    code, out, err = _run(["propulsion", "spiral", "--vehicle", "zeus", "--plot", str(target)], monkeypatch, capsys)
    assert code in (0, None) and target.is_file()
    assert f"wrote {target}" in out


@pytest.mark.parametrize("argv", [
    ["power", "illumination", "--site", "lunar-equator", "--from", "2030-01-01", "--to", "2030-01-05", "--step", "1h"],
    ["station", "decay", "iss", "--from", "2026-01-01", "--to", "2026-03-01", "--activity", "50"],
])
def test_12_power_and_station_say_which_figure_they_wrote(argv, tmp_path, monkeypatch, capsys):
    target = tmp_path / "fig.png"
    code, out, err = _run([*argv, "--plot", str(target)], monkeypatch, capsys)
    assert code in (0, None) and target.is_file(), err
    assert f"wrote {target}" in out
    code, out, err = _run([*argv, "--plot", str(target), "--json"], monkeypatch, capsys)
    assert code in (0, None) and out.lstrip().startswith(("{", "[")) and "wrote" not in out + err  # JSON alone


# --- 8: the latency command follows the preset's ISL declaration -----------------------------------

def test_08_latency_defaults_to_bent_pipe_for_a_system_without_isls(monkeypatch, capsys):
    import json

    argv = ["constellation", "latency", "oneweb", "--from", "london", "--to", "new york", "--duration", "2min",
            "--step", "60s", "--json"]
    code, out, err = _run(argv, monkeypatch, capsys)
    assert code in (0, None) and json.loads(out)["mode"] == "bent-pipe"
    code, out, err = _run([*argv[:-1], "--isl"], monkeypatch, capsys)
    assert code == 2 and len(err.splitlines()) == 1
    assert err.startswith("error: --isl: OneWeb Gen1 has no inter-satellite links")


# --- 15: Côte d'Ivoire can be chosen; an unknown region gives near matches, not a 1.9 kB list ------

def test_15_cote_divoire_is_a_region_by_any_spelling():
    from spaceplan.core.regions import country_names, parse_region

    assert "Côte d'Ivoire" in country_names() and all("\ufffd" not in n for n in country_names())
    for spelling in ("Côte d'Ivoire", "cote d'ivoire", "COTE DIVOIRE", "CIV"):
        assert parse_region(spelling, 2.0).lat.size > 0, spelling


def test_15_unknown_region_error_is_short_with_near_matches(monkeypatch, capsys):
    code, out, err = _run(["constellation", "coverage", "oneweb", "--region", "Cote dIvoir", "--duration", "10min"],
                          monkeypatch, capsys)
    assert code == 2 and len(err.splitlines()) == 1 and len(err) < 300
    assert err.startswith("error: --region: unknown region") and "did you mean \"Côte d'Ivoire\"" in err


def test_12_relative_paths_in_the_working_folder_are_still_accepted(tmp_path, monkeypatch):
    from spaceplan.cli._common import check_output_path

    monkeypatch.chdir(tmp_path)
    check_output_path("--out", "sweep-out", "folder")
    check_output_path("--plot", "figs/new/x.png", "figure")
    assert list(tmp_path.iterdir()) == []
