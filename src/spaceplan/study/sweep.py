"""Parameter sweeps over study sections, on one process or a Dask cluster, resumable from Parquet.

A scenario's ``[sweep]`` table names parameters (``"section.key"``) with a list of values or a
range, and the sampling: a full grid, or a seeded Latin hypercube (McKay, Beckman & Conover 1979:
each parameter's range cut in ``samples`` equal strata, one sample per stratum, strata paired at
random)::

    [sweep]
    method = "grid"                                  # or "lhs" (with samples = N, seed = S)
    objective = "constellation_design.coverage_fraction"
    [sweep.parameters]
    "constellation_design.altitude_km" = { range = [500.0, 1200.0], n = 8 }
    "constellation_design.cadence_per_year" = { values = [2.0, 6.0, 12.0] }

Every point runs the named sections' pure ``compute(Config.from_table(table))`` with the point's
values written over the scenario's tables, and becomes one row: the parameters, every scalar of
each result's ``to_dict()`` (``section.key``, nested keys joined by dots; ``section.result.key`` where
the key is also a swept input's), ``error`` (None, or the
error's type and message: a failing point is recorded and the sweep goes on) and ``wall_s``.

Rows are written as they finish, one small Parquet file per point under ``OUT/parts/`` (atomic
rename), and gathered into ``OUT/points.parquet`` at the end; a re-run reads both and computes only
the points missing from them, so a killed worker or a killed run loses no finished point.  On Dask
(:func:`run_sweep` with a ``distributed.Client``), work that points share is done once per worker:
:func:`_warm_worker_plugin` imports the sections and compiles their kernels when the worker starts, and the
ephemeris and presets stay cached in the worker process.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import hashlib
import importlib
import json
import math
import os
import time
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from spaceplan.core.errors import InputError, UnknownNameError, near_matches
from spaceplan.study.config import SectionConfig, option

MAX_POINTS = 1_000_000


@dataclass(frozen=True)
class SweepConfig(SectionConfig):
    SECTION = "sweep"

    method: str = option("grid", "full grid of the values, or a Latin hypercube", choices=("grid", "lhs"))
    samples: int = option(100, "Latin hypercube points", lo=1, hi=MAX_POINTS)
    seed: int = option(0, "Latin hypercube seed", lo=0, hi=2**32 - 1)
    objective: str = option("", "result column shown in the summary figure (section.key)")
    parameters: dict = option({}, "section.key = {values = [...]} or {range = [lo, hi], n = N}")


@dataclass(frozen=True)
class Parameter:
    """One swept parameter: ``section.key`` and either explicit values or a [lo, hi] range."""

    path: str
    values: tuple | None = None
    lo: float | None = None
    hi: float | None = None
    n: int | None = None
    integer: bool = False

    @property
    def section(self) -> str:
        return self.path.split(".", 1)[0]

    @property
    def key(self) -> str:
        return self.path.split(".", 1)[1]

    def grid_values(self) -> tuple:
        if self.values is not None:
            return self.values
        vals = np.linspace(self.lo, self.hi, self.n)
        return tuple(int(round(v)) for v in vals) if self.integer else tuple(float(v) for v in vals)

    def from_unit(self, u: np.ndarray) -> list:
        """Map samples in [0, 1) onto the parameter (values: by index; range: linearly)."""
        if self.values is not None:
            return [self.values[min(int(x * len(self.values)), len(self.values) - 1)] for x in u]
        vals = self.lo + u * (self.hi - self.lo)
        return [int(round(v)) for v in vals] if self.integer else [float(v) for v in vals]


def _section_module(name: str):
    from spaceplan.study.sections import SECTIONS

    if name not in SECTIONS:
        raise UnknownNameError("sweep parameter section", name, list(SECTIONS))
    module = importlib.import_module(SECTIONS[name])
    if not hasattr(module, "compute"):
        raise InputError(f"sweep.parameters.{name}", "this section has no compute() yet", "a converted section")
    return module


def parse_parameters(table: dict) -> tuple[Parameter, ...]:
    """Check ``[sweep.parameters]`` against the sections' config schemas."""
    if not table:
        raise InputError("sweep.parameters", "no parameter to sweep", "at least one section.key table")
    out = []
    for path, spec in table.items():
        where = f"sweep.parameters.{path}"
        section, _, key = str(path).partition(".")
        config_cls = _section_module(section).Config
        fields = {f.name for f in dataclasses.fields(config_cls)}
        if key not in fields:
            raise UnknownNameError(where, key, fields)
        hint = typing.get_type_hints(config_cls)[key]
        integer = hint is int or int in typing.get_args(hint)
        if not isinstance(spec, dict) or set(spec) - {"values", "range", "n"} or not spec:
            raise InputError(where, f"got {spec!r}", "{values = [...]} or {range = [lo, hi], n = N}")
        if "values" in spec:
            values = spec["values"]
            if not isinstance(values, list) or not values or "range" in spec:
                raise InputError(where, f"values {values!r}", "a non-empty list, without range")
            for v in values:  # each value must pass the section's own checks
                config_cls.from_table({key: v})
            out.append(Parameter(str(path), values=tuple(values), integer=integer))
            continue
        rng = spec.get("range")
        if (not isinstance(rng, list) or len(rng) != 2 or not all(isinstance(v, (int, float)) for v in rng)
                or not all(math.isfinite(v) for v in rng) or not rng[0] < rng[1]):
            raise InputError(f"{where}.range", f"got {rng!r}", "[lo, hi] with lo < hi, finite")
        for v in rng:
            config_cls.from_table({key: int(v) if integer else float(v)})
        n = spec.get("n", 2)
        if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= MAX_POINTS:
            raise InputError(f"{where}.n", f"got {n!r}", f"an integer 1 to {MAX_POINTS}")
        out.append(Parameter(str(path), lo=float(rng[0]), hi=float(rng[1]), n=n, integer=integer))
    return tuple(out)


