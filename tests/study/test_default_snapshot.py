"""The default study's numbers against the stored snapshot (tests/study/default_snapshot.json).

Only the sections and keys stored in the snapshot are compared, so new sections may join default.toml
and sections may add keys; list lengths are stored too.
Tolerances (tests/study/study_snapshot.py): relative 1e-9 (absolute 1e-12) for everything that is pure
geometry and arithmetic; relative 1e-4 (absolute 1e-3 kg / m / s) for the convex landing solves,
whose optimum depends on the CLARABEL version and BLAS; relative 1e-6 for surface_power (float32 Sun
series and a golden-section array/storage optimum); relative 1e-4 for starship (its tanker loads come from the
ascent optimiser and the booster's convex landing).  Strings (dates, names, modes) must be equal.
Each section's ``compute`` result must pickle to less than 1 MB.
"""

import importlib
import json
import math
import pickle

import pytest

from study_snapshot import SNAPSHOT, flatten, tolerance
from spaceplan.core.results import jsonable
from spaceplan.study.runner import load_scenario
from spaceplan.study.sections import SECTIONS

_STORED = json.loads(SNAPSHOT.read_text())


def _compute(name: str):
    module = importlib.import_module(SECTIONS[name])
    return module.compute(module.Config.from_table(load_scenario(None).get(name)))


@pytest.mark.parametrize("name", sorted(_STORED))
def test_default_study_matches_snapshot(name):
    stored = _STORED[name]
    result = _compute(name)
    # compute's result travels between processes (sweeps): it pickles, round-trips and stays small
    blob = pickle.dumps(result)
    assert len(blob) < 1_000_000, f"{name} result pickles to {len(blob)} bytes"
    assert jsonable(pickle.loads(blob).to_dict()) == jsonable(result.to_dict())
    fresh = flatten(jsonable(result.to_dict()))
    missing = sorted(set(stored) - set(fresh))
    assert not missing, f"{len(missing)} stored numbers are gone: {missing[:10]}"  # new keys may be added
    bad = []
    for path, want in stored.items():
        got = fresh[path]
        if isinstance(want, (int, float)) and not isinstance(want, bool) and isinstance(got, (int, float)):
            rel, abs_ = tolerance(f"{name}.{path}")
            if not math.isclose(got, want, rel_tol=rel, abs_tol=abs_):
                bad.append(f"{path}: {got!r} != {want!r} (rel {rel:g}, abs {abs_:g})")
        elif got != want:
            bad.append(f"{path}: {got!r} != {want!r}")
    assert not bad, f"{len(bad)} of {len(stored)} numbers changed:\n" + "\n".join(bad[:20])
