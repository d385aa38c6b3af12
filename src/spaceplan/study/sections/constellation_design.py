"""Study section ``constellation_design``: one Walker design point, its coverage and its deployment.

The unit a sweep varies ("Rassvet at every altitude from 500 to 1,200 km and every launcher
cadence"): a constellation preset with its shell geometry overridden (altitude, inclination,
planes, satellites per plane), the time-and-area coverage of a region
(:func:`spaceplan.constellation.coverage.coverage`), and the deployment campaign with one
launcher at one cadence (:func:`spaceplan.constellation.deployment.plan_deployment`): launches,
full operational capability (FOC) and the first date the partial constellation covers the region
to a threshold (:func:`spaceplan.constellation.deployment.coverage_milestone`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from spaceplan.core.constants import DAY
from spaceplan.study.config import SectionConfig, option


@dataclass(frozen=True)
class Config(SectionConfig):
    SECTION = "constellation_design"

    preset: str = option("rassvet_2027", "constellation preset whose shells are overridden")
    altitude_km: float | None = option(None, "shell altitude (None: the preset's)", lo=300.0, hi=2000.0)
    inclination_deg: float | None = option(None, "shell inclination (None: the preset's)", lo=0.0, hi=180.0)
    planes: int | None = option(None, "orbit planes per shell (None: the preset's)", lo=1, hi=200)
    sats_per_plane: int | None = option(None, "satellites per plane (None: the preset's)", lo=1, hi=200)
    pattern: str | None = option(None, "Walker pattern: delta (nodes over 360°) or star (180°); None: the preset's",
                                 choices=("delta", "star"))
    launcher: str = option("soyuz-2.1b", "launcher of the deployment campaign")
    cadence_per_year: float = option(6.0, "launches per year", lo=0.1, hi=500.0)
    start_utc: str = option("2026-01-01", "first launch and coverage epoch (UTC date)")
    region: str = option("russia", "coverage region: world, a country, bbox:..., or cities")
    grid_deg: float = option(5.0, "ground grid cell", lo=0.25, hi=20.0)
    min_elevation_deg: float = option(25.0, "minimum elevation of a usable satellite", lo=0.0, hi=89.0)
    duration_s: float = option(3600.0, "coverage window", lo=60.0, hi=30 * DAY)
    step_s: float = option(120.0, "coverage time step", lo=1.0, hi=3600.0)
    milestone_threshold: float = option(0.95, "coverage fraction whose first date is reported", lo=0.01, hi=1.0)
    milestone_samples: int = option(12, "dates sampled between first satellite and FOC", lo=2, hi=200)


@dataclass(frozen=True)
class Result:
    """A design point: geometry, coverage statistics and the deployment campaign (SI inside)."""

    constellation: str
    satellites: int
    altitude_m: float
    inclination_rad: float
    planes: int
    sats_per_plane: int
    region: str
    min_elevation_rad: float
    coverage_fraction: float
    continuous_area_fraction: float
    mean_in_view: float
    max_gap_s: float
    launcher: str
    cadence_per_year: float
    sats_per_launch: int
    launches: int
    foc_utc: str
    years_to_foc: float
    milestone_threshold: float
    milestone_utc: str | None

    def to_dict(self) -> dict:
        return {
            "constellation": self.constellation, "satellites": self.satellites,
            "altitude_km": self.altitude_m / 1e3, "inclination_deg": math.degrees(self.inclination_rad),
            "planes": self.planes, "sats_per_plane": self.sats_per_plane, "region": self.region,
            "min_elevation_deg": math.degrees(self.min_elevation_rad),
            "coverage_fraction": self.coverage_fraction, "continuous_area_fraction": self.continuous_area_fraction,
            "mean_in_view": self.mean_in_view, "max_gap_min": self.max_gap_s / 60.0,
            "launcher": self.launcher, "cadence_per_year": self.cadence_per_year,
            "sats_per_launch": self.sats_per_launch, "launches": self.launches,
            "foc_utc": self.foc_utc, "years_to_foc": self.years_to_foc,
            "milestone_threshold": self.milestone_threshold, "milestone_utc": self.milestone_utc,
        }


def compute(config: Config, progress=None) -> Result:
    """Coverage of the region by the full design and its deployment campaign (pure, no files)."""
    from spaceplan.constellation.coverage import coverage, time_grid
    from spaceplan.constellation.deployment import coverage_milestone, plan_deployment
    from spaceplan.core.regions import parse_region
    from spaceplan.constellation.shells import load_constellation
    from spaceplan.core.constants import JULIAN_YEAR
    from spaceplan.core.time import tdb_to_iso, utc_to_tdb

    overrides = {k: getattr(config, k) for k in ("altitude_km", "inclination_deg", "planes", "sats_per_plane", "pattern")
                 if getattr(config, k) is not None}
    const = load_constellation(config.preset, **overrides)
    ground = parse_region(config.region, config.grid_deg)
    start = float(utc_to_tdb(config.start_utc, "constellation_design.start_utc"))
    elevation = math.radians(config.min_elevation_deg)
    cov = coverage(const, ground, time_grid(start, config.duration_s, config.step_s), elevation)
    if progress:
        progress(1, 3)
    campaign = plan_deployment(const, config.launcher, f"{config.cadence_per_year:g}/yr", start)
    if progress:
        progress(2, 3)
    milestone = coverage_milestone(campaign, const, config.region, config.milestone_threshold,
                                   config.min_elevation_deg, grid_deg=config.grid_deg,
                                   samples=config.milestone_samples, window_s=config.duration_s,
                                   step_s=config.step_s)
    if progress:
        progress(3, 3)
    shell = const.shells[0]
    return Result(
        constellation=const.name, satellites=const.count, altitude_m=float(shell.altitude_m),
        inclination_rad=float(shell.inclination_rad), planes=int(shell.planes),
        sats_per_plane=int(shell.sats_per_plane), region=ground.name, min_elevation_rad=elevation,
        coverage_fraction=float(cov.coverage_fraction), continuous_area_fraction=float(cov.continuous_area_fraction),
        mean_in_view=float(cov.mean_sats_in_view), max_gap_s=float(cov.max_gap),
        launcher=campaign.launcher.name, cadence_per_year=float(config.cadence_per_year),
        sats_per_launch=int(campaign.sats_per_launch), launches=int(len(campaign.launch_tdb)),
        foc_utc=str(tdb_to_iso(campaign.foc_tdb, "D")), years_to_foc=(campaign.foc_tdb - start) / JULIAN_YEAR,
        milestone_threshold=float(config.milestone_threshold),
        milestone_utc=None if milestone.date_tdb is None else str(tdb_to_iso(milestone.date_tdb, "D")),
    )


def render(result: Result, ctx):
    """Markdown for one design point, written from the numbers and the configured names."""
    from spaceplan.study.runner import SectionResult

    d = result.to_dict()
    reached = (f"first covers {d['region']} to {d['milestone_threshold']:.0%} on {d['milestone_utc']}"
               if d["milestone_utc"] else f"never covers {d['region']} to {d['milestone_threshold']:.0%}, "
                                          "even when complete")
    text = (f"{d['constellation']}: {d['satellites']} satellites in {d['planes']} planes of {d['sats_per_plane']} "
            f"at {d['altitude_km']:.0f} km and {d['inclination_deg']:.1f}°.  Above {d['min_elevation_deg']:.0f}° "
            f"elevation it covers {d['coverage_fraction']:.1%} of {d['region']} (time and area; "
            f"{d['continuous_area_fraction']:.1%} of the area always), {d['mean_in_view']:.1f} satellites in view "
            f"on average, longest gap {d['max_gap_min']:.0f} min.  Deployed by {d['launcher']} at "
            f"{d['cadence_per_year']:g} launches a year ({d['sats_per_launch']} per launch, {d['launches']} launches) "
            f"it is complete on {d['foc_utc']} ({d['years_to_foc']:.1f} years) and {reached}.")
    return SectionResult("Constellation design point", text, d)