def sweep_points(config: SweepConfig, parameters: tuple[Parameter, ...]) -> list[dict[str, Any]]:
    """The points: the full grid (first parameter slowest) or a seeded Latin hypercube."""
    if config.method == "grid":
        sizes = [len(p.grid_values()) for p in parameters]
        total = math.prod(sizes)
        if total > MAX_POINTS:
            raise InputError("sweep.parameters", f"the grid has {total:,} points", f"at most {MAX_POINTS:,}")
        grids = [p.grid_values() for p in parameters]
        idx = np.indices(sizes).reshape(len(sizes), -1).T
        return [{p.path: grids[j][i] for j, (p, i) in enumerate(zip(parameters, row))} for row in idx]
    rng = np.random.default_rng(config.seed)
    n = config.samples
    columns = []
    for p in parameters:
        u = (rng.permutation(n) + rng.random(n)) / n
        columns.append(p.from_unit(u))
    return [{p.path: columns[j][i] for j, p in enumerate(parameters)} for i in range(n)]


def point_id(point: dict[str, Any]) -> str:
    """A stable id of a point's parameter values (what a resumed run matches on)."""
    text = json.dumps({k: point[k] for k in sorted(point)}, sort_keys=True)
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def _flatten(prefix: str, value: Any, row: dict) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(f"{prefix}.{k}", v, row)
    elif value is None or isinstance(value, (bool, int, float, str)):
        row[prefix] = value


