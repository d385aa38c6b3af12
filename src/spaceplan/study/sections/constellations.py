"""Study section "constellations": Starlink against Rassvet.

For each system: satellites, coverage of Russia and of the world (coverage engine of
:mod:`spaceplan.constellation.coverage` on a coarse grid), RTT between city pairs with
laser ISLs and bent pipe (:mod:`spaceplan.constellation.latency`), first-order capacity
(:mod:`spaceplan.constellation.capacity`) and deployment campaigns on several launchers
(:mod:`spaceplan.constellation.deployment`).  Keys of the ``[constellations]`` table:

    systems = ["starlink_gen1", "rassvet_2027"]       # presets
    start_utc = "2026-01-01"
    min_elevation_deg = 25.0
    coverage_regions = ["russia", "world"]
    coverage_grid_deg = 5.0
    coverage_duration_s = 3600.0
    coverage_step_s = 120.0
    latency_pairs = [["moscow", "vladivostok"], ["paris", "luanda"]]
    latency_duration_s = 3600.0
    latency_step_s = 60.0
    deployments = [["rassvet_2027", "soyuz-2.1b", "6/yr"], ...]   # [preset, launcher, cadence]
    milestone_region = "russia"      # coverage milestone of each campaign ("" to skip)
    milestone_threshold = 0.95
"""

from __future__ import annotations

import math

from spaceplan.study.runner import SectionContext, SectionResult, section_config

DEFAULTS = {
    "title": "Constellations: Starlink vs Rassvet",
    "systems": ["starlink_gen1", "rassvet_2027"],
    "start_utc": "2026-01-01",
    "min_elevation_deg": 25.0,
    "coverage_regions": ["russia", "world"],
    "coverage_grid_deg": 5.0,
    "coverage_duration_s": 3600.0,
    "coverage_step_s": 120.0,
    "latency_pairs": [["moscow", "vladivostok"], ["paris", "luanda"]],
    "latency_duration_s": 3600.0,
    "latency_step_s": 60.0,
    "milestone_region": "russia",
    "milestone_threshold": 0.95,
    "deployments": [["starlink_gen2", "falcon9", "120/yr"], ["rassvet_2027", "soyuz-2.1b", "6/yr"],
                    ["rassvet_2027", "angara-a5", "2/yr"], ["rassvet_2035", "amur-lng", "10/yr"]],
}


def _reach_deg(preset, min_elevation_rad: float) -> float:
    """Highest latitude any shell of ``preset`` covers at the elevation mask (SMAD sec. 5.2)."""
    from spaceplan.constellation.geometry import max_latitude
    from spaceplan.constellation.shells import load_constellation

    shells = load_constellation(preset).shells
    return math.degrees(max(float(max_latitude(s.inclination_rad, s.altitude_m, min_elevation_rad)) for s in shells))


def _fmt(x, nd=1):
    return "-" if x is None else f"{x:.{nd}f}"


