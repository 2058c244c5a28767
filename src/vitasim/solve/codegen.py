"""Turn a :class:`~vitasim.model.System` into compiled functions.

The generated source defines, for one system, scalar numba functions over one person:
``derive(p)`` (fill derived per-person quantities), ``init(p, y)``, ``rhs(y, p, dy)`` and
``outputs(y, p, out)``, the two blocks of a split (``rhs_up``, ``rhs_down``), plus the Jacobian's
structural pattern, column colouring and symbolic LU (:mod:`vitasim.solve.sparsity`) as constant
arrays: only the model, no numerics.  :func:`compile_system` imports it and binds it to the
generic numerics (:mod:`vitasim.solve.bind`).  The file is written to a cache directory keyed by
a hash of its text (so is its name), so numba's on-disk cache makes the second process start fast.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

from vitasim.model import System
from vitasim.model.expressions import names, render
from vitasim.solve.bind import CompiledModel, bind
from vitasim.solve.sparsity import JacobianPattern, SparseLU, pattern, sparse_lu
from vitasim.solve.transients import exact_states

_FUNCS = {"exp": "math.exp", "log": "math.log", "sqrt": "math.sqrt", "min": "min", "max": "max",
          "abs": "abs"}


def _body(system: System, *, with_states: bool) -> list[str]:
    lines = [f"    {n} = p[{i}]" for i, n in enumerate(system.pnames)]
    if with_states:
        lines += [f"    {s} = y[{i}]" for i, s in enumerate(system.snames)]
        lines += [f"    {x.name} = {render(x.expr, func_map=_FUNCS)}" for x in system.intermediates]
    return lines


def _needed_intermediates(system: System, exprs: list[str]) -> list:
    """The intermediates (in order) that ``exprs`` read, directly or through other intermediates."""
    defined = {x.name: x for x in system.intermediates}
    need: set[str] = set()
    todo = [n for e in exprs for n in names(e) if n in defined]
    while todo:
        n = todo.pop()
        if n not in need:
            need.add(n)
            todo += [m for m in names(defined[n].expr) if m in defined]
    return [x for x in system.intermediates if x.name in need]


def _partial_rhs(system: System, fname: str, idx: list[int]) -> list[str]:
    """A right-hand side that writes only ``dy[i]`` for i in ``idx`` (computing only what they read)."""
    exprs = [system.equations[system.snames[i]] for i in idx]
    lines = ["", "@njit(cache=True)", f"def {fname}(y, p, dy):"]
    lines += [f"    {n} = p[{i}]" for i, n in enumerate(system.pnames)]
    lines += [f"    {st} = y[{i}]" for i, st in enumerate(system.snames)]
    lines += [f"    {x.name} = {render(x.expr, func_map=_FUNCS)}" for x in _needed_intermediates(system, exprs)]
    lines += [f"    dy[{i}] = {render(e, func_map=_FUNCS)}" for i, e in zip(idx, exprs)]
    lines.append("    return None")
    return lines


def _array(name: str, values) -> str:
    return f"{name} = np.array({list(map(int, values))}, dtype=np.int64)"


def _pattern_lines(prefix: str, jp: JacobianPattern, lu: SparseLU) -> list[str]:
    lines = [_array(f"{prefix}_COLPTR", jp.colptr), _array(f"{prefix}_ROWS", jp.rows),
             _array(f"{prefix}_COLOR", jp.color), f"{prefix}_NCOLORS = {jp.n_colors}"]
    for field in ("perm", "fill_i", "fill_j", "fill_structural", "lcol_ptr", "lcol_rows", "lrow_ptr",
                  "lrow_cols", "urow_ptr", "urow_cols"):
        lines.append(_array(f"{prefix}_LU_{field.upper()}", getattr(lu, field)))
    return lines


def split_source(system: System, down: tuple[int, ...]) -> str:
    """Source for integrating the system as two blocks: the states outside ``down`` first, on
    their own (``rhs_up``), then ``down`` with them as a known input (``rhs_down``, and the
    pattern and symbolic LU of the ``down`` block in local indices, prefix ``DOWN``).  Without a
    split (``down`` = every state) the functions still exist, so the solver compiles either way."""
    up = [i for i in range(len(system.states)) if i not in set(down)]
    src = ["", _array("UP_IDX", up), _array("DOWN_IDX", down)]
    # states that decay linearly on their own: exact between doses in the explicit passes
    exact_all = exact_states(system)
    exact_up = exact_states(system, up)
    src += [_array("FULL_EXACT_IDX", exact_all),
            _array("FULL_NORM_IDX", [i for i in range(len(system.states)) if i not in exact_all]),
            _array("UP_EXACT_IDX", exact_up), _array("UP_NORM_IDX", [i for i in up if i not in exact_up])]
    src += _partial_rhs(system, "rhs_up", up)
    src += _partial_rhs(system, "rhs_down", list(down))
    jp = pattern(system, down)
    src += [""] + _pattern_lines("DOWN", jp, sparse_lu(jp))
    return "\n".join(src) + "\n"


def model_source(system: System) -> str:
    """Python source of the per-person model functions (no solver)."""
    n_par = len(system.parameters) + len(system.covariates)
    src = ["import math", "import numpy as np", "from numba import njit", "",
           f"N_STATES = {len(system.states)}", f"N_OUTPUTS = {len(system.outputs)}", "",
           "@njit(cache=True)", "def derive(p):"]
    src += [f"    {n} = p[{i}]" for i, n in enumerate(system.pnames[:n_par])]
    for k, d in enumerate(system.derived):
        src += [f"    {d.name} = {render(d.expr, func_map=_FUNCS)}", f"    p[{n_par + k}] = {d.name}"]
    src += ["    return None", "", "@njit(cache=True)", "def init(p, y):"]
    src += _body(system, with_states=False)
    src += [f"    y[{i}] = {render(s.initial, func_map=_FUNCS)}" for i, s in enumerate(system.states)]
    src += ["", "@njit(cache=True, fastmath=False)", "def rhs(y, p, dy):"]
    src += _body(system, with_states=True)
    src += [f"    dy[{i}] = {render(system.equations[s], func_map=_FUNCS)}"
            for i, s in enumerate(system.snames)]
    jp = pattern(system)
    src += [""] + _pattern_lines("JAC", jp, sparse_lu(jp))
    src += ["", "@njit(cache=True)", "def outputs(y, p, out):"]
    src += _body(system, with_states=True)
    src += [f"    out[{i}] = {render(o.expr, func_map=_FUNCS)}" for i, o in enumerate(system.outputs)]
    return "\n".join(src) + "\n"


def full_source(system: System, down: tuple[int, ...] | None = None) -> str:
    """Model functions and the two-block split (``down``; none: one block)."""
    down = tuple(range(len(system.states))) if down is None else tuple(down)
    return model_source(system) + split_source(system, down)


def cache_dir() -> Path:
    """Where generated modules (and numba's compiled cache beside them) live."""
    root = os.environ.get("VITASIM_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "vitasim")
    path = Path(root) / f"py{sys.version_info.major}{sys.version_info.minor}"
    path.mkdir(parents=True, exist_ok=True)
    return path


_LOADED: dict[str, CompiledModel] = {}
# id(system) -> (the system, {down: compiled}); holding the system keeps its id from being reused.
_BY_SYSTEM: dict[int, tuple[System, dict[tuple[int, ...] | None, CompiledModel]]] = {}


def compile_system(system: System, down: tuple[int, ...] | None = None) -> CompiledModel:
    """The compiled model of ``system`` (split at ``down``, see :func:`split_source`).

    Made once per system object: a second call is a dictionary lookup (no source text, no
    sparse LU).  Equal systems built separately share the generated module (keyed by its text).
    """
    key = None if down is None else tuple(int(i) for i in down)
    seen = _BY_SYSTEM.get(id(system))
    if seen is not None and seen[0] is system and key in seen[1]:
        return seen[1][key]
    compiled = _compile_text(full_source(system, key))
    _BY_SYSTEM.setdefault(id(system), (system, {}))[1][key] = compiled
    return compiled


def _compile_text(text: str) -> CompiledModel:
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    if digest in _LOADED:
        return _LOADED[digest]
    name = f"vitasim_gen_{digest}"
    path = cache_dir() / f"{name}.py"
    if not path.exists() or path.read_text() != text:
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w") as fh:
            fh.write(text)
        os.replace(tmp, path)  # atomic: a concurrent reader never sees half a file
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    _LOADED[digest] = bind(module)
    return _LOADED[digest]