def evaluate_point(scenario: dict, point: dict[str, Any], sections: tuple[str, ...],
                   columns: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> dict[str, Any]:
    """Compute one point: the sections' results flattened into one row; an error is recorded, not raised.

    ``columns``: instead of the flattened scalars, the row gets ``columns({section: result.to_dict()})``
    (JSON types), for callers that read fields inside lists (the claims ledger); picklable for Dask.
    """
    from spaceplan.core.results import jsonable

    row: dict[str, Any] = {"point_id": point_id(point), **point, "error": None}
    t0 = time.perf_counter()
    try:
        results: dict[str, Any] = {}
        for section in sections:
            module = _section_module(section)
            table = copy.deepcopy(scenario.get(section) or {})
            table.update({p.split(".", 1)[1]: v for p, v in point.items() if p.split(".", 1)[0] == section})
            result = module.compute(module.Config.from_table(table))
            if columns is not None:
                results[section] = jsonable(result.to_dict())
                continue
            values: dict[str, Any] = {}
            _flatten(section, jsonable(result.to_dict()), values)
            for column, value in values.items():  # a result never overwrites a swept input
                row[f"{section}.result.{column.split('.', 1)[1]}" if column in point else column] = value
        if columns is not None:
            row.update(columns(results))
    except Exception as exc:  # a named error or a bug at one point must not stop the others; recorded with its type
        row["error"] = f"{type(exc).__name__}: {exc}"
    row["wall_s"] = time.perf_counter() - t0
    return row


def evaluate_points(scenario: dict, points: list[dict[str, Any]], sections_of: Callable[[dict], tuple[str, ...]],
                    *, client=None, columns: Callable | None = None,
                    progress: Callable[[int, int], None] | None = None) -> list[dict[str, Any]]:
    """Rows of ``points`` in their order, kept in memory (no Parquet store): for callers that pick their next
    points from these rows (the claims ledger's bisection).  ``sections_of(point)``: the sections a point
    computes; ``client``: a ``distributed.Client`` or None (serial, here)."""
    progress = progress or (lambda done, total: None)
    if client is None:
        rows = []
        for point in points:
            rows.append(evaluate_point(scenario, point, sections_of(point), columns))
            progress(len(rows), len(points))
        return rows
    from distributed import as_completed

    scattered = broadcast(client, scenario)
    reader = broadcast(client, columns) if columns is not None else None
    futures = [client.submit(_evaluate_one_thread, scattered, p, sections_of(p), reader, pure=False) for p in points]
    index = {f.key: i for i, f in enumerate(futures)}
    rows: list[dict[str, Any] | None] = [None] * len(points)
    for done, future in enumerate(as_completed(futures), 1):
        i = index[future.key]
        try:
            rows[i] = future.result()
        except Exception as exc:  # the task itself failed (its workers kept dying): recorded like a point error
            rows[i] = {"point_id": point_id(points[i]), **points[i], "error": f"{type(exc).__name__}: {exc}"}
        progress(done, len(points))
        future.release()
    return rows  # type: ignore[return-value]


# --- the Parquet store ------------------------------------------------------------------------


class SweepStore:
    """Rows on disk: ``parts/<point_id>.parquet`` as points finish, ``points.parquet`` when gathered."""

    def __init__(self, out_dir: str | Path):
        self.out = Path(out_dir)
        self.parts = self.out / "parts"
        self.table_path = self.out / "points.parquet"

    def prepare(self) -> None:
        if self.out.exists() and not self.out.is_dir():
            raise InputError("--out", f"{self.out} is a file", "a folder (created if missing)")
        self.parts.mkdir(parents=True, exist_ok=True)

    def write_row(self, row: dict[str, Any]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        tmp = self.parts / f".{row['point_id']}.{os.getpid()}.tmp"
        pq.write_table(pa.Table.from_pylist([row]), tmp)
        os.replace(tmp, self.parts / f"{row['point_id']}.parquet")

    def rows(self) -> list[dict[str, Any]]:
        """Every stored row (gathered table first, then parts; the last copy of a point wins)."""
        import pyarrow.parquet as pq

        found: dict[str, dict] = {}
        if self.table_path.is_file():
            for row in pq.read_table(self.table_path).to_pylist():
                found[row["point_id"]] = row
        if self.parts.is_dir():
            for f in sorted(self.parts.glob("*.parquet")):
                for row in pq.read_table(f).to_pylist():
                    found[row["point_id"]] = row
        return list(found.values())

    def gather(self, order: list[str]):
        """Write ``points.parquet`` (rows in sweep order, columns unified) and drop the parts."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        by_id = {r["point_id"]: r for r in self.rows()}
        rows = [by_id[i] for i in order if i in by_id]
        columns: dict[str, None] = {}
        for r in rows:
            columns.update(dict.fromkeys(r))
        table = pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows])
        tmp = self.out / ".points.parquet.tmp"
        pq.write_table(table, tmp)
        os.replace(tmp, self.table_path)
        for f in self.parts.glob("*.parquet"):
            f.unlink()
        return table


# --- running ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SweepResult:
    """What a sweep did: counts, timing, the Parquet file, the summary figure and the best point."""

    points: int
    resumed: int
    computed: int
    errors: int
    wall_s: float
    executor: str
    parquet: str
    objective: str
    best: dict[str, Any] | None
    figures: tuple[str, ...] = ()
    ties: tuple[dict[str, Any], ...] = ()  # every point sharing the best objective value (best among them)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def _warm_worker_plugin(scenario: dict, sections: tuple[str, ...], point: dict[str, Any]):
    """Dask worker plugin: import the swept sections and warm their kernels once per worker."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class WarmWorker(WorkerPlugin):
        name = "spaceplan-warm"

        def setup(self, worker=None):
            evaluate_point(scenario, point, sections)

    return WarmWorker()


def broadcast(client, obj):
    """Send ``obj`` to every worker once, as ONE object under a fresh key.

    ``client.scatter(a_dict)`` would scatter the dict's values under keys named after its entries (the
    scenario's section names), so tasks of a later sweep or bisection round could ask for data an earlier
    one is releasing ("lost dependencies"), and a killed worker's share could not be recovered."""
    return client.scatter([obj], broadcast=True, hash=False)[0]


def _evaluate_one_thread(scenario: dict, point: dict[str, Any], sections: tuple[str, ...],
                         columns: Callable | None = None) -> dict[str, Any]:
    """A point on a Dask worker: numba kernels on one thread, since the cluster runs points in parallel
    (a worker's prange kernels on every core would oversubscribe the machine)."""
    import numba

    numba.set_num_threads(1)  # per calling thread: the worker's executor thread
    return evaluate_point(scenario, point, sections, columns)


def check_objective(objective: str, row: dict[str, Any]) -> None:
    """Refuse an objective that is not a column of a computed row (checked on the first good point,
    so a misspelt key stops the sweep at once instead of finishing it without a best point)."""
    if objective and not row.get("error") and objective not in row:
        columns = [c for c in row if "." in c and isinstance(row[c], (int, float)) and not isinstance(row[c], bool)]
        near = near_matches(objective, columns)
        hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
        raise InputError("sweep.objective", f"{objective!r} is not a result of the swept sections{hint}",
                         ", ".join(sorted(columns)))


def _run_serial(todo, scenario, sections, store, progress, objective=""):
    done = 0
    for point in todo:
        row = evaluate_point(scenario, point, sections)
        store.write_row(row)
        check_objective(objective, row)
        done += 1
        progress(done, len(todo))


CLUSTER_RETRIES = 2  # resubmissions of a point whose task the cluster lost (not a model error: those are rows)


def _run_dask(todo, scenario, sections, store, progress, client, objective=""):
    """Points as tasks on ``client``'s workers, rows stored as they finish.

    A model error is a row (``evaluate_point`` records it); an exception from the future itself is the
    cluster's: a worker died with the task (``KilledWorker`` after Dask's own retries) or with the only copy
    of the scattered scenario, whose dependents the scheduler then forgets ("cancelled: already forgotten").
    Such a point is resubmitted, with the scenario sent again under a fresh key, up to ``CLUSTER_RETRIES``
    times before its row records the failure."""
    from distributed import as_completed

    client.register_plugin(_warm_worker_plugin(scenario, sections, todo[0]), name="spaceplan-warm")
    scattered = broadcast(client, scenario)
    futures = {client.submit(_evaluate_one_thread, scattered, p, sections, key=f"point-{point_id(p)}", pure=False): p
               for p in todo}
    retries: dict[str, int] = {}
    done = 0
    pending = as_completed(futures)
    for future in pending:
        point = futures.pop(future)
        try:
            row = future.result()
        except Exception as exc:
            pid = point_id(point)
            retries[pid] = retries.get(pid, 0) + 1
            if retries[pid] <= CLUSTER_RETRIES:
                scattered = broadcast(client, scenario)  # small; it may be what was lost
                again = client.submit(_evaluate_one_thread, scattered, point, sections,
                                      key=f"point-{pid}-retry{retries[pid]}", pure=False)
                futures[again] = point
                pending.add(again)
                future.release()
                continue
            row = {"point_id": pid, **point, "error": f"{type(exc).__name__}: {exc}", "wall_s": None}
        store.write_row(row)
        try:
            check_objective(objective, row)
        except InputError:
            client.cancel(list(futures))
            raise
        done += 1
        progress(done, len(todo))
        future.release()


@contextlib.contextmanager
def local_client(workers: int = 2):
    """A ``distributed.Client`` on a LocalCluster of ``workers`` single-threaded processes.

    Dask's nanny sets ``MALLOC_TRIM_THRESHOLD_=65536`` in its workers to return memory eagerly;
    for these array-heavy points it makes glibc unmap and re-fault every large temporary and slows
    each point by about 1.6x (measured on the Rassvet sweep), so it is left at glibc's default.
    """
    import dask
    from distributed import Client, LocalCluster

    environ = {k: v for k, v in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
               if k != "MALLOC_TRIM_THRESHOLD_"}
    with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}), \
            LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None, processes=True,
                         env={"NUMBA_NUM_THREADS": "1"}) as cluster, Client(cluster) as client:
        yield client


