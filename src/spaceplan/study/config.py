"""Typed, range-checked configuration of a study section.

A section declares its ``[section]`` table as a frozen dataclass deriving from :class:`SectionConfig`;
each field has a default and, through :func:`option`, an allowed range and a one-line help text.
``Config.from_table(table)`` checks every key of a scenario table against the fields (unknown keys,
element types, ranges, list lengths) and raises a :class:`~spaceplan.core.errors.InputError` naming
``section.key`` and what is allowed, so the schema, the defaults and the documentation are one thing.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, ClassVar

from spaceplan.core.errors import InputError, UnknownNameError


def option(default: Any, help: str = "", *, lo: float | None = None, hi: float | None = None,
           choices: tuple | None = None, length: int | None = None) -> Any:
    """A config field: its default, a help line and its allowed range (numbers, or each list element)."""
    meta = {"help": help, "lo": lo, "hi": hi, "choices": choices, "length": length}
    if isinstance(default, (list, dict, tuple)):
        frozen = tuple(default) if isinstance(default, list) else default
        return dataclasses.field(default_factory=lambda: frozen, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return {str: "a string", list: "a list", tuple: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _check_scalar(where: str, tp: Any, value: Any, meta: dict) -> Any:
    """Coerce ``value`` to ``tp`` (float accepts int) and check it against the field's range."""
    if tp is Any:
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(where, f"expected a number, got {_kind(value)} {value!r}")
        value = float(value)
        if value != value or value in (float("inf"), float("-inf")):
            raise InputError(where, f"got {value!r}", "a finite number")
    elif tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(where, f"expected an integer, got {_kind(value)} {value!r}")
    elif tp is bool:
        if not isinstance(value, bool):
            raise InputError(where, f"expected a boolean, got {_kind(value)} {value!r}", "true or false")
    elif tp is str:
        if not isinstance(value, str):
            raise InputError(where, f"expected a string, got {_kind(value)} {value!r}")
    elif typing.get_origin(tp) in (tuple, list):
        return _check_sequence(where, tp, value, meta)
    elif tp is dict or typing.get_origin(tp) is dict:
        if not isinstance(value, dict):
            raise InputError(where, f"expected a table, got {_kind(value)} {value!r}")
        return dict(value)
    lo, hi, choices = meta.get("lo"), meta.get("hi"), meta.get("choices")
    if lo is not None and value < lo or hi is not None and value > hi:
        allowed = f"{lo if lo is not None else '-inf'} to {hi if hi is not None else 'inf'}"
        raise InputError(where, f"got {value!r}", allowed)
    if choices is not None and value not in choices:
        raise InputError(where, f"got {value!r}", ", ".join(map(str, choices)))
    return value


def _check_sequence(where: str, tp: Any, value: Any, meta: dict) -> tuple:
    if not isinstance(value, (list, tuple)):
        raise InputError(where, f"expected a list, got {_kind(value)} {value!r}")
    args = typing.get_args(tp)
    length = meta.get("length")
    if args and args[-1] is not Ellipsis and typing.get_origin(tp) is tuple:  # fixed-length tuple
        if len(value) != len(args):
            raise InputError(where, f"expected {len(args)} elements, got {len(value)}")
        return tuple(_check_scalar(f"{where}[{i}]", a, v, meta) for i, (a, v) in enumerate(zip(args, value)))
    if length is not None and len(value) != length:
        raise InputError(where, f"expected {length} elements, got {len(value)}")
    elem = args[0] if args else Any
    return tuple(_check_scalar(f"{where}[{i}]", elem, v, meta) for i, v in enumerate(value))


def _strip_optional(tp: Any) -> tuple[Any, bool]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


@dataclasses.dataclass(frozen=True)
class SectionConfig:
    """Base of every section's config dataclass.  Subclasses set ``SECTION`` and declare fields."""

    SECTION: ClassVar[str] = "section"

    @classmethod
    def from_table(cls, table: Any) -> "SectionConfig":
        """The config from a scenario's ``[SECTION]`` table (None or missing keys: the defaults)."""
        if table is None:
            table = {}
        if not isinstance(table, dict):
            raise InputError(f"scenario [{cls.SECTION}]", f"must be a table, got {_kind(table)} {table!r}")
        fields = {f.name: f for f in dataclasses.fields(cls)}
        hints = typing.get_type_hints(cls)
        values = {}
        for key, value in table.items():
            if key not in fields:
                raise UnknownNameError(f"{cls.SECTION}.{key}", key, list(fields))
            tp, optional = _strip_optional(hints[key])
            where = f"{cls.SECTION}.{key}"
            if value is None and optional:
                values[key] = None
                continue
            checked = _check_scalar(where, tp, value, dict(fields[key].metadata))
            if isinstance(checked, dict):
                default = getattr(cls(), key)
                checked = {**(default or {}), **checked}
            values[key] = checked
        return cls(**values)

    @classmethod
    def describe(cls) -> list[tuple[str, Any, str]]:
        """(key, default, help) for every field: the section's documentation, from its schema."""
        default = cls()
        return [(f.name, getattr(default, f.name), f.metadata.get("help", "")) for f in dataclasses.fields(cls)]

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def join_names(names) -> str:
    """"A", "A and B", "A, B and C": configured names in prose."""
    names = [str(n) for n in names]
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]
