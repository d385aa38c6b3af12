"""The re-entry validation set (tests/validation/data/reentry): element sets and published reentry times."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from spaceplan.core.time import utc_to_tdb
from spaceplan.station.reentry import read_tles
from spaceplan.station.reentry_score import score

DATA = Path(__file__).parent / "data" / "reentry"


def cases() -> list[dict]:
    return tomllib.loads((DATA / "reentries.toml").read_text())["object"]


def history(case: dict):
    tles = read_tles(DATA / case["file"])
    if "not_before_utc" in case:
        start = float(utc_to_tdb(case["not_before_utc"]))
        tles = [e for e in tles if e.epoch_tdb >= start]
    return tles


@functools.lru_cache(maxsize=1)
def all_scores() -> tuple:
    """Each object's forecasts at 30, 14, 7, 3 and 1 days, scored against its published reentry."""
    return tuple(score(history(c), float(utc_to_tdb(c["actual_utc"])), uncertainty_days=c["uncertainty_days"],
                       name=c["name"]) for c in cases())