def run_sweep(scenario: dict, out_dir: str | Path, *, client=None, retry_errors: bool = False,
              progress: Callable[[int, int], None] | None = None, figure: bool = True) -> SweepResult:
    """Evaluate every point of ``scenario["sweep"]`` not already stored in ``out_dir``.

    ``client``: a ``distributed.Client`` (points run on its workers), or None to run here, serially.
    ``retry_errors``: also recompute stored points whose row records an error.
    """
    t0 = time.perf_counter()
    progress = progress or (lambda done, total: None)
    if "sweep" not in scenario:
        raise InputError("scenario", "has no [sweep] table", "a [sweep] table with [sweep.parameters]")
    config = SweepConfig.from_table(scenario["sweep"])
    parameters = parse_parameters(config.parameters)
    sections = tuple(dict.fromkeys(p.section for p in parameters))
    if config.objective and config.objective.split(".", 1)[0] not in sections:
        raise InputError("sweep.objective", f"{config.objective!r} is not a result of a swept section",
                         ", ".join(f"{s}.<key>" for s in sections))
    points = sweep_points(config, parameters)
    store = SweepStore(out_dir)
    store.prepare()
    stored = {r["point_id"]: r for r in store.rows()}
    keep = {i for i, r in stored.items() if not (retry_errors and r.get("error"))}
    order = [point_id(p) for p in points]
    todo = [p for p, i in zip(points, order) if i not in keep]
    resumed = len(points) - len(todo)
    base = {k: v for k, v in scenario.items() if k != "sweep"}
    for row in stored.values():  # a resumed sweep: check the objective before computing anything
        check_objective(config.objective, row)
    progress(0, len(todo))
    if todo:
        if client is None:
            _run_serial(todo, base, sections, store, progress, config.objective)
        else:
            _run_dask(todo, base, sections, store, progress, client, config.objective)
    table = store.gather(order)
    rows = table.to_pylist()
    errors = sum(1 for r in rows if r.get("error"))
    best = None
    ties: tuple[dict[str, Any], ...] = ()
    figures: tuple[str, ...] = ()
    if config.objective:
        scored = [r for r in rows if not r.get("error") and isinstance(r.get(config.objective), (int, float))]
        for row in rows:
            check_objective(config.objective, row)
        if scored:
            keys = [p.path for p in parameters] + [config.objective]
            ties = tuple({k: r[k] for k in keys} for r in best_points(scored, config.objective))
            best = ties[0]
        if figure and scored:
            from spaceplan.study.sweep_plots import plot_sweep

            figures = plot_sweep(rows, [p.path for p in parameters], config.objective, Path(out_dir) / "sweep")
    executor = "serial" if client is None else f"dask ({len(client.scheduler_info()['workers'])} workers)"
    return SweepResult(len(points), resumed, len(todo), errors, time.perf_counter() - t0, executor,
                       str(store.table_path), config.objective, best, figures, ties)


TIE_RTOL = 1e-9  # objective values this close (relative to the best) are the same value


def best_points(rows: list[dict[str, Any]], objective: str) -> list[dict[str, Any]]:
    """The rows that reach the highest ``objective``, in sweep order.

    A sweep often has a plateau (every design above some altitude covers a region completely):
    the maximum is then not one point, and picking the first would be arbitrary.  All of them are
    returned; ``best`` is the first in sweep order, reported as one of ``len(ties)``.
    """
    top = max(r[objective] for r in rows)
    tol = TIE_RTOL * max(1.0, abs(top))
    return [r for r in rows if r[objective] >= top - tol]
