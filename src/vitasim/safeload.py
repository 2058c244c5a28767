"""Reading a profile file that may be hostile: bounded work before and while parsing.

A profile is a few kilobytes of YAML or JSON.  Before anything is parsed the file must be a
regular file (not ``/dev/zero``, a pipe or a directory) of at most :data:`MAX_BYTES`; at most
that many bytes are ever read.  YAML is checked on its event stream (linear time, no objects
built) before it is loaded: anchors and aliases are refused (an alias bomb expands to gigabytes),
nesting deeper than :data:`MAX_DEPTH` is refused, and a key given twice in one mapping is
refused with its path (``regimen[0].dose``), where YAML and JSON would silently keep the last.
Integers longer than :data:`MAX_INT_DIGITS` digits are refused.  A UTF-8 byte-order mark (as
some Windows editors write) is removed.  Every refusal is a
:class:`~vitasim.errors.VitasimInputError` on the field ``profile`` (or the duplicated key's path).
"""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import yaml

from vitasim.errors import VitasimInputError, cut

MAX_BYTES = 256 * 1024       # 256 KiB: a profile with years of dated labs is a few kB
MAX_DEPTH = 32               # the profile format nests 4 levels deep (labs.25ohd[0].value)
MAX_INT_DIGITS = 30          # no field takes a number with more digits

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _path(source: str | bytes | os.PathLike) -> Path:
    try:
        return Path(os.fsdecode(source))
    except (TypeError, ValueError):
        raise VitasimInputError("profile", "expected a file path") from None


def read_bytes(source: str | bytes | os.PathLike, max_bytes: int = MAX_BYTES) -> tuple[Path, bytes]:
    """The file's bytes, refusing non-regular files and files larger than ``max_bytes``."""
    path = _path(source)
    shown = cut(str(path))
    if "\x00" in str(path):
        raise VitasimInputError("profile", "the file name contains a NUL character")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise VitasimInputError("profile", f"file not found: {shown}") from None
    except OSError as exc:
        raise VitasimInputError("profile", f"cannot read {shown}: {exc.strerror or exc.__class__.__name__}") from None
    if stat.S_ISDIR(info.st_mode):
        raise VitasimInputError("profile", f"{shown} is a directory, not a profile file")
    if not stat.S_ISREG(info.st_mode):
        raise VitasimInputError("profile", f"{shown} is not a regular file (a device, pipe or socket)")
    if info.st_size > max_bytes:
        raise VitasimInputError("profile", f"{shown} is {info.st_size / 1024 / 1024:.1f} MiB; a profile is at most "
                                           f"{max_bytes // 1024} KiB")
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise VitasimInputError("profile", f"cannot read {shown}: {exc.strerror or exc.__class__.__name__}") from None
    if len(data) > max_bytes:   # grew after stat
        raise VitasimInputError("profile", f"{shown} is larger than {max_bytes // 1024} KiB")
    return path, data


