"""Domain values to plain JSON-ready data and back, driven by the dataclass type hints.

Used for the few values that are stored as JSON (a transfer course's inline attributes, a
meeting's plan snapshot) and for plan bundles. The mapping is generic so that a field added to a
domain class (with a default) is carried without touching this module: enums become their value,
dates ISO strings, tuples and frozensets lists, and a union of dataclasses (a prerequisite
expression) is tagged with ``"$type"``.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar, cast

T = TypeVar("T")


class CodecError(ValueError):
    """Data that does not fit the domain class it was read as (a damaged or foreign file)."""


def to_data(value: object) -> Any:
    """A JSON-ready structure for a domain value (dataclass, enum, date, tuple, mapping...)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            out[f.name] = to_data(getattr(value, f.name))
        return out
    if isinstance(value, frozenset | set):
        return sorted((to_data(v) for v in value), key=repr)
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): to_data(v) for k, v in value.items()}
    raise CodecError(f"cannot encode a {type(value).__name__}")


def from_data(cls: type[T], data: Any) -> T:
    """Rebuild a domain dataclass from :func:`to_data` output; raises :class:`CodecError`."""
    return cast(T, _decode(cls, data, cls.__name__))


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    module = __import__(cls.__module__, fromlist=["_"])
    return typing.get_type_hints(cls, globalns=vars(module))


def _decode(tp: Any, data: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    if tp is Any or tp is object:
        return data
    if origin in (types.UnionType, typing.Union):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if data is None:
            return None
        if len(args) == 1:
            return _decode(args[0], data, where)
        if all(dataclasses.is_dataclass(a) for a in args) and isinstance(data, dict):
            name = data.get("$type")
            for a in args:
                if a.__name__ == name:
                    return _decode(a, data, where)
            raise CodecError(f"{where}: unknown or missing $type {name!r}")
        for a in args:  # simple unions of scalars
            try:
                return _decode(a, data, where)
            except (CodecError, ValueError, TypeError):
                continue
        raise CodecError(f"{where}: {data!r} fits none of {tp}")
    if origin in (tuple, frozenset, list, set):
        if not isinstance(data, list):
            raise CodecError(f"{where}: expected a list")
        item_tp = typing.get_args(tp)[0] if typing.get_args(tp) else Any
        items = [_decode(item_tp, d, f"{where}[{i}]") for i, d in enumerate(data)]
        return (origin or tuple)(items) if origin is not list else items
    if origin in (Mapping, dict, typing.get_origin(Mapping[str, int])):
        if not isinstance(data, dict):
            raise CodecError(f"{where}: expected an object")
        kv = typing.get_args(tp)
        val_tp = kv[1] if len(kv) == 2 else Any
        return {str(k): _decode(val_tp, v, f"{where}.{k}") for k, v in data.items()}
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            if not isinstance(data, dict):
                raise CodecError(f"{where}: expected an object for {tp.__name__}")
            hints = _hints(tp)
            kwargs: dict[str, Any] = {}
            for f in dataclasses.fields(tp):
                if f.name in data:
                    kwargs[f.name] = _decode(hints[f.name], data[f.name], f"{where}.{f.name}")
                elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                    raise CodecError(f"{where}: missing {f.name!r}")
            return tp(**kwargs)
        if issubclass(tp, Enum):
            try:
                return tp(data)
            except ValueError as exc:
                raise CodecError(f"{where}: {data!r} is not a {tp.__name__}") from exc
        if tp is datetime:
            return _parse(datetime.fromisoformat, data, where)
        if tp is date:
            return _parse(date.fromisoformat, data, where)
        if tp is bool:
            if not isinstance(data, bool):
                raise CodecError(f"{where}: expected true or false")
            return data
        if tp is float:
            if isinstance(data, bool) or not isinstance(data, int | float):
                raise CodecError(f"{where}: expected a number")
            return float(data)
        if tp is int:
            if isinstance(data, bool) or not isinstance(data, int):
                raise CodecError(f"{where}: expected a whole number")
            return data
        if tp is str:
            if not isinstance(data, str):
                raise CodecError(f"{where}: expected text")
            return data
    raise CodecError(f"{where}: cannot decode type {tp!r}")


def _parse(func: Any, data: Any, where: str) -> Any:
    if not isinstance(data, str):
        raise CodecError(f"{where}: expected an ISO date")
    try:
        return func(data)
    except ValueError as exc:
        raise CodecError(f"{where}: {data!r} is not an ISO date") from exc


def to_tagged_data(value: object) -> Any:
    """:func:`to_data` that also tags every dataclass with ``"$type"`` (for union fields)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {"$type": type(value).__name__}
        for f in dataclasses.fields(value):
            out[f.name] = to_tagged_data(getattr(value, f.name))
        return out
    if isinstance(value, tuple | list):
        return [to_tagged_data(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): to_tagged_data(v) for k, v in value.items()}
    return to_data(value)


def dumps(value: object) -> str:
    """Canonical JSON of a domain value: sorted keys, no spaces, tagged dataclasses."""
    return json.dumps(to_tagged_data(value), sort_keys=True, separators=(",", ":"))


def loads(cls: type[T], text: str) -> T:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CodecError(f"not JSON: {exc}") from exc
    return from_data(cls, data)


def content_hash(data: Any) -> str:
    """A SHA-256 over the canonical JSON of ``data`` (already JSON-ready)."""
    raw = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()
