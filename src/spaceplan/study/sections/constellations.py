"""Study section ``constellations``: broadband constellations compared.

For each system: satellites, coverage of each region (:func:`spaceplan.constellation.coverage.coverage`
on a coarse grid), round-trip time between city pairs with laser ISLs and bent pipe
(:func:`spaceplan.constellation.latency.latency_over`), first-order capacity
(:func:`spaceplan.constellation.capacity.estimate_capacity`) and deployment campaigns on several
launchers with the date each first covers a region (:mod:`spaceplan.constellation.deployment`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from spaceplan.core.constants import DAY
from spaceplan.study.config import SectionConfig, join_names, option

_GEOMETRY = ("altitude_km", "inclination_deg", "planes", "sats_per_plane")


@dataclass(frozen=True)
class Config(SectionConfig):
    SECTION = "constellations"
    title: str = option("", "section title ('' : the systems' names)")
    systems: tuple[str, ...] = option(["starlink_gen1", "rassvet_2027"], "constellation presets compared")
    start_utc: str = option("2026-01-01", "start of the coverage and latency windows and of the campaigns (UTC)")
    min_elevation_deg: float = option(25.0, "minimum elevation of a usable satellite (deg)", lo=0.0, hi=89.0)
    coverage_regions: tuple[str, ...] = option(["russia", "world"], "coverage regions: world, a country, bbox:..., cities")
    coverage_grid_deg: float = option(5.0, "ground grid cell (deg)", lo=0.25, hi=30.0)
    coverage_duration_s: float = option(3600.0, "coverage window (s)", lo=60.0, hi=30 * DAY)
    coverage_step_s: float = option(120.0, "coverage time step (s)", lo=1.0, hi=3600.0)
    latency_pairs: tuple[tuple[str, ...], ...] = option([["moscow", "vladivostok"], ["paris", "luanda"]],
                                                        "city pairs [from, to] for round-trip times")
    latency_duration_s: float = option(3600.0, "latency window (s)", lo=0.0, hi=7 * DAY)
    latency_step_s: float = option(60.0, "latency time step (s)", lo=1.0, hi=3600.0)
    milestone_region: str = option("russia", "region whose coverage milestone each campaign reports ('' : none)")
    milestone_threshold: float = option(0.95, "coverage fraction of the milestone", lo=0.01, hi=1.0)
    deployments: tuple[tuple[str, ...], ...] = option(
        [["starlink_gen2", "falcon9", "120/yr"], ["rassvet_2027", "soyuz-2.1b", "6/yr"],
         ["rassvet_2027", "angara-a5", "2/yr"], ["rassvet_2035", "amur-lng", "10/yr"]],
        "deployment campaigns [preset, launcher, cadence]")

    def __post_init__(self):
        from spaceplan.core.errors import InputError

        for field, rows, n in (("latency_pairs", self.latency_pairs, 2), ("deployments", self.deployments, 3)):
            for i, row in enumerate(rows):
                if len(row) != n:
                    raise InputError(f"constellations.{field}[{i}]", f"got {list(row)!r}", f"{n} strings")


@dataclass(frozen=True)
class Result:
    """Summaries per system, latency pair and campaign, plus the few objects the figures draw."""

    config: Config
    names: tuple[str, ...]  # display names of the systems
    systems: tuple[dict, ...]  # satellites, shells, coverage per region, capacity
    latency: tuple[dict, ...]  # per pair x system x route: RTT statistics
    deployment: tuple[dict, ...]  # per campaign: launches, milestones, FOC, coverage milestone
    reach_deg: tuple[float, ...]  # per campaign: highest latitude its shells cover at the elevation mask
    coverage_steps: int
    maps: tuple  # (preset key, CoverageResult of the first region) per system
    latency_series: tuple  # LatencySeries of the first pair with ISLs, per system
    campaigns: tuple  # DeploymentCampaign per campaign

    def to_dict(self) -> dict:
        return {"systems": list(self.systems), "latency": list(self.latency), "deployment": list(self.deployment)}


def _reach_deg(const, min_elevation_rad: float) -> float:
    """Highest latitude any shell of ``const`` covers at the elevation mask (SMAD sec. 5.2)."""
    from spaceplan.constellation.geometry import max_latitude

    return math.degrees(max(float(max_latitude(s.inclination_rad, s.altitude_m, min_elevation_rad)) for s in const.shells))


def compute(config: Config, progress=None) -> Result:
    from spaceplan.constellation.capacity import estimate_capacity
    from spaceplan.constellation.coverage import coverage, time_grid
    from spaceplan.constellation.deployment import coverage_milestone, plan_deployment
    from spaceplan.constellation.latency import latency_over
    from spaceplan.core.regions import parse_region
    from spaceplan.constellation.shells import load_constellation
    from spaceplan.core.errors import SpaceplanError
    from spaceplan.core.time import utc_to_tdb

    tick = progress or (lambda done, total: None)
    systems = [load_constellation(s) for s in config.systems]
    elev = math.radians(config.min_elevation_deg)
    t0 = utc_to_tdb(config.start_utc, "constellations.start_utc")
    regions = [parse_region(r, config.coverage_grid_deg) for r in config.coverage_regions]
    tgrid = time_grid(t0, config.coverage_duration_s, config.coverage_step_s)
    pairs = [tuple(p) for p in config.latency_pairs]
    total = len(systems) * (len(regions) + 2 * len(pairs)) + len(config.deployments)
    done = 0

    def step():
        nonlocal done
        done += 1
        tick(done, total)

    entries, maps = [], []
    for const in systems:
        entry = {"preset": const.key, "name": const.name, "satellites": const.count,
                 "shells": [s.to_dict() for s in const.shells], "coverage": [], "isl": const.isl,
                 "isl_source": const.isl_source}
        for k, region in enumerate(regions):
            res = coverage(const, region, tgrid, elev)
            entry["coverage"].append({"region": region.name, "coverage_fraction": res.coverage_fraction,
                                      "continuous_area_fraction": res.continuous_area_fraction,
                                      "mean_sats_in_view": res.mean_sats_in_view, "max_gap_s": res.max_gap})
            if k == 0:  # one map per system, of the first region
                maps.append((const.key, res))
            step()
        try:
            entry["capacity"] = estimate_capacity(const).to_dict()
        except SpaceplanError as exc:  # no payload model for this preset
            entry["capacity"] = {"error": str(exc)}
        entries.append(entry)

    latency, series = [], []
    for a, b in pairs:
        for const in systems:
            routes = (True, False) if const.isl is not False else (False,)  # no ISL route where there are none
            for isl in routes:
                s = latency_over(const, a, b, t0, config.latency_duration_s, config.latency_step_s,
                                 isl=isl, min_elevation_deg=config.min_elevation_deg)
                latency.append(s.to_dict(series=False))
                if (a, b) == pairs[0] and isl == routes[0]:
                    series.append(s)
            step()
            step()

    deployment, camps, reach = [], [], []
    for preset, launcher, cadence in config.deployments:
        const = load_constellation(preset)
        lv, payload_note = _launcher_for(const, launcher)
        camp = plan_deployment(const, lv, cadence, t0)
        d = camp.to_dict()
        if payload_note:
            d["notes"] = [*d.get("notes", []), payload_note]
        if config.milestone_region:
            d["coverage_milestone"] = coverage_milestone(
                camp, const, config.milestone_region, config.milestone_threshold, config.min_elevation_deg,
                grid_deg=10.0, samples=8).to_dict()
        d["cadence"] = cadence
        deployment.append(d)
        camps.append(camp)
        reach.append(_reach_deg(const, elev))
        step()
    return Result(config, tuple(c.name for c in systems), tuple(entries), tuple(latency), tuple(deployment),
                  tuple(reach), len(tgrid), tuple(maps), tuple(series), tuple(camps))


def _launcher_for(const, launcher: str):
    """The deployment launcher with its payload for the constellation's orbit and the launcher's site when it is
    mass-limited there (:func:`spaceplan.missions.deployment_payload.launcher_for_shell`; the shell with the most
    satellites sets the inclination); a demonstrated load per launch is kept as it is.  Returns (launcher, note)."""
    from spaceplan.constellation.deployment import load_launcher
    from spaceplan.missions.deployment_payload import launcher_for_shell

    lv = load_launcher(launcher)
    if const.key in lv.sats_per_launch:
        return lv, None
    shell = max(const.shells, key=lambda sh: sh.count)
    return launcher_for_shell(lv, math.degrees(shell.inclination_rad))


def _fmt(x, nd=1):
    return "-" if x is None else f"{x:.{nd}f}"


def _short(name: str) -> str:
    return name.split(" (")[0]


def _assumptions(systems) -> str:
    """Which systems' shell geometry is assumed rather than published, from the presets' own flags."""
    assumed = [s["name"] for s in systems
               if any(set(_GEOMETRY) & set(sh.get("assumed") or ()) for sh in s["shells"])]
    if not assumed:
        return "Shell geometries are as filed; assumed details (phasing, payload) are listed in each preset file."
    names = join_names([_short(n) for n in assumed])
    verb = "is" if len(assumed) == 1 else "are"
    return (f"The shell geometry of {names} {verb} not published: assumed values and the reasons are in the "
            "preset files, as are other assumed details (phasing, payload).")


def render(result: Result, ctx):
    from spaceplan.constellation.network_plots import plot_deployment, plot_latency
    from spaceplan.constellation.plots import coverage_map
    from spaceplan.study.flags import mark
    from spaceplan.study.runner import SectionResult

    cfg = result.config
    figures = [ctx.save_figure(f"constellations_coverage_{key}", coverage_map, res) for key, res in result.maps]
    if result.latency_series:
        figures.append(ctx.save_figure("constellations_latency", plot_latency, list(result.latency_series)))
    if result.campaigns:
        figures.append(ctx.save_figure("constellations_deployment", plot_deployment, list(result.campaigns)))

    cov_rows, cap_rows = [], []
    for s in result.systems:
        for c in s["coverage"]:
            cov_rows.append(f"| {s['name']} | {c['region']} | {c['coverage_fraction'] * 100:.1f} % | "
                            f"{c['continuous_area_fraction'] * 100:.1f} % | {c['mean_sats_in_view']:.1f} | "
                            f"{c['max_gap_s'] / 60:.0f} |")
        cap = s["capacity"]
        cap_served = cap.get("served_system_tbps")
        if "error" in cap:
            cap_rows.append(f"| {s['name']} | no payload model in the presets | - | - |")
        else:
            cap_rows.append(f"| {s['name']} | {cap['capacity_per_satellite_gbps']:.1f} ({cap['limited_by']}) | "
                            f"{cap['peak_system_tbps']:.1f} | {mark(f'{cap_served:.1f}', cap.get('warnings'))} ({cap['served_is']}: "
                            f"{cap['served_assumption']}) |")
    lat_rows = [f"| {d['source']} - {d['destination']} | {d['constellation']} | {d['mode']} | {_fmt(d['rtt_min_ms'])} / "
                f"{mark(_fmt(d['rtt_median_ms']), d.get('warnings'))} / {_fmt(d['rtt_max_ms'])} | {d['unreachable_steps']}/{d['steps']} | "
                f"{d['fibre_rtt_ms']:.1f} |" for d in result.latency]
    dep_rows = []
    for d, reach in zip(result.deployment, result.reach_deg):
        m = d.get("coverage_milestone")
        when = "-" if m is None else (m["reached_utc"] or f"not reached (shells reach {reach:.0f} deg N)")
        years = f"{d['years_to_foc']:.1f}"
        dep_rows.append(f"| {d['constellation']} | {d['launcher']['name']} | {d['cadence']} | {d['sats_per_launch']} | "
                        f"{d['launches']} | {d['milestones']['50pct_utc']} | {when} | "
                        f"{d['full_operational_capability_utc']} | {mark(years, d.get('warnings'))} | "
                        + ("; ".join(d["notes"]) if d["notes"] else "-") + " |")
    no_isl = [s for s in result.systems if s.get("isl") is False]
    isl_note = "".join(f"  {_short(s['name'])} has no inter-satellite links ({s['isl_source'] or 'its preset'}): "
                       "bent pipe only." for s in no_isl)
    milestone = (f"{cfg.milestone_region} covered >= {cfg.milestone_threshold * 100:.0f} %" if cfg.milestone_region
                 else "coverage milestone")
    md = [
        "Satellites, coverage, latency, capacity and deployment time of "
        + join_names([_short(n) for n in result.names])
        + f", computed offline from the bundled presets (minimum elevation {cfg.min_elevation_deg:g}°, start "
        f"{cfg.start_utc}).  " + _assumptions(result.systems),
        "",
        f"**Coverage** ({cfg.coverage_grid_deg:g}° grid, {result.coverage_steps} steps of {cfg.coverage_step_s:g} s):",
        "",
        "| system | region | time-and-area coverage | area always covered | mean sats in view | longest gap (min) |",
        "|---|---|---|---|---|---|", *cov_rows, "",
        "**Round-trip time** (propagation only; ms, min / median / max over "
        f"{cfg.latency_duration_s / 60:g} min; fibre = great circle at c/1.468; isl = laser links in space, "
        "bent-pipe = through ground sites that relay)." + isl_note,
        "",
        "| pair | system | route | RTT (ms) | steps without path | fibre RTT (ms) |",
        "|---|---|---|---|---|---|", *lat_rows, "",
        "**Capacity** (first-order: beams x bandwidth x polarizations x efficiency, capped by feeders; "
        "steerable beams sell whenever inhabited land is in view, an upper bound; fixed beams in proportion "
        "to the land under them):",
        "",
        "| system | per satellite (Gbit/s) | peak system (Tbit/s) | served (Tbit/s) |",
        "|---|---|---|---|", *cap_rows, "",
        "**Deployment** (launch timed to each plane, overflow drifts by differential J2; no failures or spares):",
        "",
        f"| system | launcher | cadence | sats/launch | launches | 50 % operational | {milestone} | full capability "
        "| years to full capability | notes |",
        "|---|---|---|---|---|---|---|---|---|---|", *dep_rows,
    ]
    title = cfg.title or "Constellations: " + " vs ".join(_short(n) for n in result.names)
    return SectionResult(title, "\n".join(md), result.to_dict(), tuple(figures))
