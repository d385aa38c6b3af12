"""Helpers that turn result dataclasses into JSON-ready dictionaries.

Result objects are frozen dataclasses with a ``to_dict()`` whose keys are
snake_case and carry their display unit (``c3_km2s2``, ``tof_days``).
``jsonable`` converts numpy scalars and arrays, datetimes and non-finite
floats (to ``None``) so ``json.dumps`` never fails and never emits ``NaN``.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import math
from typing import Any

import numpy as np


def jsonable(obj: Any) -> Any:
    """Recursively convert ``obj`` into plain JSON types."""
    if hasattr(obj, "to_dict") and not isinstance(obj, type):
        return jsonable(obj.to_dict())
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return jsonable(obj.tolist())
    if isinstance(obj, (np.bool_, bool)):
        return bool(obj)
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        value = float(obj)
        return value if math.isfinite(value) else None
    if isinstance(obj, np.datetime64):
        return str(np.datetime_as_string(obj, unit="s")) + "Z"
    if isinstance(obj, (_dt.datetime, _dt.date)):
        return obj.isoformat()
    return obj


def dumps(obj: Any, indent: int | None = 2) -> str:
    """JSON text of ``obj`` (after :func:`jsonable`), strict: no NaN or Infinity."""
    return json.dumps(jsonable(obj), indent=indent, allow_nan=False)


def frame(columns_or_rows):
    """A pandas DataFrame from a dict of equal-length columns or a list of row dicts (``to_frame()`` of tabular
    results).  pandas (BSD-3-Clause) is imported here, on first use, so the models do not need it."""
    import pandas as pd

    return pd.DataFrame(columns_or_rows)