def run(config: dict, ctx: SectionContext) -> SectionResult:
    from spaceplan.constellation.capacity import estimate_capacity
    from spaceplan.constellation.coverage import coverage, time_grid
    from spaceplan.constellation.deployment import coverage_milestone, plan_deployment
    from spaceplan.constellation.latency import latency_over
    from spaceplan.constellation.network_plots import plot_deployment, plot_latency
    from spaceplan.constellation.plots import coverage_map
    from spaceplan.constellation.regions import parse_region
    from spaceplan.constellation.shells import load_constellation
    from spaceplan.core.time import utc_to_tdb

    cfg = section_config("constellations", DEFAULTS, config)
    systems = [load_constellation(s) for s in cfg["systems"]]
    elev = math.radians(float(cfg["min_elevation_deg"]))
    t0 = utc_to_tdb(cfg["start_utc"], "constellations start_utc")
    regions = [parse_region(r, float(cfg["coverage_grid_deg"])) for r in cfg["coverage_regions"]]
    tgrid = time_grid(t0, float(cfg["coverage_duration_s"]), float(cfg["coverage_step_s"]))
    pairs = [tuple(p) for p in cfg["latency_pairs"]]
    total = len(systems) * (len(regions) + 2 * len(pairs)) + len(cfg["deployments"])
    done = 0

    def tick():
        nonlocal done
        done += 1
        ctx.progress(done, total)

    data: dict = {"systems": [], "latency": [], "deployment": []}
    cov_rows, cap_rows, figures = [], [], []
    for const in systems:
        entry = {"preset": const.key, "name": const.name, "satellites": const.count,
                 "shells": [s.to_dict() for s in const.shells], "coverage": []}
        for region in regions:
            res = coverage(const, region, tgrid, elev)
            entry["coverage"].append({"region": region.name, "coverage_fraction": res.coverage_fraction,
                                      "continuous_area_fraction": res.continuous_area_fraction,
                                      "mean_sats_in_view": res.mean_sats_in_view, "max_gap_s": res.max_gap})
            cov_rows.append(f"| {const.name} | {region.name} | {res.coverage_fraction * 100:.1f} % | "
                            f"{res.continuous_area_fraction * 100:.1f} % | {res.mean_sats_in_view:.1f} | {res.max_gap / 60:.0f} |")
            if region is regions[0]:  # one map per system, of the first region
                path = ctx.figure_path(f"constellations_coverage_{const.key}.png")
                coverage_map(res, path)
                figures.append(str(path.relative_to(ctx.out_dir)))
            tick()
        try:
            cap = estimate_capacity(const).to_dict()
        except Exception as exc:  # no payload model for this preset
            cap = {"error": str(exc)}
        entry["capacity"] = cap
        if "error" not in cap:
            cap_rows.append(f"| {const.name} | {cap['capacity_per_satellite_gbps']:.1f} ({cap['limited_by']}) | "
                            f"{cap['peak_system_tbps']:.1f} | {cap['served_system_tbps']:.1f} |")
        data["systems"].append(entry)

    lat_rows = []
    series_for_plot = []
    for a, b in pairs:
        for const in systems:
            for isl in (True, False):
                s = latency_over(const, a, b, cfg["start_utc"], float(cfg["latency_duration_s"]),
                                 float(cfg["latency_step_s"]), isl=isl, min_elevation_deg=float(cfg["min_elevation_deg"]))
                d = s.to_dict(series=False)
                data["latency"].append(d)
                lat_rows.append(f"| {a} - {b} | {const.name} | {d['mode']} | {_fmt(d['rtt_min_ms'])} / "
                                f"{_fmt(d['rtt_median_ms'])} / {_fmt(d['rtt_max_ms'])} | {d['unreachable_steps']}/{d['steps']} | "
                                f"{d['fibre_rtt_ms']:.1f} |")
                if (a, b) == pairs[0] and isl:
                    series_for_plot.append(s)
                tick()
    if series_for_plot:
        path = ctx.figure_path("constellations_latency.png")
        plot_latency(series_for_plot, path)
        figures.append(str(path.relative_to(ctx.out_dir)))

    dep_rows, camps = [], []
    for preset, launcher, cadence in cfg["deployments"]:
        camp = plan_deployment(preset, launcher, cadence, cfg["start_utc"])
        d = camp.to_dict()
        if cfg.get("milestone_region"):
            m = coverage_milestone(camp, preset, cfg["milestone_region"], float(cfg["milestone_threshold"]),
                                   float(cfg["min_elevation_deg"]), grid_deg=10.0, samples=8).to_dict()
            d["coverage_milestone"] = m
        data["deployment"].append(d)
        camps.append(camp)
        cov_when = ("-" if "coverage_milestone" not in d else d["coverage_milestone"]["reached_utc"]
                    or f"not reached (shells reach {_reach_deg(preset, elev):.0f} deg N)")
        dep_rows.append(f"| {d['constellation']} | {d['launcher']['name']} | {cadence} | {d['sats_per_launch']} | "
                        f"{d['launches']} | {d['milestones']['50pct_utc']} | {cov_when} | {d['full_operational_capability_utc']} | "
                        f"{d['years_to_foc']:.1f} |" + (" " + "; ".join(d["notes"]) if d["notes"] else ""))
        tick()
    if camps:
        path = ctx.figure_path("constellations_deployment.png")
        plot_deployment(camps, path)
        figures.append(str(path.relative_to(ctx.out_dir)))

    md = [
        "Satellites, coverage, latency, capacity and deployment time of the systems below, computed "
        f"offline from the bundled presets (minimum elevation {cfg['min_elevation_deg']:g} deg, start {cfg['start_utc']}). "
        "Rassvet's shell geometry, payload and satellite mass are not published: the preset's assumptions are listed in its file.",
        "",
        f"**Coverage** ({cfg['coverage_grid_deg']:g} deg grid, {len(tgrid)} steps of {cfg['coverage_step_s']:g} s):",
        "",
        "| system | region | time-and-area coverage | area always covered | mean sats in view | longest gap (min) |",
        "|---|---|---|---|---|---|", *cov_rows, "",
        "**Round-trip time** (propagation only; ms, min / median / max over "
        f"{cfg['latency_duration_s'] / 60:g} min; fibre = great circle at c/1.468):",
        "",
        "| pair | system | route | RTT ms | steps without path | fibre RTT ms |",
        "|---|---|---|---|---|---|", *lat_rows, "",
        "**Capacity** (first-order: beams x bandwidth x polarizations x efficiency, capped by feeders; "
        "steerable beams sell whenever inhabited land is in view, an upper bound; fixed beams in proportion "
        "to the land under them):",
        "",
        "| system | per satellite Gbit/s | peak system Tbit/s | served Tbit/s |",
        "|---|---|---|---|", *cap_rows, "",
        "**Deployment** (launch timed to each plane, overflow drifts by differential J2; no failures or spares):",
        "",
        f"| system | launcher | cadence | sats/launch | launches | 50 % operational | "
        f"{cfg.get('milestone_region') or '-'} covered >= {float(cfg['milestone_threshold']) * 100:.0f} % | full capability | years |",
        "|---|---|---|---|---|---|---|---|---|", *dep_rows,
    ]
    return SectionResult(cfg["title"], "\n".join(md), data, tuple(figures))