def decode(data: bytes, name: str) -> str:
    """UTF-8 text, a leading byte-order mark removed."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise VitasimInputError("profile", f"{cut(name)} is not UTF-8 text (byte {exc.start})") from None


def _join(path: str, key: object) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def check_yaml_events(text: str, name: str) -> None:
    """Refuse aliases, anchors, deep nesting, complex or duplicate keys, from the event stream."""
    # Each open container: [kind, path, seen keys or next index, expecting a key?]
    stack: list[list[Any]] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1 if event.start_mark is not None else 0
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise VitasimInputError("profile", f"{cut(name)} line {line}: YAML anchors and aliases (& and *) are "
                                                   "not accepted in a profile; write each value out")
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                _advance(stack)
                continue
            if not isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                continue
            path = stack[-1][1] if stack else ""
            if stack and stack[-1][0] == "map" and stack[-1][3]:          # a key
                if not isinstance(event, yaml.ScalarEvent):
                    raise VitasimInputError(path or "profile", f"line {line}: a key must be a plain name")
                key = event.value
                if key in stack[-1][2]:
                    raise VitasimInputError(_join(path, key), f"given twice (line {stack[-1][2][key]} and line "
                                                              f"{line}); give each field once")
                stack[-1][2][key] = line
                stack[-1][4] = key
                stack[-1][3] = False
                continue
            if stack:   # a value: its path
                here = _join(path, stack[-1][4] if stack[-1][0] == "map" else stack[-1][2])
            else:
                here = ""
            if isinstance(event, yaml.ScalarEvent):
                _check_scalar(event, here)
                _advance(stack)
                continue
            if len(stack) >= MAX_DEPTH:
                raise VitasimInputError(here or "profile", f"nested more than {MAX_DEPTH} levels deep")
            if isinstance(event, yaml.MappingStartEvent):
                stack.append(["map", here, {}, True, None])
            else:
                stack.append(["seq", here, 0, False, None])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        if "nesting depth" in str(exc):     # libyaml's own limit, reached before ours in flow style
            raise VitasimInputError("profile", f"{cut(name)} is nested more than {MAX_DEPTH} levels deep") from None
        raise VitasimInputError("profile", f"{cut(name)} is not valid YAML{where}") from None


def _advance(stack: list[list[Any]]) -> None:
    """After a value: a mapping expects a key next, a sequence its next index."""
    if not stack:
        return
    if stack[-1][0] == "map":
        stack[-1][3] = True
    else:
        stack[-1][2] += 1


def _check_scalar(event: Any, path: str) -> None:
    value = event.value.strip().replace("_", "")
    digits = value.lstrip("+-")
    if event.implicit[0] and digits.isdigit() and len(digits) > MAX_INT_DIGITS:
        raise VitasimInputError(path or "profile", f"a number with {len(digits)} digits; at most "
                                                   f"{MAX_INT_DIGITS} are accepted")


class _Object(dict):
    """A JSON object that remembers keys given twice (json.loads would keep the last silently)."""

    duplicate: str | None = None


def _pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object()
    for key, value in pairs:
        if key in obj and obj.duplicate is None:
            obj.duplicate = key
        obj[key] = value
    return obj


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _TooLong(len(text.lstrip("-")))
    return int(text)


class _TooLong(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _find_duplicate(data: Any, path: str = "", depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise VitasimInputError(path or "profile", f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(data, dict):
        if getattr(data, "duplicate", None) is not None:
            raise VitasimInputError(_join(path, data.duplicate), "given twice; give each field once")
        for key, value in data.items():
            _find_duplicate(value, _join(path, key), depth + 1)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _find_duplicate(value, _join(path, i), depth + 1)


def _plain(data: Any) -> Any:
    """_Object -> dict (callers see ordinary mappings)."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def loads_json(text: str, name: str) -> Any:
    """JSON with duplicate keys, deep nesting and huge integers refused."""
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_int=_int)
    except _TooLong as exc:
        raise VitasimInputError("profile", f"{cut(name)}: a number with {exc.digits} digits; at most "
                                           f"{MAX_INT_DIGITS} are accepted") from None
    except RecursionError:
        raise VitasimInputError("profile", f"{cut(name)} is nested more than {MAX_DEPTH} levels deep") from None
    except json.JSONDecodeError as exc:
        raise VitasimInputError("profile", f"{cut(name)} is not valid JSON at line {exc.lineno}") from None
    except ValueError:   # e.g. Python's own limit on integer digits
        raise VitasimInputError("profile", f"{cut(name)} holds a number vitasim cannot read") from None
    _find_duplicate(data)
    return _plain(data)


def loads_yaml(text: str, name: str) -> Any:
    """YAML (the safe subset: no tags, anchors or aliases) after the event-stream checks."""
    check_yaml_events(text, name)
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise VitasimInputError("profile", f"{cut(name)} is not valid YAML{where}") from None
    except (ValueError, RecursionError, OverflowError):
        raise VitasimInputError("profile", f"{cut(name)} holds a value vitasim cannot read") from None


def load_file(source: str | bytes | os.PathLike) -> Any:
    """A profile file (``.json`` read as JSON, anything else as YAML) into plain data."""
    path, data = read_bytes(source)
    text = decode(data, path.name)
    if path.suffix.lower() == ".json":
        return loads_json(text, path.name)
    return loads_yaml(text, path.name)
